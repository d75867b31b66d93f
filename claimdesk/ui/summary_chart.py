"""The 収納率 of each 債権名 as grouped bars: 現年分, 滞納繰越分 and 合計."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import QAbstractBarSeries, QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QWidget

from ..domain.summary import CATEGORIES, CATEGORY_LABELS, SummaryRow

HEADROOM = 12  # percent above 100 for the bars' labels
WRAP_AT = 7  # characters of a 債権名 on one line under its bars


def _two_lines(name: str) -> str:
    """A long 債権名 on two lines, so that the axis need not cut it short."""
    if len(name) <= WRAP_AT:
        return name
    half = (len(name) + 1) // 2
    return f"{name[:half]}<br>{name[half:]}"


class RateChart(QChartView):
    """収納率 per 債権名, with 現年分, 滞納繰越分 and 合計 side by side."""

    def __init__(self, parent: QWidget | None = None):
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        # The page is short of height: legend beside the plot, thin margins.
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.layout().setContentsMargins(0, 0, 0, 0)
        chart.setBackgroundRoundness(0)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)

    def show_rows(self, rows: Sequence[SummaryRow], title: str) -> None:
        """Draw the rates of `rows` (three per claim type); no rows draws an empty chart."""
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()
        chart.setTitle(title)
        if not rows:
            return
        names = list(dict.fromkeys(r.claim_type for r in rows))
        series = QBarSeries()
        for category in CATEGORIES:
            bars = QBarSet(CATEGORY_LABELS[category])
            # Nothing assessed has no rate: the table shows －, the chart a zero.
            bars.append([float(r.collection_rate or 0) for r in rows if r.category == category])
            bars.setLabelColor(self.palette().color(QPalette.ColorRole.WindowText))
            series.append(bars)
        series.setBarWidth(0.8)  # wide enough for three labels side by side
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        series.setLabelsPrecision(4)
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append([_two_lines(name) for name in names])
        x.setTruncateLabels(False)
        y = QValueAxis()
        # Ticks 0–100 %, with headroom above so that the label of a full bar stays inside.
        y.setRange(0, 100 + HEADROOM)
        y.setTickType(QValueAxis.TickType.TicksDynamic)
        y.setTickAnchor(0)
        y.setTickInterval(25)
        y.setLabelFormat("%d%%")
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
