"""Reusable widgets of the wizard pages (name entry, fit notes, field rows, area picker)."""
