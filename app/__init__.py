"""Transfer helper: prepares the paperwork for moving basic medical insurance (and the
pension) between planning areas in mainland China. Offline; no network access at run time."""

__version__ = "0.1.0"

import os as _os

# pydantic looks for plugins by scanning the entry points of every installed distribution the
# first time a model is built (~15-25 ms, and more on a busy machine); the app uses none, and
# what runs in it is fixed at build time. An explicit setting by whoever starts us still wins.
_os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
