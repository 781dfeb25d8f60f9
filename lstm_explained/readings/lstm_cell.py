"""The LSTM chapter's worked example: one unit of one step, read out in words."""

from __future__ import annotations

from ..analysis.one_unit import UnitStep

__all__ = ["worked_step"]

_TEMPLATE = (
    "Reading `{read}` at step {t}, unit {unit} starts from the cell state $c_{{t-1}} = {c_prev}$. "
    "Its forget gate is $f_t = {f}$, so it keeps {f_share} of that: $f_t\\,c_{{t-1}} = {kept}$. "
    "The candidate is $g_t = {g}$ and the input gate $i_t = {i}$, so the unit writes "
    "$i_t\\,g_t = {written}$. "
    "The new cell state is the sum: $c_t = {kept} {plus} {written_size} {equals} {c}$. "
    "The output gate $o_t = {o}$ shows that share of $\\tanh(c_t) = {tanh_c}$, so $h_t = {h}$."
)


def _n(value: float) -> str:
    """Two decimals, with a true minus sign; -0.00 prints as 0.00."""
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text.replace("-", "−")


def worked_step(step: UnitStep, read: str) -> str:
    """The step in five sentences, one per operation of the cell, with every value as the cell
    computed it (two decimals; the share kept is read off the printed gate, so the two agree). The sum is written with "=" when the rounded parts add up to the
    rounded total, and "≈" when rounding makes them miss by a hundredth.

    >>> from lstm_explained.analysis.one_unit import UnitStep
    >>> s = UnitStep(t=5, unit=2, c_prev=-0.5, f=0.24, kept=-0.12, i=0.5, g=0.6, written=0.3, c=0.18, o=0.9, tanh_c=0.1781, h=0.1603)
    >>> print(worked_step(s, "b"))  # doctest: +NORMALIZE_WHITESPACE
    Reading `b` at step 5, unit 2 starts from the cell state $c_{t-1} = −0.50$. Its forget gate is
    $f_t = 0.24$, so it keeps 24% of that: $f_t\\,c_{t-1} = −0.12$. The candidate is $g_t = 0.60$ and
    the input gate $i_t = 0.50$, so the unit writes $i_t\\,g_t = 0.30$. The new cell state is the
    sum: $c_t = −0.12 + 0.30 = 0.18$. The output gate $o_t = 0.90$ shows that share of
    $\\tanh(c_t) = 0.18$, so $h_t = 0.16$.
    """
    if not isinstance(step, UnitStep):
        raise TypeError(f"worked_step: step must be a UnitStep, got {type(step).__name__}")
    adds_up = round(round(step.kept, 2) + round(step.written, 2), 2) == round(step.c, 2)
    return _TEMPLATE.format(
        read=read, t=step.t, unit=step.unit, c_prev=_n(step.c_prev), f=_n(step.f), f_share=f"{float(_n(step.f)) * 100:.0f}%",
        kept=_n(step.kept), g=_n(step.g), i=_n(step.i), written=_n(step.written),
        plus="−" if step.written < 0 else "+", written_size=_n(abs(step.written)),
        equals="=" if adds_up else "≈", c=_n(step.c), o=_n(step.o), tanh_c=_n(step.tanh_c), h=_n(step.h),
    )
