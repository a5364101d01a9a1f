"""Storage: engine and pragmas, tables, migrations and repository functions. No Textual."""
