"""The corpus: whole modules of the standard library, split by a stable hash into many held-out files."""

import pytest

from lstm_explained.tasks import corpus


def test_split_is_deterministic_disjoint_whole_files():
    s = corpus.split(60_000, seed=3, max_train_chars=200_000)
    corpus.split.cache_clear()
    assert corpus.split(60_000, seed=3, max_train_chars=200_000) == s
    modules = dict(corpus.stdlib_files())
    assert s.valid == corpus.SEPARATOR.join(modules[n] for n in s.valid_files)
    assert s.train == corpus.SEPARATOR.join(modules[n] for n in s.train_files)
    assert set(s.valid_files).isdisjoint(s.train_files)
    assert set(s.train + s.valid) <= set(corpus.ALPHABET) and corpus.tokenizes(s.valid)
    assert corpus.split(60_000, seed=4, max_train_chars=200_000).valid_files != s.valid_files


def test_no_held_out_module_dominates_and_all_others_train():
    s = corpus.split(250_000)
    modules = dict(corpus.stdlib_files())
    assert len(s.valid_files) >= 10
    assert max(len(modules[n]) for n in s.valid_files) <= corpus.MAX_VALID_SHARE * 250_000
    assert len(s.valid_files) + len(s.train_files) == len(modules)


def test_tests_codec_tables_and_build_output_are_not_read():
    names = [n for n, _ in corpus.stdlib_files()]
    assert not [n for n in names if n.startswith(("test/", "encodings/", "config-")) or "/tests/" in n or "idle_test/" in n]
    assert "json/decoder.py" in names and "asyncio/tasks.py" in names


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"valid_chars": 0}, "valid_chars must be a positive int"),
        ({"valid_chars": 100}, "valid_chars=100 admits no module: one may hold at most 10% of it"),
        ({"valid_chars": 10_000, "max_train_chars": 0}, "max_train_chars must be a positive int or None"),
        ({"valid_chars": 10_000, "max_train_chars": 3}, "holds no whole training module"),
    ],
)
def test_split_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        corpus.split(**kwargs)
