"""Deadline commands: due, calendar, propose and chase.

`due` lists what is late and what is coming up, counted in working days; `calendar` writes an .ics
file (plain titles unless asked) for a phone's calendar; `propose` shows, and with --accept saves,
the deadlines an existing record starts; `chase` drafts a letter chasing a late deadline.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from familyrecord.commands.common import add_path_option, opened, vault_path
from familyrecord.errors import InputError
from familyrecord.formatting import plural, short_date
from familyrecord.records.enums import DeadlineWho
from familyrecord.records.models import Deadline, Meeting
from familyrecord.services import Services
from familyrecord.timescales.propose import Proposal
from familyrecord.views.due import DueItem

WHOSE: dict[DeadlineWho, str] = {
    DeadlineWho.YOU: "your step",
    DeadlineWho.LOCAL_AUTHORITY: "the council's step",
    DeadlineWho.COURT: "the court's step",
    DeadlineWho.UNSAID: "",
}


def _day(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {raw!r}") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("due", help="deadlines that are late or coming up, in working days")
    add_path_option(p)
    p.add_argument("--days", type=int, default=None, metavar="N",
                   help="only list what is due in the next N days (late ones are always listed)")
    p.add_argument("--today", type=_day, default=None, metavar="YYYY-MM-DD",
                   help="count from this day instead of today")
    p.set_defaults(func=cmd_due)

    p = sub.add_parser("calendar", help="write meetings and deadlines to an .ics calendar file")
    add_path_option(p)
    p.add_argument("--out", type=Path, required=True, metavar="FILE.ics", help="the file to write")
    p.add_argument("--real-titles", action="store_true",
                   help="use the real titles (the default is plain ones: 'Meeting', 'Deadline', "
                        "so a phone's lock screen shows nothing private)")
    p.add_argument("--from", dest="date_from", type=_day, default=None, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_day, default=None, metavar="YYYY-MM-DD")
    p.add_argument("--include-done", action="store_true", help="also the deadlines already done")
    p.set_defaults(func=cmd_calendar)

    p = sub.add_parser("propose", help="the deadlines a saved record starts (--accept saves them)")
    add_path_option(p)
    p.add_argument("record_id")
    p.add_argument("--accept", action="store_true", help="save them as deadlines")
    p.set_defaults(func=cmd_propose)

    p = sub.add_parser("chase", help="draft a letter chasing a late deadline of the council's")
    add_path_option(p)
    p.add_argument("deadline_id")
    p.add_argument("--today", type=_day, default=None, metavar="YYYY-MM-DD",
                   help="date the letter this day instead of today")
    p.set_defaults(func=cmd_chase)


# ---- due ---------------------------------------------------------------------------------------

def due_lines(item: DueItem, chase_command: str = "") -> list[str]:
    """How one deadline is listed: date, title, whose step and how it stands; advice when late."""
    whose = WHOSE[item.who]
    standing = f"{whose}; {item.status}" if whose else item.status
    lines = [f"  {short_date(item.due_on)}  {item.deadline.title}  ({standing})"]
    if item.advice:
        lines.append(f"      What you can do: {item.advice}")
    if item.can_chase and chase_command:
        lines.append(f"      To draft that letter: {chase_command} {item.deadline.id}")
    return lines


def cmd_due(args: argparse.Namespace) -> int:
    today = args.today or date.today()
    with opened(args) as services:
        listing = services.deadlines.due(today, days_ahead=args.days)
    if listing.is_empty():
        print("Nothing is due.")
        return 0
    chase = f"familyrecord chase --path {vault_path(args)}"
    if listing.late:
        print(f"Late ({len(listing.late)}):")
        for item in listing.late:
            print("\n".join(due_lines(item, chase)))
    if listing.upcoming:
        print(f"Coming up ({len(listing.upcoming)}):")
        for item in listing.upcoming:
            print("\n".join(due_lines(item)))
    return 0


# ---- calendar ------------------------------------------------------------------------------------

def write_private_atomically(destination: Path, data: bytes) -> None:
    """Write a whole file or nothing: a temporary name beside it (owner-only from the first byte),
    fsync, then rename over the destination."""
    destination = Path(destination)
    partial = destination.with_name(f".{destination.name}.partial-{secrets.token_hex(4)}")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, destination)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    with contextlib.suppress(OSError):  # some file systems cannot sync a folder; the file is whole
        folder = os.open(destination.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def cmd_calendar(args: argparse.Namespace) -> int:
    if args.date_from and args.date_to and args.date_to < args.date_from:
        raise InputError("calendar --to before --from",
                         user_message="The --to date is before the --from date.")
    out = Path(args.out)
    if not out.parent.is_dir():
        raise InputError("calendar folder missing",
                         user_message=f"There is no folder {out.parent} to put the calendar in.")
    with opened(args) as services:
        chosen = services.deadlines.calendar_choices(date_from=args.date_from, date_to=args.date_to,
                                                     include_done=args.include_done)
        if not chosen:
            raise InputError("nothing for the calendar", user_message=(
                "There are no meetings or deadlines to put on the calendar in those dates."))
        data = services.deadlines.calendar(chosen, plain_titles=not args.real_titles)
        try:
            write_private_atomically(out, data)
        except OSError as exc:
            raise InputError(f"calendar write failed: {exc.strerror}", user_message=(
                f"FamilyRecord could not write {out.name}: {exc.strerror}.")) from None
        _log_calendar(services, chosen, args)
    meetings = sum(isinstance(r, Meeting) for r in chosen)
    deadlines = sum(isinstance(r, Deadline) for r in chosen)
    print(f"Wrote {plural(meetings, 'meeting')} and {plural(deadlines, 'deadline')} to {out}.")
    print("The titles are real: anyone who sees your calendar can read them." if args.real_titles
          else 'The titles are plain ("Meeting", "Deadline"), so they say nothing private.')
    return 0


def _log_calendar(services: Services, chosen: Sequence[object], args: argparse.Namespace) -> None:
    services.log_export("calendar", {
        "items": len(chosen), "real_titles": bool(args.real_titles),
        "from": args.date_from.isoformat() if args.date_from else "",
        "to": args.date_to.isoformat() if args.date_to else "",
    })


# ---- propose and chase ---------------------------------------------------------------------------

def proposal_lines(proposals: Sequence[Proposal]) -> list[str]:
    """The proposed deadlines in plain words, soonest first: the date, then the rule."""
    lines = []
    for proposal in sorted(proposals, key=lambda p: p.due):
        local = " Check your local procedures." if proposal.local_practice else ""
        lines.append(f"  {short_date(proposal.due)}  {proposal.wording}{local}")
    return lines


def cmd_propose(args: argparse.Namespace) -> int:
    with opened(args) as services:
        record = services.get(args.record_id)
        proposals = services.deadlines.proposals(record)
        if not proposals:
            print("This record starts no deadlines.")
            return 0
        print("Deadlines this record proposes:")
        print("\n".join(proposal_lines(proposals)))
        if args.accept:
            before = {d.rule_id for d in services.deadlines.linked(record)}
            new = sum(p.rule_id not in before for p in proposals)
            services.deadlines.accept(record, proposals)
            already = len(proposals) - new
            print(f"Saved {plural(new, 'deadline')}."
                  + (f" {plural(already, 'was', 'were')} already saved." if already else ""))
        else:
            print(f"Not saved. To save them: familyrecord propose --path {vault_path(args)} "
                  f"{record.id} --accept")
    return 0


def cmd_chase(args: argparse.Namespace) -> int:
    with opened(args) as services:
        deadline = services.get(args.deadline_id)
        if not isinstance(deadline, Deadline):
            raise InputError("chase of a record that is not a deadline",
                             user_message="That is not a deadline, so there is nothing to chase.")
        letter = services.deadlines.chase_letter(deadline, args.today or date.today())
    print(letter.id)
    print(f"Saved a draft letter: {letter.subject}")
    print(f"It asks for a reply by {short_date(letter.reply_needed_by)}.")
    print()
    print(letter.body)
    return 0
