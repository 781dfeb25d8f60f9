"""Tasks as objects: each owns its data, sizes, loss, budget and test; the arena's four are what the chapter describes."""

import pytest
import torch

from lstm_explained.tasks import problems
from lstm_explained.tasks.long_lag import ADDING_BASELINE_MSE, LOSSES, NO_TARGET, adding, lagged_stream
from lstm_explained.tasks.problems import ADDING_ONE_VALUE, ARENA, Adding, Lagged, Phases, Pool, Scored
from lstm_explained.tasks.toy import phase_windows

KINDS = [Adding(length=8), Phases("abaB", periods=3), Phases("abcabC", periods=2, test_periods=6, scored_periods=2, chunk_periods=1), Lagged(length=10, lag=3)]


@pytest.mark.parametrize("task", KINDS, ids=lambda task: type(task).__name__)
def test_every_task_states_what_the_trainer_and_the_test_need(task):
    assert task.loss in LOSSES
    pool, test = task.data(), task.test()
    assert isinstance(pool, Pool) and isinstance(test, Pool)
    inputs, outputs = task.sizes
    assert pool.x.shape[0] == task.length and pool.x.shape[2] == inputs == test.x.shape[2]
    each = task.loss == "cross_entropy_each"
    assert pool.y.shape == (pool.x.shape[:2] if each else pool.x.shape[1:2])
    assert task.cost == task.length * task.batch and task.steps > 0 and task.lr > 0
    found = task.score(torch.zeros(*test.x.shape[:2], 3, outputs))
    assert isinstance(found, Scored) and found.score.shape == found.solved.shape == (3,) and found.solved.dtype == torch.bool


@pytest.mark.parametrize("task", KINDS, ids=lambda task: type(task).__name__)
def test_the_data_is_built_the_same_way_every_time(task):
    for first, second in ((task.data(), task.data()), (task.test(), task.test())):
        assert all(a is None and b is None or torch.equal(a, b) for a, b in zip(first, second))


def test_the_adding_pools_are_the_seeded_sequences():
    task = Adding(length=12, pool=50, held_out=20)
    x, y = adding(50, 12, seed=1)
    assert torch.equal(task.data().x, x) and torch.equal(task.data().y, y) and task.data().scored is None
    assert torch.equal(task.test().y, adding(20, 12, seed=2)[1])


def test_the_adding_score_is_the_error_over_the_memoryless_baseline():
    task = Adding(length=6, held_out=30)
    test = task.test()
    answers = torch.stack([test.y, torch.ones(30), test.y + 0.1], dim=1)  # (N, n): right, always 1, a little off
    outputs = torch.zeros(6, 30, 3, 1)
    outputs[-1, :, :, 0] = answers  # only the last step is read
    ratio, solved = task.score(outputs)
    expected = (answers - test.y[:, None]).pow(2).mean(0) / ADDING_BASELINE_MSE
    assert torch.equal(ratio, expected) and solved.tolist() == [True, False, True]
    assert task.solves(torch.tensor([0.09, 0.1])).tolist() == [True, False]


def test_remembering_only_the_later_value_is_the_plateau_and_not_solved():
    # a model that answers 1/2 plus the later marked value, exactly, and knows nothing of the earlier one
    task = Adding(length=20, held_out=4000)
    test = task.test()
    marked = test.x[..., 1] == 1  # (T, N)
    last = 19 - marked.flip(0).int().argmax(0)  # the step of each sequence's later marker
    later = test.x[last, torch.arange(4000), 0]
    outputs = torch.zeros(20, 4000, 1, 1)
    outputs[-1, :, 0, 0] = 0.5 + later
    ratio, solved = task.score(outputs)
    assert abs(ratio.item() - ADDING_ONE_VALUE) < 0.03 and not solved.item()


