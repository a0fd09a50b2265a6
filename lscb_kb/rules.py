"""Every rule the checks can report: one table, so that a rule id cannot be misspelt or left undocumented.

A `Problem` names its rule; `model.Problem` refuses a rule id that is not here
(a programming error, caught by the tests), and `lscb-kb validate --list-rules`
prints the table. Each rule says what it checks and how to fix what it finds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # "error", "warning", or "error/warning" (an error in a public entry, a warning in a draft)
    description: str
    fix: str

    @property
    def severities(self) -> tuple[str, ...]:
        return tuple(self.severity.split("/"))


def _table(*rules: Rule) -> dict[str, Rule]:
    return {rule.id: rule for rule in rules}


E, W, EW = "error", "warning", "error/warning"

RULES: dict[str, Rule] = _table(
    # Reading the file
    Rule("empty-file", E, "The file is empty.", "Start the entry with a '---' line and its front matter."),
    Rule("not-text", E, "The file is a binary file, not a text file.", "Save the entry as plain text (.md)."),
    Rule("not-utf8", E, "The file is text, but not in UTF-8.", "Save it with UTF-8 encoding ('Save with encoding' > UTF-8)."),
    Rule("not-a-file", E, "The path is a folder or a special file, not a regular file.", "Replace it with a Markdown text file."),
    Rule("unreadable", E, "The file cannot be read.", "Check that the file exists and that you may read it."),
    Rule("symbolic-link", E, "The file or folder is a symbolic link.", "Put the real file in its place: links can point outside the knowledge base."),
    Rule("file-too-large", E, "The file is larger than the limit (max_file_size in lscb-kb.yml, 1 MB by default).", "Summarise the review and link to the full report."),
    Rule("no-front-matter", E, "The file does not start with a '---' line.", "Make '---' the first line, then the fields, then another '---'."),
    Rule("unclosed-front-matter", E, "The front matter has no closing '---' line.", "Add a line '---' after the last field."),
    Rule("empty-front-matter", E, "There is nothing between the two '---' lines.", "Add the fields of the entry between them."),
    Rule("front-matter-not-mapping", E, "The front matter is not a list of 'name: value' lines.", "Write each field as 'name: value' on its own line."),
    Rule("yaml-syntax", E, "The front matter is not valid YAML (a tab in the indentation, a ': ' inside unquoted text, an unclosed quote...).", "Check the line named and the one above; indent with spaces, never tabs; put such text in quotes."),
    Rule("unsafe-yaml-alias", E, "A YAML anchor or alias (& or *) is used.", "Write every value out in full; quote text that starts with & or *."),
    Rule("unsafe-yaml-tag", E, "A YAML tag (!, !!python, !!str) is used.", "Remove the part starting with '!'; quote text that starts with '!'."),
    Rule("yaml-too-deep", E, "Lists and fields are nested more than 10 levels deep.", "Check the brackets and the indentation: an entry needs at most four levels."),
    Rule("yaml-too-large", E, "The front matter holds more than 10,000 values.", "Look for a list pasted in by mistake; move long text to the body."),
    # Writing the front matter (Format 2: word-processor characters and lost text)
    Rule("hidden-comment", E, "An unquoted value is followed by ' #': YAML reads the rest of the line as a comment and drops it.", "Put the whole value in quotes, e.g. title: \"Child Q #2 review\"."),
    Rule("curly-quotes", E, "A value is wrapped in curly quotes (“ ” ‘ ’) from a word processor: YAML keeps them as part of the text.", "Replace them with straight quotes (\" or ')."),
    Rule("non-breaking-space", E, "A line is indented with a non-breaking space (pasted from a web page or word processor).", "Delete the indentation and type it again with ordinary spaces."),
    Rule("missing-point-key", E, "A learning point starts '- >' without 'point:'.", "Write '- point: >' and indent the text below it by six spaces."),
    Rule("point-indentation", E, "A learning point's text is indented by four spaces, so YAML reads it as part of the line above.", "Indent the text under '- point: >' by six spaces."),
    # Fields
    Rule("duplicate-key", E, "A field appears twice.", "Keep one of them and delete the other."),
    Rule("unknown-key", E, "A field name is not part of the format (often a typo).", "Correct the spelling, or remove the field."),
    Rule("missing-field", E, "A required field is missing (status included: an entry never becomes public by omission).", "Add the field, e.g. 'status: draft'."),
    Rule("empty-value", E, "A field has no value.", "Write the text after the colon."),
    Rule("wrong-type", E, "A value has the wrong form (text for a list, a number or yes/no for text...).", "Write it as the message shows, e.g. themes: [neglect], or put text in quotes."),
    Rule("invalid-id", E, "An id is not lowercase letters, digits and single hyphens.", "Use the id the message suggests, and rename the file to match."),
    Rule("reserved-id", E, "An id is the name of a page the site generates (index, search, themes...).", "Choose another id, e.g. with '-review' added, and rename the file."),
    Rule("id-filename-mismatch", E, "The id is not the file name without '.md'.", "Rename the file or change the id so that they are the same."),
    Rule("duplicate-id", E, "Two entries have the same id.", "Give each entry its own id (and file name)."),
    Rule("unknown-type", E, "The review type is not one of the format's types.", "Use one of the types listed by the message (e.g. lcspr, sar, dhr)."),
    Rule("unknown-status", E, "The status is not draft, published, archived or embargoed.", "Use one of those four words."),
    Rule("unknown-scope", E, "The scope is not local, regional or national.", "Use one of those three words, or leave the field out (local)."),
    Rule("unknown-age-band", E, "An age band is not one of the format's bands.", "Use the bands the message lists, e.g. under-1, 1-4."),
    Rule("unknown-action-status", E, "An action's status is not planned, in-progress, done or unknown.", "Use one of those four words."),
    Rule("unknown-link-kind", E, "A link's kind is not one of the format's kinds.", "Use full-report, executive-summary, practitioner-briefing, easy-read, action-plan, response or other."),
    Rule("unknown-theme", E, "A theme id is not a file in themes/.", "Use a theme id from themes/ (the message suggests the closest)."),
    Rule("duplicate-theme", W, "A theme is listed twice.", "Remove one of them."),
    Rule("invalid-date", E, "A date is not YYYY, YYYY-MM or YYYY-MM-DD, or is not a real date.", "Write the date year first, e.g. 2020-05."),
    Rule("future-date", E, "A date that must have happened (published, dates, an action's updated) is in the future.", "Use the date it happened."),
    Rule("dates-order", E, "The review's dates are out of order (incident, notified, rapid_review, commissioned, completed, published).", "Correct the date that is out of place."),
    Rule("invalid-url", E, "A web address does not start with http:// or https:// and a host name.", "Write the full address, e.g. https://example.org/report.pdf."),
    Rule("summary-too-long", E, "The summary is longer than 600 characters.", "Keep it to one to three sentences; put the rest in the body."),
    Rule("unknown-related", E, "A related id is not an entry of the knowledge base.", "Use the id of another entry (its file name without '.md')."),
    Rule("related-not-public", E, "A public entry names a related entry that is not public (draft, embargoed).", "Remove the id until that entry is published, or keep this entry as a draft."),
    Rule("link-not-public", E, "A public entry links (in its text) to an entry that is not public.", "Remove the link until that entry is published."),
    Rule("self-related", W, "An entry or theme names itself as related.", "Remove its own id from 'related'."),
    Rule("source-expired", E, "The source's 'expires' date has passed but the entry is not archived.", "Set 'status: archived' (its pages then carry the historic-learning notice)."),
    Rule("template-placeholder", EW, "Template text ('TODO' and the template's notes) is still in the entry: an error in a published or archived entry, a warning in a draft.", "Replace it with your own words before publishing."),
    # The body and every text
    Rule("missing-section", W, "The body has no '## Overview' or '## Findings' section.", "Add the section heading and its text."),
    Rule("section-name", W, "A section heading is close to, but not, one of the known sections.", "Use the heading the message suggests."),
    Rule("raw-html", E, "A text holds raw HTML.", "Write Markdown (or plain text in fields shown as text); put a space after '<' for 'less than'."),
    Rule("unsafe-attribute", E, "A Markdown attribute list sets an id, style, link or event attribute.", "Remove the '{...}' (a class such as {: .note } is allowed)."),
    Rule("outside-image", E, "An image is loaded from another website.", "Add the picture to the site and link it by a relative path."),
    Rule("unsafe-link", E, "A link uses a scheme other than http or https (javascript:, data:...).", "Link to a web address or to another page of the site."),
    Rule("personal-data", E, "Something looks like personal data (a phone number, e-mail, postcode, NI number, date of birth).", "Remove it; an organisation's public contact detail can be added to 'allowed_contact_details' in lscb-kb.yml."),
    # Themes
    Rule("missing-definition", E, "A theme has no text.", "Write a short definition as its first paragraph."),
    Rule("long-definition", W, "A theme's first paragraph is longer than 400 characters.", "Keep the definition short; move the rest to later paragraphs."),
    Rule("shared-synonym", W, "A word names two themes, so search cannot tell them apart.", "Keep the word on one theme only."),
    # The knowledge base
    Rule("config", E, "The settings file lscb-kb.yml cannot be read or has a wrong value.", "Correct the line the message names."),
    Rule("placeholder", W, "A page of content/ still has a placeholder for the partnership's own text.", "Replace it with your partnership's text."),
)


def rule(rule_id: str) -> Rule:
    """The rule of an id; a KeyError here is a programming error, not a user's mistake."""
    return RULES[rule_id]


def as_text() -> str:
    """The table for people: one rule per paragraph."""
    return "\n\n".join(f"{r.id} ({r.severity})\n  {r.description}\n  Fix: {r.fix}" for r in RULES.values())


def as_json() -> str:
    return json.dumps([{"id": r.id, "severity": r.severity, "description": r.description, "fix": r.fix} for r in RULES.values()], indent=2, ensure_ascii=False)


def as_markdown() -> str:
    """The table as DESIGN.md prints it (a test keeps the two the same)."""
    rows = [f"| `{r.id}` | {r.severity} | {r.description} | {r.fix} |".replace("\n", " ") for r in RULES.values()]
    return "\n".join(["| rule | severity | what it finds | how to fix it |", "|---|---|---|---|", *rows])
