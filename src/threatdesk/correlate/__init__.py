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
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import Connection, and_, bindparam, delete, func, insert, select, update

from threatdesk import cases
from threatdesk.correlate import behaviours as bh
from threatdesk.correlate import neardup
from threatdesk.correlate.cluster import Record, cluster, distance_m
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

    def __str__(self) -> str:
        return (f"correlated {self.items} items: {len(self.cases_opened)} cases opened, "
                f"{len(self.cases_extended)} extended, {self.reposts} reposts collapsed, "
                f"{self.linked_reports} reports linked")


@dataclass(slots=True)
class _Row:
    item_id: str
    text: str
    author: str | None
    posted_at: datetime | None
    lat: float | None
    lon: float | None
    place_name: str | None
    label: str
    risk: int
    signals: list[dict[str, Any]]
    protectees: set[str] = field(default_factory=set)
    story: int | None = None
    case_id: int | None = None
    inherited: tuple[str, ...] = ()

    @property
    def actionable(self) -> bool:
        return self.label != Label.REPORTED_THREAT

    def place_points(self) -> list[tuple[str | None, float, float]]:
        points = [(s["value"].get("name"), s["value"]["lat"], s["value"]["lon"]) for s in self.signals
                  if s["kind"] == "place" and isinstance(s.get("value"), dict) and s["value"].get("lat") is not None]
        if self.lat is not None and self.lon is not None:
            points.insert(0, (self.place_name, self.lat, self.lon))
        return points

    def solicitation_target(self) -> str | None:
        return next((s["value"]["target"] for s in self.signals
                     if s["kind"] == "solicitation" and isinstance(s.get("value"), dict) and s["value"].get("target")), None)

    def own_targets(self) -> tuple[str, ...]:
        """Who the item is about: protectees it names, else the target its solicitation names."""
        if self.protectees:
            return tuple(sorted(self.protectees))
        target = self.solicitation_target()
        return (" ".join(target.lower().split()),) if target else ()

    def targets(self) -> tuple[str, ...]:
        return self.own_targets() or self.inherited

    def record(self) -> Record:
        point = next(iter(self.place_points()), None)
        target = self.solicitation_target()
        place = next((p[0] for p in self.place_points() if p[0]), self.place_name)
        return Record(
            item_id=self.item_id, label=self.label, author=self.author if self.actionable else None,
            posted=self.posted_at.timestamp() if self.posted_at else None,
            lat=point[1] if point else None, lon=point[2] if point else None,
            protectees=tuple(sorted(self.protectees)), targets=self.targets(), story=self.story,
            target_place=f"{target.lower()}|{place.lower()}" if target and place else None,
            case_id=self.case_id, attach_only=not self.actionable,
        )


def _load(conn: Connection, where: Any, *, with_case: bool) -> list[_Row]:
    i, a, ci, s = schema.items, schema.assessments, schema.case_items, schema.item_stories
    cols = [i.c.id, i.c.text, i.c.author, i.c.posted_at, i.c.lat, i.c.lon, i.c.place_name,
            a.c.label, a.c.risk, a.c.signals, s.c.story_id, ci.c.case_id]
    query = (select(*cols).select_from(i.join(a, a.c.item_id == i.c.id).outerjoin(s, s.c.item_id == i.c.id)
                                       .outerjoin(ci, ci.c.item_id == i.c.id)).where(where))
    if with_case:
        query = query.join(schema.cases, schema.cases.c.id == ci.c.case_id)
    rows = [_Row(r[0], r[1], r[2], as_utc(r[3]), r[4], r[5], r[6], r[7], r[8], r[9] or [], story=r[10], case_id=r[11])
            for r in conn.execute(query.order_by(i.c.posted_at, i.c.id))]
    _add_protectees(conn, rows)
    return rows


