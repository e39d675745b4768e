"""Charts (biểu đồ) of the result report, drawn with reportlab's own graphics.

:func:`drawing` turns an IR :class:`~desktop.documents.ir.Chart` into a reportlab
``Drawing``: the PDF renderer places it as a vector flowable, the DOCX renderer rasterises it
with ``renderPM`` when a bitmap backend is installed (reportlab 4.x+ needs the optional
``rlPyCairo`` package for that; :func:`png` returns None without it).
"""

from __future__ import annotations

import functools
import textwrap

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from desktop.documents.ir import Chart

#: Bar colours: dark grey-blue, readable in black-and-white prints.
BAR_COLOR = colors.HexColor("#3b5b7a")
LABEL_CHARS = 30  # wrap category labels beyond this many characters
BAR_HEIGHT = 16  # points per category (bar and gap)


def _wrap(label: str) -> str:
    return "\n".join(textwrap.wrap(label, LABEL_CHARS)) or " "


def drawing(chart: Chart, font: str, bold_font: str) -> Drawing:
    """The chart as a Drawing ``chart.width_mm`` wide; its height follows the categories."""
    labels = [_wrap(label) for label in chart.labels]
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    step = max(BAR_HEIGHT, 9 * lines + 4)
    count = max(1, len(labels))
    width = chart.width_mm * mm
    label_width = 48 * mm
    title_height = 18
    plot_height = step * count
    height = plot_height + title_height + 10
    d = Drawing(width, height)
    d.add(String(width / 2, height - 12, chart.title, fontName=bold_font, fontSize=10,
                 textAnchor="middle"))
    bc = HorizontalBarChart()
    bc.x, bc.y = label_width, 6
    bc.width, bc.height = width - label_width - 30 * mm, plot_height
    # reportlab draws the first category at the bottom: reverse to read top-down
    bc.data = [list(reversed([float(v) for v in chart.values])) or [0.0]]
    bc.categoryAxis.categoryNames = list(reversed(labels)) or [" "]
    bc.categoryAxis.labels.fontName = font
    bc.categoryAxis.labels.fontSize = 8
    bc.categoryAxis.labels.boxAnchor = "e"
    bc.categoryAxis.labels.dx = -4
    bc.categoryAxis.labels.leading = 9
    bc.categoryAxis.visibleTicks = 0
    bc.valueAxis.valueMin = 0
    top = max([float(v) for v in chart.values] or [0.0])
    bc.valueAxis.valueMax = top * 1.15 if top > 0 else 1
    bc.valueAxis.visible = 0
    bc.valueAxis.labels.fontName = font  # unused, but else the PDF lists Helvetica
    bc.valueAxis.visibleGrid = 0
    bc.bars[0].fillColor = BAR_COLOR
    bc.bars[0].strokeColor = None
    bc.barWidth = 8
    bc.groupSpacing = max(2, step - 10)
    texts = list(reversed(chart.value_texts))
    bc.barLabelFormat = lambda value, _texts=texts, _values=bc.data[0]: _texts[
        _values.index(value)] if value in _values else ""
    bc.barLabels.fontName = font
    bc.barLabels.fontSize = 8
    bc.barLabels.boxAnchor = "w"
    bc.barLabels.dx = 3
    d.add(bc)
    return d


@functools.cache
def _pm_works() -> bool:
    try:
        from reportlab.graphics import renderPM

        renderPM.drawToString(Drawing(2, 2), fmt="PNG")
    except Exception:  # any missing backend means "no bitmap charts"
        return False
    return True


def png(chart: Chart, font: str, bold_font: str, dpi: int = 150) -> bytes | None:
    """The chart as PNG bytes, or None when renderPM has no bitmap backend here."""
    if not _pm_works():
        return None
    from reportlab.graphics import renderPM

    return renderPM.drawToString(drawing(chart, font, bold_font), fmt="PNG", dpi=dpi)
