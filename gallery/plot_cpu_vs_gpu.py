"""
CPU against GPU, re-measured
============================

The note ``000`` lecture (a Korean university course's class on RNN and LSTM) timed training an ``nn.RNN`` on long one-hot sequences on a CPU and a GPU, with and
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

from lstm_explained.experiments import timing
from lstm_explained.runtime import devices
from lstm_explained.viz import figures, tables

device = devices.default_device()
print("device:", devices.describe(device))
print("CUDA available:", torch.cuda.is_available())
rows = timing.measure(repeats=3)
table = tables.timing(rows)
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
figures.timing_bars(ax, rows)
fig.tight_layout()

# %%
# What we learned
# ---------------
# A recurrent layer pays for its time steps one after another, on any device, and the backward
# pass walks them again. Compare the rows of the table: the first two against the next two differ
# only in length; the third against the fifth only in hidden size, which is what the matrix
# products cost. A GPU runs each step's products in parallel but cannot run the steps themselves in
# parallel, so its advantage depends on how much arithmetic each step has. When this build had no
# GPU, the table has no GPU column and no ratio of this build's own (the lecture's ratio is quoted):
# no GPU figure on this page is invented.
