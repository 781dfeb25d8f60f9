"""Check the written-out equations against ``torch.nn`` on concrete numbers.

The pages do not ask the reader to trust that :func:`lstm_explained.cells.lstm.lstm_cell` is the LSTM:
they compute the same thing three ways and show the largest difference.
"""

from __future__ import annotations

from collections.abc import Mapping

import torch
from torch import Tensor, nn

from . import _checks, cells
from .tracing import trace

__all__ = ["float32_tolerance", "gradient_gap", "largest_gradient", "lstm_three_ways", "max_disagreement"]


def lstm_three_ways(lstm: nn.LSTM, x: Tensor) -> dict[str, Tensor]:
    """The hidden states of a one-layer ``lstm`` on ``x`` ``(T, I)``, computed three ways.

    - ``"nn.LSTMCell"``: a :class:`torch.nn.LSTMCell` given ``lstm``'s weights, looped over time;
    - ``"cells.lstm_cell"``: the equations of :func:`~lstm_explained.cells.lstm.lstm_cell`, looped;
    - ``"nn.LSTM"``: the layer itself, all steps in one call.

    Each value is ``(T, H)``.

    Examples
    --------
    >>> gen = torch.manual_seed(0)
    >>> lstm = torch.nn.LSTM(3, 2).requires_grad_(False)
    >>> hs = lstm_three_ways(lstm, torch.randn(4, 3))
    >>> hs["cells.lstm_cell"][-1]
    tensor([ 0.2673, -0.1583])
    >>> max_disagreement(hs) < 1e-6
    True
    """
    where = "lstm_three_ways"
    if not isinstance(lstm, nn.LSTM):
        raise TypeError(f"{where}: lstm must be a torch.nn.LSTM, got {type(lstm).__name__}")
    if lstm.num_layers != 1 or lstm.bidirectional or lstm.proj_size or lstm.batch_first:
        raise ValueError(f"{where}: needs a one-layer, unidirectional, time-major LSTM without projection")
    x = _checks.tensor(where, "x", x)
    if x.dim() != 2:
        raise ValueError(f"{where}: x must be (seq_len, input_size), got shape {tuple(x.shape)}")

    params = [lstm.weight_ih_l0, lstm.weight_hh_l0]
    if lstm.bias:
        params += [lstm.bias_ih_l0, lstm.bias_hh_l0]

    cell = nn.LSTMCell(lstm.input_size, lstm.hidden_size, bias=lstm.bias).to(x.device, x.dtype)
    with torch.no_grad():
        for dst, src in zip(cell.parameters(), params):
            dst.copy_(src)
    state, by_cell = None, []
    for x_t in x:
        state = cell(x_t, state)
        by_cell.append(state[0])

    carry, by_hand = None, []
    for x_t in x:
        step = cells.lstm_cell(x_t, carry, *params)
        carry = (step.h, step.c)
        by_hand.append(step.h)

    by_layer, _ = lstm(x)
    return {
        "nn.LSTMCell": torch.stack(by_cell),
        "cells.lstm_cell": torch.stack(by_hand),
        "nn.LSTM": by_layer,
    }


def gradient_gap(module: nn.RNN | nn.LSTM | nn.GRU, x: Tensor) -> float:
    """The largest difference, over every parameter of ``module``, between the gradients of the same
    loss (the sum of the squared outputs) backpropagated through :func:`~lstm_explained.trace`'s
    equations and through ``module`` itself. ``module``'s own gradients are left as they were.

    >>> gen = torch.manual_seed(0)
    >>> gradient_gap(torch.nn.GRU(3, 2), torch.randn(6, 3)) < 1e-6
    True
    """
    params = list(module.parameters())
    by_equations = torch.autograd.grad(trace(module, x).h.pow(2).sum(), params)
    by_torch = torch.autograd.grad(module(x)[0].pow(2).sum(), params)
    return max((a - b).abs().max().item() for a, b in zip(by_equations, by_torch))


def largest_gradient(module: nn.RNN | nn.LSTM | nn.GRU, x: Tensor) -> float:
    """The largest gradient entry, over every parameter of ``module``, of the loss
    :func:`gradient_gap` compares: the scale against which its difference is read.

    >>> gen = torch.manual_seed(0)
    >>> round(largest_gradient(torch.nn.GRU(3, 2), torch.randn(6, 3)), 4)
    2.2752
    """
    grads = torch.autograd.grad(module(x)[0].pow(2).sum(), list(module.parameters()))
    return max(g.abs().max().item() for g in grads)


def max_disagreement(results: Mapping[str, Tensor]) -> float:
    """The largest absolute difference between any two of ``results``' tensors.

    >>> max_disagreement({"a": torch.tensor([1.0, 2.0]), "b": torch.tensor([1.0, 2.5])})
    0.5
    """
    values = list(results.values())
    if len(values) < 2:
        raise ValueError(f"max_disagreement: needs at least two results to compare, got {len(values)}")
    shapes = {tuple(v.shape) for v in values}
    if len(shapes) != 1:
        raise ValueError(f"max_disagreement: results have different shapes {sorted(shapes)}")
    return max((a - b).abs().max().item() for k, a in enumerate(values) for b in values[k + 1 :])


def float32_tolerance(device: torch.device | str) -> float:
    """How far apart float32 results of the same formula may be on ``device``.

    ``1e-5`` (rounding in sums taken in different orders), except on CUDA while
    ``torch.backends.cudnn.allow_tf32`` is on, PyTorch's default: then ``nn.LSTM`` runs on cuDNN
    with TF32 products, whose 10-bit mantissa gives relative errors near ``5e-4``, so ``1e-3``.

    >>> float32_tolerance("cpu")
    1e-05
    """
    device = torch.device(device)
    if device.type == "cuda" and torch.backends.cudnn.allow_tf32:
        return 1e-3
    return 1e-5
