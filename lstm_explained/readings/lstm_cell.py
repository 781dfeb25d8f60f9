"""The LSTM chapter's sentences: the opening comparison, the worked example (one unit of one step,
read out in words), how two computations agree, and where untrained gates sit."""

from __future__ import annotations

from ..analysis.one_unit import UnitStep
from ..stats import ShareComparison
from .memory import seed_counts
from .words import capital

__all__ = ["agreement_reading", "gap_reading", "gates_reading", "worked_step"]

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


def gap_reading(same_width: ShareComparison, same_weights: ShareComparison) -> str:
    """What the arena's two comparisons on the opening task show, whatever their verdicts:
    ``same_width`` is the LSTM against an RNN of as many units, ``same_weights`` an RNN of about
    as many weights against the LSTM, both trained under the arena's one protocol. Three
    sentences: each comparison with its counts, then what the two allow together.

    >>> from lstm_explained.stats import compare_shares
    >>> print(gap_reading(compare_shares(43, 64, 14, 64, 0.999), compare_shares(50, 64, 43, 64, 0.999)))
    There the LSTM remembers more often than an RNN of its width (43 against 14 of 64 seeds). The test cannot tell an RNN with about as many weights from the LSTM (50 against 43 of 64 seeds). So the extra weights may account for the LSTM's lead, and the cell state is not shown to be why.
    """
    width = {
        "higher": "There the LSTM remembers more often than an RNN of its width ({counts}).",
        "lower": "There the LSTM remembers less often than an RNN of its width ({counts}).",
        "indistinguishable": "There the test cannot tell the LSTM from an RNN of its width ({counts}).",
    }[same_width.verdict].format(counts=seed_counts(same_width))
    weights = {
        "higher": "An RNN with about as many weights remembers more often than the LSTM ({counts}).",
        "indistinguishable": "The test cannot tell an RNN with about as many weights from the LSTM ({counts}).",
        "lower": "An RNN with about as many weights still remembers less often than the LSTM ({counts}).",
    }[same_weights.verdict].format(counts=seed_counts(same_weights))
    if same_width.verdict != "higher":
        moral = "So in the arena the LSTM has no lead over an RNN of its width for the weights or the cell state to explain."
    elif same_weights.verdict == "lower":
        moral = "So weights alone do not account for the LSTM's lead; which part of the cell does is not tested here."
    else:
        moral = "So the extra weights may account for the LSTM's lead, and the cell state is not shown to be why."
    return f"{width} {weights} {moral}"


def agreement_reading(subject: str, gap: float, spacing: float) -> str:
    """How two computations of the same numbers, ``subject`` (plural), compare against the float
    spacing ``spacing``, in one sentence: exactly, by rounding (within four spacings), or by more.

    >>> agreement_reading("the two", 0.0, 1.2e-7)
    'The two agree exactly, bit for bit.'
    >>> agreement_reading("the two", 6e-8, 1.2e-7)
    'The two differ by at most 6.0e-08, less than the float32 spacing near 1 (1.2e-07), which rounding explains.'
    >>> agreement_reading("the two", 1e-3, 1.2e-7)
    'The two differ by up to 1.0e-03, more than four float32 spacings near 1 (1.2e-07), which is more than rounding explains.'
    """
    if gap == 0:
        return f"{capital(subject)} agree exactly, bit for bit."
    if gap <= 4 * spacing:
        relation = "less than" if gap < spacing else "within four times"
        return f"{capital(subject)} differ by at most {gap:.1e}, {relation} the float32 spacing near 1 ({spacing:.1e}), which rounding explains."
    return (f"{capital(subject)} differ by up to {gap:.1e}, more than four float32 spacings near 1 ({spacing:.1e}), "
            "which is more than rounding explains.")


def gates_reading(middle: float, low: float, high: float) -> str:
    """Where untrained gates sit, in one sentence: ``middle`` is the share of gate values between
    0.25 and 0.75, ``low`` and ``high`` the smallest and largest value shown.

    >>> gates_reading(1.0, 0.30, 0.70)
    'With random weights, every gate value shown lies between 0.30 and 0.70, near one half, so each gate lets part of everything through.'
    >>> gates_reading(0.4, 0.02, 0.97)
    'With random weights, 40% of the gate values shown lie between 0.25 and 0.75, and they reach from 0.02 to 0.97, already spread towards 0 and 1 in places.'
    >>> gates_reading(0.004, 0.01, 0.99)[:50]
    'With random weights, under 1% of the gate values s'
    """
    if middle == 1.0:
        return (f"With random weights, every gate value shown lies between {low:.2f} and {high:.2f}, near one half, "
                "so each gate lets part of everything through.")
    if middle == 0:
        return f"With random weights, no gate value shown lies between 0.25 and 0.75: they reach from {low:.2f} to {high:.2f}, spread towards 0 and 1."
    where = "mostly near one half" if middle >= 0.5 else "already spread towards 0 and 1 in places"
    share = "nearly all" if f"{middle:.0%}" == "100%" else "under 1%" if f"{middle:.0%}" == "0%" else f"{middle:.0%}"
    return f"With random weights, {share} of the gate values shown lie between 0.25 and 0.75, and they reach from {low:.2f} to {high:.2f}, {where}."
