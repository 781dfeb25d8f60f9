"""The variants chapter's tables: a share and its difference from the baseline, each cell's standing, saturation, growth."""

import torch

from lstm_explained.experiments import variants, variants_analyses
from lstm_explained.experiments.variants import ArenaRun
from lstm_explained.experiments.variants_analyses import Growth, Saturation, made_up_arena
from lstm_explained.readings import variants as variants_readings
from lstm_explained.viz import arena_tables


def test_the_arena_table_marks_only_the_rows_that_differ_and_never_the_baseline():
    runs = [ArenaRun.made_up("adding", "lstm", 32), ArenaRun.made_up("adding", "gru", 64), ArenaRun.made_up("adding", "nfg", 30)]
    table = arena_tables.arena(runs)
    lstm, gru, nfg, edges = (row[1] for row in table.rows)
    assert lstm == "32/64 (38–62%)"  # the baseline has no difference of its own
    assert gru.endswith("▲") and "+50" in gru
    # NFG starts from the LSTM's own weights: the paired cell gives the seeds that came out differently
    assert nfg.endswith("=") and nfg.split()[2] == "−3" and "(0 vs 2; " in nfg
    # the last row is what the unpaired test would have told from the LSTM's 32
    assert table.rows[-1][0].startswith("registers as different") and edges == "≥ 50 or ≤ 14"


def test_the_saturation_table_shows_a_dash_where_a_group_is_empty_and_never_a_p_value_the_reading_does_not_test():
    table = arena_tables.saturation([Saturation("stream", "rnn_matched", 0.95, torch.tensor([0.2]), torch.tensor([]), float("nan"), float("nan"))])
    assert table.rows == [["RNN, LSTM-sized", "stream", 1, "20%", 0, "–", "not tested: fewer than 8 on a side"]]
    # a group the reading calls too few to test shows no p-value, though one was computed
    few = arena_tables.saturation([Saturation("abcabC", "rnn_matched", 0.95, torch.full((60,), 0.7), torch.full((4,), 0.9), 0.01, 0.099)])
    assert few.rows[0][-1] == "not tested: fewer than 8 on a side" and "p =" not in few.rows[0][-1]


def test_the_growth_table_gives_three_figures_and_the_solved_count():
    table = arena_tables.growth(Growth(["LSTM", "NFG"], torch.tensor([5.71, 110.4]), torch.tensor([5.69, 1750.2]), [46, 25], 64))
    assert table.rows == [["LSTM", "5.71", "5.69", "no", "46/64"], ["NFG", "110", "1,750", "yes", "25/64"]]


def test_the_saturation_table_gives_the_verdict_at_the_level_the_tests_share():
    many = torch.full((20,), 0.2)
    found = [Saturation("abcabC", "rnn", 0.95, many, many + 0.5, 0.0, 0.001), Saturation("stream", "rnn", 0.95, many, many, 0.5, 0.04)]
    # 0.04 passes 5% alone, not the 2.5% the two tests share
    assert [row[-1] for row in arena_tables.saturation(found).rows] == ["p = 0.001: solvers less saturated", "p = 0.04: no difference at 2.50%"]


def test_the_standings_table_puts_every_task_in_one_column_and_marks_a_rate_that_differs():
    from dataclasses import replace

    runs = made_up_arena({"gru": 64, ("adding", "gru"): 0, "nfg": 32}, default=32)
    runs = [replace(r, setting=replace(r.setting, lr=0.1 if (r.setting.contestant, r.setting.task) == ("gru", "adding") else 0.03)) for r in runs]
    table = arena_tables.standings(runs)
    rows = {row[0]: row[1:] for row in table.rows}
    assert len(table.rows) == len(variants.CONTESTANTS)  # every contestant but the LSTM, and forget bias 1 against the GRU
    assert rows["GRU"][:2] == ["abcabC, abcdabcD, stream", "adding†"] and rows["GRU"][2] == "–"
    # the smallest difference that would have registered is the test's own, on the side the count fell
    edge = round(variants_readings.detectable_points(variants_analyses.compared(ArenaRun.made_up("abcabC", "cifg", 32), ArenaRun.made_up("abcabC", "lstm", 32))))
    assert rows["CIFG"][2] == ", ".join(f"{t} (0; {edge})" for t in variants.TASKS)  # the observed difference, then the edge
    # the paired NFG ties the LSTM seed for seed: no split of seeds to test, whatever its size
    assert rows["NFG"][2].count("(0; none could)") == len(variants.TASKS)
    against = rows["LSTM, forget bias 1, against the GRU"]
    assert against[1] == "abcabC, abcdabcD, stream" and against[0] == "adding†"
    for cells in rows.values():
        named = [t.rstrip("†").split(" (")[0] for cell in cells for t in cell.split(", ") if cell != "–"]
        assert sorted(named) == sorted(variants.TASKS)
