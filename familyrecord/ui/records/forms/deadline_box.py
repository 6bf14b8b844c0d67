"""“Deadlines this starts”: the timescales a meeting, letter or event sets off, to tick and save.

The box asks `services.deadlines.proposals(record)` for the record as it stands in the form
(unsaved), again whenever its date, kind or purpose changes. Each proposal shows its plain
wording, who acts, where the rule comes from, a tick box and its date in a DateField (the family
may know better). Deadlines already accepted for the saved record are listed, not proposed
again. `chosen()` gives the ticked proposals with their dates, for `deadlines.save_accepting`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QCheckBox, QFrame, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from familyrecord.formatting import long_date
from familyrecord.records.models import Deadline, Record, ValidationError
from familyrecord.services import Services
from familyrecord.timescales.propose import MissingDateError, Proposal
from familyrecord.ui.widgets.common import named
from familyrecord.ui.widgets.dates import DateField, EntryError


def _wrapped(text: str, parent: QWidget, *, hint: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    if hint:
        label.setProperty("hint", True)
    return label


class ProposalRow(QFrame):
    """One proposed deadline: tick to add it, with its date (editable), who acts and the rule."""

    def __init__(self, proposal: Proposal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proposal = proposal
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.tick = named(QCheckBox(self.tr("Add: %1").replace("%1", proposal.title), self),
                          self.tr("Add the deadline %1").replace("%1", proposal.title))
        layout.addWidget(self.tick)
        row = QHBoxLayout()
        caption = QLabel(self.tr("Due by:"), self)
        self.due = DateField(self)
        self.due.setAccessibleName(self.tr("Due by, for %1").replace("%1", proposal.title))
        self.due.set_value(proposal.due)
        caption.setBuddy(self.due)
        row.addWidget(caption)
        row.addWidget(self.due, 1)
        layout.addLayout(row)
        layout.addWidget(_wrapped(self.tr("Who acts: %1").replace("%1", proposal.who_label), self))
        layout.addWidget(_wrapped(proposal.wording, self))
        source = self.tr("Where this comes from: %1").replace("%1", proposal.source)
        if proposal.local_practice:
            source += " " + self.tr("This is local practice: check your local procedures.")
        layout.addWidget(_wrapped(source, self, hint=True))

    def chosen(self) -> Proposal | None:
        """The proposal with the date shown, when ticked; EntryError when that date is unreadable."""
        if not self.tick.isChecked():
            return None
        due = self.due.value()
        if due is None:
            raise EntryError(self.tr("please give the date it is due by, or untick it."), self.due)
        return dataclasses.replace(self.proposal, due=due)


class DeadlinesBox(QGroupBox):
    """The deadlines a record starts, for its form. `watch(signal)` for each field that matters."""

    def __init__(self, services: Services, current: Callable[[], Record | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Deadlines this starts"))
        self.setAccessibleName(self.tr("Deadlines this starts"))
        self._services = services
        self._current = current
        self._saved: Record | None = None
        self.rows: list[ProposalRow] = []
        self._layout = QVBoxLayout(self)
        self.intro = _wrapped(self.tr("FamilyRecord knows the timescales that follow some meetings, "
                                      "letters and events. Tick the ones to add to your deadlines; "
                                      "they are saved with this record."), self, hint=True)
        self.status = _wrapped("", self)
        self.linked_label = _wrapped("", self)
        self._rows_box = QVBoxLayout()
        for widget in (self.intro, self.linked_label, self.status):
            self._layout.addWidget(widget)
        self._layout.addLayout(self._rows_box)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)  # typing a date refreshes once, not at every key
        self._timer.timeout.connect(self.refresh)

    def watch(self, *signals: object) -> None:
        for signal in signals:
            signal.connect(self._timer.start)  # type: ignore[attr-defined]

    def set_saved(self, record: Record | None) -> None:
        """The stored record the form shows (None for a new one): its accepted deadlines."""
        self._saved = record if record is not None and record.created_at is not None else None
        self.refresh()

    def linked(self) -> list[Deadline]:
        if self._saved is None or self._services.is_locked:
            return []
        return self._services.deadlines.linked(self._saved)

    def refresh(self) -> None:
        """Propose again for the record as the form shows it; ticks and typed dates are kept for
        deadlines whose proposed date did not change."""
        self._timer.stop()
        kept = {row.proposal.rule_id: (row.proposal.due, row.tick.isChecked(), row.due.text())
                for row in self.rows}
        self._clear_rows()
        record = self._current()
        if record is None or self._services.is_locked:
            self.status.clear()
            self.linked_label.clear()
            return
        linked = self.linked()
        self.linked_label.setText("\n".join(self._linked_line(d) for d in linked))
        self.linked_label.setVisible(bool(linked))
        try:
            proposals = self._services.deadlines.proposals(record)
        except MissingDateError as exc:
            self.status.setText(exc.user_message)
            return
        accepted = {d.rule_id for d in linked}
        fresh = [p for p in proposals if p.rule_id not in accepted]
        if not fresh:
            self.status.setText(self.tr("Nothing more to add.") if proposals else
                                self.tr("No timescales start from this, as far as FamilyRecord knows."))
            return
        self.status.setText(self.tr("These could follow from it:"))
        for proposal in fresh:
            row = ProposalRow(proposal, self)
            before = kept.get(proposal.rule_id)
            if before is not None and before[0] == proposal.due:
                row.tick.setChecked(before[1])
                row.due.set_text(before[2])
            self._rows_box.addWidget(row)
            self.rows.append(row)

    def _linked_line(self, deadline: Deadline) -> str:
        line = self.tr("Already added: %1, due by %2.").replace("%1", deadline.title) \
            .replace("%2", long_date(deadline.due_on))
        if deadline.done_on is not None:
            line += " " + self.tr("Done on %1.").replace("%1", long_date(deadline.done_on))
        return line

    def chosen(self) -> list[Proposal]:
        """The ticked deadlines with their dates; a ValidationError says which date is wrong."""
        chosen: list[Proposal] = []
        for row in self.rows:
            try:
                proposal = row.chosen()
            except EntryError as exc:
                if exc.widget is not None:
                    exc.widget.setFocus()
                raise ValidationError("", self.tr("“%1”: %2").replace("%1", row.proposal.title)
                                      .replace("%2", exc.reason)) from None
            if proposal is not None:
                chosen.append(proposal)
        return chosen

    def _clear_rows(self) -> None:
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows.clear()

    def clear(self) -> None:
        self._saved = None
        self._clear_rows()
        self.status.clear()
        self.linked_label.clear()
