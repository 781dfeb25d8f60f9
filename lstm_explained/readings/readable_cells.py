"""The readings of the interpretable-cell study (:mod:`~lstm_explained.experiments.readable_cells`):
what the control's probe reaches, what the in-string cell follows, and what holding cells at zero
shows, in words."""

from __future__ import annotations

from ..experiments.readable_cells import TRACKED, CellStudy
from .words import listed

__all__ = ["ablation_reading", "clearest_reading", "control_probe_reading", "forget_cells_reading", "groups_reading", "prose_reading", "target_reading"]


def control_probe_reading(study: CellStudy, tracked: float = TRACKED) -> str:
    """What the untrained control's linear probe reaches, in whole sentences.

    >>> from lstm_explained.analysis.probes import ProbeRow
    >>> rows = [ProbeRow("in_string", 4, "c", 0.85, 0.85, 1, 0.2, 0.9, 0.5), ProbeRow("in_comment", 5, "c", 0.75, 0.75, 2, 0.5, 0.8, 0.75)]
    >>> found = CellStudy(1, 10, 1, 10, rows, [], 4, {}, 0.5, 0.1, 0.1, 9, [])
    >>> print(control_probe_reading(found))
    The control's linear probe, though, reaches 0.7 on in_comment. A random network's state still encodes what it has just read, and such features can be read off recent input without any learning. That is why every number here has its control beside it.
    >>> print(control_probe_reading(found, tracked=0.8))
    The control's linear probe reaches 0.8 on no feature. A random network's state can still encode what it has just read, which is why every number here has its control beside it.
    """
    reached = [r.feature for r in study.rows if abs(r.control_probe_r) >= tracked]
    if not reached:
        return (f"The control's linear probe reaches {tracked} on no feature. A random network's state can still encode "
                "what it has just read, which is why every number here has its control beside it.")
    return (
        f"The control's linear probe, though, reaches {tracked} on {listed(reached)}. A random network's state still "
        "encodes what it has just read, and such features can be read off recent input without any learning. "
        "That is why every number here has its control beside it."
    )


def target_reading(study: CellStudy, target: float = 0.8) -> str:
    """Whether the in-string cell met the book's target, :math:`|r| \\ge` ``target`` held out and
    at least twice the control's, in one sentence.

    >>> from lstm_explained.analysis.probes import ProbeRow
    >>> rows = [ProbeRow("in_string", 4, "c", 0.85, 0.85, 1, 0.2, 0.9, 0.5)]
    >>> target_reading(CellStudy(1, 10, 1, 10, rows, [], 4, {}, 0.5, 0.1, 0.1, 9, []))
    'The book set the in-string cell a target of |r| ≥ 0.8 held out and at least twice the control; this build meets it.'
    """
    verdict = "meets" if study.target_met(target) else "does not meet"
    return f"The book set the in-string cell a target of |r| ≥ {target:g} held out and at least twice the control; this build {verdict} it."


def forget_cells_reading(opened: int, closed: int, cells: int) -> str:
    """How many of ``cells`` cells keep their forget gate nearly open (above 0.9) or nearly closed
    (below 0.1) more than half of the time, in whole sentences.

    >>> print(forget_cells_reading(3, 40, 128))
    Of the 128 cells, 3 keep their forget gate nearly open (above 0.9) more than half of the time, the kind of cell the paper reports as right-saturated; even at 0.9 a cell keeps only about a third of what it holds after ten steps. The gate stays nearly closed (below 0.1) more than half of the time in 40 cells.
    >>> print(forget_cells_reading(0, 1, 128))
    No cell keeps its forget gate nearly open (above 0.9) more than half of the time, the kind of cell the paper reports as right-saturated. The gate stays nearly closed (below 0.1) more than half of the time in one cell.
    """
    half = "more than half of the time"
    if not opened:
        first = f"No cell keeps its forget gate nearly open (above 0.9) {half}, the kind of cell the paper reports as right-saturated."
    else:
        who = (f"All {cells} cells keep their" if opened == cells else f"Of the {cells} cells, one keeps its" if opened == 1
               else f"Of the {cells} cells, {opened} keep their")
        first = (f"{who} forget gate nearly open (above 0.9) {half}, the kind of cell the paper reports as right-saturated; "
                 "even at 0.9 a cell keeps only about a third of what it holds after ten steps.")
    where = "no cell" if not closed else "one cell" if closed == 1 else f"all {cells} cells" if closed == cells else f"{closed} cells"
    return f"{first} The gate stays nearly closed (below 0.1) {half} in {where}."


def prose_reading(study: CellStudy) -> str:
    """Whether the in-string cell follows prose (docstrings and comments) more than strings.

    >>> from lstm_explained.analysis.probes import ProbeRow
    >>> rows = [ProbeRow("in_string", 4, "c", 0.6, 0.6, 1, 0.1, 0.0, 0.0)]
    >>> prose_reading(CellStudy(1, 10, 1, 10, rows, [], 4, {}, 0.5, 0.1, 0.5, 9, []))
    'The cell follows prose less closely than it follows strings, so strings remain the better description of it.'
    """
    if study.string_cell_prose_r > abs(study.row("in_string").r):
        return ("The cell follows prose more closely than it follows strings: what it tracks may be English prose as "
                "opposed to code, whichever delimiters surround it.")
    return "The cell follows prose less closely than it follows strings, so strings remain the better description of it."


