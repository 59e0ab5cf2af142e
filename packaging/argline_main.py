"""The bundle's entry point: the same ``argline`` command the wheel installs."""

import sys

from argline.cli import main

if __name__ == "__main__":
    sys.exit(main())
