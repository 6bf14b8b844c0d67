"""The base of every record form: labelled fields bound to a record's attributes, kind errors.

A form edits a copy: `load(record)` fills the fields, `collect()` returns the record with the
fields' values, and `show_error(field_name, message)` puts a gentle message next to the field a
ValidationError names. Fields are grouped in pages; the record view shows them as tabs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

from PySide6.QtCore import Qt
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

from familyrecord.records.models import Child, Record
from familyrecord.services import Services
from familyrecord.ui.widgets.common import (
    EnumCombo,
    OptionalDateEdit,
    OptionalDateTimeEdit,
    OptionalTimeEdit,
    named,
)


@dataclass
class Binding:
    widget: QWidget
    get: Callable[[], Any]
    set: Callable[[Any], None]
    page: int


class ChildrenPicker(QWidget):
    """Tick the children a record concerns."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._boxes: dict[str, QCheckBox] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._none = QLabel(self.tr("No children added yet (add them under People)."), self)
        self._layout.addWidget(self._none)

    def reload(self) -> None:
        for box in self._boxes.values():
            box.setParent(None)
            box.deleteLater()
        self._boxes.clear()
        if self._services.is_locked:
            return
        for child in self._services.list_records(Child):
            box = named(QCheckBox(child.name, self), self.tr("Concerns %1").replace("%1", child.name))
            self._layout.addWidget(box)
            self._boxes[child.id] = box
        self._none.setVisible(not self._boxes)

    def value(self) -> list[str]:
        return [cid for cid, box in self._boxes.items() if box.isChecked()]

    def set_value(self, ids: list[str]) -> None:
        self.reload()
        for cid, box in self._boxes.items():
            box.setChecked(cid in ids)

    def clear(self) -> None:
        for box in self._boxes.values():
            box.setParent(None)
            box.deleteLater()
        self._boxes.clear()


class RecordForm(QWidget):
    """Subclasses set `record_type` and build their fields in `build()`."""

    record_type: type[Record] = Record
    # The record can have recordings with a transcript (the record view adds that page).
    with_recording: ClassVar[bool] = False

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bindings: dict[str, Binding] = {}
        self.errors: dict[str, QLabel] = {}
        self.pages: list[tuple[str, QWidget]] = []
        self._layout: QFormLayout | None = None
        self._record: Record | None = None
        self.build()

    # ---- building ------------------------------------------------------------------------------

    def build(self) -> None:
        raise NotImplementedError

    def page(self, title: str) -> QFormLayout:
        """Start a new page of fields (a tab in the record view)."""
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
        self._layout = layout
        return layout

    def add(self, name: str, text: str, widget: QWidget, get: Callable[[], Any],
            set_: Callable[[Any], None], help_text: str = "") -> QWidget:
        if self._layout is None:
            self.page(self.tr("Details"))
        assert self._layout is not None
        named(widget, text.rstrip(":").replace("&", ""), help_text)
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
        self._layout.addRow(caption, holder)
        self.bindings[name] = Binding(widget, get, set_, len(self.pages) - 1)
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

    def date(self, name: str, text: str, help_text: str = "") -> OptionalDateEdit:
        edit = OptionalDateEdit()
        self.add(name, text, edit, edit.value, edit.set_value, help_text)
        return edit

    def datetime(self, name: str, text: str, *, required: bool = False,
                 help_text: str = "") -> OptionalDateTimeEdit:
        edit = OptionalDateTimeEdit(required=required)
        self.add(name, text, edit, edit.value, edit.set_value, help_text)
        return edit

    def time(self, name: str, text: str) -> OptionalTimeEdit:
        edit = OptionalTimeEdit()
        self.add(name, text, edit, edit.value, edit.set_value)
        return edit

    def choice(self, name: str, text: str, values: Iterable[StrEnum], help_text: str = "") -> EnumCombo[Any]:
        combo: EnumCombo[Any] = EnumCombo(values)
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

    # ---- using ---------------------------------------------------------------------------------

    def new_record(self) -> Record:
        return self.record_type()

    def load(self, record: Record | None) -> None:
        self._record = record if record is not None else self.new_record()
        self.clear_errors()
        for name, binding in self.bindings.items():
            binding.set(getattr(self._record, name))

    @property
    def record(self) -> Record | None:
        return self._record

    def collect(self) -> Record:
        assert self._record is not None
        values = {name: binding.get() for name, binding in self.bindings.items()}
        return dataclasses.replace(self._record, **values)

    def refresh_files(self) -> None:
        """The record's files changed (a form that lists them shows the new ones)."""

    def clear_errors(self) -> None:
        for error in self.errors.values():
            error.clear()
            error.setVisible(False)

    def show_error(self, field_name: str, message: str) -> int:
        """Show `message` next to the field; returns the page it is on (-1: no such field)."""
        error = self.errors.get(field_name)
        if error is None:
            return -1
        error.setText(message)
        error.setVisible(True)
        self.bindings[field_name].widget.setFocus()
        return self.bindings[field_name].page

    def clear(self) -> None:
        """Forget the record and blank every field (on lock)."""
        self._record = None
        for binding in self.bindings.values():
            if isinstance(binding.widget, ChildrenPicker | QLineEdit | QPlainTextEdit):
                binding.widget.clear()
        self.clear_errors()

    def has_text(self, needle: str) -> bool:
        """True when any field shows `needle` (tests check lock leaves nothing behind)."""
        for binding in self.bindings.values():
            widget = binding.widget
            if isinstance(widget, QLineEdit) and needle in widget.text():
                return True
            if isinstance(widget, QPlainTextEdit) and needle in widget.toPlainText():
                return True
        return False
