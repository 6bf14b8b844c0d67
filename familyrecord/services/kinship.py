"""The kinship verbs (reached as `services.kinship`): contact that plans itself from the
arrangement's schedule, one-click answers to "did it happen?", attendance, the support plan
and money.

Planning is idempotent: a session is planned for a date only when the arrangement has no
session on that date (answered, archived or typed in by hand included). Changing a schedule
touches future sessions only, and only those the schedule made and nobody has answered or
written in; past and logged sessions are kept as they are. Several saves are one unit
(`records.together()`): the journal shows one change, and a failure leaves nothing half done.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from familyrecord.errors import InputError
from familyrecord.export.money_csv import save_money_csv
from familyrecord.records.enums import CancelledBy, SessionStatus, SupportStatus
from familyrecord.records.kinship import LetterboxItem, MoneyEntry, SupportItem, SupportUpdate
from familyrecord.records.models import ContactArrangement, ContactSession
from familyrecord.storage.stores import Stores
from familyrecord.views import contact, money, schedule, support
from familyrecord.views.contact import AttendanceSummary, MonthCalendar

log = logging.getLogger(__name__)

PLAN_AHEAD_DAYS = 8 * 7  # planned sessions reach eight weeks ahead
LOOK_BACK_DAYS = 28  # a new schedule also plans the last four weeks, to be answered from Home


@dataclass(frozen=True)
class ScheduleChange:
    added: tuple[ContactSession, ...]
    moved: tuple[ContactSession, ...]  # kept on their date, with the new times or details
    removed: tuple[ContactSession, ...]


class KinshipService:
    def __init__(self, stores: Stores) -> None:
        self._stores = stores
        self._records = stores.records

    # ---- contact: planning ---------------------------------------------------------------

    def sessions_of(self, arrangement_id: str, *, include_archived: bool = False) -> list[ContactSession]:
        return [s for s in self._records.repo(ContactSession).list(include_archived=include_archived,
                                                                   newest_first=False)
                if s.arrangement_id == arrangement_id]

    def plan_sessions(self, arrangement: ContactArrangement, until: date | None = None, *,
                      since: date | None = None, today: date | None = None) -> list[ContactSession]:
        """Plan the arrangement's sessions up to `until` (eight weeks ahead by default).

        Without `since`, planning carries on from the last session the schedule made, looking
        back at most four weeks (a new arrangement's recent sessions can still be answered).
        Returns the sessions it created; running it again creates none.
        """
        today = today or date.today()
        until = until or today + timedelta(days=PLAN_AHEAD_DAYS)
        with self._records.together():
            existing = self.sessions_of(arrangement.id, include_archived=True)
            if since is None:
                since = today - timedelta(days=LOOK_BACK_DAYS)
                made = [s.session_date for s in existing if s.from_schedule and s.session_date]
                if made:
                    since = max(since, max(made) + timedelta(days=1))
            taken = {s.session_date for s in existing}
            created = []
            for day in schedule.session_dates(arrangement, since=since, until=until):
                if day not in taken:
                    created.append(self._records.save(self._planned(arrangement, day)))
        return created

    def plan_all(self, today: date | None = None) -> list[ContactSession]:
        """Plan every current arrangement with a schedule (the app runs this when it opens).

        An arrangement whose rule cannot be read (typed in elsewhere) is passed over, so one
        bad rule does not stop the others; its form shows why (`schedule.check_rule`).
        """
        created: list[ContactSession] = []
        with self._records.together():
            for arrangement in self.arrangements():
                if not arrangement.repeat_rule.strip():
                    continue
                try:
                    created += self.plan_sessions(arrangement, today=today)
                except schedule.RuleError:
                    log.warning("arrangement %s has a repeat rule that cannot be used", arrangement.id)
        if created:
            log.info("planned %d contact sessions", len(created))
        return created

    def change_schedule(self, arrangement: ContactArrangement, *, today: date | None = None,
                        until: date | None = None) -> ScheduleChange:
        """Save the arrangement (new or edited) and re-plan its future.

        Sessions after today that the schedule made and nobody has touched are moved to the new
        times, or removed when the new schedule has no session that day; missing ones are added
        from today. Past sessions and any session with an answer or a note are kept.
        """
        today = today or date.today()
        until = until or today + timedelta(days=PLAN_AHEAD_DAYS)
        if arrangement.repeat_rule.strip():
            arrangement.repeat_rule = schedule.check_rule(arrangement.repeat_rule)
        with self._records.together():
            saved = self._records.save(arrangement)
            wanted = set(schedule.session_dates(saved, since=today + timedelta(days=1), until=until))
            moved, removed = [], []
            for s in self.sessions_of(saved.id, include_archived=True):
                if not (_untouched(s) and s.session_date is not None and s.session_date > today):
                    continue
                if s.session_date not in wanted:
                    self._records.repo(ContactSession).delete(s.id)
                    removed.append(s)
                    continue
                fresh = self._planned(saved, s.session_date)
                fresh = dataclasses.replace(fresh, id=s.id, created_at=s.created_at,
                                            updated_at=s.updated_at)
                if _details(fresh) != _details(s):
                    moved.append(self._records.save(fresh))
            added = self.plan_sessions(saved, until, since=today, today=today)
        return ScheduleChange(tuple(added), tuple(moved), tuple(removed))

    def skip_session(self, session_id: str) -> ContactArrangement:
        """"This one was never due": skip its date in the schedule and remove the planned session."""
        session = self._session(session_id)
        if session.status is not SessionStatus.PLANNED or not session.arrangement_id:
            raise InputError("not a planned session", user_message="Only a planned session of a "
                             "schedule can be skipped. Record what happened instead.")
        arrangement = self._records.repo(ContactArrangement).get(session.arrangement_id)
        assert session.session_date is not None
        with self._records.together():
            if session.session_date not in arrangement.skipped_dates:
                arrangement.skipped_dates = sorted([*arrangement.skipped_dates, session.session_date])
                arrangement = self._records.save(arrangement)
            self._records.repo(ContactSession).delete(session.id)
        return arrangement

    @staticmethod
    def _planned(arrangement: ContactArrangement, day: date) -> ContactSession:
        return ContactSession(
            arrangement_id=arrangement.id, child_ids=list(arrangement.child_ids),
            with_whom=arrangement.with_whom, session_date=day,
            planned_start=arrangement.session_start, planned_end=arrangement.session_end,
            supervisor=arrangement.supervisor if arrangement.supervised else "",
            status=SessionStatus.PLANNED, from_schedule=True)

    # ---- contact: answers and attendance --------------------------------------------------

    def confirm(self, session_id: str, outcome: SessionStatus, *, late_minutes: int | None = None,
                cancelled_by: CancelledBy = CancelledBy.NOT_CANCELLED,
                notice_hours: float | None = None, note: str | None = None,
                wellbeing: str | None = None) -> ContactSession:
        """Record what happened to a session in one click. PLANNED undoes an answer.

        Details that do not fit the outcome are cleared (a session that happened has no
        canceller). A note or wellbeing text of None leaves what is there.
        """
        session = self._session(session_id)
        session.status = outcome
        session.late_minutes = late_minutes if outcome is SessionStatus.LATE else None
        cancelled = outcome is SessionStatus.CANCELLED
        session.cancelled_by = cancelled_by if cancelled else CancelledBy.NOT_CANCELLED
        session.notice_hours = notice_hours if cancelled else None
        if note is not None:
            session.notes = note.strip()
        if wellbeing is not None:
            session.child_wellbeing = wellbeing.strip()
        return self._records.save(session)

    def to_confirm(self, today: date | None = None) -> list[ContactSession]:
        """Past sessions still planned, oldest first: Home asks "Did Tuesday's contact happen?"."""
        today = today or date.today()
        return contact.sessions_to_confirm(
            self._records.repo(ContactSession).list(date_to=today - timedelta(days=1),
                                                    newest_first=False), today)

    def arrangements(self, *, include_archived: bool = False) -> list[ContactArrangement]:
        return self._records.repo(ContactArrangement).list(include_archived=include_archived,
                                                           newest_first=False)

    def attendance(self, arrangement_id: str) -> AttendanceSummary:
        arrangement = self._records.repo(ContactArrangement).get(arrangement_id)
        return contact.summarise(self.sessions_of(arrangement_id), arrangement)

    def attendance_all(self) -> list[AttendanceSummary]:
        """One summary per arrangement (oldest first), then sessions linked to none."""
        sessions = self._records.repo(ContactSession).list(newest_first=False)
        return contact.by_arrangement(self.arrangements(), sessions)

    def month(self, arrangement_id: str, year: int, month: int,
              today: date | None = None) -> MonthCalendar:
        return contact.month_calendar(self.sessions_of(arrangement_id), year, month,
                                      today or date.today())

    def _session(self, session_id: str) -> ContactSession:
        return self._records.repo(ContactSession).get(session_id)

    # ---- letterbox ----------------------------------------------------------------------

    def letterbox(self, *, include_archived: bool = False) -> list[LetterboxItem]:
        """Letters, cards and photos, newest first."""
        return self._records.repo(LetterboxItem).list(include_archived=include_archived)

    def mark_passed_on(self, item_id: str, passed_on: bool | None, on: date | None = None) -> LetterboxItem:
        item = self._records.repo(LetterboxItem).get(item_id)
        item.passed_on = passed_on
        item.passed_on_date = on if passed_on else None
        return self._records.save(item)

    # ---- support plan --------------------------------------------------------------------

    def support_items(self) -> list[SupportItem]:
        return self._records.repo(SupportItem).list(newest_first=False)

    def update_support(self, item_id: str, status: SupportStatus, on: date, *, note: str = "",
                       evidence_record_id: str = "") -> SupportItem:
        """Add what happened to a promised item (delivered, late, partly, not delivered)."""
        if evidence_record_id and not self._records.exists(evidence_record_id):
            raise InputError("no such evidence", user_message="The letter or meeting chosen as "
                                                              "evidence is no longer in the record.")
        item = self._records.repo(SupportItem).get(item_id)
        item.updates = [*item.updates, SupportUpdate(on=on, status=status, note=note.strip(),
                                                     evidence_record_id=evidence_record_id)]
        return self._records.save(item)

    def support_summary(self, today: date | None = None) -> support.SupportSummary:
        return support.summary(self.support_items(), today or date.today())

    def support_lines(self, today: date | None = None) -> list[str]:
        return support.summary_lines(self.support_items(), today or date.today())

    # ---- money ---------------------------------------------------------------------------

    def money_entries(self) -> list[MoneyEntry]:
        return self._records.repo(MoneyEntry).list(newest_first=False)

    def money_statement(self, until: date | None = None) -> money.MoneyStatement:
        return money.statement(self.money_entries(), until=until)

    def export_money_csv(self, path: Path) -> int:
        """Save the money statement as CSV and note the export in the journal; returns entries."""
        count = save_money_csv(self.money_entries(), Path(path))
        self._stores.log_export("money", {"format": "csv", "entries": count})
        return count


def _untouched(session: ContactSession) -> bool:
    """Made by the schedule and never answered or written in: safe to move or remove."""
    return (session.from_schedule and session.status is SessionStatus.PLANNED
            and not session.archived
            and not (session.notes or session.child_wellbeing or session.notice_given
                     or session.actual_start or session.actual_end or session.expenses_pence))


def _details(session: ContactSession) -> tuple[object, ...]:
    return (session.planned_start, session.planned_end, session.with_whom, session.supervisor,
            tuple(session.child_ids))
