"""Interpolated Kneser-Ney against a slow, plain-dictionary implementation of the same formula."""

import math
from collections import Counter, defaultdict

import numpy as np
import pytest

from lstm_explained.tasks import corpus
from lstm_explained.models.ngram import MAX_ORDER, KneserNey


def reference_kn(train: str, order: int, alphabet: str):
    """Chen & Goodman's interpolated Kneser-Ney, written from the formula with dictionaries."""
    raw = Counter(train[i - order + 1 : i + 1] for i in range(order - 1, len(train)))
    counts = {order: raw}
    for k in range(order - 1, 0, -1):  # continuation counts: distinct left extensions
        longer = {g for i in range(k, len(train)) for g in [train[i - k : i + 1]]}
        counts[k] = Counter(g[1:] for g in longer)
    discounts = {}
    for k, c in counts.items():
        n1, n2 = sum(v == 1 for v in c.values()), sum(v == 2 for v in c.values())
        discounts[k] = n1 / (n1 + 2 * n2) if n1 and n2 else 0.5
    by_context = {k: defaultdict(dict) for k in counts}
    for k, c in counts.items():
        for g, v in c.items():
            by_context[k][g[:-1]][g[-1]] = v

    def prob(context: str, w: str) -> float:
        table, d = by_context[1][""], discounts[1]
        total = sum(table.values())
        p = (max(table.get(w, 0) - d, 0) + d * len(table) / len(alphabet)) / total
        for k in range(2, order + 1):
            if len(context) < k - 1:
                break
            seen = by_context[k].get(context[len(context) - k + 1 :])
            if not seen:
                continue
            d, total = discounts[k], sum(seen.values())
            p = (max(seen.get(w, 0) - d, 0) + d * len(seen) * p) / total
        return p

    return prob, tuple(discounts[k] for k in range(1, order + 1))


TEXT = corpus.split(20_000, max_train_chars=40_000).train[:6000]


@pytest.mark.parametrize("order", [1, 2, 3, 5])
def test_matches_the_formula_written_out(order):
    model = KneserNey(TEXT, order)
    prob, discounts = reference_kn(TEXT, order, corpus.ALPHABET)
    assert model.discounts == pytest.approx(discounts)
    held_out = "def parse(self, text):\n    return self._parse(text.strip())\n"
    expected = [-math.log2(prob(held_out[max(0, i - order + 1) : i], held_out[i])) for i in range(1, len(held_out))]
    np.testing.assert_allclose(model.char_bits(held_out), expected, rtol=1e-9)


@pytest.mark.parametrize("order", [1, 2, 4, MAX_ORDER])
@pytest.mark.parametrize("context", ["", "d", "def ", "    return se", "zzzzzzzzzzzz"])
def test_every_distribution_sums_to_one_and_has_no_zero(order, context):
    p = KneserNey(TEXT, order).distribution(context)
    assert p.shape == (len(corpus.ALPHABET),)
    assert p.sum() == pytest.approx(1.0, abs=1e-12) and p.min() > 0


def test_higher_orders_help_on_code():
    valid = corpus.split(20_000, max_train_chars=40_000).valid[:5000]
    bits = [KneserNey(TEXT, k).bits_per_char(valid) for k in (1, 3, 5)]
    assert bits[0] > bits[1] > bits[2]


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: KneserNey("abc", 0), r"order must be an int in 1..9"),
        (lambda: KneserNey("abc", 10), r"order must be an int in 1..9"),
        (lambda: KneserNey("ab", 3), "fewer than order=3"),
        (lambda: KneserNey("a\u00e9b", 2), "train holds 'é', which is not in the alphabet"),
        (lambda: KneserNey("abcabc", 2).char_bits("a"), "at least 2 characters"),
        (lambda: KneserNey("abcabc", 2).char_bits("a\u00e9"), "text holds 'é'"),
    ],
)
def test_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()
