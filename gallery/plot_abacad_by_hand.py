"""
AbAcAd with an RNN written by hand
==================================

The first memory task of the note ``000`` lecture (a Korean university course's class on RNN and
LSTM) is ``AbAcAd`` repeated. After ``A`` comes ``b``, ``c`` or ``d``, and only the letter before
the ``A`` says which: the network has to carry it across one step. The lecture writes the RNN by hand, as its equation, and notes that training takes about six minutes
(its words). This page does the same with :func:`lstm_explained.cells.rnn.rnn_cell`, times it, and
shows where the time goes by training an identical model the fast way beside it.

To run this script yourself, install the book's package first, from a clone of its repository:
``pip install -e .`` (it needs Python 3.11+ and installs torch, numpy and matplotlib).
"""

# %%
# The data and two identical models
# ---------------------------------
import time

import matplotlib.pyplot as plt
import torch

from lstm_explained.models.toy import ToyModel, make_models
from lstm_explained.runtime import devices
from lstm_explained.tasks import toy
from lstm_explained.training.one_by_one import train_one_by_one
from lstm_explained.training.packed import train
from lstm_explained.viz import figures

print("device: cpu (the hand-written loop runs where the lecture's did;", devices.describe("cpu") + ")")
text = toy.sequence("AbAcAd")
x, y, vocab = toy.next_char_task(text)
by_hand, fast = (make_models("rnn", len(vocab), 3, len(vocab), n=1, seed=0) for _ in range(2))
print(f"{len(x)} steps over the vocabulary {vocab.chars!r}; hidden size 3")

# %%
# Training by hand
# ----------------
# "By hand" means the forward pass is the equation
# :math:`h_t = \tanh(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh})`, applied one step at a time
# by :func:`~lstm_explained.trace` through :func:`~lstm_explained.cells.rnn.rnn_cell`, with autograd
# recording every step (:meth:`~lstm_explained.models.toy.ToyModel.by_equations`), inside the
# lecture's loop (Adam, learning rate 0.1, the whole sequence each epoch). It is slow, so only a
# short stretch is trained this way.
HAND_EPOCHS, TOTAL_EPOCHS = 40, 1000

start = time.perf_counter()
hand_loss = train_one_by_one(by_hand, x, y, HAND_EPOCHS, forward=ToyModel.by_equations)[:, 0]
hand_seconds = time.perf_counter() - start
print(f"by hand: {HAND_EPOCHS} epochs in {hand_seconds:.1f} s, {1e3 * hand_seconds / HAND_EPOCHS:.0f} ms per epoch")

# %%
# The same model, trained fast
# ----------------------------
# :func:`lstm_explained.training.packed.train` computes the same recurrence, but its backward pass is
# written out: one small product per step instead of autograd's bookkeeping for each operation of
# each step, and the recurrent weight's gradient for all steps in one product at the end.
start = time.perf_counter()
fast_loss = train(fast, x, y, TOTAL_EPOCHS)[:, 0]
fast_seconds = time.perf_counter() - start
print(f"fast: {TOTAL_EPOCHS} epochs in {fast_seconds:.1f} s, {1e3 * fast_seconds / TOTAL_EPOCHS:.1f} ms per epoch")
hand_per_epoch, fast_per_epoch = hand_seconds / HAND_EPOCHS, fast_seconds / TOTAL_EPOCHS
print(f"per epoch the hand-written loop is {hand_per_epoch / fast_per_epoch:.0f}x slower; "
      f"{TOTAL_EPOCHS} epochs by hand would take about {hand_per_epoch * TOTAL_EPOCHS / 60:.1f} minutes (extrapolated)")

gap = (hand_loss - fast_loss[:HAND_EPOCHS]).abs().max().item()
print(f"over the first {HAND_EPOCHS} epochs the two loss curves differ by at most {gap:.1e}")
assert gap < 1e-3, gap

# %%
# Both training runs follow the same loss curve while they overlap: the speed comes from how the
# gradient is computed, not from computing something else.
fig, ax = plt.subplots(figsize=(6, 3))
figures.loss_curves(ax, {"fast (training.packed.train)": fast_loss, "by hand (cells.rnn_cell)": hand_loss})
fig.tight_layout()

# %%
# What the trained RNN predicts
# -----------------------------
# The lecture's picture: the hidden state and the softmax output over the last steps, time running
# down. After each ``A`` the output should put its weight on the right one of ``b, c, d``.
with torch.no_grad():
    hidden = fast[0].hidden(x)
    probs = fast[0](x).softmax(-1)
fig, ax = plt.subplots(figsize=(4, 4))
figures.heatmap(ax, {"h": hidden, "ŷ": probs}, last=12)
ax.set_yticks(range(12), labels=list(text[-13:-1]))
ax.set_title("last 12 steps")
fig.tight_layout()
remembers = toy.remembers(fast[0](x), y, toy.ambiguous_steps(text), period=6).item()
print("predicts every letter after 'A' in the last repetition:", "yes" if remembers else "no")

# %%
# What we learned
# ---------------
# The equation of an RNN is one line, and training it by hand works. It is slow: autograd records
# every operation of every one of the ~600 steps and replays them backwards, while the arithmetic
# in each step is tiny, and the fast path above differs from it in more than autograd, so the
# timings do not split the cost between the two. The printed timings above say how much of the lecture's six
# minutes that overhead explains on this machine. Whether the trained model carried the letter
# across the ``A`` is printed above as well: one seed is an anecdote, and the chapter on memory
# counts over a hundred.
