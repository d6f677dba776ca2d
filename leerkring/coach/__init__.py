"""The coach's workspace in Jupyter: ipywidgets forms over the same library API as the CLI.

``notebooks/coach.ipynb`` runs ``from leerkring.coach import show; show()``; ``notebooks/manager.ipynb``
runs ``from leerkring.coach import show_manager; show_manager()``. One small module per form; each form
is a class holding its widgets with an action method per button, so a test drives it without a kernel.
The forms work on the workspace locally (the account that owns it, as the CLI does) or, on a hub's
server without the workspace folder, through the leerkring service as the server's hub account
(``Context.remote``; planning and closing then run in the service, :mod:`leerkring.coach.served`).
"""

from __future__ import annotations


def show(path=None):
    """Show the coach's workspace (tabs with every form) for the workspace at ``path`` or around the
    current folder; returns the app (its forms are ``app.forms``), or None after one Dutch line saying
    why there is nothing to show."""
    from leerkring.coach.app import CoachApp, show_or_say

    return show_or_say(lambda: CoachApp.open(path))


def show_manager(path=None):
    """Show the manager's form to answer signals; returns it."""
    from leerkring.coach.app import open_context, show_or_say
    from leerkring.coach.manager import ManagerForm

    return show_or_say(lambda: ManagerForm(open_context(path)))