def _add_protectees(conn: Connection, rows: list[_Row]) -> None:
    """Protectees from the registry match table and from ``protectee`` signals, whichever exists."""
    by_id = {r.item_id: r for r in rows}
    ip = schema.item_protectees
    ids = list(by_id)
    for start in range(0, len(ids), 500):
        for item_id, alias in conn.execute(select(ip.c.item_id, ip.c.alias).where(ip.c.item_id.in_(ids[start:start + 500]))):
            by_id[item_id].protectees.add(alias)
    for r in rows:
        for sig in r.signals:
            if sig["kind"] == "protectee" and isinstance(sig.get("value"), dict) and sig["value"].get("alias"):
                r.protectees.add(sig["value"]["alias"])


def correlate(store: Store, *, since: datetime | None = None, actor: str = ACTOR) -> Summary:
    """Correlate every assessed item not correlated yet (posted at or after ``since`` if given), in one transaction."""
    i, a, s, ci, c = schema.items, schema.assessments, schema.item_stories, schema.case_items, schema.cases
    summary = Summary()
    with store.transaction() as conn:
        fresh_where = and_(a.c.label.in_(CANDIDATE_LABELS), s.c.item_id.is_(None))
        if since is not None:
            fresh_where = and_(fresh_where, i.c.posted_at >= since)
        fresh = [r for r in _load(conn, fresh_where, with_case=False) if r.case_id is None]
        if not fresh:
            return summary
        summary.items = len(fresh)
        _assign_stories(conn, fresh, summary)
        context = _load(conn, and_(c.c.status != "closed"), with_case=True)
        fresh_ids = {r.item_id for r in fresh}
        unlinked_reports = [r for r in _load(conn, and_(a.c.label == str(Label.REPORTED_THREAT), s.c.item_id.is_not(None),
                                                        ci.c.case_id.is_(None)), with_case=False)
                            if r.item_id not in fresh_ids]
        rows = context + fresh + unlinked_reports
        _inherit_targets(rows)
        roots = cluster([r.record() for r in rows])
        groups: dict[int, list[_Row]] = defaultdict(list)
        for row, root in zip(rows, roots, strict=True):
            if root >= 0:
                groups[root].append(row)
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
        by_case: dict[int, list[_Row]] = defaultdict(list)
        for r in rows:
            if r.case_id in touched:
                by_case[r.case_id].append(r)
        for case_id in sorted(touched):
            _refresh_case(conn, case_id, by_case[case_id])
    return summary


def _inherit_targets(rows: list[_Row]) -> None:
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
            own = r.own_targets()
            targets[author].update(own)
            counts[author] += 1
            targeted[author] += bool(own)
    for r in rows:
        if not (r.author and r.actionable) or r.own_targets():
            continue
        author = r.author.lower()
        if len(targets[author]) == 1 and targeted[author] * 2 >= counts[author]:
            r.inherited = tuple(targets[author])


