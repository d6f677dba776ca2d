from leerkring.cli import main

raise SystemExit(main())
