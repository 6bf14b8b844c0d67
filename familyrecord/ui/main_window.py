"""The main view after unlocking: a top bar with Lock and Hide now, the left navigation, the areas.

Everything fits the screen at every text size: Lock and Hide now are pinned to the top bar (the
other buttons move into "More" when there is no room), the navigation narrows and wraps its
words, and each page sits in a scroll area, so no page can make the window larger than the screen.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from familyrecord.errors import UserError
from familyrecord.records.models import ChronologyEntry, Record
from familyrecord.records.registry import find_kind
from familyrecord.services import Services
from familyrecord.storage.errors import VaultBusy
from familyrecord.ui.documents.view import DocumentsView
from familyrecord.ui.home.view import HomeView
from familyrecord.ui.records.areas import area_heading, build_areas
from familyrecord.ui.records.record_view import RecordArea, RecordListView
from familyrecord.ui.search.view import SearchView
from familyrecord.ui.widgets.common import button, named, scrolled
from familyrecord.ui.widgets.errors import error_text
from familyrecord.ui.widgets.topbar import TopBar

log = logging.getLogger(__name__)

# The navigation is at most this many average characters wide (longer names wrap), and at
# most this share of the window, so the page keeps the room.
NAV_CHARS = 16
NAV_SHARE = 0.22
# A page that could not be read because the record was busy is tried again once, this much later.
BUSY_RETRY_MS = 1500


def _page_holder(page: QWidget) -> QScrollArea:
    """A page in a scroll area: it scrolls instead of making the window larger than the screen."""
    holder = scrolled(page)
    holder.setFrameShape(QFrame.Shape.NoFrame)
    holder.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes into the page, not to its frame
    holder.setAccessibleName(page.accessibleName())
    return holder


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
        layout.addWidget(self.view, 1)  # the page scrolls as a whole (MainView's page holder)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # The rows get most of the height the page has on screen (the scroll area's viewport),
        # not of the page itself, which grows with them.
        viewport = self.parentWidget()
        self.view.fit_height(viewport.height() if viewport is not None else self.height())
        super().resizeEvent(event)

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
        self.top = TopBar(self.tr("FamilyRecord"))
        self.title = self.top.title
        self.search_button = button(self.tr("Search"), self, slot=self.show_search)
        self.settings_button = button(self.tr("Settings"), self, slot=self.settings_requested.emit)
        self.safekeeping_button = button(self.tr("Passphrase and backups"), self,
                                         slot=self.safekeeping_requested.emit)
        self.lock_button = button(self.tr("Lock"), self, slot=self.lock_requested.emit)
        self.lock_button.setToolTip(self.tr("Lock now (Ctrl+L). Your passphrase is needed to open again."))
        self.hide_button = button(self.tr("Hide now"), self, slot=self.hide_requested.emit)
        self.hide_button.setToolTip(self.tr("Lock and hide this window at once (Ctrl+Shift+H)."))
        self.hide_button.setProperty("quickHide", True)
        # The first added is the last to move into More; Lock and Hide now never move.
        for widget in (self.search_button, self.safekeeping_button, self.settings_button):
            self.top.add_button(widget)

        def add_letters() -> None:  # many letters and e-mails at once: ui/intake (U6's entry edit)
            from familyrecord.ui.intake import open_intake

            open_intake(self, self.services)

        self.intake_button = button(self.tr("Add letters and e-mails…"), self, slot=add_letters)
        self.top.add_button(self.intake_button)
        for widget in (self.lock_button, self.hide_button):
            self.top.add_pinned(widget)
        layout.addWidget(self.top)
        # Something the family must know now (another window is using the record, say).
        self.notice = named(QLabel(), self.tr("Notice"))
        self.notice.setWordWrap(True)
        self.notice.setProperty("fieldError", True)
        self.notice.hide()
        layout.addWidget(self.notice)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(BUSY_RETRY_MS)
        self._retry.timeout.connect(self._retry_page)
        body = QHBoxLayout()
        self.nav = named(QListWidget(), self.tr("Sections"),
                         self.tr("Choose a part of your record. Ctrl+1 to Ctrl+9 jump straight there."))
        self.nav.setProperty("navigation", True)
        self.nav.setWordWrap(True)
        self.nav.setResizeMode(QListView.ResizeMode.Adjust)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
        for key in self.pages:
            item = QListWidgetItem(names[key])
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.holders: dict[str, QScrollArea] = {key: _page_holder(page) for key, page in self.pages.items()}
        for holder in self.holders.values():
            self.stack.addWidget(holder)
        self._fit_nav()
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
        self.search.open_moment.connect(self._open_moment)
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
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)

    # ---- navigation --------------------------------------------------------------------------

    def _go(self, row: int) -> None:
        if row < 0:
            return
        key = self.nav.item(row).data(Qt.ItemDataRole.UserRole)
        self.stack.setCurrentWidget(self.holders[key])
        self._refresh(key)

    def _refresh(self, key: str) -> None:
        page = self.pages[key]
        if self.services.is_locked or not hasattr(page, "refresh"):
            return
        try:
            page.refresh()
        except VaultBusy as exc:
            # Another window or command holds the record for a moment: say so, and try once more.
            log.info("record busy while showing %s", key)
            self.show_notice(error_text(exc))
            self._retry.start()
            return
        except UserError as exc:
            log.warning("could not refresh %s: %s", key, type(exc).__name__)
            self.show_notice(error_text(exc))
            return
        self.hide_notice()

    def _retry_page(self) -> None:
        if not self.services.is_locked:
            self._refresh(self.current_key())

    def show_notice(self, text: str) -> None:
        """A plain message above the page (not a dialog: the family can carry on)."""
        self.notice.setText(text)
        self.notice.show()

    def hide_notice(self) -> None:
        self.notice.clear()
        self.notice.hide()

    # ---- fitting the screen ------------------------------------------------------------------

    def _fit_nav(self) -> None:
        """As wide as its longest name, but never more than NAV_CHARS characters or NAV_SHARE of
        the window: longer names wrap onto a second line."""
        frame = 2 * self.nav.frameWidth() + 16
        widest = self.nav.sizeHintForColumn(0) + frame
        cap = max(self.nav.fontMetrics().averageCharWidth() * NAV_CHARS, int(self.width() * NAV_SHARE))
        width = min(widest, cap)
        if width != self.nav.width():
            self.nav.setFixedWidth(width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_nav()
        super().resizeEvent(event)

    def _follow_focus(self, _old: QWidget | None, now: QWidget | None) -> None:
        """The field that gets the focus scrolls into sight (a new entry's first field, say)."""
        if not isValid(self.stack):  # this view is being deleted (a new one replaced it)
            return
        holder = self.stack.currentWidget()
        content = holder.widget() if isinstance(holder, QScrollArea) else None
        if now is not None and isinstance(holder, QScrollArea) and content is not None \
                and content.isAncestorOf(now):
            holder.ensureWidgetVisible(now)

    def reveal(self, widget: QWidget) -> None:
        """Scroll the current page so that `widget` starts at the top of the screen, unless it
        is already wholly in sight (an entry opened below its list when the list sits above)."""
        holder = self.stack.currentWidget()
        content = holder.widget() if isinstance(holder, QScrollArea) else None
        if not isinstance(holder, QScrollArea) or content is None or not content.isAncestorOf(widget):
            return
        top = widget.mapTo(content, QPoint(0, 0)).y()
        shown = -content.y()
        if top < shown or top + widget.height() > shown + holder.viewport().height():
            holder.verticalScrollBar().setValue(top)

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
        page = self.pages.get(self.current_key())
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

    def open_record(self, record_id: str, at_seconds: float | None = None) -> None:
        """Show a record in its area; for a meeting and `at_seconds`, its recording at that moment."""
        try:
            record = self.services.get(record_id)
        except UserError as exc:
            self.show_notice(error_text(exc))
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
        shown = self.areas[key].view_for(type(record))
        if shown is not None:
            self.reveal(shown.editor)
        if at_seconds is not None:
            self._show_moment(record, at_seconds)

    def _open_moment(self, record_id: str, seconds: float) -> None:
        self.open_record(record_id, at_seconds=seconds)

    def _show_moment(self, record: Record, seconds: float) -> None:
        """Open the meeting's recording-and-transcript section and play from `seconds`."""
        list_view = self.areas[self.current_key()].view_for(type(record))
        panel = list_view.editor.transcript if list_view is not None else None
        if list_view is None or panel is None:
            return
        tabs = list_view.editor.tabs
        for index in range(tabs.count()):
            section = tabs.widget(index)
            if section is not None and (section is panel or section.isAncestorOf(panel)):
                tabs.setCurrentIndex(index)
        show_moment = getattr(panel, "show_moment", None)  # the transcript panel's (ui/transcript)
        if callable(show_moment):
            show_moment(seconds)

    def open_bundle_wizard(self) -> QWidget:
        from familyrecord.ui.export.wizard import ExportWizard

        wizard = ExportWizard(self.services, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.wizard = wizard
        came_from = self.focusWidget()
        wizard.finished.connect(lambda _result: self._back_from_dialog(came_from))
        wizard.open()  # modal to this window, but never blocks the event loop
        return wizard

    def _back_from_dialog(self, came_from: QWidget | None) -> None:
        """A closed modal leaves no active window: the first click would only activate this one
        (and be lost), and keys would go nowhere. Make the window active and give focus back."""
        self.window().activateWindow()
        if came_from is not None and isValid(came_from) and came_from.isVisible():
            came_from.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
        else:
            self.nav.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

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
        self._retry.stop()
        self.hide_notice()
        self.title.setText(self.tr("FamilyRecord"))
        self.home.clear()
        self.chronology.clear()
        for area in self.areas.values():
            area.clear()
        self.documents.clear()
        self.search.clear()
