"""The default engine: faster-whisper (CTranslate2), int8 on the CPU.

Two ways to run, measured in benchmarks/transcription.py on tiny.en:
- batched (BatchedInferencePipeline with VAD): about twice as fast. Each chunk is decoded
  without the previous chunk's words, which costs accuracy on names, unless the names are
  given in the initial prompt; with the vault's names offered there it matched sequential
  accuracy. The app uses it whenever it has names to offer.
- sequential (WhisperModel.transcribe): each 30 s window sees the words before it; the most
  accurate with no names to offer, and the default then.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from familyrecord.progress import CancelCheck, Progress
from familyrecord.transcription.audio import SAMPLE_RATE, Samples
from familyrecord.transcription.engine import (
    EngineSegment,
    ModelNotUsable,
    TranscribeOptions,
    Word,
)
from familyrecord.transcription.models import bundled_model_path


class FasterWhisperEngine:
    name = "faster-whisper"

    def __init__(self, options: TranscribeOptions) -> None:
        from faster_whisper import WhisperModel

        path = options.model_path or str(bundled_model_path())
        try:
            self._model = WhisperModel(path, device="cpu", compute_type="int8",
                                       cpu_threads=options.cpu_threads)
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelNotUsable(type(exc).__name__) from None
        self.model_path = path

    @property
    def multilingual(self) -> bool:
        return bool(self._model.model.is_multilingual)

    def transcribe(self, audio: Samples, options: TranscribeOptions, progress: Progress | None = None,
                   cancelled: CancelCheck | None = None) -> Iterator[EngineSegment]:
        total = len(audio) / SAMPLE_RATE
        language = options.language if self.multilingual else "en"
        kwargs: dict[str, Any] = {
            "language": language or None,
            "initial_prompt": options.initial_prompt or None,
            "beam_size": options.beam_size,
            "word_timestamps": options.word_timestamps,
        }
        if options.batched:
            from faster_whisper import BatchedInferencePipeline

            pipeline = BatchedInferencePipeline(self._model)
            # Whole VAD chunks (up to 30 s), as fast as the pipeline goes; split into sentences below.
            segments, _info = pipeline.transcribe(audio, batch_size=options.batch_size, **kwargs)
        else:
            segments, _info = self._model.transcribe(audio, vad_filter=options.vad_filter, **kwargs)
        for seg in segments:
            if cancelled is not None and cancelled():
                return
            words = tuple(Word(float(w.start), float(w.end), w.word) for w in seg.words or ())
            whole = EngineSegment(float(seg.start), float(seg.end), seg.text.strip(),
                                  float(seg.avg_logprob), words, float(seg.no_speech_prob),
                                  float(seg.compression_ratio))
            yield from split_sentences(whole) if options.batched else (whole,)
            if progress is not None:
                progress(min(float(seg.end), total), total)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
MIN_SENTENCE_CHARS = 12
MAX_ROW_WORDS = 30


def split_sentences(segment: EngineSegment) -> list[EngineSegment]:
    """Cut a long chunk into sentences, so each row of the editor is one thing said.

    With word timings each sentence gets its own; otherwise the chunk's time is shared out in
    proportion to the sentences' length (speech runs at a fairly even pace within one chunk).
    """
    pieces: list[str] = []
    for piece in _SENTENCE_END.split(segment.text.strip()):
        if pieces and len(piece) < MIN_SENTENCE_CHARS:
            pieces[-1] = f"{pieces[-1]} {piece}"  # "Yes." is not a row of its own
        elif piece:
            pieces.append(piece)
    if len(pieces) > 1 and len(pieces[0]) < MIN_SENTENCE_CHARS:
        pieces[:2] = [f"{pieces[0]} {pieces[1]}"]
    pieces = [part for piece in pieces for part in _shorter(piece)]
    if len(pieces) <= 1:
        return [segment]
    if segment.words:
        return _split_by_words(segment, pieces)
    span = segment.end - segment.start
    weights = [len(p) + 1 for p in pieces]
    total = sum(weights)
    out: list[EngineSegment] = []
    start = segment.start
    for n, (piece, weight) in enumerate(zip(pieces, weights, strict=True)):
        end = segment.end if n == len(pieces) - 1 else round(start + span * weight / total, 3)
        out.append(replace(segment, start=start, end=end, text=piece, words=()))
        start = end
    return out


def _shorter(piece: str) -> list[str]:
    """Text the model left unpunctuated, cut into even rows of at most MAX_ROW_WORDS words."""
    words = piece.split()
    if len(words) <= MAX_ROW_WORDS:
        return [piece]
    rows = -(-len(words) // MAX_ROW_WORDS)
    size = -(-len(words) // rows)
    return [" ".join(words[i:i + size]) for i in range(0, len(words), size)]


def _split_by_words(segment: EngineSegment, pieces: list[str]) -> list[EngineSegment]:
    out: list[EngineSegment] = []
    words = list(segment.words)
    for n, piece in enumerate(pieces):
        count = len(piece.split())
        taken, words = (words, []) if n == len(pieces) - 1 else (words[:count], words[count:])
        if not taken:
            break
        out.append(replace(segment, start=taken[0].start, end=taken[-1].end, text=piece,
                           words=tuple(taken)))
    return out if len(out) == len(pieces) else [segment]
