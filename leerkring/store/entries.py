"""Entries (bijdragen): append-only revisions, visibility enforced in every query."""

from __future__ import annotations

import uuid

from sqlalchemy import and_, false, or_, select
from sqlalchemy.exc import IntegrityError

from leerkring.errors import LeerkringError, NotAllowed, NotFound, UsageError
from leerkring.store import limits, live, schema
from leerkring.store.helpers import as_utc, insert_ignore, utcnow
from leerkring.store.people import name_key
from leerkring.store.records import Entry, Saved
from leerkring.store.viewer import Viewer

MAX_TEXT = limits.ENTRY_TEXT  # kept for older imports
MAX_TAGS = limits.TAGS
MAX_PAGE = 5_000  # entries in one page of the wall


def visibility_clause(viewer: Viewer):
    """The WHERE clause that limits entries to what ``viewer`` may see."""
    e = schema.entry.c
    if viewer.kind == "organisation":
        return e.visibility == "organisatie"
    if not viewer.kring_ids:
        return false()
    in_kring = e.kring_id.in_(sorted(viewer.kring_ids))
    shared = e.visibility.in_(("kring", "organisatie"))
    if viewer.kind == "kring_summary":
        return and_(in_kring, shared)
    if viewer.kind == "member" and viewer.person_id is not None:
        own_personal = and_(e.visibility == "persoonlijk", e.author_id == viewer.person_id)
        return and_(in_kring, or_(shared, own_personal))
    return false()


def _with_author():
    """SELECT of entries with their author's name and their release review's state (the viewer decides
    later whether either is shown)."""
    rl = schema.text_release.c
    return select(
        schema.entry,
        schema.person.c.name.label("author_name"),
        rl.status.label("release_status"),
        rl.reason.label("release_reason"),
    ).select_from(
        schema.entry.outerjoin(schema.person, schema.person.c.id == schema.entry.c.author_id).outerjoin(
            schema.text_release, rl.entry_id == schema.entry.c.id
        )
    )


#: ``extra`` keys the store writes itself (see :mod:`.limits`); an edit keeps them.
_DERIVED_KEYS = frozenset({"owner", "due", "action_id", "action"})


class _AlreadySaved(Exception):
    """Raised inside a save's transaction when its ``client_key`` was stored before (rolls it back)."""


def _clean_text(text) -> str:
    return limits.clean(
        text, "de bijdrage", limits.ENTRY_TEXT, required=True, empty="Een lege bijdrage wordt niet opgeslagen."
    )


def _with_values(tags, values) -> list:
    """``tags`` followed by the value keys not already among them (a ``waarden`` entry's values)."""
    merged = list(tags or ())
    if isinstance(values, str):
        values = [values]
    for value in values or ():
        if value not in merged:
            merged.append(value)
    return merged


