"""`familyrecord demo`: build a sample vault with a made-up family, to see what the app is for."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from familyrecord.commands.vault import print_recovery_code
from familyrecord.demo import build_demo
from familyrecord.progress import ProgressBar
from familyrecord.services import Services
from familyrecord.transcription.demo import transcribe_demo_recording

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
        transcribe_demo_recording(services, progress=transcribing)
        transcribing.finish()
        report = services.verify()
        from familyrecord.export.demo_bundle import write_demo_bundle

        bundle = write_demo_bundle(services, path.with_name("demo-bundle.pdf"),
                                   ProgressBar("Making the sample bundle"))
    finally:
        services.lock()
    print(f"Sample record written to {path}")
    print(f"Passphrase: {passphrase!r} (a demo only: never use a known passphrase for real)")
    print_recovery_code(code)
    print(f"Bundle for a solicitor: {bundle.path} ({bundle.pages} pages)")
    print(f"Check: {'intact' if report.ok else 'PROBLEMS: ' + '; '.join(report.problems)}")
    print(f"Try:   familyrecord search --path {path} nursery")
    print("Open the app with: familyrecord   (then 'Open an existing record' and choose the file)")
    return 0 if report.ok else 1
