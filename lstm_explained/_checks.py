"""Input checks shared by the cells, so that a wrong shape is reported in the reader's terms.

Every message names the cell, the argument, what it got and what was expected; without these a
mistake surfaces as a bare matmul shape error from deep inside torch.
"""

from __future__ import annotations

import torch
from torch import Tensor


def tensor(where: str, name: str, value: object) -> Tensor:
    """Return ``value`` if it is a floating-point tensor, else raise ``TypeError``."""
    if not isinstance(value, Tensor):
        raise TypeError(f"{where}: {name} must be a torch.Tensor, got {type(value).__name__}")
    if not value.is_floating_point():
        raise TypeError(f"{where}: {name} must be a floating-point tensor, got dtype {value.dtype}")
    return value


def _same_kind(where: str, name: str, value: Tensor, like: Tensor) -> None:
    if value.dtype != like.dtype:
        raise TypeError(f"{where}: {name} has dtype {value.dtype} but x has dtype {like.dtype}; use one dtype")
    if value.device != like.device:
        raise ValueError(f"{where}: {name} is on {value.device} but x is on {like.device}; use one device")


def _shape(where: str, name: str, value: Tensor, expected: tuple[int, ...], meaning: str) -> None:
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
    _same_kind(where, "weight_ih", weight_ih, x)
    weight_hh = tensor(where, "weight_hh", weight_hh)
    _shape(where, "weight_hh", weight_hh, (rows, hidden), f"({n} * hidden_size, hidden_size) for gates {gate_list}")
    _same_kind(where, "weight_hh", weight_hh, x)
    for name, bias in (("bias_ih", bias_ih), ("bias_hh", bias_hh)):
        if bias is not None:
            bias = tensor(where, name, bias)
            _shape(where, name, bias, (rows,), f"({n} * hidden_size,) for gates {gate_list}")
            _same_kind(where, name, bias, x)
    return hidden


def state(where: str, name: str, value: object | None, x: Tensor, hidden: int) -> Tensor:
    """Return a state tensor shaped like ``x`` with ``hidden`` features; ``None`` means zeros."""
    expected = (*x.shape[:-1], hidden)
    if value is None:
        return x.new_zeros(expected)
    value = tensor(where, name, value)
    batch = "(hidden_size,) for unbatched x" if x.dim() == 1 else "(batch, hidden_size), matching x's batch"
    _shape(where, name, value, expected, batch)
    _same_kind(where, name, value, x)
    return value


def lstm_state(where: str, value: object | None, x: Tensor, hidden: int) -> tuple[Tensor, Tensor]:
    """Unpack an LSTM state ``(h, c)``; ``None`` means both zero."""
    if value is None:
        return state(where, "h", None, x, hidden), state(where, "c", None, x, hidden)
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise TypeError(f"{where}: state must be a pair (h, c) or None, got {type(value).__name__}")
    h, c = value
    return state(where, "h", h, x, hidden), state(where, "c", c, x, hidden)
