"""Plain-words labels for records, translated in the UI layer.

The core keeps English words without Qt: enumeration labels (records/enums.py), the record-type
registry's names, columns and texts (records/registry.py, marked N_), field names. Here each
goes through Qt's translate() so a translation (Welsh first) can replace it.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication

from familyrecord.records.enums import enum_label
from familyrecord.records.registry import kind_label as english_kind_label


def tr(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def tr_records(text: str) -> str:
    """Words from the record-type registry (records/registry.py marks them with N_)."""
    return QCoreApplication.translate("records", text)


def field_caption(field_name: str) -> str:
    """A record field's name as a caption: `reply_needed_by` -> "Reply needed by:"."""
    return QCoreApplication.translate("fields", field_name.replace("_", " ").capitalize() + ":")


def label(value: StrEnum) -> str:
    """The translated plain-words label of an enumeration value."""
    return tr(enum_label(value))


def kind_label(kind: str) -> str:
    """A record type's name as people say it (singular, for buttons and headings)."""
    return tr_records(english_kind_label(kind))
