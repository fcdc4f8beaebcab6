"""The letterhead settings (name, address, phone, e-mail, logo, signatory) in ``parametres.json``.

The settings file of a data directory may hold other sections: only the ``"papier_en_tete"`` key
is ours, the rest is kept as it is. A file that cannot be read (malformed JSON, wrong types) is
never overwritten: :func:`load_letterhead` falls back to the defaults in memory and
:func:`save_letterhead` refuses with a French message. Writes are atomic (temporary file, fsync,
rename).
"""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from pole_desktop.documents.base import Letterhead
from pole_desktop.paths import DataDir, lock_down, write_private

__all__ = [
    "LOGO_NAME",
    "SECTION",
    "DocumentSettings",
    "SettingsFileError",
    "import_funder_logo",
    "import_logo",
    "load_letterhead",
    "load_settings",
    "save_letterhead",
    "save_settings",
]

log = logging.getLogger(__name__)

SECTION = "papier_en_tete"
LOGO_NAME = "logo"  # copied into the data directory as logo.<ext>
_TEXT_FIELDS = ("name", "address", "phone", "email", "website", "siret", "legal_name", "legal_form", "city")


class SettingsFileError(RuntimeError):
    """The settings file exists but cannot be read: it is left untouched."""


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentSettings:
    """What the documents need from the settings: the letterhead and who signs for the Pôle."""

    letterhead: Letterhead = Letterhead()
    # The Pôle's legal representative, who signs conventions and attestations (never the advisor):
    # "" → « le ou la président·e » with a blank name line.
    signataire_nom: str = ""
    signataire_qualite: str = ""


def _read_file(path: Path) -> dict[str, Any]:
    """The whole settings file; {} when missing; SettingsFileError when unreadable."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as e:
        raise SettingsFileError(f"Le fichier de paramètres « {path} » est illisible ({e}).") from e
    try:
        data = json.loads(raw) if raw.strip() else {}
    except ValueError as e:
        raise SettingsFileError(
            f"Le fichier de paramètres « {path} » est endommagé (JSON invalide, ligne {getattr(e, 'lineno', '?')})."
        ) from e
    if not isinstance(data, dict):
        raise SettingsFileError(f"Le fichier de paramètres « {path} » n'a pas le format attendu.")
    return data


def _from_section(section: Any, data_dir: DataDir) -> DocumentSettings:
    if not isinstance(section, dict):
        return DocumentSettings()
    defaults = Letterhead()
    values: dict[str, Any] = {}
    for name in _TEXT_FIELDS:
        value = section.get(name)
        if isinstance(value, str):
            values[name] = value.strip()
    logo = section.get("logo")
    if isinstance(logo, str) and logo:
        path = Path(logo)
        if not path.is_absolute():
            path = data_dir.root / path
        values["logo_path"] = path if path.exists() else None
    logos = section.get("logos_financeurs")
    if isinstance(logos, list):
        paths = [Path(x) if Path(x).is_absolute() else data_dir.root / x for x in logos if isinstance(x, str) and x]
        values["funder_logos"] = tuple(p for p in paths if p.exists())[:6]
    mentions = section.get("mentions_financeurs")
    if isinstance(mentions, list):
        values["funder_mentions"] = tuple(m.strip() for m in mentions if isinstance(m, str) and m.strip())[:10]
    lh = replace(defaults, **values)
    sig_nom = section.get("signataire_nom")
    sig_q = section.get("signataire_qualite")
    return DocumentSettings(
        letterhead=lh,
        signataire_nom=sig_nom.strip() if isinstance(sig_nom, str) else "",
        signataire_qualite=sig_q.strip() if isinstance(sig_q, str) else "",
    )


def load_settings(data_dir: DataDir) -> DocumentSettings:
    """The document settings; the defaults when the file is missing or unreadable (never raises)."""
    try:
        data = _read_file(data_dir.settings)
    except SettingsFileError:
        log.warning("Paramètres illisibles, papier à en-tête par défaut", exc_info=True)
        return DocumentSettings()
    return _from_section(data.get(SECTION), data_dir)


def load_letterhead(data_dir: DataDir) -> Letterhead:
    return load_settings(data_dir).letterhead


def _to_section(settings: DocumentSettings, data_dir: DataDir) -> dict[str, Any]:
    lh = settings.letterhead
    out: dict[str, Any] = {name: getattr(lh, name) for name in _TEXT_FIELDS}
    if lh.logo_path is not None:
        path = Path(lh.logo_path)
        try:
            out["logo"] = str(path.relative_to(data_dir.root))
        except ValueError:
            out["logo"] = str(path)
    else:
        out["logo"] = ""
    out["mentions_financeurs"] = list(lh.funder_mentions)
    out["logos_financeurs"] = [_relative(Path(p), data_dir) for p in lh.funder_logos]
    out["signataire_nom"] = settings.signataire_nom
    out["signataire_qualite"] = settings.signataire_qualite
    return out


def _relative(path: Path, data_dir: DataDir) -> str:
    try:
        return str(path.relative_to(data_dir.root))
    except ValueError:
        return str(path)


def _atomic_write(path: Path, text: str) -> None:
    write_private(path, text.encode("utf-8"))


def save_settings(data_dir: DataDir, settings: DocumentSettings) -> None:
    """Write our section into ``parametres.json`` (other sections kept); atomic.

    Raises :class:`SettingsFileError` (French message) if the existing file cannot be read: it is
    never overwritten.
    """
    data = _read_file(data_dir.settings)
    data[SECTION] = _to_section(settings, data_dir)
    _atomic_write(data_dir.settings, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def save_letterhead(data_dir: DataDir, letterhead: Letterhead) -> None:
    current = load_settings(data_dir)
    save_settings(data_dir, replace(current, letterhead=letterhead))


def import_logo(data_dir: DataDir, source: Path) -> Path:
    """Copy a logo image into the data directory (so it survives the original being moved)."""
    suffix = source.suffix.lower() or ".png"
    if suffix not in (".png", ".jpg", ".jpeg", ".gif", ".bmp"):
        raise ValueError("Le logo doit être une image PNG ou JPEG.")
    data_dir.root.mkdir(parents=True, exist_ok=True)
    for old in data_dir.root.glob(f"{LOGO_NAME}.*"):
        old.unlink(missing_ok=True)
    target = data_dir.root / f"{LOGO_NAME}{suffix}"
    shutil.copyfile(source, target)
    lock_down(target.parent)
    return target


FUNDER_LOGO_PREFIX = "logo-financeur"


def import_funder_logo(data_dir: DataDir, source: Path) -> Path:
    """Copy a funder's logo into the data directory (named by its content, so re-adding is harmless)."""
    import hashlib

    suffix = source.suffix.lower() or ".png"
    if suffix not in (".png", ".jpg", ".jpeg"):
        raise ValueError("Le logo doit être une image PNG ou JPEG.")
    content = source.read_bytes()
    target = data_dir.root / f"{FUNDER_LOGO_PREFIX}-{hashlib.sha256(content).hexdigest()[:12]}{suffix}"
    if not target.exists():
        write_private(target, content)
    return target


# Keep dataclass field names handy for forms.
LETTERHEAD_FIELDS = tuple(f.name for f in fields(Letterhead))
