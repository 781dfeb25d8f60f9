r"""Two autograd functions written out by hand, because autograd's bookkeeping costs more than their arithmetic.

They are what make :func:`~lstm_explained.training.packed.train` fast on a CPU: the toy models'
steps are tiny, so the time goes to overhead paid at every one of hundreds of steps.
"""

from __future__ import annotations

import torch
from torch import Tensor

__all__ = ["BlockRecurrence", "HeadLoss"]


class BlockRecurrence(torch.autograd.Function):
    r"""``h_t = tanh(u_t + W h_{t-1})`` from ``h_{-1} = h0`` (zero by default), for a block-diagonal ``W``.

    ``u`` is ``(T, n*H)`` for one sequence or ``(T, B, n*H)`` for a batch, and ``blocks`` is
    ``(n, H, H)``; ``h0``, if given, is ``(n*H,)`` or ``(B, n*H)`` and receives no gradient (it is
    the detached state that truncated backpropagation carries between chunks). Each step is one
    batched product over the ``n`` blocks and one ``tanh``, so the cost does not grow with ``n^2``
    as a dense ``W`` would. Backward runs the same loop in reverse for
    ``da_t = (dh_t + W^T da_{t+1}) (1 - h_t^2)``, then takes ``dW_k = sum_t da_t h_{t-1}^T`` for
    every block at once.
    """

    @staticmethod
    def forward(ctx, u: Tensor, blocks: Tensor, h0: Tensor | None = None) -> Tensor:
        """Every model's hidden states, shaped like ``u``, one batched product per step."""
        n, size, _ = blocks.shape
        steps = u.shape[0]
        batched = u.dim() == 3
        # (T, n, B, H): one contiguous (B, H) slab per model and step, what baddbmm multiplies
        u4 = u.view(steps, -1, n, size).transpose(1, 2).contiguous() if batched else u.view(steps, n, 1, size)
        start = None if h0 is None else h0.detach().reshape(-1, n, size).transpose(0, 1).contiguous()
        blocks_t = blocks.transpose(1, 2).contiguous()
        h = torch.empty_like(u4)
        if start is None:
            torch.tanh(u4[0], out=h[0])
        else:
            torch.baddbmm(u4[0], start, blocks_t, out=h[0])
            h[0].tanh_()
        for t in range(1, steps):
            torch.baddbmm(u4[t], h[t - 1], blocks_t, out=h[t])
            h[t].tanh_()
        ctx.batched = batched
        ctx.save_for_backward(h, blocks, torch.zeros_like(h[0]) if start is None else start)
        return h.transpose(1, 2).reshape(u.shape) if batched else h.view(steps, n * size)

    @staticmethod
    def backward(ctx, grad_h: Tensor):
        """The gradients of ``u`` and of every block (none for ``h0``), from the gradient of the hidden states."""
        h, blocks, start = ctx.saved_tensors
        steps, n, batch, size = h.shape
        if ctx.batched:
            grad_h = grad_h.reshape(steps, batch, n, size).transpose(1, 2).contiguous()
        else:
            grad_h = grad_h.reshape(steps, n, 1, size)
        slope = 1 - h * h
        grad_a = torch.empty_like(h)
        torch.mul(grad_h[-1], slope[-1], out=grad_a[-1])
        for t in range(steps - 2, -1, -1):
            torch.baddbmm(grad_h[t], grad_a[t + 1], blocks, out=grad_a[t])
            grad_a[t].mul_(slope[t])
        h_prev = torch.cat([start.unsqueeze(0), h[:-1]])
        # dW_k = sum over steps and sequences of da h_prev^T: one batched product, (n, H, T*B) x (n, T*B, H)
        grad_blocks = torch.bmm(grad_a.transpose(0, 1).reshape(n, -1, size).transpose(1, 2), h_prev.transpose(0, 1).reshape(n, -1, size))
        grad_u = grad_a.transpose(1, 2).reshape(steps, batch, n * size) if ctx.batched else grad_a.view(steps, n * size)
        return grad_u, grad_blocks, None


class HeadLoss(torch.autograd.Function):
    r"""Every model's head and mean cross-entropy at once: ``h (T, n*H) -> losses (n,)``.

    ``logits_k = h_k W_k^T + b_k`` and ``loss_k = mean_t(logsumexp(logits_{t,k}) - logits_{t,k,y_t})``.
    Written out because the gradient is one line, ``(softmax - onehot) / T``, and autograd's
    bookkeeping for the same dozen operations costs more than the arithmetic. Everything is kept
    class-major, ``(O, n, T)``, so that reducing over the few classes combines contiguous slabs,
    and the ``H`` products are broadcast multiply-adds, linear in ``n``.
    """

    @staticmethod
    def forward(ctx, h: Tensor, weight: Tensor, bias: Tensor, onehot: Tensor) -> Tensor:
        """Each model's mean cross-entropy ``(n,)``."""
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
        """The gradients of ``h``, the head weights and the head biases (none for the targets)."""
        h_t, w_t, probs, onehot = ctx.saved_tensors
        size, n, steps = h_t.shape
        grad_logits = (probs - onehot) * (grad_losses / steps).view(1, n, 1)  # (O, n, T)
        grad_h = (grad_logits.unsqueeze(2) * w_t).sum(0).permute(2, 0, 1).reshape(steps, n * size)
        grad_weight = (grad_logits.unsqueeze(2) * h_t.transpose(0, 1).unsqueeze(0)).sum(3).transpose(0, 1)
        return grad_h, grad_weight, grad_logits.sum(2).t(), None
