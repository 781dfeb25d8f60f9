"""The one-unit cliff: the loss, its wall, and descent with clipping checked against torch's own."""

import pytest
import torch

from lstm_explained.experiments import cliff


def test_the_loss_is_the_unit_run_forward():
    w, b = torch.tensor([3.0, -1.0], dtype=torch.float64), torch.tensor([-1.5, 0.2], dtype=torch.float64)
    x = torch.full((2,), cliff.X0, dtype=torch.float64)
    for _ in range(cliff.STEPS):
        x = w * torch.sigmoid(x) + b
    torch.testing.assert_close(cliff.cliff_loss(w, b), (x - cliff.TARGET) ** 2)


def test_the_surface_has_a_wall_and_the_starts_sit_at_its_foot():
    found = cliff.surface()  # the wall is narrow: a coarse grid steps over it
    assert bool((found.loss >= 0).all())
    assert found.grad_norm.max() > 50 * found.grad_norm.median()
    starts = cliff.wall_starts(found, count=5, seed=1)
    assert torch.equal(starts, cliff.wall_starts(found, count=5, seed=1))
    threshold = torch.quantile(found.grad_norm.flatten(), 0.99)
    for w, b in starts:
        i, j = (found.w == w).nonzero()[0, 0], (found.b == b).nonzero()[0, 0]
        assert found.grad_norm[i, j] >= threshold


def test_clipped_descent_is_torch_clip_grad_norm_step_by_step():
    start = torch.tensor([[4.6, -2.4]], dtype=torch.float64)
    run = cliff.descend(start, lr=0.01, steps=20, max_norm=3.0)
    point = torch.nn.Parameter(start[0].clone())
    for step in range(20):
        loss = cliff.cliff_loss(point[0:1], point[1:2])[0]
        point.grad = torch.autograd.grad(loss, point)[0]
        torch.nn.utils.clip_grad_norm_([point], 3.0)
        with torch.no_grad():
            point -= 0.01 * point.grad
        torch.testing.assert_close(run.path[step + 1, 0], point.detach(), rtol=1e-9, atol=1e-9)
    assert bool((run.step_length <= 0.03 + 1e-9).all())
    torch.testing.assert_close(run.loss[-1], cliff.cliff_loss(run.path[-1, :, 0], run.path[-1, :, 1]))


def test_the_study_clips_at_multiples_of_the_average_norm():
    study = cliff.clipping_study(count=4, steps=50)
    assert [r.multiple for r in study.rows] == [None, *cliff.MULTIPLES]
    for row in study.rows[1:]:
        assert row.threshold == pytest.approx(row.multiple * study.average_norm)
        assert row.largest_step <= 0.01 * row.threshold + 1e-9
    assert study.average_norm == pytest.approx(study.free.grad_norm.mean().item())


def test_norm_clipping_keeps_the_direction_and_value_clipping_turns_it():
    big = cliff.rnn_gradients(sigma=3.0, size=16, length=60)
    small = cliff.rnn_gradients(sigma=0.5, size=16, length=60)
    assert max(g.abs().max() for g in big) > 5 > max(g.abs().max() for g in small)
    by_norm, by_value = cliff.clipping_cosines(big, max_norm=1.0, clip_value=5.0)
    assert by_norm == pytest.approx(1.0, abs=1e-12) and by_value < 0.99
    assert cliff.clipping_cosines(small, max_norm=1e6, clip_value=5.0) == pytest.approx((1.0, 1.0), abs=1e-12)

