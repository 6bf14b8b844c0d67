"""The base of every record form: labelled fields bound to a record's attributes, kind errors.

A form edits a copy: `load(record)` fills the fields, `collect()` returns the record with the
fields' values, and `point_at(field_name, message)` puts a gentle message next to the field a
ValidationError names. A field that cannot read its text (a date such as 31/02/2025) makes
`collect()` raise a ValidationError naming the field and why, so nothing half-read is saved.
`save_record()` is how the record view saves (forms that also save deadlines or plan contact
sessions say so there). Fields are grouped in pages, each in a scroll area; the record view
shows them as tabs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from familyrecord.records.models import Record, ValidationError
from familyrecord.services import Services
from familyrecord.ui.records.forms.deadline_box import DeadlinesBox
from familyrecord.ui.records.forms.fields import ChildrenPicker, RecordPicker, choice_label
from familyrecord.ui.widgets.common import EnumCombo, named
from familyrecord.ui.widgets.dates import DateField, DateTimeField, EntryError, TimeField


class FieldEntryProblem(ValidationError):
    """A field's text could not be read: the ValidationError `collect()` raises, with the widget
    inside the field that holds the text (a date in the third row of a list, say)."""

    def __init__(self, field_name: str, message: str, widget: QWidget | None) -> None:
        super().__init__(field_name, message)
        self.widget = widget


@dataclass
class Binding:
    widget: QWidget
    get: Callable[[], Any]
    set: Callable[[Any], None]
    page: int
    caption: str = ""
    holder: QWidget | None = None  # the field with its hint and error, beside its caption


class RecordForm(QWidget):
    """Subclasses set `record_type` and build their fields in `build()`."""

    record_type: type[Record] = Record
    # The record can have recordings with a transcript (the record view adds that page).
    with_recording: ClassVar[bool] = False
    # Open a new, unsaved record in its own list (a session logged from its arrangement).
    new_requested = Signal(object)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bindings: dict[str, Binding] = {}
        self.errors: dict[str, QLabel] = {}
        self.pages: list[tuple[str, QWidget]] = []
        self._layouts: list[QFormLayout] = []
        self._layout: QFormLayout | None = None
        self._record: Record | None = None
        self.deadlines: DeadlinesBox | None = None
        self.save_note = ""  # what the last save did besides saving ("8 sessions planned")
        self.build()

    # ---- building ------------------------------------------------------------------------------

    def build(self) -> None:
        raise NotImplementedError

    def page(self, title: str) -> QFormLayout:
        """Start a new page of fields (a tab in the record view), in a scroll area."""
        inner = QWidget()
        layout = QFormLayout(inner)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.setVerticalSpacing(10)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        self.pages.append((title, scroll))
        self._layouts.append(layout)
        self._layout = layout
        return layout

    def current_layout(self) -> QFormLayout:
        if self._layout is None:
            self.page(self.tr("Details"))
        assert self._layout is not None
        return self._layout

    def add(self, name: str, text: str, widget: QWidget, get: Callable[[], Any],
            set_: Callable[[Any], None], help_text: str = "") -> QWidget:
        layout = self.current_layout()
        caption_text = text.rstrip(":").replace("&", "")
        named(widget, caption_text, help_text)
        caption = QLabel(text)
        caption.setBuddy(widget)
        caption.setWordWrap(True)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if help_text:
            hint = QLabel(help_text)
            hint.setWordWrap(True)
            hint.setProperty("hint", True)
            column.addWidget(hint)
        error = QLabel()
        error.setWordWrap(True)
        error.setProperty("fieldError", True)
        error.setVisible(False)
        column.addWidget(error)
        layout.addRow(caption, holder)
        self.bindings[name] = Binding(widget, get, set_, len(self.pages) - 1, caption_text, holder)
        self.errors[name] = error
        return widget

    def line(self, name: str, text: str, help_text: str = "") -> QLineEdit:
        edit = QLineEdit()
        self.add(name, text, edit, edit.text, lambda v: edit.setText(v or ""), help_text)
        return edit

    def text(self, name: str, text: str, help_text: str = "") -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)  # Tab moves on; keyboard users are never trapped
        edit.setMinimumHeight(90)
        self.add(name, text, edit, edit.toPlainText, lambda v: edit.setPlainText(v or ""), help_text)
        return edit

    def date(self, name: str, text: str, help_text: str = "") -> DateField:
        field = DateField(calendar_hint=lambda: self.nearby_date(name))
        self.add(name, text, field, field.value, field.set_value, help_text)
        return field

    def datetime(self, name: str, text: str, *, help_text: str = "",
                 default_day: Callable[[], dt.date | None] | None = None) -> DateTimeField:
        field = DateTimeField(default_day=default_day)
        field.set_calendar_hint(lambda: self.nearby_date(name))
        self.add(name, text, field, field.value, field.set_value, help_text)
        return field

    def time(self, name: str, text: str, help_text: str = "") -> TimeField:
        field = TimeField()
        self.add(name, text, field, field.value, field.set_value, help_text)
        return field

    def choice(self, name: str, text: str, values: Iterable[StrEnum], help_text: str = "") -> EnumCombo[Any]:
        choices = list(values)
        combo: EnumCombo[Any] = EnumCombo(choices)
        for index, value in enumerate(choices):
            combo.setItemText(index, choice_label(value))
        self.add(name, text, combo, combo.value, combo.set_value, help_text)
        return combo

    def check(self, name: str, text: str, caption: str = "") -> QCheckBox:
        box = QCheckBox(text)
        self.add(name, caption or "", box, box.isChecked, lambda v: box.setChecked(bool(v)))
        box.setAccessibleName(text)
        return box

    def children_picker(self) -> ChildrenPicker:
        picker = ChildrenPicker(self.services)
        self.add("child_ids", self.tr("Which children:"), picker, picker.value, picker.set_value)
        picker.setAccessibleName(self.tr("Which children"))
        return picker

    def deadline_box(self, *signals: object) -> DeadlinesBox:
        """The “Deadlines this starts” box, proposed again when any of `signals` fires."""
        box = DeadlinesBox(self.services, self.preview)
        box.watch(*signals)
        self.current_layout().addRow(box)
        self.deadlines = box
        return box

    def set_row_visible(self, name: str, visible: bool) -> None:
        """Show or hide a field with its caption (details that only matter sometimes)."""
        binding = self.bindings[name]
        if binding.holder is not None:
            self._layouts[binding.page].setRowVisible(binding.holder, visible)

    # ---- using ---------------------------------------------------------------------------------

    def new_record(self) -> Record:
        return self.record_type()

    def load(self, record: Record | None) -> None:
        self._record = record if record is not None else self.new_record()
        self.clear_errors()
        for name, binding in self.bindings.items():
            binding.set(getattr(self._record, name))
        if self.deadlines is not None:
            self.deadlines.set_saved(self._record)

    @property
    def record(self) -> Record | None:
        return self._record

    def collect(self) -> Record:
        """The record with the fields' values; a field it cannot read stops it (ValidationError)."""
        assert self._record is not None
        values: dict[str, Any] = {}
        problems: list[tuple[str, EntryError]] = []
        for name, binding in self.bindings.items():
            try:
                values[name] = binding.get()
            except EntryError as exc:
                problems.append((name, exc))
        for name, problem in reversed(problems):  # the first ends up with the focus
            self.point_at(name, self.entry_message(name, problem), problem.widget)
        if problems:
            first, why = problems[0]
            raise FieldEntryProblem(first, self.entry_message(first, why), why.widget)
        return dataclasses.replace(self._record, **values)

    def entry_message(self, field_name: str, exc: EntryError) -> str:
        """“Until”: 31/02/2025 is not a real date (February has 28 days in 2025)."""
        caption = self.bindings[field_name].caption or field_name
        return self.tr("“%1”: %2").replace("%1", caption).replace("%2", exc.reason)

    def preview(self) -> Record | None:
        """The record as far as the fields can be read now (for live previews; never saved)."""
        if self._record is None:
            return None
        values: dict[str, Any] = {}
        for name, binding in self.bindings.items():
            try:
                values[name] = binding.get()
            except EntryError:
                continue
        return dataclasses.replace(self._record, **values)

    def nearby_date(self, except_field: str = "") -> dt.date | None:
        """A date already on this record: where an empty date field's calendar opens."""
        for name, binding in self.bindings.items():
            if name == except_field or not isinstance(binding.widget, DateField | DateTimeField):
                continue
            try:
                value = binding.get()
            except EntryError:
                continue
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, dt.date):
                return value
        return self._record.when() if self._record is not None else None

    def save_record(self, record: Record) -> Record:
        """Save a collected record, with the deadlines ticked in its box as one change. Forms that
        save more with it (an arrangement's sessions) override this."""
        self.save_note = ""
        chosen = self.deadlines.chosen() if self.deadlines is not None else []
        if not chosen:
            return self.services.save(record)
        saved, accepted = self.services.deadlines.save_accepting(record, chosen)
        self.save_note = self.tr("Deadlines added: %1.").replace("%1", str(len(accepted)))
        return saved

    def refresh_files(self) -> None:
        """The record's files changed (a form that lists them shows the new ones)."""

    def clear_errors(self) -> None:
        for error in self.errors.values():
            error.clear()
            error.setVisible(False)

    def point_at(self, field_name: str, message: str, widget: QWidget | None = None) -> int:
        """Show `message` next to the field and put the focus on it (on `widget` inside it when
        given); returns the page it is on (-1: no such field)."""
        error = self.errors.get(field_name)
        if error is None:
            return -1
        error.setText(message)
        error.setVisible(True)
        target = widget or self.bindings[field_name].widget
        target.setFocus()
        scroll = self.pages[self.bindings[field_name].page][1]
        if isinstance(scroll, QScrollArea):
            scroll.ensureWidgetVisible(target)
        return self.bindings[field_name].page

    def show_error(self, field_name: str, message: str) -> int:
        return self.point_at(field_name, message)

    def scroll_to_top(self) -> None:
        for _title, scroll in self.pages:
            if isinstance(scroll, QScrollArea):
                scroll.verticalScrollBar().setValue(0)
                scroll.horizontalScrollBar().setValue(0)

    def first_field(self) -> QWidget | None:
        first = next(iter(self.bindings.values()), None)
        return first.widget if first is not None else None

    def clear(self) -> None:
        """Forget the record and blank every field (on lock)."""
        self._record = None
        for binding in self.bindings.values():
            widget = binding.widget
            if isinstance(widget, ChildrenPicker | QLineEdit | QPlainTextEdit):
                widget.clear()
            elif isinstance(widget, DateField | DateTimeField | TimeField):
                widget.set_value(None)
            elif isinstance(widget, RecordPicker):
                widget.set_records([])
        if self.deadlines is not None:
            self.deadlines.clear()
        self.clear_errors()

    def has_text(self, needle: str) -> bool:
        """True when any field shows `needle` (tests check lock leaves nothing behind)."""
        for binding in self.bindings.values():
            widget = binding.widget
            if isinstance(widget, QLineEdit | DateField | TimeField) and needle in widget.text():
                return True
            if isinstance(widget, QPlainTextEdit) and needle in widget.toPlainText():
                return True
        return False
