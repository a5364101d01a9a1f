"""Pure logic: no Textual here (a test checks it)."""
