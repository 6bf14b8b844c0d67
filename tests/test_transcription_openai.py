"""The optional openai-whisper engine, with a tiny checkpoint the test builds itself."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest

from familyrecord.transcription.engine import (
    EngineSegment,
    EngineUnavailable,
    ModelNotUsable,
    TranscribeOptions,
    load_engine,
)
from familyrecord.transcription.openai_engine import available

needs_whisper = pytest.mark.skipif(
    not available(), reason="openai-whisper is not installed (optional extra: pip install "
                            "'familyrecord[openai-whisper]'); the default engine needs no PyTorch")


@pytest.mark.skipif(available(), reason="openai-whisper is installed here")
def test_missing_package_is_a_clear_error() -> None:
    with pytest.raises(EngineUnavailable) as raised:
        load_engine("openai-whisper", TranscribeOptions(model_path="/nowhere/tiny.pt"))
    assert "Settings" in raised.value.user_message


@needs_whisper
def test_a_missing_checkpoint_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelNotUsable):
        load_engine("openai-whisper", TranscribeOptions(model_path=str(tmp_path / "none.pt")))


@needs_whisper
def test_tiny_random_checkpoint_runs_through_the_engine(tmp_path: Path) -> None:
    import torch
    import whisper
    from whisper.model import ModelDimensions, Whisper

    dims = ModelDimensions(n_mels=80, n_audio_ctx=1500, n_audio_state=64, n_audio_head=2,
                           n_audio_layer=1, n_vocab=51864, n_text_ctx=448, n_text_state=64,
                           n_text_head=2, n_text_layer=1)
    torch.manual_seed(0)
    checkpoint = tmp_path / "tiny-random.pt"
    torch.save({"dims": asdict(dims), "model_state_dict": Whisper(dims).state_dict()}, checkpoint)
    assert whisper.load_model(str(checkpoint), device="cpu").dims == dims
    engine = load_engine("openai-whisper", TranscribeOptions(model_path=str(checkpoint)))
    audio = (0.1 * np.sin(np.linspace(0, 2000, 16_000 * 3))).astype(np.float32)
    segments = list(engine.transcribe(audio, TranscribeOptions(model_path=str(checkpoint))))
    assert all(isinstance(s, EngineSegment) and 0 <= s.start <= s.end <= 30.5 for s in segments)
