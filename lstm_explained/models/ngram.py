"""A character n-gram model with interpolated Kneser-Ney smoothing: the standard count-based baseline.

For an order-``n`` model and a character ``w`` after the context ``h`` (the ``n - 1`` characters
before it), with ``h'`` the context shortened by its oldest character (Chen & Goodman 1999, eq. 17):

.. math::

    p_{KN}(w \\mid h) = \\frac{\\max(c(hw) - D, 0)}{\\sum_{w'} c(hw')}
        + \\frac{D \\, N_{1+}(h\\,\\bullet)}{\\sum_{w'} c(hw')} \\, p_{KN}(w \\mid h')

where ``c`` is the raw count at the highest order and, at every lower order, the *continuation*
count ``N_{1+}(\\bullet\\, hw)``: in how many different contexts the shorter string was seen. A
context never seen in training passes its whole mass to the lower order. The unigram level is
interpolated with the uniform distribution over the alphabet, so no character has probability 0.

Each order ``k`` has one discount, estimated from the training counts as Ney, Essen & Kneser (1994)
do: ``D_k = n_1 / (n_1 + 2 n_2)``, with ``n_1`` and ``n_2`` the numbers of ``k``-grams whose count
(raw or continuation) is exactly 1 and 2.

Counting is vectorised: a string of up to 9 characters is packed into one 63-bit integer, 7 bits a
character, and counted with ``numpy.unique``.
"""

from __future__ import annotations

import numpy as np

from .. import _checks
from ..tasks import corpus

__all__ = ["KneserNey", "MAX_ORDER"]

_BITS = 7
#: Longest n-gram that packs into a signed 64-bit integer at 7 bits per character.
MAX_ORDER = 9


def _encode(text: str, index: np.ndarray, where: str) -> np.ndarray:
    """Characters as codes ``1..V`` through the lookup table ``index`` (0: not in the alphabet)."""
    raw = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    codes = index[raw.clip(max=len(index) - 1)] * (raw < len(index))
    if len(codes) and codes.min() == 0:
        bad = text[int(np.argmin(codes))]
        raise ValueError(f"KneserNey: {where} holds {bad!r}, which is not in the alphabet")
    return codes.astype(np.int64)


def _grams(codes: np.ndarray, order: int) -> list[np.ndarray]:
    """``grams[k - 1][i]``: the ``k`` characters ending at ``i``, packed (``-1`` where ``i < k - 1``)."""
    grams = [codes]
    for k in range(2, order + 1):
        g = np.full_like(codes, -1)
        g[k - 1 :] = (grams[-1][k - 2 : -1] << _BITS) | codes[k - 1 :]
        grams.append(g)
    return grams


class _Counts:
    """Raw counts of every n-gram up to ``order``, and continuation counts below it."""

    def __init__(self, train: str, order: int, alphabet: str):
        if len(set(alphabet)) != len(alphabet) or not 0 < len(alphabet) < 2**_BITS:
            raise ValueError(f"KneserNey: alphabet must be 1..{2**_BITS - 1} distinct characters")
        if len(train) < order:
            raise ValueError(f"KneserNey: train has {len(train)} characters, fewer than order={order}")
        self.alphabet = alphabet
        self.index = np.zeros(max(map(ord, alphabet)) + 1, dtype=np.int64)
        self.index[[ord(ch) for ch in alphabet]] = np.arange(1, len(alphabet) + 1)  # 0 is never a character
        grams = _grams(_encode(train, self.index, "train"), order)
        self.raw = {k: np.unique(grams[k - 1][k - 1 :], return_counts=True) for k in range(1, order + 1)}
        # how many distinct one-longer grams end with each gram: its continuation count
        self.continuation = {k: np.unique(self.raw[k + 1][0] & ((1 << (_BITS * k)) - 1), return_counts=True) for k in range(1, order)}


