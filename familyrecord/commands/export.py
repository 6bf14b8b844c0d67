"""`familyrecord export`, `export-chronology` and `verify-export`: the bundle from the command line."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from familyrecord.commands.common import add_path_option, ask_secret, opened
from familyrecord.errors import InputError
from familyrecord.export.options import (
    CONFIDENTIALITY_REMINDER,
    REDACTION_NOTE,
    ChronologyPage,
    ExportOptions,
    Hide,
    Layout,
)
from familyrecord.export.verify import BundleCheck
from familyrecord.formatting import plural
from familyrecord.progress import ProgressBar
from familyrecord.services import Services
from familyrecord.services.exports import verify_without_record
from familyrecord.views.chronology import RowKind

BUNDLE_PASSWORD_ENV = "FAMILYRECORD_BUNDLE_PASSWORD"
FRONT_KEYS = {"summary": "doc-summary", "issues": "doc-issues", "position": "doc-position",
              "chronology": "doc-chronology"}


class ExportChoiceInvalid(InputError):
    user_message = "One of the export choices was not understood."


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export", help="make a bundle PDF for a solicitor, advocate or the court")
    add_path_option(p)
    p.add_argument("--out", type=Path, required=True, help="where to save the bundle (.pdf)")
    _add_filters(p)
    p.add_argument("--layout", choices=[str(v) for v in Layout], default=str(Layout.SOLICITOR),
                   help="solicitor: the family's own sections, numbered FR-A1 …; court: "
                        "Practice Direction 27A sections A to F")
    p.add_argument("--court-correspondence", action="store_true",
                   help="court layout: include letters, e-mails and calls (left out by default)")
    p.add_argument("--court-contact-log", action="store_true",
                   help="court layout: include the contact log (left out by default)")
    p.add_argument("--password", action="store_true",
                   help=f"protect the PDF with a password (asked for, or ${BUNDLE_PASSWORD_ENV})")
    p.add_argument("--full-transcripts", action="store_true",
                   help="include whole transcripts, not only the disputed or important parts")
    p.add_argument("--no-attachments", action="store_true", help="leave attached files out")
    p.add_argument("--hearing-date", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD")
    p.add_argument("--court", default="")
    p.add_argument("--case-number", default="")
    p.add_argument("--judge", default="")
    p.add_argument("--prepared-on", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD")
    p.add_argument("--family-name", default=None, help="the family's name as shown on the cover")
    p.add_argument("--case-summary", default="", metavar="TEXT",
                   help="the family's case summary in their words (@FILE reads a text file)")
    p.add_argument("--issue", action="append", default=[], metavar="TEXT",
                   help="one issue as the family sees it (repeat for more)")
    p.add_argument("--position", default="", metavar="TEXT",
                   help="what the family wants, and why (@FILE reads a text file)")
    p.add_argument("--essential-reading", action="append", default=[], metavar="DOCUMENT",
                   help="summary, issues, position, chronology or a record's id (repeat)")
    p.add_argument("--chronology-out", type=Path, default=None, metavar="FILE",
                   help="also save the chronology (.docx or .csv) with this bundle's pages")
    p.set_defaults(func=cmd_export)

    c = sub.add_parser("export-chronology", help="save the chronology as a Word table or CSV")
    add_path_option(c)
    c.add_argument("--out", type=Path, required=True, help="file to write (.docx or .csv)")
    _add_filters(c)
    c.add_argument("--bundle", type=Path, default=None,
                   help="a bundle made from this record: each row names its page in it")
    c.add_argument("--bundle-password", action="store_true", help="that bundle has a password")
    c.set_defaults(func=cmd_export_chronology)

    v = sub.add_parser("verify-export", help="check a bundle, or pages taken from it")
    add_path_option(v)
    v.add_argument("bundle", type=Path)
    v.add_argument("--password", action="store_true", help="the bundle is password-protected")
    v.add_argument("--against", type=Path, default=None, metavar="FULL.pdf",
                   help="the full bundle that these pages were taken from")
    v.add_argument("--no-record", action="store_true",
                   help="check the pages only, without the family's record")
    v.set_defaults(func=cmd_verify_export)


def _add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="date_from", type=date.fromisoformat, default=None,
                   metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD")
    p.add_argument("--child", action="append", default=[], help="a child's name (repeat for more)")
    p.add_argument("--types", default="", help="comma-separated: " + ",".join(k.value for k in RowKind))
    p.add_argument("--redact", action="append", default=[], metavar="NAME",
                   help="a name to show as initials only (repeat for more)")
    p.add_argument("--pseudonyms", action="store_true",
                   help="replace every name by a description (Child 1, Social worker 1 …)")
    p.add_argument("--hide", default="", metavar="WHAT",
                   help="comma-separated: " + ",".join(h.value for h in Hide))
    p.add_argument("--nickname", action="append", default=[], metavar="NICKNAME=NAME",
                   help="a nickname to hide and whose it is, e.g. 'Nan=Linda Carter' (repeat)")
    p.add_argument("--place", action="append", default=[], metavar="PLACE",
                   help="another place name to hide (repeat)")
    p.add_argument("--chronology-page", choices=[str(v) for v in ChronologyPage],
                   default=str(ChronologyPage.LANDSCAPE), help="the Word chronology's page")


def _listed(text: str, what: str) -> list[str]:
    values = [t.strip() for t in text.split(",") if t.strip()]
    known = {k.value for k in (RowKind if what == "types" else Hide)}
    unknown = [v for v in values if v not in known]
    if unknown:
        raise ExportChoiceInvalid(f"bad {what}", user_message=f"Unknown choice in --{what}: "
                                  f"{', '.join(unknown)}. Choose from: {', '.join(sorted(known))}.")
    return values


def _text(value: str) -> str:
    if not value.startswith("@"):
        return value
    try:
        return Path(value[1:]).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise ExportChoiceInvalid("unreadable text file",
                                  user_message=f"Could not read the text file {value[1:]}.") from None


def _options(services: Services, args: argparse.Namespace) -> ExportOptions:
    wanted = {c.strip().lower() for c in args.child}
    children = [c for c in services.children(include_archived=True)
                if c.name.lower() in wanted or c.id in wanted]
    if len(children) < len(wanted):
        raise SystemExit("familyrecord: no child with that name in the record.")
    kinds = [RowKind(k) for k in _listed(args.types, "types")]
    hide = [Hide(h) for h in _listed(args.hide, "hide")]
    nicknames = {}
    for item in args.nickname:
        nickname, _, whose = item.partition("=")
        if nickname.strip():
            nicknames[nickname.strip()] = whose.strip()
    if nicknames and Hide.NICKNAMES not in hide:
        hide.append(Hide.NICKNAMES)
    return ExportOptions(date_from=args.date_from, date_to=args.date_to,
                         child_ids=[c.id for c in children], kinds=kinds,
                         redact_names=args.redact, pseudonyms=args.pseudonyms,
                         hide=hide, nicknames=nicknames, places=args.place,
                         chronology_page=ChronologyPage(args.chronology_page))


def cmd_export(args: argparse.Namespace) -> int:
    password = ""
    if args.password:
        password = os.environ.get(BUNDLE_PASSWORD_ENV) or ask_secret("Password for the bundle: ",
                                                                     BUNDLE_PASSWORD_ENV)
    with opened(args) as services:
        options = _options(services, args)
        options.password = password
        options.layout = Layout(args.layout)
        options.court_correspondence = args.court_correspondence
        options.court_contact_log = args.court_contact_log
        options.full_transcripts = args.full_transcripts
        options.include_attachments = not args.no_attachments
        options.hearing_date, options.court = args.hearing_date, args.court
        options.case_number, options.family_name = args.case_number, args.family_name
        options.judge, options.prepared_on = args.judge, args.prepared_on
        options.case_summary, options.position = _text(args.case_summary), _text(args.position)
        options.issues = [i for i in args.issue if i.strip()]
        options.essential_reading = [FRONT_KEYS.get(k, k if k.startswith(("doc-", "rec-"))
                                                    else f"rec-{k}") for k in args.essential_reading]
        print(CONFIDENTIALITY_REMINDER, file=sys.stderr)
        if options.redacting:
            print(REDACTION_NOTE, file=sys.stderr)
        bar = ProgressBar("Making the bundle")
        result = services.exports.bundle(options, args.out, progress=bar)
        bar.finish()
        if args.chronology_out is not None:
            services.exports.chronology(options, args.chronology_out, refs=result.page_refs)
    print(f"Bundle saved to {result.path} ({plural(result.pages, 'page')}, "
          f"{plural(result.rows, 'chronology row')})")
    print(f"Export id: {result.export_id}")
    print(f"Receipt for the record's history (printed in the bundle; keep it, or send it to your "
          f"solicitor): {result.receipt_code}")
    print(f"Bundle fingerprint (SHA-256 of its pages, printed on every page): {result.fingerprint}")
    print(f"SHA-256 of the file as saved: {result.sha256}")
    if result.redaction_key is not None:
        print(f"Redaction key saved separately to {result.redaction_key}: give it only to your "
              "solicitor, never with the bundle.")
    if args.chronology_out is not None:
        print(f"Chronology saved to {args.chronology_out} with this bundle's page numbers")
    for warning in result.warnings:
        print(f"Note: {warning}")
    for name, reason in result.not_included:
        print(f"Not included: {name} ({reason})")
    return 0


def cmd_export_chronology(args: argparse.Namespace) -> int:
    bundle_password = ask_secret("Password for the bundle: ", BUNDLE_PASSWORD_ENV) \
        if args.bundle_password else ""
    with opened(args) as services:
        count = services.exports.chronology(_options(services, args), args.out, bundle=args.bundle,
                                            bundle_password=bundle_password)
    print(f"Chronology saved to {args.out} ({plural(count, 'row')})")
    return 0


def cmd_verify_export(args: argparse.Namespace) -> int:
    password = ask_secret("Password for the bundle: ", BUNDLE_PASSWORD_ENV) if args.password else ""
    if args.no_record:
        check = verify_without_record(args.bundle, password, against=args.against,
                                      against_password=password)
    else:
        with opened(args) as services:
            check = services.exports.verify_bundle(args.bundle, password, against=args.against,
                                                   against_password=password)
    return _report(check, with_record=not args.no_record)


def _report(check: BundleCheck, *, with_record: bool) -> int:
    for label in check.changed_pages:
        print(f"Changed page: {label}")
    for note in check.notes:
        print(f"Note: {note}")
    if not check.ok:
        for problem in check.problems:
            print(f"PROBLEM: {problem}")
        return 1
    pages = plural(check.pages_checked, "page")
    what = "extract" if check.extract else "bundle"
    print(f"Every page of this {what} is as it was made ({pages}, export {check.export_id}).")
    if with_record:
        print(f"Bundle checked: it matches the record "
              f"({plural(check.checked_files, 'attached file')}).")
    else:
        print(f"Bundle fingerprint: {check.fingerprint}. If it is the one the family gave "
              "you, these are the pages they made.")
    return 0
