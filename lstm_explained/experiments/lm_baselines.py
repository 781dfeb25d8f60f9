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

    def standing_sentence(self, bpc: float) -> str:
        """:meth:`standing` in words.

        >>> b = Baselines({"gzip": 2.2}, {"gzip": 2.3}, {5: 1.9}, {5: (0.5,)}, np.zeros(1))
        >>> b.standing_sentence(2.0)
        'fewer bits than gzip; as many or more than 5-gram, Kneser-Ney'
        """
        better, worse = self.standing(bpc)
        return f"fewer bits than {', '.join(better) or 'none of the baselines'}; as many or more than {', '.join(worse) or 'none'}"

    def ngram_trend(self) -> str:
        """How the n-grams' bits change with their order, in words.

        >>> Baselines({}, {}, {2: 3.0, 5: 2.0, 9: 1.8}, {}, np.zeros(1)).ngram_trend()
        'each longer context helps, up to the longest counted here (9 characters)'
        >>> Baselines({}, {}, {2: 3.0, 5: 2.0, 9: 2.1}, {}, np.zeros(1)).ngram_trend()
        'longer contexts help up to order 5, then the counts get too sparse'
        """
        orders = list(self.ngrams)
        if all(self.ngrams[a] > self.ngrams[b] for a, b in zip(orders, orders[1:])):
            return f"each longer context helps, up to the longest counted here ({orders[-1]} characters)"
        return f"longer contexts help up to order {self.best_ngram_order}, then the counts get too sparse"

    def ngram_reading(self, fixed: float, dynamic: float) -> str:
        """How the LSTM (``fixed`` and ``dynamic`` bits per character) stands against the best n-gram.

        >>> b = Baselines({}, {}, {9: 1.7}, {}, np.zeros(1))
        >>> b.ngram_reading(1.84, 1.56)
        'with weights fixed the LSTM needs 0.140 bits per character more than that table of every string of 9 characters in the library, and with dynamic evaluation 0.140 fewer'
        >>> b.ngram_reading(1.6, 1.5)[:53]
        'the LSTM needs fewer bits than every one of them, 0.1'
        """
        best = self.ngrams[self.best_ngram_order]
        if fixed <= best:
            return f"the LSTM needs fewer bits than every one of them, {best - fixed:.3f} fewer than the best even with its weights fixed"
        after = f"{dynamic - best:.3f} more" if dynamic > best else f"{best - dynamic:.3f} fewer"
        return (
            f"with weights fixed the LSTM needs {fixed - best:.3f} bits per character more than that table of "
            f"every string of {self.best_ngram_order} characters in the library, and with dynamic evaluation {after}"
        )

    def copy_reading(self, name: str = XZ) -> str:
        """What reading the training text first is worth to compressor ``name``, in words.

        >>> Baselines({XZ: 1.4}, {XZ: 2.0}, {}, {}, np.zeros(1)).copy_reading()[:50]
        'its 64 MiB window finds passages it can copy from '
        """
        gain = self.compressors_alone[name] - self.compressors[name]
        if gain > 0.1:
            return (
                f"its 64 MiB window finds passages it can copy from elsewhere in the library, worth {gain:.3f} bits per character, "
                "a kind of memory a small LSTM does not have"
            )
        return f"the training text is worth only {gain:.3f} bits per character to it"

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
