"""Vault-level commands: init, unlock, passwd, recover, verify, backup, restore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from familyrecord.commands.common import (
    RECOVERY_ENV,
    add_path_option,
    ask_new_passphrase,
    ask_secret,
    opened,
    vault_path,
)
from familyrecord.progress import ProgressBar
from familyrecord.services import Services


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("init", help="create a new, empty record file")
    add_path_option(p)
    p.add_argument("--family-name", default="", help="how the family is named on exports")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("unlock", help="check that the passphrase opens the record")
    add_path_option(p)
    p.set_defaults(func=cmd_unlock)

    p = sub.add_parser("passwd", help="change the passphrase (the data is not re-encrypted)")
    add_path_option(p)
    p.set_defaults(func=cmd_passwd)

    p = sub.add_parser("recover", help="open with the recovery code and set a new passphrase")
    add_path_option(p)
    p.set_defaults(func=cmd_recover)

    p = sub.add_parser("verify", help="check the record file, its history and every attachment")
    add_path_option(p)
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("backup", help="write an encrypted copy of the record")
    add_path_option(p)
    p.add_argument("destination", type=Path)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="restore a backup to a new place")
    p.add_argument("backup", type=Path)
    p.add_argument("destination", type=Path)
    p.set_defaults(func=cmd_restore)


def print_recovery_code(code: str) -> None:
    print("\nYour recovery code (write it down and keep it somewhere safe):\n")
    print(f"    {code}\n")
    print("If you forget your passphrase, this code is the only way back in. It is shown once.")


def cmd_init(args: argparse.Namespace) -> int:
    path = vault_path(args)
    services, code = Services.create(path, ask_new_passphrase(), family_name=args.family_name)
    services.lock()
    print(f"Created {path}")
    print_recovery_code(code)
    return 0


def cmd_unlock(args: argparse.Namespace) -> int:
    with opened(args) as services:
        print(f"The record opens. It belongs to: {services.family_name or '(no name set)'}")
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    with opened(args) as services:
        services.change_passphrase(ask_new_passphrase(env="FAMILYRECORD_NEW_PASSPHRASE"))
    print("Passphrase changed. The old one no longer opens the record.")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    code = ask_secret("Recovery code: ", env=RECOVERY_ENV)
    services = Services.open_with_recovery_code(vault_path(args), code)
    try:
        services.change_passphrase(ask_new_passphrase(env="FAMILYRECORD_NEW_PASSPHRASE"))
    finally:
        services.lock()
    print("The record is open again with your new passphrase.")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    bar = ProgressBar("Checking attachments")
    with opened(args) as services:
        try:
            report = services.verify(progress=bar)
        finally:
            bar.finish()
    if report.ok:
        print(f"Intact: {report.records} records, {report.attachments} attachments, "
              f"{report.journal_entries} journal entries.")
        print(f"Journal head: {report.head_hash}")
        return 0
    print("The record is NOT intact: it is damaged or was changed outside FamilyRecord.\n"
          "Nothing has been changed by this check. What was found:", file=sys.stderr)
    for problem in report.problems:
        print(f"  - {problem}", file=sys.stderr)
    return 1


def cmd_backup(args: argparse.Namespace) -> int:
    with opened(args) as services:
        written = services.backup(args.destination)
    print(f"Encrypted backup written to {written} (and {written.name}.keys beside it).")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    services = Services.restore(args.backup, args.destination, ask_secret("Passphrase: "))
    report = services.verify()
    services.lock()
    print(f"Restored to {args.destination}: {'intact' if report.ok else 'PROBLEMS FOUND'}.")
    return 0 if report.ok else 1
