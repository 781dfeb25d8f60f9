"""The readings of the baseline table (:mod:`~lstm_explained.experiments.lm_baselines`): how the
LSTM stands against the compressors and the n-grams, and what their numbers show, as whole
sentences chosen from :data:`SENTENCES` by the numbers; the table beside them names each baseline."""

from __future__ import annotations

from ..experiments.lm_baselines import GZIP, XZ, Baselines

__all__ = ["SENTENCES", "bar_reading", "copy_reading", "ngram_reading", "ngram_trend", "standing_sentence"]

#: The sentences the readings choose from, each whole, with named fields.
SENTENCES = {
    "standing_all": "{lead} needs {bpc:.3f} bits per character, fewer than every one of the {n} baselines in the table.",
    "standing_none": "{lead} needs {bpc:.3f} bits per character, as many as every one of the {n} baselines in the table or more.",
    "standing_some": (
        "{lead} needs {bpc:.3f} bits per character, fewer than {better} of the {n} baselines in the table and as many or "
        "more than the other {worse}; the best of them, {best}, needs {best_bpc:.3f}."
    ),
    "trend_rising": "Each longer context helps, up to the longest counted here ({order} characters).",
    "trend_sparse": "Longer contexts help up to order {order}; beyond it the counts get too sparse.",
    "ngram_beaten": (
        "The best Kneser–Ney model, the {order}-gram, needs {best:.3f} bits per character; the LSTM needs {fixed_gap:.3f} fewer "
        "even with its weights fixed."
    ),
    "ngram_ahead": (
        "The best Kneser–Ney model, the {order}-gram, needs {best:.3f} bits per character. With its weights fixed the LSTM needs "
        "{fixed_gap:.3f} more than that model, built from the counts of every string of up to {order} characters in the "
        "training modules, and with dynamic evaluation {dynamic_gap}."
    ),
    "ngram_tied": (
        "The best Kneser–Ney model, the {order}-gram, needs {best:.3f} bits per character, as many as the LSTM with its "
        "weights fixed; with dynamic evaluation the LSTM needs {dynamic_gap}."
    ),
    "copy_gain": (
        "Reading the training text first saves {name} {gain:.3f} bits per character on the held-out modules ({alone:.3f} "
        "alone, {after:.3f} after)."
    ),
    "copy_window": "Its 64 MiB window and adaptive models keep what it has read, a kind of memory a small LSTM does not have.",
    "bar_cleared": "With its weights fixed the LSTM needs {bpc:.3f} bits per character, fewer than the {bar:.3f} of {name}, so it clears that bar.",
    "bar_missed": "With its weights fixed the LSTM needs {bpc:.3f} bits per character, no fewer than the {bar:.3f} of {name}, so it does not clear that bar.",
    "copy_small": "Reading the training text first saves {name} only {gain:.3f} bits per character on the held-out modules ({alone:.3f} alone, {after:.3f} after).",
}


def standing_sentence(baselines: Baselines, bpc: float, lead: str = "The LSTM") -> str:
    """:meth:`~lstm_explained.experiments.lm_baselines.Baselines.standing` as one sentence about
    ``lead``: how many of the baselines need more bits than ``bpc``, and the best of them.

    >>> import numpy as np
    >>> b = Baselines({"gzip -9": 2.2, "xz -9e": 1.9}, {}, {2: 3.0, 5: 1.9, 9: 1.7}, {}, np.zeros(1))
    >>> standing_sentence(b, 2.0, "With its weights fixed, the LSTM")
    'With its weights fixed, the LSTM needs 2.000 bits per character, fewer than 2 of the 5 baselines in the table and as many or more than the other 3; the best of them, the Kneser-Ney 9-gram, needs 1.700.'
    >>> standing_sentence(b, 1.0)
    'The LSTM needs 1.000 bits per character, fewer than every one of the 5 baselines in the table.'
    """
    better, worse = baselines.standing(bpc)
    n = len(better) + len(worse)
    if not worse:
        return SENTENCES["standing_all"].format(lead=lead, bpc=bpc, n=n)
    if not better:
        return SENTENCES["standing_none"].format(lead=lead, bpc=bpc, n=n)
    name, best = min(baselines.rows(), key=lambda row: row[1])
    grams = {f"{k}-gram, Kneser-Ney": k for k in baselines.ngrams}
    best_name = f"the Kneser-Ney {grams[name]}-gram" if name in grams else name
    return SENTENCES["standing_some"].format(lead=lead, bpc=bpc, n=n, better=len(better), worse=len(worse), best=best_name, best_bpc=best)


