"""What the reader sees: figures, tables and coloured HTML, on one colour scale.

- :mod:`~lstm_explained.viz.colours`: the scale, blue -1, white 0, red 1;
- :mod:`~lstm_explained.viz.figures`: heatmaps, the lecture's model grids, curves and bars;
- :mod:`~lstm_explained.viz.tables`: :class:`~lstm_explained.viz.tables.Table`, and the tables
  the chapters show, built from the experiments' records;
- :mod:`~lstm_explained.viz.arena_tables` and :mod:`~lstm_explained.viz.gate_tables`: the tables
  that read one chapter's constants or readings, kept apart so other pages do not depend on them;
- :mod:`~lstm_explained.viz.html`: text coloured by a cell, and the cell viewer;
- :mod:`~lstm_explained.viz.diagrams`: the cells and the unrolled network as SVG, labelled from the code.
"""
