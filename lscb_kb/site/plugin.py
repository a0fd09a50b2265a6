"""The MkDocs plugin: the only module that talks to MkDocs.

A thin adapter: it loads the published view (or takes the one `lscb-kb build`
has already validated), adds the pages `pages.render_pages` generates as
virtual files (nothing is written into content/) and the package's theme
folder (templates, script, styles) to Material's, sanitises every page's
HTML, adds the Content-Security-Policy and the Pagefind filters, and indexes
the built site with Pagefind. Embargoed and draft entries never reach it: it
only ever sees the `Published` view.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateError
from markupsafe import escape
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import config_options as option
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from .. import load
from ..catalogue import Published, load_catalogue
from ..errors import NotAKnowledgeBase, SiteError
from ..layout import REVIEWS_DIR, SETTINGS_FILE, THEMES_DIR
from ..learning import learning_index, related_by_themes
from ..report import as_text
from .downloads import PendingDownloads, plan_downloads, start_downloads
from .feed import FEED_FILE, LEARNING_FILE, atom_feed, learning_json
from .outputs import DOWNLOADS_PREFIX
from .pagefind import index_parts, index_site, pagefind_markup
from .pages import clash_message, render_pages
from .pages.review import BRIEFINGS_DIR
from .pages.home import HOME_SEARCH_SLOT, fill_home, search_form
from .safety import add_csp, inline_scripts, sanitise
from .vocabulary import VOCABULARY_FILE, vocabulary_json, with_index_parts

THEME_DIR = Path(__file__).parent / "theme"  # the templates, script and styles added to Material's theme

log = logging.getLogger("mkdocs.plugins.lscb-kb")
PLUGIN_NAME = "lscb-kb"


class KnowledgeBaseConfig(Config):
    edit_url = option.Type(str, default="")  # e.g. https://github.com/our-partnership/lscb-kb/edit/main/
    downloads = option.Type(bool, default=True)  # briefings, handouts and decks generated at build time
    related = option.Type(int, default=5)  # entries sharing the most themes, on each review page (0: none)


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    """Adds the knowledge base's pages to a Material for MkDocs site (see the module docstring)."""

    def __init__(self) -> None:
        self.preloaded: Published | None = None  # set by `lscb-kb build`: already validated
        self.command = "build"
        self.published: Published | None = None
        self.workdir: Path | None = None
        self.pending: PendingDownloads | None = None  # downloads being made while MkDocs builds the pages
        self.previous_site: Path | None = None  # set by `lscb-kb build`: unchanged downloads are copied from it
        self.own_scripts: list[str] = []  # the inline scripts of the theme's templates, as Jinja source
        self.scripts_at: dict[str, list[str]] = {}  # base_url -> those scripts rendered for a page there
        self.base_url = "."  # of the page or template being rendered
        self.env = None  # the theme's Jinja environment (from on_env)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `serve` rebuilds.
        self.command = command

    @property
    def serving(self) -> bool:
        return self.command == "serve"

    def on_config(self, config):
        """Add the package's templates, script and styles to the theme, after a `custom_dir` of the
        knowledge base's own (which may override them), so that a knowledge base needs no copy of them."""
        self.root = Path(config.config_file_path).resolve().parent
        dirs = config.theme.dirs
        if str(THEME_DIR) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        return config

    # -- the pages -----------------------------------------------------------------------------

    def _load(self) -> Published:
        """The published view, re-read on every build (so `serve` shows each edit); errors stop the build."""
        try:
            catalogue = load_catalogue(self.root)
        except NotAKnowledgeBase as error:
            raise PluginError(str(error)) from None
        if catalogue.errors:
            raise PluginError(
                f"{len(catalogue.errors)} error(s) in the knowledge base: fix them first (see 'lscb-kb validate').\n"
                + as_text(catalogue.errors)
            )
        return catalogue.published()

    def on_pre_build(self, *, config) -> None:
        # Before MkDocs empties the output folder: while serving, a mistake leaves the last good site up.
        self.published = self.preloaded or self._load()

    def on_files(self, files: Files, *, config) -> Files:
        docs = Path(config.docs_dir).resolve()
        for file in files:  # hand-written pages: a link could publish a file from anywhere on the disk
            if not file.src_dir or Path(file.src_dir).resolve() != docs or not file.abs_src_path:
                continue  # the theme's own files, or generated ones
            source = Path(file.abs_src_path)
            if source.is_symlink() or not source.resolve().is_relative_to(docs):
                raise PluginError(load.link_message(f"{docs.name}/{file.src_uri}"))
        published = self.published
        learning = learning_index(published)
        plan = plan_downloads(published) if self.config.downloads else {}
        related = related_by_themes(published, self.config.related)
        generated = render_pages(published, related, plan, edit_url=self.config.edit_url or None, learning=learning)
        for path, text in generated.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(clash_message(path))
            in_nav = not path.startswith((f"{REVIEWS_DIR}/", f"{THEMES_DIR}/", f"{BRIEFINGS_DIR}/")) or path == f"{THEMES_DIR}/index.md"
            inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, path, content=text, inclusion=inclusion))
        feed = atom_feed(published, config.site_name, config.site_url or "", use_directory_urls=config.use_directory_urls)
        files.append(File.generated(config, FEED_FILE, content=feed))
        files.append(File.generated(config, LEARNING_FILE, content=learning_json(learning)))
        vocabulary = vocabulary_json(published, use_directory_urls=config.use_directory_urls)
        files.append(File.generated(config, VOCABULARY_FILE, content=vocabulary))
        if plan:
            # Named with this process's id, so that a later build can tell a killed build's leftovers from a running one's.
            self.workdir = Path(tempfile.mkdtemp(prefix=f"{DOWNLOADS_PREFIX}{os.getpid()}-"))
            # Made by worker processes while MkDocs renders the pages; copied into the site after them (on_post_build).
            self.pending = start_downloads(published, plan, self.workdir, previous=self.previous_site)
            for path in {d.path for downloads in plan.values() for d in downloads}:
                # An empty stand-in, so that MkDocs knows the file and writes the pages' links to it right.
                files.append(File.generated(config, path, content=b""))
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if page.is_homepage:
            page.meta["kb_index"] = False  # its blocks repeat other pages: keep it out of search results
            markdown = fill_home(markdown, self.published, HOME_SEARCH_SLOT)
        source = page.meta.get("kb_source")
        if source is None and not page.file.generated_by:
            docs = Path(config.docs_dir).resolve()
            source = f"{docs.relative_to(self.root).as_posix()}/{page.file.src_uri}" if docs.is_relative_to(self.root) else None
        page.edit_url = f"{self.config.edit_url.rstrip('/')}/{source}" if self.config.edit_url and source else None
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        # Material prints a page's title and description as they are (in the navigation, the path, the
        # fallback heading): make them escaped text here, once, for every template. (Markup is not escaped again.)
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = escape(page.meta[key])
        html = sanitise(html)
        if page.is_homepage:
            search_page = files.get_file_from_path("search.md")
            html = html.replace(HOME_SEARCH_SLOT, search_form(get_relative_url(search_page.url, page.url)))
        # A hand-written page is a "Page" to search, which lists entries first and such pages only when no entry matches.
        meta = page.meta if page.meta.get("pagefind") else {**page.meta, "pagefind": {"filters": {"section": ["Page"]}}}
        return html + pagefind_markup(meta)

    # -- the whole site ------------------------------------------------------------------------

    def on_env(self, env, *, config, files):
        """Learn the site's own inline scripts from the templates (Material's, the package's and the knowledge base's), never from pages."""
        names = [n for n in env.list_templates(filter_func=lambda n: n.endswith(".html")) if "/languages/" not in n]
        scripts = (inline_scripts(env.loader.get_source(env, name)[0]) for name in names)
        self.own_scripts = list(dict.fromkeys(code for found in scripts for code in found))
        self.scripts_at = {}
        self.env = env
        return env

    def _own_scripts(self, config) -> list[str]:
        """The site's own inline scripts as a page at `self.base_url` has them (some name the site's root)."""
        if self.base_url not in self.scripts_at:
            rendered = []
            for code in self.own_scripts if self.env is not None else ():
                try:
                    rendered.append(self.env.from_string(code).render(config=config, base_url=self.base_url))
                except TemplateError:  # needs a page's own values (a redirect's target): never allowed
                    log.debug("inline script not allowed: %s", code[:80])
            self.scripts_at[self.base_url] = rendered
        return self.scripts_at[self.base_url]

    def on_page_context(self, context, *, page, config, nav):
        self.base_url = context.get("base_url", ".")
        return context

    def on_template_context(self, context, *, template_name: str, config):
        self.base_url = context.get("base_url", ".")
        return context

    def on_post_page(self, output: str, *, page, config) -> str:
        # `serve` injects its own inline live-reload script, which a policy would block.
        return output if self.serving else add_csp(output, self._own_scripts(config))

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        if template_name.endswith(".html") and not self.serving:
            return add_csp(output_content, self._own_scripts(config))
        return output_content

    def on_post_build(self, *, config) -> None:
        try:
            site = Path(config.site_dir)
            index_site(site)
            vocabulary = site / VOCABULARY_FILE
            vocabulary.write_bytes(with_index_parts(vocabulary.read_bytes(), index_parts(site)))
            if self.pending is not None:
                pending, self.pending = self.pending, None
                for path, real in pending.wait().items():
                    target = Path(config.site_dir) / path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(real, target)
        finally:
            self._cleanup()

    def on_build_error(self, *, error: Exception) -> None:
        self._cleanup()

    def on_serve(self, server, *, config, builder):
        for name in (REVIEWS_DIR, THEMES_DIR, SETTINGS_FILE):
            if (self.root / name).exists():
                server.watch(str(self.root / name))
        return server

    def _cleanup(self) -> None:
        if self.pending is not None:
            self.pending.stop()
            self.pending = None
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None


