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
    text = str(exc)
    return text if text else exc.__class__.__name__
