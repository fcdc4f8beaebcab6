"""Bringing in the association's old spreadsheets: read, map, check (dry run), apply, undo.

    source = readers.open_source(path, sheet=None, encoding=None)   # CSV, XLSX, XLS, ODS
    mapping = mapping.auto_mapping("personnes", source.headers)      # or mapping.load(json)
    result = plan.dry_run(db, source, mapping)                       # nothing written
    batch = apply.apply_import(db, source, mapping, decisions=…)     # one journaled transaction
    apply.undo_import(db, batch.id)                                  # journaled, syncs

Rows are streamed (never the whole file in memory); what is kept per row is its matching keys.
Everything the user reads is in French.
"""