class KneserNey:
    """An interpolated Kneser-Ney character model of order ``order``, counted on ``train``.

    >>> model = KneserNey("abracadabra abracadabra", order=3)
    >>> model.discounts  # one per order, from the counts: D_k = n1 / (n1 + 2 n2)
    (0.5, 0.8, 0.230...)
    >>> p = model.distribution("ab")
    >>> round(float(p.sum()), 6), model.alphabet[int(p.argmax())]
    (1.0, 'r')
    >>> model.char_bits("abrac").round(2)  # bits for b, r, a, c given what precedes each
    array([1.85, 0.06, 0.04, 0.73])
    """

    def __init__(self, train: str, order: int, alphabet: str = corpus.ALPHABET):
        _checks.int_in("KneserNey", "order", order, 1, MAX_ORDER)
        self._setup(_Counts(train, order, alphabet), order)

    @classmethod
    def of_orders(cls, train: str, orders, alphabet: str = corpus.ALPHABET) -> dict[int, KneserNey]:
        """Models of several ``orders`` on the same ``train``, counted once: ``{order: model}``.

        >>> models = KneserNey.of_orders("abracadabra abracadabra", (1, 3))
        >>> models[3].char_bits("abrac").tolist() == KneserNey("abracadabra abracadabra", 3).char_bits("abrac").tolist()
        True
        """
        orders = tuple(orders)
        bad = [k for k in orders if not isinstance(k, int) or not 1 <= k <= MAX_ORDER]
        if bad or not orders:
            raise ValueError(f"KneserNey.of_orders: orders must be ints in 1..{MAX_ORDER}, got {orders!r}")
        counts = _Counts(train, max(orders), alphabet)
        models = {}
        for order in orders:
            model = cls.__new__(cls)
            model._setup(counts, order)
            models[order] = model
        return models

    def _setup(self, counts: _Counts, order: int) -> None:
        self.order, self.alphabet, self._index = order, counts.alphabet, counts.index
        self._keys, self._counts, self._contexts, discounts = [], [], [], []
        for k in range(1, order + 1):
            keys, values = counts.raw[k] if k == order else counts.continuation[k]  # raw counts only at the top
            n1, n2 = int((values == 1).sum()), int((values == 2).sum())
            discounts.append(n1 / (n1 + 2 * n2) if n1 and n2 else 0.5)
            contexts, first = np.unique(keys >> _BITS, return_index=True)  # keys are sorted, so contexts group
            self._keys.append(keys)
            self._counts.append(values)
            self._contexts.append((contexts, np.add.reduceat(values, first), np.diff(np.append(first, len(keys)))))
        self.discounts = tuple(discounts)

    def _encode(self, text: str, where: str) -> np.ndarray:
        return _encode(text, self._index, where)

    def _grams(self, codes: np.ndarray) -> list[np.ndarray]:
        return _grams(codes, self.order)

    def _probability(self, grams: list[np.ndarray]) -> np.ndarray:
        """p(last character | the ones before) for packed grams of every order (``-1``: too short)."""
        counts, total, types = self._counts[0], self._counts[0].sum(), len(self._counts[0])
        where = np.searchsorted(self._keys[0], grams[0]).clip(max=len(counts) - 1)
        c = np.where(self._keys[0][where] == grams[0], counts[where], 0)
        d = self.discounts[0]
        p = (np.maximum(c - d, 0) + d * types / len(self.alphabet)) / total
        for k in range(2, self.order + 1):
            g, keys, counts, d = grams[k - 1], self._keys[k - 1], self._counts[k - 1], self.discounts[k - 1]
            contexts, totals, types = self._contexts[k - 1]
            at = np.searchsorted(contexts, g >> _BITS).clip(max=len(contexts) - 1)
            seen = (g >= 0) & (contexts[at] == g >> _BITS)
            where = np.searchsorted(keys, g).clip(max=len(keys) - 1)
            c = np.where(keys[where] == g, counts[where], 0)
            p = np.where(seen, (np.maximum(c - d, 0) + d * types[at] * p) / totals[at], p)
        return p

    def char_bits(self, text: str) -> np.ndarray:
        """Bits for each of ``text[1:]`` given up to ``order - 1`` characters before it in ``text``."""
        if len(text) < 2:
            raise ValueError("KneserNey.char_bits: text must have at least 2 characters")
        grams = [g[1:] for g in self._grams(self._encode(text, "text"))]
        return -np.log2(self._probability(grams))

    def bits_per_char(self, text: str) -> float:
        """The mean of :meth:`char_bits`."""
        return float(self.char_bits(text).mean())

    def distribution(self, context: str) -> np.ndarray:
        """p(w | context) for every character ``w`` of the alphabet, in its order (sums to 1)."""
        context = context[len(context) - self.order + 1 :] if self.order > 1 else ""
        codes = self._encode(context, "context")
        grams = []
        for k in range(1, self.order + 1):
            if k - 1 > len(codes):
                grams.append(np.full(len(self.alphabet), -1, dtype=np.int64))
                continue
            packed = 0
            for code in codes[len(codes) - (k - 1) :] if k > 1 else []:
                packed = (packed << _BITS) | int(code)
            grams.append((packed << _BITS) | np.arange(1, len(self.alphabet) + 1, dtype=np.int64))
        return self._probability(grams)
