"""Allow ``python -m tbtalert``."""

from tbtalert.cli import main

main()
