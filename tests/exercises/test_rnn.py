"""The RNN chapter's exercise solutions state these facts; each test fails when the computation stops bearing one out."""

import itertools
import math

import pytest
import torch

from lstm_explained.analysis.reach import gradient_reach
from lstm_explained.exercises import rnn as rnn_ex
from lstm_explained.experiments.hello import without_recurrence
from lstm_explained.models.toy import ToyModel
from lstm_explained.tasks import hello


def _brute_force_ceiling(text):
    """The best any map from the current character to a guess does, tried map by map."""
    letters = sorted(set(text))
    best = 0
    for guesses in itertools.product(letters, repeat=len(letters)):
        guess = dict(zip(letters, guesses))
        best = max(best, sum(guess[a] == b for a, b in itertools.pairwise(text)))
    return best


@pytest.mark.parametrize("text", ["hello", "abab", "abcabC", "hellohelloheel", "aaaa"])
def test_the_memoryless_ceiling_is_the_best_any_character_to_guess_map_does(text):
    best, steps = rnn_ex.memoryless_ceiling(text)
    assert steps == len(text) - 1
    assert best == _brute_force_ceiling(text)


def test_hello_cannot_be_learned_without_memory():
    best, steps = rnn_ex.memoryless_ceiling("hello")
    assert best == steps - 1  # the solution: one of the two l steps is always wrong


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_without_recurrence_the_two_l_steps_score_alike_and_with_it_they_do_not(seed):
    flat, recurrent = rnn_ex.repeated_input_gap("hell", seed)
    assert flat == 0.0
    assert recurrent > 1e-6
    # the same model run by the chapter's own function, and by torch.nn.RNN from its initial state
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = ToyModel("rnn", 4, 3, 4).double()
    x = hello.VOCAB.one_hot("hell").double()
    with torch.no_grad():
        chapters = without_recurrence(model, x)
        scores = model(x)
    assert (chapters[2] - chapters[3]).abs().max().item() == flat
    assert (scores[2] - scores[3]).abs().max().item() == pytest.approx(recurrent, rel=1e-12)


def test_the_forks_are_where_words_part_and_carry_the_choice_of_a_word():
    found = {f.prefix: f for f in rnn_ex.forks()}
    assert set(found) == {"h", "he", "hell"}
    # closed forms: after h, 3 words go on with e and 1 with o; after he, 2 with l and 1 with e; after hell, o or the end
    assert found["h"].bits == pytest.approx(-(0.75 * math.log2(0.75) + 0.25 * math.log2(0.25)))
    assert found["he"].bits == pytest.approx(-(2 / 3 * math.log2(2 / 3) + 1 / 3 * math.log2(1 / 3)))
    assert found["hell"].bits == pytest.approx(1.0)
    assert (found["h"].reach, found["he"].reach, found["hell"].reach) == pytest.approx((1.0, 0.75, 0.5))
    total = sum(f.reach * f.bits for f in found.values())
    assert total == pytest.approx(math.log2(len(hello.WORDS)))
    mean_length = sum(map(len, hello.WORDS)) / len(hello.WORDS)
    assert total / mean_length == pytest.approx(hello.entropy_rate())


@pytest.mark.parametrize(
    "words", [("ab", "ac", "b"), ("a", "ab", "abc", "b"), ("x",), ("hello", "help", "world", "word", "w")]
)
def test_the_forks_of_any_word_list_add_up_to_the_choice_of_one_word(words):
    assert sum(f.reach * f.bits for f in rnn_ex.forks(words)) == pytest.approx(math.log2(len(words)))
    for f in rnn_ex.forks(words):
        assert sum(f.branches.values()) == pytest.approx(1.0)


def test_a_greedy_writer_that_knows_the_language_writes_only_the_likeliest_branches():
    assert set(rnn_ex.greedy_words()) == {"hell", "hello"}
    assert rnn_ex.greedy_words(("x",)) == ("x",)  # no fork: the one word
    assert rnn_ex.greedy_words(("ab", "ac", "ad", "b")) == ("ab", "ac", "ad")  # a three-way tie keeps all three
    assert rnn_ex.greedy_words(("ab", "abc", "abd")) == ("ab", "abc", "abd")  # ending is a branch: c, d and the end tie
    assert rnn_ex.greedy_words(("ab", "abc", "abcd")) == ("abc", "abcd")  # after ab, c (2 words) beats the end (1)


