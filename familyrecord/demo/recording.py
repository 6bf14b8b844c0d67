"""The demo's sample recording: a short, made-up core group meeting, transcribed offline.

The recording ships as familyrecord/resources/sample_meeting.m4a (package data, so it is found
from an installed package too). `make_sample_recording()` rebuilds it with espeak-ng.
"""

from __future__ import annotations

from datetime import datetime
from importlib import resources

from familyrecord.progress import CancelCheck, Progress
from familyrecord.records.enums import MeetingType
from familyrecord.records.models import Meeting
from familyrecord.services import Services
from familyrecord.storage.jobs import Job

SAMPLE_NAME = "sample_meeting.m4a"

# (espeak-ng voice, words). Entirely made up; the names match the demo family.
SCRIPT: tuple[tuple[str, str], ...] = (
    ("en-gb", "Welcome everyone to the core group meeting for Mia and Leo. "
              "I am Tom Price, the social worker."),
    ("en-gb-x-rp", "Thank you. Mia's attendance at school is now ninety six percent."),
    ("en-gb-scotland", "The health visitor saw Leo last week. He is growing well and meeting "
                       "his milestones."),
    ("en-us", "I would like it written down that I finished the parenting course in March."),
    ("en-gb", "Yes, I will add that to the plan. The nursery place for Leo is still not "
              "arranged. I will chase it by Friday."),
    ("en-us", "That was promised at the conference. Please send me the minutes this time."),
    ("en-gb", "I will send the minutes within ten working days. The next meeting is the "
              "review conference."),
)


def sample_bytes() -> bytes:
    return (resources.files("familyrecord") / "resources" / SAMPLE_NAME).read_bytes()


def make_sample_recording() -> bytes:
    """Rebuild the sample recording (needs espeak-ng); about a minute of speech, ~200 KB."""
    from familyrecord.transcription.speech import conversation, encode

    return encode(conversation(SCRIPT), "m4a", bitrate=24_000)


def latest_core_group(services: Services, now: datetime | None = None) -> Meeting | None:
    """The most recent core group meeting that has already happened."""
    now = now or datetime.now()
    past = [m for m in services.list_records(Meeting)
            if m.meeting_type is MeetingType.CORE_GROUP and m.starts_at is not None
            and m.starts_at <= now]
    return max(past, key=lambda m: m.starts_at or now, default=None)


def transcribe_sample(services: Services, meeting_id: str, progress: Progress | None = None,
                      cancelled: CancelCheck | None = None) -> Job:
    """Add the bundled sample recording to a meeting and transcribe it with the bundled model."""
    import io

    attachment = services.import_attachment_stream(
        io.BytesIO(sample_bytes()), SAMPLE_NAME, media_type="audio/mp4", link_to=meeting_id)
    from familyrecord.settings import AppSettings

    service = services.transcription
    # Default settings: the bundled model, with the vault's names offered to the engine.
    job = service.queue(meeting_id, attachment.id, service.options_from_settings(AppSettings()))
    return service.run(job.id, progress=progress, cancelled=cancelled)


def transcribe_demo_recording(services: Services, progress: Progress | None = None) -> Job | None:
    meeting = latest_core_group(services)
    if meeting is None:
        return None
    return transcribe_sample(services, meeting.id, progress)
