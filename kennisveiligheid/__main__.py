"""``python -m kennisveiligheid``."""

import sys

from kennisveiligheid.cli import main

sys.exit(main())
