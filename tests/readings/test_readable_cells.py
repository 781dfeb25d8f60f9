"""The interpretable-cell study's readings: words chosen by its numbers."""

import pytest
from lstm_explained.analysis.ablation import AblationRow
from lstm_explained.readings import readable_cells as readable_cells_readings
from readable_cases import row, study


def test_the_control_probe_reading_names_what_the_control_reaches():
    found = study([row("in_string", 0.85, 0.2), row("indent", 0.5, 0.1, probe_r=0.9, control_probe_r=0.5),
                   row("in_comment", 0.75, 0.5, probe_r=0.8, control_probe_r=0.75)])
    assert "reaches 0.7 on in_comment" in readable_cells_readings.control_probe_reading(found)
    assert "on no feature" in readable_cells_readings.control_probe_reading(study([row("in_string", 0.85, 0.2)]))


def test_the_prose_reading_compares_with_the_strings_correlation():
    assert "English prose" in readable_cells_readings.prose_reading(study([row("in_string", 0.6, 0.1)], prose=0.7))
    assert "strings remain" in readable_cells_readings.prose_reading(study([row("in_string", 0.6, 0.1)], prose=0.5))


@pytest.mark.parametrize("marked, other, random, words", [
    (0.09, 0.01, 0.01, "The model uses the cell, and for strings in particular"),
    (0.07, 0.05, 0.01, "the harm is not confined to strings"),
    (0.01, 0.01, 0.02, "no evidence that the model relies on it"),
])
def test_the_ablation_reading_follows_the_costs(marked, other, random, words):
    found = study([row("in_string", 0.6, 0.1)], [AblationRow("in_string", 3, 0.2, marked, other, random, 0.0)])
    assert words in readable_cells_readings.ablation_reading(found)


def test_the_clearest_case_is_the_most_selective_cell_if_any_is():
    rows = [AblationRow("in_string", 3, 0.2, 0.07, 0.05, 0.01, 0.0), AblationRow("in_short_string", 8, 0.1, 0.09, 0.01, 0.01, 0.0)]
    assert readable_cells_readings.clearest_reading(study([], rows)).startswith("The clearest case in the table is in_short_string: holding its cell 8")
    assert readable_cells_readings.clearest_reading(study([], rows[:1])).startswith("No cell in the table is clearly selective")


def test_the_groups_reading_counts_each_group_and_never_leaves_one_at_zero_as_a_bare_count():
    tracked = row("in_string", 0.85, 0.2)
    probe_only = row("indent", 0.5, 0.1, probe_r=0.9, control_probe_r=0.5)
    neither = row("in_comment", 0.3, 0.2, probe_r=0.4, control_probe_r=0.3)
    assert readable_cells_readings.groups_reading(study([tracked, probe_only, neither])) == (
        "Of the 3 features, a single cell tracks 1. The linear probe reaches 1 more that no single cell does. The other 1 is reached by neither.")
    assert readable_cells_readings.groups_reading(study([neither])) == (
        "No single cell tracks the feature. The linear probe reaches none that no single cell does. The other 1 is reached by neither.")
    assert readable_cells_readings.groups_reading(study([tracked, tracked])).endswith("Every feature is reached one way or the other.")


@pytest.mark.parametrize("opened, closed", [(0, 0), (0, 1), (1, 0), (1, 1), (3, 40), (128, 0)])
def test_the_forget_cells_reading_is_whole_sentences_at_zero_one_and_many(opened, closed):
    text = readable_cells_readings.forget_cells_reading(opened, closed, 128)
    assert text[0].isupper() and text.endswith(".") and text.count(". ") == 1
    assert ("No cell keeps its forget gate nearly open" in text) == (opened == 0)
    assert ("Of the 128 cells, one keeps its" in text) == (opened == 1) and ("All 128 cells" in text) == (opened == 128)
    assert text.endswith({0: "in no cell.", 1: "in one cell."}.get(closed, f"in {closed} cells."))


def test_the_target_reading_follows_both_conditions():
    met = study([row("in_string", 0.85, 0.2)])
    weak = study([row("in_string", 0.75, 0.2)])
    copied = study([row("in_string", 0.85, 0.5)])  # strong, but not twice the control's
    assert readable_cells_readings.target_reading(met).endswith("this build meets it.")
    assert readable_cells_readings.target_reading(weak).endswith("this build does not meet it.")
    assert readable_cells_readings.target_reading(copied).endswith("this build does not meet it.")


def test_the_ablation_readings_hold_at_a_zero_cost_elsewhere_and_at_negative_costs():
    from lstm_explained.experiments.readable_cells import CellStudy

    def held(*rows):
        return CellStudy(1, 10, 1, 10, [], list(rows), 4, {}, 0.5, 0.1, 0.1, 9, [])

    # inside strings a little more than a random cell, nothing outside: confined, but not singled out
    small = readable_cells_readings.ablation_reading(held(AblationRow("in_string", 3, 0.2, 0.015, 0.0, 0.01, 0.0)))
    assert "not confined" not in small and "not twice as much" in small
    spread = readable_cells_readings.ablation_reading(held(AblationRow("in_string", 3, 0.2, 0.015, 0.012, 0.01, 0.0)))
    assert "not confined to strings" in spread
    # costs below a thousandth of a bit elsewhere are no yardstick for a ratio
    clear = readable_cells_readings.clearest_reading(held(AblationRow("in_string", 3, 0.2, 0.05, -0.01, -0.02, 0.0)))
    assert "times what it costs" not in clear and clear.endswith("the cost is below 0.001.")
