"""PyInstaller entry script of the windowed application (``pole-desktop``); see build_installer.spec."""

import sys

from pole_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
