"""Transcript storage: originals kept, resume-safe appends, speaker renames."""

from __future__ import annotations

from datetime import datetime

from familyrecord.records import Meeting
from familyrecord.services import Services
from familyrecord.storage.transcripts import Segment
from tests.vault_access import vault_of


def test_segments_edit_and_rename(services: Services) -> None:
    meeting = services.save(Meeting(starts_at=datetime(2026, 3, 3, 10)))
    store = vault_of(services).transcripts
    transcript = store.create(meeting.id, None, "faster-whisper", "tiny.en", "en")
    store.add_segments(transcript.id, [Segment(0, 1.5, "hello everyone", speaker="SPEAKER 1"),
                                       Segment(1.5, 3, "thank you", speaker="SPEAKER 2")])
    store.add_segments(transcript.id, [Segment(3, 4, "shall we start", speaker="SPEAKER 1")])
    segs = store.segments(transcript.id)
    assert [s.idx for s in segs] == [0, 1, 2]
    assert store.last_end(transcript.id) == 4
    edited = store.edit_segment(segs[0].id, text="Hello, everyone.", disputed=True)
    assert edited.edited and edited.original_text == "hello everyone" and edited.disputed
    assert store.rename_speaker(transcript.id, "SPEAKER 1", "Tom Price") == 2
    assert [s.speaker for s in store.segments(transcript.id)] == ["Tom Price", "SPEAKER 2", "Tom Price"]
    assert store.for_meeting(meeting.id) == [transcript]
    assert services.verify().ok
    store.delete(transcript.id)
    assert store.for_meeting(meeting.id) == []
    assert services.search("everyone") == []
