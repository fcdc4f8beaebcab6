import sys

from pole_desktop.app import main

sys.exit(main())
