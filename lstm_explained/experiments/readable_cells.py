"""The interpretable-cell experiment, end to end: what the chapter "Cells you can read" reports.

The held-out modules are cut in two (:meth:`~lstm_explained.tasks.corpus.Split.valid_halves`): cells
are chosen and linear probes fitted on the first part, and everything reported is measured on the
second, so no number shown is the one a choice was made on. On that second part the chosen cells
are also tested causally (:func:`~lstm_explained.analysis.ablation.ablation`) and the gates' saturation is
counted. Over the whole held-out text, the model's bits per character are set against the best
Kneser-Ney n-gram's, group by group (:func:`~lstm_explained.analysis.lm_errors.breakdown`).

:func:`study` computes all of it once and caches it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from torch import Tensor

from ..analysis import lm_errors, probes, saturation
from ..analysis.ablation import AblationRow
from ..analysis.ablation import ablation as hold_at_zero
from ..models.charlm import char_bits
from ..runtime import cache
from ..tasks import corpus
from ..training.tbptt import Config, config_named
from . import lm_baselines
from .language_model import data_split, pretrained

__all__ = ["PROBE_MARGIN", "TRACKED", "CellStudy", "study"]

#: A feature is tracked when the held-out correlation reaches this.
TRACKED = 0.7
#: ... and, for the linear probe, when it beats the control's probe by this much.
PROBE_MARGIN = 0.2


@dataclass
class CellStudy:
    """Everything the chapter reports about the trained model's cells."""

    select_files: int  # held-out modules the cells are chosen on
    select_chars: int
    score_files: int  # held-out modules everything is reported on
    score_chars: int
    rows: list[probes.ProbeRow]  # one per feature: chosen on the first part, scored on the second
    ablation: list[AblationRow]  # each chosen cell held at zero over the second part
    random_units: int  # how many random cells the ablation compares with
    saturation: dict[str, tuple[Tensor, Tensor]]  # gate -> (left, right) saturated fraction per cell
    docstring_share: float  # share of the in-string characters that are in triple-quoted literals
    string_cell_comment_r: float  # the in-string cell against being in a comment
    string_cell_prose_r: float  # ... and against being in a docstring or a comment
    ngram_order: int  # the best Kneser-Ney order, which the breakdown compares with
    breakdown: list[lm_errors.BreakdownRow]  # the model (fixed weights) against that n-gram

    def row(self, feature: str) -> probes.ProbeRow:
        """The probe row of ``feature``."""
        return next(r for r in self.rows if r.feature == feature)

    def feature_groups(self, tracked: float = TRACKED, margin: float = PROBE_MARGIN) -> tuple[list[str], list[str], list[str]]:
        """The features a single cell tracks on the held-out part (``|r| >= tracked`` and at least
        twice the control's), those only the linear probe reaches (``|r| >= tracked`` and ``margin``
        above the control's probe), and the rest."""
        single = [r.feature for r in self.rows if abs(r.r) >= tracked and abs(r.r) >= 2 * abs(r.control_r)]
        probe_only = [
            r.feature for r in self.rows
            if r.feature not in single and abs(r.probe_r) >= tracked and abs(r.probe_r) >= abs(r.control_probe_r) + margin
        ]
        return single, probe_only, [r.feature for r in self.rows if r.feature not in single + probe_only]

    def target_met(self, target: float = 0.8) -> bool:
        """Whether the in-string cell reaches ``|r| >= target`` held out, and twice the control's."""
        s = self.row("in_string")
        return abs(s.r) >= target and abs(s.r) >= 2 * abs(s.control_r)

    def forget_gate_cells(self) -> tuple[int, int]:
        """How many cells keep their forget gate nearly open (above 0.9) more than half of the
        time, and how many keep it nearly closed (below 0.1)."""
        left, right = self.saturation["f"]
        return int((right > 0.5).sum()), int((left > 0.5).sum())


def _compute(config: Config, random_units: int, probe_chars: int) -> dict:
    model, _ = pretrained(config)
    split = data_split(config)
    select_files, score_files = split.valid_half_files(max_chars=probe_chars)
    select, score = split.valid_halves(max_chars=probe_chars)
    rows = probes.report(model, select, score)
    traced = probes.cell_states(model, score)
    feats = probes.features(score)
    string = next(r for r in rows if r.feature == "in_string")
    values = traced.c if string.state == "c" else traced.c.tanh()
    cell = values[:, string.unit : string.unit + 1]
    prose = ((feats["in_docstring"] + feats["in_comment"]) > 0).float()
    baselines = lm_baselines.baselines(split)
    study = CellStudy(
        select_files=len(select_files),
        select_chars=len(select),
        score_files=len(score_files),
        score_chars=len(score),
        rows=rows,
        ablation=hold_at_zero(model, score, rows, random_units=random_units),
        random_units=random_units,
        saturation=saturation.gate_saturation(traced),
        docstring_share=(feats["in_docstring"].sum() / feats["in_string"].sum()).item(),
        string_cell_comment_r=abs(probes.correlations(cell, feats["in_comment"])[0].item()),
        string_cell_prose_r=abs(probes.correlations(cell, prose)[0].item()),
        ngram_order=baselines.best_ngram_order,
        breakdown=lm_errors.breakdown(split.valid, char_bits(model, split.valid), baselines.best_ngram_char_bits),
    )
    return asdict(study)


def study(config: str | Config = "default", random_units: int = 8, probe_chars: int = 60_000) -> CellStudy:
    """The whole experiment for the model :func:`~lstm_explained.experiments.language_model.pretrained` ``(config)``,
    computed once and cached (keyed by the configuration, the corpus and the code). Cells are
    chosen on, and reported on, whole held-out modules of at most ``probe_chars`` characters from
    each half of the held-out files.

    >>> found = study("tiny", random_units=2)
    >>> [r.feature for r in found.rows] == list(probes.FEATURES)
    True
    >>> 2 <= found.select_files + found.score_files <= len(data_split("tiny").valid_files)
    True
    >>> found.row("in_string").unit == found.ablation[0].unit
    True
    """
    config = config_named(config, "study")
    key = {
        "config": asdict(config), "python": corpus.python_version(), "corpus_sha256": data_split(config).sha256,
        "random_units": random_units, "probe_chars": probe_chars,
    }
    stored = cache.cached("readable_cells", key, lambda: _compute(config, random_units, probe_chars), module=__name__)
    stored["rows"] = [probes.ProbeRow(**r) for r in stored["rows"]]
    stored["ablation"] = [AblationRow(**r) for r in stored["ablation"]]
    stored["breakdown"] = [lm_errors.BreakdownRow(**r) for r in stored["breakdown"]]
    return CellStudy(**stored)
