"""Transcription speed, accuracy and memory: raw faster-whisper against the app's own path.

    python benchmarks/transcription.py [--minutes 15] [--runs 3]
    python benchmarks/transcription.py --hours 3
    python benchmarks/transcription.py --long-silence [--silence hiss|zeros] [--silence-hours 6]

Default: makes a long made-up meeting recording with espeak-ng (several voices) encoded as m4a,
then for each configuration runs a fresh process that goes from the file on disk to text:
  raw-sequential        WhisperModel.transcribe (beam 5, no VAD, no prompt)
  raw-sequential+names  the same with the names the app offers as initial prompt
  raw-batched           BatchedInferencePipeline (VAD, batch 8, 30 s chunks)
  raw-batched+names     the same with the names the app offers as initial prompt
  app                   a vault holding those people: import the file + transcription job with
                        the app's own settings (names offered from the vault) + stored segments
Both sides get identical inputs: the raw configurations decode the file with the app's own
decoder (familyrecord.transcription.audio, 16 kHz mono float32) and take the very prompt the app
builds from the vault (same names, same order), so "app vs best raw" measures only what the
app adds. The "best raw" configuration is the fastest whose WER is within 1 point of the most
accurate. Prints the real-time factor (wall time / audio length; lower is faster) and WER
(jiwer) with medians over the runs, and peak RSS (this process and its children).
Target (issue 4): app RTF within 5% of the best raw configuration, WER within raw + 1 point.

--hours H: H hours of made-up meeting (espeak-ng turns with pauses, now and then a break of a
minute or two) as m4a, through `familyrecord transcribe` in its own process, as a family would
run it; prints wall time, RTF, WER and the peak RSS of the app process and of the engine
process (polled from /proc every 0.1 s). --long-silence: the same for a recorder left running
in an empty room, an 8 kHz WAV of room hiss (-50 dBFS; --silence zeros for digital silence).
Targets (issue 10): 3 hours under 1.5 GB peak RSS for both processes together; 6 hours of
silence give no text in under a tenth of real time. The synthetic recordings and the vault are
written to a private temporary folder that is deleted at the end. Needs espeak-ng for speech.
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
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PASSPHRASE = "benchmark passphrase"
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

    clean = jiwer.Compose([jiwer.ToLowerCase(), jiwer.RemovePunctuation(),  # type: ignore[no-untyped-call]
                           jiwer.RemoveMultipleSpaces(), jiwer.Strip(),
                           jiwer.ReduceToListOfListOfWords()])
    return float(jiwer.wer(reference, hypothesis, reference_transform=clean,
                           hypothesis_transform=clean))


def bench_vault(path: Path) -> tuple[Any, str]:
    """A vault holding the meeting's people (cheap key derivation: unlocking is not measured)."""
    from datetime import datetime

    from familyrecord.records.models import Child, Meeting, Person
    from familyrecord.services import Services
    from familyrecord.storage.keyslots import KdfParams

    services, _ = Services.create(path, PASSPHRASE,
                                  kdf=KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
    meeting = services.save(Meeting(title="Benchmark meeting", starts_at=datetime(2026, 1, 5)))
    for name in NAMES:
        services.save(Person(name=name))
    for name in CHILDREN:
        services.save(Child(name=name))
    return services, meeting.id


def app_prompt() -> str:
    """The initial prompt the app builds from such a vault, so the raw side gets the same one."""
    from familyrecord.settings import AppSettings

    with tempfile.TemporaryDirectory(prefix="fr-bench-") as tmp:
        services, _meeting = bench_vault(Path(tmp) / "prompt.frvault")
        prompt = str(services.transcription.options_from_settings(AppSettings()).transcribe.initial_prompt)
        services.lock()
    return prompt


def run_one(config: str, audio_path: Path, prompt: str) -> dict[str, Any]:
    """One measurement in this (fresh) process: file on disk → text."""
    started = time.perf_counter()
    if config.startswith("raw"):
        from faster_whisper import BatchedInferencePipeline, WhisperModel

        from familyrecord.transcription.audio import decode
        from familyrecord.transcription.engine import TranscribeOptions
        from familyrecord.transcription.models import bundled_model_path

        model = WhisperModel(str(bundled_model_path()), device="cpu", compute_type="int8")
        with audio_path.open("rb") as source:
            audio = decode(source)  # the app's decoder: the same samples the app transcribes
        beam = TranscribeOptions().beam_size
        prompt_or_none = prompt if config.endswith("+names") else None
        if config.startswith("raw-sequential"):
            segments, _ = model.transcribe(audio, language="en", beam_size=beam,
                                           initial_prompt=prompt_or_none)
        else:
            pipeline = BatchedInferencePipeline(model)
            segments, _ = pipeline.transcribe(audio, language="en", beam_size=beam, batch_size=8,
                                              initial_prompt=prompt_or_none)
        text = " ".join(s.text.strip() for s in segments)
        wall = time.perf_counter() - started
    else:
        from familyrecord.settings import AppSettings

        with tempfile.TemporaryDirectory(prefix="fr-bench-") as tmp:
            services, meeting_id = bench_vault(Path(tmp) / "bench.frvault")
            started = time.perf_counter()  # vault creation is not part of the path measured
            service = services.transcription
            attachment = service.import_recording(audio_path, meeting_id)
            options = service.options_from_settings(AppSettings())  # as the GUI and CLI do
            if options.transcribe.initial_prompt != prompt:
                raise SystemExit("the app offered another prompt than the raw side was given")
            job = service.run(service.queue(meeting_id, attachment.id, options).id)
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
        services, _ = Services.create(Path(tmp) / "cancel.frvault", PASSPHRASE,
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
    parser.add_argument("--hours", type=float, help="H hours of speech through `familyrecord transcribe`")
    parser.add_argument("--long-silence", action="store_true",
                        help="hours of silence through `familyrecord transcribe`")
    parser.add_argument("--silence", choices=("hiss", "zeros"), default="hiss")
    parser.add_argument("--silence-hours", type=float, default=6.0)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--audio", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--prompt", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.audio, args.prompt)))
        return 0
    if args.long_silence:
        return long_silence(args.silence_hours, args.silence)
    if args.hours:
        return long_speech(args.hours)
    return compare(args)


