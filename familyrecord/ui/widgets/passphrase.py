"""Choosing a new passphrase: typed twice, shown on request, with a hint of how strong it is.

Used when a record is created and when the passphrase is changed. The rule itself (how long,
what is refused) is storage's, `familyrecord.storage.keyslots`, so the app, the command line
and the library agree; here it is only said in words that can be translated.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QWidget

from familyrecord.storage.keyslots import MIN_PASSPHRASE_LENGTH, passphrase_problem
from familyrecord.ui.widgets.common import named


def tr(text: str) -> str:
    return QCoreApplication.translate("passphrase", text)


def strength_hint(passphrase: str) -> str:
    """Advice while typing: how long it must be, then how strong it looks."""
    words = [w for w in passphrase.split() if w]
    if not passphrase:
        # Advice before anything is typed, not a complaint.
        return tr("Use at least %1 characters: a few unrelated words are easy to remember and "
                  "hard to guess.").replace("%1", str(MIN_PASSPHRASE_LENGTH))
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return tr("Too short. Use at least %1 characters: a few unrelated words are easy to "
                  "remember and hard to guess.").replace("%1", str(MIN_PASSPHRASE_LENGTH))
    if len(words) >= 4 or len(passphrase) >= 20:
        return tr("Strong. Good choice.")
    if len(words) >= 3 or len(passphrase) >= 14:
        return tr("Good. One more word would make it stronger.")
    return tr("Fair. Longer is safer: try three or four unrelated words.")


# One passphrase of each kind strength_hint tells apart: the hint keeps the room of the longest.
_SAMPLES = ("", "x", "x" * MIN_PASSPHRASE_LENGTH, "x" * 14, "x" * 20)


def every_hint() -> list[str]:
    return [strength_hint(sample) for sample in _SAMPLES]


class SteadyHint(QLabel):
    """Wrapped words that keep the height of the longest thing they may say, so the buttons
    below do not move while someone types."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def heightForWidth(self, width: int) -> int:
        margins = self.contentsMargins()
        inner = max(1, width - margins.left() - margins.right())
        flags = int(Qt.TextFlag.TextWordWrap)
        tallest = max(self.fontMetrics().boundingRect(QRect(0, 0, inner, 100_000), flags, words).height()
                      for words in [*every_hint(), self.text()])
        return tallest + margins.top() + margins.bottom()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width(), self.heightForWidth(max(hint.width(), self.width())))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.heightForWidth(max(hint.width(), self.width())))


def remeasure(*fields: QLineEdit) -> None:
    """Ask the layout to measure password fields again once shown: Qt keeps the size a password
    field had before the style sheet polished it (4 px short, so its text is cut at the bottom)."""
    for field in fields:
        field.updateGeometry()
        # And once more after the first paint, which is when some styles settle the size.
        QTimer.singleShot(0, field, field.updateGeometry)


def rule_problem(passphrase: str) -> str | None:
    """Why storage would refuse this passphrase, in translatable words (None: it is fine)."""
    problem = passphrase_problem(passphrase)
    if problem is None:
        return None
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return tr("The passphrase needs at least %1 characters. A few unusual words are easy to "
                  "remember and hard to guess.").replace("%1", str(MIN_PASSPHRASE_LENGTH))
    return tr(problem)


class NewPassphraseFields(QWidget):
    """Passphrase, the same again, "Show the passphrase" and the strength hint, as form rows.

    `form` is the QFormLayout the rows are in: a page adds its own rows before or after them so
    every caption lines up. `problem()` says what stops the passphrase being used, or None.
    """

    def __init__(self, *, first: tuple[str, str], again: tuple[str, str],
                 parent: QWidget | None = None) -> None:
        """`first` and `again` are (caption, accessible name) of the two fields."""
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.passphrase = named(QLineEdit(), first[1])
        self.repeat = named(QLineEdit(), again[1])
        for field in (self.passphrase, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_box = named(QCheckBox(tr("Show the passphrase")), tr("Show the passphrase"))
        self.show_box.toggled.connect(self._show)
        self.hint = SteadyHint(strength_hint(""))
        self.passphrase.textChanged.connect(lambda text: self.hint.setText(strength_hint(text)))
        for (caption, _name), field in ((first, self.passphrase), (again, self.repeat)):
            label = QLabel(caption)
            label.setBuddy(field)
            self.form.addRow(label, field)
        self.form.addRow("", self.show_box)
        self.form.addRow("", self.hint)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        remeasure(self.passphrase, self.repeat)

    def text(self) -> str:
        return self.passphrase.text()

    def problem(self) -> str | None:
        """What stops the passphrase being used (the rule, then the two not matching), or None."""
        problem = rule_problem(self.passphrase.text())
        if problem is not None:
            return problem
        if self.passphrase.text() != self.repeat.text():
            return tr("The two passphrases are not the same. Please type them again.")
        return None

    def focus_problem(self) -> None:
        """Put the cursor where the problem is: a mismatch is typed again from the second field."""
        if rule_problem(self.passphrase.text()) is not None:
            self.passphrase.setFocus()
        else:
            self.repeat.clear()
            self.repeat.setFocus()

    def _show(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.repeat.setEchoMode(mode)

    def clear(self) -> None:
        self.passphrase.clear()
        self.repeat.clear()
