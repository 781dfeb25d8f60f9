"""What every character of a piece of Python code is, read with Python's own ``tokenize``.

This module imports nothing but the standard library, so that it can be checked on any Python:
Python 3.12 tokenizes f-strings into ``FSTRING_START``, ``FSTRING_MIDDLE`` and ``FSTRING_END`` and
the code inside their braces (PEP 701), where 3.11 and earlier return one ``STRING`` token. Both
are read here as the same thing: the whole literal, from its prefix to its closing quote, is a
string, and brackets or ``#`` inside it are part of the string, not of the code.
"""

from __future__ import annotations

import io
import tokenize
from dataclasses import dataclass

__all__ = ["CodeScan", "scan"]

_OPEN, _CLOSE = "([{", ")]}"
# Absent before Python 3.12; -1 matches no token type.
_FSTRING_START = getattr(tokenize, "FSTRING_START", -1)
_FSTRING_END = getattr(tokenize, "FSTRING_END", -1)


@dataclass
class CodeScan:
    """One entry per character of the scanned text."""

    docstring: list[int]  # 1 inside a triple-quoted string literal (prefix and quotes included)
    short_string: list[int]  # 1 inside any other string literal
    comment: list[int]  # 1 inside a ``#`` comment
    depth: list[int]  # open ( [ { of the code; a bracket itself sits at the outer depth
    line_position: list[int]  # column, 0 at the start of a line; a newline belongs to its line
    indent: list[int]  # spaces before the first non-space character of the character's line
    close_distance: list[int]  # at a closing bracket of the code: characters since its opening one; else -1


def _is_triple(literal: str) -> bool:
    return literal.lstrip("rRbBuUfF")[:3] in ('"""', "'''")


def scan(text: str) -> CodeScan:
    """Scan ``text``, which must be Python that tokenizes.

    >>> s = scan("f(a, 'x)') # (\\n")
    >>> s.short_string[5:9], s.comment[11:14], s.depth[:5]
    ([1, 1, 1, 1], [1, 1, 1], [0, 0, 1, 1, 1])
    >>> s.close_distance[9], s.close_distance[1]  # the ')' closing 'f(' eight characters on; '(' is no close
    (8, -1)
    >>> scan("x = (\\n")
    Traceback (most recent call last):
    ...
    ValueError: scan: text does not tokenize as Python (...); it must be whole code
    """
    if not isinstance(text, str):
        raise TypeError(f"scan: text must be a str, got {type(text).__name__}")
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    n = len(text)
    docstring, short_string, comment = [0] * n, [0] * n, [0] * n
    depth_change, close_distance = [0] * (n + 1), [-1] * n
    opened: list[int] = []
    fstring_nesting, fstring_start, fstring_prefix = 0, 0, ""

    def mark(target: list[int], a: int, b: int) -> None:
        target[a:b] = [1] * (b - a)

    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.ENDMARKER:
                break
            a = starts[tok.start[0] - 1] + tok.start[1]
            b = starts[tok.end[0] - 1] + tok.end[1]
            if tok.type == _FSTRING_START:  # Python 3.12+: an f-string arrives in pieces
                if fstring_nesting == 0:
                    fstring_start, fstring_prefix = a, tok.string
                fstring_nesting += 1
            elif tok.type == _FSTRING_END:
                fstring_nesting -= 1
                if fstring_nesting == 0:
                    mark(docstring if _is_triple(fstring_prefix) else short_string, fstring_start, b)
            elif fstring_nesting:
                continue  # the code inside an f-string's braces is part of the literal
            elif tok.type == tokenize.STRING:
                mark(docstring if _is_triple(tok.string) else short_string, a, b)
            elif tok.type == tokenize.COMMENT:
                mark(comment, a, b)
            elif tok.type == tokenize.OP and tok.string in _OPEN:
                depth_change[b] += 1
                opened.append(a)
            elif tok.type == tokenize.OP and tok.string in _CLOSE:
                depth_change[a] -= 1
                close_distance[a] = a - opened.pop()
    except (tokenize.TokenError, SyntaxError) as error:
        raise ValueError(f"scan: text does not tokenize as Python {error.args}; it must be whole code") from None

    line_position, indent, depth, running = [0] * n, [0] * n, [0] * n, 0
    for line, start in zip(lines, starts):
        line_position[start : start + len(line)] = range(len(line))
        indent[start : start + len(line)] = [len(line) - len(line.lstrip(" "))] * len(line)
    for k in range(n):
        running += depth_change[k]
        depth[k] = running
    return CodeScan(docstring, short_string, comment, depth, line_position, indent, close_distance)
