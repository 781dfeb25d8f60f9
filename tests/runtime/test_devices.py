"""default_device() follows LSTM_EXPLAINED_DEVICE and never falls back silently."""

import pytest
import torch

from lstm_explained.runtime import devices


@pytest.fixture
def cuda(monkeypatch):
    """Pretend CUDA is present (with two devices) or absent, whatever this machine has."""

    def set_available(available):
        monkeypatch.setattr(torch.cuda, "is_available", lambda: available)
        monkeypatch.setattr(torch.cuda, "device_count", lambda: 2 if available else 0)

    return set_available


@pytest.mark.parametrize("value", [None, "", "auto", " AUTO "])
@pytest.mark.parametrize("available, expected", [(True, "cuda"), (False, "cpu")])
def test_default_picks_cuda_when_available(monkeypatch, cuda, value, available, expected):
    cuda(available)
    if value is None:
        monkeypatch.delenv(devices.ENV_VAR, raising=False)
    else:
        monkeypatch.setenv(devices.ENV_VAR, value)
    assert devices.default_device().type == expected


@pytest.mark.parametrize("available", [True, False])
def test_cpu_can_be_forced(monkeypatch, cuda, available):
    cuda(available)
    monkeypatch.setenv(devices.ENV_VAR, "cpu")
    assert devices.default_device() == torch.device("cpu")


@pytest.mark.parametrize("value, expected", [("cuda", torch.device("cuda", 0)), ("CUDA:1", torch.device("cuda", 1))])
def test_cuda_can_be_forced_when_present(monkeypatch, cuda, value, expected):
    cuda(True)
    monkeypatch.setenv(devices.ENV_VAR, value)
    assert devices.default_device() == expected


@pytest.mark.parametrize("value", ["cuda", "cuda:0"])
def test_asking_for_missing_cuda_is_an_error_not_a_fallback(monkeypatch, cuda, value):
    cuda(False)
    monkeypatch.setenv(devices.ENV_VAR, value)
    with pytest.raises(RuntimeError, match=r"asks for CUDA, but torch.cuda.is_available\(\) is False"):
        devices.default_device()


def test_asking_for_a_cuda_index_that_does_not_exist(monkeypatch, cuda):
    cuda(True)
    monkeypatch.setenv(devices.ENV_VAR, "cuda:2")
    with pytest.raises(RuntimeError, match=r"only 2 CUDA device"):
        devices.default_device()


@pytest.mark.parametrize("value", ["gpu", "mps", "cuda:x", "cpu:0"])
def test_unknown_device_names_are_rejected(monkeypatch, value):
    monkeypatch.setenv(devices.ENV_VAR, value)
    with pytest.raises(ValueError, match="is not a device; expected 'cpu', 'cuda', 'cuda:N' or 'auto'"):
        devices.default_device()


def test_describe_names_the_device_and_torch_version():
    text = devices.describe(torch.device("cpu"))
    assert text.startswith("cpu (") and torch.__version__ in text


def test_cpu_threads_sets_and_restores_even_after_an_error():
    import torch

    from lstm_explained.runtime.devices import cpu_threads

    before = torch.get_num_threads()
    with pytest.raises(RuntimeError):
        with cpu_threads(1):
            assert torch.get_num_threads() == 1
            raise RuntimeError("inside")
    assert torch.get_num_threads() == before
    with cpu_threads(None):
        assert torch.get_num_threads() == before
    with pytest.raises(ValueError, match="cpu_threads: count must be a positive int or None, got 0"):
        with cpu_threads(0):
            pass
