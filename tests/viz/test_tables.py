"""Tables: escaped, rectangular, and the ones the chapters show built from the experiments' records."""

import pytest
import torch

from lstm_explained.experiments import timing
from lstm_explained.viz import tables


def test_table_escapes_html_and_pipes():
    t = tables.Table(["a|b", "c"], [["<b>&\"x\"", 1]], caption="<cap>")
    html = t.to_html()
    assert "<b>&" not in html and "&lt;b&gt;&amp;&quot;x&quot;" in html and "&lt;cap&gt;" in html
    assert t.to_markdown().splitlines()[0] == "| a\\|b | c |"


def test_table_rejects_ragged_rows():
    with pytest.raises(ValueError, match=r"row 1 has 1 cells, expected 2"):
        tables.Table(["a", "b"], [[1, 2], [3]])


def test_the_ratio_column_appears_with_a_gpu_measurement():
    rows = [timing.Row(20000, 20, True, {"cpu": 1.0, "cuda": 0.25})]
    table = tables.timing(rows, described={"cpu": "a CPU", "cuda": "a GPU"})
    assert table.rows[0][table.columns.index("cpu/gpu ratio (here)")] == "4.0"
    assert "a CPU, a GPU" in table.caption


def test_the_interpretable_chapters_tables_show_every_row_to_the_stated_precision():
    from lstm_explained.analysis.ablation import AblationRow
    from lstm_explained.analysis.lm_errors import BreakdownRow
    from lstm_explained.analysis.probes import ProbeRow
    from lstm_explained.experiments.lm_baselines import Baselines
    from lstm_explained.training.tbptt import Record

    probe = tables.probes([ProbeRow("in_string", 7, "c", 0.712, -0.655, 3, 0.16, 0.8, 0.31)])
    assert probe.rows == [["in_string", 7, "c", "+0.71", "-0.66", "+0.16", "+0.80", "+0.31"]]
    held = tables.ablation([AblationRow("in_string", 7, 0.25, 0.0741, 0.048, 0.01, 0.002)])
    assert held.rows == [["in_string", 7, "25%", "+0.074", "+0.048", "+0.010", "+0.002"]]
    split = tables.breakdown([BreakdownRow("all", 12345, 1.84, 1.7)], order=9)
    assert split.columns[3] == "9-gram bits" and split.rows == [["all", "12,345", "1.840", "1.700", "-0.140"]]
    record = Record(torch.zeros(1), 1.0, 1, 1, 1, 1, 1.84, 1.56, 2)
    found = Baselines({"gzip": 2.215}, {"gzip": 2.3}, {9: 1.708}, {}, None)
    assert [r[:2] for r in tables.baselines(found, record, 256).rows] == [
        ["gzip", "2.215"], ["9-gram, Kneser-Ney", "1.708"], ["LSTM, 256 cells, weights fixed", "1.840"], ["LSTM, 256 cells, dynamic evaluation", "1.560"]]


def test_the_step_scores_table_marks_the_top_score_against_the_target():
    from lstm_explained.tasks.vocab import Vocab

    scores = torch.tensor([[0.1, 0.9, -1.0], [2.0, 0.0, 0.5]])
    t = tables.step_scores(Vocab("xyz"), "xy", scores, "yz")
    assert t.columns == ["step", "reads", "score x", "score y", "score z", "top", "target"]
    assert t.rows[0][2:] == ["0.10", "0.90", "-1.00", "y ✓", "y"] and t.rows[1][5:] == ["x ✗", "z"]
    with pytest.raises(ValueError, match=r"scores must be \(2, 3\) and targets 2 characters"):
        tables.step_scores(Vocab("xyz"), "xy", scores[:1], "yz")
