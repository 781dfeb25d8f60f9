"""The toy sequences: repeats of the lecture's patterns, shifted by one for next-character prediction."""

import pytest
import torch

from lstm_explained.tasks import toy
from lstm_explained.tasks.vocab import Vocab


@pytest.mark.parametrize("pattern", sorted(toy.PATTERNS))
def test_sequences_repeat_their_pattern(pattern):
    text = toy.sequence(pattern)
    assert len(text) == len(pattern) * toy.PATTERNS[pattern]
    assert text == pattern * toy.PATTERNS[pattern]


def test_next_char_task_shifts_by_one():
    x, y, vocab = toy.next_char_task("abcabC")
    assert torch.equal(x.argmax(1), vocab.encode("abcab"))
    assert torch.equal(y, vocab.encode("bcabC"))


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: Vocab("ab").encode("abxa"), ValueError, r"character 'x' at position 2 is not in the vocabulary 'ab'"),
        (lambda: Vocab("ab").decode([0, 2]), ValueError, r"index 2 at position 1 is outside 0..1"),
        (lambda: Vocab("ab").decode([0, -1]), ValueError, r"index -1 at position 1"),
        (lambda: Vocab("ab").encode(["a"]), TypeError, r"text must be a str, got list"),
        (lambda: Vocab(""), ValueError, r"chars is empty"),
        (lambda: Vocab("aba"), ValueError, r"characters \['a'\] appear more than once"),
        (lambda: Vocab(["a", "bc"]), ValueError, r"entry 1 is 'bc', expected a single character"),
        (lambda: toy.sequence("abc"), ValueError, r"sequence: pattern must be one of 'AbAcAd', .*, got 'abc'"),
        (lambda: toy.sequence("abaB", 0), ValueError, r"repeats must be a positive int, got 0"),
        (lambda: toy.next_char_task("a"), ValueError, r"at least 2 characters"),
    ],
)
def test_bad_input_names_the_problem(call, error, message):
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize(
    "pattern, ambiguous_inputs",
    [("abcabC", {"b"}), ("abcdabcD", {"c"}), ("AbAcAd", {"A"}), ("abaB", {"a"})],
)
def test_ambiguous_steps_are_the_inputs_with_more_than_one_successor(pattern, ambiguous_inputs):
    text = toy.sequence(pattern, 3)
    amb = toy.ambiguous_steps(text)
    assert {text[t] for t in range(len(amb)) if amb[t]} == ambiguous_inputs
    assert all(amb[t] == (text[t] in ambiguous_inputs) for t in range(len(amb)))


def test_remembers_needs_every_ambiguous_step_of_the_last_period():
    text = toy.sequence("abcabC", 3)
    x, y, vocab = toy.next_char_task(text)
    amb = toy.ambiguous_steps(text)
    perfect = torch.nn.functional.one_hot(y, len(vocab)).float()
    always_c = perfect.clone()
    always_c[amb, :] = torch.nn.functional.one_hot(vocab.encode("C"), len(vocab)).float()
    early_mistake = perfect.clone()
    early_mistake[1] = always_c[1]  # wrong in the first repetition only
    result = toy.remembers(torch.stack([perfect, always_c, early_mistake]), y, amb, period=6)
    assert result.tolist() == [True, False, True]


def test_remembers_rejects_a_window_without_ambiguous_steps():
    y = torch.tensor([1, 2, 0])
    with pytest.raises(ValueError, match="no ambiguous step"):
        toy.remembers(torch.zeros(3, 3), y, torch.tensor([True, False, False]), period=2)



@pytest.mark.parametrize("pattern", ["abcabC", "abcdabcD"])
def test_phase_windows_read_the_endless_stream_from_every_phase(pattern):
    w = toy.phase_windows(pattern, 3)
    size = len(pattern)
    assert w.x.shape == (3 * size, size, len(w.vocab)) and w.y.shape == (3 * size, size)
    stream = pattern * 5
    for phase in range(size):
        seen = w.vocab.decode(w.x[:, phase].argmax(-1))
        assert seen == stream[phase : phase + 3 * size]
        wanted = stream[phase + size : phase + 3 * size + 1]  # targets start once a whole period was seen
        assert w.vocab.decode(w.y[size - 1 :, phase]) == wanted
    assert (w.y[: size - 1] == -1).all()
    # the ambiguous steps are those after the letter before the capital: 2 per period (abcabC: after each b)
    before = pattern[-2]
    letters = w.x.argmax(-1)
    assert torch.equal(w.ambiguous, (letters == w.vocab.encode(before)[0]) & (w.y != -1))


def test_phase_windows_bad_input():
    with pytest.raises(ValueError, match="pattern must be one of"):
        toy.phase_windows("abc", 2)
    with pytest.raises(ValueError, match="periods"):
        toy.phase_windows("abcabC", 0)
