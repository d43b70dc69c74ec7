"""``python -m desk``: the same as the ``desk`` command."""

from desk.cli.main import main

raise SystemExit(main())
