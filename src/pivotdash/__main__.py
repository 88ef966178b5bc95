"""`python -m pivotdash`: the command line (see pivotdash.cli)."""

import sys

from pivotdash.cli import main

sys.exit(main())
