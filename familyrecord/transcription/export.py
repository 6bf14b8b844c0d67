"""Transcript export: plain text, SRT and WebVTT subtitles, and a Word document.

Each line carries its time and speaker so a quote can be found in the recording. The file is
written only where the user chose (a deliberate plaintext copy); nothing is staged in temp.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from familyrecord.storage.errors import VaultError
from familyrecord.storage.transcripts import Segment

FORMATS = ("txt", "srt", "vtt", "docx")


class UnknownExportFormat(VaultError):
    user_message = "Please choose one of: text (.txt), subtitles (.srt or .vtt) or Word (.docx)."


def clock(seconds: float, *, millis: bool = False, sep: str = ".") -> str:
    """12.5 → '00:00:12' (or '00:00:12.500' with millis); hours always shown, for long meetings."""
    total_ms = round(max(0.0, seconds) * 1000)
    hours, rest = divmod(total_ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, ms = divmod(rest, 1000)
    base = f"{hours:02d}:{minutes:02d}:{secs:02d}"
    return f"{base}{sep}{ms:03d}" if millis else base


def _line(seg: Segment) -> str:
    marks = [m for m, on in (("DISPUTED", seg.disputed), ("IMPORTANT", seg.important)) if on]
    prefix = f"{seg.speaker}: " if seg.speaker else ""
    suffix = f"  [{', '.join(marks)}]" if marks else ""
    return f"{prefix}{seg.text}{suffix}"


def to_txt(segments: Sequence[Segment], title: str = "") -> str:
    head = [title, ""] if title else []
    return "\n".join(head + [f"[{clock(s.start)}] {_line(s)}" for s in segments]) + "\n"


def to_srt(segments: Sequence[Segment]) -> str:
    blocks = [f"{n}\n{clock(s.start, millis=True, sep=',')} --> {clock(s.end, millis=True, sep=',')}\n"
              f"{_line(s)}\n" for n, s in enumerate(segments, start=1)]
    return "\n".join(blocks)


def to_vtt(segments: Sequence[Segment]) -> str:
    blocks = ["WEBVTT\n"]
    for s in segments:
        voice = f"<v {s.speaker}>" if s.speaker else ""
        text = s.text + ("  [DISPUTED]" if s.disputed else "") + ("  [IMPORTANT]" if s.important else "")
        blocks.append(f"{clock(s.start, millis=True)} --> {clock(s.end, millis=True)}\n{voice}{text}\n")
    return "\n".join(blocks)


def to_docx(segments: Sequence[Segment], destination: Path, title: str = "") -> None:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.styles["Normal"].font.size = Pt(12)
    document.add_heading(title or "Transcript", level=1)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, ("Time", "Speaker", "What was said"), strict=True):
        cell.text = label
    for seg in segments:
        row = table.add_row().cells
        row[0].text = clock(seg.start)
        row[1].text = seg.speaker
        paragraph = row[2].paragraphs[0]
        paragraph.add_run(seg.text)
        if seg.disputed or seg.important:
            flag = paragraph.add_run(" [" + ", ".join(
                m for m, on in (("disputed", seg.disputed), ("important", seg.important)) if on) + "]")
            flag.bold = True
    document.save(str(destination))


def export_transcript(segments: Sequence[Segment], destination: Path, fmt: str | None = None,
                      *, title: str = "") -> Path:
    fmt = (fmt or destination.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise UnknownExportFormat(fmt)
    if fmt == "docx":
        to_docx(segments, destination, title)
    else:
        text = {"txt": lambda: to_txt(segments, title), "srt": lambda: to_srt(segments),
                "vtt": lambda: to_vtt(segments)}[fmt]()
        destination.write_text(text, encoding="utf-8")
    return destination
