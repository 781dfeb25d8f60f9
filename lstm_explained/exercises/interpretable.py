r"""The readable-cells chapter's exercises: code lengths, context, and chance correlation, computed
small.

None of them trains the chapter's model. They read one module of the standard library
(:data:`SOURCE`) with the package's own corpus reader, features, probes, n-gram model and
compressors; every random draw is seeded.
"""

from __future__ import annotations

import math
import random
import zlib
from typing import NamedTuple

import torch

from .. import _checks
from ..analysis import probes
from ..models import compression
from ..models.charlm import CharLM, bits_per_char
from ..models.ngram import MAX_ORDER, KneserNey
from ..tasks import corpus

__all__ = [
    "GZIP_WINDOW",
    "SOURCE",
    "Chance",
    "Spread",
    "Untrained",
    "Window",
    "bracket_text",
    "chance_correlation",
    "closing_bits",
    "copy_bits",
    "first_order_below",
    "module_text",
    "side_of",
    "spread_feature",
    "untrained_bits",
]

#: The standard-library module the exercises read, whole code with docstrings, strings and brackets.
SOURCE = "textwrap.py"

#: How far back gzip (zlib at its largest window) can point for a copy, in bytes.
GZIP_WINDOW = 2**zlib.MAX_WBITS


def module_text(name: str = SOURCE) -> str:
    """The source of the standard-library module ``name``, as the corpus reads it
    (:func:`~lstm_explained.tasks.corpus.stdlib_files`).

    >>> "class TextWrapper:" in module_text()
    True
    """
    modules = dict(corpus.stdlib_files())
    if name not in modules:
        raise ValueError(f"module_text: name must be a module of the corpus, such as {SOURCE!r}, got {name!r}")
    return modules[name]


class Untrained(NamedTuple):
    """Bits per character of two models that know nothing about code."""

    uniform: float  # every character of the alphabet equally likely: log2 of its size
    untrained: float  # an untrained CharLM, on the text
    chars: int  # characters of text read


def untrained_bits(hidden: int = 256, chars: int = 2_000, name: str = SOURCE, seed: int = 0) -> Untrained:
    r"""Bits per character of the uniform code over :data:`~lstm_explained.tasks.corpus.ALPHABET`,
    :math:`\log_2 V`, and of an untrained :class:`~lstm_explained.models.charlm.CharLM` with
    ``hidden`` cells (seeded) on the first ``chars`` characters of module ``name``: the mean of
    :math:`-\log_2 p(\text{next character})`.

    >>> found = untrained_bits(hidden=16, chars=500)
    >>> round(found.uniform, 3), abs(found.untrained - found.uniform) < 0.1
    (6.6, True)
    """
    _checks.positive_int("untrained_bits", "hidden", hidden)
    _checks.int_in("untrained_bits", "chars", chars, 2)
    text = module_text(name)[:chars]
    with torch.random.fork_rng(devices=[]):  # seeded without touching the caller's generator
        torch.manual_seed(seed)
        model = CharLM(corpus.ALPHABET, hidden).eval()
    return Untrained(math.log2(len(corpus.ALPHABET)), bits_per_char(model, text), len(text))


class Window(NamedTuple):
    """Bits per character a compressor needs for a text, after reading other text with and without a copy of it."""

    near: float  # the copy ends the text read first
    far: float  # the copy is followed by ``gap`` characters of other text
    without: float  # only the ``gap`` characters of other text, no copy, were read first


def _filler(length: int, seed: int) -> str:
    """``length`` printable characters drawn at random (seeded): text with nothing to copy."""
    return "".join(random.Random(seed).choices(corpus.ALPHABET[2:], k=length))


def copy_bits(compressor: str, gap: int = 40_000, copy: int = 2_000, name: str = SOURCE, seed: int = 0) -> Window:
    r"""The code length, in bits per character, of the first ``copy`` characters :math:`B` of
    module ``name`` for ``compressor`` (a name in
    :data:`~lstm_explained.models.compression.COMPRESSORS`) after it has read a text :math:`A`:
    :math:`8\,(|C(A B)| - |C(A)|) / |B|`
    (:func:`~lstm_explained.models.compression.conditional_bits_per_char`). :math:`A` is ``gap``
    random characters :math:`R` (seeded) and a copy of :math:`B`: :math:`A = R B` in ``near``,
    :math:`A = B R` in ``far``; in ``without``, :math:`A = R`. In ``far`` the copy starts
    ``gap + copy`` characters before the text to code, beyond gzip's window (:data:`GZIP_WINDOW`).

    >>> found = copy_bits("gzip -9 (zlib)")
    >>> round(found.near, 2), round(found.far, 2), round(found.without, 2)
    (0.12, 4.22, 4.21)
    """
    _checks.one_of("copy_bits", "compressor", compressor, compression.COMPRESSORS)
    _checks.positive_int("copy_bits", "gap", gap)
    _checks.positive_int("copy_bits", "copy", copy)
    held_out, other = module_text(name)[:copy], _filler(gap, seed)
    return Window(
        near=compression.conditional_bits_per_char(other + held_out, held_out, compressor),
        far=compression.conditional_bits_per_char(held_out + other, held_out, compressor),
        without=compression.conditional_bits_per_char(other, held_out, compressor),
    )


