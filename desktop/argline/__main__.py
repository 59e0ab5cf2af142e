"""``python -m argline``: the same as the ``argline`` command."""

import sys

from argline.cli import main

sys.exit(main())