def groups_reading(study: CellStudy) -> str:
    """How many features a single cell tracks, how many more only the linear probe reaches, and how
    many neither (:meth:`~lstm_explained.experiments.readable_cells.CellStudy.feature_groups`),
    counted in whole sentences; the probes table says which.

    >>> from lstm_explained.analysis.probes import ProbeRow
    >>> rows = [ProbeRow("in_string", 4, "c", 0.85, 0.85, 1, 0.2, 0.9, 0.5), ProbeRow("indent", 5, "c", 0.3, 0.3, 2, 0.1, 0.8, 0.3),
    ...         ProbeRow("in_comment", 6, "c", 0.3, 0.3, 3, 0.1, 0.4, 0.3)]
    >>> groups_reading(CellStudy(1, 10, 1, 10, rows, [], 4, {}, 0.5, 0.1, 0.1, 9, []))
    'Of the 3 features, a single cell tracks 1. The linear probe reaches 1 more that no single cell does. The other 1 is reached by neither.'
    """
    single, probe_only, neither = study.feature_groups()
    n = len(study.rows)
    first = (f"Of the {n} features, a single cell tracks {len(single)}." if single
             else f"No single cell tracks any of the {n} features." if n > 1 else "No single cell tracks the feature.")
    second = (f"The linear probe reaches {len(probe_only)} more that no single cell does." if probe_only
              else "The linear probe reaches none that no single cell does.")
    third = (f"The other {len(neither)} {'is' if len(neither) == 1 else 'are'} reached by neither." if neither
             else "Every feature is reached one way or the other.")
    return " ".join((first, second, third))


# Costs below this many bits per character are too small to divide by in :func:`clearest_reading`.
_NEGLIGIBLE = 1e-3


def ablation_reading(study: CellStudy, feature: str = "in_string") -> str:
    """What holding ``feature``'s cell at zero shows about whether the model uses it.

    >>> from lstm_explained.analysis.ablation import AblationRow
    >>> held = [AblationRow("in_string", 3, 0.2, 0.09, 0.01, 0.01, 0.0)]
    >>> ablation_reading(CellStudy(1, 10, 1, 10, [], held, 4, {}, 0.5, 0.1, 0.1, 9, []))
    'The model uses the cell, and for strings in particular: holding it at zero costs far more inside strings than outside them, or than holding a random cell.'
    """
    a = next(a for a in study.ablation if a.feature == feature)
    marked, other, random = a.delta_marked, a.delta_other, a.random_delta_marked
    if marked > 2 * max(other, random, 0.0) and marked > 0.01:
        return "The model uses the cell, and for strings in particular: holding it at zero costs far more inside strings than outside them, or than holding a random cell."
    if marked > max(random, 0.0) and other >= marked / 2:
        return "Holding the cell at zero costs more inside strings than holding a random cell does, but about as much outside them: the harm is not confined to strings, so the cell does more than mark them."
    if marked > max(random, 0.0):
        return (f"Holding the cell at zero costs more inside strings than holding a random cell does ({marked:+.3f} against "
                f"{random:+.3f} bits per character), but not twice as much, so this test does not single the cell out.")
    return "Holding the cell at zero does no more harm inside strings than holding a random cell: its correlation with strings is no evidence that the model relies on it."


def clearest_reading(study: CellStudy) -> str:
    """The most selective cell of the ablation, if any costs at least twice as much where its
    feature is marked as elsewhere or as a random cell there.

    >>> from lstm_explained.analysis.ablation import AblationRow
    >>> held = [AblationRow("in_string", 3, 0.2, 0.07, 0.05, 0.01, 0.0), AblationRow("in_short_string", 8, 0.1, 0.09, 0.01, 0.01, 0.0)]
    >>> clearest_reading(CellStudy(1, 10, 1, 10, [], held, 4, {}, 0.5, 0.1, 0.1, 9, []))
    'The clearest case in the table is in_short_string: holding its cell 8 at zero costs +0.090 bits per character where the feature is marked, at least 9.0 times what it costs elsewhere and what a random cell costs there.'
    """
    # below a thousandth of a bit a cost is no yardstick: a ratio to it would print as thousands
    selectivity = {a.feature: a.delta_marked / max(a.delta_other, a.random_delta_marked, _NEGLIGIBLE) for a in study.ablation}
    best = max(study.ablation, key=lambda a: selectivity[a.feature])
    if selectivity[best.feature] < 2:
        return "No cell in the table is clearly selective: none costs twice as much where its feature is marked as elsewhere or as a random cell."
    if max(best.delta_other, best.random_delta_marked) < _NEGLIGIBLE:
        return (f"The clearest case in the table is {best.feature}: holding its cell {best.unit} at zero costs "
                f"{best.delta_marked:+.3f} bits per character where the feature is marked, while elsewhere, and for a random "
                f"cell there, the cost is below {_NEGLIGIBLE:g}.")
    return (
        f"The clearest case in the table is {best.feature}: holding its cell {best.unit} at zero costs "
        f"{best.delta_marked:+.3f} bits per character where the feature is marked, "
        f"at least {selectivity[best.feature]:.1f} times what it costs elsewhere and what a random cell costs there."
    )
