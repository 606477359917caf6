"""Transfer helper: prepares the paperwork for moving basic medical insurance (and the
pension) between planning areas in mainland China. Offline; no network access at run time."""

__version__ = "0.1.0"
