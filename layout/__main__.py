"""Entry point for ``python -m layout``: takes argv, returns the CLI's exit code."""

import sys

from layout.cli import main

sys.exit(main())
