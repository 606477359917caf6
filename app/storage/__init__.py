"""Every file the app owns, read and written in one place.

drafts (JSON drafts and their .bak), draft_crypto (the passphrase-protected form), autosave
(crash recovery), tempfiles (the app's temporary folder) and files (the one reading path:
regular files only, a hard byte limit; the one atomic, owner-only writing path: temp file,
fsync, rename; and the all-or-nothing writing of a set of files such as a rendered packet).
Imports nothing from Qt or reportlab.
"""