def bar_reading(baselines: Baselines, bpc: float, name: str = GZIP) -> str:
    """Whether the LSTM with fixed weights, at ``bpc`` bits per character, beats the compressor
    ``name``, the book's bar, in one sentence.

    >>> import numpy as np
    >>> b = Baselines({GZIP: 2.2}, {}, {}, {}, np.zeros(1))
    >>> bar_reading(b, 2.0)
    'With its weights fixed the LSTM needs 2.000 bits per character, fewer than the 2.200 of gzip -9 (zlib), so it clears that bar.'
    >>> bar_reading(b, 2.2)
    'With its weights fixed the LSTM needs 2.200 bits per character, no fewer than the 2.200 of gzip -9 (zlib), so it does not clear that bar.'
    """
    bar = baselines.compressors[name]
    return SENTENCES["bar_cleared" if bpc < bar else "bar_missed"].format(bpc=bpc, name=name, bar=bar)


def ngram_trend(baselines: Baselines) -> str:
    """How the n-grams' bits change with their order, as a sentence.

    >>> import numpy as np
    >>> ngram_trend(Baselines({}, {}, {2: 3.0, 5: 2.0, 9: 1.8}, {}, np.zeros(1)))
    'Each longer context helps, up to the longest counted here (9 characters).'
    >>> ngram_trend(Baselines({}, {}, {2: 3.0, 5: 2.0, 9: 2.1}, {}, np.zeros(1)))
    'Longer contexts help up to order 5; beyond it the counts get too sparse.'
    """
    orders = list(baselines.ngrams)
    if all(baselines.ngrams[a] > baselines.ngrams[b] for a, b in zip(orders, orders[1:])):
        return SENTENCES["trend_rising"].format(order=orders[-1])
    return SENTENCES["trend_sparse"].format(order=baselines.best_ngram_order)


def ngram_reading(baselines: Baselines, fixed: float, dynamic: float) -> str:
    """How the LSTM (``fixed`` and ``dynamic`` bits per character) stands against the best n-gram.

    >>> import numpy as np
    >>> b = Baselines({}, {}, {9: 1.7}, {}, np.zeros(1))
    >>> ngram_reading(b, 1.84, 1.56)
    'The best Kneser–Ney model, the 9-gram, needs 1.700 bits per character. With its weights fixed the LSTM needs 0.140 more than that model, built from the counts of every string of up to 9 characters in the training modules, and with dynamic evaluation 0.140 fewer.'
    >>> ngram_reading(b, 1.6, 1.5)
    'The best Kneser–Ney model, the 9-gram, needs 1.700 bits per character; the LSTM needs 0.100 fewer even with its weights fixed.'
    """
    order = baselines.best_ngram_order
    best = baselines.ngrams[order]
    gap = lambda x: "as many" if f"{x:.3f}" == f"{best:.3f}" else f"{x - best:.3f} more" if x > best else f"{best - x:.3f} fewer"  # noqa: E731
    if f"{fixed:.3f}" == f"{best:.3f}":
        return SENTENCES["ngram_tied"].format(order=order, best=best, dynamic_gap=gap(dynamic))
    if fixed < best:
        return SENTENCES["ngram_beaten"].format(order=order, best=best, fixed_gap=best - fixed)
    return SENTENCES["ngram_ahead"].format(order=order, best=best, fixed_gap=fixed - best, dynamic_gap=gap(dynamic))


def copy_reading(baselines: Baselines, name: str = XZ) -> str:
    """What reading the training text first is worth to compressor ``name``, as whole sentences.

    >>> import numpy as np
    >>> copy_reading(Baselines({XZ: 1.4}, {XZ: 2.0}, {}, {}, np.zeros(1)))[:72]
    'Reading the training text first saves xz -9e (lzma) 0.600 bits per chara'
    """
    alone, after = baselines.compressors_alone[name], baselines.compressors[name]
    key = "copy_gain" if alone - after > 0.1 else "copy_small"
    said = SENTENCES[key].format(name=name, gain=alone - after, alone=alone, after=after)
    # the window is xz's own (preset 9: a 64 MiB dictionary); another compressor's memory is not described
    return f"{said} {SENTENCES['copy_window']}" if key == "copy_gain" and name == XZ else said
