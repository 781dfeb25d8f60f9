"""Made-up records of the interpretable-cell study, shared by its experiment and reading tests."""

import torch

from lstm_explained.analysis.probes import ProbeRow
from lstm_explained.experiments import readable_cells


def study(rows, ablation=(), saturation=None, prose=0.1):
    """A :class:`~lstm_explained.experiments.readable_cells.CellStudy` with the given probe rows and ablation."""
    left = torch.tensor([0.6, 0.1, 0.0])
    return readable_cells.CellStudy(1, 10, 1, 10, rows, list(ablation), 4, saturation or {"f": (left, torch.tensor([0.0, 0.7, 0.9]))},
                                    0.5, 0.1, prose, 9, [])


def row(feature, r, control_r, probe_r=0.0, control_probe_r=0.0):
    """One probe row: the chosen cell's correlation ``r`` (on both halves) and the control's."""
    return ProbeRow(feature, 0, "c", r, r, 1, control_r, probe_r, control_probe_r)
