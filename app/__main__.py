"""`python -m app` runs the same entry point as `transfer-helper`."""
import sys

from app.cli import main

sys.exit(main())
