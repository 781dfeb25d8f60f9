"""Input checks for the whole package, written one way, so that a mistake is reported in the reader's terms.

Every check takes ``where`` (the public function the reader called) and ``name`` (the argument),
and its message names both, what it got and what was expected; without these a mistake surfaces as
a bare matmul shape error from deep inside torch, or not at all.
"""

from __future__ import annotations

import torch  # noqa: F401 (the doctests use it)
from torch import Tensor


def int_in(where: str, name: str, value: object, low: int, high: int | None = None) -> int:
    """Return ``value`` if it is an int (not a bool) in ``low..high`` (no upper end when ``high``
    is ``None``), else raise ``ValueError``.

    >>> int_in("demo", "order", 12, 1, 9)
    Traceback (most recent call last):
    ...
    ValueError: demo: order must be an int in 1..9, got 12
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < low or (high is not None and value > high):
        expected = f"an int in {low}..{high}" if high is not None else "a positive int" if low == 1 else f"an int >= {low}"
        raise ValueError(f"{where}: {name} must be {expected}, got {value!r}")
    return value


def positive_int(where: str, name: str, value: object, *, optional: bool = False) -> int | None:
    """Return ``value`` if it is an int of at least 1 (or ``None``, when ``optional``), else raise ``ValueError``.

    >>> positive_int("demo", "epochs", 0)
    Traceback (most recent call last):
    ...
    ValueError: demo: epochs must be a positive int, got 0
    >>> positive_int("demo", "max_chars", None, optional=True) is None
    True
    """
    if optional and value is None:
        return None
    try:
        return int_in(where, name, value, 1)
    except ValueError:
        raise ValueError(f"{where}: {name} must be a positive int{' or None' if optional else ''}, got {value!r}") from None


def text(where: str, name: str, value: object, min_length: int = 0) -> str:
    """Return ``value`` if it is a str of at least ``min_length`` characters, else raise.

    >>> text("demo", "text", "a", 2)
    Traceback (most recent call last):
    ...
    ValueError: demo: text must be a str of at least 2 characters, got 'a'
    """
    if not isinstance(value, str):
        raise TypeError(f"{where}: {name} must be a str, got {type(value).__name__}")
    if len(value) < min_length:
        raise ValueError(f"{where}: {name} must be a str of at least {min_length} characters, got {value!r:.40}")
    return value


def one_of(where: str, name: str, value: object, choices) -> object:
    """Return ``value`` if it is one of ``choices`` (any container), else raise ``ValueError``.

    >>> one_of("demo", "kind", "lstm", ("rnn", "lstm"))
    'lstm'
    >>> one_of("demo", "kind", "gru", ("rnn", "lstm"))
    Traceback (most recent call last):
    ...
    ValueError: demo: kind must be one of 'rnn', 'lstm', got 'gru'
    """
    try:
        known = value in choices
    except TypeError:  # an unhashable value is in no dict or set of choices
        known = False
    if not known:
        raise ValueError(f"{where}: {name} must be one of {', '.join(map(repr, choices))}, got {value!r}")
    return value


def tensor(where: str, name: str, value: object) -> Tensor:
    """Return ``value`` if it is a floating-point tensor, else raise ``TypeError``."""
    if not isinstance(value, Tensor):
        raise TypeError(f"{where}: {name} must be a torch.Tensor, got {type(value).__name__}")
    if not value.is_floating_point():
        raise TypeError(f"{where}: {name} must be a floating-point tensor, got dtype {value.dtype}")
    return value


def same_kind(where: str, name: str, value: Tensor, like: Tensor) -> None:
    """Raise unless ``value`` has ``like``'s dtype and device (``like`` is the input ``x``)."""
    if value.dtype != like.dtype:
        raise TypeError(f"{where}: {name} has dtype {value.dtype} but x has dtype {like.dtype}; use one dtype")
    if value.device != like.device:
        raise ValueError(f"{where}: {name} is on {value.device} but x is on {like.device}; use one device")


def shape(where: str, name: str, value: Tensor, expected: tuple[int, ...], meaning: str) -> None:
    """Raise unless ``value`` has exactly the shape ``expected``; ``meaning`` says what it is."""
    if tuple(value.shape) != expected:
        raise ValueError(f"{where}: {name} has shape {tuple(value.shape)}, expected {expected} {meaning}")


