"""On CUDA, the equations still equal torch.nn (whose CUDA LSTM/GRU run on cuDNN kernels).

Skipped where there is no GPU; run on a machine with one to check the pages' CUDA path.
"""

import pytest
import torch
from torch import nn

from lstm_explained import agreement, trace
from lstm_explained.runtime import devices

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")


@pytest.mark.parametrize("layer", [nn.RNN, nn.LSTM, nn.GRU])
@pytest.mark.parametrize("dtype, tol", [(torch.float32, 1e-5), (torch.float64, 1e-12)])
def test_trace_equals_cudnn(layer, dtype, tol, monkeypatch):
    monkeypatch.setenv(devices.ENV_VAR, "cuda")
    device = devices.default_device()
    torch.manual_seed(0)
    module = layer(5, 7, num_layers=2).to(device, dtype)
    x = torch.randn(13, 3, 5, device=device, dtype=dtype)
    # cuDNN's default TF32 products would differ from plain float32 by ~1e-4; compare like with like.
    with torch.no_grad(), torch.backends.cudnn.flags(enabled=True, allow_tf32=False):
        output, _ = module(x)
        tr = trace(module, x)
    assert tr.h.device.type == "cuda"
    torch.testing.assert_close(tr.h, output, atol=tol, rtol=tol)


@pytest.mark.parametrize("allow_tf32", [True, False])
def test_three_ways_agree_on_cuda_within_the_stated_tolerance(allow_tf32):
    torch.manual_seed(0)
    lstm = nn.LSTM(3, 2).cuda()
    with torch.no_grad(), torch.backends.cudnn.flags(enabled=True, allow_tf32=allow_tf32):
        hs = agreement.lstm_three_ways(lstm, torch.randn(400, 3, device="cuda"))
        assert agreement.max_disagreement(hs) < agreement.float32_tolerance("cuda")
    assert agreement.float32_tolerance("cuda") == (1e-3 if torch.backends.cudnn.allow_tf32 else 1e-5)
