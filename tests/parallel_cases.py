"""Top-level functions for tests/runtime/test_parallel.py: a spawned worker imports them by name
(``tests`` is on the path), which it cannot do with a function defined inside a test module."""

import os

import torch


def worker_facts(setting: int) -> dict:
    """The setting and where it was computed: the process and its torch threads."""
    return {"setting": setting, "pid": os.getpid(), "threads": torch.get_num_threads()}
