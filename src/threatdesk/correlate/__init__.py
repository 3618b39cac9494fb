"""Correlation: assessed items into stories (near-duplicates) and cases (one target, one campaign).

``correlate(store)`` is incremental: it takes the items that have not been correlated
yet (actionable or reported threats with no ``item_stories`` row), and

1. collapses near-duplicates into stories (``neardup``), counting reposts;
2. clusters them, together with the items of open cases, by shared author, protectee,
   story, target + place within a week, or surveillance within 300 m and 72 hours
   (``cluster``); a group that touches an open case joins it (the oldest, if several),
   any other group with an actionable item opens a new case;
3. links reported threats (news about a threat) to the case of their story or protectee
   without letting them rank it: a case's risk is that of its actionable items;
4. recomputes the case-level signals (fixation, energy burst, amplification) and the
   case's risk, priority and title.

Items already correlated are never moved again: an analyst's moves, merges and splits
stand. Every case it opens or extends is recorded in the case's timeline and the audit
trail like any analyst's change, with actor ``correlate``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import Connection, and_, bindparam, delete, func, insert, select, update

from threatdesk import audit, cases
from threatdesk.correlate import behaviours as bh
from threatdesk.correlate import neardup
from threatdesk.correlate.blocking import Record, cluster, distance_m
from threatdesk.labels import ACTIONABLE, BOUNTY_TIER, Label, severity
from threatdesk.models import now_utc
from threatdesk.store import Store, as_utc, schema

ACTOR = "correlate"
CANDIDATE_LABELS = tuple(str(label) for label in ACTIONABLE) + (str(Label.REPORTED_THREAT),)
#: Gazetteer kinds too wide to name a cluster by ("Surveillance near West Loop" says little).
_AREA_KINDS = ("community_area", "neighbourhood", "neighborhood", "area")


@dataclass
class Summary:
    items: int = 0
    stories_new: int = 0
    reposts: int = 0
    cases_opened: list[int] = field(default_factory=list)
    cases_extended: list[int] = field(default_factory=list)
    linked_reports: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"items": self.items, "stories_new": self.stories_new, "reposts": self.reposts,
                "cases_opened": self.cases_opened, "cases_extended": self.cases_extended,
                "linked_reports": self.linked_reports}

    def __str__(self) -> str:
        return (f"correlated {self.items} items: {len(self.cases_opened)} cases opened, "
                f"{len(self.cases_extended)} extended, {self.reposts} reposts collapsed, "
                f"{self.linked_reports} reports linked")


#: Rows read from the database per step. Only the compact ``Record`` of each row is kept
#: (and, for fresh items, its MinHash signature): texts and signals are dropped chunk by chunk.
CHUNK = 5000


class _Interner(dict[str, str]):
    """One string object per distinct label, author, alias or place name, however many rows repeat it."""

    def __call__(self, value: str | None) -> str | None:
        return None if value is None else self.setdefault(value, value)


#: Words a solicitation's "target" can be that name nobody: pronouns and articles the intent
#: analyzer picks up ("al que le dé piso a la ..." gives "la"). Two offers whose target is
#: "la" at one place are not about one person, so such a target is no target at all.
NOT_A_TARGET = frozenset({
    "him", "her", "them", "he", "she", "they", "it", "his", "their", "someone", "somebody", "anyone", "anybody",
    "the", "a", "an", "this", "that", "these", "those", "one",
    "la", "le", "lo", "las", "los", "les", "el", "él", "ella", "ellos", "ellas", "su", "sus", "un", "una",
    "este", "esta", "ese", "esa", "aquel", "aquella", "alguien", "uno",
})


def _record(row: Any, intern: _Interner) -> Record:
    """The compact record of one (items, assessments, story, case) row: ids, keys, place, time, label."""
    item_id, author, posted_at, lat, lon, place_name, label, signals = row[:8]
    protectees: list[str] = []
    target: str | None = None
    points: list[tuple[str | None, float, float]] = []
    for sig in signals or ():
        kind, value = sig.get("kind"), sig.get("value")
        if not isinstance(value, dict):
            continue
        if kind == "protectee" and value.get("alias") and value["alias"] not in protectees:
            protectees.append(value["alias"])
        elif kind == "solicitation" and target is None and value.get("target"):
            target = value["target"]
        elif kind == "place" and value.get("lat") is not None:
            points.append((value.get("name"), value["lat"], value["lon"]))
    if lat is not None and lon is not None:
        points.insert(0, (place_name, lat, lon))
    point = points[0] if points else None
    place = next((p[0] for p in points if p[0]), place_name)
    if target is not None and " ".join(target.lower().split()) in NOT_A_TARGET:
        target = None
    if protectees:  # a protectee is the target: items naming one link through it, whatever the place
        place = None
    posted = as_utc(posted_at)
    return Record(
        item_id=item_id, label=intern(label), author=intern(author), posted=posted.timestamp() if posted else None,
        lat=point[1] if point else None, lon=point[2] if point else None,
        protectees=tuple(sorted(intern(a) for a in protectees)),  # type: ignore[misc]
        story=row[8], case_id=row[9], attach_only=label == Label.REPORTED_THREAT,
        target_place=f"{' '.join(target.lower().split())}|{place.lower()}" if target and place else None,
        own_targets=(intern(" ".join(target.lower().split())),) if target else (),  # type: ignore[arg-type]
        place_name=intern(point[0]) if point else None,
        quotes=quotations(row[10]) if label == Label.REPORTED_THREAT and len(row) > 10 else (),
    )


#: A quotation: text between straight or curly double quotes or guillemets.
_QUOTE = re.compile(r'["\u201c\u00ab]([^"\u201d\u00bb\n]{3,200})["\u201d\u00bb]')
#: Fewest words a quotation needs to link a report to a case: "5 mil" or "10 racks" is in
#: every other offer; "50 bands when it's done" names one.
QUOTE_MIN_WORDS = 4


def _words(text: str) -> list[str]:
    """Lower case, accents and punctuation gone, digits kept ("50 bands" stays "50 bands")."""
    text = text.lower()
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return re.sub(r"[^\w]+", " ", text.replace("'", "")).split()


def quotations(text: str | None) -> tuple[str, ...]:
    """The quotations of QUOTE_MIN_WORDS words or more in a text, normalised."""
    if not text:
        return ()
    found = (" ".join(_words(q)) for q in _QUOTE.findall(text))
    return tuple(dict.fromkeys(q for q in found if len(q.split()) >= QUOTE_MIN_WORDS))


def _query(where: Any, *, with_case: bool, with_text: bool = False) -> Any:
    i, a, ci, s = schema.items, schema.assessments, schema.case_items, schema.item_stories
    cols = [i.c.id, i.c.author, i.c.posted_at, i.c.lat, i.c.lon, i.c.place_name, a.c.label, a.c.signals,
            s.c.story_id, ci.c.case_id, *([i.c.text] if with_text else [])]
    query = (select(*cols).select_from(i.join(a, a.c.item_id == i.c.id).outerjoin(s, s.c.item_id == i.c.id)
                                       .outerjoin(ci, ci.c.item_id == i.c.id)).where(where))
    if with_case:
        query = query.join(schema.cases, schema.cases.c.id == ci.c.case_id)
    return query.order_by(i.c.posted_at, i.c.id)


def _stream(conn: Connection, query: Any) -> Any:
    """The query's rows, CHUNK at a time (a server-side cursor on PostgreSQL)."""
    return conn.execute(query, execution_options={"stream_results": True, "yield_per": CHUNK}).partitions()


