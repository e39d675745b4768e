"""The campaign result report's figures (số liệu báo cáo kết quả đợt thi đua). Pure Python.

Public API::

    compute_figures(dossiers, pack, *, overrides=None) -> ReportFigures
    FIGURE_TABLES                      # the table ids a pack's outline may place

The document itself (layout, charts, PDF/DOCX) is built by ``desktop.documents``
(``build_result_report`` / ``render_result_report``); this package only counts, so the GUI
can show and edit the figures without reportlab.
"""

from desktop.report.figures import (
    FIGURE_TABLES,
    ReportFigures,
    Row,
    UnitContributions,
    compute_figures,
)

__all__ = ["FIGURE_TABLES", "ReportFigures", "Row", "UnitContributions", "compute_figures"]