def cell_weights(
    where: str,
    gates: str,
    x: object,
    weight_ih: object,
    weight_hh: object,
    bias_ih: object | None,
    bias_hh: object | None,
) -> int:
    """Check ``x`` and a cell's stacked weights; return the hidden size ``H``.

    ``gates`` names the blocks stacked in the weights' rows, in order (``"ifgo"`` for the LSTM), so
    ``weight_ih`` must be ``(len(gates) * H, input_size)`` and ``weight_hh`` ``(len(gates) * H, H)``.

    >>> cell_weights("demo", "ifgo", torch.zeros(3), torch.zeros(8, 3), torch.zeros(8, 2), None, None)
    2
    >>> cell_weights("demo", "ifgo", torch.zeros(3), torch.zeros(6, 3), torch.zeros(6, 2), None, None)
    Traceback (most recent call last):
    ...
    ValueError: demo: weight_ih has 6 rows, not a multiple of the 4 gates i, f, g, o; expected (4 * hidden_size, input_size)
    """
    x = tensor(where, "x", x)
    if x.dim() not in (1, 2):
        raise ValueError(
            f"{where}: x must be (input_size,) or (batch, input_size), got shape {tuple(x.shape)}"
        )
    weight_ih = tensor(where, "weight_ih", weight_ih)
    n = len(gates)
    gate_list = ", ".join(gates)
    if weight_ih.dim() != 2:
        raise ValueError(f"{where}: weight_ih must be 2-D, got shape {tuple(weight_ih.shape)}")
    rows, input_size = weight_ih.shape
    if rows == 0 or rows % n:
        raise ValueError(
            f"{where}: weight_ih has {rows} rows, not a multiple of the {n} gates {gate_list}; "
            f"expected ({n} * hidden_size, input_size)"
        )
    hidden = rows // n
    if x.shape[-1] != input_size:
        raise ValueError(
            f"{where}: x has {x.shape[-1]} features but weight_ih {tuple(weight_ih.shape)} "
            f"expects input_size {input_size}"
        )
    same_kind(where, "weight_ih", weight_ih, x)
    weight_hh = tensor(where, "weight_hh", weight_hh)
    shape(where, "weight_hh", weight_hh, (rows, hidden), f"({n} * hidden_size, hidden_size) for gates {gate_list}")
    same_kind(where, "weight_hh", weight_hh, x)
    for name, bias in (("bias_ih", bias_ih), ("bias_hh", bias_hh)):
        if bias is not None:
            bias = tensor(where, name, bias)
            shape(where, name, bias, (rows,), f"({n} * hidden_size,) for gates {gate_list}")
            same_kind(where, name, bias, x)
    return hidden


def state_tensor(where: str, name: str, value: object | None, x: Tensor, expected: tuple[int, ...], meaning: str) -> Tensor:
    """Return ``value`` checked as a state of shape ``expected`` with ``x``'s dtype and device;
    ``None`` means zeros of that shape. ``meaning`` says what the shape is."""
    if value is None:
        return x.new_zeros(expected)
    value = tensor(where, name, value)
    shape(where, name, value, expected, meaning)
    same_kind(where, name, value, x)
    return value


def state(where: str, name: str, value: object | None, x: Tensor, hidden: int) -> Tensor:
    """Return a cell's state shaped like ``x`` with ``hidden`` features; ``None`` means zeros."""
    batch = "(hidden_size,) for unbatched x" if x.dim() == 1 else "(batch, hidden_size), matching x's batch"
    return state_tensor(where, name, value, x, (*x.shape[:-1], hidden), batch)


def lstm_state(where: str, value: object | None, x: Tensor, hidden: int) -> tuple[Tensor, Tensor]:
    """Unpack an LSTM state ``(h, c)``; ``None`` means both zero."""
    if value is None:
        return state(where, "h", None, x, hidden), state(where, "c", None, x, hidden)
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise TypeError(f"{where}: state must be a pair (h, c) or None, got {type(value).__name__}")
    h, c = value
    return state(where, "h", h, x, hidden), state(where, "c", c, x, hidden)