def bracket_text(lines: int, distance: int, seed: int = 0) -> str:
    """``lines`` lines of code-like text, each an opening bracket, ``distance - 1`` characters and
    the matching closing bracket, ``distance`` characters after the opening one; each line's
    bracket is ``(`` or ``[`` at random (seeded).

    >>> bracket_text(3, 5)
    '[aaaa]\\n[aaaa]\\n(aaaa)\\n'
    """
    _checks.positive_int("bracket_text", "lines", lines)
    _checks.positive_int("bracket_text", "distance", distance)
    pairs = random.Random(seed).choices(("()", "[]"), k=lines)
    return "".join(f"{a}{'a' * (distance - 1)}{b}\n" for a, b in pairs)


def closing_bits(
    orders=tuple(range(1, MAX_ORDER + 1)), distance: int = 5, lines: int = 2_000, seed: int = 0
) -> dict[int, float]:
    r"""``{order: bits}``: the mean bits a Kneser-Ney model of each order
    (:class:`~lstm_explained.models.ngram.KneserNey`), counted on :func:`bracket_text`, needs for a
    closing bracket of fresh text of the same kind. An order-:math:`n` model sees the :math:`n - 1`
    characters before the one it predicts, so it sees the opening bracket from
    :math:`n = \text{distance} + 1` on.

    >>> bits = closing_bits((5, 6), distance=5)
    >>> round(bits[5], 1), bits[6] < 0.01
    (1.0, True)
    """
    orders = tuple(orders)
    if not orders or any(isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_ORDER for k in orders):
        raise ValueError(f"closing_bits: orders must be ints in 1..{MAX_ORDER}, got {orders!r}")
    _checks.positive_int("closing_bits", "distance", distance)
    _checks.positive_int("closing_bits", "lines", lines)
    models = KneserNey.of_orders(bracket_text(lines, distance, seed), orders)
    test = bracket_text(200, distance, seed + 1)
    closers = [k - 1 for k, ch in enumerate(test) if ch in ")]"]  # char_bits[k - 1] is the bits for test[k]
    return {order: float(model.char_bits(test)[closers].mean()) for order, model in models.items()}


def first_order_below(bits: dict[int, float], below: float = 0.5) -> int | None:
    """The smallest order whose bits are under ``below`` (``None`` if there is none).

    >>> first_order_below({4: 1.0, 5: 0.5, 6: 0.01}), first_order_below({2: 1.0})
    (6, None)
    """
    found = [order for order, b in bits.items() if b < below]
    return min(found) if found else None


class Chance(NamedTuple):
    """A cell chosen among noise for its correlation with a feature, where it was chosen and on fresh text."""

    select_r: float  # the largest |r| among the cells on the first half: the chosen cell's
    score_r: float  # the chosen cell's |r| on the second half
    white_median: float  # the median largest |r| of as many independent white-noise cells on the first half