def test_phases_score_every_ambiguous_step_or_the_end_of_a_long_stream():
    windows = Phases("abcabC", periods=3)
    assert torch.equal(windows.test().scored, phase_windows("abcabC", 3).ambiguous)
    stream = Phases("abcabC", periods=2, test_periods=10, scored_periods=3)
    scored = stream.test().scored
    assert scored[: 7 * 6].sum() == 0 and torch.equal(scored[7 * 6 :], phase_windows("abcabC", 10).ambiguous[7 * 6 :])
    test = stream.test()
    right = torch.nn.functional.one_hot(test.y.clamp(min=0), 4).float()
    wrong_early = right.clone()
    wrong_early[6:12] = wrong_early[6:12].roll(1, -1)  # wrong before the scored end: still solved
    wrong_late = right.clone()
    wrong_late[-6:] = wrong_late[-6:].roll(1, -1)
    share, solved = stream.score(torch.stack([right, wrong_early, wrong_late], dim=2))
    assert solved.tolist() == [True, True, False] and share[0] == share[1] == 1 > share[2]


def test_lagged_scores_the_share_of_answers_asked_for():
    task = Lagged(length=6, lag=2, symbols=3, pool=40, held_out=30)
    x, y = lagged_stream(30, 6, 2, symbols=3, seed=2)
    test = task.test()
    assert torch.equal(test.x, x) and torch.equal(test.scored, y != NO_TARGET)
    guess = torch.nn.functional.one_hot(y.clamp(min=0), 3).float()
    half = guess.clone()
    half[:, :15] = half[:, :15].roll(1, -1)
    share, solved = task.score(torch.stack([guess, half], dim=2))
    assert share.tolist() == [1.0, 0.5] and solved.tolist() == [True, False]


def test_the_arena_is_the_chapters_four_tasks():
    assert list(ARENA) == ["abcabC", "abcdabcD", "adding", "stream"]
    assert [type(t).__name__ for t in ARENA.values()] == ["Phases", "Phases", "Adding", "Phases"]
    stream = ARENA["stream"]
    assert (stream.periods, stream.chunk_periods, stream.test_periods, stream.scored_periods) == (20, 4, 400, 25)
    for number in (20, 4, 400):  # the description says the numbers the task has
        assert str(number) in stream.about
    assert "25 steps" in ARENA["adding"].about and ARENA["adding"].length == 25
    assert all("4 periods" in ARENA[p].about and ARENA[p].periods == 4 for p in ("abcabC", "abcdabcD"))
    assert {name: t.sizes for name, t in ARENA.items()} == {"abcabC": (4, 4), "abcdabcD": (5, 5), "adding": (2, 1), "stream": (4, 4)}


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: Adding(length=1), "Adding: length must be an int >= 2"),
        (lambda: Adding(steps=0), "Adding: steps must be a positive int"),
        (lambda: Adding(lr=0), "Adding: lr and solved_below must be positive"),
        (lambda: Phases("abab", periods=2), "Phases: pattern must be one of"),
        (lambda: Phases("abaB", periods=2, scored_periods=3), "Phases: scored_periods 3 is more than the 2 periods tested"),
        (lambda: Phases("abaB", periods=2, chunk_periods=0), "Phases: chunk_periods must be a positive int or None"),
        (lambda: Lagged(length=4, lag=4), "Lagged: lag 4 must be shorter than the stream's 4 steps"),
        (lambda: Lagged(symbols=1), "Lagged: symbols must be an int >= 2"),
        (lambda: Adding(length=6).score(torch.zeros(6, 1000, 2, 3)), r"Adding.score: outputs must be the models' outputs on the test, \(6, 1000, n, 1\); got \(6, 1000, 2, 3\)"),
        (lambda: Phases("abaB", periods=2).score(torch.zeros(8, 4, 3)), r"Phases.score: outputs must be .* got \(8, 4, 3\)"),
    ],
)
def test_bad_tasks_are_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_the_tasks_are_frozen_records():
    task = Adding()
    with pytest.raises(AttributeError):
        task.length = 3
    assert Adding(length=25) == Adding(length=25) and hash(Adding(length=25)) == hash(Adding(length=25))
    assert isinstance(task, problems.Problem)
