"""Scan to fill: read an ID card and insurance papers from photos or scans into draft fields.

    images.py  open PNG/JPEG/PDF within bounds          engine.py  the OCR (loaded lazily, once)
    layout.py  labels, values and tables on a page      values.py  raw text -> checked values
    correct.py check digits as error correction         reader.py  the entry point: scan_files / scan_pages

Qt-free and reportlab-free; importing this package imports no OCR library (engine.py does
so on first use).
"""
