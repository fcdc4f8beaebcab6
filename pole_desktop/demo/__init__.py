"""Deterministic, realistic French demo data (``pole-desktop-cli demo``)."""

from pole_desktop.demo.generator import SCALES, generate

__all__ = ["SCALES", "generate"]
