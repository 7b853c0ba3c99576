"""``python -m dlspec``: the same as the ``dlspec`` command."""

from dlspec.cli import main

raise SystemExit(main())
