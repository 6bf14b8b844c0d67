"""The main view after unlocking: a header with Lock and Hide, the left navigation, the areas."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from familyrecord.errors import UserError
from familyrecord.records.models import ChronologyEntry
from familyrecord.records.registry import find_kind
from familyrecord.services import Services
from familyrecord.ui.documents.view import DocumentsView
from familyrecord.ui.home.view import HomeView
from familyrecord.ui.records.areas import area_heading, build_areas
from familyrecord.ui.records.record_view import RecordArea, RecordListView
from familyrecord.ui.search.view import SearchView
from familyrecord.ui.widgets.common import button, named, scrolled

log = logging.getLogger(__name__)


class ChronologyArea(QWidget):
    """The chronology (another module) with the way to a solicitor's bundle beside it."""

    bundle_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from familyrecord.ui.chronology.view import ChronologyView

        self.setAccessibleName(self.tr("Chronology"))
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        title = QLabel(self.tr("Chronology"))
        title.setProperty("heading", 1)
        row.addWidget(title)
        row.addStretch(1)
        self.bundle_button = button(self.tr("Make a bundle for my solicitor…"), self,
                                    slot=self.bundle_requested.emit)
        row.addWidget(self.bundle_button)
        layout.addLayout(row)
        self.view = ChronologyView(services)
        layout.addWidget(scrolled(self.view), 1)

    def refresh(self) -> None:
        self.view.refresh()

    def clear(self) -> None:
        self.view.clear()


