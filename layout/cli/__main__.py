"""``python -m layout.cli``: the same as ``layout`` and ``python -m layout``."""

import sys

from layout.cli.main import main

sys.exit(main())
