r"""Train many small independent models at once, as one wide network.

The lecture trains 25 tiny models one after another, thousands of epochs each. With hidden sizes
of 3 or 4 the arithmetic is tiny; the time goes to overhead paid at every one of the hundreds of
time steps. Here the ``n`` models become one layer of ``n * H`` units:

- input weights stack; the recurrent weight is block-diagonal, one ``H x H`` block per model and
  gate, so no model sees another's state;
- each model keeps its own output head, applied to its own slice of the hidden state;
- the loss is the *sum* of the models' mean losses, so each model's gradient is exactly its own;
- Adam works element by element, so each model's update is what it would have been alone.

The LSTM runs as one ``torch.nn.LSTM`` (a fused kernel), its off-diagonal recurrent weights kept
at zero by masking their gradient (Adam then never moves them). ``torch.nn.RNN`` has no fused CPU
kernel, so the RNN's recurrence is a small autograd function whose backward pass takes the
recurrent weights' gradient for all steps in one product, instead of one per step.

:func:`train` leaves every model where :func:`train_one_by_one`, the lecture's own loop, would
take it alone; ``benchmarks/ensemble_speed.py`` measures how much sooner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import torch
from torch import Tensor, nn
from torch.nn import functional as F

__all__ = ["ToyModel", "make_models", "train", "train_one_by_one"]

KINDS = {"rnn": nn.RNN, "lstm": nn.LSTM}


class ToyModel(nn.Module):
    """A recurrent layer and a linear head, as in the lecture: ``x (T, I) -> logits (T, O)``.

    The layer starts from a zero state and reads the whole (unbatched) sequence.
    """

    def __init__(self, kind: str, input_size: int, hidden_size: int, output_size: int):
        super().__init__()
        if kind not in KINDS:
            raise ValueError(f"ToyModel: kind must be 'rnn' or 'lstm', got {kind!r}")
        self.kind = kind
        self.rnn = KINDS[kind](input_size, hidden_size)
        self.head = nn.Linear(hidden_size, output_size)

    def hidden(self, x: Tensor) -> Tensor:
        """The hidden states ``(T, H)`` for ``x (T, I)``."""
        return self.rnn(x)[0]

    def forward(self, x: Tensor) -> Tensor:
        return self.head(self.hidden(x))


def make_models(kind: str, input_size: int, hidden_size: int, output_size: int, n: int, seed: int) -> list[ToyModel]:
    """``n`` independently initialised :class:`ToyModel`\\ s; the same ``seed`` gives the same models.

    Model ``k`` is the ``k``-th one built after ``torch.manual_seed(seed)``, with PyTorch's default
    initialisation; the global random state is left as it was.

    >>> models = make_models("lstm", 4, 3, 4, n=2, seed=0)
    >>> models[0](torch.zeros(6, 4)).shape
    torch.Size([6, 4])
    >>> models[0].rnn.weight_hh_l0[0].detach()
    tensor([-0.2561, -0.0208,  0.3693])
    >>> again = make_models("lstm", 4, 3, 4, n=1, seed=0)[0]
    >>> torch.equal(again.rnn.weight_hh_l0, models[0].rnn.weight_hh_l0)
    True
    """
    if kind not in KINDS:
        raise ValueError(f"make_models: kind must be 'rnn' or 'lstm', got {kind!r}")
    for name, value in (("input_size", input_size), ("hidden_size", hidden_size), ("output_size", output_size), ("n", n)):
        if not isinstance(value, int) or value < 1:
            raise ValueError(f"make_models: {name} must be a positive int, got {value!r}")
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return [ToyModel(kind, input_size, hidden_size, output_size) for _ in range(n)]


def _check_training(models: Sequence[ToyModel], x: Tensor, y: Tensor, epochs: int) -> None:
    if not models:
        raise ValueError("train: models is empty")
    first = models[0]
    if not all(isinstance(m, ToyModel) for m in models):
        raise TypeError("train: every model must be a ToyModel (use make_models)")
    shape = lambda m: (m.kind, m.rnn.input_size, m.rnn.hidden_size, m.head.out_features)  # noqa: E731
    if any(shape(m) != shape(first) for m in models):
        raise ValueError("train: all models must have the same kind and sizes to train together")
    _, input_size, _, output_size = shape(first)
    if not isinstance(x, Tensor) or x.dim() != 2 or x.shape[1] != input_size:
        got = tuple(x.shape) if isinstance(x, Tensor) else type(x).__name__
        raise ValueError(f"train: x must be (seq_len, {input_size}), got {got}")
    if not isinstance(y, Tensor) or y.dim() != 1 or y.shape[0] != x.shape[0]:
        got = tuple(y.shape) if isinstance(y, Tensor) else type(y).__name__
        raise ValueError(f"train: y must be ({x.shape[0]},) class indices, one per step of x; got {got}")
    if y.dtype != torch.long or (y.numel() and (y.min() < 0 or y.max() >= output_size)):
        raise ValueError(f"train: y must hold integer classes in 0..{output_size - 1}")
    if not isinstance(epochs, int) or epochs < 1:
        raise ValueError(f"train: epochs must be a positive int, got {epochs!r}")


def train_one_by_one(
    models: Sequence[ToyModel],
    x: Tensor,
    y: Tensor,
    epochs: int,
    lr: float = 0.1,
    *,
    forward: Callable[[ToyModel, Tensor], Tensor] | None = None,
) -> Tensor:
    """The lecture's loop, one model after another: the reference :func:`train` must match.

    Each epoch: the whole sequence from a zero state, cross-entropy averaged over time, backward,
    an Adam step. Returns the loss history ``(epochs, n)``. ``forward(model, x)`` replaces
    ``model(x)`` for the logits, e.g. to run the cell equations by hand.
    """
    _check_training(models, x, y, epochs)
    forward = forward or (lambda model, x: model(x))
    history = torch.empty(epochs, len(models), dtype=x.dtype)
    for k, model in enumerate(models):
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        for epoch in range(epochs):
            loss = F.cross_entropy(forward(model, x), y)
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            history[epoch, k] = loss.detach()
    return history


class _BlockRecurrence(torch.autograd.Function):
    r"""``h_t = tanh(u_t + W h_{t-1})`` from ``h_{-1} = 0``, for a block-diagonal ``W``.

    ``u`` is ``(T, n*H)`` and ``blocks`` is ``(n, H, H)``. Each step is one batched product over the
    ``n`` blocks and one ``tanh``, so the cost does not grow with ``n^2`` as a dense ``W`` would.
    Backward runs the same loop in reverse for ``da_t = (dh_t + W^T da_{t+1}) (1 - h_t^2)``, then
    takes ``dW_k = sum_t da_t h_{t-1}^T`` for every block at once.
    """

    @staticmethod
    def forward(ctx, u: Tensor, blocks: Tensor) -> Tensor:
        n, size, _ = blocks.shape
        steps = u.shape[0]
        u3 = u.view(steps, n, 1, size)
        blocks_t = blocks.transpose(1, 2).contiguous()
        h = torch.empty_like(u3)
        torch.tanh(u3[0], out=h[0])
        for t in range(1, steps):
            torch.baddbmm(u3[t], h[t - 1], blocks_t, out=h[t])
            h[t].tanh_()
        ctx.save_for_backward(h, blocks)
        return h.view(steps, n * size)

    @staticmethod
    def backward(ctx, grad_h: Tensor):
        h, blocks = ctx.saved_tensors
        steps, n, _, size = h.shape
        grad_h = grad_h.reshape(steps, n, 1, size)
        slope = 1 - h * h
        grad_a = torch.empty_like(h)
        torch.mul(grad_h[-1], slope[-1], out=grad_a[-1])
        for t in range(steps - 2, -1, -1):
            torch.baddbmm(grad_h[t], grad_a[t + 1], blocks, out=grad_a[t])
            grad_a[t].mul_(slope[t])
        h_prev = torch.cat([h.new_zeros(1, n, 1, size), h[:-1]])
        grad_blocks = torch.einsum("tki,tkj->kij", grad_a.view(steps, n, size), h_prev.view(steps, n, size))
        return grad_a.view(steps, n * size), grad_blocks


class _HeadLoss(torch.autograd.Function):
    r"""Every model's head and mean cross-entropy at once: ``h (T, n*H) -> losses (n,)``.

    ``logits_k = h_k W_k^T + b_k`` and ``loss_k = mean_t(logsumexp(logits_{t,k}) - logits_{t,k,y_t})``.
    Written out because the gradient is one line, ``(softmax - onehot) / T``, and autograd's
    bookkeeping for the same dozen operations costs more than the arithmetic. Everything is kept
    class-major, ``(O, n, T)``, so that reducing over the few classes combines contiguous slabs,
    and the ``H`` products are broadcast multiply-adds, linear in ``n``.
    """

    @staticmethod
    def forward(ctx, h: Tensor, weight: Tensor, bias: Tensor, onehot: Tensor) -> Tensor:
        n, outputs, size = weight.shape
        steps = h.shape[0]
        h_t = h.view(steps, n, size).permute(2, 1, 0).contiguous()  # (H, n, T)
        w_t = weight.permute(1, 0, 2).unsqueeze(3)  # (O, n, H, 1)
        logits = torch.addcmul(bias.t().unsqueeze(2), w_t[:, :, 0], h_t[0])  # (O, n, T)
        for j in range(1, size):
            logits.addcmul_(w_t[:, :, j], h_t[j])
        top = logits.amax(0)
        exp = torch.exp(logits - top)
        total = exp.sum(0)
        losses = (top + torch.log(total) - (logits * onehot).sum(0)).mean(1)
        ctx.save_for_backward(h_t, w_t, exp / total, onehot)
        return losses

    @staticmethod
    def backward(ctx, grad_losses: Tensor):
        h_t, w_t, probs, onehot = ctx.saved_tensors
        size, n, steps = h_t.shape
        grad_logits = (probs - onehot) * (grad_losses / steps).view(1, n, 1)  # (O, n, T)
        grad_h = (grad_logits.unsqueeze(2) * w_t).sum(0).permute(2, 0, 1).reshape(steps, n * size)
        grad_weight = (grad_logits.unsqueeze(2) * h_t.transpose(0, 1).unsqueeze(0)).sum(3).transpose(0, 1)
        return grad_h, grad_weight, grad_logits.sum(2).t(), None


class _Packed(nn.Module):
    """``n`` :class:`ToyModel`\\ s as one wide network; see the module's description."""

    def __init__(self, models: Sequence[ToyModel]):
        super().__init__()
        first = models[0]
        self.kind, self.n = first.kind, len(models)
        self.size, self.inputs = first.rnn.hidden_size, first.rnn.input_size
        gates = 4 if self.kind == "lstm" else 1
        self.gates = gates

        def stack(name: str) -> Tensor:
            # (n, gates*H, ...) -> gate-major rows (gates*n*H, ...), as torch.nn stacks its gates
            w = torch.stack([getattr(m.rnn, name).detach() for m in models])
            w = w.view(self.n, gates, self.size, *w.shape[2:]).transpose(0, 1)
            return w.reshape(gates * self.n * self.size, *w.shape[3:]).clone()

        hh = torch.stack([m.rnn.weight_hh_l0.detach() for m in models])  # (n, gates*H, H)
        if self.kind == "lstm":
            self.rnn = nn.LSTM(self.inputs, self.n * self.size).to(hh.device, hh.dtype)
            blocks = hh.view(self.n, gates, self.size, self.size)
            dense = torch.zeros(gates, self.n, self.size, self.n, self.size, dtype=hh.dtype, device=hh.device)
            index = torch.arange(self.n, device=hh.device)
            # indexing two axes with one index array selects the diagonal blocks: (n, gates, H, H)
            dense[:, index, :, index, :] = blocks
            mask = torch.zeros_like(dense, dtype=torch.bool)
            mask[:, index, :, index, :] = True
            wide = (gates * self.n * self.size, self.n * self.size)
            with torch.no_grad():
                self.rnn.weight_ih_l0.copy_(stack("weight_ih_l0"))
                self.rnn.weight_hh_l0.copy_(dense.reshape(wide))
                self.rnn.bias_ih_l0.copy_(stack("bias_ih_l0"))
                self.rnn.bias_hh_l0.copy_(stack("bias_hh_l0"))
            self.register_buffer("mask", mask.reshape(wide))
        else:
            self.weight_ih = nn.Parameter(stack("weight_ih_l0"))
            self.weight_hh = nn.Parameter(hh.clone())
            self.bias_ih = nn.Parameter(stack("bias_ih_l0"))
            self.bias_hh = nn.Parameter(stack("bias_hh_l0"))
        self.head_weight = nn.Parameter(torch.stack([m.head.weight.detach() for m in models]).clone())
        self.head_bias = nn.Parameter(torch.stack([m.head.bias.detach() for m in models]).clone())

    def hidden(self, x: Tensor) -> Tensor:
        if self.kind == "lstm":
            return self.rnn(x)[0]
        u = F.linear(x, self.weight_ih, self.bias_ih + self.bias_hh)
        return _BlockRecurrence.apply(u, self.weight_hh)

    def forward(self, x: Tensor, onehot: Tensor) -> Tensor:
        """Each model's mean cross-entropy ``(n,)`` against the one-hot targets ``(O, 1, T)``."""
        return _HeadLoss.apply(self.hidden(x), self.head_weight, self.head_bias, onehot)

    def unpack_into(self, models: Sequence[ToyModel]) -> None:
        n, size, gates = self.n, self.size, self.gates
        index = torch.arange(n, device=self.head_weight.device)

        def unstack(w: Tensor) -> Tensor:
            # gate-major (gates*n*H, ...) -> (n, gates*H, ...)
            w = w.detach().view(gates, n, size, *w.shape[1:]).transpose(0, 1)
            return w.reshape(n, gates * size, *w.shape[3:])

        if self.kind == "lstm":
            dense = self.rnn.weight_hh_l0.detach().view(gates, n, size, n, size)
            hh = dense[:, index, :, index, :]  # (n, gates, H, H) after advanced indexing
            hh = hh.reshape(n, gates * size, size)
            named = {
                "weight_ih_l0": unstack(self.rnn.weight_ih_l0),
                "bias_ih_l0": unstack(self.rnn.bias_ih_l0),
                "bias_hh_l0": unstack(self.rnn.bias_hh_l0),
            }
        else:
            hh = self.weight_hh.detach()
            named = {
                "weight_ih_l0": unstack(self.weight_ih),
                "bias_ih_l0": unstack(self.bias_ih),
                "bias_hh_l0": unstack(self.bias_hh),
            }
        named["weight_hh_l0"] = hh
        with torch.no_grad():
            for k, model in enumerate(models):
                for name, value in named.items():
                    getattr(model.rnn, name).copy_(value[k])
                model.head.weight.copy_(self.head_weight[k])
                model.head.bias.copy_(self.head_bias[k])


