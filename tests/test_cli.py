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


# -- one vocabulary for options, one place for errors ------------------------------------------------------


@pytest.fixture(scope="module")
def shipped_copy(tmp_path_factory):
    """A copy of the shipped knowledge base (commands write their indexes into build/)."""
    import shutil

    from conftest import REPO

    root = tmp_path_factory.mktemp("shipped") / "kb"
    for name in ("reviews", "themes"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "lscb-kb.yml", root / "lscb-kb.yml")
    return root


def _options(command: click.Command) -> dict[str, click.Parameter]:
    return {opt: param for param in command.params for opt in getattr(param, "opts", ())}


def test_every_theme_option_completes_theme_ids():
    for path in all_commands():
        command = cli
        for name in path:
            command = command.commands[name]
        option = _options(command).get("--theme")
        if option is not None:
            assert option._custom_shell_complete is not None, f"'lscb-kb {' '.join(path)} --theme' does not complete theme ids"


def test_theme_completion_lists_the_knowledge_bases_theme_ids(tmp_path):
    from lscb_kb.cli.options import complete_theme

    (tmp_path / "themes").mkdir()
    for name in ("neglect", "new-theme", "domestic-abuse"):
        (tmp_path / "themes" / f"{name}.md").write_text("x")
    context = click.Context(cli, info_name="lscb-kb")
    context.params["root"] = str(tmp_path)
    assert [item.value for item in complete_theme(context, None, "ne")] == ["neglect", "new-theme"]


@pytest.mark.parametrize("command", ["search", "themes", "related"])
def test_format_json_and_its_json_alias_agree(shipped_copy, command):
    args = {"search": ["search", "bruising"], "themes": ["themes"], "related": ["related", "liverpool-2014-child-mary"]}[command]
    runner = CliRunner()
    as_format = runner.invoke(cli, ["--root", str(shipped_copy), *args, "--format", "json"])
    as_alias = runner.invoke(cli, ["--root", str(shipped_copy), *args, "--json"])
    assert as_format.exit_code == 0, as_format.output
    assert as_format.stdout == as_alias.stdout
    assert as_format.stdout.lstrip().startswith(("{", "["))


def test_changes_takes_base_and_still_takes_since():
    result = CliRunner().invoke(cli, ["changes", "--help"])
    assert "--base" in result.output and "Deprecated" in result.output


def test_a_usage_problem_from_the_library_exits_2_and_a_problem_exits_1(tmp_path, shipped_copy):
    runner = CliRunner()
    not_a_kb = runner.invoke(cli, ["--root", str(tmp_path), "validate"])
    assert not_a_kb.exit_code == 2 and "is not a knowledge base" in not_a_kb.output
    unknown_theme = runner.invoke(cli, ["--root", str(shipped_copy), "learning", "no-such-theme-at-all"])
    assert unknown_theme.exit_code == 2 and "there is no theme" in unknown_theme.output
    assert "Traceback" not in unknown_theme.output


@pytest.mark.parametrize("name", ["information sharing", "voice of the child", "The Voice-of-the-Child", "escalation", "physical abuse", "DNA"])
@pytest.mark.parametrize("command", [["learning"], ["search", "--theme"], ["actions", "--theme"]])
def test_a_theme_is_named_the_same_way_in_every_command(shipped_copy, command, name):
    result = CliRunner().invoke(cli, ["--root", str(shipped_copy), *command, name])
    assert result.exit_code == 0, result.output


def test_an_ambiguous_theme_name_lists_its_candidates(shipped_copy):
    result = CliRunner().invoke(cli, ["--root", str(shipped_copy), "learning", "exploitation"])
    assert result.exit_code == 2
    assert "child-sexual-exploitation" in result.output and "criminal-exploitation-and-youth-violence" in result.output


@pytest.mark.parametrize("command", [["search", "neglect"], ["learning", "neglect"]])
def test_a_review_type_by_its_code_in_any_case_or_its_name(shipped_copy, command):
    for value in ("SCR", "scr", "Serious Case Review"):
        result = CliRunner().invoke(cli, ["--root", str(shipped_copy), *command, "--type", value])
        assert result.exit_code == 0, result.output
