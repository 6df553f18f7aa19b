import sys

from briefing_tui.cli import main

sys.exit(main())
