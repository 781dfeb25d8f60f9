"""The book's character model: trained once, cached, and retrained when anything it depends on changes."""

import warnings
from pathlib import Path

import pytest
import torch

from lstm_explained.experiments import language_model
from lstm_explained.experiments.language_model import pretrained
from lstm_explained.models import charlm
from lstm_explained.runtime import cache
from lstm_explained.training import tbptt


def test_tiny_training_lowers_the_loss_and_is_cached(monkeypatch):
    model, record = pretrained("tiny")
    assert isinstance(record, tbptt.Record)
    assert record.train_loss[-5:].mean() < record.train_loss[:5].mean()
    split = language_model.data_split("tiny")
    assert (record.train_chars, record.valid_chars, record.valid_files) == (len(split.train), len(split.valid), len(split.valid_files))
    assert record.valid_bpc == pytest.approx(charlm.bits_per_char(model, split.valid), abs=1e-5)
    assert 0 < record.dynamic_bpc < 8

    def fail(*args, **kwargs):
        raise AssertionError("trained again although the result is cached")

    monkeypatch.setattr(language_model, "train", fail)
    again, _ = pretrained("tiny")
    for a, b in zip(model.parameters(), again.parameters()):
        assert torch.equal(a, b)


def test_a_corrupt_weights_file_is_retrained_not_trusted():
    pretrained("tiny")
    (path,) = cache.folder().glob("charlm-*.pt")
    path.write_bytes(path.read_bytes()[:100])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model, _ = pretrained("tiny")
    assert any(str(w.message).startswith(f"cache: not loading {path} (") and "recomputing" in str(w.message) for w in caught)
    assert isinstance(model, charlm.CharLM)


def test_a_different_config_is_a_different_model():
    tiny = tbptt.CONFIGS["tiny"]
    other = tbptt.Config(**{**tiny.__dict__, "seed": 1})
    a, _ = pretrained(tiny)
    b, _ = pretrained(other)
    assert not torch.equal(a.head.weight, b.head.weight)


def test_the_quoted_seed_record_is_for_the_configuration_the_chapter_trains():
    """The chapter quotes benchmarks/charlm_seeds.py's record; a changed recipe must be measured again."""
    record = language_model.SeedRecord.load(Path(__file__).resolve().parents[2] / "docs" / "data" / "charlm_seeds.json")
    assert record.config == tbptt.CONFIGS["default"], "rerun: python benchmarks/charlm_seeds.py"
    assert len({r.seed for r in record.runs}) >= 3
    assert all(0 < r.dynamic_bpc <= r.valid_bpc < 8 for r in record.runs)


def test_a_seed_record_with_a_missing_field_is_refused(tmp_path):
    path = tmp_path / "seeds.json"
    path.write_text('{"config": {}, "python": "3.11", "runs": []}')
    with pytest.raises(ValueError, match="is not a seed record"):
        language_model.SeedRecord.load(path)