class MainView(QWidget):
    lock_requested = Signal()
    hide_requested = Signal()
    settings_requested = Signal()
    safekeeping_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.wizard: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        header = QHBoxLayout()
        self.title = QLabel(self.tr("FamilyRecord"))
        self.title.setProperty("heading", 1)
        header.addWidget(self.title)
        header.addStretch(1)
        self.search_button = button(self.tr("Search"), self, slot=self.show_search)
        self.settings_button = button(self.tr("Settings"), self, slot=self.settings_requested.emit)
        self.safekeeping_button = button(self.tr("Passphrase and backups"), self,
                                         slot=self.safekeeping_requested.emit)
        self.lock_button = button(self.tr("Lock"), self, slot=self.lock_requested.emit)
        self.lock_button.setToolTip(self.tr("Lock now (Ctrl+L). Your passphrase is needed to open again."))
        self.hide_button = button(self.tr("Hide now"), self, slot=self.hide_requested.emit)
        self.hide_button.setToolTip(self.tr("Lock and hide this window at once (Ctrl+Shift+H)."))
        self.hide_button.setProperty("quickHide", True)
        for widget in (self.search_button, self.safekeeping_button, self.settings_button,
                       self.lock_button, self.hide_button):
            header.addWidget(widget)
        layout.addLayout(header)
        body = QHBoxLayout()
        self.nav = named(QListWidget(), self.tr("Sections"),
                         self.tr("Choose a part of your record. Ctrl+1 to Ctrl+9 jump straight there."))
        self.nav.setProperty("navigation", True)
        self.stack = QStackedWidget()
        self.home = HomeView(services)
        self.chronology = ChronologyArea(services)
        self.areas = build_areas(services)
        from familyrecord.ui.contact.pages import add_overviews  # U5: attendance, support, money tabs

        add_overviews(self)
        self.documents = DocumentsView(services)
        self.search = SearchView(services)
        # Home and the chronology first, then the record areas (from the registry), then files and search.
        self.pages: dict[str, QWidget] = {"home": self.home, "chronology": self.chronology,
                                          **self.areas, "documents": self.documents,
                                          "search": self.search}
        names = {"home": self.tr("Home"), "chronology": self.tr("Chronology"),
                 **{key: area_heading(key) for key in self.areas},
                 "documents": self.tr("Documents"), "search": self.tr("Search")}
        for key, page in self.pages.items():
            item = QListWidgetItem(names[key])
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
            self.stack.addWidget(page)
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 40)
        self.nav.currentRowChanged.connect(self._go)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout.addLayout(body, 1)
        self.home.open_record.connect(self.open_record)
        self.home.add_requested.connect(self._add_in)
        self.home.bundle_requested.connect(self.open_bundle_wizard)
        self.chronology.bundle_requested.connect(self.open_bundle_wizard)
        self.chronology.view.open_record.connect(self.open_record)
        self.search.open_record.connect(self.open_record)
        self.documents.open_record.connect(self.open_record)
        for keys in ("Ctrl+F", "Ctrl+K"):
            QShortcut(QKeySequence(keys), self, self.show_search)
        QShortcut(QKeySequence("Ctrl+L"), self, self.lock_requested.emit)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_current)
        for number in range(1, min(9, self.nav.count()) + 1):
            QShortcut(QKeySequence(f"Ctrl+{number}"), self,
                      lambda n=number: self.show_page(list(self.pages)[n - 1]))
        self.setTabOrder(self.nav, self.stack)
        self.nav.setCurrentRow(0)

    # ---- navigation --------------------------------------------------------------------------

    def _go(self, row: int) -> None:
        if row < 0:
            return
        key = self.nav.item(row).data(Qt.ItemDataRole.UserRole)
        page = self.pages[key]
        self.stack.setCurrentWidget(page)
        if self.services.is_locked:
            return
        try:
            if hasattr(page, "refresh"):
                page.refresh()
        except UserError as exc:
            log.warning("could not refresh %s: %s", key, type(exc).__name__)

    def show_page(self, key: str) -> QWidget:
        self.nav.setCurrentRow(list(self.pages).index(key))
        return self.pages[key]

    def current_key(self) -> str:
        return str(self.nav.currentItem().data(Qt.ItemDataRole.UserRole))

    def show_search(self) -> None:
        self.show_page("search")
        self.search.focus_box()

    def _add_in(self, key: str) -> None:
        self.show_page(key)
        self.areas[key].views[0].new_record()

    def current_list(self) -> RecordListView | None:
        page = self.stack.currentWidget()
        if not isinstance(page, RecordArea):
            return None
        if page.tabs is not None:
            current = page.tabs.currentWidget()
            return current if isinstance(current, RecordListView) else None
        return page.views[0]

    def save_current(self) -> None:
        """Ctrl+S: save the entry open in the current view."""
        list_view = self.current_list()
        if list_view is not None and list_view.detail.currentWidget() is list_view.editor:
            list_view.editor.save()

    def open_record(self, record_id: str) -> None:
        try:
            record = self.services.get(record_id)
        except UserError:
            return
        record_type = find_kind(record.KIND)
        key = record_type.area if record_type is not None else ""
        if key not in self.areas:
            # Rows the family added to the chronology by hand live in the chronology itself.
            if isinstance(record, ChronologyEntry):
                self.show_page("chronology")
            return
        self.show_page(key)
        self.areas[key].open_record(record)

    def open_bundle_wizard(self) -> QWidget:
        from familyrecord.ui.export.wizard import ExportWizard

        wizard = ExportWizard(self.services, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.wizard = wizard
        wizard.open()  # modal to this window, but never blocks the event loop
        return wizard

    # ---- lock --------------------------------------------------------------------------------

    def refresh_title(self) -> None:
        if not self.services.is_locked:
            family = self.services.family_name
            self.title.setText(family or self.tr("FamilyRecord"))

    def clear(self) -> None:
        """Drop every decrypted thing this window shows (called when the vault locks)."""
        if self.wizard is not None and isValid(self.wizard):
            self.wizard.close()
        self.wizard = None
        self.title.setText(self.tr("FamilyRecord"))
        self.home.clear()
        self.chronology.clear()
        for area in self.areas.values():
            area.clear()
        self.documents.clear()
        self.search.clear()
