"""`familyrecord demo`: build a sample vault with a made-up family, to see what the app is for."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from familyrecord.commands.vault import print_recovery_code
from familyrecord.demo import build_demo
from familyrecord.demo.recording import transcribe_demo_recording
from familyrecord.progress import ProgressBar
from familyrecord.services import Services

DEMO_PASSPHRASE = "demo passphrase"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="build a sample record with a made-up family")
    p.add_argument("--path", type=Path, default=None,
                   help="where to write the sample record (default: a new temporary folder)")
    p.set_defaults(func=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    path = args.path or Path(tempfile.mkdtemp(prefix="familyrecord-demo-")) / "demo.frvault"
    passphrase = os.environ.get("FAMILYRECORD_PASSPHRASE", DEMO_PASSPHRASE)
    services, code = Services.create(path, passphrase)
    bar = ProgressBar("Building the sample family")
    try:
        build_demo(services, progress=bar)
        bar.finish()
        transcribing = ProgressBar("Transcribing the sample meeting recording")
        job = transcribe_demo_recording(services, progress=transcribing)
        transcribing.finish()
        heard = _transcript_summary(services, job.meeting_id if job else None)
        report = services.verify()
        from familyrecord.demo.bundle import write_demo_bundle

        bundle = write_demo_bundle(services, path.with_name("demo-bundle.pdf"),
                                   ProgressBar("Making the sample bundle"))
    finally:
        services.lock()
    print(f"Sample record written to {path}")
    print(f"Passphrase: {passphrase!r} (a demo only: never use a known passphrase for real)")
    print_recovery_code(code)
    print(heard)
    print(f"Bundle for a solicitor: {bundle.path} ({bundle.pages} pages)")
    print(f"Check: {'intact' if report.ok else 'PROBLEMS: ' + '; '.join(report.problems)}")
    print(f"Try:   familyrecord search --path {path} nursery")
    program = sys.argv[0] if Path(sys.argv[0]).name == "familyrecord" else "familyrecord"
    print(f"Open the app with: {program}   (then 'Open a record file I already have…' and choose the file)")
    return 0 if report.ok else 1


def _transcript_summary(services: Services, meeting_id: str | None) -> str:
    """One line saying what the offline transcription of the sample recording heard."""
    if meeting_id is None:
        return "No meeting to attach the sample recording to."
    meeting = services.get(meeting_id)
    segments = [seg for t in services.transcription.transcripts_for(meeting_id)
                for seg in services.transcription.segments(t.id)]
    if not segments:
        return f"The sample recording of '{meeting.summary()}' gave no transcript."
    first = segments[0].text.strip()
    return (f"Transcribed the sample recording of '{meeting.summary()}' offline: "
            f"{len(segments)} segments, starting \"{first[:70]}\"")
