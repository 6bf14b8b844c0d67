"""The chronology verbs (reached as `services.chronology`): rows and the family's edits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from familyrecord.records.enums import DateQualifier, Significance
from familyrecord.records.models import ChronologyEntry
from familyrecord.storage.record_store import RecordStore
from familyrecord.storage.transcripts import TranscriptStore
from familyrecord.views import chronology_edits as edits
from familyrecord.views.chronology import ChronologyRow, build_rows


class ChronologyService:
    def __init__(self, records: RecordStore, transcripts: TranscriptStore) -> None:
        self._records = records
        self._transcripts = transcripts

    def rows(self, *, today: date | None = None, include_transcripts: bool = True) -> list[ChronologyRow]:
        """Every row the record yields, sorted, the family's edits applied, numbered."""
        return build_rows(self._records, self._transcripts, today=today,
                          include_transcripts=include_transcripts)

    def add_manual_row(self, on: date, text: str, *, people: str = "",
                       qualifier: DateQualifier = DateQualifier.EXACT,
                       significance: Significance = Significance.NORMAL, disputed: bool = False,
                       child_ids: Sequence[str] = ()) -> ChronologyEntry:
        return edits.add_manual_row(self._records, on, text, people=people, qualifier=qualifier,
                                    significance=significance, disputed=disputed, child_ids=child_ids)

    def set_text(self, row: ChronologyRow, text: str) -> ChronologyEntry:
        return edits.set_text(self._records, row, text)

    def set_included(self, row: ChronologyRow, included: bool) -> ChronologyEntry:
        return edits.set_included(self._records, row, included)

    def set_significance(self, row: ChronologyRow, significance: Significance) -> ChronologyEntry:
        return edits.set_significance(self._records, row, significance)

    def set_disputed(self, row: ChronologyRow, disputed: bool) -> ChronologyEntry:
        return edits.set_disputed(self._records, row, disputed)

    def move_within_day(self, rows: Sequence[ChronologyRow], key: str, step: int) -> bool:
        return edits.move_within_day(self._records, rows, key, step)

    def remove_manual_row(self, row: ChronologyRow) -> None:
        edits.remove_manual_row(self._records, row)