def _load(conn: Connection, where: Any, *, with_case: bool, intern: _Interner, with_text: bool = False) -> list[Record]:
    query = _query(where, with_case=with_case, with_text=with_text)
    records = [_record(row, intern) for part in _stream(conn, query) for row in part]
    _add_protectees(conn, records, intern)
    return records


def _add_protectees(conn: Connection, records: list[Record], intern: _Interner) -> None:
    """Protectees from the registry match table as well as ``protectee`` signals, whichever exists."""
    ip = schema.item_protectees
    for start in range(0, len(records), 500):
        chunk = {r.item_id: r for r in records[start:start + 500]}
        found: dict[str, set[str]] = defaultdict(set)
        for item_id, alias in conn.execute(select(ip.c.item_id, ip.c.alias).where(ip.c.item_id.in_(list(chunk)))):
            found[item_id].add(alias)
        for item_id, aliases in found.items():
            r = chunk[item_id]
            r.protectees = tuple(sorted({*r.protectees, *(intern(a) for a in aliases)}))  # type: ignore[misc]
            r.target_place = None
    for r in records:
        if r.protectees:
            r.own_targets = r.protectees


def _fresh(conn: Connection, where: Any, intern: _Interner) -> tuple[list[Record], list[np.ndarray]]:
    """Fresh items as compact records, and their MinHash signatures (computed chunk by chunk, texts dropped)."""
    records: list[Record] = []
    sigs: list[np.ndarray] = []
    for part in _stream(conn, _query(where, with_case=False, with_text=True)):
        rows = [row for row in part if row[9] is None]
        if rows:
            records.extend(_record(row, intern) for row in rows)
            sigs.append(neardup.signatures([row[10] for row in rows]))
    _add_protectees(conn, records, intern)
    return records, sigs


