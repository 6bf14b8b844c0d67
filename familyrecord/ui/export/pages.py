"""The pages of the export wizard: what to include, a preview of the chronology."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from familyrecord.export.options import PD27A_CHRONOLOGY_PAGES, REDACTION_NOTE, ExportOptions
from familyrecord.export.redact import Redactor
from familyrecord.services import Services
from familyrecord.ui.chronology.model import ChronologyModel, configure_table
from familyrecord.ui.widgets.common import QT_DATE
from familyrecord.views.chronology import ROW_KIND_LABELS, RowKind, filtered

ROWS_PER_PAGE = 9


def tr(text: str) -> str:
    return QCoreApplication.translate("ExportWizard", text)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _checklist(name: str) -> QListWidget:
    widget = QListWidget()
    widget.setAccessibleName(name)
    widget.setMaximumHeight(130)
    return widget


class OptionsPage(QWizardPage):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self._services = services
        self.setTitle(tr("What goes into the bundle"))
        self.setSubTitle(tr("Leave everything as it is to include the whole record."))
        form = QFormLayout(self)
        self.use_from, self.date_from = QCheckBox(tr("Only from")), QDateEdit()
        self.use_to, self.date_to = QCheckBox(tr("Only up to")), QDateEdit(QDate.currentDate())
        dates = QHBoxLayout()
        for box, edit, name in ((self.use_from, self.date_from, tr("Start date")),
                                (self.use_to, self.date_to, tr("End date"))):
            box.setAccessibleName(name)
            edit.setAccessibleName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(QT_DATE)
            dates.addWidget(box)
            dates.addWidget(edit)
        form.addRow(tr("Dates"), dates)
        self.children_list = _checklist(tr("Children"))
        form.addRow(tr("Children"), self.children_list)
        self.kinds_list = _checklist(tr("Kinds of entry"))
        for kind, label in ROW_KIND_LABELS.items():
            item = QListWidgetItem(tr(label))
            item.setData(Qt.ItemDataRole.UserRole, kind.value)
            item.setCheckState(Qt.CheckState.Checked)
            self.kinds_list.addItem(item)
        form.addRow(tr("Include"), self.kinds_list)
        self.redact = QLineEdit()
        self.redact.setAccessibleName(tr("Names to show as initials"))
        self.redact.setPlaceholderText(tr("For example: Sarah Ahmed, Linda Carter"))
        form.addRow(tr("Names to show as initials"), self.redact)
        note = QLabel(tr(REDACTION_NOTE))
        note.setWordWrap(True)
        form.addRow("", note)
        self.full_transcripts = QCheckBox(tr("Whole transcripts (otherwise only the disputed and "
                                             "important parts)"))
        self.full_transcripts.setAccessibleName(tr("Whole transcripts"))
        form.addRow(tr("Recordings"), self.full_transcripts)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(tr("Password for the bundle (optional)"))
        form.addRow(tr("Password (optional)"), self.password)
        self.court, self.case_number = QLineEdit(), QLineEdit()
        self.court.setAccessibleName(tr("Court"))
        self.case_number.setAccessibleName(tr("Case number"))
        form.addRow(tr("Court (optional)"), self.court)
        form.addRow(tr("Case number (optional)"), self.case_number)
        self.use_hearing, self.hearing = QCheckBox(tr("Hearing on")), QDateEdit(QDate.currentDate())
        self.use_hearing.setAccessibleName(tr("There is a hearing date"))
        self.hearing.setAccessibleName(tr("Hearing date"))
        self.hearing.setDisplayFormat(QT_DATE)
        hearing = QHBoxLayout()
        hearing.addWidget(self.use_hearing)
        hearing.addWidget(self.hearing)
        form.addRow(tr("Hearing"), hearing)

    def initializePage(self) -> None:
        self.children_list.clear()
        for child in self._services.children():
            item = QListWidgetItem(child.name)
            item.setData(Qt.ItemDataRole.UserRole, child.id)
            item.setCheckState(Qt.CheckState.Checked)
            self.children_list.addItem(item)

    def options(self) -> ExportOptions:
        def checked(widget: QListWidget) -> tuple[list[str], bool]:
            values, every = [], True
            for n in range(widget.count()):
                item = widget.item(n)
                if item.checkState() is Qt.CheckState.Checked:
                    values.append(str(item.data(Qt.ItemDataRole.UserRole)))
                else:
                    every = False
            return values, every

        children, all_children = checked(self.children_list)
        kinds, all_kinds = checked(self.kinds_list)
        return ExportOptions(
            date_from=_pydate(self.date_from.date()) if self.use_from.isChecked() else None,
            date_to=_pydate(self.date_to.date()) if self.use_to.isChecked() else None,
            child_ids=[] if all_children else children,
            kinds=[] if all_kinds else [RowKind(k) for k in kinds] or [RowKind.MANUAL],
            redact_names=[n.strip() for n in self.redact.text().split(",") if n.strip()],
            password=self.password.text(), full_transcripts=self.full_transcripts.isChecked(),
            hearing_date=_pydate(self.hearing.date()) if self.use_hearing.isChecked() else None,
            court=self.court.text().strip(), case_number=self.case_number.text().strip())


class PreviewPage(QWizardPage):
    def __init__(self, services: Services, options_page: OptionsPage) -> None:
        super().__init__()
        self._services, self._options_page = services, options_page
        self.setTitle(tr("Check the chronology"))
        self.setSubTitle(tr("These rows will be in section A. To change a row, use the "
                            "Chronology screen."))
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = ChronologyModel(parent=self)
        self.table = QTableView()
        self.table.setAccessibleName(tr("Chronology preview"))
        self.table.setModel(self.model)
        configure_table(self.table, who=140, source=150)
        layout.addWidget(self.table)

    def initializePage(self) -> None:
        options = self._options_page.options()
        rows = filtered(self._services.chronology.rows(), options.row_filter())
        # Show the rows as the bundle will: with the chosen names already as initials.
        redact = Redactor(options.redact_names)
        self.model.set_rows([replace(r, text=redact(r.text), people=redact(r.people),
                                     source_label=redact(r.source_label)) for r in rows])
        lines = [tr("{count} rows in the chronology.").format(count=len(rows))]
        # About nine rows fit a page; the exact count comes when the bundle is made.
        if len(rows) > PD27A_CHRONOLOGY_PAGES * ROWS_PER_PAGE:
            lines.append(tr("That is likely to be more than {pages} pages. Practice Direction 27A "
                            "asks for a chronology of no more than {pages} pages: consider leaving "
                            "out rows of low importance on the Chronology screen.")
                         .format(pages=PD27A_CHRONOLOGY_PAGES))
        self.summary.setText(" ".join(lines))

    def cleanupPage(self) -> None:
        self.model.set_rows([])
