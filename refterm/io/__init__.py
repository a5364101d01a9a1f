"""Importers and exporters: LinkedIn CSV, vCard, JSON backup, the dossier. No Textual here."""
