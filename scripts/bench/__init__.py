"""The benchmark behind ``scripts/bench.py`` (not shipped with the app; Qt only in probes/)."""
