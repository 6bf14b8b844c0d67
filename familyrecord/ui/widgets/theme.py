"""Look and feel: large readable text (scaled up to 200%), light or dark following the system,
generous spacing and a focus outline that is easy to see."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from familyrecord.settings import AppSettings

BASE_POINT_SIZE = 12.0
MIN_SCALE, MAX_SCALE = 100, 200


def is_dark(theme: str) -> bool:
    if theme == "dark":
        return True
    if theme == "light":
        return False
    hints = QGuiApplication.styleHints()
    return bool(hints.colorScheme() == Qt.ColorScheme.Dark)


def _palette(colours: dict[QPalette.ColorRole, str]) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    return palette


def _dark_palette() -> QPalette:
    colours = {
        QPalette.ColorRole.Window: "#1f2327", QPalette.ColorRole.WindowText: "#eceff1",
        QPalette.ColorRole.Base: "#15181b", QPalette.ColorRole.AlternateBase: "#23282d",
        QPalette.ColorRole.Text: "#eceff1", QPalette.ColorRole.Button: "#2b3136",
        QPalette.ColorRole.ButtonText: "#eceff1", QPalette.ColorRole.Highlight: "#5aa9e6",
        QPalette.ColorRole.HighlightedText: "#0b1620", QPalette.ColorRole.ToolTipBase: "#2b3136",
        QPalette.ColorRole.ToolTipText: "#eceff1", QPalette.ColorRole.PlaceholderText: "#aab4bc",
        QPalette.ColorRole.Link: "#8cc8ff", QPalette.ColorRole.Mid: "#4a535b",
    }
    return _palette(colours)


def _light_palette() -> QPalette:
    colours = {
        QPalette.ColorRole.Window: "#f6f5f2", QPalette.ColorRole.WindowText: "#1c1c1c",
        QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.AlternateBase: "#f0efeb",
        QPalette.ColorRole.Text: "#1c1c1c", QPalette.ColorRole.Button: "#ecebe6",
        QPalette.ColorRole.ButtonText: "#1c1c1c", QPalette.ColorRole.Highlight: "#1f5f99",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#ffffe8",
        QPalette.ColorRole.ToolTipText: "#1c1c1c", QPalette.ColorRole.PlaceholderText: "#5f6368",
        QPalette.ColorRole.Link: "#1f5f99", QPalette.ColorRole.Mid: "#b9b7b0",
    }
    return _palette(colours)


def style_sheet(dark: bool, scale: float) -> str:
    focus = "#8cc8ff" if dark else "#1f5f99"
    error = "#ffb4ab" if dark else "#9c2a1f"
    on_focus = "#0b1620" if dark else "#ffffff"
    border = "#6b7680" if dark else "#9a978f"
    h1 = round(BASE_POINT_SIZE * scale * 1.5)
    h2 = round(BASE_POINT_SIZE * scale * 1.2)
    pad = round(6 * scale)
    ind = round(16 * scale)
    return f"""
QLabel[heading="1"] {{ font-size: {h1}pt; font-weight: 600; }}
QLabel[heading="2"] {{ font-size: {h2}pt; font-weight: 600; }}
QLabel[fieldError="true"] {{ color: {error}; font-weight: 600; }}
QLabel[emptyState="true"] {{ font-style: italic; }}
QPushButton, QToolButton[more="true"] {{ border: 1px solid {border}; border-radius: 6px;
    padding: {pad}px {pad * 2}px; }}
QPushButton:hover, QToolButton[more="true"]:hover {{ border-color: {focus}; }}
QToolButton[more="true"]::menu-indicator {{ image: none; width: 0px; }}
QPushButton[quickHide="true"] {{ font-weight: 600; }}
QLineEdit, QPlainTextEdit, QTextEdit {{ border: 1px solid {border}; border-radius: 4px; padding: 2px; }}
QPushButton:focus, QToolButton:focus, QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus,
QAbstractSpinBox:focus, QListView:focus, QTableView:focus, QTabBar::tab:focus {{
    border: 3px solid {focus};
}}
QCheckBox:focus, QRadioButton:focus {{ border: 2px solid {focus}; border-radius: 4px; }}
QCheckBox::indicator, QRadioButton::indicator, QAbstractItemView::indicator {{
    width: {ind}px; height: {ind}px; }}
QListWidget[navigation="true"]::item {{ padding: {pad // 2 + 3}px {pad}px; }}
QPushButton[section="true"] {{ border-radius: 14px; }}
QPushButton[section="true"]:checked {{ background: {focus}; color: {on_focus}; }}
QTabBar::tab {{ padding: {pad}px {pad * 2}px; }}
"""


def apply_appearance(app: QApplication, settings: AppSettings) -> None:
    """Text size, light or dark, and the style sheet; safe to call again after Settings change."""
    scale = min(MAX_SCALE, max(MIN_SCALE, int(settings.text_scale_percent))) / 100
    if not app.property("fusionStyle"):
        # Only once: replacing the style deletes the old one while widgets styled by the style
        # sheet may still use it (Qt crashed when the text size changed with a wizard open).
        # With a style sheet, app.style() is a proxy without a name, hence the property.
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setProperty("fusionStyle", True)
    dark = is_dark(settings.theme)
    app.setPalette(_dark_palette() if dark else _light_palette())
    font = QFont(app.font())
    font.setPointSizeF(BASE_POINT_SIZE * scale)
    app.setFont(font)
    app.setStyleSheet(style_sheet(dark, scale))
