"""Run a ``torch.nn`` recurrent layer step by step through :mod:`lstm_explained.cells`.

``torch.nn.LSTM`` returns only ``h`` for every step; the gates that produced it are gone. Replaying
the layer's own parameters through the cell equations gives every intermediate, stacked over time,
and the replayed ``h`` equals the layer's output, which is what makes gate heatmaps trustworthy.

Which equations replay a layer is read from the cell registry
(:data:`~lstm_explained.cells.kinds.REGISTRY`): the kind whose ``torch_layer`` the module is, its
equations, and whether its state carries a cell ``c``.
"""

from __future__ import annotations

from typing import NamedTuple

import torch
from torch import Tensor, nn

from . import _checks, cells
from .cells.kinds import REGISTRY, CellKind

__all__ = ["GRUTrace", "LSTMTrace", "RNNTrace", "trace"]


class RNNTrace(NamedTuple):
    """An RNN layer's hidden states over time."""

    h: Tensor


class LSTMTrace(cells.LSTMStep):
    """Every LSTM intermediate over time: the fields of :class:`~lstm_explained.cells.lstm.LSTMStep`,
    each stacked over the steps."""

    __slots__ = ()


class GRUTrace(cells.GRUStep):
    """Every GRU intermediate over time: the fields of :class:`~lstm_explained.cells.gru.GRUStep`,
    each stacked over the steps."""

    __slots__ = ()


def _kind(module: object) -> CellKind:
    """The registry's kind whose ``torch.nn`` layer ``module`` is (nn.LSTM and nn.GRU are no nn.RNN, so one fits)."""
    for kind in REGISTRY.values():
        if kind.torch_layer is not None and isinstance(module, kind.torch_layer):
            return kind
    raise TypeError(
        f"trace: module must be a torch.nn.RNN, torch.nn.LSTM or torch.nn.GRU, got {type(module).__name__}"
    )


#: The trace each step's record stacks into, by the type of step the equations return (a bare ``h`` makes an RNNTrace).
_TRACES = {cells.LSTMStep: LSTMTrace, cells.GRUStep: GRUTrace}


def _check_supported(module: nn.RNNBase) -> None:
    if module.bidirectional:
        raise ValueError("trace: bidirectional layers are not supported; trace each direction's module separately")
    if getattr(module, "proj_size", 0):
        raise ValueError(f"trace: LSTM with proj_size={module.proj_size} is not supported; use proj_size=0")
    if module.training and module.dropout > 0 and module.num_layers > 1:
        raise ValueError(
            f"trace: the module is in training mode with dropout={module.dropout} between layers, "
            "which is random and cannot be replayed; call module.eval() first"
        )


def trace(module: nn.RNN | nn.LSTM | nn.GRU, x: Tensor, state=None, *, layer: int = -1):
    """Replay ``module`` on ``x`` one step at a time and keep every intermediate.

    Parameters
    ----------
    module : torch.nn.RNN, torch.nn.LSTM or torch.nn.GRU
        Unidirectional, any number of layers, with or without bias, ``batch_first`` or not.
    x : Tensor
        The input as the module takes it: ``(T, I)`` unbatched, ``(T, B, I)`` batched, or
        ``(B, T, I)`` when ``module.batch_first``.
    state : optional
        The module's initial state, as it takes it: ``h0`` (RNN, GRU) or ``(h0, c0)`` (LSTM), each
        ``(num_layers, [B,] H)``; ``None`` for zeros.
    layer : int
        Which layer's trace to return; the default, the last, is the one whose ``h`` is the
        module's output.

    Returns
    -------
    RNNTrace, LSTMTrace or GRUTrace
        Each field stacked over time in the layout of the module's output: ``(T, H)``,
        ``(T, B, H)``, or ``(B, T, H)`` when ``batch_first``.

    Examples
    --------
    >>> gen = torch.manual_seed(0)
    >>> lstm = torch.nn.LSTM(3, 2).requires_grad_(False)
    >>> x = torch.randn(5, 3)
    >>> tr = trace(lstm, x)
    >>> tr.f.shape
    torch.Size([5, 2])
    >>> tr.f[:, 0]
    tensor([0.5341, 0.6636, 0.6816, 0.6439, 0.6556])
    >>> output, _ = lstm(x)
    >>> torch.allclose(tr.h, output, atol=1e-6)
    True
    """
    kind = _kind(module)
    _check_supported(module)
    x = _checks.tensor("trace", "x", x)
    if x.dim() not in (2, 3):
        layout = "(batch, seq_len, input_size)" if module.batch_first else "(seq_len, batch, input_size)"
        raise ValueError(f"trace: x must be (seq_len, input_size) or {layout}, got shape {tuple(x.shape)}")
    if x.shape[-1] != module.input_size:
        raise ValueError(f"trace: x has {x.shape[-1]} features but the module's input_size is {module.input_size}")
    layers = module.num_layers
    if not -layers <= layer < layers:
        raise ValueError(f"trace: layer={layer} is out of range for a module with {layers} layer(s)")

    batched = x.dim() == 3
    if batched and module.batch_first:
        x = x.transpose(0, 1)  # replay time-major, hand back in the module's layout
    if x.shape[0] == 0:
        raise ValueError("trace: x has no steps to replay")
    expected = (layers, *x.shape[1:-1], module.hidden_size)
    meaning = "(num_layers, [batch,] hidden_size) as the module takes it"
    if kind.memory:
        if state is not None and (not isinstance(state, (tuple, list)) or len(state) != 2):
            raise TypeError(f"trace: an LSTM's state must be a pair (h0, c0) or None, got {type(state).__name__}")
        h0, c0 = (None, None) if state is None else state
        h0 = _checks.state_tensor("trace", "h0", h0, x, expected, meaning)
        c0 = _checks.state_tensor("trace", "c0", c0, x, expected, meaning)
    else:
        h0 = _checks.state_tensor("trace", "h0", state, x, expected, meaning)
    options = {"nonlinearity": module.nonlinearity} if hasattr(module, "nonlinearity") else {}  # nn.RNN's tanh or relu

    traces = []
    inputs = x
    for k in range(layers):
        weights = [getattr(module, f"weight_ih_l{k}"), getattr(module, f"weight_hh_l{k}")]
        if module.bias:
            weights += [getattr(module, f"bias_ih_l{k}"), getattr(module, f"bias_hh_l{k}")]
        steps = []
        carry = (h0[k], c0[k]) if kind.memory else h0[k]
        for x_t in inputs:
            step = kind.equations(x_t, carry, *weights, **options)
            h = step if isinstance(step, Tensor) else step.h
            carry = (h, step.c) if kind.memory else h
            steps.append(step)
        if isinstance(steps[0], Tensor):
            result = RNNTrace(torch.stack(steps))
        else:
            result = _TRACES[type(steps[0])](*map(torch.stack, zip(*steps)))
        traces.append(result)
        inputs = result.h

    chosen = traces[layer]
    if batched and module.batch_first:
        chosen = type(chosen)(*(field.transpose(0, 1) for field in chosen))
    return chosen
