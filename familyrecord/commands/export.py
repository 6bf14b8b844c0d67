"""`familyrecord export`, `export-chronology` and `verify-export`: the bundle from the command line."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from familyrecord.commands.common import add_path_option, ask_secret, opened
from familyrecord.export.options import CONFIDENTIALITY_REMINDER, REDACTION_NOTE, ExportOptions
from familyrecord.formatting import plural
from familyrecord.progress import ProgressBar
from familyrecord.services import Services
from familyrecord.views.chronology import RowKind

BUNDLE_PASSWORD_ENV = "FAMILYRECORD_BUNDLE_PASSWORD"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export", help="make a bundle PDF for a solicitor or advocate")
    add_path_option(p)
    p.add_argument("--out", type=Path, required=True, help="where to save the bundle (.pdf)")
    _add_filters(p)
    p.add_argument("--password", action="store_true",
                   help=f"protect the PDF with a password (asked for, or ${BUNDLE_PASSWORD_ENV})")
    p.add_argument("--full-transcripts", action="store_true",
                   help="include whole transcripts, not only the disputed or important parts")
    p.add_argument("--no-attachments", action="store_true", help="leave attached files out")
    p.add_argument("--hearing-date", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD")
    p.add_argument("--court", default="")
    p.add_argument("--case-number", default="")
    p.add_argument("--family-name", default=None, help="the family's name as shown on the cover")
    p.set_defaults(func=cmd_export)

    c = sub.add_parser("export-chronology", help="save the chronology as a Word table or CSV")
    add_path_option(c)
    c.add_argument("--out", type=Path, required=True, help="file to write (.docx or .csv)")
    _add_filters(c)
    c.set_defaults(func=cmd_export_chronology)

    v = sub.add_parser("verify-export", help="check a bundle PDF against the record it came from")
    add_path_option(v)
    v.add_argument("bundle", type=Path)
    v.add_argument("--password", action="store_true", help="the bundle is password-protected")
    v.set_defaults(func=cmd_verify_export)


def _add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="date_from", type=date.fromisoformat, default=None,
                   metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD")
    p.add_argument("--child", action="append", default=[], help="a child's name (repeat for more)")
    p.add_argument("--types", default="", help="comma-separated: " + ",".join(k.value for k in RowKind))
    p.add_argument("--redact", action="append", default=[], metavar="NAME",
                   help="a name to show as initials only (repeat for more)")


def _options(services: Services, args: argparse.Namespace) -> ExportOptions:
    wanted = {c.strip().lower() for c in args.child}
    children = [c for c in services.children(include_archived=True)
                if c.name.lower() in wanted or c.id in wanted]
    if len(children) < len(wanted):
        raise SystemExit("familyrecord: no child with that name in the record.")
    try:
        kinds = [RowKind(t.strip()) for t in args.types.split(",") if t.strip()]
    except ValueError:
        raise SystemExit("familyrecord: unknown type in --types.") from None
    return ExportOptions(date_from=args.date_from, date_to=args.date_to,
                         child_ids=[c.id for c in children], kinds=kinds, redact_names=args.redact)


def cmd_export(args: argparse.Namespace) -> int:
    password = ""
    if args.password:
        password = os.environ.get(BUNDLE_PASSWORD_ENV) or ask_secret("Password for the bundle: ",
                                                                     BUNDLE_PASSWORD_ENV)
    with opened(args) as services:
        options = _options(services, args)
        options.password = password
        options.full_transcripts = args.full_transcripts
        options.include_attachments = not args.no_attachments
        options.hearing_date, options.court = args.hearing_date, args.court
        options.case_number, options.family_name = args.case_number, args.family_name
        print(CONFIDENTIALITY_REMINDER, file=sys.stderr)
        if options.redact_names:
            print(REDACTION_NOTE, file=sys.stderr)
        bar = ProgressBar("Making the bundle")
        result = services.exports.bundle(options, args.out, progress=bar)
        bar.finish()
    print(f"Bundle saved to {result.path} ({plural(result.pages, 'page')}, "
          f"{plural(result.rows, 'chronology row')})")
    for warning in result.warnings:
        print(f"Note: {warning}")
    for name, reason in result.not_included:
        print(f"Not included: {name} ({reason})")
    return 0


def cmd_export_chronology(args: argparse.Namespace) -> int:
    with opened(args) as services:
        count = services.exports.chronology(_options(services, args), args.out)
    print(f"Chronology saved to {args.out} ({plural(count, 'row')})")
    return 0


def cmd_verify_export(args: argparse.Namespace) -> int:
    password = ask_secret("Password for the bundle: ", BUNDLE_PASSWORD_ENV) if args.password else ""
    with opened(args) as services:
        check = services.exports.verify_bundle(args.bundle, password)
    for note in check.notes:
        print(f"Note: {note}")
    if check.ok:
        print(f"Bundle checked: it matches the record "
              f"({plural(check.checked_files, 'attached file')}).")
        return 0
    for problem in check.problems:
        print(f"PROBLEM: {problem}")
    return 1
