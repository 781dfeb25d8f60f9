"""What the character LSTM is measured against: compressors and smoothed n-grams on the same split.

Every baseline reads the same training text and is scored on the same held-out modules, in bits
per held-out character: the compressors of :mod:`lstm_explained.models.compression` as conditional code
lengths (and, to show what the training text gives them, on the held-out text alone), and
interpolated Kneser-Ney models (:mod:`lstm_explained.models.ngram`) of several orders.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass

import numpy as np

from ..models import compression
from ..models.ngram import KneserNey
from ..runtime import cache
from ..tasks import corpus

__all__ = ["GZIP", "NGRAM_ORDERS", "XZ", "Baselines", "baselines"]

#: The Kneser-Ney orders the book reports.
NGRAM_ORDERS = (2, 3, 5, 7, 9)

#: The names of the compressors the chapter discusses by name.
GZIP, XZ = "gzip -9 (zlib)", "xz -9e (lzma)"


@dataclass
class Baselines:
    """Bits per held-out character of each baseline, in the order they are reported."""

    compressors: dict[str, float]  # name -> bits per character, given the training text
    compressors_alone: dict[str, float]  # name -> bits per character of the held-out text alone
    ngrams: dict[int, float]  # order -> bits per character, interpolated Kneser-Ney
    discounts: dict[int, tuple[float, ...]]  # order -> the estimated discount of each level
    best_ngram_char_bits: np.ndarray  # the best order's bits for each of split.valid[1:]

    @property
    def best_ngram_order(self) -> int:
        """The order whose n-gram needs the fewest bits."""
        return min(self.ngrams, key=self.ngrams.get)

    def standing(self, bpc: float) -> tuple[list[str], list[str]]:
        """The baselines that need more bits than ``bpc``, and those that need as many or fewer.

        >>> b = Baselines({"gzip": 2.2}, {"gzip": 2.3}, {5: 1.9}, {5: (0.5,)}, np.zeros(1))
        >>> b.standing(2.0)
        (['gzip'], ['5-gram, Kneser-Ney'])
        """
        rows = self.rows()
        return [name for name, b in rows if b > bpc], [name for name, b in rows if b <= bpc]

    def rows(self) -> list[tuple[str, float]]:
        """``(name, bits per character)`` for every baseline: the compressors, then the n-grams."""
        return list(self.compressors.items()) + [(f"{n}-gram, Kneser-Ney", bpc) for n, bpc in self.ngrams.items()]


def _compute(split: corpus.Split, orders: tuple[int, ...]) -> dict:
    # the compressors release the GIL: they run in threads while the n-grams are counted here
    with ThreadPoolExecutor(max_workers=2) as pool:
        given = {name: pool.submit(compression.conditional_bits_per_char, split.train, split.valid, name) for name in compression.COMPRESSORS}
        lone = {name: pool.submit(compression.conditional_bits_per_char, "", split.valid, name) for name in compression.COMPRESSORS}
        models = KneserNey.of_orders(split.train, orders)
        compressors = {name: future.result() for name, future in given.items()}
        alone = {name: future.result() for name, future in lone.items()}
    bits = {order: model.char_bits(split.valid) for order, model in models.items()}
    ngrams = {order: float(b.mean()) for order, b in bits.items()}
    best = min(ngrams, key=ngrams.get)
    discounts = {order: model.discounts for order, model in models.items()}
    return asdict(Baselines(compressors, alone, ngrams, discounts, bits[best].astype(np.float32)))


def baselines(split: corpus.Split, orders: tuple[int, ...] = NGRAM_ORDERS) -> Baselines:
    """Every baseline on ``split``, computed once and cached (keyed by the split's text).

    >>> small = corpus.split(20_000, max_train_chars=60_000)
    >>> b = baselines(small, orders=(1, 3))
    >>> list(b.compressors)
    ['gzip -9 (zlib)', 'bzip2 -9 (bz2)', 'xz -9e (lzma)']
    >>> b.ngrams[3] < b.ngrams[1], b.best_ngram_order, b.best_ngram_char_bits.shape == (len(small.valid) - 1,)
    (True, 3, True)
    """
    key = {"corpus_sha256": split.sha256, "orders": list(orders)}
    return Baselines(**cache.cached("lm_baselines", key, lambda: _compute(split, tuple(orders)), module=__name__))
