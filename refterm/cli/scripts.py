"""Commands for call scripts and their templates (filled in by the scripts work)."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
