"""Kringen, people and their roles in a kring."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from leerkring.errors import AlreadyExists, LeerkringError, NotFound, UsageError
from leerkring.store import schema
from leerkring.store.helpers import utcnow
from leerkring.store.records import Kring, Member, Person

#: Every name a role goes by (the Dutch names people use, and the codes), by its code.
ROLE_NAMES = {
    "coach": ("leercoach", "coach"),
    "member": ("teamlid", "lid", "member"),
    "guest": ("gast", "guest"),
    "manager": ("teamleider", "management", "manager", "leidinggevende"),
}
#: How a role is named in Dutch output.
ROLE_LABELS = {"coach": "leercoach", "member": "teamlid", "guest": "gast", "manager": "teamleider/management"}


def role_code(role: str) -> str:
    """The code of a role named in Dutch or by its code ('teamleider' -> 'manager'); one Dutch line
    naming the choices when it is none of them."""
    key = " ".join(str(role or "").split()).casefold()
    for code, names in ROLE_NAMES.items():
        if key in names:
            return code
    raise UsageError(
        f"Onbekende rol '{role}'. Kies leercoach (coach), teamlid (lid), gast of teamleider (management, manager)."
    )


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def name_key(name: str) -> str:
    """The lookup form of a name: whitespace collapsed and casefolded (Unicode-aware, unlike SQL lower())."""
    return " ".join(str(name).split()).casefold()


def _account_key(username: str) -> str:
    """An account name as stored and matched: stripped and casefolded; one Dutch line if unusable."""
    key = str(username or "").strip().casefold()
    if not key:
        raise UsageError("Geef een accountnaam op (--hub-user).")
    if len(key) > 200 or any(ch.isspace() or not ch.isprintable() for ch in key):
        raise UsageError(f"'{username}' is geen geldige accountnaam (geen spaties, hoogstens 200 tekens).")
    return key


def _clean_name(name: str, what: str) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise UsageError(f"De naam van {what} mag niet leeg zijn.")
    if len(cleaned) > 200:
        raise UsageError(f"De naam van {what} is te lang (meer dan 200 tekens).")
    return cleaned


class PeopleMixin:
    # -- kringen --------------------------------------------------------------------------------
    def add_kring(self, name: str, description: str = "") -> Kring:
        name = _clean_name(name, "de kring")
        slug = slugify(name)
        if not slug:
            raise UsageError("De naam van de kring moet letters of cijfers bevatten.")
        with self.read() as conn:
            taken = conn.execute(
                select(schema.kring.c.id).where(
                    (schema.kring.c.name_key == name_key(name)) | (schema.kring.c.slug == slug)
                )
            ).first()
        if taken:
            raise AlreadyExists(f"Er is al een kring met de naam '{name}'.")
        try:
            with self.write() as conn:
                kid = conn.execute(
                    schema.kring.insert().values(
                        slug=slug,
                        name=name,
                        name_key=name_key(name),
                        description=description.strip(),
                        created_at=utcnow(),
                    )
                ).inserted_primary_key[0]
        except IntegrityError:
            raise AlreadyExists(f"Er is al een kring met de naam '{name}'.") from None
        return Kring(kid, slug, name, description.strip())

    def kringen(self) -> list[Kring]:
        with self.read() as conn:
            rows = conn.execute(select(schema.kring).order_by(schema.kring.c.name)).mappings().all()
        return [Kring(r["id"], r["slug"], r["name"], r["description"]) for r in rows]

    def kring(self, name_or_slug: str | int) -> Kring:
        with self.read() as conn:
            if isinstance(name_or_slug, int):
                where = schema.kring.c.id == name_or_slug
            else:
                key = str(name_or_slug)
                where = (schema.kring.c.name_key == name_key(key)) | (schema.kring.c.slug == slugify(key))
            row = conn.execute(select(schema.kring).where(where)).mappings().first()
        if row is None:
            raise NotFound(f"Onbekende kring '{name_or_slug}'.")
        return Kring(row["id"], row["slug"], row["name"], row["description"])

    # -- people ---------------------------------------------------------------------------------
    def person(self, name_or_id: str | int) -> Person:
        with self.read() as conn:
            if isinstance(name_or_id, int):
                where = schema.person.c.id == name_or_id
            else:
                key = name_key(name_or_id)
                where = (schema.person.c.name_key == key) | (schema.person.c.username == key)
            row = conn.execute(select(schema.person).where(where)).mappings().first()
        if row is None:
            raise NotFound(f"Onbekend lid '{name_or_id}'.")
        return Person(row["id"], row["name"], row["username"])

    def account(self, username: str) -> Person:
        """The person whose linked account (an OS or hub user name) is ``username``; only the
        account, never the person's name, is matched. NotFound when no person has it."""
        key = _account_key(username)
        with self.read() as conn:
            row = conn.execute(select(schema.person).where(schema.person.c.username == key)).mappings().first()
        if row is None:
            raise NotFound(f"Geen lid gekoppeld aan account '{key}'.")
        return Person(row["id"], row["name"], row["username"])

    def link_account(self, person: str | int, username: str) -> Person:
        """Link ``person`` to the account ``username`` (stored casefolded), so the service knows
        them when that account calls. An account linked to someone else is refused in one line."""
        target = self.person(person)
        key = _account_key(username)
        if target.username == key:
            return target
        try:
            with self.write() as conn:
                taken = conn.execute(
                    select(schema.person.c.name).where(
                        (schema.person.c.username == key) & (schema.person.c.id != target.id)
                    )
                ).first()
                if taken is not None:
                    raise AlreadyExists(f"Account '{key}' is al gekoppeld aan '{taken[0]}'.")
                conn.execute(schema.person.update().where(schema.person.c.id == target.id).values(username=key))
        except IntegrityError:
            raise AlreadyExists(f"Account '{key}' is al gekoppeld aan iemand anders.") from None
        self.audit("systeem", "person.link", {"person": target.id, "account": key})
        return Person(target.id, target.name, key)

    def people(self) -> list[Person]:
        with self.read() as conn:
            rows = conn.execute(select(schema.person).order_by(schema.person.c.name)).mappings().all()
        return [Person(r["id"], r["name"], r["username"]) for r in rows]

    def person_names(self) -> tuple[str, ...]:
        """Every known name (for catching colleagues' names when scrubbing)."""
        return tuple(p.name for p in self.people())

    def add_member(self, kring: str | int, name: str, role: str = "member", username: str | None = None) -> Member:
        """Add a person to a kring with a role (a code or its Dutch name, see :func:`role_code`);
        creates the person on first use."""
        role = role_code(role)
        name = _clean_name(name, "het lid")
        username = _account_key(username) if username else None
        target = self.kring(kring)
        try:
            with self.write() as conn:
                row = (
                    conn.execute(select(schema.person).where(schema.person.c.name_key == name_key(name)))
                    .mappings()
                    .first()
                )
                if row is None:
                    pid = conn.execute(
                        schema.person.insert().values(
                            name=name, name_key=name_key(name), username=username, created_at=utcnow()
                        )
                    ).inserted_primary_key[0]
                    person_name = name
                else:
                    pid, person_name = row["id"], row["name"]
                    if username and row["username"] != username:
                        conn.execute(schema.person.update().where(schema.person.c.id == pid).values(username=username))
                existing = conn.execute(
                    select(schema.membership.c.role).where(
                        (schema.membership.c.kring_id == target.id) & (schema.membership.c.person_id == pid)
                    )
                ).first()
                if existing is not None:
                    raise AlreadyExists(
                        f"'{person_name}' is al lid van kring '{target.name}' "
                        f"({ROLE_LABELS.get(existing[0], existing[0])})."
                    )
                conn.execute(
                    schema.membership.insert().values(kring_id=target.id, person_id=pid, role=role, created_at=utcnow())
                )
        except IntegrityError:
            raise AlreadyExists(f"Account '{username}' is al gekoppeld aan iemand anders.") from None
        self._names_changed()
        return Member(pid, person_name, role, target.id, username)

    def set_role(self, kring: str | int, name: str, role: str) -> Member:
        role = role_code(role)
        member = self.member(kring, name)
        with self.write() as conn:
            conn.execute(
                schema.membership.update()
                .where(
                    (schema.membership.c.kring_id == member.kring_id)
                    & (schema.membership.c.person_id == member.person_id)
                )
                .values(role=role)
            )
        return Member(member.person_id, member.name, role, member.kring_id, member.username)

    def members(self, kring: str | int) -> list[Member]:
        target = self.kring(kring)
        query = (
            select(schema.person.c.id, schema.person.c.name, schema.person.c.username, schema.membership.c.role)
            .join(schema.membership, schema.membership.c.person_id == schema.person.c.id)
            .where(schema.membership.c.kring_id == target.id)
            .order_by(schema.person.c.name)
        )
        with self.read() as conn:
            rows = conn.execute(query).all()
        return [Member(r.id, r.name, r.role, target.id, r.username) for r in rows]

    def member(self, kring: str | int, name: str | int) -> Member:
        target = self.kring(kring)
        person = self.person(name)
        for member in self.members(target.id):
            if member.person_id == person.id:
                return member
        raise NotFound(f"'{person.name}' is geen lid van kring '{target.name}'.")

    def memberships(self, name: str | int) -> list[Member]:
        person = self.person(name)
        query = select(schema.membership).where(schema.membership.c.person_id == person.id)
        with self.read() as conn:
            rows = conn.execute(query).mappings().all()
        return [Member(person.id, person.name, r["role"], r["kring_id"], person.username) for r in rows]

    def require_role(self, kring: str | int, name: str | int, *roles: str) -> Member:
        member = self.member(kring, name)
        if member.role not in roles:
            raise LeerkringError(
                f"'{member.name}' is {member.role} in deze kring; dit mag alleen een {' of '.join(roles)}."
            )
        return member

    def _names_changed(self) -> None:
        """Hook: the set of known names changed (the scrubber's known names cache listens)."""
