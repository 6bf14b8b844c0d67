"""Money due and received, with running arrears, in whole pence (never floats).

Arrears after an entry = everything due so far minus everything received so far, per kind of
money and overall; a negative figure means more was paid than was due (in credit). Entries are
taken in date order; on one day what was due comes before what arrived, then the order given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from familyrecord.records.enums import MoneyEntryType, MoneyKind, enum_label
from familyrecord.records.kinship import MoneyEntry


@dataclass(frozen=True)
class StatementRow:
    entry: MoneyEntry
    on: date
    kind: MoneyKind
    due_pence: int  # 0 for money received
    received_pence: int  # 0 for money due
    kind_arrears_pence: int  # owed of this kind after this entry
    arrears_pence: int  # owed overall after this entry


@dataclass(frozen=True)
class MoneyStatement:
    rows: tuple[StatementRow, ...]
    due_by_kind: dict[MoneyKind, int]  # only kinds that have entries, in MoneyKind order
    received_by_kind: dict[MoneyKind, int]

    @property
    def kinds(self) -> tuple[MoneyKind, ...]:
        return tuple(self.due_by_kind)

    @property
    def arrears_by_kind(self) -> dict[MoneyKind, int]:
        return {k: self.due_by_kind[k] - self.received_by_kind[k] for k in self.due_by_kind}

    @property
    def total_due(self) -> int:
        return sum(self.due_by_kind.values())

    @property
    def total_received(self) -> int:
        return sum(self.received_by_kind.values())

    @property
    def arrears_pence(self) -> int:
        return self.total_due - self.total_received


def ordered(entries: Sequence[MoneyEntry]) -> list[MoneyEntry]:
    """Dated entries in statement order (undated ones cannot be placed and are left out)."""
    dated = [e for e in entries if e.on is not None and not e.archived]
    return sorted(dated, key=lambda e: (e.on, e.entry_type is not MoneyEntryType.DUE))


def statement(entries: Sequence[MoneyEntry], *, until: date | None = None) -> MoneyStatement:
    """The statement of every entry up to `until` (all of them when None)."""
    rows: list[StatementRow] = []
    due: dict[MoneyKind, int] = {}
    received: dict[MoneyKind, int] = {}
    for entry in ordered(entries):
        assert entry.on is not None
        if until is not None and entry.on > until:
            break
        is_due = entry.entry_type is MoneyEntryType.DUE
        kind = entry.money_kind
        due[kind] = due.get(kind, 0) + (entry.amount_pence if is_due else 0)
        received[kind] = received.get(kind, 0) + (0 if is_due else entry.amount_pence)
        rows.append(StatementRow(
            entry=entry, on=entry.on, kind=kind,
            due_pence=entry.amount_pence if is_due else 0,
            received_pence=0 if is_due else entry.amount_pence,
            kind_arrears_pence=due[kind] - received[kind],
            arrears_pence=sum(due.values()) - sum(received.values())))
    in_order = [k for k in MoneyKind if k in due]
    return MoneyStatement(tuple(rows), {k: due[k] for k in in_order},
                          {k: received[k] for k in in_order})


def pounds(pence: int, *, sign: bool = True) -> str:
    """1234 -> "£12.34"; -500 -> "-£5.00" (exact: integer arithmetic, no floats)."""
    whole, part = divmod(abs(pence), 100)
    return f"{'-' if pence < 0 and sign else ''}£{whole:,}.{part:02d}"


def plain_pounds(pence: int) -> str:
    """1234 -> "12.34", -500 -> "-5.00": for a spreadsheet cell (no £, no thousands comma)."""
    whole, part = divmod(abs(pence), 100)
    return f"{'-' if pence < 0 else ''}{whole}.{part:02d}"


def summary_lines(found: MoneyStatement) -> list[str]:
    """The money in a few plain sentences (for the command line and a case summary)."""
    if not found.rows:
        return ["No money due or received is recorded."]
    lines = [f"Due: {pounds(found.total_due)}. Received: {pounds(found.total_received)}. "
             + _owed_words(found.arrears_pence) + "."]
    if len(found.kinds) > 1:
        lines += [f"{enum_label(kind)}: {_owed_words(owed)}."
                  for kind, owed in found.arrears_by_kind.items()]
    return lines


def _owed_words(pence: int) -> str:
    if pence > 0:
        return f"Still owed: {pounds(pence)}"
    if pence < 0:
        return f"Paid {pounds(-pence)} more than was due"
    return "Nothing is owed"
