"""The memory experiment's scoring, the statistics, the tables and the analogy."""

import pytest
import torch

from lstm_explained import analogy, data, ensemble, memory, stats, tables


@pytest.mark.parametrize(
    "pattern, ambiguous_inputs",
    [("abcabC", {"b"}), ("abcdabcD", {"c"}), ("AbAcAd", {"A"}), ("abaB", {"a"})],
)
def test_ambiguous_steps_are_the_inputs_with_more_than_one_successor(pattern, ambiguous_inputs):
    text = data.sequence(pattern, 3)
    amb = memory.ambiguous_steps(text)
    assert {text[t] for t in range(len(amb)) if amb[t]} == ambiguous_inputs
    assert all(amb[t] == (text[t] in ambiguous_inputs) for t in range(len(amb)))


def test_remembers_needs_every_ambiguous_step_of_the_last_period():
    text = data.sequence("abcabC", 3)
    x, y, vocab = data.next_char_task(text)
    amb = memory.ambiguous_steps(text)
    perfect = torch.nn.functional.one_hot(y, len(vocab)).float()
    always_c = perfect.clone()
    always_c[amb, :] = torch.nn.functional.one_hot(vocab.encode("C"), len(vocab)).float()
    early_mistake = perfect.clone()
    early_mistake[1] = always_c[1]  # wrong in the first repetition only
    result = memory.remembers(torch.stack([perfect, always_c, early_mistake]), y, amb, period=6)
    assert result.tolist() == [True, False, True]


def test_remembers_rejects_a_window_without_ambiguous_steps():
    y = torch.tensor([1, 2, 0])
    with pytest.raises(ValueError, match="no ambiguous step"):
        memory.remembers(torch.zeros(3, 3), y, torch.tensor([True, False, False]), period=2)


def test_a_small_run_records_solved_models_at_each_checkpoint():
    run = memory.run("lstm", "abaB", hidden_size=2, n=3, epochs=40, every=20, device="cpu")
    assert run.checkpoints == [20, 40]
    assert run.solved.shape == (2, 3) and run.solved.dtype == torch.bool
    assert run.hidden.shape == (3, 399, 2) and run.probs.shape == (3, 399, 3)
    torch.testing.assert_close(run.probs.sum(-1), torch.ones(3, 399))
    again = memory.run("lstm", "abaB", hidden_size=2, n=3, epochs=40, every=20, device="cpu")
    assert again.seconds == run.seconds  # loaded from the cache, not retrained


def test_run_checks_that_checkpoints_divide_the_epochs():
    with pytest.raises(ValueError, match=r"every must divide epochs \(100\), got 30"):
        memory.run("rnn", "abaB", hidden_size=2, n=1, epochs=100, every=30)


@pytest.mark.parametrize("k, n", [(0, 10), (5, 10), (10, 10), (1, 1000)])
def test_wilson_interval_contains_the_share_and_stays_in_0_1(k, n):
    low, high = stats.wilson_interval(k, n)
    assert 0 <= low <= k / n <= high <= 1


def test_wilson_interval_narrows_with_more_trials():
    narrow, wide = stats.wilson_interval(500, 1000), stats.wilson_interval(5, 10)
    assert narrow[1] - narrow[0] < wide[1] - wide[0]


@pytest.mark.parametrize("args, message", [((11, 10), "successes must be an int in 0..10"), ((1, 0), "trials must be a positive int"), ((1, 10, 1.0), r"confidence must be in \(0, 1\)")])
def test_wilson_interval_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        stats.wilson_interval(*args)


def test_table_escapes_html_and_pipes():
    t = tables.Table(["a|b", "c"], [["<b>&\"x\"", 1]], caption="<cap>")
    html = t.to_html()
    assert "<b>&" not in html and "&lt;b&gt;&amp;&quot;x&quot;" in html and "&lt;cap&gt;" in html
    assert t.to_markdown().splitlines()[0] == "| a\\|b | c |"


def test_table_rejects_ragged_rows():
    with pytest.raises(ValueError, match=r"row 1 has 1 cells, expected 2"):
        tables.Table(["a", "b"], [[1, 2], [3]])


def test_comparison_table_has_every_stage_once():
    table = analogy.comparison_table()
    stages = [row[table.columns.index("stage")] for row in table.rows]
    for variable in "gch":
        assert stages.count(analogy.STAGES[variable]) == 1
    assert "콩물" in table.caption


def test_stage_table_shows_the_traced_values_of_the_model():
    model = ensemble.make_models("lstm", 3, 2, 3, n=1, seed=4)[0]
    vocab = data.Vocab("abB")
    table = analogy.stage_table(model, "abaBab", vocab)
    assert [row[0] for row in table.rows] == list(range(6))
    from lstm_explained import trace

    with torch.no_grad():
        tr = trace(model.rnn, vocab.one_hot("abaBab"))
    assert table.rows[-1][3] == "[" + ", ".join(f"{v:+.2f}" for v in tr.c[-1].tolist()) + "]"


def test_stage_table_needs_an_lstm():
    with pytest.raises(TypeError, match="must be an LSTM ToyModel"):
        analogy.stage_table(ensemble.make_models("rnn", 3, 2, 3, n=1, seed=0)[0], "ab", data.Vocab("abB"))


def test_run_all_in_worker_processes_equals_run_in_this_one():
    settings = [dict(kind=k, pattern="abaB", hidden_size=2, n=2, epochs=20, every=10, device="cpu") for k in ("rnn", "lstm")]
    together = memory.run_all([dict(s) for s in settings], workers=2)
    for setting, result in zip(settings, together):
        alone = memory.run(**setting)  # the cache of this test's folder, filled by the workers
        assert result.kind == setting["kind"] and torch.equal(result.solved, alone.solved)
        torch.testing.assert_close(result.hidden, alone.hidden)


def test_run_all_rejects_a_bad_worker_count():
    with pytest.raises(ValueError, match="workers must be a positive int"):
        memory.run_all([], workers=0)