def test_a_greedy_writer_takes_the_branch_of_largest_probability_at_every_fork():
    # independently: a word is written iff, at each of its forks, its branch is one of the likeliest
    for words in (hello.WORDS, ("ab", "ac", "b"), ("aab", "aac", "ab", "b", "c")):
        by_prefix = {f.prefix: f.branches for f in rnn_ex.forks(words)}
        expected = []
        for word in words:
            steps = [(word[:k], word[k] if k < len(word) else rnn_ex.END) for k in range(len(word) + 1)]
            if all(p not in by_prefix or by_prefix[p][ch] == max(by_prefix[p].values()) for p, ch in steps):
                expected.append(word)
        assert rnn_ex.greedy_words(words) == tuple(expected)


@pytest.mark.parametrize("truncation", [1, 4, 11])
def test_a_cut_graph_reaches_exactly_the_last_k_inputs_but_the_earlier_ones_still_matter(truncation):
    found = rnn_ex.truncated_reach(truncation=truncation)
    assert int((found.full > 0).sum()) == 12
    assert int((found.cut > 0).sum()) == truncation
    assert bool((found.cut[-truncation:] > 0).all())
    assert found.influence > 1e-6
    # an input after the cut reaches the loss only through later states, which the cut leaves whole
    assert torch.allclose(found.cut[-truncation:], found.full[-truncation:], rtol=1e-10, atol=0)


def test_the_reach_is_gradient_reach_on_the_stated_model_and_stream():
    found = rnn_ex.truncated_reach(truncation=4, seed=0, stream_seed=7)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        model = ToyModel("rnn", 4, 16, 4).double()
    text = hello.word_stream(200, 7)[:13]  # the start of the chapter's held-out stream
    x, y = hello.VOCAB.one_hot(text[:-1]).double(), hello.VOCAB.encode(text[1:])
    assert torch.allclose(found.full, gradient_reach(model, x, y))


@pytest.mark.parametrize("size", [(4, 16, 4, 2), (4, 3, 4, 1), (1, 1, 1, 3), (10, 7, 5, 4)])
def test_the_stacked_parameter_formula_counts_what_torch_allocates(size):
    found = rnn_ex.parameter_count(*size)
    assert found.counted == found.formula == sum(found.layers) + found.head
    I, H, O, L = size
    rnn = torch.nn.RNN(I, H, num_layers=L)
    assert sum(found.layers) == sum(p.numel() for p in rnn.parameters())
    assert found.head == O * H + O


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="memoryless_ceiling: text must be a str of at least 2 characters, got 'h'"):
        rnn_ex.memoryless_ceiling("h")
    with pytest.raises(ValueError, match="repeated_input_gap: text must read some character twice, got 'helo'"):
        rnn_ex.repeated_input_gap("helo")
    with pytest.raises(ValueError, match="repeated_input_gap: text must use only the letters 'helo', got 'hxx'"):
        rnn_ex.repeated_input_gap("hxx")
    with pytest.raises(ValueError, match="forks: words must be distinct, got \\('ab', 'ab'\\)"):
        rnn_ex.forks(("ab", "ab"))
    with pytest.raises(ValueError, match="greedy_words: words must be non-empty strs, got ''"):
        rnn_ex.greedy_words(("ab", ""))
    with pytest.raises(ValueError, match="forks: words must be a non-empty sequence of words, got 'hello'"):
        rnn_ex.forks("hello")
    with pytest.raises(ValueError, match="truncated_reach: truncation must be an int in 1..11, got 12"):
        rnn_ex.truncated_reach(truncation=12)
    with pytest.raises(ValueError, match="parameter_count: num_layers must be a positive int, got 0"):
        rnn_ex.parameter_count(num_layers=0)
