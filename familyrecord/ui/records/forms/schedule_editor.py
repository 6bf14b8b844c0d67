"""A contact arrangement's repeat pattern, chosen in words, with what it means shown beside it.

The pattern is one of: no schedule; every week (or every few weeks) on chosen weekdays; once a
month on the first, second, third, fourth or last chosen weekday. It is built with
`views.schedule.weekly_rule` / `monthly_rule` and kept as an RFC 5545 rule on the arrangement.
A rule set elsewhere (the command line) that none of these can show is kept as it is. Below,
the rule in words (`describe_rule`), the next sessions (`preview`) and the sessions that fall
on a bank holiday (`bank_holiday_clashes`), which are never moved but can be skipped.
"""

from __future__ import annotations

import calendar
import dataclasses
from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from familyrecord.formatting import long_date, short_time
from familyrecord.records.models import ContactArrangement
from familyrecord.ui.widgets.common import button, named
from familyrecord.ui.widgets.dates import EntryError
from familyrecord.views import schedule

NONE, WEEKLY, MONTHLY, OTHER = range(4)
NTH = (1, 2, 3, 4, -1)  # first to fourth, and last
PREVIEW_COUNT = 6


def _wrapped(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    return label


class ScheduleEditor(QWidget):
    """The repeat pattern (`rule_text()` / `set_rule()`) and what it means for `current()`."""

    changed = Signal()

    def __init__(self, current: Callable[[], ContactArrangement | None],
                 skip: Callable[[list[date]], None], *, today: Callable[[], date] = date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current = current
        self._skip = skip
        self.today = today  # a test can set the day the preview starts from
        self._other_rule = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pattern = named(QComboBox(self), self.tr("How often"))
        self.pattern.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.pattern.setMinimumContentsLength(14)
        for text in (self.tr("No schedule: I log each session by hand"),
                     self.tr("Every week, or every few weeks, on chosen days"),
                     self.tr("Once a month, on a chosen day")):
            self.pattern.addItem(text)
        layout.addWidget(self.pattern)

        self.weekly = QWidget(self)
        days = QGridLayout(self.weekly)
        days.setContentsMargins(0, 0, 0, 0)
        self.days = [named(QCheckBox(name, self.weekly), name) for name in calendar.day_name]
        for index, box in enumerate(self.days):
            days.addWidget(box, index // 4, index % 4)
        self.every_weeks = named(QSpinBox(self.weekly), self.tr("Every how many weeks"))
        self.every_weeks.setRange(1, schedule.MAX_INTERVAL)
        every = QHBoxLayout()
        every.addWidget(QLabel(self.tr("Every"), self.weekly))
        every.addWidget(self.every_weeks)
        self.every_words = _wrapped(self.weekly)
        every.addWidget(self.every_words, 1)
        days.addLayout(every, 2, 0, 1, 4)
        layout.addWidget(self.weekly)

        self.monthly = QWidget(self)
        month_row = QHBoxLayout(self.monthly)
        month_row.setContentsMargins(0, 0, 0, 0)
        self.nth = named(QComboBox(self.monthly), self.tr("Which one in the month"))
        for text in (self.tr("The first"), self.tr("The second"), self.tr("The third"),
                     self.tr("The fourth"), self.tr("The last")):
            self.nth.addItem(text)
        self.month_day = named(QComboBox(self.monthly), self.tr("Day of the week"))
        self.month_day.addItems(list(calendar.day_name))
        month_row.addWidget(self.nth)
        month_row.addWidget(self.month_day)
        month_row.addWidget(QLabel(self.tr("of each month"), self.monthly), 1)
        layout.addWidget(self.monthly)

        self.described = _wrapped(self)
        self.upcoming = _wrapped(self)
        self.clashes = _wrapped(self)
        self.clashes.setProperty("fieldError", True)
        self.skip_button = button(self.tr("Skip these bank holidays"), self, slot=self._skip_clashes)
        for widget in (self.described, self.upcoming, self.clashes, self.skip_button):
            layout.addWidget(widget)
        self._clash_days: list[date] = []

        self.pattern.currentIndexChanged.connect(self._pattern_changed)
        for box in self.days:
            box.toggled.connect(self.changed)
        for signal in (self.every_weeks.valueChanged, self.nth.currentIndexChanged,
                       self.month_day.currentIndexChanged):
            signal.connect(self.changed)
        self.every_weeks.valueChanged.connect(self._every_words)
        self.changed.connect(self.refresh)
        self._pattern_changed()

    # ---- the rule ----------------------------------------------------------------------------

    def rule_text(self) -> str:
        """The rule as RFC 5545 text ("" for none); EntryError when it cannot be made."""
        index = self.pattern.currentIndex()
        try:
            if index == WEEKLY:
                chosen = [day for day, box in enumerate(self.days) if box.isChecked()]
                if not chosen:
                    raise EntryError(self.tr("please tick the day or days contact happens."), self.days[0])
                return schedule.weekly_rule(chosen, self.every_weeks.value()).text
            if index == MONTHLY:
                return schedule.monthly_rule(NTH[self.nth.currentIndex()], self.month_day.currentIndex()).text
        except schedule.RuleError as exc:
            raise EntryError(exc.user_message, self.pattern) from None
        return self._other_rule if index == OTHER else ""

    def set_rule(self, text: str) -> None:
        """Show a stored rule in the pattern that can show it (a rule from elsewhere is kept)."""
        self.blockSignals(True)
        for box in self.days:
            box.setChecked(False)
        self.every_weeks.setValue(1)
        index = self._read(text.strip()) if text.strip() else NONE
        if index == OTHER:
            self._other_rule = text.strip()
            if self.pattern.count() == OTHER:
                self.pattern.addItem("")
            self.pattern.setItemText(OTHER, self.tr("As set elsewhere: %1").replace("%1", text.strip()))
        elif self.pattern.count() > OTHER:
            self.pattern.removeItem(OTHER)
        self.pattern.setCurrentIndex(index)
        self.blockSignals(False)
        self._pattern_changed()

    def _read(self, text: str) -> int:
        try:
            rule = schedule.parse_rule(text)
        except schedule.RuleError:
            return OTHER
        simple = not (rule.month_days or rule.months or rule.set_positions or rule.count or rule.until
                      or rule.week_start)
        if simple and rule.freq == "WEEKLY" and rule.weekdays and all(n is None for _, n in rule.weekdays):
            for day, _ in rule.weekdays:
                self.days[day].setChecked(True)
            self.every_weeks.setValue(rule.interval)
            return WEEKLY
        if (simple and rule.freq == "MONTHLY" and rule.interval == 1 and len(rule.weekdays) == 1
                and rule.weekdays[0][1] in NTH):
            day, nth = rule.weekdays[0]
            self.nth.setCurrentIndex(NTH.index(nth or 1))
            self.month_day.setCurrentIndex(day)
            return MONTHLY
        return OTHER

    def _pattern_changed(self) -> None:
        index = self.pattern.currentIndex()
        self.weekly.setVisible(index == WEEKLY)
        self.monthly.setVisible(index == MONTHLY)
        if index == WEEKLY and not any(box.isChecked() for box in self.days):
            current = self._current()
            if current is not None and current.starts_on is not None:
                self.days[current.starts_on.weekday()].setChecked(True)
        self._every_words()
        self.changed.emit()

    def _every_words(self) -> None:
        self.every_words.setText(self.tr("week (every week)") if self.every_weeks.value() == 1 else
                                 self.tr("weeks (2 is every other week)"))

    # ---- what it means -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Say the rule in words, list the next sessions and warn of bank holidays."""
        self._clash_days = []
        self.clashes.clear()
        self.clashes.setVisible(False)
        self.skip_button.setVisible(False)
        self.upcoming.clear()
        current = self._current()
        try:
            rule = self.rule_text()
        except EntryError as exc:
            self.described.setText(exc.reason[:1].upper() + exc.reason[1:])
            return
        if not rule or current is None:
            self.described.setText(self.tr("No schedule: log each session by hand, or choose how "
                                           "often contact happens and the sessions are planned for you."))
            return
        arrangement = dataclasses.replace(current, repeat_rule=rule)
        words = schedule.describe_rule(rule, arrangement.starts_on)
        start, end = arrangement.session_start, arrangement.session_end
        if start is not None:
            times = (self.tr("%1 to %2").replace("%2", short_time(end)) if end is not None
                     else self.tr("from %1"))
            words += ", " + times.replace("%1", short_time(start))
        self.described.setText(words + ".")
        if arrangement.starts_on is None:
            self.upcoming.setText(self.tr("Give the date contact starts to see the sessions."))
            return
        since = max(self.today(), arrangement.starts_on)
        try:
            coming = schedule.preview(arrangement, since=since, count=PREVIEW_COUNT)
            year = schedule.session_dates(arrangement, since=since, until=since + timedelta(days=365))
        except schedule.RuleError as exc:
            self.upcoming.setText(exc.user_message)
            return
        self.upcoming.setText(self.tr("Next sessions:") + "\n" + "\n".join(long_date(t) for t in coming)
                              if coming else self.tr("No sessions from %1.").replace("%1", long_date(since)))
        self._clash_days = schedule.bank_holiday_clashes(year)
        if self._clash_days:
            self.clashes.setText(self.tr("On a bank holiday (the session is not moved): %1. If contact "
                                         "will not happen then, skip these dates.")
                                 .replace("%1", "; ".join(long_date(d) for d in self._clash_days)))
            self.clashes.setVisible(True)
            self.skip_button.setVisible(True)

    def _skip_clashes(self) -> None:
        if self._clash_days:
            self._skip(list(self._clash_days))
            self.refresh()
