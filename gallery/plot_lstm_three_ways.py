"""
An LSTM computed three ways
===========================

The note ``000`` lecture (a Korean university course's class on RNN and LSTM) computes one epoch of an LSTM on the sequence ``abaB`` three times: with
:class:`torch.nn.LSTMCell`, completely by hand, and with :class:`torch.nn.LSTM`. If the hand
version is right, all three give the same hidden states. Here they share one set of weights, and
this page measures how far apart they are, on whatever device the build had.

To run this script yourself, install the book's package first, from a clone of its repository:
``pip install -e .`` (it needs Python 3.11+ and installs torch, numpy and matplotlib).
"""

# %%
# The device and the data
# -----------------------
# The input is ``abaB`` repeated, one-hot encoded over the vocabulary ``a, b, B``; an LSTM with
# two hidden units reads it (sizes as in the lecture).
import matplotlib.pyplot as plt
import torch

from lstm_explained import agreement, trace
from lstm_explained.runtime import devices
from lstm_explained.tasks import toy
from lstm_explained.viz import figures

device = devices.default_device()
print("device:", devices.describe(device))

x, y, vocab = toy.next_char_task(toy.sequence("abaB"))
x = x.to(device)
torch.manual_seed(0)
lstm = torch.nn.LSTM(input_size=len(vocab), hidden_size=2).to(device)
print(f"vocabulary {vocab.chars!r}; x has shape {tuple(x.shape)}")

# %%
# Three computations, one set of weights
# --------------------------------------
# :func:`~lstm_explained.agreement.lstm_three_ways` copies the layer's weights into an
# ``nn.LSTMCell`` and loops it over time, runs :func:`~lstm_explained.cells.lstm.lstm_cell` (the six
# equations, written out) over time, and calls the layer once on the whole sequence.
with torch.no_grad():
    hs = agreement.lstm_three_ways(lstm, x)

names = list(hs)
for a in names:
    for b in names[names.index(a) + 1 :]:
        gap = (hs[a] - hs[b]).abs().max().item()
        print(f"max |{a} - {b}| = {gap:.2e}")
gap32 = agreement.max_disagreement(hs)
assert gap32 < agreement.float32_tolerance(device), gap32

# %%
# Any differences are float32 rounding: the three compute the same sums in different orders.
# Rounding shrinks in float64 (its machine epsilon is about 1e-16 against float32's 1e-7); a real
# mistake, such as a wrong gate order, would leave differences of the same size in both.
with torch.no_grad():
    hs64 = agreement.lstm_three_ways(lstm.double(), x.double())
lstm.float()
gap64 = agreement.max_disagreement(hs64)
print(f"largest disagreement: float32 {gap32:.2e}, float64 {gap64:.2e}")
assert gap64 < 1e-12, gap64

# %%
# On a GPU, TF32
# --------------
# On a CUDA device ``nn.LSTM`` runs on cuDNN, and PyTorch lets cuDNN multiply float32 numbers in
# TF32 (``torch.backends.cudnn.allow_tf32`` is on by default), which keeps only 10 bits of the
# mantissa. The equations above use ordinary float32 products, so on a GPU the two can differ by
# far more than rounding. Turning TF32 off for cuDNN shows whether that is the whole difference.
# On a CPU there is no TF32 and the two numbers below are the same computation.
tf32 = device.type == "cuda" and torch.backends.cudnn.allow_tf32
with torch.backends.cudnn.flags(enabled=True, allow_tf32=False), torch.no_grad():
    strict = agreement.max_disagreement(agreement.lstm_three_ways(lstm, x))
print(f"cuDNN may use TF32 here: {tf32}")
print(f"largest disagreement: as PyTorch runs by default {gap32:.2e}, with TF32 off {strict:.2e}")
assert strict < 1e-5, strict

# %%
# What the hidden states look like
# --------------------------------
# The last eight steps of ``h`` from each computation, side by side: the three panels are the same
# picture. The colour scale is the book's: blue -1, white 0, red 1.
fig, axes = plt.subplots(1, 3, figsize=(7, 3), sharey=True)
for ax, (name, h) in zip(axes, hs.items()):
    figures.heatmap(ax, {"h": h}, last=8)
    ax.set_title(name, fontsize=9)
fig.tight_layout()

# %%
# And what produced them
# ----------------------
# ``nn.LSTM`` keeps only ``h``. :func:`~lstm_explained.trace` replays the same layer through the
# cell equations and keeps every gate, which is how later chapters draw gate heatmaps. The weights
# here are untrained: the heatmap below shows where their gates sit before any training, and the
# gates chapter reads a trained model's.
with torch.no_grad():
    tr = trace(lstm, x)
fig, (top, bottom) = plt.subplots(2, 1, figsize=(6, 5))
figures.heatmap(top, {"i": tr.i, "f": tr.f, "o": tr.o}, last=8)
image = figures.heatmap(bottom, {"g": tr.g, "c": tr.c, "h": tr.h}, last=8)
fig.colorbar(image, ax=[top, bottom], shrink=0.8)
print(f"trace reproduces nn.LSTM's output to {(tr.h - hs['nn.LSTM']).abs().max().item():.1e}")

# %%
# What we learned
# ---------------
# The six lines of :func:`~lstm_explained.cells.lstm.lstm_cell` are the LSTM that PyTorch runs: the three
# computations agree to float32 rounding (on a GPU, once cuDNN's TF32 shortcut is off), and to
# float64 rounding in double precision. That is what lets the rest of the book read gates off a
# trained ``nn.LSTM``.
