"""Two of the three columns: what the minutes say (the words that differ marked, each difference
named in plain words) and what the family says (the verdict, their account, the correction asked)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from familyrecord.records.enums import Verdict
from familyrecord.records.minutes_review import StatementReview
from familyrecord.services.minutes import DISPUTED
from familyrecord.ui.minutes.highlight import mark_colours, marked_html
from familyrecord.ui.minutes.words import VERDICTS, difference_label, tr, verdict_button_text
from familyrecord.ui.widgets.common import named
from familyrecord.ui.widgets.sections import FlowLayout
from familyrecord.views.minutes import Difference, Statement

_CHECKED = """
QPushButton:checked { background-color: palette(highlight); color: palette(highlighted-text); }
"""


def heading(text: str, parent: QWidget, level: int = 0) -> QLabel:
    """A heading: the theme's level 1 or 2, or (0) bold at the text size, which a column needs at
    200% text on a small screen."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    if level:
        label.setProperty("heading", level)
    else:
        font = label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        label.setFont(font)
    return label


def wrapped(parent: QWidget, text: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


def differences_html(found: Sequence[Difference]) -> str:
    """Each difference on a line: "How often differs: the minutes say “once a week”; said: …"."""
    lines = []
    for difference in found:
        name = difference_label(difference.kind)
        lines.append(tr("<b>{0}</b>: the minutes say “{1}”; what was said: “{2}”.").format(
            html.escape(name[:1].upper() + name[1:]), html.escape(difference.minutes),
            html.escape(difference.recording)))
    return "<br>".join(lines)


class StatementPane(QWidget):
    """The minutes statement with its item number and heading, and what differs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(tr("The minutes say"), self))
        self.where = wrapped(self)
        layout.addWidget(self.where)
        self.words = wrapped(self)
        self.words.setTextFormat(Qt.TextFormat.RichText)
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.words.setAccessibleName(tr("What the minutes say"))
        layout.addWidget(self.words)
        self.differences = wrapped(self)
        self.differences.setTextFormat(Qt.TextFormat.RichText)
        self.differences.setAccessibleName(tr("What differs"))
        layout.addWidget(self.differences)
        layout.addStretch(1)

    def show_statement(self, statement: Statement, found: Sequence[Difference]) -> None:
        parts = [tr("Item {0}").format(statement.item) if statement.item else "", statement.heading]
        self.where.setText(" · ".join(p for p in parts if p))
        self.where.setVisible(bool(self.where.text()))
        spans = [span for difference in found for span in difference.minutes_spans]
        self.words.setText(marked_html(statement.text, spans, mark_colours(self)))
        self.differences.setText(differences_html(found))
        self.differences.setVisible(bool(found))


class TextBox(QPlainTextEdit):
    """A few lines of the family's own words; Tab moves on (the page's keys stay usable)."""

    def __init__(self, name: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, name)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self._fit()

    def _fit(self) -> None:
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 16)

    def sizeHint(self) -> QSize:
        # Four lines to start with: room to write without pushing the rest off the screen.
        return QSize(super().sizeHint().width(), self.fontMetrics().lineSpacing() * 4 + 16)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()


class VerdictPane(QWidget):
    """The family's verdict (five buttons that show their keys), their account and the correction.
    Signals: verdict_chosen(Verdict)."""

    verdict_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(tr("What we say"), self))
        self.setStyleSheet(_CHECKED)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # "not looked at yet" is none of them
        self.buttons: dict[Verdict, QPushButton] = {}
        holder = QWidget(self)
        flow = FlowLayout(holder)
        for choice in VERDICTS:
            choose = QPushButton(verdict_button_text(choice), holder)
            choose.setCheckable(True)
            choose.setAutoDefault(False)
            choose.setAccessibleName(tr(choice.english))
            choose.setToolTip(tr("Mark this statement: {0} (key {1} or {2})").format(
                tr(choice.english), choice.digit, choice.letter))
            choose.clicked.connect(lambda _checked=False, v=choice.verdict: self.verdict_chosen.emit(v))
            self.group.addButton(choose)
            flow.addWidget(choose)
            self.buttons[choice.verdict] = choose
        layout.addWidget(holder)
        self.status = wrapped(self)
        self.status.setAccessibleName(tr("Saved or not"))
        self.status.setVisible(False)  # shown once there is something to say
        layout.addWidget(self.status)
        self.account_label = wrapped(self, tr("What happened, in your words:"))
        self.account = TextBox(tr("What happened, in your words"),
                               tr("For example: contact is twice a week, on Tuesdays and Thursdays."), self)
        self.account_label.setBuddy(self.account)
        layout.addWidget(self.account_label)
        layout.addWidget(self.account)
        self.correction_label = wrapped(self, tr("The correction I ask for:"))
        self.correction = TextBox(tr("The correction I ask for"),
                                  tr("What the minutes should say instead."), self)
        self.correction_label.setBuddy(self.correction)
        self.correction_hint = wrapped(self, tr("Suggested from what was said. Change it as you wish."))
        for widget in (self.correction_label, self.correction, self.correction_hint):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._account = ""
        self._correction = ""
        self._suggested = ""
        self._verdict = Verdict.UNMARKED

    def show_statement(self, statement: StatementReview, suggestion: str) -> None:
        """What the family said about this statement before; the suggestion fills an empty correction."""
        self._account = statement.account
        self._correction = statement.correction_asked or suggestion
        self._suggested = "" if statement.correction_asked else suggestion
        self.account.setPlainText(self._account)
        self.correction.setPlainText(self._correction)
        self.set_verdict(statement.verdict)

    def offer_suggestion(self, suggestion: str) -> None:
        """A new suggestion (the chosen passage changed) replaces an empty or untouched one."""
        untouched = self.correction.toPlainText() == self._correction
        if untouched and (not self._correction.strip() or self._correction == self._suggested):
            self._correction = self._suggested = suggestion
            self.correction.setPlainText(suggestion)
            self.set_verdict(self._verdict)

    def set_verdict(self, verdict: Verdict) -> None:
        self._verdict = verdict
        for choice in VERDICTS:
            choose = self.buttons[choice.verdict]
            choose.setChecked(choice.verdict is verdict)
            # Not by colour alone: the chosen verdict also carries a tick.
            text = verdict_button_text(choice)
            choose.setText(f"✓ {text}" if choice.verdict is verdict else text)
        disputed = verdict in DISPUTED
        for widget in (self.correction_label, self.correction):
            widget.setVisible(disputed)
        self.correction_hint.setVisible(disputed and bool(self._suggested)
                                        and self.correction.toPlainText() == self._suggested)

    def say(self, text: str) -> None:
        """"Saved", or why not."""
        self.status.setText(text)
        self.status.setVisible(bool(text))

    @property
    def verdict(self) -> Verdict:
        return self._verdict

    def edits(self) -> tuple[str | None, str | None]:
        """(account, correction) as typed, each None when unchanged since shown or saved. An
        untouched suggestion is not saved as the family's own words."""
        account = self.account.toPlainText()
        correction = self.correction.toPlainText()
        return (account if account.strip() != self._account.strip() else None,
                correction if correction.strip() != self._correction.strip() else None)

    def saved(self) -> None:
        """What is in the boxes now is what is kept."""
        self._account = self.account.toPlainText()
        if self.correction.toPlainText() != self._correction:
            self._suggested = ""
        self._correction = self.correction.toPlainText()
