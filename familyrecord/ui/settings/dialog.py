"""Settings: where the record is kept, auto-lock, text size, light or dark, the keyring, the clipboard."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from familyrecord.errors import UserError
from familyrecord.services import Services
from familyrecord.settings import AppSettings
from familyrecord.ui.transcript.settings import TranscriptionSettings
from familyrecord.ui.widgets.common import button, named
from familyrecord.ui.widgets.errors import error_text

THEMES = ("system", "light", "dark")
TEXT_SIZES = (100, 125, 150, 175, 200)


class SettingsDialog(QDialog):
    """Opened with open() (never exec): the new settings come out through `applied`."""

    applied = Signal(object)  # AppSettings

    def __init__(self, settings: AppSettings, services: Services | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._services = services
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        form = QFormLayout()
        # Captions above their fields: nothing is squeezed or cut off at large text sizes.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(12)
        self.location = named(QLineEdit(str(settings.effective_vault_path())),
                              self.tr("Record file"), self.tr("Used the next time FamilyRecord starts."))
        place = QHBoxLayout()
        place.addWidget(self.location, 1)
        place.addWidget(button(self.tr("Choose…"), self, name=self.tr("Choose the record file"),
                               slot=self._choose))
        form.addRow(self._caption(self.tr("Record file:"), self.location), place)
        self.auto_lock = named(QSpinBox(), self.tr("Lock after this many minutes without use"))
        self.auto_lock.setRange(1, 120)
        self.auto_lock.setSuffix(self.tr(" minutes"))
        self.auto_lock.setValue(max(1, settings.auto_lock_minutes))
        form.addRow(self._caption(self.tr("Lock when not used for:"), self.auto_lock), self.auto_lock)
        self.screen_lock = named(QCheckBox(self.tr("Lock when the computer's screen locks")),
                                 self.tr("Lock when the computer's screen locks"))
        self.screen_lock.setChecked(settings.lock_on_screen_lock)
        form.addRow("", self.screen_lock)
        self.text_size = named(QComboBox(), self.tr("Text size"))
        for size in TEXT_SIZES:
            self.text_size.addItem(f"{size}%", size)
        self.text_size.setCurrentIndex(max(0, self.text_size.findData(settings.text_scale_percent)))
        form.addRow(self._caption(self.tr("Text size:"), self.text_size), self.text_size)
        self.theme = named(QComboBox(), self.tr("Light or dark"))
        for key, text in zip(THEMES, (self.tr("Follow the computer"), self.tr("Light"), self.tr("Dark")),
                             strict=True):
            self.theme.addItem(text, key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        form.addRow(self._caption(self.tr("Light or dark:"), self.theme), self.theme)
        self.clipboard = named(QSpinBox(), self.tr("Clear copied text after this many seconds"))
        self.clipboard.setRange(0, 600)
        self.clipboard.setSuffix(self.tr(" seconds"))
        self.clipboard.setSpecialValueText(self.tr("Never"))
        self.clipboard.setValue(settings.clipboard_clear_seconds)
        form.addRow(self._caption(self.tr("Clear copied text after:"), self.clipboard), self.clipboard)
        usable, reason = Services.keyring_availability()
        self.remember = named(QCheckBox(self.tr("Remember on this computer (no passphrase needed here)")),
                              self.tr("Remember on this computer"))
        self.remember.setEnabled(usable and services is not None and not services.is_locked)
        if self.remember.isEnabled() and services is not None:
            self.remember.setChecked(services.is_remembered())
        form.addRow("", self.remember)
        # Reminders (ui/home/reminders.py) name what is due only when asked; the choice goes
        # into self._settings at once, so result_settings() carries it.
        self.due_in_reminders = named(
            QCheckBox(self.tr("Show what is due in reminders")), self.tr("Show what is due in reminders"),
            self.tr("Off: a reminder only says that something is due. On: it names it, and anyone "
                    "who sees your screen can read it."))
        self.due_in_reminders.setChecked(settings.show_due_in_reminders)
        self.due_in_reminders.toggled.connect(lambda on: setattr(
            self, "_settings", dataclasses.replace(self._settings, show_due_in_reminders=on)))
        form.addRow("", self.due_in_reminders)
        # Two tabs keep the dialog short enough for a small screen at 200% text.
        general = QWidget()
        general_layout = QVBoxLayout(general)
        general_layout.addLayout(form)
        self.keyring_note = QLabel(reason)
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setVisible(bool(reason))
        general_layout.addWidget(self.keyring_note)
        general_layout.addStretch(1)
        self.transcription = TranscriptionSettings(settings, services)
        recordings = QWidget()
        recordings_layout = QVBoxLayout(recordings)
        recordings_layout.addWidget(self.transcription)
        recordings_layout.addStretch(1)
        self.tabs = named(QTabWidget(), self.tr("Kinds of settings"))
        self.tabs.addTab(general, self.tr("General"))
        self.tabs.addTab(recordings, self.tr("Recordings and transcripts"))
        layout.addWidget(self.tabs)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button(self.tr("Cancel"), self, slot=self.reject))
        save = button(self.tr("Save settings"), self, slot=self.save)
        save.setDefault(True)
        row.addWidget(save)
        layout.addLayout(row)
        self.adjustSize()
        # Wrapped text needs its height for the final width: size once more at that width.
        self.resize(self.width(), self.heightForWidth(self.width()) if self.hasHeightForWidth()
                    else self.sizeHint().height())

    @staticmethod
    def _caption(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _choose(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose the record file"))
        dialog.setNameFilter(self.tr("FamilyRecord files (*.frvault);;All files (*)"))
        dialog.fileSelected.connect(self.location.setText)
        dialog.open()

    def result_settings(self) -> AppSettings:
        return self.transcription.apply_to(dataclasses.replace(
            self._settings,
            vault_path=self.location.text().strip(),
            auto_lock_minutes=self.auto_lock.value(),
            lock_on_screen_lock=self.screen_lock.isChecked(),
            text_scale_percent=int(self.text_size.currentData()),
            theme=str(self.theme.currentData()),
            clipboard_clear_seconds=self.clipboard.value(),
        ))

    def save(self) -> None:
        services = self._services
        if self.remember.isEnabled() and services is not None and not services.is_locked:
            try:
                if self.remember.isChecked() != services.is_remembered():
                    services.remember_on_this_computer(self.remember.isChecked())
            except UserError as exc:
                self.message.setText(error_text(exc))
                return
        self.applied.emit(self.result_settings())
        self.accept()
