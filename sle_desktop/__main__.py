import sys

from sle_desktop.cli import main

sys.exit(main())
