"""PyInstaller entry script of the console tool (``pole-desktop-cli``); see build_installer.spec."""

import sys

from pole_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
