"""Repository functions for contacts and their tags. Callers own the session (transaction)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from refterm.db import search as contact_search
from refterm.db.models import Ask, Contact, ContactTag, Tag
from refterm.model.text import fold
from refterm.model.vocab import OPEN_ASK_STATUSES, ContactSort


def search_text_for(contact: Contact, tags: Iterable[str]) -> str:
    return search_text_of(contact.full_name, contact.company, contact.title, contact.notes, tags)


def search_text_of(
    full_name: str, company: str | None, title: str | None, notes: str | None, tags: Iterable[str]
) -> str:
    """The folded filter text; bulk writers (imports) call it without building a Contact."""
    parts = [full_name, company, title, notes, *tags]
    return fold(" ".join(part for part in parts if part))


def refresh_keys(session: Session, contact: Contact, tags: Sequence[str] | None = None) -> None:
    """Recompute the derived sort and search keys after any change to a contact or its tags."""
    if tags is None:
        tags = tag_names(session, contact.id) if contact.id is not None else []
    contact.sort_key = fold(contact.full_name)
    contact.search_text = search_text_for(contact, tags)


def tag_names(session: Session, contact_id: int | None) -> list[str]:
    statement = (
        select(Tag.name)
        .join(ContactTag, col(ContactTag.tag_id) == Tag.id)
        .where(ContactTag.contact_id == contact_id)
        .order_by(Tag.name)
    )
    return list(session.exec(statement))


def set_tags(session: Session, contact: Contact, names: Iterable[str]) -> list[str]:
    """Replace the contact's tags, creating missing tags; returns the stored names."""
    assert contact.id is not None
    wanted = sorted({name for name in names if name})
    existing = {tag.name: tag for tag in session.exec(select(Tag).where(col(Tag.name).in_(wanted)))}
    for name in wanted:
        if name not in existing:
            tag = Tag(name=name)
            session.add(tag)
            existing[name] = tag
    session.flush()
    for link in session.exec(select(ContactTag).where(ContactTag.contact_id == contact.id)):
        session.delete(link)
    session.flush()
    for name in wanted:
        tag_id = existing[name].id
        assert tag_id is not None
        session.add(ContactTag(contact_id=contact.id, tag_id=tag_id))
    refresh_keys(session, contact, wanted)
    return wanted


def insert_contact(session: Session, contact: Contact, tags: Sequence[str] = ()) -> Contact:
    refresh_keys(session, contact, tags)
    session.add(contact)
    session.flush()
    if tags:
        set_tags(session, contact, tags)
    return contact


def get_contact(session: Session, contact_id: int) -> Contact | None:
    return session.get(Contact, contact_id)


def contacts_named(session: Session, text: str, include_archived: bool = False) -> list[Contact]:
    """Contacts whose folded name equals `text` folded, else contains it."""
    key = fold(" ".join(text.split()))
    base = select(Contact)
    if not include_archived:
        base = base.where(col(Contact.archived_at).is_(None))
    exact = list(session.exec(base.where(Contact.sort_key == key).order_by(col(Contact.id))))
    if exact or not key:
        return exact
    statement = contact_search.apply_name_match(base, key, _on_postgres(session))
    # `|| ''` keeps the planner on the index lookups rather than a walk of the name index.
    return list(session.exec(statement.order_by(col(Contact.sort_key).concat("")).limit(20)))


def _on_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _filtered(  # type: ignore[no-untyped-def]
    search_text: str | None,
    include_archived: bool,
    walk: bool = False,
    archived: bool = False,
    postgres: bool = False,
):
    statement = select(Contact)
    if archived:
        statement = statement.where(col(Contact.archived_at).is_not(None))
    elif not include_archived:
        statement = statement.where(col(Contact.archived_at).is_(None))
    return contact_search.apply_filter(statement, search_text, walk, postgres)


def list_contacts(
    session: Session,
    search: str | None = None,
    sort: ContactSort = ContactSort.NAME,
    offset: int = 0,
    limit: int | None = 100,
    include_archived: bool = False,
    archived: bool = False,
) -> list[Contact]:
    """One window of contacts, filtered and sorted in SQL (never every row).

    `archived`: the archived contacts only (the Contacts screen's archived view).
    """
    statement = _window(session, search, sort, offset, limit, include_archived, archived)
    return list(session.exec(statement))


# What a row of the Contacts table shows (`page_rows`).
ROW_COLUMNS = ("id", "full_name", "company", "title", "relationship", "last_contacted_on",
               "archived_at")  # fmt: skip


def page_rows(
    session: Session,
    search: str | None,
    sort: ContactSort,
    offset: int,
    limit: int,
    archived: bool = False,
) -> list[tuple[Any, ...]]:
    """The `ROW_COLUMNS` of one window of `list_contacts`, as tuples: no ORM object per row
    (a third of a page's time for a filter typed key by key)."""
    statement = _window(session, search, sort, offset, limit, False, archived)
    columns = [getattr(Contact, name) for name in ROW_COLUMNS]
    return [tuple(row) for row in session.execute(statement.with_only_columns(*columns))]