def _assign_stories(conn: Connection, fresh: list[_Row], summary: Summary) -> None:
    """Give every fresh item a story: an existing one it nearly duplicates, or a new one."""
    st, its = schema.stories, schema.item_stories
    existing = conn.execute(select(st.c.id, st.c.signature)).all()
    known_ids = [sid for sid, sig in existing if sig]
    known_sigs = [np.asarray(sig, dtype=np.uint32) for sid, sig in existing if sig]
    sigs = neardup.signatures([r.text for r in fresh])
    all_sigs = np.vstack([*known_sigs, sigs]) if known_sigs else sigs
    grouping = neardup.group(all_sigs)
    offset = len(known_ids)
    by_root: dict[int, list[int]] = defaultdict(list)
    for idx, root in enumerate(grouping.group):
        by_root[root].append(idx)
    links: list[tuple[int, int]] = []  # (fresh index, existing story id, or -1 - the fresh index leading a new story)
    leaders: list[int] = []
    for members in by_root.values():
        known = [known_ids[m] for m in members if m < offset]
        new = [m - offset for m in members if m >= offset]
        if not new:
            continue
        summary.reposts += len(new) - (0 if known else 1)
        if known:
            links.extend((m, min(known)) for m in new)
        else:
            leaders.append(new[0])
            links.extend((m, -1 - new[0]) for m in new)
    story_of: dict[int, int] = {}
    if leaders:
        made = conn.execute(
            insert(st).returning(st.c.id, st.c.first_item_id, sort_by_parameter_order=True),
            [{"first_item_id": fresh[m].item_id, "repost_count": 0, "signature": sigs[m].tolist()} for m in leaders],
        ).all()
        summary.stories_new += len(made)
        by_item = {item_id: story_id for story_id, item_id in made}
        story_of = {m: by_item[fresh[m].item_id] for m in leaders}
    for m, story_id in links:
        fresh[m].story = int(story_id if story_id >= 0 else story_of[-1 - story_id])
    conn.execute(insert(its), [{"item_id": r.item_id, "story_id": r.story} for r in fresh])
    grown = sorted({r.story for r in fresh if r.story is not None})
    counts: list[dict[str, int]] = []
    for start in range(0, len(grown), 500):
        chunk = grown[start:start + 500]
        counts.extend({"sid": sid, "reposts": n - 1} for sid, n in conn.execute(
            select(its.c.story_id, func.count()).where(its.c.story_id.in_(chunk)).group_by(its.c.story_id)).all() if n > 1)
    if counts:
        conn.execute(update(st).where(st.c.id == bindparam("sid")).values(repost_count=bindparam("reposts")), counts)


def _extend(conn: Connection, case_id: int, item_ids: list[str], *, actor: str, related: list[int]) -> None:
    at = now_utc()
    conn.execute(insert(schema.case_items), [{"case_id": case_id, "item_id": item_id, "added_at": at} for item_id in item_ids])
    cases.record_change(conn, case_id, actor, "correlate", {"items": sorted(item_ids), "related": related})


def _why(members: list[_Row]) -> str:
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
    if sum(m.label == Label.SURVEILLANCE_REPORT and bool(m.place_points()) for m in members) > 1:
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


def _title(conn: Connection, members: list[_Row]) -> str:
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
    spatial = [m for m in actionable if m.label == Label.SURVEILLANCE_REPORT and m.place_points()]
    if len(spatial) >= 2 and len(spatial) * 2 >= len(actionable):
        return f"Surveillance near {_place_name(conn, spatial)} {_count(n)}"
    authors = Counter(m.author for m in actionable if m.author)
    if authors:
        author, count = authors.most_common(1)[0]
        if count >= 2 and count * 2 >= len(actionable):
            return f"{author}: {_AUTHOR_NOUN.get(worst, 'messages')} {_count(n)}"
    first = next(m for m in actionable if m.label == worst)
    snippet = " ".join(first.text.split())
    snippet = snippet if len(snippet) <= 60 else snippet[:57].rstrip() + "..."
    reposted = " (reposted)" if max(Counter(m.story for m in actionable if m.story is not None).values(), default=0) > 1 else ""
    return f"{_PHRASE.get(worst, 'Items')}{reposted}: \u201c{snippet}\u201d {_count(n)}"


def _place_name(conn: Connection, members: list[_Row]) -> str:
    """The gazetteer's nearest named place (not a whole area) within 500 m of the centroid, else the commonest name."""
    points = [m.place_points()[0] for m in members]
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


def _refresh_case(conn: Connection, case_id: int, members: list[_Row]) -> None:
    """Recompute the case's own signals, then its risk, priority and title."""
    cs = schema.case_signals
    case = cases.get(conn, case_id)
    ci = schema.case_items
    all_ids = set(conn.execute(select(ci.c.item_id).where(ci.c.case_id == case_id)).scalars())
    rows = [m for m in members if m.item_id in all_ids]
    messages = [bh.Message(m.item_id, m.author, m.posted_at, m.targets()) for m in rows if m.actionable]
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
