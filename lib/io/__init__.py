"""Files in and out: reading tables, imports, the export, boundaries, official lists, template."""
