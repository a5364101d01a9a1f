"""The bottom floor: plain vocabularies and rules that import nothing else of refterm."""
