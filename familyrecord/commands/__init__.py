"""Subcommands of the `familyrecord` command line, one module per area."""
