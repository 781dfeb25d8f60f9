"""Small pieces of English the readings share."""

from __future__ import annotations

__all__ = ["capital", "confidence_text", "count_edges", "counted", "factor", "figure", "figures", "listed", "p_text", "part_of", "percents", "points", "signed"]


def capital(text: str) -> str:
    """``text`` as the start of a sentence: its first letter upper-case, the rest as it is.

    >>> capital("the LSTM remembers"), capital("σ stays"), capital("")
    ('The LSTM remembers', 'Σ stays', '')
    """
    return text[:1].upper() + text[1:]


def confidence_text(level: float) -> str:
    """A confidence level as the pages write it: 95%, or 99.9% for a Bonferroni-corrected one.

    >>> confidence_text(0.95), confidence_text(1 - 0.05 / 52)
    ('95%', '99.9%')
    """
    text = f"{100 * level:.1f}".rstrip("0").rstrip(".")
    return f"{text}%"


def listed(names: list[str]) -> str:
    """``names`` as a sentence lists them: ``a``, ``a and b``, ``a, b and c``.

    >>> listed(["abcabC"]), listed(["abcabC", "stream"]), listed(["NIG", "NFG", "NOG"])
    ('abcabC', 'abcabC and stream', 'NIG, NFG and NOG')
    >>> listed([])
    Traceback (most recent call last):
    ...
    ValueError: listed: there is nothing to list
    """
    if not names:
        raise ValueError("listed: there is nothing to list")
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1.

    >>> counted(0, "seed"), counted(1, "seed"), counted(7, "seed")
    ('0 seeds', '1 seed', '7 seeds')
    """
    return f"{n} {noun}{'' if n == 1 else 's'}"


def count_edges(fewest: int | None, most: int | None) -> str:
    """The counts a comparison would have told from its baseline
    (:func:`~lstm_explained.power.detectable_counts`), as a sentence gives them; "" if neither.

    >>> count_edges(50, 14), count_edges(None, 45), count_edges(None, None)
    ('50 or more, or 14 or fewer', '45 or fewer', '')
    """
    return ", or ".join(e for e in (f"{fewest} or more" if fewest is not None else "", f"{most} or fewer" if most is not None else "") if e)


def p_text(p: float) -> str:
    """A p-value as the pages write it: two digits, or a bound below 0.0001.

    >>> p_text(0.0312), p_text(3e-12)
    ('p = 0.031', 'p < 0.0001')
    """
    return "p < 0.0001" if p < 1e-4 else f"p = {p:.2g}"


def part_of(k: int, n: int, noun: str) -> str:
    """``k`` of ``n`` things, as a sentence counts them: "the one task", "both tasks", "all 4 tasks",
    "3 of the 4 tasks", "no task".

    >>> part_of(1, 1, "task"), part_of(2, 2, "task"), part_of(4, 4, "task"), part_of(3, 4, "task"), part_of(0, 4, "task")
    ('the one task', 'both tasks', 'all 4 tasks', '3 of the 4 tasks', 'no task')
    >>> part_of(5, 4, "task")
    Traceback (most recent call last):
    ...
    ValueError: part_of: k must lie between 0 and n = 4, got 5
    """
    if n < 1 or not 0 <= k <= n:
        raise ValueError(f"part_of: k must lie between 0 and n = {n}, got {k}" if n >= 1 else f"part_of: n must be at least 1, got {n}")
    if k == 0:
        return f"no {noun}"
    if k == n:
        return f"the one {noun}" if n == 1 else f"both {noun}s" if n == 2 else f"all {n} {noun}s"
    return f"{k} of the {n} {noun}s"


def figure(value: float) -> str:
    """A measured value as the pages print it: three significant digits, or a whole number with
    thousands separators from 1,000 up (never ``2.04e+03``).

    >>> figure(5.712), figure(127.4), figure(2040.2), figure(0.000123)
    ('5.71', '127', '2,040', '0.000123')
    """
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def figures(values: list[float]) -> list[str]:
    """``values`` as :func:`figure` prints them, with more significant digits (up to 6) where two
    that differ would otherwise print alike.

    >>> figures([0.012341, 0.012344, 2.5]), figures([0.0123, 0.0124]), figures([0.5, 0.5])
    (['0.012341', '0.012344', '2.5'], ['0.0123', '0.0124'], ['0.5', '0.5'])
    """
    for digits in range(3, 7):
        said = [f"{v:,.0f}" if abs(v) >= 1000 and digits == 3 else f"{v:.{digits}g}" for v in values]
        if all(said[i] != said[j] for i in range(len(values)) for j in range(i) if values[i] != values[j]):
            return said
    return said


def points(share: float) -> str:
    """A difference of two shares in percentage points, signed (:func:`signed`): 0.30 -> '+30';
    one decimal where a whole number would print a difference that is not zero as 0.

    >>> points(0.30), points(-0.004), points(0.0)
    ('+30', '−0.4', '0')
    """
    value = 100 * share
    if round(value) == 0 and value != 0:
        return f"{'+' if value > 0 else '−'}{abs(value):.1f}"
    return signed(value)


def signed(points: float) -> str:
    """A difference in whole units (percentage points) with its sign, a true minus for a fall and
    no sign on zero.

    >>> signed(12.4), signed(-3.6), signed(0.2)
    ('+12', '−4', '0')
    """
    value = round(points)
    return "0" if value == 0 else f"{'+' if value > 0 else '−'}{abs(value)}"


def factor(ratio: float, larger: str = "larger", unchanged: str = "about unchanged", digits: int = 1) -> str:
    """A ratio as a sentence gives it, to ``digits`` significant digits: "about 70,000 times larger",
    "about 20 times smaller", or ``unchanged`` within a factor of two either way.

    >>> factor(7.4e4), factor(0.05), factor(1.3), factor(7.4e4, larger="as large", digits=2)
    ('about 70,000 times larger', 'about 20 times smaller', 'about unchanged', 'about 74,000 times as large')
    """
    if not ratio > 0:
        raise ValueError(f"factor: a ratio must be positive, got {ratio}")
    if 0.5 < ratio < 2:
        return unchanged
    size = ratio if ratio >= 2 else 1 / ratio
    return f"about {figure(float(f'{size:.{digits}g}'))} times {larger if ratio >= 2 else 'smaller'}"


def percents(shares: list[float]) -> list[str]:
    """``shares`` as percentages with the fewest decimals (up to 3) at which every two that differ
    print differently, so a sentence that orders them never contradicts the figures it prints.

    >>> percents([0.45, 0.30, 0.12]), percents([0.452, 0.454, 0.1]), percents([0.0, 0.0])
    (['45%', '30%', '12%'], ['45.2%', '45.4%', '10.0%'], ['0%', '0%'])
    """
    def text(share: float, decimals: int) -> str:
        return f"{100 * share:.{decimals}f}%"

    def separates(decimals: int) -> bool:
        return all(text(a, decimals) != text(b, decimals) for a in shares for b in shares if a != b)

    decimals = next((d for d in range(4) if separates(d)), 3)
    return [text(share, decimals) for share in shares]
