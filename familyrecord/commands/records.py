"""Record commands: add, list, show, history, search, attach.

`add` gets one option per field of each record type, built from the dataclasses themselves,
so every record type can be scripted and a new field needs no CLI change.
"""

from __future__ import annotations

import argparse
import dataclasses
import typing
from enum import Enum
from pathlib import Path
from typing import Any

from familyrecord.commands.common import add_path_option, opened, vault_path
from familyrecord.commands.contact import repeat_rule_arg
from familyrecord.commands.deadlines import proposal_lines
from familyrecord.formatting import plural
from familyrecord.progress import ProgressBar
from familyrecord.records.codec import _convert, _hints, to_plain
from familyrecord.records.models import Record, ValidationError
from familyrecord.records.registry import class_for, record_types

_SKIP = {"id", "archived", "created_at", "updated_at", "child_ids"}
# A shorter spelling and a check for some fields: `add contact-arrangement --repeat RRULE`.
_ALIASES = {"repeat_rule": ("--repeat",)}
_CHECKS = {"repeat_rule": repeat_rule_arg}


def _cli_name(kind: str) -> str:
    return kind.replace("_", "-")


def _scalar_fields(cls: type[Record]) -> list[tuple[str, Any]]:
    hints = _hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        if f.name in _SKIP or typing.get_origin(hint) is list:
            continue
        out.append((f.name, hint))
    return out


def _help_for(hint: Any) -> str:
    args = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
    base = args[0]
    if isinstance(base, type) and issubclass(base, Enum):
        return "one of: " + ", ".join(v.value or "''" for v in base)
    return getattr(base, "__name__", str(base)).replace("datetime", "YYYY-MM-DDTHH:MM") \
        .replace("date", "YYYY-MM-DD").replace("time", "HH:MM")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    add = sub.add_parser("add", help="add a record (person, meeting, correspondence, …)")
    kinds = add.add_subparsers(dest="kind", metavar="TYPE", required=True)
    for record_type in record_types():
        kind, cls = record_type.kind, record_type.cls
        p = kinds.add_parser(_cli_name(kind), help=f"add a {kind.replace('_', ' ')}")
        add_path_option(p)
        p.add_argument("--child", action="append", default=[], metavar="CHILD_ID",
                       help="a child this record concerns (repeatable)")
        for name, hint in _scalar_fields(cls):
            p.add_argument(f"--{name.replace('_', '-')}", *_ALIASES.get(name, ()), dest=f"field_{name}",
                           type=_CHECKS.get(name, str), help=_help_for(hint))
        p.add_argument("--accept-deadlines", action="store_true",
                       help="also save the deadlines this record proposes (they are always listed)")
        p.set_defaults(func=cmd_add, record_cls=cls)

    p = sub.add_parser("list", help="list records of one type")
    add_path_option(p)
    p.add_argument("kind", choices=[_cli_name(t.kind) for t in record_types()])
    p.add_argument("--archived", action="store_true", help="include archived records")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="show one record")
    add_path_option(p)
    p.add_argument("record_id")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("history", help="every saved version of one record")
    add_path_option(p)
    p.add_argument("record_id")
    p.set_defaults(func=cmd_history)

    p = sub.add_parser("search", help="search everything")
    add_path_option(p)
    p.add_argument("words", nargs="+")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("attach", help="add a file (letter, photo, recording) to a record")
    add_path_option(p)
    p.add_argument("record_id")
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_attach)


def cmd_add(args: argparse.Namespace) -> int:
    cls: type[Record] = args.record_cls
    values: dict[str, Any] = {"child_ids": list(args.child)}
    for name, hint in _scalar_fields(cls):
        raw = getattr(args, f"field_{name}")
        if raw is None:
            continue
        try:
            values[name] = _parse_value(hint, raw)
        except ValueError:
            raise SystemExit(f"familyrecord: --{name.replace('_', '-')}: "
                             f"expected {_help_for(hint)}, got {raw!r}") from None
    try:
        record = cls(**values)
        record.validate()  # before proposing: a missing date is the form's to explain
    except ValidationError as exc:
        raise SystemExit(f"familyrecord: {exc.message}") from None
    with opened(args) as services:
        proposals = services.deadlines.proposals(record)
        if args.accept_deadlines:
            record, _accepted = services.deadlines.save_accepting(record, proposals)
        else:
            record = services.save(record)
    print(record.id)  # first, alone on its line, for scripts
    if proposals:
        print("Deadlines this record proposes:")
        print("\n".join(proposal_lines(proposals)))
        print(f"Saved {plural(len(proposals), 'deadline')}." if args.accept_deadlines
              else f"Not saved. To save them: familyrecord propose --path {vault_path(args)} "
                   f"{record.id} --accept")
    return 0


def _parse_value(hint: Any, raw: str) -> Any:
    args = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
    base = args[0]
    if base is bool:
        if raw.lower() in ("yes", "true", "1"):
            return True
        if raw.lower() in ("no", "false", "0"):
            return False
        raise ValueError(raw)
    if base is int:
        return int(raw)
    return _convert(hint, raw)


def cmd_list(args: argparse.Namespace) -> int:
    cls = class_for(args.kind.replace("-", "_"))
    with opened(args) as services:
        for record in services.list_records(cls, include_archived=args.archived):
            when = record.when()
            print(f"{record.id}  {when.isoformat() if when else '          '}  {record.summary()}"
                  + ("  [archived]" if record.archived else ""))
    return 0


def _print_record(record: Record) -> None:
    for key, value in to_plain(record).items():
        if value not in ("", None, [], False):
            print(f"  {key}: {value}")


def cmd_show(args: argparse.Namespace) -> int:
    with opened(args) as services:
        record = services.get(args.record_id)
        print(f"{record.KIND} {record.id}")
        _print_record(record)
        for attachment in services.attachments_for(record):
            print(f"  attachment: {attachment.file_name} ({attachment.size} bytes, "
                  f"sha256 {attachment.sha256})")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    with opened(args) as services:
        record = services.get(args.record_id)
        for version in services.history(record):
            print(f"#{version.seq} {version.at} {version.action}")
            if version.record is not None:
                _print_record(version.record)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    with opened(args) as services:
        hits = services.search(" ".join(args.words))
        for hit in hits:
            print(f"{hit.record_id}  {hit.kind:<20} {hit.summary}")
            print(f"    {' '.join(hit.plain_snippet().split())}")
        if not hits:
            print("Nothing found.")
    return 0


def cmd_attach(args: argparse.Namespace) -> int:
    bar = ProgressBar(f"Adding {args.file.name}")
    with opened(args) as services:
        try:
            attachment = services.import_attachment(args.file, link_to=args.record_id, progress=bar)
        finally:
            bar.finish()
    print(f"{attachment.id}  {attachment.size} bytes  sha256 {attachment.sha256}")
    return 0
