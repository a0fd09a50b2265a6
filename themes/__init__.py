"""The standard taxonomy: this folder is shipped in the lscb-kb package as `lscb_kb.taxonomy`
(see pyproject.toml), and `lscb-kb init` copies its themes into a new knowledge base."""
