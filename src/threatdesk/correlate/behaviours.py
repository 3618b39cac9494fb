"""Warning behaviours that only show across items, and the amplification of reposts.

Two of TRAP-18's proximal behaviours need more than one message, so no single-item
analyzer can see them; correlation computes them per case, per author:

- **fixation**: the same author returns to the same target over time: at least
  ``FIXATION_MIN_MESSAGES`` target-related messages on at least as many distinct days,
  spanning at least ``FIXATION_MIN_SPAN``.
- **energy burst**: the author's rate of target-related messages rises. With ``t`` the
  author's latest such message, ``recent`` counts messages in (t - 7 days, t] and
  ``previous`` those in (t - 28 days, t - 7 days]. A burst is ``recent >= 3``,
  ``previous >= 1`` (a rise from an existing baseline, not a first appearance) and a
  recent daily rate at least twice the previous one: ``recent / 7 >= 2 * previous / 21``.

"Target" is a protectee the item names (registry match) or the target a solicitation
names; an item with neither counts for no target, because an author who threatens many
different people is prolific, not fixated.
Each behaviour is a ``behaviour`` signal (docs/contract.md shape) with its evidence.
Only behaviour counts and times are used: never who the author is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from threatdesk.models import Signal
from threatdesk.risk import WEIGHTS, amplification_reason

ANALYZER = "correlate.v1"

FIXATION_MIN_MESSAGES = 3
FIXATION_MIN_SPAN = timedelta(days=7)
BURST_RECENT = timedelta(days=7)
BURST_PREVIOUS = timedelta(days=21)
BURST_MIN_RECENT = 3
BURST_RATE_FACTOR = 2.0

#: Case-level risk weights. ``amplification`` moves here from risk.py's issue if that
#: lands with its own ``amplification_reason``; until then these are the one place.
#: The weights live with every other weight, in risk.py (docs/risk.md).
CASE_WEIGHTS: dict[str, int] = {name: WEIGHTS[name] for name in ("fixation", "energy_burst")}


def amplification_weight(repost_count: int) -> int:
    """Spread widens who may act on an offer: risk.py's repost tiers."""
    reason = amplification_reason(repost_count)
    return reason.weight if reason else 0


@dataclass(slots=True, frozen=True)
class Message:
    item_id: str
    author: str | None
    posted_at: datetime | None
    targets: tuple[str, ...]


@dataclass(slots=True, frozen=True)
class Finding:
    """A case-level signal and the items that show it."""

    signal: Signal
    weight: int
    item_ids: tuple[str, ...]


def _day(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%d %b")


def behaviours(messages: Sequence[Message]) -> list[Finding]:
    """Fixation and energy burst for every (author, target) among a case's messages."""
    series: dict[tuple[str, str], list[Message]] = defaultdict(list)
    for m in messages:
        if not m.author or m.posted_at is None:
            continue
        for target in m.targets:
            series[(m.author, target)].append(m)
    found: list[Finding] = []
    for (author, target), msgs in sorted(series.items()):
        msgs.sort(key=lambda m: m.posted_at)  # type: ignore[arg-type, return-value]
        times: list[datetime] = [m.posted_at for m in msgs]  # type: ignore[misc]
        ids = tuple(m.item_id for m in msgs)
        days = {t.date() for t in times}
        if len(msgs) >= FIXATION_MIN_MESSAGES and len(days) >= FIXATION_MIN_MESSAGES and times[-1] - times[0] >= FIXATION_MIN_SPAN:
            evidence = f"{author} wrote about {target} {len(msgs)} times on {len(days)} days, {_day(times[0])} to {_day(times[-1])}"
            found.append(_finding("fixation", evidence, ids, author, target))
        last = times[-1]
        recent = [t for t in times if t > last - BURST_RECENT]
        previous = [t for t in times if last - BURST_RECENT - BURST_PREVIOUS < t <= last - BURST_RECENT]
        rate_recent = len(recent) / BURST_RECENT.days
        rate_previous = len(previous) / BURST_PREVIOUS.days
        if len(recent) >= BURST_MIN_RECENT and previous and rate_recent >= BURST_RATE_FACTOR * rate_previous:
            gaps = [(b - a).total_seconds() / 86400 for a, b in zip(times, times[1:], strict=False)]
            shrinking = ", ".join(f"{g:.0f}" if g >= 1 else f"{g:.1f}" for g in gaps[-6:])
            evidence = (f"{author}: {len(recent)} messages about {target} in the 7 days to {_day(last)} against "
                        f"{len(previous)} in the 21 days before; days between the last messages: {shrinking}")
            found.append(_finding("energy_burst", evidence, ids, author, target))
    return found


def _finding(behaviour: str, evidence: str, ids: tuple[str, ...], author: str, target: str) -> Finding:
    label = behaviour.replace("_", " ")
    signal = Signal(
        analyzer=ANALYZER, kind="behaviour", value={"behaviour": behaviour, "evidence": evidence},
        reason=f"{label}: {evidence}",
    )
    return Finding(signal, CASE_WEIGHTS[behaviour], ids)


def amplification(story_sizes: dict[int, int]) -> Finding | None:
    """One amplification finding for a case whose near-duplicate stories were reposted."""
    reposts = sum(size - 1 for size in story_sizes.values() if size > 1)
    if not reposts:
        return None
    stories = sum(1 for size in story_sizes.values() if size > 1)
    text = f"reposted {reposts} time{'s' if reposts != 1 else ''}" + (f" across {stories} stories" if stories > 1 else "")
    signal = Signal(analyzer=ANALYZER, kind="amplification", value={"repost_count": reposts, "stories": stories}, reason=text)
    return Finding(signal, amplification_weight(reposts), ())
