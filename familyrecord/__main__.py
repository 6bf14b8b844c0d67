"""`python -m familyrecord`: the command line; with no subcommand it opens the desktop app."""

from familyrecord.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
