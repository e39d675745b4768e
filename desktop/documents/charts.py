"""Charts (biểu đồ) of the result report, drawn with reportlab's own graphics.

:func:`drawing` turns an IR :class:`~desktop.documents.ir.Chart` into a reportlab
``Drawing``: the PDF renderer places it as a vector flowable; the DOCX renderer writes the
same data as a native Word chart (``docx_chart``) of the same height (:func:`height_pt`).
"""

from __future__ import annotations

import textwrap

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import STATE_DEFAULTS, Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from desktop.documents.ir import Chart

#: Bar colours: dark grey-blue, readable in black-and-white prints.
BAR_COLOR = colors.HexColor("#3b5b7a")
LABEL_CHARS = 30  # wrap category labels beyond this many characters
BAR_HEIGHT = 16  # points per category (bar and gap)


def _wrap(label: str) -> str:
    return "\n".join(textwrap.wrap(label, LABEL_CHARS)) or " "


def _step(chart: Chart) -> float:
    labels = [_wrap(label) for label in chart.labels]
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    return max(BAR_HEIGHT, 9 * lines + 4)


TITLE_HEIGHT = 18


def height_pt(chart: Chart) -> float:
    """Height of the drawing in points (the DOCX chart is given the same)."""
    return _step(chart) * max(1, len(chart.labels)) + TITLE_HEIGHT + 10


def drawing(chart: Chart, font: str, bold_font: str) -> Drawing:
    """The chart as a Drawing ``chart.width_mm`` wide; its height follows the categories."""
    labels = [_wrap(label) for label in chart.labels]
    step = _step(chart)
    count = max(1, len(labels))
    width = chart.width_mm * mm
    label_width = 48 * mm
    plot_height = step * count
    height = height_pt(chart)
    # the renderer starts every drawing in STATE_DEFAULTS' font (Helvetica): a PDF resource
    # never embedded; start it in ours
    STATE_DEFAULTS["fontName"] = font
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
