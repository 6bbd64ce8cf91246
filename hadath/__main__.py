"""``python -m hadath``: the same as the ``hadath`` command."""

import sys

from hadath.cli import main

sys.exit(main())
