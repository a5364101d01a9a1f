"""The bottom floor: plain values and rules that import nothing else of refterm."""
