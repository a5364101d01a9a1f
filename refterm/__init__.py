"""refterm: ask your network for references and recommendations, not jobs."""

__version__ = "0.1.0"
