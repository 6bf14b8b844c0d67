"""The attendance chart: sessions per month stacked by what happened, cancellations split by
who cancelled. The numbers are `views.contact.chart_series` of the arrangement's summary,
the same counts the bundle's chart draws."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette
from PySide6.QtWidgets import QWidget

from familyrecord.formatting import month_label
from familyrecord.ui.contact.status_style import bar_brush
from familyrecord.ui.widgets.labels import label
from familyrecord.views.contact import AttendanceSummary, chart_series


class AttendanceChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAccessibleName(self.tr("Chart of contact sessions per month"))
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(chart)
        self.series: QStackedBarSeries | None = None
        self.months: list[str] = []
        self.setMinimumHeight(self.fontMetrics().height() * 16)

    def bar_sets(self) -> list[QBarSet]:
        return list(self.series.barSets()) if self.series is not None else []

    def set_summary(self, found: AttendanceSummary) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self.series = None
        self.months = [month_label(m) for m in found.chart.months]
        if not self.months:
            return
        series = QStackedBarSeries()
        highest = [0] * len(self.months)
        for part in chart_series(found):
            if not any(part.counts):
                continue  # a status that never happened would only clutter the legend
            name = label(part.status if part.cancelled_by is None else part.cancelled_by)
            bar_set = QBarSet(name)
            bar_set.append([float(n) for n in part.counts])
            bar_set.setBrush(bar_brush(part.status, part.cancelled_by))
            bar_set.setBorderColor(QColor("#424242"))
            series.append(bar_set)
            highest = [a + b for a, b in zip(highest, part.counts, strict=True)]
        chart.addSeries(series)
        self.series = series
        ink = QBrush(self.palette().color(QPalette.ColorRole.WindowText))
        font = self.font()
        months = QBarCategoryAxis()
        months.append(self.months)
        months.setTruncateLabels(False)
        if len(self.months) > 6:
            months.setLabelsAngle(-60)  # a year of months does not fit side by side
        counts = QValueAxis()
        top = max([*highest, 1])
        counts.setRange(0, top)
        counts.setTickType(QValueAxis.TickType.TicksDynamic)
        counts.setTickAnchor(0)
        counts.setTickInterval(max(1, round(top / 6)))
        counts.setLabelFormat("%d")
        counts.setTitleText(self.tr("Sessions"))
        for axis in (months, counts):
            axis.setLabelsFont(font)
            axis.setLabelsBrush(ink)
            axis.setTitleBrush(ink)
            axis.setTitleFont(font)
        chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(months)
        series.attachAxis(counts)
        legend = chart.legend()
        legend.setFont(font)
        legend.setLabelBrush(ink)

    def clear(self) -> None:
        self.chart().removeAllSeries()
        for axis in self.chart().axes():
            self.chart().removeAxis(axis)
        self.series = None
        self.months = []
