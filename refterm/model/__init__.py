"""The bottom floor: plain facts that import nothing else of refterm."""
