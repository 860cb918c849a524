"""The database: tables, migrations, the engine, and the named reads and writes."""
