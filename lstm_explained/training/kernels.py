r"""Two autograd functions written out by hand, because autograd's bookkeeping costs more than their arithmetic.

They are what make :func:`~lstm_explained.training.packed.train` fast on a CPU: the toy models'
steps are tiny, so the time goes to overhead paid at every one of hundreds of steps.
"""

from __future__ import annotations

import torch
from torch import Tensor

__all__ = ["BlockRecurrence", "HeadLoss"]


class BlockRecurrence(torch.autograd.Function):
    r"""``h_t = tanh(u_t + W h_{t-1})`` from ``h_{-1} = 0``, for a block-diagonal ``W``.

    ``u`` is ``(T, n*H)`` and ``blocks`` is ``(n, H, H)``. Each step is one batched product over the
    ``n`` blocks and one ``tanh``, so the cost does not grow with ``n^2`` as a dense ``W`` would.
    Backward runs the same loop in reverse for ``da_t = (dh_t + W^T da_{t+1}) (1 - h_t^2)``, then
    takes ``dW_k = sum_t da_t h_{t-1}^T`` for every block at once.
    """

    @staticmethod
    def forward(ctx, u: Tensor, blocks: Tensor) -> Tensor:
        """Every model's hidden states ``(T, n*H)``, one batched product per step."""
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
        """The gradients of ``u`` and of every block, from the gradient of the hidden states."""
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
