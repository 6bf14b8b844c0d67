"""Receipts in the app: make one (a short code and its QR picture), copy or save it, check one.

A receipt pins the record's history as it is now. The family sends the code to someone they
trust (their solicitor, their advocate, their own e-mail); FamilyRecord itself sends nothing.
Checking a receipt later proves that nothing written before it has been changed or removed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from familyrecord.errors import UserError
from familyrecord.export.files import save_private
from familyrecord.export.options import ExportFailed
from familyrecord.progress import CancelCheck, Progress
from familyrecord.services import Services
from familyrecord.services.safekeeping import Receipt, ReceiptCheck
from familyrecord.ui.widgets.common import button, named
from familyrecord.ui.widgets.errors import error_text

log = logging.getLogger(__name__)

# What the record notes about a receipt made here (the bundle's say "bundle").
PURPOSE = "made in the app"
Job = Callable[[Services, Progress, CancelCheck], object]


def tr(text: str) -> str:
    return QCoreApplication.translate("receipts", text)


def _words(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class ReceiptsBox(QGroupBox):
    """`run(job, done)` runs slow work on a worker (the dialog's); `say(text)` shows a result."""

    def __init__(self, services: Services, run: Callable[[Job, Callable[[object], None]], None],
                 say: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(tr("Receipts: proof your record was not rewritten"), parent)
        self._services = services
        self._run = run
        self._say = say
        self._png = b""
        column = QVBoxLayout(self)
        column.addWidget(_words(tr(
            "A receipt is a short code for your record's history as it is now. Send it to someone you "
            "trust: your solicitor, your advocate, or your own e-mail. Later, checking the receipt "
            "proves that nothing written before it has been changed or removed. FamilyRecord sends "
            "nothing itself.")))
        self.make_button = button(tr("Make a receipt now"), self, slot=self.make_receipt)
        column.addWidget(self.make_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self._receipt_area())
        column.addWidget(self._check_area())
        self.given = named(QListWidget(), tr("Receipts given so far"))
        self.given.setWordWrap(True)
        self.given.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.given_caption = QLabel(tr("Receipts given so far:"))
        self.given_caption.setBuddy(self.given)
        column.addWidget(self.given_caption)
        column.addWidget(self.given)
        self.refresh()

    # ---- building ----------------------------------------------------------------------------

    def _receipt_area(self) -> QWidget:
        self.shown = QWidget(self)
        column = QVBoxLayout(self.shown)
        column.setContentsMargins(0, 0, 0, 0)
        self.code = named(QLabel(), tr("Receipt code"))
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.font().pointSizeF() * 1.6)
        font.setBold(True)
        self.code.setFont(font)
        self.code.setWordWrap(True)
        column.addWidget(self.code)
        self.about = _words("")
        column.addWidget(self.about)
        self.qr = named(QLabel(), tr("The receipt as a QR picture"))
        self.qr.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        column.addWidget(self.qr)
        row = QHBoxLayout()
        self.copy_button = button(tr("Copy the code"), self, slot=self.copy_code)
        self.save_button = button(tr("Save the QR picture…"), self, slot=self.choose_qr_place)
        row.addWidget(self.copy_button)
        row.addWidget(self.save_button)
        row.addStretch(1)
        column.addLayout(row)
        self.shown.setVisible(False)
        return self.shown

    def _check_area(self) -> QWidget:
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(tr("Check a receipt:"))
        self.check_field = named(QLineEdit(), tr("Receipt code to check"),
                                 tr("Type or paste a receipt code, for example R-57-8Z4K-Q0TM-3H9V-XC2A"))
        self.check_field.setPlaceholderText(tr("For example R-57-8Z4K-Q0TM-3H9V-XC2A"))
        caption.setBuddy(self.check_field)
        self.check_button = button(tr("Check"), self, name=tr("Check the receipt"), slot=self.check)
        self.check_field.returnPressed.connect(self.check)
        row.addWidget(caption)
        row.addWidget(self.check_field, 1)
        row.addWidget(self.check_button)
        return holder

    # ---- receipts ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """List the receipts this record has given (newest first)."""
        self.given.clear()
        try:
            given = self._services.safekeeping.receipts()
        except UserError as exc:
            self._say(error_text(exc))
            return
        for receipt in reversed(given):
            self.given.addItem(tr(receipt.describe()))
        self.given_caption.setVisible(bool(given))
        self.given.setVisible(bool(given))

    def make_receipt(self) -> Receipt | None:
        try:
            receipt = self._services.safekeeping.receipt(PURPOSE)
        except UserError as exc:
            self._say(error_text(exc))
            return None
        self.show_receipt(receipt)
        self.refresh()
        self._say(tr("A receipt was made. Send the code (or the QR picture) to someone you trust."))
        return receipt

    def show_receipt(self, receipt: Receipt) -> None:
        self.code.setText(receipt.code)
        self.about.setText(tr(receipt.describe()))
        self._png = self._services.safekeeping.receipt_qr_png(receipt.code)
        picture = QPixmap()
        picture.loadFromData(self._png, "PNG")
        side = self.fontMetrics().lineSpacing() * 9
        self.qr.setPixmap(picture.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.FastTransformation))
        self.shown.setVisible(True)

    def copy_code(self) -> None:
        # The app's clipboard guard clears it again after the time chosen in Settings.
        QGuiApplication.clipboard().setText(self.code.text())
        self._say(tr("The receipt code is copied. Paste it into an e-mail or a note."))

    def choose_qr_place(self) -> None:
        dialog = QFileDialog(self, tr("Save the QR picture"),
                             tr("receipt-%1.png").replace("%1", self.code.text()))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(tr("PNG pictures (*.png)"))
        dialog.fileSelected.connect(lambda name: self.save_qr(Path(name)))
        dialog.open()

    def save_qr(self, destination: Path) -> bool:
        """Save the QR picture (only its owner may read it; never half-written)."""
        if not self._png:
            return False
        if destination.suffix.lower() != ".png":
            destination = destination.with_name(destination.name + ".png")
        try:
            save_private(destination, self._png)
        except ExportFailed:
            self._say(tr("The QR picture could not be saved there. Choose another folder and try again."))
            return False
        self._say(tr("The QR picture is saved: %1").replace("%1", str(destination)))
        return True

    def check(self) -> None:
        typed = self.check_field.text().strip()
        if not typed:
            self._say(tr("Type or paste a receipt code first."))
            self.check_field.setFocus()
            return
        self._run(lambda s, _p, _c: s.safekeeping.check_receipt(typed), self._checked)

    def _checked(self, result: object) -> None:
        assert isinstance(result, ReceiptCheck)
        if result.ok:
            said = [tr("This receipt matches your record: nothing written before it has been changed "
                       "or removed.")]
        else:
            said = [tr("This receipt does not match your record. Something written before it has been "
                       "changed or removed, or the code was copied wrongly.")]
        said += [tr(words) for words in result.problems + result.notes]
        self._say(" ".join(said))

    def set_busy(self, busy: bool) -> None:
        for widget in (self.make_button, self.check_button, self.copy_button, self.save_button):
            widget.setEnabled(not busy)

    def clear(self) -> None:
        """On lock: forget the code, its picture and the list."""
        self._png = b""
        self.code.clear()
        self.about.clear()
        self.qr.clear()
        self.check_field.clear()
        self.given.clear()
        self.shown.setVisible(False)
