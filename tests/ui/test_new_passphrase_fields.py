"""The new-passphrase fields: one widget for creating a record and for changing the passphrase,
saying storage's rule (familyrecord.storage.keyslots) in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from familyrecord.services import Services
from familyrecord.storage.keyslots import MIN_PASSPHRASE_LENGTH, passphrase_problem
from familyrecord.ui.settings.safekeeping import SafekeepingDialog
from familyrecord.ui.widgets.passphrase import NewPassphraseFields
from tests.ui.uihelpers import make_window

pytestmark = pytest.mark.gui


@pytest.fixture
def fields(qtbot: QtBot) -> NewPassphraseFields:
    made = NewPassphraseFields(first=("Passphrase:", "Passphrase"), again=("Again:", "Passphrase again"))
    qtbot.addWidget(made)
    return made


def _type(fields: NewPassphraseFields, first: str, again: str | None = None) -> None:
    fields.passphrase.setText(first)
    fields.repeat.setText(first if again is None else again)


def test_the_rule_is_storages(fields: NewPassphraseFields) -> None:
    short = "x" * (MIN_PASSPHRASE_LENGTH - 1)
    _type(fields, short)
    problem = fields.problem()
    assert problem is not None and f"at least {MIN_PASSPHRASE_LENGTH} characters" in problem
    assert passphrase_problem(short) is not None
    _type(fields, "x" * MIN_PASSPHRASE_LENGTH)
    assert fields.problem() is None and passphrase_problem(fields.text()) is None
    spaces = " " * (MIN_PASSPHRASE_LENGTH + 2)
    _type(fields, spaces)
    assert fields.problem() == passphrase_problem(spaces)  # said as storage says it
    _type(fields, "orange bicycle quiet harbour", "orange bicycle quiet harbor")
    assert "not the same" in (fields.problem() or "")


def test_hint_and_show(fields: NewPassphraseFields) -> None:
    assert str(MIN_PASSPHRASE_LENGTH) in fields.hint.text()
    fields.passphrase.setText("abc")
    assert fields.hint.text().startswith("Too short")
    fields.passphrase.setText("orange bicycle quiet harbour")
    assert fields.hint.text().startswith("Strong")
    assert fields.repeat.echoMode() == QLineEdit.EchoMode.Password
    fields.show_box.setChecked(True)
    assert {fields.passphrase.echoMode(), fields.repeat.echoMode()} == {QLineEdit.EchoMode.Normal}
    fields.clear()
    assert fields.text() == "" and fields.repeat.text() == ""


def test_a_mismatch_is_typed_again(fields: NewPassphraseFields) -> None:
    _type(fields, "orange bicycle quiet harbour", "something else entirely")
    fields.focus_problem()
    assert fields.repeat.text() == ""


def test_both_places_use_it(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path / "new.frvault")
    assert isinstance(window.create_page.fields, NewPassphraseFields)
    assert window.create_page.passphrase is window.create_page.fields.passphrase
    dialog = SafekeepingDialog(services)
    qtbot.addWidget(dialog)
    assert isinstance(dialog.fields, NewPassphraseFields)
    assert dialog.new_passphrase is dialog.fields.passphrase
