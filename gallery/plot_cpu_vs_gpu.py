"""
CPU against GPU, re-measured
============================

The lecture timed training an ``nn.RNN`` on long one-hot sequences on a CPU and a GPU, with and
without the backward pass, and found the GPU 6 to 29 times faster (its figures, quoted below).
Those numbers belong to its machine. This page measures the same experiment on the machine that
built this site: always on the CPU, and on CUDA when there is one, with a ratio column then.

To run this script yourself, install the book's package first, from a clone of its repository:
``pip install -e .`` (it needs Python 3.11+ and installs torch, numpy and matplotlib).
"""

# %%
# What was measured
# -----------------
# One epoch is a forward pass over the whole sequence, the cross-entropy of a linear head, and,
# in the rows marked "backward", the backward pass and an Adam step. Each figure is the median of
# three epochs after a warm-up. ``LSTM_EXPLAINED_TIMING_SCALE`` (between 0 and 1) shortens the
# sequences for a quicker build; the table shows the lengths actually used.
import matplotlib.pyplot as plt
import torch

from lstm_explained import devices, timing

device = devices.default_device()
print("device:", devices.describe(device))
print("CUDA available:", torch.cuda.is_available())
rows = timing.measure(repeats=3)
table = timing.lecture_table(rows)
print(table.caption)
table

# %%
# The lecture's seconds are totals over an unstated number of epochs, so only its ratio column can
# be compared with ours; our seconds are per epoch.
#
# Where the time goes
# -------------------
# Seconds per epoch on a log scale, for each row of the table and each device measured.
fig, ax = plt.subplots(figsize=(7, 3.5))
labels = [f"{r.length}/{r.hidden}/{'bwd' if r.backward else 'fwd'}" for r in rows]
kinds = list(rows[0].seconds)
width = 0.8 / len(kinds)
for k, kind in enumerate(kinds):
    ax.bar([i + k * width for i in range(len(rows))], [r.seconds[kind] for r in rows], width, label=kind)
ax.set_xticks([i + width * (len(kinds) - 1) / 2 for i in range(len(rows))], labels=labels, rotation=20)
ax.set_yscale("log")
ax.set_ylabel("seconds per epoch")
ax.set_xlabel("length / hidden / pass")
ax.legend()
fig.tight_layout()

# %%
# What we learned
# ---------------
# A recurrent layer pays for its time steps one after another, on any device, and the backward
# pass walks them again. Compare the rows of the table: the first two against the next two differ
# only in length; the third against the fifth only in hidden size, which is what the matrix
# products cost. A GPU runs each step's products in parallel but cannot run the steps themselves in
# parallel, so its advantage depends on how much arithmetic each step has. When this build had no
# GPU, the table has no ratio column: no GPU figure on this page is invented.
