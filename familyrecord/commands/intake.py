"""`familyrecord import`: letters, e-mails, scans and documents in, with suggested fields.

Prints, for each file, what it suggests for the letter's entry and the exact words each suggestion
came from. Nothing is saved unless `--accept` is given: then each file that could be read is saved
as a letter or e-mail with its files, and pictures and scans are read by the computer (a progress
bar; Ctrl+C stops it, and the next run carries on from the page it reached).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from familyrecord import settings as app_settings
from familyrecord.commands.common import add_path_option, opened
from familyrecord.errors import InputError, UserError
from familyrecord.formatting import long_date, plural, short_time
from familyrecord.progress import ProgressBar
from familyrecord.services.intake import IntakeItem, IntakeService

KIND_WORDS = {"email": "e-mail", "pdf": "PDF", "image": "picture", "word": "Word document",
              "odt": "OpenDocument text", "text": "text file", "html": "web page"}
DATE_KINDS = {"reply_by": "reply needed", "deadline": "deadline", "event": "", "mentioned": "mentioned"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("import", help="read letters, e-mails, scans and documents; save them with --accept")
    add_path_option(p)
    p.add_argument("files", type=Path, nargs="+", metavar="FILE",
                   help=".eml, .msg, .pdf, .docx, .odt, .txt or a photo or scan; a folder adds what is in it")
    p.add_argument("--accept", action="store_true",
                   help="save each file that could be read as a letter or e-mail, with its files")
    p.add_argument("--own-address", action="append", default=[], metavar="EMAIL",
                   help="your own e-mail address, so e-mails you sent are logged as sent (repeatable)")
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", dest="set_fields",
                   help="use this value instead of the suggestion, for every file (e.g. dated=06/01/2025)")
    p.add_argument("--no-ocr", action="store_true",
                   help="do not read pictures now (with --accept they are read after saving)")
    p.set_defaults(func=cmd_import)


def _edits(pairs: list[str]) -> dict[str, object]:
    edits: dict[str, object] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InputError("bad --set", user_message=f"--set needs FIELD=VALUE, not “{pair}”.")
        edits[name.strip()] = [v for v in value.split(",") if v] if name.strip() == "child_ids" else value
    return edits


def cmd_import(args: argparse.Namespace) -> int:
    edits = _edits(args.set_fields)
    with opened(args) as services:
        intake = services.intake
        intake.use_settings(app_settings.load())
        if args.own_address:
            intake.own_addresses = tuple(args.own_address)
        intake.recover()  # reading a crash left under way goes back in the queue
        bar = ProgressBar("Reading files")
        items = intake.read(args.files, ocr=not args.no_ocr, progress=bar)
        bar.finish()
        if not items:
            raise InputError("no files", user_message="There were no letters, e-mails or documents to read.")
        failed = 0
        for number, item in enumerate(items, 1):
            print(describe(item, number))
            if not item.ok:
                failed += 1
                continue
            if args.accept and item.already_in:
                print("   Not saved again: it is already in the record.")
            elif args.accept:
                try:
                    saved = intake.accept(item, edits)
                except UserError as exc:
                    print(f"   Not saved: {exc.user_message}")
                    failed += 1
                    continue
                files = services.attachments_for(saved)
                print(f"   Saved: “{saved.subject}” with {plural(len(files), 'file')}.")
        if args.accept:
            _read_pictures(services.intake)
        elif any(item.ok for item in items):
            print("\nNothing was saved. Run again with --accept to save these.")
    return 1 if failed else 0


def _read_pictures(intake: IntakeService) -> None:
    waiting = intake.ocr_queue()
    if not waiting:
        return
    print(f"\nReading the words in {plural(len(waiting), 'picture or scan', 'pictures and scans')}…")
    bar = ProgressBar("Reading pictures and scans", unit="pages")
    jobs = intake.run_ocr_pending(progress=bar)
    bar.finish()
    for job in jobs:
        name = next((t.file_name for t in waiting if t.job.id == job.id), "a file")
        if job.state == "failed":
            print(f"   {name}: {job.error}", file=sys.stderr)
        elif job.state == "done":
            print(f"   {name}: its words were read by the computer. Check them when you open it.")


def describe(item: IntakeItem, number: int) -> str:
    """The item as the terminal shows it: each suggestion with the words it came from."""
    kind = KIND_WORDS.get(item.kind, "file")
    lines = [f"{number}. {item.file_name} ({kind})"]
    if not item.ok:
        lines.append(f"   Could not be read: {item.error}")
        return "\n".join(lines)
    if item.machine_read:
        lines.append("   The words were read by the computer from a picture: check them.")
    for suggestion in item.suggestions:
        shows_more = suggestion.context and suggestion.context != suggestion.words
        context = f" in “{suggestion.context}”" if shows_more else ""
        lines.append(f"   {suggestion.label}: {suggestion.shown}")
        lines.append(f"      from {suggestion.where}: “{suggestion.words}”{context}")
    if item.dates:
        lines.append("   Dates mentioned:")
        for mention in item.dates:
            when = long_date(mention.when) + (f" at {short_time(mention.at)}" if mention.at else "")
            what = mention.what or DATE_KINDS.get(mention.kind, "")
            if mention.before_letter:
                what = f"{what} (before the letter)".strip()
            lines.append(f"      {when}{f' — {what}' if what else ''}: “{mention.words}”")
    if item.attachments:
        lines.append("   Attachments:")
        for attachment in item.attachments:
            notes = ["empty" if attachment.empty else _size(attachment.size)]
            if attachment.needs_ocr:
                notes.append("its words will be read by the computer")
            lines.append(f"      {attachment.file_name} ({', '.join(notes)})")
    lines += [f"   Note: {warning}" for warning in item.warnings]
    return "\n".join(lines)


def _size(size: int) -> str:
    if size < 1024:
        return plural(size, "byte")
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
