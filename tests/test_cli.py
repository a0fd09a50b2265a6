"""The command line as a whole: version, help with an example on every command, usage errors."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from lscb_kb import __version__
from lscb_kb.cli import cli


def all_commands(group: click.Group = cli, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield prefix + (name,)
        if isinstance(command, click.Group):
            yield from all_commands(command, prefix + (name,))


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"lscb-kb, version {__version__}"


def test_top_level_help_lists_commands():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in cli.commands:
        assert name in result.output


@pytest.mark.parametrize("command", list(all_commands()), ids=" ".join)
def test_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"'lscb-kb {' '.join(command)} --help' shows no example"


def test_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(cli, ["valdate"])
    assert result.exit_code == 2
    assert "No such command" in result.output


def test_shell_completion_script_is_available():
    result = CliRunner().invoke(cli, [], env={"_LSCB_KB_COMPLETE": "bash_source"}, prog_name="lscb-kb")
    assert "complete" in result.output and "_LSCB_KB_COMPLETE" in result.output
