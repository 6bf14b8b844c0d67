"""The sample bundle `familyrecord demo` writes, so a newcomer sees the point in one command."""

from __future__ import annotations

from pathlib import Path

from familyrecord.export.options import BundleResult, ExportOptions, Progress
from familyrecord.records.models import Meeting
from familyrecord.services import Services

# Words the family would flag in the sample recording: a promise the council has not kept.
SAMPLE_MOMENT = "nursery"


def flag_sample_moment(services: Services) -> int:
    """Mark the sample recording's moment about the nursery place as important, as a family
    would, so the bundle shows a transcript excerpt and its chronology row. Returns how many."""
    transcription = services.transcription
    flagged = 0
    for meeting in services.list_records(Meeting):
        for transcript in transcription.transcripts_for(meeting.id):
            for segment in transcription.segments(transcript.id):
                if SAMPLE_MOMENT in segment.text.lower() and not segment.important:
                    transcription.edit_segment(segment.id, important=True)
                    flagged += 1
    return flagged


def write_demo_bundle(services: Services, destination: Path,
                      progress: Progress | None = None) -> BundleResult:
    flag_sample_moment(services)
    return services.exports.bundle(ExportOptions(), destination, progress=progress)
