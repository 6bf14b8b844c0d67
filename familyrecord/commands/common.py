"""What every command shares: the --path option, asking for the passphrase, opening the vault."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from familyrecord import paths
from familyrecord.services import Services
from familyrecord.storage import keyslots

PASSPHRASE_ENV = "FAMILYRECORD_PASSPHRASE"
RECOVERY_ENV = "FAMILYRECORD_RECOVERY_CODE"


def add_path_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--path", type=Path, default=None,
                        help=f"the record file (default: {paths.default_vault_path()})")


def vault_path(args: argparse.Namespace) -> Path:
    return Path(args.path) if args.path else paths.default_vault_path()


def ask_secret(prompt: str, env: str = PASSPHRASE_ENV) -> str:
    from_env = os.environ.get(env)
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        raise SystemExit(f"familyrecord: no terminal to ask for it; set {env} for scripts.")
    return getpass.getpass(prompt)


def ask_new_passphrase(env: str = PASSPHRASE_ENV) -> str:
    from_env = os.environ.get(env)
    if from_env:
        keyslots.check_new_passphrase(from_env)  # scripts get the same rule as people
        return from_env
    while True:
        first = ask_secret("New passphrase: ")
        problem = keyslots.passphrase_problem(first)
        if problem is not None:
            print(problem)
            continue
        if first == ask_secret("Type it again: "):
            return first
        print("The two did not match. Please try again.")


def open_services(args: argparse.Namespace) -> Services:
    path = vault_path(args)
    remembered = Services.open_remembered(path)
    if remembered is not None:
        return remembered
    return Services.open(path, ask_secret("Passphrase: "))


@contextmanager
def opened(args: argparse.Namespace) -> Iterator[Services]:
    """The vault named by --path, open for the length of a command and locked after it."""
    services = open_services(args)
    try:
        yield services
    finally:
        services.lock()
