"""The .ics export re-imports to the same events; re-import is idempotent; bad files save nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pole_desktop.demo import generate
from pole_desktop.domain.models import RendezVous
from pole_desktop.safety.opening import open_database
from pole_desktop.services import calendar_ics, rendez_vous
from pole_desktop.services.validation import ValidationError

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def demo_db(data_dir: Path):
    db = open_database(data_dir)
    generate(db, "tiny", seed=1, today=TODAY)
    yield db
    db.close()


@pytest.fixture
def fresh_db(tmp_path: Path):
    d = tmp_path / "fresh"
    d.mkdir()
    db = open_database(d)
    yield db
    db.close()


def _period(db) -> tuple[dt.date, dt.date]:
    with db.read() as s:
        first, last = s.execute(select(func.min(RendezVous.debut), func.max(RendezVous.debut))).one()
    return first.date(), last.date()


def _count(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(RendezVous))


def _comparable(events):
    return sorted((e["debut"], e["fin"], e["summary"], e["location"], e["cancelled"]) for e in events)


def test_export_has_paris_times_uid_summary_location_and_cancelled_status(demo_db) -> None:
    with demo_db.session() as s:
        r = rendez_vous.plan_rendez_vous(
            s,
            {"debut": dt.datetime(2026, 12, 3, 9, 30), "fin": dt.datetime(2026, 12, 3, 10, 45),
             "objet": "Préparation du comité", "adresse": "2 rue des Écoles", "commune_insee": "21231",
             "lieu_type": "sur_site"},
        )
        rendez_vous.cancel_rendez_vous(s, r.id)
        rid = r.id
    with demo_db.read() as s:
        text = calendar_ics.export_ics(s, dt.date(2026, 12, 3), dt.date(2026, 12, 3)).decode("utf-8")
    unfolded = text.replace("\r\n ", "")
    assert f"UID:{rid}@pole-desktop" in unfolded
    assert "DTSTART;TZID=Europe/Paris:20261203T093000" in unfolded
    assert "DTEND;TZID=Europe/Paris:20261203T104500" in unfolded
    assert "BEGIN:VTIMEZONE" in unfolded and "TZID:Europe/Paris" in unfolded
    assert "SUMMARY:Préparation du comité" in unfolded
    assert "LOCATION:2 rue des Écoles\\, Dijon" in unfolded
    assert "STATUS:CANCELLED" in unfolded


def test_export_reimports_into_a_fresh_database_as_the_same_events(demo_db, fresh_db) -> None:
    start, end = _period(demo_db)
    with demo_db.read() as s:
        exported = calendar_ics.export_ics(s, start, end)
        n = len(calendar_ics.rendez_vous_between(s, start, end))
    assert n > 5
    with fresh_db.session() as s:
        result = calendar_ics.import_ics(s, exported)
    assert result.created == n and result.updated == 0
    assert result.message.startswith(f"{n} rendez-vous importés")
    with fresh_db.read() as s:
        again = calendar_ics.export_ics(s, start, end)
    assert _comparable(calendar_ics.events_of(again)) == _comparable(calendar_ics.events_of(exported))

    # Importing the same file again changes nothing.
    with fresh_db.session() as s:
        second = calendar_ics.import_ics(s, exported)
    assert (second.created, second.updated, second.unchanged) == (0, 0, n)
    assert _count(fresh_db) == n


def test_reimport_of_our_own_export_after_a_move_in_the_calendar_updates_the_time(demo_db) -> None:
    with demo_db.session() as s:
        r = rendez_vous.plan_rendez_vous(
            s, {"debut": dt.datetime(2027, 6, 4, 14, 0), "fin": dt.datetime(2027, 6, 4, 15, 0), "objet": "Point"}
        )
        rid = r.id
    with demo_db.read() as s:
        exported = calendar_ics.export_ics(s, dt.date(2027, 6, 4), dt.date(2027, 6, 4)).decode()
    moved = exported.replace("20270604T140000", "20270604T160000").replace("20270604T150000", "20270604T170000")
    before = _count(demo_db)
    with demo_db.session() as s:
        result = calendar_ics.import_ics(s, moved.encode())
    assert result.updated == 1 and result.created == 0
    assert result.message == "1 mis à jour."
    with demo_db.read() as s:
        r = s.get(RendezVous, rid)
        assert (r.debut, r.fin) == (dt.datetime(2027, 6, 4, 16, 0), dt.datetime(2027, 6, 4, 17, 0))
    assert _count(demo_db) == before


def test_foreign_event_becomes_a_rendez_vous_without_dossier_once(fresh_db) -> None:
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Autre//FR\r\n"
        "BEGIN:VEVENT\r\nUID:abc-123@example.org\r\nDTSTAMP:20261120T080000Z\r\n"
        "DTSTART:20261201T080000Z\r\nDTEND:20261201T090000Z\r\nSUMMARY:Réunion réseau\r\n"
        "LOCATION:Maison des associations\\, Beaune\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:allday@example.org\r\nDTSTAMP:20261120T080000Z\r\n"
        "DTSTART;VALUE=DATE:20261202\r\nSUMMARY:Congés\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    with fresh_db.session() as s:
        result = calendar_ics.import_ics(s, ics)
    assert (result.created, result.skipped) == (1, 1)
    assert result.message == "1 rendez-vous importé, 1 événement ignoré (journée entière)."
    with fresh_db.read() as s:
        r = s.scalars(select(RendezVous)).one()
        assert r.dossier_id is None
        assert r.debut == dt.datetime(2026, 12, 1, 9, 0)  # 08:00 UTC is 09:00 in Paris in winter
        assert r.objet == "Réunion réseau"
        assert r.adresse == "Maison des associations" and r.commune_insee == "21054"
    with fresh_db.session() as s:
        assert calendar_ics.import_ics(s, ics).created == 0
    assert _count(fresh_db) == 1


GOOD_EVENT = (
    b"BEGIN:VEVENT\r\nUID:ok@x\r\nDTSTART:20261201T080000Z\r\nDTEND:20261201T090000Z\r\nSUMMARY:OK\r\nEND:VEVENT\r\n"
)


@pytest.mark.parametrize(
    "data",
    [
        b"ceci n'est pas un calendrier",
        # A readable event followed by one with a broken date: not even the first one is saved.
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + GOOD_EVENT
        + b"BEGIN:VEVENT\r\nUID:x\r\nDTSTART:2026-99\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    ],
)
def test_malformed_file_gives_a_french_error_and_saves_nothing(fresh_db, data: bytes) -> None:
    with pytest.raises(ValidationError) as err:
        with fresh_db.session() as s:
            calendar_ics.import_ics(s, data)
    message = err.value.errors["fichier"]
    assert message in ("Ce fichier n'est pas un calendrier .ics lisible.",
                       "L'événement n° 2 du fichier a une date illisible : rien n'a été importé.")
    assert _count(fresh_db) == 0
