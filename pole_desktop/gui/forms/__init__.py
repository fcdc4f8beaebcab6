"""Code generated from ui/*.ui by pyside6-uic — do not edit (see scripts/compile_forms.py)."""
