"""The attendance chart: sessions per month stacked by what happened, cancellations split by
who cancelled. The numbers are `views.contact.chart_series` of the arrangement's summary,
the same counts the bundle's chart draws.

Up to six months stand as columns, like the bundle's chart; more lie as rows, one a month, so
every month's name stays readable at large text. The legend is the app's own (it wraps, and
shows each hatch), not the chart's (which cuts long names short).
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from familyrecord.formatting import month_label
from familyrecord.ui.contact.status_style import bar_brush
from familyrecord.ui.widgets.labels import label
from familyrecord.ui.widgets.sections import FlowLayout
from familyrecord.views.contact import AttendanceSummary, chart_series

COLUMNS_UP_TO = 6  # months; beyond this the bars lie down


def swatch(brush: QBrush, size: int) -> QPixmap:
    picture = QPixmap(size, size)
    picture.fill(QColor("#ffffff"))
    painter = QPainter(picture)
    painter.fillRect(0, 0, size, size, brush)
    painter.setPen(QColor("#424242"))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return picture


class AttendanceChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Chart of contact sessions per month"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().hide()
        self.view.setChart(chart)
        layout.addWidget(self.view, 1)
        self.legend = QWidget()
        self.legend_flow = FlowLayout(self.legend, spacing=8)
        layout.addWidget(self.legend)
        self.series: QAbstractBarSeries | None = None
        self.months: list[str] = []
        self._lines = self.fontMetrics().height()
        self.view.setMinimumHeight(self._lines * 16)

    def chart(self) -> QChart:
        return self.view.chart()

    def bar_sets(self) -> list[QBarSet]:
        return list(self.series.barSets()) if self.series is not None else []

    def set_summary(self, found: AttendanceSummary) -> None:
        self.clear()
        self.months = [month_label(m) for m in found.chart.months]
        if not self.months:
            return
        lying = len(self.months) > COLUMNS_UP_TO
        series: QAbstractBarSeries = QHorizontalStackedBarSeries() if lying else QStackedBarSeries()
        highest = [0] * len(self.months)
        for part in chart_series(found):
            if not any(part.counts):
                continue  # a status that never happened would only clutter the legend
            name = label(part.status if part.cancelled_by is None else part.cancelled_by)
            bar_set = QBarSet(name)
            bar_set.append([float(n) for n in part.counts])
            brush = bar_brush(part.status, part.cancelled_by)
            bar_set.setBrush(brush)
            bar_set.setBorderColor(QColor("#424242"))
            series.append(bar_set)
            highest = [a + b for a, b in zip(highest, part.counts, strict=True)]
            self._add_legend(brush, name)
        chart = self.chart()
        chart.addSeries(series)
        self.series = series
        ink = QBrush(self.palette().color(QPalette.ColorRole.WindowText))
        months = QBarCategoryAxis()
        months.append(self.months)
        counts = QValueAxis()
        top = max([*highest, 1])
        counts.setRange(0, top)
        counts.setTickType(QValueAxis.TickType.TicksDynamic)
        counts.setTickAnchor(0)
        counts.setTickInterval(max(1, round(top / 6)))
        counts.setLabelFormat("%d")
        counts.setTitleText(self.tr("Sessions"))
        for axis in (months, counts):
            axis.setLabelsFont(self.font())
            axis.setLabelsBrush(ink)
            axis.setTitleBrush(ink)
            axis.setTitleFont(self.font())
        chart.addAxis(months, Qt.AlignmentFlag.AlignLeft if lying else Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom if lying else Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(months)
        series.attachAxis(counts)
        # Lying bars need a line and a half a month; standing ones the usual height.
        rows = len(self.months) * 3 // 2 + 5 if lying else 16
        self.view.setMinimumHeight(self._lines * rows)

    def _add_legend(self, brush: QBrush, name: str) -> None:
        item = QWidget(self.legend)
        row = QHBoxLayout(item)
        row.setContentsMargins(0, 0, 0, 0)
        mark = QLabel(item)
        mark.setPixmap(swatch(brush, self._lines))
        words = QLabel(name, item)
        row.addWidget(mark)
        row.addWidget(words)
        item.setAccessibleName(name)
        self.legend_flow.addWidget(item)

    def legend_names(self) -> list[str]:
        return [item.accessibleName() for item in self.legend.findChildren(QWidget)
                if item.parentWidget() is self.legend]

    def clear(self) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self.series = None
        self.months = []
        while self.legend_flow.count():
            taken = self.legend_flow.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