def _window(  # type: ignore[no-untyped-def]
    session: Session,
    search: str | None,
    sort: ContactSort,
    offset: int,
    limit: int | None,
    include_archived: bool,
    archived: bool,
):
    """The select of `list_contacts`: filtered, sorted and windowed."""
    indexed = contact_search.uses_index(search)
    walk = (
        indexed
        and sort is ContactSort.NAME
        and contact_search.many_candidates(session.connection(), search)
    )
    postgres = _on_postgres(session)
    statement = _filtered(search, include_archived, walk, archived, postgres)
    if sort is ContactSort.LAST_CONTACT:
        statement = statement.order_by(
            col(Contact.last_contacted_on).desc().nulls_last(), Contact.sort_key, Contact.id
        )
    elif sort is ContactSort.COMPANY:
        stored = func.coalesce(Contact.company, "")
        # SQLite's NOCASE folds ASCII letters only; PostgreSQL has no NOCASE: lower() there.
        company: Any = func.lower(stored) if postgres else stored.collate("NOCASE")
        statement = statement.order_by(
            company == "",
            company,
            Contact.sort_key,
            Contact.id,
        )
    elif indexed and not walk:
        # A few candidates from the trigram index: sorting them is cheaper than a walk of the
        # sort_key index that would visit every row to find a rare match.
        statement = statement.order_by(col(Contact.sort_key).concat(""), col(Contact.id))
    else:
        statement = statement.order_by(col(Contact.sort_key), col(Contact.id))
    statement = statement.offset(offset)
    if limit is not None:
        statement = statement.limit(limit)
    return statement


def matching_ids(session: Session, search: str | None = None) -> list[int]:
    """The ids of every contact the filter shows (all of them, not one page)."""
    statement = _filtered(search, False, postgres=_on_postgres(session)).with_only_columns(
        Contact.id
    )
    return [int(contact_id) for contact_id in session.exec(statement)]


def contacts_by_id(session: Session, contact_ids: Sequence[int]) -> list[Contact]:
    """These contacts (in chunks: SQLite caps the parameters of one statement)."""
    found: list[Contact] = []
    for start in range(0, len(contact_ids), 500):
        chunk = list(contact_ids[start : start + 500])
        found.extend(session.exec(select(Contact).where(col(Contact.id).in_(chunk))))
    return found


def belongings(session: Session, contact_ids: Sequence[int]) -> tuple[int, int, int]:
    """How many asks, reference uses and interactions these contacts have."""
    from refterm.db.models import Interaction, ReferenceUse

    asks = uses = interactions = 0
    for start in range(0, len(contact_ids), 500):
        chunk = list(contact_ids[start : start + 500])
        ask_ids = select(Ask.id).where(col(Ask.contact_id).in_(chunk))
        asks += session.exec(select(func.count()).select_from(ask_ids.subquery())).one()
        uses += session.exec(
            select(func.count()).where(col(ReferenceUse.ask_id).in_(ask_ids))
        ).one()
        interactions += session.exec(
            select(func.count()).where(col(Interaction.contact_id).in_(chunk))
        ).one()
    return asks, uses, interactions


def count_contacts(
    session: Session,
    search: str | None = None,
    include_archived: bool = False,
    archived: bool = False,
) -> int:
    filtered = _filtered(
        search, include_archived, archived=archived, postgres=_on_postgres(session)
    )
    subquery = filtered.with_only_columns(Contact.id).subquery()
    return int(session.exec(select(func.count()).select_from(subquery)).one())


def open_ask_counts(session: Session, contact_ids: Sequence[int]) -> dict[int, int]:
    """How many open asks (planned, asked, agreed) each of these contacts has."""
    if not contact_ids:
        return {}
    statement = (
        select(col(Ask.contact_id), func.count())
        # `status || ''`: with a page of ids, SQLite otherwise walks the status index (every
        # open ask, 10-30 ms at 100,000 contacts) instead of looking each contact's asks up.
        .where(
            col(Ask.contact_id).in_(contact_ids),
            col(Ask.status).concat("").in_(OPEN_ASK_STATUSES),
        )
        .group_by(col(Ask.contact_id))
    )
    return {contact_id: int(count) for contact_id, count in session.exec(statement)}


def any_contacts(session: Session) -> bool:
    return session.exec(select(Contact.id).limit(1)).first() is not None


def active_contacts(session: Session) -> list[Contact]:
    """Every contact not archived, by name (exports)."""
    statement = (
        select(Contact)
        .where(col(Contact.archived_at).is_(None))
        .order_by(col(Contact.sort_key), col(Contact.id))
    )
    return list(session.exec(statement))


def same_person_candidates(
    session: Session, sort_key: str, email: str | None, linkedin_url: str | None
) -> list[Contact]:
    """Contacts, archived ones too, with this folded name, e-mail or LinkedIn URL."""
    conditions = [col(Contact.sort_key) == sort_key]
    if email:
        conditions.append(func.lower(col(Contact.email)) == email.lower())
    if linkedin_url:
        conditions.append(col(Contact.linkedin_url) == linkedin_url)
    statement = select(Contact).where(or_(*conditions)).order_by(col(Contact.id)).limit(20)
    return list(session.exec(statement))


def name_keys_sharing_a_word(
    session: Session, key: str, limit: int = 5000
) -> list[tuple[int, str]]:
    """(id, folded name) of contacts, archived ones too, holding one of the words of `key`
    (three letters or more), found through the search index: the candidates of a close name."""
    found: dict[int, str] = {}
    for word in sorted(set(key.split())):
        if len(word) < 3:
            continue
        columns: Any = select(Contact.id, Contact.sort_key)
        statement: Any = contact_search.apply_filter(columns, word, postgres=_on_postgres(session))
        for contact_id, sort_key in session.exec(statement.limit(limit)):
            found[int(contact_id or 0)] = str(sort_key)
    return list(found.items())
