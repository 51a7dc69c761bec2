"""Trend plots (pyqtgraph): one patient over study days (`patient`), and the two arms compared (`cohort`).

`style` holds the palette, axes and hover readout both share; `export` writes a widget's plots as PNG or SVG.
"""

from sle_desktop.ui.plots.cohort import CohortTrendsWidget
from sle_desktop.ui.plots.patient import PatientTrendsWidget

__all__ = ["CohortTrendsWidget", "PatientTrendsWidget"]
