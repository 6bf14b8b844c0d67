"""The form beside the review queue: the fields of one letter or e-mail as suggested, each with the
words it came from, editable. Nothing is filled without its source shown under it."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from familyrecord.records.enums import Channel, Direction, LetterPurpose
from familyrecord.records.models import Child, Person
from familyrecord.services import Services
from familyrecord.services.intake import IntakeItem, Suggestion
from familyrecord.ui.intake.hints import source_html, source_line
from familyrecord.ui.widgets.common import EnumCombo, OptionalDateEdit, named

# The fields the person checks, in the order the form shows them.
FIELDS = ("direction", "channel", "dated", "from_name", "to_name", "person_id", "subject", "child_ids",
          "reply_needed_by", "purpose", "replies_to_id")


def hint_label(parent: QWidget) -> QLabel:
    """A small grey line under a field (the palette's placeholder colour, readable in dark mode)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                  | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    label.setVisible(False)
    return label


@dataclass
class _Field:
    widget: QWidget
    get: Callable[[], object]
    set: Callable[[object], None]
    hint: QLabel
    caption: QLabel
    row: QWidget
    suggestion: Suggestion | None = None

    def set_shown(self, shown: bool) -> None:
        self.caption.setVisible(shown)
        self.row.setVisible(shown)


class SuggestionForm(QWidget):
    """Load an item (and the person's earlier edits), show its suggestions, hand back the values."""

    span_requested = Signal(int, int)  # (start, end) in the item's text: show those words
    edited = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._loading = False
        self._touched: set[str] = set()
        self._item: IntakeItem | None = None
        self._children: dict[str, QCheckBox] = {}
        self.fields: dict[str, _Field] = {}
        self.setAccessibleName(self.tr("Suggested details"))
        # Each caption above its field (room for large text); a QFormLayout with wrapped rows
        # gave fields that wrap a few pixels less than they need.
        self.form = QVBoxLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setSpacing(2)
        self.direction: EnumCombo[Direction] = EnumCombo(list(Direction))
        self.channel: EnumCombo[Channel] = EnumCombo(list(Channel))
        self.dated = OptionalDateEdit()
        self.from_name = QLineEdit()
        self.to_name = QLineEdit()
        self.person = QComboBox()
        self.person.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.person.setMinimumContentsLength(14)
        self.subject = QLineEdit()
        self.children_box = QWidget()
        self._children_layout = QVBoxLayout(self.children_box)
        self._children_layout.setContentsMargins(0, 0, 0, 0)
        self.reply_needed_by = OptionalDateEdit()
        self.purpose: EnumCombo[LetterPurpose] = EnumCombo(list(LetterPurpose))
        self.answers = QCheckBox()
        self._add("direction", self.tr("Received or sent:"), self.direction,
                  self.direction.value, self._set_enum(self.direction))
        self._add("channel", self.tr("How it came:"), self.channel, self.channel.value,
                  self._set_enum(self.channel))
        self._add("dated", self.tr("Date:"), self.dated, self.dated.value, self._set_date(self.dated))
        self._add("from_name", self.tr("From:"), self.from_name, self.from_name.text,
                  self._set_line(self.from_name))
        self._add("to_name", self.tr("To:"), self.to_name, self.to_name.text,
                  self._set_line(self.to_name))
        self._add("person_id", self.tr("Person in your record:"), self.person, self._person_id,
                  self._set_person)
        self._add("subject", self.tr("Subject:"), self.subject, self.subject.text,
                  self._set_line(self.subject))
        self._add("child_ids", self.tr("Children mentioned:"), self.children_box, self._child_ids,
                  self._set_children)
        self._add("reply_needed_by", self.tr("Reply needed by:"), self.reply_needed_by,
                  self.reply_needed_by.value, self._set_date(self.reply_needed_by))
        self._add("purpose", self.tr("What it is for:"), self.purpose, self.purpose.value,
                  self._set_enum(self.purpose))
        self._add("replies_to_id", self.tr("Answers:"), self.answers, self._replies_to,
                  lambda v: self.answers.setChecked(bool(v)))
        self.from_name.textEdited.connect(lambda _t: self._touch("from_name"))
        self.to_name.textEdited.connect(lambda _t: self._touch("to_name"))
        self.subject.textEdited.connect(lambda _t: self._touch("subject"))
        self.direction.activated.connect(lambda _i: self._touch("direction"))
        self.channel.activated.connect(lambda _i: self._touch("channel"))
        self.purpose.activated.connect(lambda _i: self._touch("purpose"))
        self.person.activated.connect(lambda _i: self._touch("person_id"))
        self.dated.dateChanged.connect(lambda _d: self._touch("dated"))
        self.reply_needed_by.dateChanged.connect(lambda _d: self._touch("reply_needed_by"))
        self.answers.toggled.connect(lambda _on: self._touch("replies_to_id"))

    # ---- building -------------------------------------------------------------------------------

    def _add(self, name: str, caption: str, widget: QWidget, get: Callable[[], object],
             set_value: Callable[[object], None]) -> None:
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        hint = hint_label(holder)
        hint.linkActivated.connect(self._link)
        column.addWidget(hint)
        label = QLabel(caption, self)
        label.setBuddy(widget)
        label.setWordWrap(True)
        named(widget, caption.rstrip(":"))
        widget.installEventFilter(self)
        if self.fields:
            self.form.addSpacing(label.fontMetrics().height() // 2)  # a caption sits by its own field
        self.form.addWidget(label)
        self.form.addWidget(holder)
        self.fields[name] = _Field(widget, get, set_value, hint, label, holder)

    @staticmethod
    def _set_enum(combo: EnumCombo[Direction] | EnumCombo[Channel] | EnumCombo[LetterPurpose],
                  ) -> Callable[[object], None]:
        def set_value(value: object) -> None:
            try:
                combo.set_value(type(combo.value())(str(value or "")))  # type: ignore[arg-type]
            except ValueError:
                combo.setCurrentIndex(0)
        return set_value

    @staticmethod
    def _set_line(edit: QLineEdit) -> Callable[[object], None]:
        def set_value(value: object) -> None:
            edit.setText(str(value or ""))
            edit.setCursorPosition(0)  # a long subject shows its start
        return set_value

    @staticmethod
    def _set_date(edit: OptionalDateEdit) -> Callable[[object], None]:
        return lambda value: edit.set_value(value if isinstance(value, date) else None)

    def _person_id(self) -> str:
        return str(self.person.currentData() or "")

    def _set_person(self, value: object) -> None:
        index = self.person.findData(str(value or ""))
        self.person.setCurrentIndex(max(0, index))

    def _child_ids(self) -> list[str]:
        return [cid for cid, box in self._children.items() if box.isChecked()]

    def _set_children(self, value: object) -> None:
        ids = {str(v) for v in value} if isinstance(value, list | tuple | set) else set()
        for cid, box in self._children.items():
            box.setChecked(cid in ids)

    def _replies_to(self) -> str:
        found = self.fields["replies_to_id"].suggestion
        return str(found.value) if found is not None and self.answers.isChecked() else ""

    def reload_people(self) -> None:
        """Fill the person and children pickers from the record (on opening the window)."""
        self.person.clear()
        self.person.addItem(self.tr("Not chosen"), "")
        for child_box in self._children.values():
            child_box.setParent(None)
            child_box.deleteLater()
        self._children.clear()
        if self._services.is_locked:
            return
        for person in self._services.list_records(Person):
            self.person.addItem(person.name, person.id)
        layout = self._children_layout
        for child in self._services.list_records(Child):
            box = named(QCheckBox(child.name, self.children_box),
                        self.tr("Mentions %1").replace("%1", child.name))
            box.toggled.connect(lambda _on: self._touch("child_ids"))
            box.installEventFilter(self)
            layout.addWidget(box)
            self._children[child.id] = box
        if not self._children:
            layout.addWidget(QLabel(self.tr("No children added yet (add them under People)."),
                                    self.children_box))

    # ---- showing an item ------------------------------------------------------------------------

    def load(self, item: IntakeItem | None, edits: dict[str, object] | None = None) -> None:
        """Show the item's suggestions, then the person's own edits over them."""
        self._loading = True
        try:
            self._item = item
            self._touched = set((edits or {}).keys())
            values = {**(item.fields() if item is not None else {}), **(edits or {})}
            for name, entry in self.fields.items():
                entry.suggestion = item.suggestion(name) if item is not None else None
                entry.set(values.get(name))
                self._show_hint(name, entry)
            answer = self.fields["replies_to_id"].suggestion
            self.answers.setText(answer.shown if answer is not None else "")
            self.fields["replies_to_id"].set_shown(answer is not None)
            self.setEnabled(item is not None)
        finally:
            self._loading = False

    def _show_hint(self, name: str, entry: _Field) -> None:
        if name == "child_ids":
            suggested = [s for s in (self._item.suggestions if self._item else ()) if s.field == name]
            lines = [f"{s.shown}: {source_html(s)}" for s in suggested]
            entry.hint.setText("<br>".join(lines))
            entry.hint.setVisible(bool(lines))
            entry.hint.setAccessibleName("; ".join(f"{s.shown}: {source_line(s)}" for s in suggested))
            return
        suggestion = entry.suggestion
        plain = source_line(suggestion) if suggestion is not None else self._default_line(name)
        entry.hint.setVisible(bool(plain))
        entry.hint.setText(source_html(suggestion) if suggestion is not None else html.escape(plain))
        entry.hint.setAccessibleName(plain)

    def _default_line(self, name: str) -> str:
        """Why a field that nothing in the file filled has the value it has (never a silent guess)."""
        if self._item is None or name not in self._item.defaults:
            return ""
        if name == "channel":
            return (self.tr("from the kind of file: an e-mail") if self._item.kind == "email"
                    else self.tr("from the kind of file: a letter or document"))
        if name == "direction":
            return self.tr("not known from the file: most are received, so check it")
        return ""

    def values(self) -> dict[str, object]:
        """Every field as the form shows it now."""
        return {name: entry.get() for name, entry in self.fields.items()}

    def edits(self) -> dict[str, object]:
        """Only the fields the person changed (what the review row remembers)."""
        return {name: self.fields[name].get() for name in sorted(self._touched)}

    def hint_text(self, name: str) -> str:
        """The plain words under a field ("" when nothing was suggested)."""
        return self.fields[name].hint.accessibleName()

    # ---- events ---------------------------------------------------------------------------------

    def _touch(self, name: str) -> None:
        if not self._loading:
            self._touched.add(name)
            self.edited.emit()

    def _link(self, link: str) -> None:
        _kind, start, end = link.split(":")
        self.span_requested.emit(int(start), int(end))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A field taking the focus shows, in the text, the words its suggestion came from.
        if event.type() == QEvent.Type.FocusIn and self._item is not None:
            for name, entry in self.fields.items():
                if watched is entry.widget or (name == "child_ids" and watched in self._children.values()):
                    found = self._span_for(name, watched)
                    if found is not None:
                        self.span_requested.emit(*found)
                    break
        return super().eventFilter(watched, event)

    def _span_for(self, name: str, watched: QObject) -> tuple[int, int] | None:
        if self._item is None:
            return None
        if name == "child_ids":
            child_id = next((cid for cid, box in self._children.items() if box is watched), "")
            found = next((s for s in self._item.suggestions if s.field == name and s.value == child_id), None)
        else:
            found = self.fields[name].suggestion
        if found is None or found.start < 0:
            return None
        return found.start, found.end