def compare(args: argparse.Namespace) -> int:
    from familyrecord.transcription.speech import conversation, encode

    turns = script(args.minutes)
    reference = " ".join(text for _voice, text in turns)
    made = time.perf_counter()
    samples = conversation(turns, pause_s=0.7)
    duration = len(samples) / 16_000
    if duration < args.minutes * 60:
        raise SystemExit(f"the recording came out at {duration / 60:.1f} min; raise --minutes")
    configs = [c for c in args.configs.split(",") if c]
    prompt = app_prompt()
    print(f"names offered by the app and given to the raw side: {prompt}", flush=True)
    with tempfile.TemporaryDirectory(prefix="fr-bench-") as tmp:
        audio_path = Path(tmp) / "long-meeting.m4a"
        audio_path.write_bytes(encode(samples, "m4a"))
        print(f"recording: {duration / 60:.1f} min, {audio_path.stat().st_size / 1e6:.1f} MB m4a "
              f"(made in {time.perf_counter() - made:.0f} s)", flush=True)
        results: dict[str, list[dict[str, Any]]] = {c: [] for c in configs}
        for run in range(args.runs):
            for config in configs:  # interleaved, so drift in machine load hits all alike
                out = subprocess.run([sys.executable, __file__, "--one", config, "--audio",
                                      str(audio_path), "--prompt", prompt],
                                     capture_output=True, text=True, check=True)
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



# ---- long recordings through `familyrecord transcribe` -----------------------------------------

