"""The engine protocol every speech-to-text engine follows, and the choice between them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from familyrecord.progress import CancelCheck, Progress
from familyrecord.storage.errors import VaultError
from familyrecord.transcription.audio import Samples

# Progress is (seconds of audio done, seconds in all).


class EngineUnavailable(VaultError):
    user_message = ("That transcription engine is not installed on this computer. "
                    "Choose the built-in engine in Settings.")


class ModelNotUsable(VaultError):
    user_message = ("The speech model could not be loaded. Check the model folder in Settings, "
                    "or choose the built-in model.")


@dataclass(frozen=True)
class Word:
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class EngineSegment:
    start: float
    end: float
    text: str
    avg_logprob: float = 0.0
    words: tuple[Word, ...] = ()
    # The model's own doubts, used to drop made-up text (hallucination.py); 0 when unknown.
    no_speech_prob: float = 0.0
    compression_ratio: float = 0.0


@dataclass(frozen=True)
class TranscribeOptions:
    model_path: str = ""
    language: str = "en"
    initial_prompt: str = ""
    # Batched is about twice as fast but only as accurate when names are given in the prompt
    # (see faster.py); the service turns it on when it has names to offer.
    batched: bool = False
    vad_filter: bool = False
    batch_size: int = 8
    beam_size: int = 5
    word_timestamps: bool = False
    cpu_threads: int = 0
    extra: dict[str, str] = field(default_factory=dict)


class Engine(Protocol):
    name: str

    def transcribe(self, audio: Samples, options: TranscribeOptions, progress: Progress | None = None,
                   cancelled: CancelCheck | None = None) -> Iterator[EngineSegment]:
        """Yield finished segments in time order, with times relative to the start of `audio`."""
        ...


ENGINE_NAMES = ("faster-whisper", "openai-whisper")


def load_engine(name: str, options: TranscribeOptions) -> Engine:
    """Build an engine by name; raises EngineUnavailable when its package is missing."""
    if name == "faster-whisper":
        from familyrecord.transcription.faster import FasterWhisperEngine

        faster: Engine = FasterWhisperEngine(options)
        return faster
    if name == "openai-whisper":
        from familyrecord.transcription.openai_engine import OpenAIWhisperEngine

        optional: Engine = OpenAIWhisperEngine(options)
        return optional
    raise EngineUnavailable(name)
