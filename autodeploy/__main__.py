import sys

from autodeploy.cli import main

sys.exit(main())