def _proc_kib(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    try:
        children = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return children + [d for c in children for d in _descendants(c)]


def _role(pid: int) -> str:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "gone"
    if "resource_tracker" in command:
        return "tracker"
    return "engine" if "multiprocessing" in command else "other"


class TreeWatch(threading.Thread):
    """Peak RSS of a process and of everything it starts, polled from /proc (psutil-free)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peaks: dict[str, int] = {}  # role -> highest VmHWM seen (KiB)
        self.together = 0  # highest sum of VmRSS over the tree at one moment (KiB)
        self.engine_started = False
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.wait(0.1):
            self.sample()

    def sample(self) -> None:
        total = _proc_kib(self.pid, "VmRSS")
        self.peaks["app"] = max(self.peaks.get("app", 0), _proc_kib(self.pid, "VmHWM"))
        for child in _descendants(self.pid):
            role = _role(child)
            self.engine_started |= role == "engine"
            self.peaks[role] = max(self.peaks.get(role, 0), _proc_kib(child, "VmHWM"))
            total += _proc_kib(child, "VmRSS")
        self.together = max(self.together, total)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def write_silence(path: Path, hours: float, kind: str) -> float:
    """An 8 kHz 16-bit WAV of room hiss (about -50 dBFS) or of zeros, written in pieces."""
    import wave

    import numpy as np

    rng = np.random.default_rng(6)
    seconds = hours * 3600
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        for start in range(0, int(seconds), 600):
            count = int(min(600, seconds - start) * 8000)
            hiss = rng.standard_normal(count) * 0.003 * 32767 if kind == "hiss" else np.zeros(count)
            out.writeframes(hiss.astype("<i2").tobytes())
    return seconds


def write_meeting(path: Path, hours: float) -> tuple[float, str]:
    """Made-up meeting turns with pauses and a break of a minute or two now and then, encoded
    into m4a turn by turn (never all of it in memory); returns its length and its script."""
    import av
    import numpy as np

    from familyrecord.transcription.speech import speak

    rng = random.Random(9)
    turns = script(hours * 60, seed=9)  # more than enough: cut at the length asked for
    said: list[str] = []
    written = 0
    with av.open(str(path), mode="w", format="ipod") as container:
        stream: Any = container.add_stream("aac", rate=16_000, layout="mono")
        stream.bit_rate = 32_000
        resampler = av.AudioResampler(format=stream.codec_context.format.name, layout="mono",
                                      rate=16_000, frame_size=stream.codec_context.frame_size)

        def put(samples: Any) -> None:
            nonlocal written
            frame = av.AudioFrame.from_ndarray(
                (np.clip(samples, -1, 1) * 32767).astype(np.int16).reshape(1, -1), format="s16",
                layout="mono")
            frame.sample_rate = 16_000
            for out in resampler.resample(frame):
                for packet in stream.encode(out):
                    container.mux(packet)
            written += len(samples)

        for voice, text in turns:
            if written >= hours * 3600 * 16_000:
                break
            put(speak(text, voice=voice))
            said.append(text)
            pause = rng.uniform(60, 150) if rng.random() < 0.01 else rng.uniform(0.4, 2.0)
            put(np.zeros(int(pause * 16_000), dtype=np.float32))
        for out in resampler.resample(None):
            for packet in stream.encode(out):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return written / 16_000, " ".join(said)


def transcribe_cli(audio_path: Path, tmp: Path) -> tuple[float, TreeWatch, list[str]]:
    """`familyrecord transcribe` as a family runs it, watched from outside; returns wall time,
    the watch and the stored text."""
    import os

    from familyrecord.services import Services

    services, meeting_id = bench_vault(tmp / "long.frvault")
    services.lock()
    home = tmp / "home"
    env = {**os.environ, "FAMILYRECORD_PASSPHRASE": PASSPHRASE, "HOME": str(home),
           "FAMILYRECORD_HOME": str(home / "familyrecord"), "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_DATA_HOME": str(home / ".local/share"), "XDG_CACHE_HOME": str(home / ".cache")}
    started = time.perf_counter()
    runner = subprocess.Popen([sys.executable, "-m", "familyrecord", "transcribe", "--path",
                               str(tmp / "long.frvault"), "--meeting", meeting_id, str(audio_path)],
                              env=env, cwd=Path(__file__).resolve().parents[1],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    watch = TreeWatch(runner.pid)
    watch.start()
    output, _ = runner.communicate()
    wall = time.perf_counter() - started
    watch.stop()
    if runner.returncode != 0:
        raise SystemExit(f"familyrecord transcribe failed ({runner.returncode}):\n{output[-2000:]}")
    services = Services.open(tmp / "long.frvault", PASSPHRASE)
    (transcript,) = services.transcription.transcripts_for(meeting_id)
    texts = [s.text for s in services.transcription.segments(transcript.id)]
    services.lock()
    return wall, watch, texts


def _report(label: str, duration: float, wall: float, watch: TreeWatch) -> None:
    mib = {role: kib / 1024 for role, kib in watch.peaks.items()}
    engine = f"{mib['engine']:.0f} MiB" if watch.engine_started else "never started"
    both = mib.get("app", 0) + mib.get("engine", 0)
    print(f"{label}: {duration / 3600:.2f} h of audio, wall {wall:.1f} s ({wall / 60:.1f} min), "
          f"RTF {wall / duration:.4f}")
    print(f"peak RSS: app {mib.get('app', 0):.0f} MiB, engine {engine}, both {both:.0f} MiB "
          f"(sum of each one's peak; at one moment at most {watch.together / 1024:.0f} MiB with "
          f"multiprocessing's resource tracker, {mib.get('tracker', 0):.0f} MiB)")


def long_silence(hours: float, kind: str) -> int:
    with tempfile.TemporaryDirectory(prefix="fr-bench-") as tmp:
        path = Path(tmp) / "empty-room.wav"
        duration = write_silence(path, hours, kind)
        print(f"recording: {hours:g} h of {kind} at 8 kHz, {path.stat().st_size / 1e6:.0f} MB WAV",
              flush=True)
        wall, watch, texts = transcribe_cli(path, Path(tmp))
    _report(f"{hours:g} h of {kind}", duration, wall, watch)
    print(f"segments stored: {len(texts)} (target 0); wall {100 * wall / duration:.2f}% of real "
          f"time (target < 10%)")
    return 0 if not texts and wall < duration / 10 else 1


def long_speech(hours: float) -> int:
    with tempfile.TemporaryDirectory(prefix="fr-bench-") as tmp:
        path = Path(tmp) / "long-meeting.m4a"
        made = time.perf_counter()
        duration, reference = write_meeting(path, hours)
        print(f"recording: {duration / 3600:.2f} h, {path.stat().st_size / 1e6:.0f} MB m4a "
              f"(made in {time.perf_counter() - made:.0f} s)", flush=True)
        wall, watch, texts = transcribe_cli(path, Path(tmp))
    _report(f"{hours:g} h meeting", duration, wall, watch)
    both = (watch.peaks.get("app", 0) + watch.peaks.get("engine", 0)) / 1024
    print(f"segments stored: {len(texts)}, WER {100 * wer(reference, ' '.join(texts)):.2f}%; "
          f"both processes {both:.0f} MiB (target < 1536 MiB)")
    return 0 if both < 1536 else 1

if __name__ == "__main__":
    raise SystemExit(main())
