"""The readings of the baseline table (:mod:`~lstm_explained.experiments.lm_baselines`): how the
LSTM stands against the compressors and the n-grams, and what their numbers show, in words."""

from __future__ import annotations

from ..experiments.lm_baselines import XZ, Baselines

__all__ = ["copy_reading", "ngram_reading", "ngram_trend", "standing_sentence"]


def standing_sentence(baselines: Baselines, bpc: float) -> str:
    """:meth:`~lstm_explained.experiments.lm_baselines.Baselines.standing` in words.

    >>> import numpy as np
    >>> b = Baselines({"gzip": 2.2}, {"gzip": 2.3}, {5: 1.9}, {5: (0.5,)}, np.zeros(1))
    >>> standing_sentence(b, 2.0)
    'fewer bits than gzip; as many or more than 5-gram, Kneser-Ney'
    """
    better, worse = baselines.standing(bpc)
    return f"fewer bits than {', '.join(better) or 'none of the baselines'}; as many or more than {', '.join(worse) or 'none'}"


def ngram_trend(baselines: Baselines) -> str:
    """How the n-grams' bits change with their order, in words.

    >>> import numpy as np
    >>> ngram_trend(Baselines({}, {}, {2: 3.0, 5: 2.0, 9: 1.8}, {}, np.zeros(1)))
    'each longer context helps, up to the longest counted here (9 characters)'
    >>> ngram_trend(Baselines({}, {}, {2: 3.0, 5: 2.0, 9: 2.1}, {}, np.zeros(1)))
    'longer contexts help up to order 5, then the counts get too sparse'
    """
    orders = list(baselines.ngrams)
    if all(baselines.ngrams[a] > baselines.ngrams[b] for a, b in zip(orders, orders[1:])):
        return f"each longer context helps, up to the longest counted here ({orders[-1]} characters)"
    return f"longer contexts help up to order {baselines.best_ngram_order}, then the counts get too sparse"


def ngram_reading(baselines: Baselines, fixed: float, dynamic: float) -> str:
    """How the LSTM (``fixed`` and ``dynamic`` bits per character) stands against the best n-gram.

    >>> import numpy as np
    >>> b = Baselines({}, {}, {9: 1.7}, {}, np.zeros(1))
    >>> ngram_reading(b, 1.84, 1.56)
    'with weights fixed the LSTM needs 0.140 bits per character more than that table of every string of 9 characters in the library, and with dynamic evaluation 0.140 fewer'
    >>> ngram_reading(b, 1.6, 1.5)[:53]
    'the LSTM needs fewer bits than every one of them, 0.1'
    """
    best = baselines.ngrams[baselines.best_ngram_order]
    if fixed <= best:
        return f"the LSTM needs fewer bits than every one of them, {best - fixed:.3f} fewer than the best even with its weights fixed"
    after = f"{dynamic - best:.3f} more" if dynamic > best else f"{best - dynamic:.3f} fewer"
    return (
        f"with weights fixed the LSTM needs {fixed - best:.3f} bits per character more than that table of "
        f"every string of {baselines.best_ngram_order} characters in the library, and with dynamic evaluation {after}"
    )


def copy_reading(baselines: Baselines, name: str = XZ) -> str:
    """What reading the training text first is worth to compressor ``name``, in words.

    >>> import numpy as np
    >>> copy_reading(Baselines({XZ: 1.4}, {XZ: 2.0}, {}, {}, np.zeros(1)))[:50]
    'its 64 MiB window finds passages it can copy from '
    """
    gain = baselines.compressors_alone[name] - baselines.compressors[name]
    if gain > 0.1:
        return (
            f"its 64 MiB window finds passages it can copy from elsewhere in the library, worth {gain:.3f} bits per character, "
            "a kind of memory a small LSTM does not have"
        )
    return f"the training text is worth only {gain:.3f} bits per character to it"
