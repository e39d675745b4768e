"""``python -m desktop.package [--check]``: regenerate the manifest's JSON Schema file."""

import sys

from desktop.package.manifest import main

sys.exit(main())
