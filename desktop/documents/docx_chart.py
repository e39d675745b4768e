"""A native Word chart (biểu đồ) from an IR :class:`~desktop.documents.ir.Chart`.

The DOCX twin carries the same bar chart as the PDF as a DrawingML chart part
(``word/charts/chartN.xml``): horizontal bars, one per label, the value at the end of each bar,
the title above, Times New Roman, vi-VN. Word and LibreOffice draw it from the cached values
in the part (no embedded workbook: the secretary edits the figures in HoSo, not in Word). Its
height is the height of the PDF's drawing (``charts.drawing``), so both paginate alike.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

from desktop.documents.ir import Chart

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
EMU_PER_PT = 12700
EMU_PER_MM = 36000
FONT = "Times New Roman"
BAR = "3B5B7A"  # charts.BAR_COLOR


def _text_props(size: int, bold: bool = False) -> str:
    weight = ' b="1"' if bold else ""
    return (f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}"{weight}>'
            f'<a:latin typeface="{FONT}"/><a:cs typeface="{FONT}"/>'
            f'</a:defRPr></a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr>')


def chart_xml(chart: Chart) -> bytes:
    """The chart part: a clustered horizontal bar chart of ``chart``'s labels and values."""
    n = len(chart.labels)
    integers = all(float(v).is_integer() for v in chart.values)
    number_format = "#,##0" if integers else "#,##0.0"
    cats = "".join(f'<c:pt idx="{i}"><c:v>{escape(label)}</c:v></c:pt>'
                   for i, label in enumerate(chart.labels))
    vals = "".join(f'<c:pt idx="{i}"><c:v>{float(v):g}</c:v></c:pt>'
                   for i, v in enumerate(chart.values))
    xml = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="{C}" xmlns:a="{A}" xmlns:r="{R}">
<c:lang val="vi-VN"/><c:roundedCorners val="0"/>
<c:chart>
<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1000" b="1"/></a:pPr>
<a:r><a:rPr lang="vi-VN" sz="1000" b="1"><a:latin typeface="{FONT}"/><a:cs typeface="{FONT}"/>
</a:rPr><a:t>{escape(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>
<c:overlay val="0"/></c:title>
<c:autoTitleDeleted val="0"/>
<c:plotArea><c:layout/>
<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>
<c:ser><c:idx val="0"/><c:order val="0"/>
<c:spPr><a:solidFill><a:srgbClr val="{BAR}"/></a:solidFill></c:spPr>
<c:invertIfNegative val="0"/>
<c:dLbls><c:numFmt formatCode="{number_format}" sourceLinked="0"/>
<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>
{_text_props(800)}<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/>
<c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/>
<c:showBubbleSize val="0"/></c:dLbls>
<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${n + 1}</c:f><c:strCache><c:ptCount val="{n}"/>{cats}
</c:strCache></c:strRef></c:cat>
<c:val><c:numRef><c:f>Sheet1!$B$2:$B${n + 1}</c:f><c:numCache>
<c:formatCode>General</c:formatCode><c:ptCount val="{n}"/>{vals}</c:numCache></c:numRef></c:val>
</c:ser>
<c:gapWidth val="80"/><c:axId val="50010"/><c:axId val="50020"/>
</c:barChart>
<c:catAx><c:axId val="50010"/><c:scaling><c:orientation val="maxMin"/></c:scaling>
<c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/>
<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>
<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>{_text_props(700)}
<c:crossAx val="50020"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>
<c:lblOffset val="100"/><c:tickLblSkip val="1"/><c:noMultiLvlLbl val="0"/></c:catAx>
<c:valAx><c:axId val="50020"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/>
</c:scaling><c:delete val="1"/><c:axPos val="t"/><c:numFmt formatCode="General" sourceLinked="1"/>
<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>
<c:crossAx val="50010"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>
<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>
</c:plotArea>
<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>
</c:chart>
<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>
{_text_props(900)}
</c:chartSpace>"""
    return xml.encode("utf-8")


def add_chart(document, paragraph, chart: Chart, width_mm: float, height_pt: float) -> None:
    """Add ``chart`` as a new chart part of ``document`` and place it inline in
    ``paragraph`` (``width_mm`` wide, ``height_pt`` high)."""
    package = document.part.package
    taken = {str(p.partname) for p in package.iter_parts()}
    number = 1
    while f"/word/charts/chart{number}.xml" in taken:
        number += 1
    part = Part(PackURI(f"/word/charts/chart{number}.xml"), CT.DML_CHART, chart_xml(chart),
                package)
    rid = document.part.relate_to(part, RT.CHART)
    cx, cy = int(width_mm * EMU_PER_MM), int(height_pt * EMU_PER_PT)
    drawing = parse_xml(
        f'<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        f'xmlns:wp="{WP}" xmlns:a="{A}" xmlns:c="{C}" xmlns:r="{R}">'
        f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
        f'<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{1000 + number}" name="Biểu đồ {number}" descr="{escape(chart.title)}"/>'
        f'<wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="{C}">'
        f'<c:chart r:id="{rid}"/></a:graphicData></a:graphic></wp:inline></w:drawing>')
    paragraph.add_run()._r.append(drawing)
