"""Fields the record forms share besides dates: children, links to other records, money, numbers.

Like the date fields (ui/widgets/dates.py), a field whose text cannot be read raises an
`EntryError` from `value()`, so the form refuses to save and says which field and why.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from enum import StrEnum

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from familyrecord.formatting import short_date
from familyrecord.records.enums import Basis, CancelledBy, DateQualifier, DeadlineWho, LetterPurpose
from familyrecord.records.models import Child, Record
from familyrecord.services import Services
from familyrecord.ui.widgets.common import named
from familyrecord.ui.widgets.dates import EntryError, tr
from familyrecord.ui.widgets.labels import label
from familyrecord.ui.widgets.labels import tr as tr_labels

_MONEY = re.compile(r"(\d+)(?:\.(\d{1,2}))?|\.(\d{1,2})")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")

# The "nothing chosen" value of several enumerations is "" in each, and records/enums.py keys its
# label table by value, so those labels overwrite each other ("On this date" for "Not cancelled").
# The forms say each one's own words until that table keys by enumeration too.
EMPTY_LABELS: dict[type[StrEnum], str] = {
    CancelledBy: "Not cancelled",
    DateQualifier: "On this date",
    Basis: "Not said",
    LetterPurpose: "Nothing special",
    DeadlineWho: "Not said",
}


def choice_label(value: StrEnum) -> str:
    """The plain words of an enumeration value, right for the "nothing chosen" ones too."""
    own = EMPTY_LABELS.get(type(value)) if value.value == "" else None
    return label(value) if own is None else tr_labels(own)


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
        self.clear()
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


class RecordPicker(QComboBox):
    """Choose another record (an arrangement, a letter or a meeting), or none."""

    def __init__(self, none_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._none_text = none_text
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self.set_records([])

    def set_records(self, records: Iterable[Record]) -> None:
        """The records to choose from; the one chosen stays chosen when it is still there."""
        chosen = self.value() if self.count() else ""
        self.blockSignals(True)
        self.clear()
        self.addItem(self._none_text, "")
        for record in records:
            when = short_date(record.when())
            self.addItem(f"{when}: {record.summary()}" if when else record.summary(), record.id)
        self.blockSignals(False)
        self.set_value(chosen)

    def value(self) -> str:
        return str(self.currentData() or "")

    def set_value(self, record_id: str) -> None:
        index = self.findData(record_id or "")
        if index < 0:  # archived or gone: keep the link rather than drop it unseen
            self.addItem(self.tr("A record not in this list"), record_id)
            index = self.count() - 1
        self.setCurrentIndex(index)


class MoneyField(QLineEdit):
    """An amount in pounds and pence (£12.50, 12.5, 1,200, 50p), kept as whole pence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("£0.00")

    def value(self) -> int:
        raw = " ".join(self.text().split())
        plain = raw.replace("£", "").replace(",", "").replace(" ", "")
        if not plain:
            return 0
        pence_only = plain.lower().endswith("p") and plain[:-1].isdigit()
        if pence_only:
            return int(plain[:-1])
        match = _MONEY.fullmatch(plain)
        if match is None:
            raise EntryError(tr("“%1” is not an amount FamilyRecord can read. Write it like "
                                "12.50 (pounds and pence).").replace("%1", raw[:40]), self)
        pounds, pence = int(match[1] or 0), match[2] or match[3] or "0"
        return pounds * 100 + int(pence.ljust(2, "0"))

    def set_value(self, pence: int | None) -> None:
        self.setText("" if not pence else f"£{pence // 100:,}.{pence % 100:02d}")


class NumberField(QLineEdit):
    """An optional count (minutes late, hours of notice). Empty means not noted."""

    def __init__(self, *, whole: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._whole = whole
        self.setPlaceholderText(self.tr("Not noted"))

    def value(self) -> float | None:
        plain = self.text().strip()
        if not plain:
            return None
        if not _NUMBER.fullmatch(plain) or (self._whole and not plain.isdigit()):
            raise EntryError(tr("“%1” is not a number FamilyRecord can read. Write it in figures, "
                                "for example 15.").replace("%1", plain[:40]), self)
        return int(plain) if self._whole else float(plain)

    def set_value(self, number: float | None) -> None:
        self.setText("" if number is None else f"{number:g}")


def open_feature(module: str, function: str, *args: object) -> bool:
    """Call `function(*args)` from `module`, a view another part of the app provides (minutes,
    attendance). False when that part is not there yet; its own errors are not hidden."""
    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name is not None and module.startswith(exc.name):
            return False
        raise
    opener = getattr(found, function, None)
    if not callable(opener):
        return False
    opener(*args)
    return True