def chance_correlation(
    cells: int = 256, slowness: float = 0.0, feature: str = "in_string", name: str = SOURCE, seed: int = 0
) -> Chance:
    r"""Choose, among ``cells`` cells of pure noise, the one whose value correlates most with
    ``feature`` (:func:`~lstm_explained.analysis.probes.features`) on the first half of module
    ``name``, and score it on the second half, as the chapter chooses and scores a cell.

    Each cell is :math:`x_t = a\,x_{t-1} + \sqrt{1 - a^2}\,\varepsilon_t` with :math:`a` =
    ``slowness`` and :math:`\varepsilon_t` standard normal: white noise at :math:`a = 0`, slowly
    varying noise near 1. For white noise over :math:`n` characters each :math:`r` is about
    :math:`N(0, 1/n)`, so the largest :math:`|r|` of :math:`H` cells has median
    :math:`\Phi^{-1}\big((1 + 2^{-1/H}) / 2\big) / \sqrt{n}`.

    >>> white = chance_correlation()
    >>> round(white.white_median, 3), 0.5 < white.select_r / white.white_median < 1.5
    (0.03, True)
    """
    _checks.positive_int("chance_correlation", "cells", cells)
    if not 0.0 <= slowness < 1.0:
        raise ValueError(f"chance_correlation: slowness must lie in [0, 1), got {slowness}")
    _checks.one_of("chance_correlation", "feature", feature, probes.FEATURES)
    values = probes.features(module_text(name))[feature].double()
    half = len(values) // 2
    generator = torch.Generator().manual_seed(seed)
    fresh = torch.randn(len(values), cells, generator=generator, dtype=torch.float64)
    noise = fresh.numpy().copy()  # row by row in numpy: a torch operation per step costs more than the step
    for t in range(1, len(noise) if slowness else 0):
        # $$x_t = a\,x_{t-1} + \sqrt{1 - a^2}\,\varepsilon_t$$
        noise[t] = slowness * noise[t - 1] + math.sqrt(1 - slowness**2) * noise[t]
    noise = torch.from_numpy(noise)
    chosen = probes.correlations(noise[:half], values[:half]).abs()
    unit = int(chosen.argmax())
    score = probes.correlations(noise[half:, unit : unit + 1], values[half:]).abs()
    p = torch.tensor((1 + 0.5 ** (1 / cells)) / 2, dtype=torch.float64)
    return Chance(chosen[unit].item(), score[0].item(), (torch.special.ndtri(p) / math.sqrt(half)).item())


class Spread(NamedTuple):
    """A feature held by many noisy cells: read by the best single cell and by the linear probe."""

    single_r: float  # the best cell, chosen on the first half, scored on the second
    probe_r: float  # the linear probe on all cells, fitted on the first half, scored on the second
    single_formula: float  # 1 / sqrt(1 + noise^2)
    probe_formula: float  # 1 / sqrt(1 + noise^2 / cells)


def spread_feature(
    cells: int = 8, noise: float = 2.0, feature: str = "in_string", name: str = SOURCE, seed: int = 0
) -> Spread:
    r"""``cells`` cells, each :math:`x_k = z + \sigma \varepsilon_k`: the feature :math:`z`
    (:func:`~lstm_explained.analysis.probes.features` of module ``name``, scaled to mean 0 and
    variance 1) plus its own standard normal noise, :math:`\sigma` = ``noise``. The best single
    cell is chosen on the first half and scored on the second
    (:func:`~lstm_explained.analysis.probes.correlations`); the linear probe
    (:func:`~lstm_explained.analysis.probes.linear_probe_r`) is fitted on the first half and scored
    on the second.

    One cell correlates with :math:`z` at :math:`1 / \sqrt{1 + \sigma^2}`; the mean of the
    :math:`K` cells is :math:`z + \sigma \bar\varepsilon` with :math:`\operatorname{Var}\bar\varepsilon = 1/K`,
    so it reaches :math:`1 / \sqrt{1 + \sigma^2 / K}`.

    >>> found = spread_feature()
    >>> round(found.single_formula, 3), round(found.probe_formula, 3)
    (0.447, 0.816)
    >>> abs(found.single_r - found.single_formula) < 0.05, abs(found.probe_r - found.probe_formula) < 0.05
    (True, True)
    """
    _checks.positive_int("spread_feature", "cells", cells)
    if not noise > 0:
        raise ValueError(f"spread_feature: noise must be positive, got {noise}")
    _checks.one_of("spread_feature", "feature", feature, probes.FEATURES)
    values = probes.features(module_text(name))[feature].double()
    z = (values - values.mean()) / values.std()
    half = len(z) // 2
    generator = torch.Generator().manual_seed(seed)
    states = z[:, None] + noise * torch.randn(len(z), cells, generator=generator, dtype=torch.float64)
    unit = int(probes.correlations(states[:half], z[:half]).abs().argmax())
    single = probes.correlations(states[half:, unit : unit + 1], z[half:]).abs()[0].item()
    probe = abs(probes.linear_probe_r(states[:half], z[:half], states[half:], z[half:]))
    return Spread(single, probe, 1 / math.sqrt(1 + noise**2), 1 / math.sqrt(1 + noise**2 / cells))


def side_of(r: float, threshold: float = 0.7) -> str:
    """Where ``|r|`` falls against the chapter's threshold for a tracked feature: a tie counts as reaching it.

    >>> side_of(0.7), side_of(-0.69)
    ('reaches', 'falls short of')
    """
    return "reaches" if abs(r) >= threshold else "falls short of"
