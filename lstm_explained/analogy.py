"""The lecture's soy-sauce analogy: the LSTM brews its output in three stages.

An RNN turns 콩물 (*kongmul*, soybean water: the raw input ``x_t``) into 간장 (*ganjang*, soy
sauce: ``h_t``) in one step. The LSTM brews in three: 1차 간장 (first brew) ``g_t``, 2차 간장
(second brew) ``c_t``, 3차 간장 (third brew) ``h_t``. :func:`comparison_table` is the lecture's
table comparing the stages; :func:`stage_table` shows the stages of a live model step by step;
:func:`output_order` measures the two orders of the third brew that write-ups disagree on.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor

from .data import Vocab
from .ensemble import ToyModel
from .tables import Table
from .tracing import trace

__all__ = ["STAGES", "OutputOrder", "comparison_table", "output_order", "stage_table"]

#: Each variable's stage in the analogy, with its gloss.
STAGES = {
    "x": "콩물 (soybean water: the raw input)",
    "g": "1차 간장 (first brew)",
    "c": "2차 간장 (second brew)",
    "h": "3차 간장 (third brew)",
}


def comparison_table() -> Table:
    """What each variable takes from the past and the present, how it mixes them, and its stage.

    >>> table = comparison_table()
    >>> [row[0] for row in table.rows]
    ['RNN hₜ', 'LSTM gₜ', 'LSTM cₜ', 'LSTM hₜ']
    >>> table.rows[2][1:5]
    ['cₜ₋₁', 'gₜ', '⊙ then +', 'none']
    """
    gate_note = "how far each gate opens is decided from xₜ and hₜ₋₁"
    return Table(
        columns=["variable", "past information", "present information", "how past and present combine", "activation", "stage", "remark"],
        rows=[
            ["RNN hₜ", "hₜ₋₁", "xₜ", "× then +", "tanh", "간장 (soy sauce, in one step)", "the only memory is hₜ₋₁"],
            ["LSTM gₜ", "hₜ₋₁", "xₜ", "× then +", "tanh", STAGES["g"], "the RNN's own formula, renamed"],
            ["LSTM cₜ", "cₜ₋₁", "gₜ", "⊙ then +", "none", STAGES["c"], gate_note + " (f, i)"],
            ["LSTM hₜ", "none", "cₜ", "none", "tanh, then ⊙", STAGES["h"], gate_note + " (o)"],
        ],
        caption="The lecture's comparison of the RNN's and the LSTM's variables (콩물 xₜ is the input to all).",
    )


def _vector(values: Tensor) -> str:
    return "[" + ", ".join(f"{v:+.2f}" for v in values.tolist()) + "]"


def stage_table(model: ToyModel, text: str, vocab: Vocab, last: int | None = None) -> Table:
    """The stages of an LSTM :class:`~lstm_explained.ensemble.ToyModel` on ``text``, step by step.

    Columns: the step, 콩물 ``x_t`` (the character read), ``g_t``, ``c_t``, ``h_t`` and the
    character predicted next with its probability. ``last`` keeps only the final steps.

    >>> from lstm_explained import ensemble
    >>> model = ensemble.make_models("lstm", 3, 2, 3, n=1, seed=0)[0]
    >>> table = stage_table(model, "abaB", Vocab("abB"), last=2)
    >>> table.columns[1], [row[0] for row in table.rows]
    ('콩물 xₜ', [2, 3])
    """
    if not isinstance(model, ToyModel) or model.kind != "lstm":
        raise TypeError("stage_table: model must be an LSTM ToyModel (ensemble.make_models('lstm', ...))")
    if last is not None and (not isinstance(last, int) or last < 1):
        raise ValueError(f"stage_table: last must be a positive int, got {last!r}")
    x = vocab.one_hot(text).to(model.head.weight.device)
    with torch.no_grad():
        tr = trace(model.rnn, x)
        probs = model.head(tr.h).softmax(-1)
    start = 0 if last is None else max(0, len(text) - last)
    rows = []
    for t in range(start, len(text)):
        best = int(probs[t].argmax())
        rows.append([t, repr(text[t]), _vector(tr.g[t]), _vector(tr.c[t]), _vector(tr.h[t]), f"{vocab.chars[best]!r} ({probs[t, best]:.2f})"])
    return Table(
        columns=["t", "콩물 xₜ", "1차 간장 gₜ", "2차 간장 cₜ", "3차 간장 hₜ", "predicted next"],
        rows=rows,
        caption="Each step's three brews, from a trained model.",
    )


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