def correlate(store: Store, *, since: datetime | None = None, actor: str = ACTOR, record_run: bool = False) -> Summary:
    """Correlate every assessed item not correlated yet (posted at or after ``since`` if given), in one transaction.

    Idempotent: a second run finds nothing new and changes nothing. Every case it opens
    or extends is written to the case timeline and the audit trail; ``record_run`` also
    records the run itself (who asked, what it did), as ``threatdesk cases correlate`` does.
    """
    summary = Summary()
    with store.transaction() as conn:
        _correlate(conn, summary, since=since, actor=actor)
        if record_run:
            audit.record(conn, actor=actor, action="correlate.run", object_type="correlation",
                         after={"since": since.isoformat() if since else None, **summary.to_json()})
    return summary


def _correlate(conn: Connection, summary: Summary, *, since: datetime | None, actor: str) -> None:
    i, a, s, ci, c = schema.items, schema.assessments, schema.item_stories, schema.case_items, schema.cases
    intern = _Interner()
    fresh_where = and_(a.c.label.in_(CANDIDATE_LABELS), s.c.item_id.is_(None))
    if since is not None:
        fresh_where = and_(fresh_where, i.c.posted_at >= since)
    fresh, sigs = _fresh(conn, fresh_where, intern)
    if not fresh:
        return
    summary.items = len(fresh)
    _assign_stories(conn, fresh, sigs, summary)
    del sigs
    context = _load(conn, and_(c.c.status != "closed"), with_case=True, intern=intern)
    fresh_ids = {r.item_id for r in fresh}
    unlinked_reports = [r for r in _load(conn, and_(a.c.label == str(Label.REPORTED_THREAT), s.c.item_id.is_not(None),
                                                    ci.c.case_id.is_(None)), with_case=False, intern=intern, with_text=True)
                        if r.item_id not in fresh_ids]
    del fresh_ids
    rows = context + fresh + unlinked_reports
    del context, unlinked_reports
    _inherit_targets(rows)
    roots = cluster(rows)
    groups: dict[int, list[Record]] = defaultdict(list)
    for row, root in zip(rows, roots, strict=True):
        if root >= 0:
            groups[root].append(row)
    del roots
    touched: set[int] = set()
    for members in groups.values():
        joining = [m for m in members if m.case_id is None]
        if not joining:
            continue
        existing = sorted({m.case_id for m in members if m.case_id is not None})
        summary.linked_reports += sum(not m.actionable for m in joining)
        ids = [m.item_id for m in joining]
        if existing:
            case_id = existing[0]
            _extend(conn, case_id, ids, actor=actor, related=existing[1:])
            summary.cases_extended.append(case_id)
        elif any(m.actionable for m in joining):
            case_id = cases.create(conn, title=_title(conn, joining), item_ids=ids, actor=actor,
                                   reason="correlation: " + _why(joining))
            summary.cases_opened.append(case_id)
        else:
            summary.linked_reports -= len(joining)
            continue
        for m in joining:
            m.case_id = case_id
        touched.add(case_id)
    del groups
    touched |= _link_by_quotation(conn, rows, summary, actor=actor)
    by_case: dict[int, list[Record]] = defaultdict(list)
    for r in rows:
        if r.case_id in touched:
            by_case[r.case_id].append(r)
    for case_id in sorted(touched):
        _refresh_case(conn, case_id, by_case[case_id])


