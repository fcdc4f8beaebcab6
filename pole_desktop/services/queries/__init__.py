"""Read-only queries for the screens: plain data out, run on the GUI's ``db`` queue."""
