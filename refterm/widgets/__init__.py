"""Reusable widgets: each sends its own nested messages."""
