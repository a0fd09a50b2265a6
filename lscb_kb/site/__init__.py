"""The website: generated pages, MkDocs with Material, Pagefind, and the build that puts them together.

Imports run one way, from the top down:

- `build`: `lscb-kb build` and `stage`, atomically into their output folders;
- `plugin`: the only module that talks to MkDocs (the plugin and the build/serve runner);
- `pages`: every generated page as Markdown, a pure function of the published view;
- leaves used by the layers above: `safety` (sanitiser, Content-Security-Policy),
  `pagefind`, `feed`, `downloads`, `outputs` (folders that may be replaced, interruptions);
- `theme/`: the templates, script and styles the plugin adds to Material's theme.
"""
