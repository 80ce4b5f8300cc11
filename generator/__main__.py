"""``python -m generator`` runs the command-line interface."""

from generator.cli import cli

if __name__ == "__main__":
    cli(prog_name="python -m generator")
