"""The one kind of error a person can put right.

Every refusal the library raises for something the user did (a wrong file, an unknown
measure, a period with no figures, an undo that would lose newer values, a database another
program holds) derives from UserError, and its message is already a plain instruction:
what is wrong and how to fix it, never a stack trace or a path the user did not give.
The pages show it with `pages.ui.user_errors()`; the command line prints it and exits 2
(kpi/commands/__init__.py). Anything else is a fault in the product and is logged.
"""

from __future__ import annotations


class UserError(Exception):
    """A refusal whose message tells the user what to do."""