# --- driving MkDocs for the command line --------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """What `lscb-kb stage` needs from mkdocs.yml."""

    docs_dir: Path
    site_name: str
    site_url: str
    edit_url: str
    related: int


def _config(config_file: Path, **overrides):
    try:
        config = load_config(str(config_file), **overrides)
    except (ConfigurationError, Abort, OSError) as error:
        raise SiteError(f"{config_file.name} has a problem: {error}") from None
    plugin = config.plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, KnowledgeBasePlugin):
        raise SiteError(f"{config_file.name} does not use the knowledge base's plugin: add '- {PLUGIN_NAME}' under 'plugins:'.")
    return config, plugin


def read_settings(config_file: Path) -> Settings:
    config, plugin = _config(config_file)
    return Settings(Path(config.docs_dir), config.site_name, config.site_url or "", plugin.config.edit_url, plugin.config.related)


def build_site(config_file: Path, site_dir: Path, published: Published | None = None, previous: Path | None = None) -> None:
    """Run MkDocs' build into `site_dir`; `published` is the view already validated (else it is loaded);
    downloads unchanged since the `previous` site (one this command built) are copied from it."""
    config, plugin = _config(config_file, site_dir=str(site_dir))
    plugin.preloaded = published
    plugin.previous_site = previous
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    except (Abort, MkDocsException) as error:
        raise SiteError(str(getattr(error, "message", error))) from None
    finally:
        plugin._cleanup()  # also when interrupted, which MkDocs' on_build_error does not see
        config.plugins.on_shutdown()


def serve_site(config_file: Path, dev_addr: str) -> None:
    """MkDocs' development server with live reload; the plugin watches reviews/ and themes/ as well."""
    try:
        mkdocs_serve(str(config_file), livereload=True, dev_addr=dev_addr)
    except (Abort, ConfigurationError, MkDocsException) as error:
        raise SiteError(str(getattr(error, "message", error))) from None
