"""Plain-words labels for the record enumerations, translated in the UI layer.

The core keeps English labels without Qt; here every label goes through tr() so a translation
(Welsh first) can replace it.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication

from familyrecord.records.enums import (
    BASIS_LABELS,
    CHANNEL_LABELS,
    MEETING_TYPE_LABELS,
    ROLE_LABELS,
    SESSION_STATUS_LABELS,
    CancelledBy,
    DateQualifier,
    DeadlineKind,
    Direction,
    EventType,
    Significance,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("labels", text)


_OTHER_LABELS: dict[Enum, str] = {
    Direction.RECEIVED: "Received",
    Direction.SENT: "Sent",
    CancelledBy.NOT_CANCELLED: "Not cancelled",
    CancelledBy.FAMILY: "Cancelled by us (the family)",
    CancelledBy.CARER: "Cancelled by the carer",
    CancelledBy.COUNCIL: "Cancelled by the council",
    CancelledBy.CHILD: "Cancelled by the child",
    CancelledBy.OTHER: "Cancelled by someone else",
    EventType.VISIT: "Visit",
    EventType.PHONE_CALL: "Phone call",
    EventType.INCIDENT: "Incident",
    EventType.COURT_HEARING: "Court hearing",
    EventType.ASSESSMENT: "Assessment",
    EventType.ORDER: "Court order",
    EventType.PLAN: "Plan",
    EventType.STATEMENT: "Statement",
    EventType.ACHIEVEMENT: "Something that went well",
    EventType.OTHER: "Other",
    DateQualifier.EXACT: "On this date",
    DateQualifier.APPROX: "About this date",
    DateQualifier.BEFORE: "Before this date",
    DateQualifier.AFTER: "After this date",
    Significance.LOW: "Less important",
    Significance.NORMAL: "Normal",
    Significance.HIGH: "Very important",
    DeadlineKind.REPLY: "A reply",
    DeadlineKind.COMPLAINT_RESPONSE: "A complaint response",
    DeadlineKind.SUBJECT_ACCESS: "A request for my records",
    DeadlineKind.REPORT_BEFORE_MEETING: "A report before a meeting",
    DeadlineKind.COURT: "Court",
    DeadlineKind.OTHER: "Other",
}

_ALL: dict[Enum, str] = {}
for _labels in (ROLE_LABELS, MEETING_TYPE_LABELS, CHANNEL_LABELS, SESSION_STATUS_LABELS, BASIS_LABELS,
                _OTHER_LABELS):
    _ALL.update(_labels)  # type: ignore[arg-type]


def label(value: Enum) -> str:
    """The translated plain-words label of an enumeration value."""
    return tr(_ALL.get(value, str(value.value).replace("_", " ").capitalize()))


# Names of record types as people say them (singular, for buttons and headings).
KIND_LABELS: dict[str, str] = {
    "person": "Person",
    "child": "Child",
    "meeting": "Meeting",
    "correspondence": "Letter or message",
    "contact_arrangement": "Contact arrangement",
    "contact_session": "Contact session",
    "event": "Event",
    "deadline": "Deadline",
    "chronology_entry": "Chronology",
}


def kind_label(kind: str) -> str:
    return tr(KIND_LABELS.get(kind, kind))
