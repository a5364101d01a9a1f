"""`python -m refterm` and the `refterm` console script."""

from __future__ import annotations

from refterm.cli.main import main

if __name__ == "__main__":
    main()
