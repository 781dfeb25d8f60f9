"""Small pieces of English the readings share."""

from __future__ import annotations

__all__ = ["listed"]


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