def _inherit_targets(rows: list[Record]) -> None:
    """An author's untargeted items take the author's target when the author is about one target.

    That is: exactly one known target, named by at least half of the author's actionable
    items. A channel that posts about many things and names a protectee once is not
    "about" that protectee, and its other posts should not join the protectee's case.
    """
    targets: dict[str, set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    targeted: Counter[str] = Counter()
    for r in rows:
        if r.author and r.actionable:
            author = r.author.lower()
            own = r.own_targets
            targets[author].update(own)
            counts[author] += 1
            targeted[author] += bool(own)
    for r in rows:
        r.targets = r.own_targets
        if not (r.author and r.actionable) or r.own_targets:
            continue
        author = r.author.lower()
        if len(targets[author]) == 1 and targeted[author] * 2 >= counts[author]:
            r.targets = tuple(targets[author])


def _known_signatures(conn: Connection) -> tuple[list[int], list[np.ndarray]]:
    """Every stored story's signature (the first item's), read in chunks straight into uint32 arrays."""
    st = schema.stories
    ids: list[int] = []
    chunks: list[np.ndarray] = []
    for part in _stream(conn, select(st.c.id, st.c.signature).order_by(st.c.id)):
        kept = [(sid, sig) for sid, sig in part if sig]
        if kept:
            ids.extend(sid for sid, _ in kept)
            chunks.append(np.asarray([sig for _, sig in kept], dtype=np.uint32))
    return ids, chunks


def _stack(chunks: list[np.ndarray]) -> np.ndarray:
    """One array from many, freeing each chunk as it is copied (peak: the result plus one chunk)."""
    out = np.empty((sum(len(c) for c in chunks), neardup.NUM_PERM), dtype=np.uint32)
    at = 0
    chunks.reverse()
    while chunks:
        chunk = chunks.pop()
        out[at:at + len(chunk)] = chunk
        at += len(chunk)
    return out


def _assign_stories(conn: Connection, fresh: list[Record], fresh_sigs: list[np.ndarray], summary: Summary) -> None:
    """Give every fresh item a story: an existing one it nearly duplicates, or a new one."""
    st, its = schema.stories, schema.item_stories
    known_ids, known_sigs = _known_signatures(conn)
    offset = len(known_ids)
    chunks = known_sigs + fresh_sigs
    fresh_sigs.clear()  # the caller's list too: else every chunk outlives its copy, doubling the peak
    del known_sigs
    all_sigs = _stack(chunks)
    # Per-group facts as numpy arrays (8 bytes an item), not lists and dicts of Python ints.
    roots = np.asarray(neardup.group(all_sigs).group, dtype=np.int64)
    none = np.iinfo(np.int64).max
    fresh_roots = roots[offset:]
    min_known = np.full(len(roots), none, dtype=np.int64)  # per group: its oldest stored story
    if offset:
        np.minimum.at(min_known, roots[:offset], np.asarray(known_ids, dtype=np.int64))
    first_fresh = np.full(len(roots), none, dtype=np.int64)  # per group: its first fresh item
    np.minimum.at(first_fresh, fresh_roots, np.arange(len(fresh_roots), dtype=np.int64))
    fresh_count = np.bincount(fresh_roots, minlength=len(roots))
    known_story = min_known[fresh_roots]  # per fresh item: the stored story it joins, or none
    linked = known_story != none
    leader_of = first_fresh[fresh_roots]  # per fresh item: the fresh item that leads its group
    leaders = np.unique(leader_of[~linked])  # each leads a new story, in the order of the items
    summary.reposts += len(fresh_roots) - len(leaders)
    del roots, min_known, first_fresh, known_ids
    new_story = np.zeros(len(fresh), dtype=np.int64)
    for start in range(0, len(leaders), 1000):
        chunk = leaders[start:start + 1000].tolist()
        made = conn.execute(
            insert(st).returning(st.c.id, st.c.first_item_id, sort_by_parameter_order=True),
            [{"first_item_id": fresh[m].item_id, "repost_count": 0, "signature": all_sigs[offset + m].tolist()} for m in chunk],
        ).all()
        summary.stories_new += len(made)
        by_item = {item_id: story_id for story_id, item_id in made}
        new_story[chunk] = [by_item[fresh[m].item_id] for m in chunk]
    del all_sigs
    stories = np.where(linked, known_story, new_story[np.minimum(leader_of, len(fresh) - 1)])
    for r, story in zip(fresh, stories.tolist(), strict=True):
        r.story = story
    for start in range(0, len(fresh), CHUNK):
        conn.execute(insert(its), [{"item_id": r.item_id, "story_id": r.story} for r in fresh[start:start + CHUNK]])
    # only stories that can have reposts: a stored one a fresh item joined, or a new one of several items
    grown = sorted(set(known_story[linked].tolist()) | set(new_story[leaders[fresh_count[fresh_roots[leaders]] > 1]].tolist()))
    counts: list[dict[str, int]] = []
    for start in range(0, len(grown), 500):
        chunk = grown[start:start + 500]
        counts.extend({"sid": sid, "reposts": n - 1} for sid, n in conn.execute(
            select(its.c.story_id, func.count()).where(its.c.story_id.in_(chunk)).group_by(its.c.story_id)).all() if n > 1)
    if counts:
        conn.execute(update(st).where(st.c.id == bindparam("sid")).values(repost_count=bindparam("reposts")), counts)


def _link_by_quotation(conn: Connection, rows: list[Record], summary: Summary, *, actor: str) -> set[int]:
    """Reports still in no case join the one open case whose items contain what they quote.

    News about a threat quotes it ("50 bands when it's done"); when a quotation of
    QUOTE_MIN_WORDS words or more appears word for word in the actionable items of exactly
    one open case, the report joins that case as context (a report never ranks a case).
    A quotation found in two cases links to neither. The texts of open cases' items are
    read once, in chunks, and only when some report quotes something.
    """
    waiting = [r for r in rows if r.attach_only and r.case_id is None and r.quotes]
    if not waiting:
        return set()
    heads: dict[tuple[str, ...], list[str]] = defaultdict(list)  # first QUOTE_MIN_WORDS words -> quotations
    for r in waiting:
        for q in r.quotes:
            heads[tuple(q.split()[:QUOTE_MIN_WORDS])].append(q)
    found: dict[str, set[int]] = defaultdict(set)
    i, a, ci, c = schema.items, schema.assessments, schema.case_items, schema.cases
    query = (select(ci.c.case_id, i.c.text).select_from(ci.join(c, c.c.id == ci.c.case_id).join(i, i.c.id == ci.c.item_id)
                                                       .join(a, a.c.item_id == i.c.id))
             .where(c.c.status != "closed", a.c.label.in_([str(label) for label in ACTIONABLE])))
    k = QUOTE_MIN_WORDS
    for part in _stream(conn, query):
        for case_id, text in part:
            words = _words(text)
            joined = None
            for n in range(len(words) - k + 1):
                for q in heads.get(tuple(words[n:n + k]), ()):
                    joined = joined if joined is not None else " " + " ".join(words) + " "
                    if f" {q} " in joined:
                        found[q].add(case_id)
    touched: set[int] = set()
    for r in waiting:
        matched = {case_id for q in r.quotes for case_id in found.get(q, ())}
        if len(matched) != 1:
            continue
        case_id = matched.pop()
        quoted = next(q for q in r.quotes if case_id in found.get(q, ()))
        _extend(conn, case_id, [r.item_id], actor=actor, related=[], why=f"a report quotes its items: \u201c{quoted}\u201d")
        r.case_id = case_id
        summary.linked_reports += 1
        touched.add(case_id)
    return touched


def _extend(conn: Connection, case_id: int, item_ids: list[str], *, actor: str, related: list[int], why: str | None = None) -> None:
    at = now_utc()
    conn.execute(insert(schema.case_items), [{"case_id": case_id, "item_id": item_id, "added_at": at} for item_id in item_ids])
    detail: dict[str, Any] = {"items": sorted(item_ids), "related": related}
    if why:
        detail["why"] = why
    cases.record_change(conn, case_id, actor, "correlate", detail)


def _why(members: list[Record]) -> str:
    reasons = []
    authors = {m.author for m in members if m.author and m.actionable}
    if len(members) == 1:
        return "one actionable item, nothing shared yet"
    if any(m.protectees for m in members):
        reasons.append("shared protectee")
    if len({m.story for m in members if m.story is not None}) < sum(m.story is not None for m in members):
        reasons.append("near-duplicate story")
    if len(authors) < sum(1 for m in members if m.author and m.actionable):
        reasons.append("shared author")
    if sum(m.label == Label.SURVEILLANCE_REPORT and m.lat is not None for m in members) > 1:
        reasons.append("surveillance within 300 m and 72 h")
    return ", ".join(reasons) or "shared target and place"


_PHRASE = {
    Label.SOLICIT_KILL: "Bounty to kill", Label.SOLICIT_HARM: "Bounty for harm", Label.SOLICIT_INTEL: "Paid request for information",
    Label.DIRECT_THREAT: "Threat", Label.INCITEMENT: "Incitement", Label.DOXXING: "Doxxing",
    Label.SURVEILLANCE_REPORT: "Surveillance report", Label.REPORTED_THREAT: "Reported threat",
}
_AUTHOR_NOUN = {
    Label.SOLICIT_KILL: "bounty offers", Label.SOLICIT_HARM: "bounty offers", Label.SOLICIT_INTEL: "paid requests",
    Label.DIRECT_THREAT: "threats", Label.INCITEMENT: "incitement", Label.DOXXING: "doxxing",
    Label.SURVEILLANCE_REPORT: "surveillance reports",
}
_COUNT = re.compile(r" \(\d+ items?\)$")


def _count(n: int) -> str:
    return f"({n} item{'s' if n != 1 else ''})"


def _title(conn: Connection, members: list[Record]) -> str:
    """A readable title from what the items share, most telling first."""
    n = len(members)
    actionable = [m for m in members if m.actionable] or members
    worst = min((Label(m.label) for m in actionable), key=severity)
    protectees = Counter(p for m in actionable for p in m.protectees)
    if protectees:
        alias = protectees.most_common(1)[0][0]
        bounty = any(Label(m.label) in BOUNTY_TIER for m in actionable)
        verb = "Bounty on" if bounty else ("Doxxing of" if worst == Label.DOXXING else "Threats against")
        return f"{verb} {alias} {_count(n)}"
    spatial = [m for m in actionable if m.label == Label.SURVEILLANCE_REPORT and m.lat is not None]
    if len(spatial) >= 2 and len(spatial) * 2 >= len(actionable):
        return f"Surveillance near {_place_name(conn, spatial)} {_count(n)}"
    authors = Counter(m.author for m in actionable if m.author)
    if authors:
        author, count = authors.most_common(1)[0]
        if count >= 2 and count * 2 >= len(actionable):
            return f"{author}: {_AUTHOR_NOUN.get(worst, 'messages')} {_count(n)}"
    first = next(m for m in actionable if m.label == worst)
    text = conn.execute(select(schema.items.c.text).where(schema.items.c.id == first.item_id)).scalar_one()
    snippet = " ".join(text.split())
    snippet = snippet if len(snippet) <= 60 else snippet[:57].rstrip() + "..."
    reposted = " (reposted)" if max(Counter(m.story for m in actionable if m.story is not None).values(), default=0) > 1 else ""
    return f"{_PHRASE.get(worst, 'Items')}{reposted}: \u201c{snippet}\u201d {_count(n)}"


def _place_name(conn: Connection, members: list[Record]) -> str:
    """The gazetteer's nearest named place (not a whole area) within 500 m of the centroid, else the commonest name."""
    points = [(m.place_name, m.lat, m.lon) for m in members]
    lat = sum(p[1] for p in points) / len(points)
    lon = sum(p[2] for p in points) / len(points)
    pl = schema.places
    box = 0.01
    near = conn.execute(select(pl.c.name, pl.c.kind, pl.c.lat, pl.c.lon).where(
        pl.c.lat.between(lat - box, lat + box), pl.c.lon.between(lon - box, lon + box))).all()
    best = min(((distance_m(lat, lon, r[2], r[3]), r[0]) for r in near if r[1] not in _AREA_KINDS), default=None)
    if best and best[0] <= 500:
        return str(best[1])
    names = Counter(p[0] for p in points if p[0])
    return names.most_common(1)[0][0] if names else f"{lat:.3f}, {lon:.3f}"


def _refresh_case(conn: Connection, case_id: int, members: list[Record]) -> None:
    """Recompute the case's own signals, then its risk, priority and title."""
    cs = schema.case_signals
    case = cases.get(conn, case_id)
    ci = schema.case_items
    all_ids = set(conn.execute(select(ci.c.item_id).where(ci.c.case_id == case_id)).scalars())
    rows = [m for m in members if m.item_id in all_ids]
    messages = [bh.Message(m.item_id, m.author, m.posted_at, m.targets) for m in rows if m.actionable]
    findings = bh.behaviours(messages)
    story_sizes = Counter(m.story for m in rows if m.story is not None)
    if (amp := bh.amplification(dict(story_sizes))) is not None:
        findings.append(amp)
    conn.execute(delete(cs).where(cs.c.case_id == case_id, cs.c.analyzer == bh.ANALYZER))
    if findings:
        at = now_utc()
        weighed: set[str] = set()
        values = []
        for f in findings:
            what = f.signal.value.get("behaviour", f.signal.kind)
            values.append({"case_id": case_id, "analyzer": f.signal.analyzer, "kind": f.signal.kind, "value": f.signal.value,
                           "reason": f.signal.reason, "weight": 0 if what in weighed else f.weight,
                           "item_ids": list(f.item_ids), "computed_at": at})
            weighed.add(what)
        conn.execute(insert(cs), values)
    cases.refresh(conn, case_id)
    if _COUNT.search(case.title):
        title = _title(conn, rows) if case.title.split(" ")[0] not in ("Split", "Merged") else _COUNT.sub(" " + _count(len(all_ids)), case.title)
        if title != case.title:
            conn.execute(update(schema.cases).where(schema.cases.c.id == case_id).values(title=title[:512]))
