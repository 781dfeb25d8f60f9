"""Does the model use a cell? Hold its state at zero and see where the loss rises.

A correlation says a cell *follows* a feature, not that the model *uses* it. :func:`ablation`
holds each chosen cell of a :class:`~lstm_explained.models.charlm.CharLM` at zero
(:func:`clamped_char_bits`) and measures the extra bits per character where its feature is marked
and elsewhere, beside cells drawn at random.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import Tensor

from ..cells.layout import LSTM
from .probes import ProbeRow, features

__all__ = ["AblationRow", "ablation", "clamped_char_bits"]


def clamped_char_bits(model, text: str, units: list[int | None], value: float = 0.0) -> Tensor:
    """Bits for each next character of ``text`` ``(len(units), len(text) - 1)`` when the cell state
    of ``units[k]`` is held at ``value`` at every step (``None``: nothing held, the model as it is).

    The layer is replayed one step at a time by the equations of
    :func:`~lstm_explained.cells.lstm.lstm_cell`, written out so that the input product of all steps is
    taken at once (a one-hot input picks a column of :math:`W_{ih}`), all rows at once as a batch;
    a held cell's :math:`h_t = o_t \\odot \\tanh(c_t)` uses the held value.

    >>> from lstm_explained.experiments.language_model import pretrained
    >>> from lstm_explained.models.charlm import char_bits
    >>> model, _ = pretrained("tiny")
    >>> text = "x = [1, 2]\\n"
    >>> bits = clamped_char_bits(model, text, [None, 3])
    >>> torch.allclose(bits[0], char_bits(model, text), atol=1e-4), bool((bits[1] != bits[0]).any())
    (True, True)
    """
    hidden = model.lstm.hidden_size
    bad = [u for u in units if u is not None and not (isinstance(u, int) and 0 <= u < hidden)]
    if bad or not units:
        raise ValueError(f"clamped_char_bits: units must be a non-empty list of None or ints in 0..{hidden - 1}, got {units!r}")
    if len(text) < 2:
        raise ValueError("clamped_char_bits: text must have at least 2 characters")
    lstm = model.lstm
    device = model.head.weight.device
    held = torch.zeros(len(units), hidden, dtype=torch.bool, device=device)
    for row, unit in enumerate(units):
        if unit is not None:
            held[row, unit] = True
    ids = model.vocab.encode(text).to(device)
    with torch.no_grad():
        # W_i* x_t + b_i* + b_h* for every step at once: x_t is one-hot, so a column of W_ih
        inputs = lstm.weight_ih_l0.T[ids[:-1]] + lstm.bias_ih_l0 + lstm.bias_hh_l0
        h = torch.zeros(len(units), hidden, device=device)
        c = torch.zeros_like(h)
        bits, hs = [], []
        for t in range(len(ids) - 1):
            pre = LSTM.blocks(inputs[t] + h @ lstm.weight_hh_l0.T, dim=1)
            # $$c_t = f_t \odot c_{t-1} + i_t \odot g_t$$
            c = torch.sigmoid(pre.f) * c + torch.sigmoid(pre.i) * torch.tanh(pre.g)
            c = torch.where(held, value, c)  # the held cells
            # $$h_t = o_t \odot \tanh(c_t)$$
            h = torch.sigmoid(pre.o) * torch.tanh(c)
            hs.append(h)
            if len(hs) == 2000 or t == len(ids) - 2:  # score in chunks: all logits at once would not fit
                logits = model.head(torch.stack(hs, 1))  # (rows, steps, V)
                target = ids[t + 2 - len(hs) : t + 2].expand(len(units), -1)
                bits.append(torch.nn.functional.cross_entropy(logits.transpose(1, 2), target, reduction="none"))
                hs = []
    return (torch.cat(bits, 1) / math.log(2)).cpu()


@dataclass
class AblationRow:
    """What zeroing one cell's state does to the loss, where a feature is nonzero and elsewhere."""

    feature: str
    unit: int  # the cell held at zero
    marked_share: float  # share of the predicted characters where the feature is nonzero
    delta_marked: float  # mean extra bits on those characters when the cell is held at zero
    delta_other: float  # mean extra bits on the other characters
    random_delta_marked: float  # the same, averaged over cells drawn at random
    random_delta_other: float


def ablation(model, text: str, rows: list[ProbeRow], random_units: int = 4, seed: int = 0) -> list[AblationRow]:
    """Hold each row's chosen cell at zero over ``text`` and measure the extra bits per character
    where its feature is nonzero against elsewhere, beside ``random_units`` cells drawn at random
    (seeded, none of them a chosen cell) held at zero one at a time."""
    chosen = sorted({r.unit for r in rows})
    others = [u for u in range(model.lstm.hidden_size) if u not in chosen]
    if not 1 <= random_units <= len(others):
        raise ValueError(f"ablation: random_units must be in 1..{len(others)}, got {random_units!r}")
    generator = torch.Generator().manual_seed(seed)
    drawn = [others[k] for k in torch.randperm(len(others), generator=generator)[:random_units].tolist()]
    units = [None, *chosen, *drawn]
    bits = clamped_char_bits(model, text, units)
    extra = {unit: bits[k] - bits[0] for k, unit in enumerate(units) if unit is not None}
    feats = features(text)
    result = []
    for row in rows:
        marked = feats[row.feature][1:] != 0  # the predicted characters
        if marked.all() or not marked.any():
            raise ValueError(f"ablation: {row.feature!r} is nonzero at {'every' if marked.any() else 'no'} character of this text")
        mean = lambda delta, where: delta[where].mean().item()  # noqa: E731
        rand_marked = sum(mean(extra[u], marked) for u in drawn) / len(drawn)
        rand_other = sum(mean(extra[u], ~marked) for u in drawn) / len(drawn)
        result.append(AblationRow(row.feature, row.unit, marked.float().mean().item(), mean(extra[row.unit], marked), mean(extra[row.unit], ~marked), rand_marked, rand_other))
    return result
