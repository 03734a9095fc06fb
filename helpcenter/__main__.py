"""`python -m helpcenter`: see helpcenter/cli.py."""

import sys

from helpcenter.cli import main

sys.exit(main())
