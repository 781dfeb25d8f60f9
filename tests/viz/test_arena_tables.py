"""The variants chapter's tables: a share and its difference from the baseline, saturation, growth."""

import torch

from lstm_explained.experiments.variants import ArenaRun
from lstm_explained.experiments.variants_analyses import Growth, Saturation
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
    assert table.rows == [["LSTM", "5.71", "5.69", "46/64"], ["NFG", "110", "1.75e+03", "25/64"]]
