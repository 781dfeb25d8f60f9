"""The readings of the baseline table (:mod:`~lstm_explained.experiments.lm_baselines`): how the
LSTM stands against the compressors and the n-grams, and what their numbers show, in words."""

from __future__ import annotations

from ..experiments.lm_baselines import XZ, Baselines
from .words import listed

__all__ = ["copy_reading", "ngram_reading", "ngram_trend", "standing_sentence"]


def standing_sentence(baselines: Baselines, bpc: float) -> str:
    """:meth:`~lstm_explained.experiments.lm_baselines.Baselines.standing` in words: the compressors
    by name, the n-grams by their orders, so that no name's own comma splits the list.

    >>> import numpy as np
    >>> b = Baselines({"gzip -9": 2.2, "xz -9e": 1.9}, {}, {2: 3.0, 5: 1.9, 9: 1.7}, {}, np.zeros(1))
    >>> standing_sentence(b, 2.0)
    'it needs fewer bits than gzip -9 and the Kneser-Ney 2-gram, and as many or more than xz -9e and the Kneser-Ney 5- and 9-grams'
    >>> standing_sentence(b, 1.0), standing_sentence(b, 4.0)
    ('it needs fewer bits than every baseline', 'it needs as many bits as every baseline or more')
    """
    better, worse = baselines.standing(bpc)
    if not worse:
        return "it needs fewer bits than every baseline"
    if not better:
        return "it needs as many bits as every baseline or more"
    return f"it needs fewer bits than {_names(baselines, better)}, and as many or more than {_names(baselines, worse)}"


def _names(baselines: Baselines, names: list[str]) -> str:
    """Baselines named as a sentence lists them: compressors by name, then the n-grams together."""
    grams = {f"{n}-gram, Kneser-Ney": n for n in baselines.ngrams}
    orders = [grams[name] for name in names if name in grams]
    parts = [name for name in names if name not in grams]
    if len(orders) == 1:
        parts.append(f"the Kneser-Ney {orders[0]}-gram")
    elif orders:
        parts.append(f"the Kneser-Ney {listed([f'{n}-' for n in orders[:-1]] + [f'{orders[-1]}-grams'])}")
    return listed(parts)


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
    >>> copy_reading(Baselines({XZ: 1.4}, {XZ: 2.0}, {}, {}, np.zeros(1)))[:52]
    'after reading the training text it needs 0.600 fewer'
    """
    gain = baselines.compressors_alone[name] - baselines.compressors[name]
    if gain > 0.1:
        return (
            f"after reading the training text it needs {gain:.3f} fewer bits per character on the held-out text: its "
            "64 MiB window and its adaptive models keep what it read, a kind of memory a small LSTM does not have"
        )
    return f"the training text is worth only {gain:.3f} bits per character to it"
