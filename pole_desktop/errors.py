"""Turning exceptions into messages a non-technical advisor understands (French)."""

from __future__ import annotations


def user_message(exc: BaseException) -> str:
    from pole_desktop.services.validation import ValidationError
    from pole_desktop.storage.migrate import DatabaseTooNewError

    if isinstance(exc, ValidationError):
        return " ".join(exc.errors.values())
    if isinstance(exc, DatabaseTooNewError):
        return str(exc)
    if isinstance(exc, PermissionError):
        return f"Accès refusé au fichier « {exc.filename} »."
    if isinstance(exc, FileNotFoundError):
        return f"Fichier ou dossier introuvable : « {exc.filename} »."
    if isinstance(exc, OSError):
        return f"Erreur d'accès au disque ou au réseau ({exc.strerror or exc})."
    from sqlalchemy.exc import SQLAlchemyError

    if isinstance(exc, SQLAlchemyError) or type(exc).__module__.startswith(("sqlcipher3", "sqlite3")):
        return database_message(exc)
    text = str(exc)
    return text if text else exc.__class__.__name__


def database_message(exc: BaseException) -> str:
    """A database error in French (never SQLAlchemy's or SQLite's English text)."""
    raw = str(getattr(exc, "orig", None) or exc).lower()
    if "full" in raw:
        return "Le disque est plein : l'opération n'a pas été faite. Libérez de la place, puis recommencez."
    if "locked" in raw or "busy" in raw:
        return "Les données sont occupées par une autre opération : réessayez dans un instant."
    if "malformed" in raw or "not a database" in raw or "corrupt" in raw:
        return ("La base de données est endommagée. Restaurez une sauvegarde (menu « Données », "
                "« Restaurer une sauvegarde… »).")
    if "constraint" in raw or "integrity" in raw:
        return "L'opération contredit des données existantes : elle n'a pas été enregistrée."
    return "Erreur de la base de données : l'opération n'a pas été faite (rien n'a été modifié)."