def train(
    models: Sequence[ToyModel],
    x: Tensor,
    y: Tensor,
    epochs: int,
    lr: float = 0.1,
    *,
    threads: int | None = 1,
    checkpoints: Sequence[int] = (),
    on_checkpoint: Callable[[int], None] | None = None,
) -> Tensor:
    """Train ``models`` in place, all at once, exactly as :func:`train_one_by_one` would.

    Adam with learning rate ``lr``; each epoch reads the whole sequence ``x (T, I)`` from a zero
    state, with cross-entropy against ``y (T,)`` averaged over time. Returns each model's loss at
    every epoch, ``(epochs, n)``, on the CPU.

    On the CPU the loop runs on ``threads`` intra-op threads (PyTorch's setting is restored after):
    one step of even the packed layer is too small to split across threads, and splitting it costs
    more than it saves. ``threads=None`` leaves PyTorch's setting alone.

    After each epoch listed in ``checkpoints`` (counted from 1) the models are updated in place
    and ``on_checkpoint(epoch)`` is called, so that they can be evaluated mid-training without
    disturbing the optimizer.

    Examples
    --------
    >>> x, y = torch.eye(3)[[0, 1, 2, 0, 1, 2]], torch.tensor([1, 2, 0, 1, 2, 0])
    >>> together = make_models("rnn", 3, 2, 3, n=3, seed=0)
    >>> alone = make_models("rnn", 3, 2, 3, n=3, seed=0)
    >>> history = train(together, x, y, epochs=20)
    >>> history.shape, history[-1]
    (torch.Size([20, 3]), tensor([0.0465, 0.0471, 0.0462]))
    >>> reference = train_one_by_one(alone, x, y, epochs=20)
    >>> torch.allclose(history, reference, atol=1e-5)
    True
    """
    _check_training(models, x, y, epochs)
    if threads is not None and (not isinstance(threads, int) or threads < 1):
        raise ValueError(f"train: threads must be a positive int or None, got {threads!r}")
    bad = [c for c in checkpoints if not isinstance(c, int) or not 1 <= c <= epochs]
    if bad:
        raise ValueError(f"train: checkpoints must be epochs in 1..{epochs}, got {bad}")
    if checkpoints and on_checkpoint is None:
        raise ValueError("train: checkpoints were given without on_checkpoint to call")
    device = models[0].head.weight.device
    x, y = x.to(device), y.to(device)
    if threads is None or device.type != "cpu":
        return _train_packed(models, x, y, epochs, lr, set(checkpoints), on_checkpoint)
    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        return _train_packed(models, x, y, epochs, lr, set(checkpoints), on_checkpoint)
    finally:
        torch.set_num_threads(before)


