"""Where these views live in the window: extra tabs beside the record lists of the Contact
area (Attendance, Letterbox: passed on?) and the Support and money area (Promised against
delivered, Money owed). The main window calls `add_overviews` once it has built its areas.

Each tab reads the record when it is shown and forgets it when hidden, so nothing decrypted
stays behind it after the window locks.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from familyrecord.records.models import ContactArrangement
from familyrecord.services import Services
from familyrecord.ui.contact.attendance import AttendanceView
from familyrecord.ui.contact.letterbox import LetterboxPanel
from familyrecord.ui.contact.money import MoneyView
from familyrecord.ui.contact.support import SupportPlanView
from familyrecord.ui.widgets.common import named

if TYPE_CHECKING:
    from familyrecord.ui.main_window import MainView


def tr(text: str) -> str:
    return QCoreApplication.translate("contact", text)


class ContactAttendancePage(QWidget):
    """Choose an arrangement; see its attendance."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.arrangements: list[ContactArrangement] = []
        self.setAccessibleName(self.tr("Attendance"))
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        caption = QLabel(self.tr("Arrangement:"))
        self.chooser = named(QComboBox(), self.tr("Arrangement"))
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(20)
        caption.setBuddy(self.chooser)
        row.addWidget(caption)
        row.addWidget(self.chooser, 1)
        layout.addLayout(row)
        self.empty = QLabel(self.tr("No contact arrangement yet. Add one under \"Arrangements\": "
                                    "its sessions, and what happened at each, show here."))
        self.empty.setWordWrap(True)
        self.empty.setProperty("emptyState", True)
        layout.addWidget(self.empty)
        self.view = AttendanceView(services)
        layout.addWidget(self.view, 1)
        self.chooser.currentIndexChanged.connect(self._chosen)

    @property
    def today(self) -> date | None:
        return self.view.today

    @today.setter
    def today(self, value: date | None) -> None:
        self.view.today = value

    def refresh(self) -> None:
        if self.services.is_locked:
            return
        chosen = self.view.arrangement_id
        self.arrangements = self.services.kinship.arrangements()
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for arrangement in self.arrangements:
            self.chooser.addItem(self._words(arrangement), arrangement.id)
        ids = [a.id for a in self.arrangements]
        self.chooser.setCurrentIndex(ids.index(chosen) if chosen in ids else 0 if ids else -1)
        self.chooser.blockSignals(False)
        self.empty.setVisible(not ids)
        self.view.setVisible(bool(ids))
        self.chooser.setEnabled(len(ids) > 1)
        self._chosen()

    @staticmethod
    def _words(arrangement: ContactArrangement) -> str:
        return tr("Contact with %1").replace("%1", arrangement.with_whom)

    def show_arrangement(self, arrangement_id: str) -> None:
        index = self.chooser.findData(arrangement_id)
        if index >= 0:
            self.chooser.setCurrentIndex(index)

    def _chosen(self) -> None:
        arrangement_id = self.chooser.currentData()
        if arrangement_id:
            self.view.load(str(arrangement_id))
        else:
            self.view.clear()

    def clear(self) -> None:
        self.arrangements = []
        self.chooser.blockSignals(True)
        self.chooser.clear()
        self.chooser.blockSignals(False)
        self.view.clear()  # keeps which arrangement was chosen (an id, no content) for next time

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.clear()


def add_overviews(main: MainView) -> None:
    """Add the overview tabs to the Contact and Support and money areas (when they have tabs)."""
    services = main.services
    contact = main.areas.get("contact")
    if contact is not None and contact.tabs is not None:
        contact.tabs.addTab(ContactAttendancePage(services), tr("Attendance"))
        contact.tabs.addTab(LetterboxPanel(services), tr("Letterbox: passed on?"))
    money_and_support = main.areas.get("support")
    if money_and_support is not None and money_and_support.tabs is not None:
        plan = SupportPlanView(services)
        plan.open_record.connect(main.open_record)
        money_and_support.tabs.addTab(plan, tr("Promised against delivered"))
        money_and_support.tabs.addTab(MoneyView(services), tr("Money owed"))
