from benchboard.commands.cli import main

raise SystemExit(main())
