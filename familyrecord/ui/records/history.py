"""A record's history: every saved version is kept, and this shows what each one said."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QVBoxLayout, QWidget

from familyrecord.errors import UserError
from familyrecord.formatting import local_timestamp, short_date, short_time
from familyrecord.records.models import Record
from familyrecord.services import Services
from familyrecord.ui.widgets.common import named
from familyrecord.ui.widgets.labels import field_caption, label

# Bookkeeping, not wording: ids, links to other records and files, times of saving.
_HIDDEN = {"id", "created_at", "updated_at", "overrides"}


def _hidden(field_name: str) -> bool:
    return field_name in _HIDDEN or field_name.endswith(("_id", "_ids"))


def tr(text: str) -> str:
    return QCoreApplication.translate("HistoryPanel", text)


def _when(at: str) -> str:
    return local_timestamp(at) or at


def _show(value: object) -> str:
    if isinstance(value, StrEnum):
        return label(value)
    if isinstance(value, datetime):
        return short_date(value, with_time=True)
    if isinstance(value, date):
        return short_date(value)
    if isinstance(value, time):
        return short_time(value)
    if isinstance(value, bool):
        return tr("yes") if value else tr("no")
    if isinstance(value, list):
        return "; ".join(_show(item) for item in value)
    if dataclasses.is_dataclass(value):
        for name in ("name", "description", "text"):
            if getattr(value, name, ""):
                return str(getattr(value, name))
        return ""
    return "" if value is None else str(value)


def describe(record: Record) -> str:
    """The record's fields as plain lines, for reading an earlier version."""
    lines = []
    for field in dataclasses.fields(record):
        if _hidden(field.name):
            continue
        text = _show(getattr(record, field.name))
        if text:
            lines.append(f"{field_caption(field.name)} {text}")
    return "\n".join(lines)


class HistoryPanel(QWidget):
    """The "History" page of a record; loads only when shown, forgets everything on clear()."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._record: Record | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Every time this entry was saved, the earlier wording was kept. "
                               "Choose a version to see what it said then."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.versions = named(QListWidget(), self.tr("Saved versions"))
        self.versions.currentItemChanged.connect(lambda item, _old: self._show_version(item))
        layout.addWidget(self.versions, 1)
        self.text = named(QPlainTextEdit(), self.tr("What this version said"))
        self.text.setReadOnly(True)
        self.text.setTabChangesFocus(True)
        layout.addWidget(self.text, 2)

    def set_record(self, record: Record | None) -> None:
        self._record = record
        self.versions.clear()
        self.text.clear()

    def load(self) -> None:
        self.versions.clear()
        record = self._record
        if record is None or record.created_at is None or self._services.is_locked:
            return
        try:
            history = self._services.history(record)
        except UserError:  # nothing to show is better than a half-read history
            return
        words = {"create": self.tr("Written"), "update": self.tr("Changed"), "delete": self.tr("Deleted")}
        for version in reversed(history):
            item = QListWidgetItem(f"{_when(version.at)} — {words.get(version.action, version.action)}")
            item.setData(Qt.ItemDataRole.UserRole, version.record)
            self.versions.addItem(item)
        if self.versions.count():
            self.versions.setCurrentRow(0)

    def _show_version(self, item: QListWidgetItem | None) -> None:
        version = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.text.setPlainText(describe(version) if isinstance(version, Record) else
                               self.tr("The wording of this version was deleted."))

    def clear(self) -> None:
        self.set_record(None)
