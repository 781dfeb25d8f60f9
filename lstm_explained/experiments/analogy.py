"""The lecture's soy-sauce analogy: the LSTM brews its output in three stages.

An RNN turns 콩물 (*kongmul*, soybean water: the raw input ``x_t``) into 간장 (*ganjang*, soy
sauce: ``h_t``) in one step. The LSTM brews in three: 1차 간장 (first brew) ``g_t``, 2차 간장
(second brew) ``c_t``, 3차 간장 (third brew) ``h_t``. :data:`COMPARISON` is the lecture's table
comparing the stages; :func:`stages` follows the stages of a live model step by step;
:func:`output_order` measures the two orders of the third brew that write-ups disagree on, and
:func:`~lstm_explained.readings.analogy.order_reading` says what the measurement shows.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor

from .. import _checks
from ..models.toy import ToyModel
from ..tasks.vocab import Vocab
from ..tracing import trace

__all__ = ["COMPARISON", "STAGES", "OutputOrder", "Stage", "gate_as_gain", "output_order", "stages"]

#: Each variable's stage in the analogy, with its gloss.
STAGES = {
    "x": "콩물 (soybean water: the raw input)",
    "g": "1차 간장 (first brew)",
    "c": "2차 간장 (second brew)",
    "h": "3차 간장 (third brew)",
}

_GATE_NOTE = "how far each gate opens is decided from xₜ and hₜ₋₁"

#: The lecture's comparison of the RNN's and the LSTM's variables, with what each takes from the
#: past and the present, how it mixes them, and its stage (콩물 xₜ is the input to all).
COMPARISON = {
    "columns": ["variable", "past information", "present information", "how past and present combine", "activation", "stage", "remark"],
    "rows": [
        ["RNN hₜ", "hₜ₋₁", "xₜ", "× then +", "tanh", "간장 (soy sauce, in one step)", "the only memory is hₜ₋₁"],
        ["LSTM gₜ", "hₜ₋₁", "xₜ", "× then +", "tanh", STAGES["g"], "the RNN's own formula, renamed"],
        ["LSTM cₜ", "cₜ₋₁", "gₜ", "⊙ then +", "none", STAGES["c"], _GATE_NOTE + " (f, i)"],
        ["LSTM hₜ", "none", "cₜ", "none", "tanh, then ⊙", STAGES["h"], _GATE_NOTE + " (o)"],
    ],
}


@dataclass
class Stage:
    """One step of a trained model through the three brews."""

    t: int
    read: str  # 콩물: the character read at step t
    g: list[float]  # 1차 간장
    c: list[float]  # 2차 간장
    h: list[float]  # 3차 간장
    predicted: str  # the most likely next character
    probability: float  # its probability


def stages(model: ToyModel, text: str, vocab: Vocab, last: int | None = None) -> list[Stage]:
    """The three brews of an LSTM :class:`~lstm_explained.models.toy.ToyModel` at each step of
    ``text`` (``last``: only the final steps), replayed by :func:`~lstm_explained.trace`.

    >>> from lstm_explained.models.toy import make_models
    >>> model = make_models("lstm", 3, 2, 3, n=1, seed=0)[0]
    >>> [(s.t, s.read) for s in stages(model, "abaB", Vocab("abB"), last=2)]
    [(2, 'a'), (3, 'B')]
    """
    if not isinstance(model, ToyModel) or model.kind != "lstm":
        raise TypeError("stages: model must be an LSTM ToyModel (make_models('lstm', ...))")
    if last is not None:
        _checks.positive_int("stages", "last", last)
    x = vocab.one_hot(text).to(model.head.weight.device)
    with torch.no_grad():
        tr = trace(model.rnn, x)
        probs = model.head(tr.h).softmax(-1)
    start = 0 if last is None else max(0, len(text) - last)
    found = []
    for t in range(start, len(text)):
        best = int(probs[t].argmax())
        found.append(Stage(t, text[t], tr.g[t].tolist(), tr.c[t].tolist(), tr.h[t].tolist(), vocab.chars[best], probs[t, best].item()))
    return found


@dataclass
class OutputOrder:
    """How far two orders of the third brew are from what ``nn.LSTM`` outputs, over a sequence."""

    gated_tanh_gap: float  # max |o * tanh(c) - h|: PyTorch's order, squash then gate
    tanh_gated_gap: float  # max |tanh(o * c) - h|: the order one version of the notes writes
    smallest_o: float  # the smallest output gate over the sequence
    largest_h_minus_o: float  # max over steps and units of |h| - o: never above 0 if |h| <= o


def output_order(lstm: torch.nn.LSTM, x: Tensor) -> OutputOrder:
    """Replay ``lstm`` on ``x`` and measure both orders of gate and squash against its output.

    >>> gen = torch.manual_seed(0)
    >>> lstm = torch.nn.LSTM(3, 2)
    >>> found = output_order(lstm, torch.randn(20, 3))
    >>> found.gated_tanh_gap < 1e-6 < found.tanh_gated_gap, found.largest_h_minus_o <= 0
    (True, True)
    """
    with torch.no_grad():
        tr = trace(lstm, x)
        output, _ = lstm(x)
    return OutputOrder(
        gated_tanh_gap=(tr.o * torch.tanh(tr.c) - output).abs().max().item(),
        tanh_gated_gap=(torch.tanh(tr.o * tr.c) - output).abs().max().item(),
        smallest_o=tr.o.min().item(),
        largest_h_minus_o=(output.abs() - tr.o).max().item(),
    )


def gate_as_gain(o: float, c: float) -> tuple[float, float]:
    """``(o * tanh(c), tanh(o * c))``: the output gate as a mask on the squashed cell, as PyTorch
    computes it, and as a gain before the squash, as one version of the notes writes it.

    >>> [round(v, 3) for v in gate_as_gain(0.3, 10.0)]
    [0.3, 0.995]
    """
    masked = o * torch.tanh(torch.tensor(c)).item()
    gain = torch.tanh(torch.tensor(o * c)).item()
    return masked, gain
