from benchboard.cli import main

raise SystemExit(main())
