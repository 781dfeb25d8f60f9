"""The interpretable-cell study: computed once, cached, and grouped by its numbers."""

from lstm_explained.analysis.probes import FEATURES
from lstm_explained.experiments import readable_cells
from readable_cases import row, study


def test_the_tiny_study_reports_every_feature_on_text_it_did_not_choose_on():
    found = readable_cells.study("tiny", random_units=2)
    assert [r.feature for r in found.rows] == list(FEATURES)
    assert found.select_chars > 0 and found.score_chars > 0
    assert [a.feature for a in found.ablation] == list(FEATURES) and found.random_units == 2
    again = readable_cells.study("tiny", random_units=2)
    assert again.rows == found.rows  # from the cache


def test_features_are_grouped_by_the_held_out_numbers():
    found = study([row("in_string", 0.85, 0.2), row("indent", 0.5, 0.1, probe_r=0.9, control_probe_r=0.5),
                   row("in_comment", 0.75, 0.5, probe_r=0.8, control_probe_r=0.75)])
    assert found.feature_groups() == (["in_string"], ["indent"], ["in_comment"])
    assert found.target_met()
    assert not study([row("in_string", 0.66, 0.16)]).target_met()
    assert not study([row("in_string", 0.85, 0.5)]).target_met()  # high, but not twice the control


def test_forget_gate_cells_count_cells_more_than_half_the_time_saturated():
    assert study([]).forget_gate_cells() == (2, 1)
