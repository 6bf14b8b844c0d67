"""`familyrecord transcribe`: add a meeting recording and transcribe it, with a progress bar."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from familyrecord import settings as app_settings
from familyrecord.commands.common import add_path_option, open_services
from familyrecord.progress import ProgressBar
from familyrecord.records.models import Meeting
from familyrecord.storage.errors import RecordNotFound


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("transcribe", help="add a meeting recording and transcribe it (offline)")
    add_path_option(p)
    p.add_argument("--meeting", required=True, help="the meeting's id (see 'familyrecord search')")
    p.add_argument("file", type=Path, help="the recording (m4a, mp3, wav, ogg, opus, flac, amr, webm, mp4)")
    p.add_argument("--export", type=Path, default=None,
                   help="also write the transcript to this .txt, .srt, .vtt or .docx file")
    p.set_defaults(func=cmd_transcribe)


def cmd_transcribe(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        print(f"familyrecord: there is no file at {args.file}", file=sys.stderr)
        return 2
    services = open_services(args)
    try:
        meeting = services.get(args.meeting)
        if not isinstance(meeting, Meeting):
            raise RecordNotFound(args.meeting)
        service = services.transcription
        service.recover()
        already = {a.id for a in service.recordings(meeting.id)}
        bar = ProgressBar("Adding the recording")
        attachment = service.import_recording(args.file, meeting.id, progress=bar)
        bar.finish()
        if attachment.id in already:
            print("This recording is already in the meeting; carrying on with its transcript.")
        job = service.queue(meeting.id, attachment.id,
                            service.options_from_settings(app_settings.load()))
        bar = ProgressBar("Transcribing")
        job = service.run(job.id, progress=bar)
        bar.finish()
        if job.state != "done":
            print(f"familyrecord: {job.error or 'transcription did not finish.'}", file=sys.stderr)
            print("The recording has been kept in the record.", file=sys.stderr)
            return 1
        transcript_id = str(job.options["transcript_id"])
        segments = service.segments(transcript_id)
        print(f"Transcribed '{meeting.summary()}': {len(segments)} segments.")
        if args.export:
            service.export(transcript_id, args.export)
            print(f"Transcript written to {args.export}")
        return 0
    finally:
        services.lock()
