"""Search over everything: one box, results with the matching words highlighted, Enter opens.

Each result says where the words were found: the entry itself, its recording's transcript (and
when in the recording: Enter opens the meeting there and plays from that moment), or a file's
text. British and American spellings find each other (the index does that, storage.search).
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from familyrecord.formatting import plural, short_date
from familyrecord.services import Services
from familyrecord.storage.search import SearchHit
from familyrecord.ui.widgets.common import named
from familyrecord.ui.widgets.labels import kind_label

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
MOMENT_ROLE = Qt.ItemDataRole.UserRole + 3  # seconds into the recording, for a transcript hit
Index = QModelIndex | QPersistentModelIndex


def tr(text: str) -> str:
    return QCoreApplication.translate("SearchView", text)


def clock(seconds: float) -> str:
    """A moment in a recording as people read it: 4:05, or 1:02:05 past the hour."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def found_in(hit: SearchHit) -> str:
    """Where the words were found, in plain words."""
    if hit.source.startswith("transcript:"):
        if hit.at_seconds is None:
            return tr("Found in the recording's transcript")
        return tr("Found in the recording's transcript at %1").replace("%1", clock(hit.at_seconds))
    if hit.source.startswith("attachment:"):
        return tr("Found in the text of a file")
    if hit.source.startswith("reading:"):
        return tr("Found in the words read from a picture or scan")
    return tr("Found in the entry")


def _hit_date(sort_date: str | None) -> str:
    """The stored ISO date of a hit as people read it ("" when there is none)."""
    try:
        return short_date(date.fromisoformat(sort_date[:10])) if sort_date else ""
    except ValueError:
        return ""


def hit_html(hit: SearchHit) -> str:
    """Summary line and the snippet with matches in bold; everything else escaped."""
    parts = "".join(f"<b><u>{html.escape(text)}</u></b>" if match else html.escape(text)
                    for text, match in hit.snippet_parts())
    where = kind_label(hit.kind)
    when = _hit_date(hit.sort_date)
    dated = f" · {when}" if when else ""
    heading = f"<b>{html.escape(hit.summary)}</b> <i>({html.escape(where)}{dated})</i>"
    return f"<div>{heading}</div><div><i>{html.escape(found_in(hit))}:</i> {parts}</div>"


class SearchResultsModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def clear(self) -> None:
        self.set_hits([])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{hit.summary}. {found_in(hit)}: {hit.plain_snippet()}"
        if role == HTML_ROLE:
            return hit_html(hit)
        if role == ID_ROLE:
            return hit.record_id
        if role == MOMENT_ROLE:
            return hit.at_seconds
        return None


class HtmlDelegate(QStyledItemDelegate):
    """Paints a result's HTML so the matching words stand out."""

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(str(index.data(HTML_ROLE) or ""))
        doc.setTextWidth(max(200, option.rect.width() - 12))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        doc = self._document(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.translate(6, 4)
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()) + 12, int(doc.size().height()) + 10)


class SearchView(QWidget):
    open_record = Signal(str)
    open_moment = Signal(str, float)  # a meeting, and the moment of its recording to play from

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.setAccessibleName(self.tr("Search"))
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Search"))
        title.setProperty("heading", 1)
        layout.addWidget(title)
        self.box = named(QLineEdit(), self.tr("Search everything"),
                         self.tr("Search meetings, letters, notes, transcripts and documents (Ctrl+F)"))
        self.box.setPlaceholderText(self.tr("Type words to find, for example a name or \"minutes\""))
        self.box.setClearButtonEnabled(True)
        layout.addWidget(self.box)
        self.status = QLabel(self.tr("Search looks through everything you have written and added."))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.model = SearchResultsModel()
        self.results = named(QListView(), self.tr("Search results"))
        self.results.setModel(self.model)
        self.results.setItemDelegate(HtmlDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setAlternatingRowColors(True)
        self.results.activated.connect(self._open)
        layout.addWidget(self.results, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)  # search once typing pauses
        self._timer.timeout.connect(self.run_search)
        self.box.textChanged.connect(lambda _text: self._timer.start())
        self.box.returnPressed.connect(self._enter)

    def _enter(self) -> None:
        self.run_search()
        if self.model.rowCount() > 0:
            self.results.setFocus()
            self.results.setCurrentIndex(self.model.index(0, 0))

    def run_search(self) -> None:
        self._timer.stop()
        text = self.box.text().strip()
        if not text or self._services.is_locked:
            self.model.clear()
            self.status.setText(self.tr("Search looks through everything you have written and added."))
            return
        hits = self._services.search(text)
        self.model.set_hits(hits)
        self.status.setText(self.tr("Nothing found. Try fewer or different words.") if not hits else
                            self.tr("Found: %1. Press Enter on one to open it.").replace(
                                "%1", plural(len(hits), "result")))

    def _open(self, index: QModelIndex) -> None:
        record_id = index.data(ID_ROLE)
        moment = index.data(MOMENT_ROLE)
        if record_id and moment is not None:
            self.open_moment.emit(str(record_id), float(moment))
        elif record_id:
            self.open_record.emit(str(record_id))

    def focus_box(self) -> None:
        self.box.setFocus()
        self.box.selectAll()

    def clear(self) -> None:
        self._timer.stop()
        self.box.clear()
        self.model.clear()
