"""`python -m lscb_kb` runs the command line, as `lscb-kb` does."""

from .cli import cli

cli(prog_name="lscb-kb")
