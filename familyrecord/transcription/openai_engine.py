"""Optional engine: openai-whisper (PyTorch), used only when the user has installed it.

It takes a local checkpoint file (.pt) chosen in Settings; nothing is downloaded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from familyrecord.progress import CancelCheck, Progress
from familyrecord.transcription.audio import SAMPLE_RATE, Samples
from familyrecord.transcription.engine import (
    EngineSegment,
    EngineUnavailable,
    ModelNotUsable,
    TranscribeOptions,
    Word,
)


def available() -> bool:
    try:
        import whisper  # noqa: F401
    except ImportError:
        return False
    return True


class OpenAIWhisperEngine:
    name = "openai-whisper"

    def __init__(self, options: TranscribeOptions) -> None:
        try:
            import whisper
        except ImportError:
            raise EngineUnavailable("openai-whisper is not installed") from None
        path = Path(options.model_path) if options.model_path else None
        if path is None or not path.is_file():
            raise ModelNotUsable("openai-whisper needs a local checkpoint file")
        try:
            self._model: Any = whisper.load_model(str(path), device="cpu")
        except (RuntimeError, KeyError, OSError) as exc:
            raise ModelNotUsable(type(exc).__name__) from None

    def transcribe(self, audio: Samples, options: TranscribeOptions, progress: Progress | None = None,
                   cancelled: CancelCheck | None = None) -> Iterator[EngineSegment]:
        total = len(audio) / SAMPLE_RATE
        language = options.language if self._model.is_multilingual else "en"
        result = self._model.transcribe(audio, language=language, fp16=False,
                                        initial_prompt=options.initial_prompt or None,
                                        word_timestamps=options.word_timestamps)
        for seg in result["segments"]:
            if cancelled is not None and cancelled():
                return
            words = tuple(Word(float(w["start"]), float(w["end"]), str(w["word"]))
                          for w in seg.get("words", ()))
            yield EngineSegment(float(seg["start"]), float(seg["end"]), str(seg["text"]).strip(),
                                float(seg.get("avg_logprob", 0.0)), words,
                                float(seg.get("no_speech_prob", 0.0)),
                                float(seg.get("compression_ratio", 0.0)))
            if progress is not None:
                progress(min(float(seg["end"]), total), total)
