"""Widget attributes built on first access.

A session notebook shows a dozen forms, each with parts most members never open (labels, visibility,
the editor for one's own entries). Every widget is a model the kernel sends and the browser keeps, so
those parts are made when the member needs them, or when code reads them (``form.tags`` always works).
"""

from __future__ import annotations


class Lazy:
    """A class attribute whose value is made by calling ``getattr(obj, build)(*args)`` on first access.

    The builder stores the value in the instance's ``__dict__`` under the attribute's name (often
    together with its neighbours, e.g. one call builds the labels, visibility and 'anoniem' widgets).
    """

    def __init__(self, build: str, *args):
        self.build, self.args = build, args

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        if self.name not in obj.__dict__:
            getattr(obj, self.build)(*self.args)
        return obj.__dict__[self.name]
