"""``python -m desktop`` runs the ``hoso`` command."""

import sys

from desktop.cli import main

sys.exit(main())
