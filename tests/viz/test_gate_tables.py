"""The gates and soy-sauce chapters' tables."""

from lstm_explained.experiments import analogy
from lstm_explained.experiments.gates import GateReading
from lstm_explained.viz import gate_tables


def test_comparison_table_has_every_stage_once():
    table = gate_tables.comparison()
    stages = [row[table.columns.index("stage")] for row in table.rows]
    for variable in "gch":
        assert stages.count(analogy.STAGES[variable]) == 1
    assert "콩물" in table.caption


def test_the_stage_table_shows_each_brew_to_two_places():
    stage = analogy.Stage(3, "B", [0.5, -0.125], [1.0, 0.0], [-0.25, 0.0], "a", 0.875)
    table = gate_tables.stages([stage])
    assert table.rows == [[3, "'B'", "[+0.50, -0.12]", "[+1.00, +0.00]", "[-0.25, +0.00]", "'a' (0.88)"]]
    assert table.columns[1] == "콩물 xₜ"


def test_the_forget_gate_table_gives_one_verdict_per_unit():
    reading = GateReading({}, {}, [("a", [0.95, 0.05]), ("b", [0.5, 0.91])], 0.5, 0.95)
    table = gate_tables.forget_gate(reading)
    assert table.columns == ["character read", "unit 0 of c", "unit 1 of c"]  # from 0, as the figures and the code count
    assert table.rows == [["'a'", "keeps", "clears"], ["'b'", "passes 0.50", "keeps"]]
