"""Money due and received as a spreadsheet file (CSV) with running arrears.

Amounts are pounds with two decimals ("12.50") so a spreadsheet can add them up. The file is
built in memory and written whole or not at all (a hidden temporary beside it, fsync, rename),
readable by its owner only (0600): it holds the family's money.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import secrets
from collections.abc import Sequence
from pathlib import Path

from familyrecord.export.options import ExportFailed
from familyrecord.formatting import short_date
from familyrecord.records.enums import enum_label
from familyrecord.records.kinship import MoneyEntry
from familyrecord.views.money import MoneyStatement, plain_pounds, statement

COLUMNS = ("Date", "Kind", "Due (£)", "Received (£)", "Owed of this kind (£)", "Owed in all (£)",
           "Paid by", "Period", "Notes")
PRIVATE_MODE = 0o600
# A cell starting with one of these is a formula to a spreadsheet; a quote keeps it as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _amount(pence: int) -> str:
    return plain_pounds(pence) if pence else ""


def money_csv(found: MoneyStatement) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in found.rows:
        e = row.entry
        writer.writerow([short_date(row.on), enum_label(row.kind), _amount(row.due_pence),
                         _amount(row.received_pence), plain_pounds(row.kind_arrears_pence),
                         plain_pounds(row.arrears_pence), _text(e.payer), _text(e.period),
                         _text(" ".join(e.notes.split()))])
    writer.writerow(["Total", "", plain_pounds(found.total_due), plain_pounds(found.total_received),
                     "", plain_pounds(found.arrears_pence), "", "", ""])
    # A byte-order mark so spreadsheet programs read the pound sign and accents correctly.
    return out.getvalue().encode("utf-8-sig")


def _write_private(destination: Path, data: bytes) -> None:
    partial = destination.with_name(f".{destination.name}.partial-{secrets.token_hex(4)}")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, destination)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()


def save_money_csv(entries: Sequence[MoneyEntry], destination: Path) -> int:
    """Write the statement of `entries` to `destination`; returns how many entries it holds."""
    found = statement(entries)
    try:
        _write_private(Path(destination), money_csv(found))
    except OSError as exc:
        raise ExportFailed(str(exc), user_message="The money file could not be saved there. "
                                                  "Choose another folder and try again.") from None
    return len(found.rows)
