import sys

from paintrack.cli import main

sys.exit(main())
