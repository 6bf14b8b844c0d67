"""How a contact session's outcome looks: one colour (the bundle's), one letter and its words.

The colours match the bundle's chart (export/sections_records.py); the letter repeats the
meaning so nobody has to tell red from purple.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from familyrecord.records.enums import CancelledBy, SessionStatus
from familyrecord.records.models import ContactSession
from familyrecord.ui.widgets.labels import label


def tr(text: str) -> str:
    return QCoreApplication.translate("contact", text)


@dataclass(frozen=True)
class Look:
    key: str  # happened, late, cancelled, no_show, to_answer, coming_up
    colour: str  # cell or bar fill
    ink: str  # text on that fill (dark on yellow, white on the rest)
    letter: str  # English; shown through tr()


# The bundle's four colours, then the two ways a session is still planned.
LOOKS: dict[str, Look] = {look.key: look for look in (
    Look("happened", "#2e7d32", "#ffffff", "H"),
    Look("late", "#f9a825", "#1c1c1c", "L"),
    Look("cancelled", "#c62828", "#ffffff", "C"),
    Look("no_show", "#6a1b9a", "#ffffff", "N"),
    Look("to_answer", "#cfd8dc", "#1c1c1c", "?"),
    Look("coming_up", "#ffffff", "#1c1c1c", "P"),
)}

_BY_STATUS = {SessionStatus.HAPPENED: "happened", SessionStatus.LATE: "late",
              SessionStatus.CANCELLED: "cancelled", SessionStatus.NO_SHOW: "no_show"}

# Cancellations split by who cancelled: the bundle's red, told apart by a hatch as well.
CANCELLER_PATTERNS: dict[CancelledBy, Qt.BrushStyle] = {
    CancelledBy.COUNCIL: Qt.BrushStyle.SolidPattern,
    CancelledBy.FAMILY: Qt.BrushStyle.BDiagPattern,
    CancelledBy.CARER: Qt.BrushStyle.FDiagPattern,
    CancelledBy.CHILD: Qt.BrushStyle.CrossPattern,
    CancelledBy.OTHER: Qt.BrushStyle.DiagCrossPattern,
    CancelledBy.NOT_CANCELLED: Qt.BrushStyle.Dense4Pattern,
}


def look_of(status: SessionStatus, day: date | None, today: date) -> Look:
    """A planned session is "still to answer" once its day has passed, "coming up" before."""
    if status is SessionStatus.PLANNED:
        return LOOKS["to_answer" if day is not None and day < today else "coming_up"]
    return LOOKS[_BY_STATUS[status]]


def session_look(session: ContactSession, today: date) -> Look:
    return look_of(session.status, session.session_date, today)


def look_words(look: Look) -> str:
    """The legend's words for a look, translated."""
    words = {
        "happened": label(SessionStatus.HAPPENED),
        "late": label(SessionStatus.LATE),
        "cancelled": label(SessionStatus.CANCELLED),
        "no_show": label(SessionStatus.NO_SHOW),
        "to_answer": tr("Still to answer"),
        "coming_up": tr("Coming up"),
    }
    return words[look.key]


def letter(look: Look) -> str:
    return QCoreApplication.translate("contact-letters", look.letter)


def bar_brush(status: SessionStatus, cancelled_by: CancelledBy | None) -> QBrush:
    """The chart's fill for a series: solid status colour, hatched per canceller."""
    colour = QColor(LOOKS[_BY_STATUS.get(status, "happened")].colour)
    if status is SessionStatus.CANCELLED and cancelled_by is not None:
        return QBrush(colour, CANCELLER_PATTERNS.get(cancelled_by, Qt.BrushStyle.SolidPattern))
    return QBrush(colour)


def counted(count: int, one: str, many: str) -> str:
    """`one` or `many` (both already translated; "%1" is the number) as the count needs.

    Qt's "%n" plurals need a translation file even for English; two strings do not.
    """
    return (one if count == 1 else many).replace("%1", str(count))
