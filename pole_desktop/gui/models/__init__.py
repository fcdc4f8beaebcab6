"""Qt item models over the database (list screens)."""
