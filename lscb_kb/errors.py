"""The package's errors: a user's mistake or a problem the user can fix, never a traceback.

The command line maps them in one place: a `UsageProblem` (the command was
asked for something it cannot do as asked) exits 2, any other
`KnowledgeBaseError` (the knowledge base or the machine has a problem) exits 1.
"""

from __future__ import annotations


class KnowledgeBaseError(Exception):
    """A problem the user can fix; its message says what and how."""

    exit_code = 1


class UsageProblem(KnowledgeBaseError):
    """The command cannot do what it was asked as it was asked (a wrong option, folder or name)."""

    exit_code = 2


class NotAKnowledgeBase(UsageProblem):
    """The folder has no reviews/ and themes/."""


class SiteError(KnowledgeBaseError):
    """The website could not be built; the message says why (the previous site/ is left as it was)."""


class UnsafeOutput(SiteError):
    """The output folder given would replace something the build did not make: refused, nothing written."""
