"""`familyrecord compare-minutes`: official minutes against what was said in the meeting.

For each statement of the minutes it prints the passages of the recording (or of the family's own
notes) that speak to it, best first, with their times, and the details that differ; then what was
said that the minutes leave out. `--json` gives the same as one JSON document. Nothing is saved.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

from familyrecord.commands.common import add_path_option, opened
from familyrecord.errors import InputError
from familyrecord.formatting import long_date, plural
from familyrecord.progress import ProgressBar
from familyrecord.records.models import Meeting
from familyrecord.services import Services
from familyrecord.storage.errors import RecordNotFound
from familyrecord.views.minutes import Comparison, Passage, to_json

SHOWN_CANDIDATES = 3
SHOWN_OMISSIONS = 10
WIDTH = 100
KIND_WORDS = {"number": "number", "date": "date", "time": "time", "frequency": "how often",
              "negation": "the opposite", "name": "name", "role": "role"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("compare-minutes", help="compare a meeting's official minutes with what was said")
    add_path_option(p)
    p.add_argument("--meeting", required=True, help="the meeting's id (see 'familyrecord search')")
    p.add_argument("minutes", type=Path, metavar="MINUTES_FILE",
                   help="the minutes: .txt, .pdf, .docx or a photo or scan of them")
    p.add_argument("--json", action="store_true", help="print one JSON document instead of text")
    p.set_defaults(func=cmd_compare_minutes)


def cmd_compare_minutes(args: argparse.Namespace) -> int:
    path: Path = args.minutes
    if not path.is_file():
        raise InputError("no minutes file", user_message=f"There is no file at {path}.")
    data = path.read_bytes()
    with opened(args) as services:
        if not isinstance(services.get(args.meeting), Meeting):  # before the slow reading
            raise RecordNotFound(f"meeting {args.meeting}")
        bar = ProgressBar("Reading the minutes")
        text = services.minutes.minutes_text_from_bytes(path.name, data, progress=bar)
        bar.finish()
        comparison = services.minutes.compare_text(args.meeting, text)
        if args.json:
            document: dict[str, Any] = {"meeting_id": args.meeting, **to_json(comparison)}
            json.dump(document, sys.stdout, ensure_ascii=False, indent=1)
            print()
        else:
            print(report(services, args.meeting, comparison))
    return 0


def report(services: Services, meeting_id: str, comparison: Comparison) -> str:
    """The comparison as text a person can read in a terminal."""
    meeting = services.get(meeting_id)
    when = meeting.when()
    sources = "the recording" if services.minutes.spoken_lines(meeting_id) else "your notes"
    out = [f"The minutes of '{meeting.summary()}'" + (f" ({long_date(when)})" if when else "")
           + f" compared with {sources}: {plural(len(comparison.statements), 'statement')}.", ""]
    for match in comparison.statements:
        statement = match.statement
        out += _wrapped(statement.text, f"{statement.item or statement.index + 1:<6}")
        for difference in match.differences:
            out.append(f"      ! Differs ({KIND_WORDS.get(difference.kind, difference.kind)}): "
                       f"the minutes say “{difference.minutes}”, what was said: “{difference.recording}”")
        if not match.candidates:
            out.append("      Nothing in the recording or notes seems to speak to this.")
        for candidate in match.candidates[:SHOWN_CANDIDATES]:
            where = _where(services, meeting_id, candidate.passage)
            out += _wrapped(candidate.passage.text, f"      {where} ({candidate.score:.2f})  ")
        out.append("")
    out.append(f"Said but not in the minutes ({len(comparison.omissions)}):")
    if not comparison.omissions:
        out.append("      Nothing found.")
    for rank, omission in enumerate(comparison.omissions[:SHOWN_OMISSIONS], start=1):
        where = _where(services, meeting_id, omission.passage)
        first = f"{rank:>4}. {where}  "
        out += _wrapped(omission.passage.text, first)
        if omission.reasons:
            out.append(" " * len(first) + "why it may matter: " + ", ".join(omission.reasons))
    return "\n".join(out).rstrip()


def _where(services: Services, meeting_id: str, passage: Passage) -> str:
    if passage.start is None:
        return "notes"
    return "at " + services.minutes.moment(meeting_id, passage.start).label


def _wrapped(text: str, first: str) -> list[str]:
    """`text` after `first`, its further lines lined up under its start."""
    return textwrap.wrap(text, WIDTH, initial_indent=first,
                         subsequent_indent=" " * len(first)) or [first.rstrip()]
