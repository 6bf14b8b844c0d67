"""Transcription settings, for the Settings dialog: model, language, names to expect.

Embed `TranscriptionSettings(settings, services)` and fold its choices into the new settings
with `apply_to(settings)`. Models are the built-in one plus any folder the user adds (for
example a larger model copied from a USB stick); nothing is ever downloaded.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from familyrecord.services import Services
from familyrecord.settings import AppSettings
from familyrecord.transcription import models
from familyrecord.ui.widgets.common import button, named
from familyrecord.ui.widgets.errors import error_text

MULTILINGUAL_ROLE = Qt.ItemDataRole.UserRole + 1
# (code, name) for languages families in England and Wales often speak; "" lets the model detect.
LANGUAGES = (("en", "English"), ("cy", "Welsh"), ("pl", "Polish"), ("ro", "Romanian"),
             ("ur", "Urdu"), ("pa", "Punjabi"), ("bn", "Bengali"), ("ar", "Arabic"),
             ("so", "Somali"), ("lt", "Lithuanian"), ("pt", "Portuguese"), ("es", "Spanish"),
             ("fr", "French"), ("tr", "Turkish"), ("", "Detect automatically"))


class TranscriptionSettings(QWidget):
    def __init__(self, settings: AppSettings, services: Services | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._folders = list(settings.model_folders)
        self.setAccessibleName(self.tr("Transcription settings"))
        self.model = named(QComboBox(self), self.tr("Speech model"),
                           self.tr("Larger models are slower but make fewer mistakes."))
        self.add_folder_button = button(self.tr("Add a model folder…"), self,
                                        slot=self.choose_folder)
        self.language = named(QComboBox(self), self.tr("Language spoken in the recordings"))
        for code, name in LANGUAGES:
            self.language.addItem(self.tr(name), code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language_note = QLabel(self)
        self.language_note.setWordWrap(True)
        self.names = named(QPlainTextEdit(self), self.tr("Names to expect"),
                           self.tr("Names the speech model should spell right, separated by commas."))
        self.names.setPlainText(settings.initial_prompt)
        self.names.setPlaceholderText(self.tr("Left empty, the names of the people in your record "
                                              "are used."))
        self.names.setMaximumHeight(80)
        self.fill_names_button = button(self.tr("Fill in the names in my record"), self,
                                        slot=self.fill_names)
        self.fill_names_button.setEnabled(services is not None and not services.is_locked)
        self.message = QLabel(self)
        self.message.setWordWrap(True)

        self._fill_models(settings.selected_model)
        self.model.currentIndexChanged.connect(lambda _i: self._update_language())
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        model_row = QHBoxLayout()
        model_row.addWidget(self.model, 1)
        model_row.addWidget(self.add_folder_button)
        form.addRow(self._caption(self.tr("Speech model:"), self.model), model_row)
        form.addRow(self._caption(self.tr("Language spoken:"), self.language), self.language)
        form.addRow("", self.language_note)
        names_row = QVBoxLayout()
        names_row.addWidget(self.names)
        names_row.addWidget(self.fill_names_button)
        form.addRow(self._caption(self.tr("Names to expect:"), self.names), names_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.message)
        self._update_language()

    @staticmethod
    def _caption(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _fill_models(self, selected: str) -> None:
        self.model.blockSignals(True)
        self.model.clear()
        found = models.available_models(AppSettings(model_folders=self._folders))
        for info in found:
            self.model.addItem(self.tr(info.label) if info.bundled else info.label, info.id)
            self.model.setItemData(self.model.count() - 1, info.multilingual, MULTILINGUAL_ROLE)
        self.model.setCurrentIndex(max(0, self.model.findData(selected)))
        self.model.blockSignals(False)

    def _update_language(self) -> None:
        multilingual = bool(self.model.currentData(MULTILINGUAL_ROLE))
        self.language.setEnabled(multilingual)
        self.language_note.setText("" if multilingual else self.tr(
            "This model understands English only. Add a multilingual model to choose another "
            "language."))

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the folder of a speech model"),
                                                  str(Path.home()))
        if folder:
            self.add_folder(Path(folder))

    def add_folder(self, folder: Path) -> bool:
        try:
            info = models.model_from_folder(folder)
        except models.ModelFolderInvalid as exc:
            self.message.setText(error_text(exc))
            return False
        if str(info.path) not in self._folders:
            self._folders.append(str(info.path))
        self._fill_models(info.id)
        self._update_language()
        self.message.setText(self.tr("Model added: {0}").format(info.label))
        return True

    def fill_names(self) -> None:
        if self._services is not None and not self._services.is_locked:
            self.names.setPlainText(models.names_to_expect(  # Services has the repo(cls) it reads
                self._services))  # type: ignore[arg-type]

    def apply_to(self, settings: AppSettings) -> AppSettings:
        return dataclasses.replace(
            settings, model_folders=list(self._folders), selected_model=str(self.model.currentData()),
            language=str(self.language.currentData()), initial_prompt=self.names.toPlainText().strip())
