"""`familyrecord`: the headless verbs (init, add, search, verify, backup, demo, …) and the GUI.

With no subcommand it opens the desktop app. Each command module in `familyrecord.commands`
adds its own subcommands; all of them use the services façade, as the GUI does.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from familyrecord import __version__
from familyrecord.errors import UserError

COMMAND_MODULES = (
    "familyrecord.commands.vault",
    "familyrecord.commands.records",
    "familyrecord.commands.demo",
    "familyrecord.commands.transcribe",
    "familyrecord.commands.export",
    "familyrecord.commands.contact",
    "familyrecord.commands.deadlines",
    "familyrecord.commands.intake",
    "familyrecord.commands.minutes",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="familyrecord",
        description="FamilyRecord: your own encrypted, offline record of dealings with "
                    "children's social care. Run with no command to open the app.",
        epilog="Scripts may set FAMILYRECORD_PASSPHRASE instead of typing the passphrase. "
               "That is less safe: other programs on this computer may be able to read it.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", help="open the desktop app (the default)")
    gui.set_defaults(func=_run_gui)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    from familyrecord.ui.app import run

    return int(run([]))


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        return _run_gui(args)
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"familyrecord: {exc.user_message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("familyrecord: stopped.", file=sys.stderr)
        return 130


def gui_main() -> int:
    """Entry point of the `familyrecord-gui` gui-script."""
    return _run_gui(argparse.Namespace())
