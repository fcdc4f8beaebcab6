import sys

from pole_desktop.cli import main

sys.exit(main())
