"""Contact, support and money forms (issues 9 and 13): a session picks its arrangement or is logged
from it; the arrangement's schedule is chosen in words, described, previewed, warned of bank
holidays and plans its sessions on Save; money in pounds and pence; support items with updates."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from familyrecord.records.enums import CancelledBy, SessionStatus, SupportStatus
from familyrecord.records.kinship import MoneyEntry, SupportItem, SupportUpdate
from familyrecord.records.models import ContactArrangement, ContactSession, Correspondence
from familyrecord.services import Services
from familyrecord.ui.app import AppWindow
from familyrecord.ui.records.forms.contact import ContactArrangementForm, ContactSessionForm
from familyrecord.ui.records.forms.schedule_editor import MONTHLY, NONE, OTHER, WEEKLY
from familyrecord.ui.records.forms.support import SupportItemForm, UpdateRow
from familyrecord.ui.records.record_view import RecordListView
from familyrecord.ui.widgets.dates import DateField, TimeField
from tests.ui.uihelpers import make_window, view

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, services: Services, vault_path: Path) -> AppWindow:
    return make_window(qtbot, vault_path, services)


def listed(window: AppWindow, area: str, cls: type) -> RecordListView:
    assert window.main is not None
    found = window.main.areas[area].view_for(cls)
    assert found is not None
    view(window, area, window.main.areas[area].views.index(found))
    return found


def type_into(qtbot: QtBot, field: DateField | TimeField | QLineEdit, text: str) -> None:
    line = field if isinstance(field, QLineEdit) else field.line
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Tab)


def next_weekday(weekday: int, after: date) -> date:
    return after + timedelta(days=(weekday - after.weekday()) % 7 or 7)


def test_a_session_picks_its_arrangement_and_cancelled_by_starts_neutral(
        qtbot: QtBot, window: AppWindow, services: Services) -> None:
    arrangement = services.save(ContactArrangement(with_whom="Grandma Jean", supervised=True,
                                                   supervisor="Amir Khan", session_start=time(16),
                                                   session_end=time(17, 30)))
    sessions = listed(window, "contact", ContactSession)
    sessions.new_record()
    form = sessions.editor.form
    assert isinstance(form, ContactSessionForm)
    picker = form.arrangement
    assert [picker.itemText(i) for i in range(picker.count())] == [
        "None (not part of an arrangement)", "Contact with Grandma Jean"]
    assert picker.currentIndex() == 0
    assert form.cancelled_by.currentText() == "Not cancelled"  # not "On this date"
    picker.setCurrentIndex(1)
    picker.activated.emit(1)  # as a person choosing it does
    with_whom = form.bindings["with_whom"].widget
    assert isinstance(with_whom, QLineEdit) and with_whom.text() == "Grandma Jean"
    planned = form.bindings["planned_start"].widget
    assert isinstance(planned, TimeField) and planned.text() == "16:00"
    session_date = form.bindings["session_date"].widget
    assert isinstance(session_date, DateField)
    type_into(qtbot, session_date, "6/1/2026")
    saved = sessions.editor.save()
    assert isinstance(saved, ContactSession)
    assert (saved.arrangement_id, saved.supervisor, saved.cancelled_by) == (
        arrangement.id, "Amir Khan", CancelledBy.NOT_CANCELLED)
    assert [s.id for s in services.kinship.sessions_of(arrangement.id)] == [saved.id]


def test_late_and_notice_show_when_they_matter(qtbot: QtBot, window: AppWindow, services: Services) -> None:
    sessions = listed(window, "contact", ContactSession)
    sessions.new_record()
    form = sessions.editor.form
    assert isinstance(form, ContactSessionForm)
    late, notice = form.bindings["late_minutes"].holder, form.bindings["notice_hours"].holder
    assert late is not None and notice is not None
    assert late.isHidden() and notice.isHidden()
    form.status.set_value(SessionStatus.LATE)
    assert not late.isHidden() and notice.isHidden()
    type_into(qtbot, form.late, "20")
    form.cancelled_by.set_value(CancelledBy.COUNCIL)  # saying who cancelled means it was cancelled
    assert form.status.value() is SessionStatus.CANCELLED
    assert late.isHidden() and not notice.isHidden()
    type_into(qtbot, form.notice, "1.5")
    date_field = form.bindings["session_date"].widget
    assert isinstance(date_field, DateField)
    type_into(qtbot, date_field, "yesterday")
    saved = sessions.editor.save()
    assert isinstance(saved, ContactSession)
    assert (saved.status, saved.cancelled_by, saved.notice_hours, saved.late_minutes) == (
        SessionStatus.CANCELLED, CancelledBy.COUNCIL, 1.5, None)
    type_into(qtbot, form.notice, "two hours")
    assert sessions.editor.save() is None
    assert sessions.editor.message.text().startswith("Not saved yet: “Notice given (hours)”: ")


def test_log_a_session_from_its_arrangement(qtbot: QtBot, window: AppWindow, services: Services,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    arrangement = services.save(ContactArrangement(with_whom="Dad", session_start=time(10)))
    arrangements = listed(window, "contact", ContactArrangement)
    arrangements.new_record()
    form = arrangements.editor.form
    assert isinstance(form, ContactArrangementForm)
    assert not form.log_button.isEnabled() and not form.attendance_button.isEnabled()  # save it first
    arrangements.refresh()
    arrangements.open_record(arrangement)
    assert form.log_button.isEnabled()
    qtbot.mouseClick(form.log_button, Qt.MouseButton.LeftButton)
    sessions = window.main.areas["contact"].view_for(ContactSession)  # type: ignore[union-attr]
    assert sessions is not None and window.main.areas["contact"].tabs.currentWidget() is sessions  # type: ignore[union-attr]
    session_form = sessions.editor.form
    assert isinstance(session_form, ContactSessionForm)
    assert session_form.arrangement.value() == arrangement.id
    assert sessions.editor.title.full_title() == "New contact session"
    saved = sessions.editor.save()
    assert isinstance(saved, ContactSession)
    assert (saved.arrangement_id, saved.with_whom, saved.session_date, saved.planned_start) == (
        arrangement.id, "Dad", date.today(), time(10))
    # Attendance… opens the attendance view of this arrangement.
    opened: list[tuple[object, ...]] = []
    import familyrecord.ui.contact as contact_package
    import familyrecord.ui.contact.attendance as attendance

    for module in (contact_package, attendance):
        monkeypatch.setattr(module, "open_attendance", lambda *args: opened.append(args), raising=False)
    arrangements = listed(window, "contact", ContactArrangement)
    qtbot.mouseClick(form.attendance_button, Qt.MouseButton.LeftButton)
    assert opened == [(form, services, arrangement.id)]


def test_the_schedule_is_chosen_in_words_and_plans_sessions(qtbot: QtBot, window: AppWindow,
                                                            services: Services) -> None:
    arrangements = listed(window, "contact", ContactArrangement)
    arrangements.new_record()
    form = arrangements.editor.form
    assert isinstance(form, ContactArrangementForm)
    editor = form.schedule_editor
    assert editor.pattern.currentIndex() == NONE
    type_into(qtbot, form.bindings["with_whom"].widget, "Grandma Jean")  # type: ignore[arg-type]
    first = next_weekday(1, date.today())  # next Tuesday
    type_into(qtbot, form.bindings["starts_on"].widget, first.strftime("%d/%m/%Y"))  # type: ignore[arg-type]
    type_into(qtbot, form.bindings["session_start"].widget, "4pm")  # type: ignore[arg-type]
    type_into(qtbot, form.bindings["session_end"].widget, "5.30pm")  # type: ignore[arg-type]
    editor.pattern.setCurrentIndex(WEEKLY)
    assert editor.days[1].isChecked()  # the start date's weekday, ticked for a start
    editor.every_weeks.setValue(2)
    assert editor.rule_text() == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    assert editor.described.text() == "Every other Tuesday, 16:00 to 17:30."
    lines = editor.upcoming.text().splitlines()
    assert lines[0] == "Next sessions:" and len(lines) == 7
    assert lines[1].startswith("Tuesday ") and str(first.day) in lines[1]
    saved = arrangements.editor.save()
    assert isinstance(saved, ContactArrangement)
    assert saved.repeat_rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    assert saved.schedule == "Every other Tuesday, 16:00 to 17:30"  # for the list, in words
    planned = services.kinship.sessions_of(saved.id)
    assert planned and all(s.session_date is not None and s.session_date.weekday() == 1 for s in planned)
    assert [s.session_date for s in planned][:2] == [first, first + timedelta(days=14)]
    assert all(s.planned_start == time(16) and s.from_schedule for s in planned)
    assert arrangements.editor.message.text() == f"Saved. Sessions planned: {len(planned)}."
    # Opened again, the pattern shows the rule.
    arrangements.open_record(saved)
    assert editor.pattern.currentIndex() == WEEKLY and editor.every_weeks.value() == 2
    assert [box.isChecked() for box in editor.days] == [False, True, False, False, False, False, False]


def test_monthly_and_other_rules(qtbot: QtBot, window: AppWindow) -> None:
    arrangements = listed(window, "contact", ContactArrangement)
    arrangements.new_record()
    form = arrangements.editor.form
    assert isinstance(form, ContactArrangementForm)
    editor = form.schedule_editor
    editor.set_rule("FREQ=MONTHLY;BYDAY=1SA")
    assert editor.pattern.currentIndex() == MONTHLY
    assert (editor.nth.currentText(), editor.month_day.currentText()) == ("The first", "Saturday")
    assert editor.described.text() == "The first Saturday of each month."
    editor.nth.setCurrentIndex(4)
    assert editor.rule_text() == "FREQ=MONTHLY;BYDAY=-1SA"
    editor.set_rule("FREQ=DAILY;INTERVAL=3")  # set elsewhere: kept as it is
    assert editor.pattern.currentIndex() == OTHER and editor.rule_text() == "FREQ=DAILY;INTERVAL=3"
    editor.pattern.setCurrentIndex(WEEKLY)
    for box in editor.days:
        box.setChecked(False)
    assert editor.described.text() == "Please tick the day or days contact happens."
    assert arrangements.editor.save() is None
    assert arrangements.editor.message.text() == (
        "Not saved yet: “How often”: please tick the day or days contact happens.")


def test_bank_holidays_are_warned_and_can_be_skipped(qtbot: QtBot, window: AppWindow,
                                                     services: Services) -> None:
    arrangements = listed(window, "contact", ContactArrangement)
    arrangements.new_record()
    form = arrangements.editor.form
    assert isinstance(form, ContactArrangementForm)
    editor = form.schedule_editor
    editor.today = lambda: date(2026, 12, 1)
    type_into(qtbot, form.bindings["with_whom"].widget, "Mum")  # type: ignore[arg-type]
    type_into(qtbot, form.bindings["starts_on"].widget, "7/12/2026")  # type: ignore[arg-type]
    editor.set_rule("FREQ=WEEKLY;BYDAY=MO")
    # Boxing Day 2026 is a Saturday: its bank holiday is Monday 28 December (worked out by hand).
    warning = editor.clashes.text()
    assert "Monday 28 December 2026" in warning and "Monday 29 March 2027" in warning
    assert not editor.skip_button.isHidden()
    qtbot.mouseClick(editor.skip_button, Qt.MouseButton.LeftButton)
    assert editor.clashes.isHidden()
    skipped = [row.value() for row in form.skipped.contents()]
    assert date(2026, 12, 28) in skipped and date(2027, 3, 29) in skipped
    assert "Monday 28 December 2026" not in editor.upcoming.text()
    saved = arrangements.editor.save()
    assert isinstance(saved, ContactArrangement)
    assert date(2026, 12, 28) in saved.skipped_dates and saved.skipped_dates == sorted(saved.skipped_dates)


def test_money_in_pounds_and_pence(qtbot: QtBot, window: AppWindow, services: Services) -> None:
    money = listed(window, "support", MoneyEntry)
    form = money.editor.form
    amount = form.bindings["amount_pence"].widget
    assert isinstance(amount, QLineEdit)
    for typed, pence in (("£125.50", 12550), ("12.5", 1250), ("1,200", 120000), ("50p", 50)):
        money.new_record()
        type_into(qtbot, form.bindings["on"].widget, "1/4/2026")  # type: ignore[arg-type]
        type_into(qtbot, amount, typed)
        saved = money.editor.save()
        assert isinstance(saved, MoneyEntry) and saved.amount_pence == pence, typed
    assert amount.text() == "£0.50"
    type_into(qtbot, amount, "twelve pounds")
    assert money.editor.save() is None
    assert money.editor.message.text().startswith("Not saved yet: “Amount”: “twelve pounds” is not an amount")


def test_support_item_with_its_updates_and_evidence(qtbot: QtBot, window: AppWindow,
                                                    services: Services) -> None:
    letter = services.save(Correspondence(subject="Respite agreed", dated=date(2026, 2, 2)))
    support = listed(window, "support", SupportItem)
    support.new_record()
    form = support.editor.form
    assert isinstance(form, SupportItemForm)
    type_into(qtbot, form.bindings["what"].widget, "Respite one weekend a month")  # type: ignore[arg-type]
    form.source.set_value(letter.id)
    row = form.updates.add_row()
    assert isinstance(row, UpdateRow)
    row.status.set_value(SupportStatus.LATE)
    type_into(qtbot, row.on, "3 March 2026")
    row.note.setText("Nothing arranged yet")
    assert [row.evidence.itemText(i) for i in range(row.evidence.count())] == [
        "No letter or meeting", "02/02/2026: Respite agreed"]
    row.evidence.set_value(letter.id)
    saved = support.editor.save()
    assert isinstance(saved, SupportItem)
    assert saved.source_record_id == letter.id
    assert [(u.status, u.on, u.note, u.evidence_record_id) for u in saved.updates] == [
        (SupportStatus.LATE, date(2026, 3, 3), "Nothing arranged yet", letter.id)]
    assert saved.status is SupportStatus.LATE
    # Opened again, the updates are there to add to.
    support.open_record(saved)
    assert len(form.updates.contents()) == 1
    assert isinstance(form.updates.contents()[0].value(), SupportUpdate)
    QApplication.processEvents()
