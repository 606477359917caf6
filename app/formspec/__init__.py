"""Form definitions: forms/*.toml read into checked, typed specs (see spec.py for the vocabulary).

Imports nothing from Qt or reportlab.
"""
from app.formspec.loader import FormSpecError, load_all, load_form
from app.formspec.spec import FormSpec

__all__ = ["FormSpec", "FormSpecError", "load_all", "load_form"]
