"""Options shared by several commands, declared once (as sqlite-utils' and Datasette's option helpers are)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Callable

import click

from ..vocab import REVIEW_TYPES


def complete_theme(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """Theme ids for shell completion: the file names in themes/, read without validating."""
    from click.shell_completion import CompletionItem

    from ..layout import THEMES_DIR

    root = Path(ctx.find_root().params.get("root") or ".")
    return [CompletionItem(p.stem) for p in sorted((root / THEMES_DIR).glob("*.md")) if p.stem.startswith(incomplete)]


def theme_option(help: str, *, required: bool = False) -> Callable:  # noqa: A002 - Click's own word
    """--theme THEME, repeatable; an id, title or synonym; ids complete with Tab."""
    return click.option("--theme", "themes", multiple=True, required=required, metavar="THEME", shell_complete=complete_theme, help=help)


class ReviewType(click.ParamType):
    """A review type by its code or name, in any case ('SAR', 'Serious Case Review'): the rule the prompt uses."""

    name = "type"

    def convert(self, value, param, ctx):
        from .. import new as entry

        found = entry.resolve_type(value, numbers=False) if isinstance(value, str) else None
        if found is None:
            self.fail(f"'{value}' is not a review type. Use one of: {', '.join(REVIEW_TYPES)}.", param, ctx)
        return found

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        return [CompletionItem(code) for code in REVIEW_TYPES if code.startswith(incomplete.casefold())]


REVIEW_TYPE = ReviewType()


def type_option(help: str = "Only this type of review: a code or a name (repeat: any of them).") -> Callable:  # noqa: A002
    return click.option("--type", "types", multiple=True, type=REVIEW_TYPE, help=help)


class Year(click.ParamType):
    """A year of four digits: anything else (99999999999999999999, -1, 2O14) is a usage error, not a traceback."""

    name = "YEAR"

    def convert(self, value, param, ctx):
        if isinstance(value, int) and 1000 <= value <= 9999:
            return value
        text = str(value).strip()
        if not (len(text) == 4 and text.isascii() and text.isdigit()):
            self.fail(f"'{value}' is not a year: give four digits, e.g. 2014.", param, ctx)
        return int(text)


YEAR = Year()


def since_option(func: Callable) -> Callable:
    return click.option("--since", type=YEAR, help="Only entries published in or after this year.")(func)


def until_option(func: Callable) -> Callable:
    return click.option("--until", type=YEAR, help="Only entries published in or before this year.")(func)


def format_option(*formats: str, help: str, json_alias: bool = False) -> Callable:  # noqa: A002
    """--format with the formats a command writes (the first is the default); with `json_alias`,
    --json is kept as a documented shorthand for --format json."""

    def decorate(func: Callable) -> Callable:
        if json_alias:
            command = func

            @functools.wraps(command)
            def func(*args, as_json: bool = False, **kwargs):
                if as_json:
                    kwargs["output"] = "json"
                return command(*args, **kwargs)

            func = click.option("--json", "as_json", is_flag=True, help="The same as --format json.")(func)
        return click.option("--format", "output", type=click.Choice(formats), default=formats[0], show_default=True, help=help)(func)

    return decorate
