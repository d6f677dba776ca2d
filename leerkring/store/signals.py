"""Signals to management, tracked until answered; and the anonymous session evaluations."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from leerkring.errors import NotFound, UsageError
from leerkring.store import limits, schema
from leerkring.store.helpers import as_utc, kring_clause, utcnow
from leerkring.store.records import Evaluation, Signal, SignalResponse

RESPONSE_STATES = ("answered", "closed")


class SignalsMixin:
    def raise_signal(self, session_id: int, title: str, text: str = "", *, client_key: str | None = None) -> Signal:
        """Raise a signal to management from a session. Signals carry no author.

        ``client_key`` makes it idempotent: raising again with the same key returns the first signal.
        """
        client_key = limits.client_key(client_key)
        title = limits.clean(
            title,
            "de titel van het signaal",
            limits.SIGNAL_TITLE,
            required=True,
            one_line=True,
            empty="Een signaal heeft een korte titel nodig.",
        )
        text = limits.clean(text, "de toelichting", limits.SIGNAL_TEXT)
        if client_key is not None:
            first = self._signal_id_by_client_key(client_key)
            if first is not None:
                return self.signal(first)
        session = self.session(session_id)
        title = self.scrub_text(title)[0]
        body = self.scrub_text(text)[0] if text else ""
        try:
            with self.write() as conn:
                self._open_session_row(conn, session_id)
                signal_id = conn.execute(
                    schema.signal.insert().values(
                        kring_id=session.kring_id,
                        session_id=session_id,
                        title=title,
                        text=body,
                        status="open",
                        client_key=client_key,
                        raised_at=utcnow(),
                    )
                ).inserted_primary_key[0]
                self._release_new(conn, "signal", session.kring_id, signal_id=signal_id)  # store/release.py
        except IntegrityError:
            signal_id = self._signal_id_by_client_key(client_key) if client_key is not None else None
            if signal_id is None:
                raise
        return self.signal(signal_id)

    def _signal_id_by_client_key(self, key: str) -> int | None:
        with self.read() as conn:
            return conn.execute(select(schema.signal.c.id).where(schema.signal.c.client_key == key)).scalar()

    def respond_signal(self, signal_id: int, responder: str, text: str, status: str = "answered") -> Signal:
        if status not in RESPONSE_STATES:
            raise UsageError(f"Onbekende status '{status}'. Kies uit: {', '.join(RESPONSE_STATES)}.")
        responder = limits.clean(
            responder,
            "de naam van wie antwoordt",
            limits.RESPONDER,
            required=True,
            one_line=True,
            empty="Zeg wie er antwoordt (--by).",
        )
        text = limits.clean(
            text, "het antwoord", limits.RESPONSE, required=True, empty="Een antwoord mag niet leeg zijn."
        )
        current = self.signal(signal_id)
        body = self.scrub_text(text)[0]
        manager_id = self._is_management(responder)  # management's own answer needs no release
        now = utcnow()
        with self.write() as conn:
            response_id = conn.execute(
                schema.signal_response.insert().values(
                    signal_id=current.id, responder=responder, text=body, status=status, created_at=now
                )
            ).inserted_primary_key[0]
            self._release_new(
                conn,
                "response",
                current.kring_id,
                response_id=response_id,
                decision="management" if manager_id is not None else None,
                by_id=manager_id,
                actor=responder,
            )
            values = {"status": status}
            if current.answered_at is None:
                values["answered_at"] = now
            conn.execute(schema.signal.update().where(schema.signal.c.id == current.id).values(**values))
        self.audit(responder, "signal.respond", {"signal": current.id, "status": status})
        return self.signal(current.id)

    def signal(self, signal_id: int) -> Signal:
        found = self.signals(signal_id=int(signal_id))
        if not found:
            raise NotFound(f"Onbekend signaal {signal_id}.")
        return found[0]

    def signals(self, kring=None, status: str | None = None, signal_id: int | None = None) -> list[Signal]:
        query = select(schema.signal).order_by(schema.signal.c.raised_at, schema.signal.c.id)
        if kring is not None:
            query = query.where(schema.signal.c.kring_id == self.kring(kring).id)
        if status is not None:
            query = query.where(schema.signal.c.status == status)
        if signal_id is not None:
            query = query.where(schema.signal.c.id == signal_id)
        with self.read() as conn:
            rows = conn.execute(query).mappings().all()
            ids = [r["id"] for r in rows]
            responses: dict[int, list[SignalResponse]] = {}
            if ids:
                for r in conn.execute(
                    select(schema.signal_response)
                    .where(schema.signal_response.c.signal_id.in_(ids))
                    .order_by(schema.signal_response.c.created_at, schema.signal_response.c.id)
                ).mappings():
                    responses.setdefault(r["signal_id"], []).append(
                        SignalResponse(
                            r["id"], r["signal_id"], r["responder"], r["text"], r["status"], as_utc(r["created_at"])
                        )
                    )
        return [
            Signal(
                r["id"],
                r["kring_id"],
                r["session_id"],
                r["title"],
                r["text"],
                r["status"],
                as_utc(r["raised_at"]),
                as_utc(r["answered_at"]),
                tuple(responses.get(r["id"], ())),
            )
            for r in rows
        ]

    # -- evaluations ----------------------------------------------------------------------------
    def add_evaluation(
        self, session_id: int, free_to_speak: int, useful: int, remark: str = "", *, client_key: str | None = None
    ) -> Evaluation:
        """An anonymous evaluation: no author is stored, ever. ``client_key`` (random, never tied to a
        person) makes it idempotent: the same key again returns the evaluation stored the first time."""
        scores = []
        for label, value in (("vrijuit spreken", free_to_speak), ("nuttig", useful)):
            try:
                value = int(value)
            except (TypeError, ValueError):
                raise UsageError(f"De score voor '{label}' moet een getal van 1 tot en met 5 zijn.") from None
            if not 1 <= value <= 5:
                raise UsageError(f"De score voor '{label}' moet van 1 tot en met 5 zijn.")
            scores.append(value)
        client_key = limits.client_key(client_key)
        remark = limits.clean(remark, "de opmerking", limits.REMARK)
        if client_key is not None:
            first = self._evaluation_by_client_key(client_key)
            if first is not None:
                return first
        if remark:
            remark = self.scrub_text(remark)[0]
        now = utcnow()
        try:
            with self.write() as conn:
                self._open_session_row(conn, session_id)
                eval_id = conn.execute(
                    schema.evaluation.insert().values(
                        session_id=session_id,
                        free_to_speak=scores[0],
                        useful=scores[1],
                        remark=remark,
                        client_key=client_key,
                        created_at=now,
                    )
                ).inserted_primary_key[0]
        except IntegrityError:
            first = self._evaluation_by_client_key(client_key) if client_key is not None else None
            if first is None:
                raise
            return first
        return Evaluation(eval_id, session_id, scores[0], scores[1], remark, now)

    def _evaluation_by_client_key(self, key: str) -> Evaluation | None:
        with self.read() as conn:
            r = conn.execute(select(schema.evaluation).where(schema.evaluation.c.client_key == key)).mappings().first()
        if r is None:
            return None
        return Evaluation(
            r["id"], r["session_id"], r["free_to_speak"], r["useful"], r["remark"], as_utc(r["created_at"])
        )

    def evaluations(self, viewer, session_id: int | None = None, kring=None) -> list[Evaluation]:
        """Evaluations of the viewer's kringen; the organisation gets the scores without the remarks
        (figures built for it are also suppressed below k by the summaries)."""
        query = (
            select(schema.evaluation)
            .join(schema.session, schema.session.c.id == schema.evaluation.c.session_id)
            .order_by(schema.evaluation.c.id)
        )
        if session_id is not None:
            query = query.where(schema.evaluation.c.session_id == session_id)
        if kring is not None:
            query = query.where(schema.session.c.kring_id == self.kring(kring).id)
        clause = kring_clause(schema.session.c.kring_id, viewer)
        if clause is not None:
            query = query.where(clause)
        with self.read() as conn:
            rows = conn.execute(query).mappings().all()
        hide = viewer.kind == "organisation"
        return [
            Evaluation(
                r["id"],
                r["session_id"],
                r["free_to_speak"],
                r["useful"],
                "" if hide else r["remark"],
                as_utc(r["created_at"]),
            )
            for r in rows
        ]

    # -- audit ----------------------------------------------------------------------------------
    def audit(self, actor: str, action: str, detail: dict | None = None) -> None:
        with self.write() as conn:
            conn.execute(
                schema.audit.insert().values(at=utcnow(), actor=str(actor), action=action, detail=detail or {})
            )

    def audit_log(self, limit: int = 100) -> list[dict]:
        query = select(schema.audit).order_by(schema.audit.c.id.desc()).limit(limit)
        with self.read() as conn:
            return [dict(r, at=as_utc(r["at"])) for r in conn.execute(query).mappings().all()]
