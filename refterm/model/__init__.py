"""The bottom floor: plain values, facts and rules that import nothing else of refterm."""
