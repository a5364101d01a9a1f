"""Import and export commands (filled in by the import/export work)."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
