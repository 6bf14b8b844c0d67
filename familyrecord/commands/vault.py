"""Vault-level commands: init, unlock, passwd, recover, verify, receipt, receipts, backup, restore,
repair-keys."""

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
from familyrecord.errors import InputError
from familyrecord.progress import ProgressBar
from familyrecord.services import Services
from familyrecord.services.safekeeping import SafekeepingService
from familyrecord.storage.atomic import write_atomically


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

    p = sub.add_parser("verify", help="check the record file, its history, every attachment, "
                                      "search and the key file")
    add_path_option(p)
    p.add_argument("--receipt", metavar="CODE", default=None,
                   help="also prove that the history up to this receipt is unchanged")
    p.add_argument("--repair-search", action="store_true",
                   help="rebuild search where it does not match the record")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("receipt", help="give a receipt: a short code that pins the history as it "
                                       "is now, to send to someone you trust")
    add_path_option(p)
    p.add_argument("--qr", type=Path, default=None, metavar="FILE.png",
                   help="also save the code as a QR picture")
    p.add_argument("--purpose", default="checked by hand", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_receipt)

    p = sub.add_parser("receipts", help="list the receipts this record has given")
    add_path_option(p)
    p.set_defaults(func=cmd_receipts)

    p = sub.add_parser("backup", help="write an encrypted copy of the record (one file)")
    add_path_option(p)
    p.add_argument("destination", type=Path)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("repair-keys", help="repair a damaged or lost key file from a backup")
    add_path_option(p)
    p.add_argument("--from", dest="backup", type=Path, required=True, metavar="BACKUP",
                   help="a backup of this record")
    p.set_defaults(func=cmd_repair_keys)

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
        safekeeping = services.safekeeping
        receipt = safekeeping.check_receipt(args.receipt) if args.receipt else None
        if args.repair_search:
            repaired = safekeeping.repair_search()
            for finding in repaired.findings():
                print(f"Repaired: {finding}")
        try:
            report = safekeeping.verify(progress=bar)
        finally:
            bar.finish()
    intact = report.ok and (receipt is None or receipt.ok)
    if report.ok:
        print(f"Intact: {report.records} records, {report.attachments} attachments, "
              f"{report.journal_entries} journal entries.")
        print(f"Journal head: {report.head_hash}")
    else:
        print("The record is NOT intact: it is damaged or was changed outside FamilyRecord.\n"
              "Nothing has been changed by this check. What was found:", file=sys.stderr)
        for problem in report.problems:
            print(f"  - {problem}", file=sys.stderr)
        if not report.search_ok:
            print("Search can be rebuilt from the record: run this check again with "
                  "--repair-search.", file=sys.stderr)
    if receipt is not None:
        if receipt.ok:
            print(f"Receipt {receipt.code} holds: the history up to entry {receipt.seq} is exactly "
                  "as it was when the receipt was given.")
            for note in receipt.notes:
                print(f"  {note}")
        else:
            print(f"Receipt {receipt.code} does NOT hold:", file=sys.stderr)
            for problem in receipt.problems:
                print(f"  - {problem}", file=sys.stderr)
    return 0 if intact else 1


def cmd_receipt(args: argparse.Namespace) -> int:
    with opened(args) as services:
        receipt = services.safekeeping.receipt(args.purpose)
    print(receipt.describe())
    print(f"\n    {receipt.code}\n")
    print("Send this code to someone you trust (your solicitor, your advocate, or your own e-mail). "
          "Later, 'familyrecord verify --receipt CODE' proves the history up to now was not "
          "rewritten.")
    if args.qr is not None:
        _save_qr(args.qr, receipt.code)
        print(f"QR picture saved to {args.qr}")
    return 0


def _save_qr(destination: Path, code: str) -> None:
    try:
        write_atomically(destination, SafekeepingService.receipt_qr_png(code), overwrite=False)
    except FileExistsError:
        raise InputError(str(destination), user_message=(
            f"There is already a file called {destination.name}. The receipt was given; "
            "choose another name for its picture, or copy the code by hand.")) from None
    except OSError as exc:
        raise InputError(str(exc), user_message=(
            f"The picture could not be saved to {destination}. The receipt was given; copy the "
            "code by hand.")) from None


def cmd_receipts(args: argparse.Namespace) -> int:
    with opened(args) as services:
        given = services.safekeeping.receipts()
    if not given:
        print("This record has not given any receipts yet.")
    for receipt in given:
        print(f"{receipt.describe()}{f' ({receipt.purpose})' if receipt.purpose else ''}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    with opened(args) as services:
        written = services.safekeeping.backup(args.destination)
    print(f"Encrypted backup written to {written}. It is one file: its key file is inside. It opens "
          "with the passphrase and recovery code you have now.")
    return 0


def cmd_repair_keys(args: argparse.Namespace) -> int:
    repair = SafekeepingService.repair_key_file(
        vault_path(args), args.backup, ask_secret("Passphrase when the backup was made: "))
    for note in repair.notes:
        print(note)
    if repair.kept_aside is not None:
        print(f"The damaged key file was kept as {repair.kept_aside.name}.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    services = Services.restore(args.backup, args.destination, ask_secret("Passphrase: "))
    report = services.verify()
    services.lock()
    print(f"Restored to {args.destination}: {'intact' if report.ok else 'PROBLEMS FOUND'}.")
    return 0 if report.ok else 1
