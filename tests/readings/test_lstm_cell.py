"""The worked example's sentences on ties, zeros, signs and extremes."""

import re

import pytest

from lstm_explained.analysis.one_unit import UnitStep
from lstm_explained.readings.lstm_cell import worked_step


def made(**values):
    base = dict(t=3, unit=0, c_prev=0.8, f=0.5, kept=0.4, i=0.5, g=-0.6, written=-0.3, c=0.1, o=1.0, tanh_c=0.0997, h=0.0997)
    base.update(values)
    return UnitStep(**base)


def test_a_negative_write_is_subtracted_once_not_added_as_a_negative():
    text = worked_step(made(), "a")
    assert "$c_t = 0.40 − 0.30 = 0.10$" in text and "+ −" not in text and "- -" not in text


def test_rounding_that_makes_the_parts_miss_says_approximately():
    # 0.124 + 0.124 = 0.248: the printed parts 0.12 + 0.12 do not make the printed 0.25
    text = worked_step(made(kept=0.124, written=0.124, c=0.248, g=0.248, i=0.5), "a")
    assert "0.12 + 0.12 ≈ 0.25" in text


def test_zeros_print_without_a_sign_and_the_share_matches_the_printed_gate():
    text = worked_step(made(c_prev=-0.0001, f=0.245, kept=-0.0000245, written=0.3, g=0.6, c=0.3), "B")
    assert "−0.00" not in text
    gate = re.search(r"\$f_t = ([0-9.]+)\$, so it keeps (\d+)%", text)
    assert round(float(gate.group(1)) * 100) == int(gate.group(2))


@pytest.mark.parametrize("f", [0.0, 1.0, 0.999])
def test_gates_at_their_ends_read_as_nothing_and_everything(f):
    text = worked_step(made(f=f, kept=0.8 * f, c=0.8 * f - 0.3), "a")
    assert f"keeps {round(f * 100)}% of that" in text


def test_every_dollar_opens_and_closes():
    text = worked_step(made(), "a")
    assert text.count("$") % 2 == 0 and "{" not in re.sub(r"\$[^$]*\$", "", text)


def test_a_wrong_record_is_named():
    with pytest.raises(TypeError, match="must be a UnitStep, got dict"):
        worked_step({}, "a")


from lstm_explained.readings.lstm_cell import agreement_reading, gap_reading, gates_reading  # noqa: E402
from lstm_explained.stats import compare_shares  # noqa: E402

VERDICTS = {"higher": (86, 100, 20, 100), "lower": (20, 100, 86, 100), "indistinguishable": (50, 100, 48, 100)}


@pytest.mark.parametrize("width", VERDICTS)
@pytest.mark.parametrize("weights", VERDICTS)
def test_the_opening_reading_claims_only_what_both_verdicts_allow(width, weights):
    same_width, same_weights = compare_shares(*VERDICTS[width]), compare_shares(*VERDICTS[weights])
    assert (same_width.verdict, same_weights.verdict) == (width, weights)
    text = gap_reading(same_width, same_weights)
    first, second, moral = text.split(". ")
    assert ("more often" in first) == (width == "higher")
    assert ("less often" in first) == (width == "lower")
    # the cell state is never called the reason: at most, the reason is left open
    assert "because" not in text and ("is why" not in text or "not shown to be why" in text)
    # the matched comparison is always stated, with its counts, in the one verb the chapter uses
    assert {"higher": "RNN with about as many weights remembers more often than the LSTM", "lower": "still remembers less often",
            "indistinguishable": "cannot tell an RNN with about as many weights from the LSTM"}[weights] in second
    assert f"({VERDICTS[weights][0]} against {VERDICTS[weights][2]} of 100 seeds)" in second
    # a lead is explained only where there is one
    assert ("lead," in moral or "lead;" in moral) == (width == "higher")


def test_agreement_reads_zero_rounding_and_more_differently():
    assert agreement_reading("the two", 0.0, 1.2e-7) == "The two agree exactly, bit for bit."
    assert "which rounding explains" in agreement_reading("the two", 1.2e-7, 1.2e-7) and "within four times" in agreement_reading("the two", 3e-7, 1.2e-7)
    assert agreement_reading("the two", 5e-7, 1.2e-7).endswith("which is more than rounding explains.")
    assert gates_reading(0.0, 0.01, 0.99).startswith("With random weights, no gate value shown lies between 0.25 and 0.75")


def test_gate_reading_never_says_every_unless_every():
    assert gates_reading(1.0, 0.3, 0.7).startswith("With random weights, every")
    almost = gates_reading(0.999, 0.2, 0.7)
    assert almost.startswith("With random weights, nearly all") and "100%" not in almost
    assert "spread towards 0 and 1" in gates_reading(0.3, 0.01, 0.99)