#: An LSTM is packed into groups of about this many hidden units: nn.LSTM's dense recurrent
#: weight grows as the square of the width, so past this the zeros cost more than another group.
LSTM_GROUP_UNITS = 100


def _groups(models: Sequence[ToyModel]) -> list[Sequence[ToyModel]]:
    """Equal-sized groups of at most about ``LSTM_GROUP_UNITS`` units (one group for an RNN)."""
    if models[0].kind != "lstm":
        return [models]
    count = -(-len(models) * models[0].rnn.hidden_size // LSTM_GROUP_UNITS)  # ceiling division
    bounds = [round(k * len(models) / count) for k in range(count + 1)]
    return [models[a:b] for a, b in zip(bounds, bounds[1:])]


def _train_packed(models, x, y, epochs, lr, checkpoints, on_checkpoint) -> Tensor:
    groups = _groups(models)
    packs = [_Packed(group) for group in groups]
    # fused Adam does every parameter's update in one kernel; the per-element arithmetic is Adam's
    optimizers = [torch.optim.Adam(pack.parameters(), lr=lr, fused=True) for pack in packs]
    onehot = F.one_hot(y, packs[0].head_bias.shape[1]).to(x.dtype).t().unsqueeze(1)  # (O, 1, T)
    history = torch.empty(epochs, len(models), device=x.device, dtype=x.dtype)
    bounds = [0]
    for group in groups:
        bounds.append(bounds[-1] + len(group))
    for epoch in range(epochs):
        for pack, optimizer, start, stop in zip(packs, optimizers, bounds, bounds[1:]):
            losses = pack(x, onehot)
            losses.sum().backward()
            if pack.kind == "lstm":
                pack.rnn.weight_hh_l0.grad.mul_(pack.mask)
            optimizer.step()
            optimizer.zero_grad()
            history[epoch, start:stop] = losses.detach()
        if epoch + 1 in checkpoints:
            for pack, group in zip(packs, groups):
                pack.unpack_into(group)
            on_checkpoint(epoch + 1)
    for pack, group in zip(packs, groups):
        pack.unpack_into(group)
    return history.cpu()
