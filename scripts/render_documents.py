"""Render every document template with rich sample data to PDF and PNG, for a visual check.

Usage: python scripts/render_documents.py OUTDIR [--dpi 60]

PNG pages come from poppler's ``pdftoppm`` (skipped with a warning when it is not installed).
Also prints how long each render takes once the fonts are registered (best of five renders).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pole_desktop.documents import (
    Dispositif,
    render_attestation,
    render_compte_rendu,
    render_convention,
    render_emargement,
    render_fiche_synthese,
)
from pole_desktop.documents.samples import (
    NOTES,
    sample_attestation,
    sample_compte_rendu,
    sample_convention,
    sample_emargement,
    sample_fiche_synthese,
    sample_meta,
)


def jobs() -> dict[str, object]:
    long_notes = "\n\n".join([NOTES] * 4)
    short = replace(sample_compte_rendu(NOTES.split("\n\n")[0]), decisions=(), prochain_rdv=None)
    return {
        "compte-rendu-1-page": lambda: render_compte_rendu(short, sample_meta()),
        "compte-rendu": lambda: render_compte_rendu(sample_compte_rendu(), sample_meta()),
        "compte-rendu-long": lambda: render_compte_rendu(sample_compte_rendu(long_notes), sample_meta()),
        "fiche-synthese": lambda: render_fiche_synthese(sample_fiche_synthese(), sample_meta()),
        **{
            f"convention-{d.value}": (lambda d=d: render_convention(sample_convention(d), sample_meta()))
            for d in Dispositif
        },
        "attestation": lambda: render_attestation(sample_attestation(), sample_meta("PA-2026-K7QF-0017")),
        "emargement": lambda: render_emargement(sample_emargement(), sample_meta("AT-2026-K7QF-0007")),
        "emargement-80": lambda: render_emargement(sample_emargement(80), sample_meta("AT-2026-K7QF-0008")),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("pdftoppm introuvable (paquet poppler-utils) : pas d'images PNG.", file=sys.stderr)
    for name, render in jobs().items():
        render()  # type: ignore[operator]  # warm-up: the first render of a process reads font tables
        times = []
        for _ in range(5):
            start = time.perf_counter()
            pdf = render()  # type: ignore[operator]
            times.append((time.perf_counter() - start) * 1000)
        elapsed = min(times)
        path = args.outdir / f"{name}.pdf"
        path.write_bytes(pdf)
        if pdftoppm:
            subprocess.run(
                [pdftoppm, "-png", "-r", str(args.dpi), str(path), str(args.outdir / name)], check=True
            )
        pages = len(re.findall(rb"/Type /Page\b", pdf))
        print(f"{name:28} {pages:2d} p. {len(pdf) / 1024:6.1f} Kio  {elapsed:6.1f} ms (best of 5)  -> {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
