"""Transcription speed and accuracy: raw faster-whisper against the app's own path.

    python benchmarks/transcription.py [--minutes 15] [--runs 3]

Makes a long made-up meeting recording with espeak-ng (several voices) encoded as m4a, then for
each configuration runs a fresh process that goes from the file on disk to text:
  raw-sequential        decode_audio + WhisperModel.transcribe (beam 5, no VAD, no prompt)
  raw-sequential+names  the same with the speakers' names as initial prompt
  raw-batched           decode_audio + BatchedInferencePipeline (VAD, batch 8, 30 s chunks)
  raw-batched+names     the same with the names as initial prompt
  app                   a vault holding those people: import the file + transcription job with
                        the app's own settings (names offered from the vault) + stored segments
The "best raw" configuration is the fastest whose WER is within 1 point of the most accurate.
Prints the real-time factor (wall time / audio length; lower is faster) and WER (jiwer) with
medians over the runs, and peak RSS (this process and its children). Needs espeak-ng.
Target (issue 4): app RTF within 5% of the best raw configuration, WER within raw + 1 point.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CONFIGS = ("raw-sequential", "raw-sequential+names", "raw-batched", "raw-batched+names", "app")
VOICES = ("en-gb", "en-us", "en-gb-x-rp", "en-gb-scotland", "en-gb-x-gbclan")
NAMES = ("Tom", "Sarah", "Priya", "Mark", "Linda", "Grace", "David")
CHILDREN = ("Mia", "Leo")
TOPICS = ("the nursery place", "the school attendance", "the contact sessions", "the parenting course",
          "the health visit", "the written agreement", "the minutes of the last meeting",
          "the transport to contact", "the bedroom", "the doctor's letter")
VERBS = ("will send", "has not received", "asked about", "agreed to check", "promised to arrange",
         "wants to discuss", "will write down", "could not find")
WHEN = ("before the next meeting", "by the end of the week", "on Tuesday", "on Thursday afternoon",
        "as soon as possible", "after the review conference", "this month")
OPENERS = ("I think that", "Can we agree that", "For the record,", "Please note that",
           "It was said that", "I would like to add that")


def script(minutes: float, seed: int = 4) -> list[tuple[str, str]]:
    """Made-up meeting turns; espeak-ng at its default pace says about 170 words a minute."""
    rng = random.Random(seed)
    turns: list[tuple[str, str]] = []
    words = 0
    while words < minutes * 175:
        sentences = []
        for _ in range(rng.randint(2, 3)):
            sentences.append(f"{rng.choice(OPENERS)} {rng.choice(NAMES)} {rng.choice(VERBS)} "
                             f"{rng.choice(TOPICS)} for {rng.choice(CHILDREN)} {rng.choice(WHEN)}.")
        text = " ".join(sentences)
        turns.append((VOICES[len(turns) % len(VOICES)], text))
        words += len(text.split())
    return turns


def wer(reference: str, hypothesis: str) -> float:
    import jiwer

    clean = jiwer.Compose([jiwer.ToLowerCase(), jiwer.RemovePunctuation(),
                           jiwer.RemoveMultipleSpaces(), jiwer.Strip(),
                           jiwer.ReduceToListOfListOfWords()])
    return float(jiwer.wer(reference, hypothesis, reference_transform=clean,
                           hypothesis_transform=clean))


def run_one(config: str, audio_path: Path) -> dict[str, object]:
    """One measurement in this (fresh) process: file on disk → text."""
    started = time.perf_counter()
    if config.startswith("raw"):
        from faster_whisper import BatchedInferencePipeline, WhisperModel, decode_audio

        from familyrecord.transcription.models import bundled_model_path

        model = WhisperModel(str(bundled_model_path()), device="cpu", compute_type="int8")
        audio = decode_audio(str(audio_path))
        prompt = ", ".join(NAMES + CHILDREN) if config.endswith("+names") else None
        if config.startswith("raw-sequential"):
            segments, _ = model.transcribe(audio, language="en", beam_size=5, initial_prompt=prompt)
        else:
            pipeline = BatchedInferencePipeline(model)
            segments, _ = pipeline.transcribe(audio, language="en", beam_size=5, batch_size=8,
                                              initial_prompt=prompt)
        text = " ".join(s.text.strip() for s in segments)
        wall = time.perf_counter() - started
    else:
        from datetime import datetime

        from familyrecord.records.models import Child, Meeting, Person
        from familyrecord.services import Services
        from familyrecord.settings import AppSettings
        from familyrecord.storage.keyslots import KdfParams

        with tempfile.TemporaryDirectory(prefix="fr-bench-") as tmp:
            services, _ = Services.create(Path(tmp) / "bench.frvault", "benchmark passphrase",
                                          kdf=KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
            meeting = services.save(Meeting(title="Benchmark meeting", starts_at=datetime(2026, 1, 5)))
            for name in NAMES:
                services.save(Person(name=name))
            for name in CHILDREN:
                services.save(Child(name=name))
            started = time.perf_counter()  # vault creation is not part of the path measured
            service = services.transcription
            attachment = service.import_recording(audio_path, meeting.id)
            options = service.options_from_settings(AppSettings())  # as the GUI and CLI do
            job = service.run(service.queue(meeting.id, attachment.id, options).id)
            segments_stored = service.segments(str(job.options["transcript_id"]))
            wall = time.perf_counter() - started
            text = " ".join(s.text for s in segments_stored)
            if job.state != "done":
                raise SystemExit(f"app job ended {job.state}: {job.error}")
            services.lock()
        import multiprocessing

        while multiprocessing.active_children():  # reap the engine so its CPU time is counted
            time.sleep(0.02)
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    return {"config": config, "wall": wall, "text": text, "cpu": cpu,
            "rss_self_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "rss_children_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def cancel_latency(audio_path: Path, repeats: int) -> list[float]:
    """Seconds from pressing Cancel (just after the first segments are stored) to the job's end."""
    from datetime import datetime

    from familyrecord.records.models import Meeting
    from familyrecord.services import Services
    from familyrecord.storage.keyslots import KdfParams

    latencies: list[float] = []
    with tempfile.TemporaryDirectory(prefix="fr-bench-") as tmp:
        services, _ = Services.create(Path(tmp) / "cancel.frvault", "benchmark passphrase",
                                      kdf=KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
        meeting = services.save(Meeting(title="Cancel", starts_at=datetime(2026, 1, 5)))
        service = services.transcription
        attachment = service.import_recording(audio_path, meeting.id)
        pressed: list[float] = []

        def press(_stored: object) -> None:
            if not pressed:
                pressed.append(time.perf_counter())

        for _ in range(repeats):
            pressed.clear()
            job = service.queue(meeting.id, attachment.id)
            job = service.run(job.id, cancelled=lambda: bool(pressed), on_segments=press)
            latencies.append(time.perf_counter() - pressed[0])
            assert job.state == "cancelled", job.state
        services.lock()
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--minutes", type=float, default=15.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--configs", default=",".join(CONFIGS))
    parser.add_argument("--cancel-runs", type=int, default=5)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--audio", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.audio)))
        return 0

    from familyrecord.transcription.speech import conversation, encode

    turns = script(args.minutes)
    reference = " ".join(text for _voice, text in turns)
    made = time.perf_counter()
    samples = conversation(turns, pause_s=0.7)
    duration = len(samples) / 16_000
    if duration < args.minutes * 60:
        raise SystemExit(f"the recording came out at {duration / 60:.1f} min; raise --minutes")
    configs = [c for c in args.configs.split(",") if c]
    with tempfile.TemporaryDirectory(prefix="fr-bench-") as tmp:
        audio_path = Path(tmp) / "long-meeting.m4a"
        audio_path.write_bytes(encode(samples, "m4a"))
        print(f"recording: {duration / 60:.1f} min, {audio_path.stat().st_size / 1e6:.1f} MB m4a "
              f"(made in {time.perf_counter() - made:.0f} s)", flush=True)
        results: dict[str, list[dict[str, object]]] = {c: [] for c in configs}
        for run in range(args.runs):
            for config in configs:  # interleaved, so drift in machine load hits all alike
                out = subprocess.run([sys.executable, __file__, "--one", config, "--audio",
                                      str(audio_path)], capture_output=True, text=True, check=True)
                result = json.loads(out.stdout.strip().splitlines()[-1])
                result["wer"] = wer(reference, str(result["text"]))
                results[config].append(result)
                print(f"run {run + 1} {config:20s} RTF {float(result['wall']) / duration:.4f} "
                      f"CPU {float(result['cpu']):.1f} s WER {100 * float(result['wer']):.2f}%",
                      flush=True)
        latencies = cancel_latency(audio_path, args.cancel_runs) if args.cancel_runs else []
    print(f"\nmedians over {args.runs} runs, {duration / 60:.1f} min of audio "
          "(RTF = wall time / audio length):")
    print(f"{'configuration':20s} {'RTF':>8s} {'wall s':>8s} {'CPU s':>7s} {'WER %':>7s} "
          f"{'peak RSS MiB':>22s}")
    medians: dict[str, tuple[float, float]] = {}
    for config, rows in results.items():
        wall = statistics.median(float(r["wall"]) for r in rows)
        error = statistics.median(float(r["wer"]) for r in rows)
        cpu = statistics.median(float(r.get("cpu", 0.0)) for r in rows)
        rss_self = max(float(r["rss_self_mib"]) for r in rows)
        rss_child = max(float(r["rss_children_mib"]) for r in rows)
        medians[config] = (wall / duration, error)
        rss = f"{rss_self:.0f}" + (f" + engine {rss_child:.0f}" if config == "app" else "")
        print(f"{config:20s} {wall / duration:8.4f} {wall:8.1f} {cpu:7.1f} {100 * error:7.2f} "
              f"{rss:>22s}")
    if latencies:
        print(f"\ncancel (engine process terminated): median {statistics.median(latencies):.2f} s, "
              f"max {max(latencies):.2f} s over {len(latencies)} cancels (target ≤ 2 s)")
    raw = {c: m for c, m in medians.items() if c.startswith("raw")}
    if "app" in medians and raw:
        most_accurate = min(error for _rtf, error in raw.values())
        best = min((c for c in raw if raw[c][1] <= most_accurate + 0.01), key=lambda c: raw[c][0])
        app_rtf, app_wer = medians["app"]
        print(f"\nbest raw = fastest within 1 WER point of the most accurate ({100 * most_accurate:.2f}%)")
        print(f"app vs best raw ({best}): RTF {100 * (app_rtf / raw[best][0] - 1):+.1f}% "
              f"(target ≤ +5%), WER {100 * (app_wer - raw[best][1]):+.2f} points (target ≤ +1)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
