"""Before the record is open: welcome, create a record, the recovery code, unlock."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QShowEvent, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from familyrecord.ui.widgets.common import button, named, scrolled
from familyrecord.ui.widgets.passphrase import NewPassphraseFields, remeasure


def _page(widget: QWidget, heading: str) -> QVBoxLayout:
    """A centred column of readable width, with a big heading; it scrolls when the screen is small."""
    page = QVBoxLayout(widget)
    page.setContentsMargins(0, 0, 0, 0)
    inner = QWidget()
    holder = scrolled(inner)
    holder.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields, not to the frame
    page.addWidget(holder)
    outer = QHBoxLayout(inner)
    outer.addStretch(1)
    column = QVBoxLayout()
    column.setSpacing(14)
    outer.addLayout(column, 6)
    outer.addStretch(1)
    column.addSpacing(32)
    title = QLabel(heading)
    title.setProperty("heading", 1)
    title.setWordWrap(True)
    column.addWidget(title)
    return column


def _text(words: str) -> QLabel:
    label = QLabel(words)
    label.setWordWrap(True)
    return label


class WelcomePage(QWidget):
    create_requested = Signal()
    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = _page(self, self.tr("Welcome to FamilyRecord"))
        column.addWidget(_text(self.tr(
            "FamilyRecord helps you keep your own record of your dealings with children's social care: "
            "meetings and what was said, letters and e-mails, contact with the children, the people "
            "involved, and the dates that matter.")))
        column.addWidget(_text(self.tr(
            "Everything stays on this computer, locked with a passphrase that only you know. Nothing is "
            "sent anywhere. When you need to, you can make a tidy bundle for your solicitor.")))
        self.create_button = button(self.tr("Create my record"), self, slot=self.create_requested.emit)
        self.create_button.setDefault(True)
        self.open_button = button(self.tr("Open a record file I already have…"), self, slot=self._choose)
        row = QHBoxLayout()
        row.addWidget(self.create_button)
        row.addWidget(self.open_button)
        row.addStretch(1)
        column.addLayout(row)
        self.error = _text("")
        self.error.setProperty("fieldError", True)
        self.error.hide()
        column.addWidget(self.error)
        column.addStretch(1)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _choose(self) -> None:
        dialog = QFileDialog(self, self.tr("Open a record file"))
        dialog.setNameFilter(self.tr("FamilyRecord files (*.frvault);;All files (*)"))
        dialog.fileSelected.connect(self.open_requested.emit)
        dialog.open()


class CreatePage(QWidget):
    submitted = Signal(str, str, str)  # path, passphrase, family name
    back = Signal()

    def __init__(self, default_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = _page(self, self.tr("Create your record"))
        column.addWidget(_text(self.tr(
            "Choose a passphrase: a few words only you know. You will type it each time you open your "
            "record. Next you will get a recovery code, in case you ever forget it.")))
        self.family = named(QLineEdit(), self.tr("Name for this record (optional)"))
        self.family.setPlaceholderText(self.tr("For example: The Carter family"))
        self.fields = NewPassphraseFields(first=(self.tr("Passphrase:"), self.tr("Passphrase")),
                                          again=(self.tr("Passphrase again:"), self.tr("Passphrase again")))
        self.passphrase, self.repeat = self.fields.passphrase, self.fields.repeat
        # One form for every row, so the captions line up with the passphrase's.
        form = self.fields.form
        form.setVerticalSpacing(12)
        self.path = named(QLineEdit(str(default_path)), self.tr("Where to keep the record file"))
        choose = button(self.tr("Choose…"), self, name=self.tr("Choose where to keep the record file"),
                        slot=self._choose)
        place = QHBoxLayout()
        place.addWidget(self.path, 1)
        place.addWidget(choose)
        name_label = QLabel(self.tr("Name (optional):"))
        name_label.setBuddy(self.family)
        form.insertRow(0, name_label, self.family)
        form.addRow(QLabel(self.tr("Keep it in:")), place)
        column.addWidget(self.fields)
        self.error = _text("")
        self.error.setProperty("fieldError", True)
        column.addWidget(self.error)
        row = QHBoxLayout()
        self.back_button = button(self.tr("Back"), self, slot=self.back.emit)
        self.create_button = button(self.tr("Create my record"), self, slot=self._create)
        self.create_button.setDefault(True)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.create_button)
        column.addLayout(row)
        column.addStretch(1)
        self.repeat.returnPressed.connect(self._create)

    def _choose(self) -> None:
        dialog = QFileDialog(self, self.tr("Where to keep the record file"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.selectFile(self.path.text())
        dialog.fileSelected.connect(self.path.setText)
        dialog.open()

    def _create(self) -> None:
        problem = self.fields.problem()
        if problem is not None:
            self.show_error(problem)
            self.fields.focus_problem()
        elif not self.path.text().strip():
            self.show_error(self.tr("Please choose where to keep the record file."))
        else:
            self.error.clear()
            self.submitted.emit(self.path.text().strip(), self.fields.text(), self.family.text().strip())

    def show_error(self, text: str) -> None:
        self.error.setText(text)

    def set_busy(self, busy: bool) -> None:
        self.create_button.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        if busy:
            self.error.setText(self.tr("Creating your record. This takes a few seconds…"))

    def clear(self) -> None:
        self.fields.clear()


class RecoveryCodePage(QWidget):
    confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = _page(self, self.tr("Your recovery code"))
        column.addWidget(_text(self.tr(
            "If you ever forget your passphrase, this code opens your record instead. It is shown only "
            "this once. Write it down or print it, and keep it somewhere safe away from this computer.")))
        self.code = named(QLabel(), self.tr("Recovery code"))
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.font().pointSizeF() * 1.6)
        font.setBold(True)
        self.code.setFont(font)
        self.code.setWordWrap(True)
        column.addWidget(self.code)
        self.print_button = button(self.tr("Print…"), self, name=self.tr("Print the recovery code"),
                                   slot=self.print_code)
        self.written = named(QCheckBox(self.tr("I have written it down or printed it")),
                             self.tr("I have written it down or printed it"))
        self.continue_button = button(self.tr("Continue"), self, slot=self.confirmed.emit)
        self.continue_button.setEnabled(False)
        self.continue_button.setDefault(True)
        # Why Continue waits, said beside it (a greyed button alone looks broken).
        self.waiting = _text(self.tr("Tick the box to say you have written the code down."))
        self.waiting.setAccessibleName(self.tr("Why Continue waits"))
        self.written.toggled.connect(self._ticked)
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.written)
        row2 = QHBoxLayout()
        row2.addWidget(self.waiting, 1)
        row2.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(row2)
        column.addStretch(1)
        self.continue_button.setAccessibleDescription(self.waiting.text())

    def _ticked(self, ticked: bool) -> None:
        self.continue_button.setEnabled(ticked)
        # The words go but their room stays, so Continue does not jump under the pointer.
        self.waiting.setText("" if ticked else self.tr("Tick the box to say you have written the code down."))
        self.continue_button.setAccessibleDescription(self.waiting.text())

    def set_code(self, code: str) -> None:
        self.code.setText(code)
        self.written.setChecked(False)

    def document(self) -> QTextDocument:
        doc = QTextDocument()
        doc.setPlainText(self.tr("FamilyRecord recovery code\n\n%1\n\nKeep this safe. It opens your record "
                                 "if you forget your passphrase.").replace("%1", self.code.text()))
        return doc

    def print_code(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        dialog.accepted.connect(lambda: self.document().print_(printer))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()

    def clear(self) -> None:
        self.code.clear()
        self.written.setChecked(False)


class UnlockPage(QWidget):
    unlock = Signal(str, str, bool)  # mode ("passphrase" or "recovery"), secret, remember
    other_file = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = "passphrase"
        column = _page(self, self.tr("Unlock your record"))
        self.where = _text("")
        column.addWidget(self.where)
        self.caption = QLabel(self.tr("Passphrase:"))
        self.secret = named(QLineEdit(), self.tr("Passphrase"))
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.caption.setBuddy(self.secret)
        column.addWidget(self.caption)
        column.addWidget(self.secret)
        self.remember = named(QCheckBox(self.tr("Remember on this computer")),
                              self.tr("Remember on this computer"),
                              self.tr("Opens without the passphrase on this computer account."))
        column.addWidget(self.remember)
        self.remember_note = _text("")
        column.addWidget(self.remember_note)
        self.error = _text("")
        self.error.setProperty("fieldError", True)
        column.addWidget(self.error)
        row = QHBoxLayout()
        self.switch_button = button(self.tr("Use my recovery code instead"), self, slot=self.toggle_mode)
        self.other_button = button(self.tr("Open a different record file…"), self, slot=self._choose)
        self.unlock_button = button(self.tr("Unlock"), self, slot=self._unlock)
        self.unlock_button.setDefault(True)
        row.addWidget(self.switch_button)
        row.addWidget(self.other_button)
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        column.addLayout(row)
        column.addStretch(1)
        self.secret.returnPressed.connect(self._unlock)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        remeasure(self.secret)

    def set_vault(self, path: Path, family_name: str = "") -> None:
        """Say whose record this is: the family's name when this window knows it, else only the
        file's name. Never the folder: on a shared computer that says where the family keeps it."""
        if family_name:
            self.where.setText(self.tr("Record: %1").replace("%1", family_name))
        else:
            self.where.setText(self.tr("Record file: %1").replace("%1", path.name))

    def set_keyring(self, usable: bool, reason: str) -> None:
        self.remember.setEnabled(usable)
        if not usable:
            self.remember.setChecked(False)
        self.remember_note.setText(reason)
        self.remember_note.setVisible(bool(reason))

    def toggle_mode(self) -> None:
        recovery = self.mode == "passphrase"
        self.mode = "recovery" if recovery else "passphrase"
        self.caption.setText(self.tr("Recovery code:") if recovery else self.tr("Passphrase:"))
        self.secret.setAccessibleName(self.tr("Recovery code") if recovery else self.tr("Passphrase"))
        self.secret.setEchoMode(QLineEdit.EchoMode.Normal if recovery else QLineEdit.EchoMode.Password)
        remeasure(self.secret)
        self.switch_button.setText(self.tr("Use my passphrase instead") if recovery
                                   else self.tr("Use my recovery code instead"))
        self.switch_button.setAccessibleName(self.switch_button.text())
        self.secret.clear()
        self.error.clear()
        self.secret.setFocus()

    def _choose(self) -> None:
        dialog = QFileDialog(self, self.tr("Open a record file"))
        dialog.setNameFilter(self.tr("FamilyRecord files (*.frvault);;All files (*)"))
        dialog.fileSelected.connect(self.other_file.emit)
        dialog.open()

    def _unlock(self) -> None:
        if not self.secret.text():
            self.error.setText(self.tr("Please type your passphrase first.") if self.mode == "passphrase"
                               else self.tr("Please type your recovery code first."))
            return
        self.error.clear()
        self.unlock.emit(self.mode, self.secret.text(), self.remember.isChecked())

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.secret.selectAll()
        self.secret.setFocus()

    def set_busy(self, busy: bool) -> None:
        for widget in (self.unlock_button, self.secret, self.switch_button, self.other_button):
            widget.setEnabled(not busy)
        if busy:
            self.error.setText(self.tr("Opening…"))

    def clear(self) -> None:
        self.secret.clear()
        self.error.clear()
