"""The click command line: `refterm` opens the TUI, sub-commands script everything else."""
