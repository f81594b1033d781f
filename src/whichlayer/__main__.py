from whichlayer.cli import main

raise SystemExit(main())