class EntriesMixin:
    def add_entry(
        self,
        session_id: int,
        principle: str,
        kind: str,
        text: str,
        *,
        author: str | int | None = None,
        visibility: str = "kring",
        tags=(),
        extra: dict | None = None,
        step: str = "",
        keep: bool = False,
        client_key: str | None = None,
    ) -> Saved:
        """Scrub and store one contribution. ``author=None`` stores it anonymously (no author at all).

        ``client_key`` makes a save idempotent: saving again with the same key returns the entry
        that was stored the first time instead of a duplicate. The value keys in ``extra["values"]``
        (a ``waarden`` entry) are also added to ``tags``, in order and without duplicates.
        """
        values = self._entry_values(
            session_id,
            principle,
            kind,
            text,
            author=author,
            visibility=visibility,
            tags=tags,
            extra=extra,
            step=step,
            keep=keep,
            client_key=client_key,
        )
        return self._insert_entry(values, author)

    def _entry_values(
        self,
        session_id: int,
        principle: str,
        kind: str,
        text: str,
        *,
        author,
        visibility,
        tags,
        extra,
        step,
        keep,
        client_key,
        system_extra: dict | None = None,
    ) -> dict:
        """The row of a new entry, checked, cleaned and scrubbed (:mod:`.limits`); checks everything that
        needs no transaction. ``system_extra`` holds the keys the store itself derived (an action's owner
        and date, a report's action): they are stored as given, after the caller's ``extra``."""
        kind_def = self.frameworks.principle(principle).kind(kind)
        if visibility not in schema.VISIBILITIES:
            raise UsageError(f"Onbekende zichtbaarheid '{visibility}'. Kies uit: {', '.join(schema.VISIBILITIES)}.")
        if visibility == "persoonlijk" and author is None:
            raise UsageError("Een persoonlijke bijdrage kan niet anoniem zijn: dan kan niemand haar meer lezen.")
        client_key = limits.client_key(client_key)
        text = _clean_text(text)
        step = limits.step(step)
        scrubbed, findings, extra, tags = self._checked_extras(
            text, kind_def, extra, tags, lambda: self.session(session_id).kring_id
        )
        extra.update(system_extra or {})
        return dict(
            uid=uuid.uuid4().hex,
            revision=1,
            is_current=True,
            client_key=client_key,
            session_id=session_id,
            principle=principle,
            kind=kind,
            step=step,
            author_id=None,
            visibility=visibility,
            tags=tags,
            extra=extra,
            text=scrubbed,
            findings=findings,
            keep=bool(keep),
            created_at=utcnow(),
        )

    def _checked_extras(self, text: str, kind_def, extra, tags, kring_id) -> tuple[str, list, dict, list]:
        """(text, findings, extra, tags) checked against the kind and scrubbed in one scrubber call.
        ``kring_id()`` gives the kring whose members a ``members`` choice must be."""
        vocabulary = limits.vocabulary_keys(self.frameworks)

        def member(value):
            if isinstance(value, bool) or not isinstance(value, (int, str)):
                raise UsageError("Kies een lid van de kring (naam of nummer).")
            return self.member(kring_id(), value).name

        checked = limits.check_extra(extra, kind_def, vocabulary, member)
        if tags is not None:
            tags = limits.check_tags(_with_values(limits.check_tags(tags), checked.get("values")))
            tags = limits.free_tags(tags, vocabulary)
        scrubbed, findings, checked, cleaned_tags = limits.scrub_all(self.scrub_text, text, checked, tags or ())
        return scrubbed, findings, checked, (cleaned_tags if tags is not None else None)

    def _insert_entry(self, values: dict, author, then=None) -> Saved:
        """Insert a row made by :meth:`_entry_values`; ``then(conn, values)`` runs in the same transaction.

        With a ``client_key`` that was saved before, nothing is inserted (``then`` included, as the
        whole transaction rolls back) and the entry stored the first time is returned.
        """
        session_id, client_key, findings = values["session_id"], values["client_key"], values["findings"]
        try:
            with self.write() as conn:
                if client_key is not None:  # a retried save: what was stored the first time
                    first = conn.execute(
                        select(schema.entry.c.id).where(schema.entry.c.client_key == client_key)
                    ).scalar()
                    if first is not None:
                        raise _AlreadySaved()
                session_row = self._open_session_row(conn, session_id)
                values["kring_id"] = session_row["kring_id"]
                if values.get("parent_uid") is None:  # a reply may come in any phase (store/room.py)
                    values["phase"] = self._phase_for_save(conn, session_row, values["principle"])
                author_name = None
                if author is not None:
                    values["author_id"], role, author_name = self._membership_in(conn, session_row["kring_id"], author)
                entry_id = conn.execute(schema.entry.insert().values(**values)).inserted_primary_key[0]
                if values["visibility"] == "organisatie":  # waits for a coach's release (store/release.py)
                    values["release_status"] = self._release_new(conn, "entry", values["kring_id"], entry_id=entry_id)
                if author is not None:
                    insert_ignore(
                        conn, schema.attendance, session_id=session_id, person_id=values["author_id"], role=role
                    )
                if then is not None:
                    then(conn, values)
                self._touch(conn, session_id)  # the live walls of this session look again
        except (IntegrityError, _AlreadySaved):
            if client_key is None:
                raise
            entry = self._entry_by_client_key(client_key)
            return Saved(entry, tuple(entry.findings))
        live.notify(session_id)
        values.update(id=entry_id, author_name=author_name)
        return Saved(self._to_entry(values, None), tuple(findings))

    def edit_entry(
        self, uid: str, editor: str | int, text: str | None = None, *, visibility=None, tags=None, extra=None
    ) -> Saved:
        """A new revision of the editor's own entry; the old revision stays, marked not current."""
        current = self._current_row(uid)
        editor_id = self.person(editor).id
        if current["author_id"] is None or current["author_id"] != editor_id:
            raise NotAllowed("Je kunt alleen je eigen bijdragen aanpassen.")
        visibility = visibility or current["visibility"]
        if visibility not in schema.VISIBILITIES:
            raise UsageError(f"Onbekende zichtbaarheid '{visibility}'.")
        kind_def = self.frameworks.principle(current["principle"]).kind(current["kind"])
        new_text = _clean_text(text) if text is not None else ""
        scrubbed, findings, checked, new_tags = self._checked_extras(
            new_text, kind_def, extra, tags, lambda: current["kring_id"]
        )
        if text is None:
            scrubbed, findings = current["text"], current["findings"]
        if extra is not None:  # the keys the store derived stay as they were
            checked.update({k: v for k, v in (current["extra"] or {}).items() if k in _DERIVED_KEYS})
        values = dict(
            uid=uid,
            revision=current["revision"] + 1,
            is_current=True,
            session_id=current["session_id"],
            kring_id=current["kring_id"],
            principle=current["principle"],
            kind=current["kind"],
            step=current["step"],
            author_id=current["author_id"],
            visibility=visibility,
            tags=new_tags if tags is not None else current["tags"],
            extra=checked if extra is not None else current["extra"],
            text=scrubbed,
            findings=findings,
            keep=current["keep"],
            created_at=utcnow(),
            parent_uid=current["parent_uid"],
            phase=current["phase"],
        )
        try:
            with self.write() as conn:
                session_row = self._open_session_row(conn, current["session_id"])
                if current["parent_uid"] is None:  # an edit is a save: not into a closed phase
                    self._phase_for_save(conn, session_row, current["principle"])
                updated = conn.execute(
                    schema.entry.update()
                    .where((schema.entry.c.id == current["id"]) & (schema.entry.c.is_current == True))  # noqa: E712
                    .values(is_current=False)
                ).rowcount
                if updated != 1:
                    raise IntegrityError("edit", {}, Exception("stale revision"))
                entry_id = conn.execute(schema.entry.insert().values(**values)).inserted_primary_key[0]
                self._release_replaced(conn, uid, entry_id)  # store/release.py: each revision is reviewed
                if visibility == "organisatie":
                    self._release_new(conn, "entry", current["kring_id"], entry_id=entry_id)
                self._touch(conn, current["session_id"])
        except IntegrityError:
            raise LeerkringError(
                "Deze bijdrage is intussen al aangepast; laad de lijst opnieuw en probeer het nog eens."
            ) from None
        live.notify(current["session_id"])
        return Saved(self._entry_by_id(entry_id), tuple(findings))

    def add_reply(
        self,
        parent_uid: str,
        text: str,
        *,
        author: str | int,
        visibility: str | None = None,
        client_key: str | None = None,
    ) -> Saved:
        """A reply (a reaction or a clarifying question) under a contribution ``author`` can see.

        It takes its parent's principle, kind and step, hangs under the thread's first contribution
        (a reply to a reply joins that thread) and is never more visible than its parent: a wider
        ``visibility`` is lowered to the parent's. Without one it is shared with the kring (with the
        organisation only when asked, and only under a parent shared with it).
        """
        person = self.person(author)
        kringen = {m.kring_id for m in self.memberships(person.id) if m.role in ("coach", "member", "guest")}
        parent = self.entry(Viewer.member(person.id, kringen, person.name), str(parent_uid))  # NotFound if unseen
        if parent.parent_uid:
            parent = self.entry(Viewer.member(person.id, kringen, person.name), parent.parent_uid)
        rank = {v: i for i, v in enumerate(schema.VISIBILITIES)}
        wanted = visibility or "kring"  # a reply shares no wider than the kring unless asked
        if wanted not in rank:
            raise UsageError(f"Onbekende zichtbaarheid '{wanted}'. Kies uit: {', '.join(schema.VISIBILITIES)}.")
        if rank[wanted] > rank[parent.visibility]:
            wanted = parent.visibility
        values = self._entry_values(
            parent.session_id,
            parent.principle,
            parent.kind,
            text,
            author=person.id,
            visibility=wanted,
            tags=(),
            extra=None,
            step=parent.step,
            keep=False,
            client_key=client_key,
        )
        values["parent_uid"] = parent.uid
        return self._insert_entry(values, person.id)

    def entries(
        self,
        viewer: Viewer,
        *,
        session_id=None,
        kring=None,
        principle=None,
        kind=None,
        start=None,
        end=None,
        history: bool = False,
        limit: int | None = None,
        before: int | None = None,
    ) -> list[Entry]:
        """Entries ``viewer`` may see, oldest first. Only current revisions unless ``history``.

        Paginated for the wall: ``limit`` keeps the newest ``limit`` entries (still oldest first), and
        ``before`` (an entry's ``id``) only those older than that entry; together they page backwards.
        Without them every entry comes back, as before.
        """
        e = schema.entry.c
        query = _with_author().where(visibility_clause(viewer))
        if not history:
            query = query.where(e.is_current == True)  # noqa: E712
        if session_id is not None:
            query = query.where(e.session_id == int(session_id))
        if kring is not None:
            query = query.where(e.kring_id == self.kring(kring).id)
        if principle is not None:
            query = query.where(e.principle == principle)
        if kind is not None:
            query = query.where(e.kind == kind)
        if start is not None or end is not None:
            query = query.join(schema.session, schema.session.c.id == e.session_id)
            if start is not None:
                query = query.where(schema.session.c.date >= start)
            if end is not None:
                query = query.where(schema.session.c.date <= end)
        if before is not None:
            if isinstance(before, bool) or not isinstance(before, int):
                raise UsageError("'before' is het nummer (id) van een bijdrage.")
            older = schema.entry.alias("older")
            pivot = select(older.c.created_at).where(older.c.id == before).scalar_subquery()
            query = query.where(or_(e.created_at < pivot, and_(e.created_at == pivot, e.id < before)))
        if limit is None:
            query = query.order_by(e.created_at, e.id)
        else:
            if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_PAGE:
                raise UsageError(f"'limit' is een aantal bijdragen van 1 tot en met {MAX_PAGE}.")
            query = query.order_by(e.created_at.desc(), e.id.desc()).limit(limit)
        with self.read() as conn:
            rows = conn.execute(query).mappings().all()
        if limit is not None:
            rows = rows[::-1]
        return [self._to_entry(row, viewer) for row in rows]

    def entry(self, viewer: Viewer, uid: str) -> Entry:
        e = schema.entry.c
        query = _with_author().where(visibility_clause(viewer), e.uid == uid, e.is_current == True)  # noqa: E712
        with self.read() as conn:
            row = conn.execute(query).mappings().first()
        if row is None:
            raise NotFound(f"Onbekende bijdrage {uid}.")
        return self._to_entry(row, viewer)

    # -- helpers --------------------------------------------------------------------------------
    def _to_entry(self, row, viewer: Viewer | None) -> Entry:
        show_author = viewer is None or viewer.sees_authors
        # the release review's state is the author's to see (their own save or edit, or their wall)
        own = viewer is None or (
            viewer.kind == "member" and viewer.person_id is not None and viewer.person_id == row["author_id"]
        )
        release = row.get("release_status") if own else None
        return Entry(
            id=row["id"],
            uid=row["uid"],
            revision=row["revision"],
            session_id=row["session_id"],
            kring_id=row["kring_id"],
            principle=row["principle"],
            kind=row["kind"],
            step=row["step"],
            author_id=row["author_id"] if show_author else None,
            author=row.get("author_name") if show_author else None,
            visibility=row["visibility"],
            tags=tuple(row["tags"] or ()),
            extra=dict(row["extra"] or {}),
            text=row["text"],
            findings=tuple(row["findings"] or ()),
            keep=bool(row["keep"]),
            created_at=as_utc(row["created_at"]),
            release=release if release in ("pending", "released", "rejected") else None,
            release_reason=(row.get("release_reason") or "") if release == "rejected" else "",
            parent_uid=row.get("parent_uid"),
            phase=row.get("phase") or "",
        )

    def _entry_where(self, clause) -> Entry:
        """One entry, unfiltered (for its author's own save or edit)."""
        with self.read() as conn:
            return self._to_entry(conn.execute(_with_author().where(clause)).mappings().one(), None)

    def _entry_by_id(self, entry_id: int) -> Entry:
        return self._entry_where(schema.entry.c.id == entry_id)

    def _entry_by_client_key(self, key: str) -> Entry:
        return self._entry_where(schema.entry.c.client_key == key)

    def _current_row(self, uid: str):
        with self.read() as conn:
            row = (
                conn.execute(
                    select(schema.entry).where((schema.entry.c.uid == uid) & (schema.entry.c.is_current == True))  # noqa: E712
                )
                .mappings()
                .first()
            )
        if row is None:
            raise NotFound(f"Onbekende bijdrage {uid}.")
        return row

    @staticmethod
    def _membership_in(conn, kring_id: int, who: str | int) -> tuple[int, str, str]:
        """(person id, role, name) of ``who`` in the kring, inside an open transaction."""
        p, m = schema.person.c, schema.membership.c
        if isinstance(who, int):
            match = p.id == who
        else:
            key = name_key(who)
            match = (p.name_key == key) | (p.username == key)
        row = conn.execute(
            select(p.id, p.name, m.role)
            .select_from(schema.person.outerjoin(schema.membership, (m.person_id == p.id) & (m.kring_id == kring_id)))
            .where(match)
        ).first()
        if row is None:
            raise NotFound(f"Onbekend lid '{who}'.")
        if row.role is None:
            raise NotAllowed(f"'{row.name}' is geen lid van de kring van deze sessie.")
        return row.id, row.role, row.name
