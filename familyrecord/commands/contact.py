"""Kinship commands: `contact` (each arrangement's sessions and what happened to them) and
`money` (due, received and still owed, with an optional CSV file)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from familyrecord.commands.common import add_path_option, opened
from familyrecord.errors import InputError
from familyrecord.formatting import plural, short_date, short_time
from familyrecord.records.enums import CancelledBy, enum_label
from familyrecord.services import Services
from familyrecord.views import schedule
from familyrecord.views.contact import AttendanceSummary, confirm_question, sessions_to_confirm
from familyrecord.views.money import pounds, summary_lines


def repeat_rule_arg(text: str) -> str:
    """argparse type of `add contact-arrangement --repeat`: the rule checked and tidied."""
    try:
        return schedule.check_rule(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.user_message) from None


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("contact", help="contact sessions per arrangement: planned, happened, "
                                       "late, cancelled (by whom), no-show")
    add_path_option(p)
    p.add_argument("--no-plan", action="store_true",
                   help="do not plan new sessions from the schedules first (the app plans them "
                        "when it opens)")
    p.add_argument("--today", type=_day, default=None, metavar="YYYY-MM-DD",
                   help="count as if today were this date")
    p.set_defaults(func=cmd_contact)

    p = sub.add_parser("money", help="allowances and payments due and received, and what is owed")
    add_path_option(p)
    p.add_argument("--csv", type=Path, default=None, metavar="OUT",
                   help="also save the statement as a spreadsheet file (CSV)")
    p.set_defaults(func=cmd_money)


def _cancelled_words(found: AttendanceSummary) -> str:
    words = plural(found.cancelled, "cancelled", "cancelled")
    if found.cancelled_by:
        whom = ", ".join(f"{n} by {_whom(by)}" for by, n in found.cancelled_by.items())
        words += f" ({whom})"
    return words


def _whom(by: CancelledBy) -> str:
    return {CancelledBy.FAMILY: "the family", CancelledBy.CARER: "the carer",
            CancelledBy.COUNCIL: "the council", CancelledBy.CHILD: "the child",
            CancelledBy.OTHER: "someone else"}.get(by, "someone not recorded")


def print_summary(found: AttendanceSummary, today: date) -> None:
    a = found.arrangement
    if a is None:
        print("Sessions not linked to an arrangement")
    else:
        when = schedule.describe_rule(a.repeat_rule, a.starts_on) if a.repeat_rule else a.schedule
        times = (f", {short_time(a.session_start)}–{short_time(a.session_end)}"
                 if a.session_start and a.session_end else "")
        print(f"Contact with {a.with_whom}" + (f" ({when}{times})" if when else ""))
    print(f"  Sessions: {found.planned} planned, {found.happened} happened, {found.late} late, "
          f"{_cancelled_words(found)}, {found.no_show} no-show")
    share = found.share_happened
    if share is None:
        print("  Happened: no outcomes recorded yet")
    else:
        print(f"  Happened: {found.took_place} of {plural(found.answered, 'session')} with an "
              f"outcome ({share:.0%})")
    if found.council_short_notice:
        print(f"  Cancelled by the council with less than 24 hours' notice: "
              f"{len(found.council_short_notice)}")
    waiting = sessions_to_confirm(found.sessions, today)
    for s in waiting[:5]:
        print(f"  To answer: {confirm_question(s, today)} ({s.id})")
    if len(waiting) > 5:
        print(f"  To answer: {len(waiting) - 5} more")


def cmd_contact(args: argparse.Namespace) -> int:
    today = args.today or date.today()
    with opened(args) as services:
        if not args.no_plan:
            made = services.kinship.plan_all(today)
            if made:
                print(f"Planned {plural(len(made), 'new session')} from the schedules.\n")
        summaries = services.kinship.attendance_all()
        if not summaries:
            print("No contact arrangements or sessions yet.")
        for n, found in enumerate(summaries):
            if n:
                print()
            print_summary(found, today)
    return 0


def _money_table(services: Services) -> None:
    found = services.kinship.money_statement()
    if found.rows:
        print(f"{'Date':<11} {'Kind':<32} {'Due':>10} {'Received':>10} {'Owed':>10}")
    for row in found.rows:
        due = pounds(row.due_pence) if row.due_pence else ""
        got = pounds(row.received_pence) if row.received_pence else ""
        print(f"{short_date(row.on):<11} {enum_label(row.kind)[:32]:<32} {due:>10} {got:>10} "
              f"{pounds(row.arrears_pence):>10}")
    if found.rows:
        print()
    for line in summary_lines(found):
        print(line)


def cmd_money(args: argparse.Namespace) -> int:
    with opened(args) as services:
        _money_table(services)
        if args.csv is not None:
            count = services.kinship.export_money_csv(args.csv)
            print(f"Saved {plural(count, 'entry', 'entries')} to {args.csv}")
    return 0
