"""The entry point of the frozen app: both executables run this, the same as `python -m app`.

`transfer-helper` (windowed) and `transfer-helper-cli` (console) differ only in how the
operating system starts them; with no arguments either opens the wizard, with arguments
either is the command line (app/cli.py).
"""
import sys

from app.cli import main

if __name__ == "__main__":
    # Older macOS versions pass a process serial number to an app opened from the Finder;
    # the command line would reject it as an unknown option.
    sys.argv[1:] = [arg for arg in sys.argv[1:] if not arg.startswith("-psn_")]
    sys.exit(main())
