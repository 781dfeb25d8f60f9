"""The two hand-written autograd functions agree with autograd on the same arithmetic."""

import torch

from lstm_explained.training.kernels import BlockRecurrence, HeadLoss


def test_block_recurrence_is_the_tanh_recurrence_with_its_gradient():
    torch.manual_seed(0)
    u = torch.randn(7, 3 * 2, dtype=torch.float64, requires_grad=True)
    blocks = torch.randn(3, 2, 2, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(BlockRecurrence.apply, (u, blocks))
    h, out = torch.zeros(3, 2, dtype=torch.float64), []
    for t in range(7):  # h_t = tanh(u_t + W h_{t-1}), one H x H block per model
        h = torch.tanh(u[t].view(3, 2) + torch.einsum("kij,kj->ki", blocks, h))
        out.append(h.reshape(-1))
    torch.testing.assert_close(BlockRecurrence.apply(u, blocks), torch.stack(out))


def test_head_loss_is_each_models_mean_cross_entropy_with_its_gradient():
    torch.manual_seed(1)
    n, size, outputs, steps = 3, 2, 4, 5
    h = torch.randn(steps, n * size, dtype=torch.float64, requires_grad=True)
    weight = torch.randn(n, outputs, size, dtype=torch.float64, requires_grad=True)
    bias = torch.randn(n, outputs, dtype=torch.float64, requires_grad=True)
    y = torch.randint(0, outputs, (steps,))
    onehot = torch.nn.functional.one_hot(y, outputs).to(torch.float64).t().unsqueeze(1)
    assert torch.autograd.gradcheck(lambda h, w, b: HeadLoss.apply(h, w, b, onehot), (h, weight, bias))
    expected = [torch.nn.functional.cross_entropy(h[:, k * size : (k + 1) * size] @ weight[k].T + bias[k], y) for k in range(n)]
    torch.testing.assert_close(HeadLoss.apply(h, weight, bias, onehot), torch.stack(expected))


def test_block_recurrence_takes_a_batch_and_a_starting_state():
    torch.manual_seed(2)
    n, size, batch, steps = 3, 2, 4, 6
    u = torch.randn(steps, batch, n * size, dtype=torch.float64, requires_grad=True)
    blocks = torch.randn(n, size, size, dtype=torch.float64, requires_grad=True)
    h0 = torch.randn(batch, n * size, dtype=torch.float64)
    assert torch.autograd.gradcheck(lambda u, w: BlockRecurrence.apply(u, w, h0), (u, blocks))
    h, out = h0.view(batch, n, size), []
    for t in range(steps):
        h = torch.tanh(u[t].view(batch, n, size) + torch.einsum("kij,bkj->bki", blocks, h))
        out.append(h.reshape(batch, -1))
    torch.testing.assert_close(BlockRecurrence.apply(u, blocks, h0), torch.stack(out))
    # each sequence of the batch alone gives the same states: no sequence sees another
    alone = BlockRecurrence.apply(u[:, 1], blocks, h0[1])
    torch.testing.assert_close(alone, torch.stack(out)[:, 1])
