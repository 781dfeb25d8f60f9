"""What the cell tests share: random cases, PyTorch's reference cells, and gradient comparison.

Imported by tests/cells/test_*.py (``pythonpath = ["tests"]`` in pyproject.toml); not itself a test file.
"""

import itertools

import torch

DTYPES = {torch.float32: 1e-6, torch.float64: 1e-12}
SETTINGS = list(itertools.product(range(4), [True, False], [True, False], DTYPES))
IDS = [f"seed{s}-{'batched' if b else 'unbatched'}-{'bias' if bias else 'nobias'}-{str(d)[6:]}" for s, b, bias, d in SETTINGS]


def sizes(seed, batched):
    """Random input size, hidden size and leading (batch) shape for one case."""
    g = torch.Generator().manual_seed(1000 + seed)
    input_size, hidden = (int(v) for v in torch.randint(1, 7, (2,), generator=g))
    batch = (int(torch.randint(1, 5, (1,), generator=g)),) if batched else ()
    return input_size, hidden, batch


def make(ref_cls, seed, batched, bias, dtype, **kwargs):
    input_size, hidden, batch = sizes(seed, batched)
    torch.manual_seed(seed)
    ref = ref_cls(input_size, hidden, bias=bias, **kwargs).to(dtype)
    x = torch.randn(*batch, input_size, dtype=dtype)
    state = torch.randn(*batch, hidden, dtype=dtype)
    return ref, x, state


def params(ref):
    return [ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh]


def assert_grads_match(ours, theirs, leaves_ours, leaves_theirs, tol):
    """Backpropagate the same random weighting of both outputs; every leaf's gradient must match."""
    weighting = torch.randn_like(theirs)
    (ours * weighting).sum().backward()
    (theirs * weighting).sum().backward()
    for a, b in zip(leaves_ours, leaves_theirs):
        if b is None:
            assert a is None
            continue
        torch.testing.assert_close(a.grad, b.grad, atol=tol, rtol=tol)


def leaves(*tensors):
    return [None if t is None else t.detach().clone().requires_grad_(True) for t in tensors]
