"""``python -m generator.bench`` runs the scale benchmark."""

import sys

from generator.bench.command import main

if __name__ == "__main__":
    sys.exit(main())
