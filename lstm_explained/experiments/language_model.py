"""The book's character language model, trained once on the standard library and cached.

:func:`pretrained` trains a :class:`~lstm_explained.models.charlm.CharLM` as a
:class:`~lstm_explained.training.tbptt.Config` says, on :func:`data_split`, scores it with fixed
weights and with dynamic evaluation, and caches the weights and the record, keyed by the
configuration, the corpus, the code and the torch version. :class:`SeedRecord` reads the spread
over training seeds that ``benchmarks/charlm_seeds.py`` measured.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from ..models.charlm import CharLM, bits_per_char, dynamic_char_bits
from ..runtime import cache
from ..tasks import corpus
from ..training.tbptt import Config, Record, config_named, train

__all__ = ["SeedRecord", "SeedRun", "data_split", "pretrained"]


def data_split(config: str | Config) -> corpus.Split:
    """The train/validation split that ``config`` trains and is scored on."""
    config = config_named(config, "data_split")
    return corpus.split(config.valid_chars, seed=0, max_train_chars=config.max_train_chars)


def pretrained(config: str | Config = "default", progress: bool | None = None) -> tuple[CharLM, Record]:
    """The trained model for ``config`` and its :class:`~lstm_explained.training.tbptt.Record`,
    trained on first use, then cached.

    The cache key covers the configuration, the corpus (its Python version and a hash of its
    text), this module's code and torch's version.
    """
    config = config_named(config, "pretrained")
    split = data_split(config)

    def fit() -> dict:
        model, record = train(config, split, progress)
        model.eval()
        record.valid_bpc = bits_per_char(model, split.valid)
        record.dynamic_bpc = dynamic_char_bits(model, split.valid, config.dynamic_lr, config.dynamic_segment).mean().item()
        return {"state": model.state_dict(), "record": asdict(record)}

    key = {"config": asdict(config), "python": corpus.python_version(), "corpus_sha256": split.sha256}
    stored = cache.cached("charlm", key, fit, module=__name__)
    model = CharLM(corpus.ALPHABET, config.hidden)
    model.load_state_dict(stored["state"])
    model.eval()
    return model, Record(**stored["record"])


@dataclass
class SeedRun:
    """One training seed of the book's configuration, as ``benchmarks/charlm_seeds.py`` trained it."""

    seed: int
    valid_bpc: float  # bits per held-out character, weights fixed
    dynamic_bpc: float  # the same with dynamic evaluation
    seconds: float  # training time


@dataclass
class SeedRecord:
    """How much the training seed alone moves the scores: the same configuration, several seeds.

    Written by ``benchmarks/charlm_seeds.py`` (too slow to rebuild with the site) and quoted by the
    chapter with where and when it was measured.

    >>> import tempfile
    >>> from pathlib import Path
    >>> path = Path(tempfile.mkdtemp()) / "seeds.json"
    >>> runs = [SeedRun(0, 1.85, 1.56, 170.0), SeedRun(1, 1.84, 1.55, 171.0)]
    >>> SeedRecord(Config(), "3.11.7", "2.13.0", "2026-11-23", "x86_64", runs).save(path)
    >>> found = SeedRecord.load(path)
    >>> round(found.spread("valid_bpc"), 3), found.config == Config()
    (0.01, True)
    """

    config: Config  # what every seed trained
    python: str  # whose standard library was the corpus
    torch: str
    date: str  # when it was measured, ISO format
    machine: str  # where
    runs: list[SeedRun]

    def spread(self, score: str) -> float:
        """Largest minus smallest ``score`` (``"valid_bpc"`` or ``"dynamic_bpc"``) over the seeds."""
        values = [getattr(run, score) for run in self.runs]
        return max(values) - min(values)

    def save(self, path: Path) -> None:
        """Write the record as JSON to ``path``."""
        Path(path).write_text(json.dumps(asdict(self), indent=2) + "\n")

    @classmethod
    def load(cls, path: Path) -> SeedRecord:
        """Read a record :meth:`save` wrote; a missing or different field is an error naming it."""
        raw = json.loads(Path(path).read_text())
        try:
            return cls(
                config=Config(**raw["config"]),
                **{name: raw[name] for name in ("python", "torch", "date", "machine")},
                runs=[SeedRun(**run) for run in raw["runs"]],
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"SeedRecord.load: {path} is not a seed record ({type(error).__name__}: {error})") from None
