"""Cue lexicons for the intent engine, English and Spanish (with Spanglish and street slang).

Each cue class is one compiled pattern, written from linguistic knowledge of how the
behaviours are expressed (TAXONOMY.md's slang list, the grammar of offers and rewards,
attribution in news and court prose, the forms of protest and official speech), not from
the phrasing of any training file. The classes are data: the feature extractor counts
them, the solicitation reader takes spans from them, and ``explain`` shows the spans.

Patterns are matched on the text lower-cased; ``\\b`` boundaries keep "kill" out of "skill".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as _c
from re import _parser

_W = r"[^\W\d_]+"  # one word, any script letters
_PRON_EN = r"(?:him|her|them|that \w+|this \w+|the \w+|his \w+|her \w+|ese \w+|el \w+|la \w+|[A-Z]\w+)"


class CueClass:
    """One cue class: its alternatives, bounded by word edges, matched on lower-cased text.

    A plain alternation regex tries every alternative at every character; with a few
    hundred alternatives that costs milliseconds per message. ``CueSet`` instead tries an
    alternative only at word starts whose first two letters it can begin with.
    """

    __slots__ = ("name", "keyed", "fallback")

    def __init__(self, parts: tuple[str, ...]) -> None:
        self.name = ""
        self.keyed: list[tuple[str, re.Pattern[str]]] = []
        loose: list[tuple[bool, str]] = []  # (starts at a word start, pattern)
        for part in parts:
            if part.startswith("\\b(?:") and part.endswith(")\\b"):
                for alt in _expand(_split_top(part[5:-3])):
                    prefix = _literal_prefix(alt)
                    if prefix:
                        self.keyed.append((prefix[:2], re.compile(f"(?:{alt})(?![^\\W_])")))
                    else:
                        loose.append((True, f"(?:{alt})(?![^\\W_])"))
            else:
                loose.append((False, part))
        self.fallback = re.compile(_join_loose(loose)) if loose else None


def _join_loose(loose: list[tuple[bool, str]]) -> str:
    """One alternation of the loose patterns, in their order; a run of them that start at a
    word start shares one test for it, ``(?<![^\\W_])(?:a|b)``, which matches exactly what
    ``(?<![^\\W_])(?:a)|(?<![^\\W_])(?:b)`` matches but is not retried by every alternative
    at every character of the scan (a third of the whole scan's cost)."""
    out: list[str] = []
    run: list[str] = []
    for at_word, pattern in loose:
        if at_word:
            run.append(f"(?:{pattern})")
            continue
        if run:
            out.append(f"(?<![^\\W_])(?:{'|'.join(run)})")
            run = []
        out.append(f"(?:{pattern})")
    if run:
        out.append(f"(?<![^\\W_])(?:{'|'.join(run)})")
    return "|".join(out)


class CueSet:
    """Every cue class behind one dispatch table keyed by a word's first two letters.

    About one word start in five begins any cue, and a cue is found at a start for about one
    pattern in a hundred tried there; a Python-level ``match`` per pattern and start was most
    of the cost. So each key's patterns (its own, then its first letter's, in that order) sit
    in a tree of alternations over runs of consecutive patterns: an alternation matches at a
    position exactly when one of its patterns does, so a start where nothing matches costs one
    ``match``, and a start with a cue descends only into the runs that hold one. The patterns
    are still tried one by one, in the original order, where it matters, so every span, and
    the order names first appear in, is what trying them all gives.

    The classes' loose patterns (no literal start to key on) are scanned over the whole text,
    but only when the text holds one of the literal strings some alternative cannot match
    without (``_required``); most texts hold none, and the scan is skipped.
    """

    def __init__(self, classes: dict[str, CueClass]) -> None:
        self.names = tuple(classes)
        self.table: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        self.fallbacks = [(name, c.fallback) for name, c in classes.items() if c.fallback is not None]
        for name, cue in classes.items():
            for key, pat in cue.keyed:
                self.table.setdefault(key, []).append((name, pat))
        # A 2-letter key's tree also holds its first letter's patterns (after its own), so one
        # look-up serves a word start; a lone letter (a word at the very end) has its own.
        self._dispatch: dict[str, _Run] = {
            key: _Run([*pats, *(self.table.get(key[0], ()) if len(key) == 2 else ())])
            for key, pats in self.table.items()
        }
        self._loose = [(name, pat, _needles(pat)) for name, pat in self.fallbacks]

    def find(self, low: str) -> dict[str, list[tuple[int, int, str]]]:
        best: dict[tuple[str, int], int] = {}
        get = self._dispatch.get
        for m in _WORD_START.finditer(low):
            pos = m.start()
            run = get(low[pos : pos + 2]) or get(low[pos])
            if run is not None and run.any.match(low, pos):
                run.collect(low, pos, best)
        for name, pat, needles in self._loose:
            if needles is not None and not any(n in low for n in needles):
                continue
            for hit in pat.finditer(low):
                if hit.end() > best.get((name, hit.start()), hit.start()):
                    best[(name, hit.start())] = hit.end()
        return longest_spans(best, low)


def longest_spans(best: dict[tuple[str, int], int], low: str) -> dict[str, list[tuple[int, int, str]]]:
    """Each class's spans from its longest match at each start, left to right, an overlapping
    later start dropped: what ``find`` returns, whatever way the matches were found."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for (name, pos), end in sorted(best.items(), key=lambda kv: kv[0][1]):
        spans = out.setdefault(name, [])
        if spans and pos < spans[-1][1]:
            continue
        spans.append((pos, end, low[pos:end]))
    return out


class _Run:
    """Consecutive dispatch entries: ``any`` is their alternation; ``parts`` are the entries
    themselves (``LEAF`` of them or fewer) or up to ``FANOUT`` smaller runs, a run of one
    entry being the entry."""

    FANOUT = 16  # measured from 2 to 16: the same cost a message; wider trees compile faster
    LEAF = 16
    __slots__ = ("any", "parts")

    def __init__(self, entries: list[tuple[str, re.Pattern[str]]]) -> None:
        self.any = re.compile("|".join(f"(?:{p.pattern})" for _, p in entries))
        if len(entries) <= self.LEAF:
            self.parts: tuple[tuple[str, re.Pattern[str]] | _Run, ...] = tuple(entries)
        else:
            size = -(-len(entries) // self.FANOUT)
            chunks = [entries[i : i + size] for i in range(0, len(entries), size)]
            self.parts = tuple(chunk[0] if len(chunk) == 1 else _Run(chunk) for chunk in chunks)

    def collect(self, low: str, pos: int, best: dict[tuple[str, int], int]) -> None:
        """Record every entry's match at ``pos``, where this run's ``any`` has matched."""
        for part in self.parts:
            if type(part) is tuple:
                name, pat = part
                hit = pat.match(low, pos)
                if hit and hit.end() > best.get((name, pos), pos):
                    best[(name, pos)] = hit.end()
            elif part.any.match(low, pos):
                part.collect(low, pos, best)


def _needles(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Literal strings at least one of which every match of ``pattern`` contains, when there
    are few enough of them, and long or rare enough, for testing them to be worth it."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        found = _required(_parser.parse(pattern.pattern, pattern.flags))
    except (re.error, TypeError, ValueError):
        return None
    if not found or len(found) > _NEEDLES_MAX or any(len(n) < 2 and n.isascii() for n in found):
        return None
    return tuple(sorted(found))


def _required(seq) -> frozenset[str] | None:  # type: ignore[no-untyped-def]
    """The best set of literals one of which must occur in any match of the parsed ``seq``
    (a run of consecutive literal characters, or a group or repeat that needs one), or None.
    Anything this walk does not know (classes, assertions, case folding) requires nothing."""
    choices: list[frozenset[str]] = []
    run = ""
    for op, av in seq:
        if op is _c.LITERAL:
            run += chr(av)
            continue
        if run:
            choices.append(frozenset((run,)))
            run = ""
        need: frozenset[str] | None = None
        if op is _c.SUBPATTERN and not av[1] & re.IGNORECASE:
            need = _required(av[3])
        elif op is _c.ATOMIC_GROUP:
            need = _required(av)
        elif op is _c.BRANCH:
            sets = [_required(branch) for branch in av[1]]
            if all(s is not None for s in sets):
                need = frozenset().union(*sets)  # type: ignore[arg-type]
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            need = _required(av[2])
        if need:
            choices.append(need)
    if run:
        choices.append(frozenset((run,)))
    return max(choices, key=lambda s: (min(map(len, s)), -len(s)), default=None)


#: How many literals a loose pattern may need for testing them first to pay.
_NEEDLES_MAX = 24
_WORD_START = re.compile(r"(?<![^\W_])[^\W_]")


def _structure(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """Each character of a regex that is neither escaped nor inside a ``[...]`` class, with
    the group depth after it: the one walk that splitting and paren matching share."""
    depth, i, in_class = 0, start, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        else:
            depth += (ch == "(") - (ch == ")")
            yield i, ch, depth
        i += 1


def _split_top(pattern: str) -> list[str]:
    """Split a regex at its top-level ``|``."""
    parts, start = [], 0
    for i, ch, depth in _structure(pattern):
        if ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts


def _expand(alts: list[str], depth: int = 0) -> list[str]:
    """Distribute a leading group over the rest ("(?:his|her) head" -> "his head", "her head"),
    so that more alternatives get a literal prefix to be dispatched on."""
    out: list[str] = []
    for alt in alts:
        if depth < 3 and alt.startswith("(?:"):
            close = _matching_paren(alt, 0)
            after = alt[close + 1 : close + 2]
            if close > 0 and after not in ("?", "*", "+", "{"):
                inner = _split_top(alt[3:close])
                out.extend(_expand([i + alt[close + 1 :] for i in inner], depth + 1))
                continue
        out.append(alt)
    return out


def _matching_paren(pattern: str, start: int) -> int:
    for i, ch, depth in _structure(pattern, start):
        if ch == ")" and depth == 0:
            return i
    return -1


def _literal_prefix(alt: str) -> str:
    prefix = ""
    for i, ch in enumerate(alt):
        if not (ch.isalpha() or ch in " '-"):
            break
        if i + 1 < len(alt) and alt[i + 1] in "?*{":
            break
        prefix += ch
    return prefix.lower()


def _rx(*parts: str) -> CueClass:
    return CueClass(parts)




#: Killing, in plain words and slang of both languages (TAXONOMY "Spanish and Spanglish").
KILL = _rx(
    r"\b(?:kill(?:s|ed|ing)?|murder(?:s|ed|ing)?|assassinat\w*|execut(?:e|ed|ion)|whack(?:ed)?|merk(?:ed)?|"
    r"body bag|bodybag|in (?:a|his|her|their|the) (?:box|casket|coffin|grave)|six feet (?:under|deep)|put (?:\w+ )?in the ground|"
    r"put (?:\w+ )?(?:down|to sleep|on a shirt)|put wings on|wings on|green ?light(?:ed)?|"
    r"take (?:\w+ )?out(?! (?:the |a |my |his |her |our |some )?(?:trash|garbage|recycling|bins?|dog|food|loan|ad|ads|insurance|money|cash|lunch|dinner|pizza|order|mortgage|time)\b| (?:to|for) (?:dinner|lunch|eat|a movie|the movies|drinks?|coffee|a date|breakfast|brunch))|took (?:\w+ )?out(?! (?:the |a |my |his |her |our |some )?(?:trash|garbage|recycling|bins?|dog|food|loan|ad|ads|insurance|money|cash|lunch|dinner|pizza|order|mortgage|time)\b| (?:to|for) (?:dinner|lunch|eat|a movie|the movies|drinks?|coffee|a date|breakfast|brunch))|taken out|smoke (?:him|her|them|that|the|this|ese|el|la|\w+ (?:cop|agent|fed|judge|snitch))|"
    r"(?:his|her|their|the \w+'?s) head|on (?:his|her|their) head|headshot|smok(?:es|ed|ing)|"
    r"body (?:him|her|them)|bod(?:y|ied) (?:that|the|this) \w+|ice (?:him|her|them)|drop (?:him|her|them)(?! off| at| to| in| by| near| home| a line| a message)(?!(?: [\w'’]+){0,3} (?:instagram|insta|ig|account|page|profile|handle|addy|address|number|info|pics?|location|link|socials)\b)|"
    r"waste (?:him|her|them)|unalive\w*|flatline\w*|rest in (?:peace|pieces)|make (?:him|her|them) a memory|"
    r"bury (?:him|her|them)|buried|(?:one|a) bullet|bullets? in|lay (?:him|her|them) down|"
    r"(?:him|her|them) gone|gone for good|permanent(?:ly)? (?:gone|quiet)|"
    r"dead(?:\s+or\s+alive)?|permanently|end (?:him|her|them|his life|her life)|"
    r"shoot(?:s|ing)?|shot(?<!in the shot)|gun (?:him|her|them) down|the head of|ends? (?:officer|agent|deputy|judge|the \w+|him|her)|"
    r"(?:home )?in a bag|puts? (?:\w+ ){0,2}to sleep(?: forever)?|get(?:s|ting)? rid of|for good|delet(?:e|es) (?:the|him|her)|"
    r"does (?:her|him) before|in the ground|finish(?:es)? (?:him|her|it)|stop breathing|(?:don'?t|not) leave (?:him|her|them) breathing|"
    r"no witnesses|go away forever|obituar(?:y|ies)|(?:each of )?your lives|drops? the (?!case|charges?|ball|mic|lawsuit|suit|complaint|investigation|subject|matter|price|kids?|package|issue|bag|pin|addy|address|location|info|link|name|names|plates?|pics?|photos?|number|deets|details|spot)\w+(?!(?: [\w'’]+){0,3} (?:instagram|insta|ig|account|page|profile|handle|addy|address|number|info|pics?|location|link|socials)\b)|pops? (?:the|that) \w+|"
    r"in the only way that lasts|gets? got|drops? (?:one|him|her|them)(?! off| at| to| in| by| near| home| a line| a message| (?:kids?|son|daughter|children|baby)\b)|the permanent thing|permanent|"
    r"(?:his|her|the \w+'?s) life|on your head|bod(?:y|ies) (?:officer|agent|that|the|this|him|her)|finish (?:him|her|them)|(?:don'?t|doesn'?t|never) go(?:es)? home|catch(?:es)? a body|caught a body|light (?:him|her|them|\w+) up|pop (?:him|her|them)|"
    r"clap (?:him|her|them)|slump(?:ed)?|hit on (?:him|her|the|that)|a hit\b|contract on|"
    r"make (?:him|her|them) disappear|makes? (?:\w+ ){1,6}disappear(?! for (?:a|an|two|three|\d|the|some|good while))|makes? (?:\w+ ){1,3}a memory|closed[- ]casket|wipe (?:him|her|them) out|erase (?:him|her|them)|"
    r"(?:won'?t|doesn'?t|don'?t|does not|will not|never|not) (?:see|sees|make it to|live to see) (?:christmas|next|the|another|tomorrow|new year|\d{4}|(?:his|her) (?:birthday|next))|(?:don'?t|doesn'?t|never|won'?t) (?:get|gets|getting) (?:back )?up|(?:u|you|to|who|whoever|gonna|will|'ll) off (?:him|her|them)|never (?:wake|walk) (?:up|again))\b",
    r"\b(?:mat(?:ar|en|e|amos|arlo|arla|arlos|enlo|enla|enlos|ó)|asesin\w+|ejecut(?:ar|en|arlo|enlo)|"
    r"bajar(?:lo|la|los)?|b[aá]jenlo|b[aá]jenla|darle piso|denle piso|dar(?:le)? piso|le d[eé] piso|"
    r"quebrar(?:lo|la|los)?|qui[eé]br(?:en|enlo|enla)|enfr[ií](?:ar|arlo|arla|en|enlo|enla)|"
    r"dar(?:le)? cuello|den cuello|le d[eé] cuello|cargar(?:se|selo|sela)|se lo (?:va|van) a cargar|"
    r"borrar(?:lo)? del mapa|tumbar(?:lo|la)|despach(?:ar|arlo|enlo)|pel[oó]n|plome(?:ar|arlo|en)|"
    r"balacear(?:lo)?|baleen|quiebr(?:e|a|en) (?:al|a la|a los|a)|enfr[ií](?:as|es|e|a) (?:a|al)|me enfr[ií]as|pong(?:a|an) a dormir|poner(?:lo|la)? a dormir|(?:le )?das piso|pa(?:ra)? siempre|al pante[oó]n|borr(?:e|en|ar)(?:lo|la)? del mapa|termin(?:e|ar|en) con|al otro mundo|"
    r"desaparezc\w+|desaparec(?:er|erlo|erla)|baj(?:a|e|en) al|mat(?:as|a) al|lo matas|la matas|deben? morir|su cabeza|la cabeza del?|acab(?:e|ar|en|a) con (?:el|la|los|ese|esa)|vivo no|viva no|"
    r"(?:que )?no (?:quede|llegue|regrese|salga) viv[oa]|vivo o muerto|muerto|muertos|ataúd|ataud|"
    r"no (?:va a )?llega(?:r)? vivo|no sale(?:s)? vivo|poner(?:le)? alas|ponerle wings|"
    r"chingar(?:se)? al|chingárselo|chingarselo|desaparecer(?:lo|la)|descuartiz\w+|tronar(?:lo|la)|truénenlo|(?:lo|la|le) truen(?:as|a|es|e|en)|"
    r"quit(?:ar|e|en|arle|ele)(?: \w+)? la vida|met(?:er|a|an|erle|ale)(?: \w+)? plomo|plomazo\w*|"
    r"ech(?:arse|e|en)(?:se)? a(?:l)? \w+|ech[aá]rselo|tendido|en una bolsa|en bolsas|"
    r"pong(?:a|an) (?:alas|wings)|put wings|wings|d(?:ar|arle|ale|enle) (?:un )?(?:tiro|balazo|plomazo)|balazos?|"
    r"d[eé](?:le|n)? (?:un )?(?:tiro|balazo)|fusil\w+|rafague\w+|encobij\w+|"
    r"(?:que )?no amanezca|amanezcan? tirad[oa]s?|hacer(?:lo)? cachitos|sepult\w+|fosa|entierr\w+|difunt\w+|"
    r"no (?:vuelva|vuelve) a (?:respirar|despertar)|se (?:lo|la) (?:echen|truenen|quiebren))\b",
    # more forms, both languages: takes/taking out, leetspeak, a price on a life or a head,
    # never coming home, a shot to the head, and Spanish verbs with their clitic before them
    # ("al que lo baje", "que se quiebre", "pal que se cargue al comandante")
    r"\b(?:takes (?:\w+ )?out(?! (?:the |a |my |his |her |our |some )?(?:trash|garbage|recycling|bins?|dog|food|loan|ad|ads|insurance|money|cash|lunch|dinner|pizza|order|mortgage|time)\b| (?:to|for) (?:dinner|lunch|eat|a movie|the movies|drinks?|coffee|a date|breakfast|brunch))|taking (?:\w+ )?out(?! (?:the |a |my |his |her |our |some )?(?:trash|garbage|recycling|bins?|dog|food|loan|ad|ads|insurance|money|cash|lunch|dinner|pizza|order|mortgage|time)\b| (?:to|for) (?:dinner|lunch|eat|a movie|the movies|drinks?|coffee|a date|breakfast|brunch))|k[1!|]ll\w*|k[i1!|][1|]l\w*|murd3r\w*|unal[1!]ve\w*|"
    r"eliminate (?:him|her|them|the \w+)|"
    r"(?:price|bounty|contract|reward) (?:\w+ ){0,3}on (?:the |your |his |her |their |[\w]+['’]s? )?(?:life|lives|head|heads)(?: of)?|"
    r"(?:head|life) (?:has a price|is worth(?! it)|has a bounty)|heads? (?:has|have) a price|"
    r"(?:make|makes|making) (?:\w+ ){0,3}never (?:come|comes|make it|makes it|get|gets|go|goes|walk|walks) (?:back )?home|"
    r"(?:bullet|shot|one) (?:in|to) (?:the|his|her) head|heart stops|(?:his|her|their) heart (?:to )?stop|gets? the rope|"
    r"(?:his|her|your|their) number (?:is up|been called|has been called|got called)|gone gone|"
    r"meet (?:his|her|their|your) maker|(?:a|an|the) fatal (?:accident|fall|crash|overdose)|"
    r"(?:look|looks|looking) like (?:an? )?(?:overdose|od|suicide|heart attack)|in the dirt)\b",
    r"\b(?:(?:lo|la|los|las) (?:baje|bajen|bajes|tumbe|tumben|quiebre|quiebren|quiebres|enfr[ií]e|enfr[ií]en|truene|truenen|"
    r"mate|maten|mates|elimine|eliminen|ejecute|ejecuten|despache|despachen)|"
    r"(?:le|les) (?:quiebre|quiebren|enfr[ií]e|enfr[ií]en|truene|truenen)|"
    r"se (?:lo |la |los )?(?:quiebre|quiebren|enfr[ií]e|enfr[ií]en|truene|truenen|echen|eche)|"
    r"se (?:lo |la )?cargu(?:e|en) (?:a|al)|se (?:lo|la|los) cargu(?:e|en)|"
    r"elimin(?:arlo|arla|arlos|enlo|enla)|elim[ií]n(?:enlo|enla)|"
    r"(?:cada uno|cada una|uno|una|cada \w+) (?:que|q) (?:bajen|baje|quiebren|quiebre|enfr[ií]en|enfr[ií]e|truenen|maten|mate)|"
    r"(?:le|les) d(?:a|an|e|é|en) piso|d(?:ale|enle|arle|ar) piso|"
    r"met(?:a|an|er|erle|ale|anle|e)(?: \w+)? (?:un|unos|dos|tres|varios) (?:tiros?|balazos?|plomazos?)|"
    r"(?:tiro|balazo|bala|plomazo) en la cabeza|baj(?:as|es) (?:a|al)|no quiero que amanezca|se ching(?:ue|uen) (?:a|al)|"
    r"no (?:llega|llegue|va a llegar) a (?:diciembre|navidad|enero|fin de a[nñ]o|su cumplea[nñ]os)|d(?:ar|arle|e|é|en|ale|enle)(?:le)? cran|(?:le|les) d[eé]n? cran|que no se (?:vuelva a )?levante|no se (?:vuelva a )?levante|"
    r"no (?:vuelva|regrese|llegue) (?:nunca )?a (?:su )?casa|"
    r"cada cabeza|cabezas? de (?:ustedes|los|las)|(?:su|la) cabeza (?:tiene|vale)|precio (?:a|por) (?:la|su) cabeza|"
    r"de (?:forma|manera) definitiva|pante[oó]n)\b",
    r"💀|⚰️|⚰|🪦|🔫",
)

#: Harm short of killing: assault, kidnapping, ramming, arson, and their slang.
ASSAULT = _rx(
    r"\b(?:beat(?:s|en|ing)?(?: \w+)? (?:up|down|senseless)|beat (?:him|her|them|his|that|the)|beat (?:\w+ ){0,2}(?:up|down)|"
    r"beatdown|jump(?:s|ed|ing)? (?:him|her|them|that|the|el|la|al|ese|esa)|limping|hurt badly|badly hurt|trash(?:es|ed)? (?:it|the|his|her)|breaks? into|stomp\w*|rough (?:\w+ )?up|f\w*k (?:\w+ )?up|"
    r"mess (?:\w+ )?up|break (?:his|her|their) (?:legs?|arms?|jaw|face|knees?|hands?)|"
    r"broken (?:legs?|jaw|arms?)|hurt(?:s|ing)? (?:him|her|them|that|the)|assault\w*|attack(?:s|ed|ing)?|"
    r"injur\w+|cripple\w*|smash\w*|slash\w*|stab\w*|acid|"
    r"teach(?:es|ing)? (?:\w+ )?a lesson|pa(?:y|ys|id|ying) (?:\w+ ){1,2}a visit|(?:getting|gets?|give (?:him|her|them)) a (?:little )?visit|"
    r"(?:put|puts|send|sends|land|lands|end up|ends up|wind up|winds up|wake up|wakes up|be|is|stay|stays|spend|spends)(?: \w+){0,3} (?:in|to|into) (?:the|a) hospital|hospital bed|hospitali[sz]\w+|"
    r"scare (?:him|her|them)|scares? (?:the|that|this) \w+|rough(?:ed)? up|roughs? (?:\w+ )?up|roughing (?:\w+ )?up|in traction|bear mace|sprays? (?:\w+ ){0,3}in the face|break somethin'?|batter(?:ed|ing)|maim\w*|take (?:him|her) down|"
    r"punch\w*|slap\w*|pistol[- ]whip\w*|whip (?:him|her|them)|stretcher|knee ?caps?|go for the knees|"
    r"rearrange (?:his|her) face|black eye|bloody|make (?:it|him|her) hurt|egg(?:ed)? (?:him|her|his|her)|"
    r"spit on|shove\w*|in a wheelchair|in the icu|en silla de ruedas|beat(?:ing)?s?|whoop\w*|tune (?:him|her) up|handle (?:him|her|them))\b",
    # more forms: "jump officer Ruiz" (an assault, never a killing), broken limbs of anyone,
    # shooting at a house or car, a brick or a bat, a limp, a season ended, a knife to a limb
    r"\b(?:tak(?:e|es|ing) out (?:[^\s]+ ){0,2}(?:knees?|legs?|ankles?|acl)|pepper[- ]?spray\w*|maces? (?:him|her|them|the)|in pain|"
    r"out for the (?:season|tournament|year|playoffs)|jump(?:s|ed|ing)? (?:officer|agent|deputy|sergeant|sarge|guard|ese|[\w]+['’]s|[a-z]+ (?:cop|agent|guard|snitch|officer))|get(?:s|ting)? jumped|"
    r"beaten|break(?:s|ing)? (?:[\w'’]+ ){0,3}(?:legs?|arms?|wrists?|jaw|face|knees?|hands?|fingers?|ribs?|nose|ankles?|teeth|bones)|broken bones|"
    r"break something|knees? in\b|tase (?:him|her|them)|taught a lesson|"
    r"(?:shoot|shoots|shooting|shot|spray|sprays|spraying|light|lights) (?:it|the (?:house|car|crib|place|windows?|block|spot)) up|"
    r"shoot(?:s|ing)? up (?:the|his|her|their|that) (?:house|car|crib|place|block|spot|windows?)|"
    r"(?:pop|pops|shoot|shoots|shot|cap|caps|clip|clips|hit|hits) (?:\w+ ){0,3}in the (?:legs?|knees?|kneecaps?|foot|feet|arms?|hands?|ass|butt)|"
    r"(?:with|w/?) a (?:brick|bat|pipe|crowbar|bottle|hammer)|puts? hands on|put (?:his|her|their) hands on|unrecognizable|"
    r"(?:make|makes|leave|leaves) (?:him|her|them|you) limp|(?:until|so|that|till) (?:he|she|they|him|her|them) (?:can'?t|cannot|won'?t be able to|never) walk|"
    r"ends? (?:his|her|their|[\w]+['’]s?) (?:season|career)|(?:aim|go|goes) for (?:the|his|her) (?:knees?|legs?)|on the cart|on a stretcher|"
    r"knock (?:\w+ ){0,2}teeth (?:out|in)|cut off (?:his|her|their) (?:ears?|fingers?|hands?))\b",
    r"\b(?:tumb(?:ar|e|en|arle|enle)(?:le|les)? (?:los|sus|unos) dientes|cort(?:ar|e|en|arle|ele)(?:le|les)? (?:una|la|las|los|un|el) (?:oreja|orejas|dedo|dedos|mano|manos)|"
    r"no pueda (?:caminar|trabajar|regresar|salir|andar)|que (?:quede|termine) en (?:el hospital|silla)|irreconocible|"
    r"balace(?:ar|en|e) (?:la|su) (?:casa|carro|camioneta)|rafague(?:ar|en|e) (?:la|su) (?:casa|carro|camioneta)|"
    r"(?:tiros?|balazos?|plomazos?|disparos?) en (?:la|las) (?:pierna|piernas|rodilla|rodillas)|con (?:un )?(?:ladrillo|bate|tubo|palo))\b",
    r"\b(?:golpe(?:ar|arlo|en|enlo|ado|s)?|madriza|putiza|calent(?:ar|arlo|arla|arle|enlo|enla|ada|adita|[oó]n)|calienten(?:lo|la|los|las)|calienten (?:a|al)|table(?:en|e|arlo|enlo|ado)|"
    r"tablear(?:lo)?|tablazos|aplauso|partir(?:le)? la madre|part(?:e|es|a|as|an|en|ele|anle|ale)(?:le)? la madre|romper(?:le)? (?:las|los|la) \w+|"
    r"quebrar(?:le)? (?:las|los) \w+|un susto|escarmiento|alinear(?:lo|los)?|lastimar(?:lo|la)?|"
    r"apu[nñ]al\w+|machetazo\w*|[aá]cido|pegar(?:le)?|ch?ingadazos|vergazos|pat(?:ear|ada)\w*|"
    r"golpiza|paliza|putazos|madrazos|chingazos|ojos? morados?|chimuelo|romper(?:le)? la cara|partir(?:le)? la cara|la cara|madrear(?:lo)?|madr[eé]enlo|"
    r"putear(?:lo)?|romp(?:e|a|an|en|er|es)(?:le|les)? (?:las|los|la|el|su|sus) \w+|quiebr(?:e|en|a|an|as|es) (?:el|la|las|los) \w+|un buen susto|buen susto|lesion(?:e|en|ar)(?:lo|la)? (?:a|al)|(?:una|la) lecci[oó]n|su merecido|puñetazo\w*|cachetad\w*|zapes?|lesionar(?:lo)?|da[nñ]ar(?:lo)?|d(?:e|é|en|ar|arle|ale|enle)(?:le)? (?:una )?verga|vergui?za|verguead\w+|est[aáeé] en el hospital|(?:mand(?:ar|en|e)(?:lo|la|los)?|termin(?:e|en)|quede|queden|acabe|acaben)(?: \w+){0,2} (?:al|en el) hospital|hospitali[zc]\w+)\b",
)
KIDNAP = _rx(
    r"\b(?:kidnap\w*|abduct\w*|snatch(?:ed)? (?:him|her|them|up)|grab (?:him|her|them|that|the)|"
    r"bring (?:him|her|them|\w+) (?:to me|in alive)|deliver (?:him|her|them)|hand (?:him|her|them) over|"
    r"drag (?:him|her|them)|citizen'?s arrest|arrest (?:him|her|them) (?:yourselves|ourselves)|"
    r"capture\w*|catch (?:him|her|them|that|the)|alive|citizen'?s[- ]arrests?|takes? (?:her|his|their) (?:son|daughter|kids?|wife|husband)|"
    r"deliver(?:s|ed|ing)? (?:him|her|them)|delivered (?:to|alive)|tied up|zip ?tie (?:him|her|them)|in the trunk|disappear for (?:a few|a couple(?: of)?|a|an|two|three|\d+|some) (?:days?|weeks?|nights?|while|hours?)|tie (?:him|her|them) up|ties? up (?:the|that|him|her|them)|zip ?ties|hostage|"
    r"(?:hold|holds|keep|keeps) (?:him|her|them)(?: \w+){0,3} (?:until|till|for (?:a|two|three|\d)|hostage|locked|overnight|(?:one|a|two|three|\d) (?:night|day)s?)|grabs? (?:him|her|them|that|the)|grabbing (?:him|her|them|that|the)|"
    r"\"arrests?\"|“arrests?”|citizen who arrests|"
    r"snatch(?:es|ing)? (?:him|her|them|up|the|that))\b",
    # "traer", "entregar", "llevar", "agarrar" are a kidnapping only with a person as their object:
    # a clitic ("tráiganlo") or the personal "a" ("traiga al oficial"), never "traiga la foto".
    r"\b(?:levant(?:ar|arlo|arla|e|en|enlo|enla|ón|on|ado|aron|an)|en la cajuela|secuestr\w+|tr[aá]ig(?:a|an)(?:lo|la|los|las)|traig(?:a|an) (?:a|al)|"
    r"traer(?:lo|la|los|las)|(?:me|nos) (?:lo|la|los|las) traes|tr[aá]e(?:me|nos)(?:lo|la|los|las)|vivit[oa]s?|traer(?:me|nos)? (?:a|al)|entreg(?:ue|uen|ar|a)(?:lo|la|los|las)|entreg(?:ue|uen|ar) (?:a|al|viv[oa])|"
    r"(?:lo|la|los|las) (?:entregue|entreguen|traiga|traigan|agarre|agarren)|llev(?:arlo|arla|arlos|enlo|enla)|"
    r"agarr(?:arlo|arla|enlo|enla)|agarr(?:ar|en|e) (?:a|al)|atrapar(?:lo|la)?|capturar(?:lo|la)?|vivo|"
    r"reten(?:er|gan|ga)(?:lo|la|los|las)?|reten(?:gan|er) (?:a|al)|amarr\w+|r[eé]h[eé]n(?:es)?)\b",
)
RAMMING = _rx(
    r"\b(?:runs into (?:[\w'’]+ ){0,3}(?:w|with) (?:ur|your|his|their|a|the) (?:car|truck|whip|ride)|hit (?:[\w'’]+ ){0,4}(?:car|minivan|van|truck|suv|cruiser) with (?:him|her|them) in it|rams (?:the|that|his|her|their|a|la|el|into|him|her)|rammed|ramming|ram|run (?:\w+ ){0,3}(?:over|off the road|down)|runs (?:\w+ ){1,5}(?:over|off the road)|ran (?:\w+ ){0,2}(?:over|off the road)|mow (?:\w+ ){0,2}down|"
    r"hit (?:him|her|them|his car|the car) with|crash into|drive (?:into|through)|run (?:[\w'’]+ ){0,3}into|hits? (?:a|the|that) \w+ with (?:their|his|her|your|a|the|ur) (?:car|truck))\b",
    r"\b(?:atropell\w+|embest\w+|ech(?:ar|arle|enle|e|en|ele)(?: \w+)? (?:el|la) (?:carro|troca|camioneta|coche)|"
    r"pas(?:ar|arle|ele|e) (?:el carro|la troca|la camioneta) por encima|chocar(?:le)?|tir(?:e|ar|en)(?:le)? el (?:carro|coche) encima|"
    r"avi?[eé]nt\w* (?:la|el) (?:troca|carro|camioneta|coche|trailer|tr[aá]iler|van|cami[oó]n)|"
    r"m[eé]t(?:er|e|a|an|ale|anle|erle|ele)(?:le)? (?:la|el) (?:troca|carro|camioneta|coche|van)|"
    r"peg(?:ar|ue|uen|arle|uele|uenle)(?:le)? al (?:carro|coche|auto|troca|camioneta)|cerr(?:ar|e|en)(?:le)? el paso|"
    r"sac(?:ar|arlo|arla|ar[lo]e|en|enlo)(?: \w+)? (?:del camino|de la carretera))\b",
)
ARSON = _rx(
    r"\b(?:burn(?:s|ed|ing)?(?: \w+){0,2} (?:down|up|out)|burn (?:his|her|their|the)|torch\w*|arson|"
    r"firebomb\w*|molotov\w*|set (?:\w+ )?(?:on )?fire|sets (?:\w+ )?(?:on )?fire|setting (?:\w+ )?(?:on )?fire|setting (?:[\w'’]+ ){1,4}on fire|sets? (?:[\w'’]+ ){0,4}on fire|light (?:his|her|their|the) (?:house|car|place|crib)|"
    r"gasoline|gas can)\b",
    r"\b(?:qu[eé]m(?:ar|en|arle|enle|enlo|ada|e|es|a|as|ale|ele|elo|ela|enla)|incendi\w+|prender(?:le)? fuego|prend(?:a|an|e|en|ale|anle)(?:le)? fuego|gasolina|bomba molotov)\b",
    r"🔥",
)
#: Information about a person: whereabouts, home, photos, vehicle, family, schedule.
INTEL = _rx(
    r"\b(?:(?:home )?address(?:es)?|addy|whereabouts|where (?:[\w'’.]+ ){0,8}(?:lives?|sleeps?|stays?|staying|parks?|is posted|"
    r"eats?|goes|works?|live|stay|is at|hangs? out|moved|moves|travels|go to school|goes to school|lays? (?:his|her|their) heads?)|when and where|crib|location|locate|(?:his|her|their|the \w+'?s) (?:house|home|car|ride|"
    r"wife|kids?|children|family|schedule|route|plates?|routine|school|gym|church)|"
    r"pics?|photos?|pictures?|picture of|plates?|license plate|tag number|vehicle|what (?:he|she) drives|"
    r"schedule|routine|shift|route|dox\w*|info on|intel on|name (?:and|&) address|real name|"
    r"who (?:he|she) is|full name|phone number|number for|where to find|the name (?:of|and)|names? and (?:home|address)|"
    r"where (?:\w+ ){0,4}(?:spends?|studies|sleeps|stays|hides|goes)|(?:which|what) (?:church|school|gym|hotel|room|car|bar|motel)|"
    r"room number|tracks? down where|finds? out (?:where|which|what|who)|flight info|dorm room|the home of|"
    r"(?:his|her|their) (?:flight|shifts?|dorm|room|gym)|information (?:on|about) (?:the|his|her)|trackers?|"
    # anyone's family, home or workplace, the person's phone, who tells where
    r"(?<!my )(?<!our )[\w]+['’]s? (?:house|home|car|wife|husband|spouse|kids?|children|toddler|baby|son|daughter|family|families|parents|"
    r"schedule|route|routine|school|daycare|workplace|gym|church|plates?|address|activities|phone)|"
    r"osint|names? and (?:faces|addresses)|(?:send|drop|text) me the pin|follow (?:\w+ ){0,3}home|parking spot|(?:his|her) license|identity of|employer|faces of|(?:el|su) phone|cell number|"
    r"(?:tell|tells|show|shows|send|sends|text|texts) me (?:where|what time|what car|which car|which house|what school|which school))\b",
    r"\b(?:direcci[oó]n|domicilio|d[oó]nde (?:\w+ ){0,2}(?:vive|duerme|vives|viven|se queda|estaciona|trabaja|anda|come)|"
    r"ubica(?:r|rlo|rla|ci[oó]n|do|dos|da)|ubiquen|fotos?|fotograf[ií]as?|placas?|"
    r"(?:su|sus) (?:casa|carro|camioneta|troca|esposa|hijos?|familia|horario|ruta|rutina|escuela|nombre)|"
    r"horarios?|rutas?|rutina|datos|informaci[oó]n de|info de|nombre completo|tel[eé]fono|"
    r"pasen (?:la )?info|reportar|reporten|avis(?:ar|en|e) (?:cuando|si|de)|pitazo|"
    r"halc[oó]n|halcones|puntero|punteros|"
    r"a qu[eé] hora sale|por d[oó]nde (?:pasa|se mueve)|movimientos|"
    r"d[oó]nde (?:\w+ ){0,4}(?:estudia|se hospeda|duerme|duermen|se esconde|dej[oó]|tienen)|"
    r"(?:en )?qu[eé] (?:casa|hotel|gym|escuela|iglesia|cuarto|carro|colonia)|n[uú]mero de cuarto|domicilios|hospedad[oa]s?|"
    r"ubique|la escuela de|informaci[oó]n (?:de|sobre) (?:los|las|el|la)|"
    r"paradero|ad[oó]nde (?:\w+ ){0,2}(?:vive|se mud[oó]|va|duerme|trabaja)|se mud[oó]|"
    r"(?:a|en) (?:q|qu[eé]) (?:gym|casa|hotel|escuela|iglesia|colonia|trabajo|oficina)|"
    r"me (?:diga|digan|pase|pasen|mande|manden|consiga|consigan) (?:d[oó]nde|a q|a qu[eé]|qu[eé]|cu[aá]l|en q|en qu[eé]|el (?:phone|cel|celular|n[uú]mero|tel[eé]fono))|"
    r"celular|n[uú]mero de (?:tel|cel)\w*|whatsapp de|a qu[eé] hora (?:pasan|pasa|salen|llegan|llega|entra|entran)|"
    r"cu[aá]ntos (?:\w+ ){0,2}(?:vienen|van|hay)|rol de (?:turnos|guardias)|qui[eé]n (?:entra|sale)|en qu[eé] \w+ viven?|qu[eé] \w+ viven?)\b",
)

#: An offer or promise of payment or reward, and who it is for ("to whoever", "al que").
OFFER = _rx(
    r"\b(?:pay(?:s|ing)?|i'?ll pay|will pay|paid|payout|reward(?:ed)?|bount(?:y|ies)|prize|cash ?app|venmo|"
    r"zelle|paypal|send (?:you|u)|i got \S+ for|got \S+ for|(?:\S+ )?for (?:whoever|anyone|anybody|the first)|"
    r"to (?:whoever|anyone|anybody|the first)|whoever|first (?:person|one|man) (?:to|who)|anyone who|"
    r"anybody who|any1|on (?:his|her|their|that \w+'?s?) head|price on|offer(?:s|ing|ed)?|"
    r"i'?ll give|will give|give (?:you|u)|you get|u get|yours if|is yours|make it worth|"
    r"worth your while|drop(?:ping)? \S+ on|put(?:ting)? up \S+|put \S+ on)\b",
    r"\b(?:pag(?:o|a|amos|an|ar[eé]|aremos|aré|ar|ado)|se paga|recompensa|premio|ofrezc(?:o|emos)|"
    r"ofrece(?:mos|n)?|le doy|les doy|te doy|doy \S+ (?:por|al|a)|damos|al que|a quien|al primero|"
    r"el que|la que|quien (?:lo|la|le|me|nos) (?:traiga|entregue|baje|mate|levante|d[eé])|"
    r"para (?:el|quien) que|pal que|pa(?:l)? quien|hay \S+ (?:para|pa|por)|pongo|ponemos|"
    r"se gana|te ganas|se ganan|te llevas|se lleva|te quedas con|cobra|cobrar)\b",
)
#: What is offered when it is not money.
OFFER_CRYPTO = _rx(r"\b(?:btc|bitcoin|eth(?:ereum)?|crypto|cripto|usdt|tether|monero|xmr|wallet|billetera)\b")
OFFER_GIFT = _rx(r"\b(?:gift ?cards?|tarjetas? de regalo|amazon card|itunes card|steam card|visa card|prepaid card)\b")
OFFER_DRUGS = _rx(
    r"\b(?:drugs|dope|weed|kush|coke|crack|meth|fent|fentanyl|pills|percs|xans|zip|ounce|oz|brick|kilo|"
    r"perico|coca|cristal|cuerno|mota|droga|gramos?|grapas?|merca|polvo|piedra)\b"
)
OFFER_FAVOUR = _rx(
    r"\b(?:favor|favour|rent|a job|my (?:car|truck|whip|ride)|la plaza|te acomodo|chamba|trabajo|"
    r"mi (?:carro|camioneta|troca)|la troca|the truck|a gun|un arma|protecci[oó]n|protection|"
    r"debt (?:forgiven|cleared)|deuda)\b"
)

#: Targets: roles of protected people and their slang, and pronouns pointing at one.
TARGET_ROLE = _rx(
    r"\b(?:(?:ice|border patrol|cbp|dea|fbi|atf|federal|immigration) (?:agents?|officers?)|agents?|officers?|"
    r"cops?|pigs?|feds?|federales|ice|the chief|chief|judge|jueza?|magistrad[oa]|sheriff|deputy|deputies|"
    r"prosecutor|da\b|district attorney|senator|congress(?:wo)?man|representative|mayor|governor|alderman|"
    r"marshal|trooper|warden|guard|detective|sergeant|sarge|lieutenant|captain|commander|supervisor|"
    r"witness|informant|snitch|rat|journalist|reporter|election worker|poll worker|clerk|official|"
    r"la migra|migra|polic[ií]as?|poli|polis|chota|jura|azules|guachos?|verdes|soldados?|militares?|"
    r"marinos?|marina|sedena|guardia nacional|ministeriales?|estatales?|municipales?|comandante|jefe|"
    r"fiscal|alcaldesa?|gobernador|presidente municipal|diputad[oa]|senador|regidor|periodista|testigo|"
    r"sopl[oó]n|chivato|rata|dedo|agente|oficial|custodio|celador|[aá]rbitro|referee|ref|umpire)\b"
)
TARGET_PRONOUN = _rx(
    r"\b(?:him|her|them|that (?:dude|guy|man|woman|bitch|mf|n\w+)|ese (?:wey|güey|guey|vato|cabr[oó]n)|"
    r"lo|la|los|le|les|ese|esa|esos)\b"
)

#: Terms of the deal: conditions, proof, timing, split payments.
TERMS = _rx(
    r"\b(?:if (?:u|you|someone|somebody|any\w*)\b[^.!?\n]{0,30}|when (?:it'?s|its|the job'?s|the job is|he'?s|she'?s|they'?re) "
    r"(?:done|gone|handled|finished|dead)|once (?:it'?s|its|the job is) (?:done|handled)|"
    r"(?:with |send |need |w/ )?proof|pics? (?:as|for) proof|video (?:as )?proof|no proof no pay|"
    r"half (?:up ?front|now|before|after)|(?:50|fifty)/(?:50|fifty)|rest (?:after|when|on delivery)|"
    r"up ?front|no questions(?: asked)?|cash only|dm me|hit me up|hmu|inbox me|by (?:friday|monday|tonight|sunday)|"
    r"this week|before \w+day)\b",
    r"\b(?:si (?:alguien|alguno|me|lo|la|le|t[uú]|usted)\b[^.!?\n]{0,30}|cuando (?:est[eé]|quede|lo|la|ya)\b[^.!?\n]{0,20}|"
    r"con pruebas?|con (?:foto|fotos|video)|mand(?:en|e|a)(?:me)? (?:foto|fotos|video|pruebas?)|"
    r"(?:la )?mitad (?:antes|ahorita|por adelantado|al principio|despu[eé]s|al final)|por adelantado|"
    r"el resto (?:despu[eé]s|al final|cuando)|sin preguntas|inbox|mp|m[aá]ndenme mensaje|"
    r"hoy mismo|esta semana|antes del? \w+)\b",
)

#: Attribution and narrative of a third party's act: the frame of news, court and tip prose.
REPORTED = _rx(
    r"\b(?:alleged(?:ly)?|reportedly|according to|prosecutors?|the complaint|criminal complaint|indictment|"
    r"indicted|affidavit|charged (?:with|in)|charges|pleaded|pled guilty|sentenced|convicted|"
    r"was arrested|were arrested|arrested (?:a|an|the|two|three)|defendant|court (?:records|documents|filings)|"
    r"authorities (?:said|say)|police (?:said|say)|officials (?:said|say)|investigators|the fbi said|"
    r"u\.s\. attorney|attorney'?s office|press release|told (?:police|investigators|agents|reporters)|"
    r"a (?:man|woman|teen|suspect) (?:who|accused)|accused of|is accused|faces? (?:charges|up to)|"
    r"(?:he|she|they) (?:said|told|wrote|posted|offered|threatened|claimed)|"
    r"(?:said|says) (?:that )?(?:he|she|they) would|posted (?:a|an|messages?)|messages? (?:posted|sent)|"
    r"the (?:post|message|banner|video) (?:said|read|says|reads|offered|showed)|"
    r"news|reporter|reported|the (?:site|account|page|channel) (?:listed|posted|published)|"
    r"a tipster|my (?:neighbor|cousin|coworker|brother|sister) (?:said|told|is saying)|"
    r"heard (?:him|her|them|that)|rumou?r|there'?s talk|people are saying|denied|denies|no credible|"
    r"death threats?|threatened|threats? (?:against|began|were|have)|(?:received|found|got) (?:a|an|death) \w+|"
    r"(?:had been|have been|were|was) (?:posted|shared|circulated|left|found|mailed|sent|evacuated)|"
    r"court (?:papers|filings?)|government filing|(?:note|letter|sign|flyer|banner|message),? (?:\w+ ){0,6}(?:said|read):|"
    r"(?:got|was|were) arrested for|arrested (?:that|the) (?:dude|guy|man|woman)|did (?:u|you) see the news|"
    r"(?:sign|note|letter|flyer|banner|email|e-mail|message|post|drawing)s? (?:\w+ ){0,4}(?:appeared|was found|were found|was left|were left|reading|that read|which read)|"
    r"(?:appeared|were posted|was posted) (?:on|in) (?:a|the|two|three|several) (?:\w+ )?(?:board|boards|forum|site|page|channel|group|chat)s?|court filing)\b",
    r"\b(?:seg[uú]n|presunt(?:o|a|amente)|supuestamente|habr[ií]a(?:n)? \w+|la fiscal[ií]a|fiscal[ií]a general|"
    r"la fgr|la sspc|la sedena|la semar|el ministerio p[uú]blico|(?:fue|fueron) (?:detenid[oa]s?|"
    r"vinculad[oa]s?|arrestad[oa]s?|sentenciad[oa]s?|acusad[oa]s?|hallad[oa]s?|localizad[oa]s?)|"
    r"de acuerdo con|inform[oó]|informaron|report[oó]|reportaron|denunci[oó]|denunciaron|"
    r"acus(?:ó|a|ado) de|la denuncia|la carpeta|la investigaci[oó]n|el comunicado|comunicado|"
    r"autoridades|investigadores|la polic[ií]a (?:dijo|inform[oó]|report[oó])|"
    r"(?:[eé]l|ella|ellos) (?:dijo|dijeron|escribi[oó]|public[oó]|ofreci[oó]|amenaz[oó])|"
    r"ofreci[oó]|ofrec[ií]a|amenaz[oó]|publicaron|apareci(?:[oó]|eron) (?:una |unas |dos )?(?:manta|mantas|narcomantas?|cartulinas?)|"
    r"narcomantas?|la manta (?:dec[ií]a|dice)|los mensajes (?:dec[ií]an|dicen)|"
    r"me dijeron|dicen que|anda(?:n)? diciendo|se rumora|neg[oó]|desminti[oó]|notimex|peri[oó]dico|"
    r"amenazas? de muerte|amenaz(?:aba|aban|ado|ada|ados)|fue amenazad[oa]|recibi[oó] (?:un|una)|nos lleg[oó]|"
    r"hab[ií]a(?:n)? sido|alguien (?:la |lo |los )?(?:posti[oó]|poste[oó]|subi[oó]|public[oó]|filtr[oó])|que dec[ií]a|se difundi\w+|dej(?:[oó]|aron) (?:una|un)|dec[ií]a:|corona f[uú]nebre|arreglo f[uú]nebre)\b",
)
#: Protest, criticism, lawful calls, officials' statements, wishes, satire.
PROTECTED = _rx(
    r"\b(?:impeach\w*|recall|vot(?:e|ed|ing) (?:\w+ )?out|vote them out|in handcuffs|defund\w*|disband\w*|disarm (?:the|them)|filmed (?:it|them|everything|the)|recorded (?:it|them|everything|the)|legal observers?|(?:town hall|city council|council) meeting|cartoon|not afraid of (?:you|them)|help (?:write|draft|file) (?:it|a|the)|(?:i|we)(?:'d| would) pay (?:good )?money to (?:see|watch)|resign\w*|step down|fire (?:him|her|them|the)|"
    r"should be (?:in jail|in prison|arrested|prosecuted|fired|investigated|ashamed|impeached|disbarred)|"
    r"(?:arrest|prosecute|indict|investigate|lock) (?:him|her|them|\w+) ?(?:up|now)?|lock (?:him|her|them) up|"
    r"out of (?:chicago|our|\w+)|shut it down|abolish|no more|not one more|justice for|"
    r"protest\w*|rally|march(?:ing)?|boycott\w*|petition|sign the|call your|contact your|"
    r"know your rights|stay inside|don'?t open the door|copwatch|film(?:ing)? the police|"
    r"shame on|disgrace|corrupt|criminals?|hypocrit\w*|condemn\w*|outrage\w*|"
    r"i hope (?:he|she|they) (?:rots?|dies?|suffers?|chokes?|loses?)|hope karma|karma|rot in|burn in hell|"
    r"satire|satirical|parody|sarcasm|sarcastic|/s\b|the onion|figuratively|metaphor\w*|blood on (?:their|his|her|your) hands|"
    r"history will judge|remember in november|cancel (?:your|my) subscription|"
    r"will be prosecuted|to the fullest extent|will be held accountable|hunted down and arrested|"
    r"we will (?:fight|sue|win|vote|resist|not be silent)|in every court|at the ballot|in court|lawsuit|sue\b|"
    r"free speech|first amendment|our rights|civil rights|accountab\w+|transparen\w+|"
    r"vote (?:against|for|no|yes)|at the (?:ballot box|polls)|lose (?:their|his|her) seats?|primary (?:him|her|them)|"
    r"donate to|campaign (?:against|for)|file (?:a )?complaints?|formal complaint|review board|subpoena\w*|"
    r"testify|under oath|remove (?:him|her|them|you)|unemployable|be (?:banned|removed|disbarred|suspended)|"
    r"write (?:your|the|to)|call (?:the|his|her) office|(?:keep |we'?ll keep |i'?m going (?:down )?(?:w|with) my phone to )?(?:film|record)(?:ing)?\b|"
    r"stand with|in the most legal way|peaceful(?:ly)?|non-?violent|this is not a threat|not a threat|"
    r"(?:should|must|need to) be (?:investigated|fired|charged|removed|held accountable|recalled)|"
    r"we'?ll be back|see you (?:in court|at the polls)|i hope|hope (?:that|the|his|her|they|he|she|voters)|"
    r"go (?:straight )?to hell|bury (?:him|her|them) in (?:november|the election|the primary)|on appeal|reversed|"
    r"the voters|war crimes tribunal|face a (?:jury|tribunal|judge)|kill the bill|"
    r"right to remain silent|do not open|do not sign|don'?t sign|stay calm|don'?t run|hotline|rapid response)\b",
    r"\b(?:fuera (?:ice|la migra|\w+) de|fuera\b|destituci[oó]n|destit\w+|renuncia|juicio pol[ií]tico|"
    r"que lo (?:juzguen|investiguen|destituyan|metan a la c[aá]rcel)|a la c[aá]rcel|c[aá]rcel para|"
    r"justicia para|ni una m[aá]s|ni perd[oó]n ni olvido|vivos se los llevaron|no (?:nos|los) callar[aá]n|"
    r"marcha|manifestaci[oó]n|protesta\w*|boicot\w*|firmen|petici[oó]n|den(?:u|ú)ncienlos|votar|voto|"
    r"conoce tus derechos|no abran la puerta|qu[eé]dense en casa|tienes derecho|derechos humanos|"
    r"corrupt[oa]s?|verg[uü]enza|sinverg[uü]enzas|asesinos|repudi\w+|condena\w*|exigimos|exigir|"
    r"ojal[aá] (?:se muera|se pudra|le caiga|lo corran|pierda)|que se pudra|karma|s[aá]tira|par[oó]dia|"
    r"ser[aá]n? (?:procesad[oa]s?|perseguid[oa]s?|castigad[oa]s?)|todo el peso de la ley|"
    r"libertad de expresi[oó]n|rendici[oó]n de cuentas|"
    r"(?:deber[ií]an?|merece(?:n)?) (?:ser investigad[oa]s?|estar pres[oa]s?|q(?:ue)? (?:lo|la|los) corran|renunciar)|"
    r"que (?:lo|la|los|las) (?:den de baja|procesen|corran|destituyan|investiguen|juzguen)|que paguen con c[aá]rcel|"
    r"en las urnas|con (?:nuestros|nuestro|sus) votos?|en la corte|con mi abogad[oa]|(?:les )?voy a grabar|grabar(?:los)?|"
    r"subirlo a|en paz|pac[ií]fic[oa]|sin violencia|no es una amenaza|derecho a|"
    r"ojal[aá]|que se (?:vaya|vayan) a la (?:chingada|verga)|se (?:lo|la|los) trague la tierra|"
    r"(?:los )?estamos grabando|grab[eé]|grabando|todo legal|checkpoint|avisen a los|aguas,|"
    r"merece(?:n)? c[aá]rcel|conocemos nuestros derechos|nuestros derechos|sangre en (?:las|sus) manos|en cada (?:plaza|urna)|sarcasmo|"
    r"que (?:lo|la|los) extraditen|no firmes|mant[eé]n(?:gan)? la calma|toma otra ruta|inf[oó]rmate|hasta que aparezca\w*|hasta encontrarl\w+|madres? buscadoras?|colectivos? de b[uú]squeda|"
    r"cabildo|queja (?:formal|ante)|denuncia formal|caricatura|no (?:les|le|te) tengo miedo|"
    r"llevar(?:[aá]|emos|[eé])? el caso|a los tribunales|ante (?:la|el) (?:corte|tribunal|juez)|corte interamericana|"
    r"correr(?:lo|la|los|las)|despedir(?:lo|la|los|las)|pagar[ií]a por ver)\b",
)
#: Lawful money talk: official rewards, bug bounties, bail, prizes, contracts.
LAWFUL_MONEY = _rx(
    r"\b(?:information leading to|leading to (?:the |an |his |her )?(?:arrest|conviction|capture)|"
    r"crime ?stoppers|tip ?line|tips can be|remain anonymous|call 1-?800|call (?:police|911|the fbi)|"
    r"fbi is offering|(?:police|sheriff|department|marshals|atf|dea|government|state) (?:is |are )?offer\w*|"
    r"bug bounty|vulnerabilit\w+|cve-|responsible disclosure|hackerone|bugcrowd|exploit chain|"
    r"bail|bond|prize (?:pool|money)|purse|transfer fee|contract (?:worth|extension)|signing bonus|"
    r"scholarship|sweepstakes|raffle|lost (?:dog|cat|pet)|missing (?:dog|cat|pet)|buyback|"
    r"wanted by|most wanted|fugitive|"
    r"per hour|an hour|/ ?hr|hourly|for \d+ hours?|hiring|now hiring|job (?:opening|offer)|salary|wages?|apply (?:at|now|online|in person)|"
    r"lost (?:my|a|his|her|our)|found my|(?:finds|returns?) my|missing person|second place|first place|third place|"
    r"winners?|grand prize|entry fee|merch|sold out|free agency|cap space|over \d+ years|per year|"
    r"pay (?:you|u) back|i owe|owe (?:you|u|me)|loan|bonus|photographer|dj|catering|babysit\w*|"
    r"return of (?:my|our|the)|idor|xss|sqli|csrf|ssrf|rce|endpoint|report accepted|triaged|payout)\b",
    # everyday help, games and collections paid among friends: money that buys no act on a person
    r"\b(?:help(?:s|ing)? (?:me|us) (?:move|pack|paint|clean|carry|haul|set up|fix)|moving (?:day|truck|boxes)|"
    r"trivia|pub quiz|karaoke|bake sale|fundraiser|gofundme|legal (?:fund|fees)|"
    r"(?:for|towards?) (?:the|his|her|my|our|their) (?:lawyer|attorney|legal fees)|chip in|pitch in|"
    r"split the (?:bill|check|cost)|find my|(?:i|we) lost|chores?|cleans? the (?:garage|kitchen|house|yard|basement|bathroom)|"
    r"mow(?:s|ing)? the lawn|laundry|pull request|merge request|flaky|(?:unit|integration) tests?|the build|repo|github|per day|a day's work|"
    r"for rent|for sale|per month|a month|stole my|who stole)\b",
    r"\b(?:informaci[oó]n que (?:lleve|conduzca|permita)|que conduzca a|den(?:u|ú)ncia an[oó]nima|"
    r"l[ií]nea de denuncia|089|911|(?:la fiscal[ií]a|la fgr|el gobierno|la polic[ií]a|el estado) (?:ofrece|otorgar[aá])|"
    r"programa de recompensas|recompensa oficial|se busca:|fianza|premio (?:de|en)|bolsa de premios|"
    r"fichaje|traspaso|rifa|sorteo|perrit[oa]|gat[oa]|mascota|extraviad[oa]|recompensas? de hasta|"
    r"bug bounty|vulnerabilidad\w*|"
    r"persona desaparecida|paradero|desaparecid[oa]|por hora|la hora|sueldo|salario|vacantes?|empleo|"
    r"contrataci[oó]n|se solicita personal|primer lugar|segundo lugar|tercer lugar|ganador(?:es)?|gane el|"
    r"inscripci[oó]n(?:es)?|la entrada|quiniela|la bolsa|te pago el|me prestas|pr[eé]stamo|le debo|te debo|"
    r"extra a cada uno|aguinaldo|bono|propina|perd[ií] mi|se me perdi[oó]|encontr[oó] mi)\b",
    r"\b(?:mudanza|mudarme|mudarnos|(?:me|nos) ayude(?:n)? (?:a|con) (?:mudar\w*|cargar|pintar|limpiar|la mudanza|el cambio)|"
    r"para (?:el|la|los|las|mi|su) (?:abogad[oa]s?|licenciad[oa]|defensa legal)|honorarios|coperacha|cooperaci[oó]n|"
    r"vaquita|colecta|trivia|encuentre (?:mi|mis)|que perd[ií]|por d[ií]a|al d[ií]a|por jornada|de multa|la cosecha|se renta|se vende|rento|al mes|me robaron|te pago (?:los|las|lo que))\b",
)
#: Sports, games and play: violent vocabulary that means nothing violent there.
GAME = _rx(
    r"\b(?:game|match|league|season|playoffs?|final|tournament|score|scored|goal|touchdown|inning|"
    r"quarter|halftime|coach|team|defense|offense|fortnite|warzone|gta|call of duty|cod|minecraft|valorant|"
    r"apex|roblox|league of legends|dota|raid boss|boss fight|quest|npc|respawn|server|clan|squad|"
    r"lobby|ranked|xp|loot|dlc|speedrun|stream(?:er|ing)?|twitch|chess|poker|fantasy|rec league|"
    r"rounds?|ko|tko|knockout|referee|ref waved|qb|quarterback|o-line|blitz|the clock|"
    r"pitcher|batter|bullpen|lineup|roster|draft|ufc|boxing|bout|sparring|mma|championship|title fight|"
    r"wrestl\w+|hat trick|(?:1st|2nd|3rd|\d+th|first|second|third|fourth) (?:round|quarter|period|inning|half)|"
    r"in game|in-game|pvp|gg|sniper|nerf\w*|devs|patch|uninstall\w*|red dead|fifa|madden|nba ?2k|"
    r"paintball|airsoft|laser ?tag|bounty board|(?:across|on) the map|fantasy league)\b",
    r"\b(?:partido|liga|torneo|jornada|gol(?:es)?|golazo|cancha|equipo|afici[oó]n|afici\w+|"
    r"delantero|portero|defensa|[aá]rbitro|penal|tarjeta roja|jugador(?:es)?|videojuego|"
    r"misi[oó]n del juego|servidor|partida|clasificaci[oó]n|primer tiempo|segundo tiempo|medio tiempo|"
    r"la vuelta|la ida|racha|sotanero|liguilla|cl[aá]sico|lucha libre|box|nocaut|campeonato|campe[oó]n|"
    r"invicto|marcador|puntero (?:de la|del) (?:liga|torneo|grupo|campeonato)|rival(?:es)?|afici[oó]n|"
    r"pelea estelar|cintur[oó]n|retador|de puntero)\b",
    # a score is two short numbers standing alone: "3-1", "21 to 14"; never a piece of
    # "312-555-0100", a date "12-05-2026" or a case number "24-cr-1187"
    r"(?<![\w-])\d{1,3} ?(?:-|–|to|a) ?\d{1,3}(?![\w-]|\.\d|:\d)",
)
#: The speaker's own future act ("I will", "te voy a"), and veiled or predicted harm.
FIRST_PERSON_THREAT = _rx(
    r"\b(?:i'?(?:ll| will| am going to|'m going to|m gonna| am gonna| gonna)|imma|ima|i'?m (?:coming|gonna|going)|"
    r"we'?(?:ll| will| are going to|'re going to|re gonna| are gonna| gonna| are coming|'re coming)|"
    r"we know where|i know where|you'?re next|you are next|you'?re dead|you are dead|your days are numbered|"
    r"watch your back|for your own (?:safety|good)|you (?:will|gonna|'ll) (?:pay|regret|bleed|die)|"
    r"you won'?t (?:see|make it|live)|last warning|final warning|this is a warning|consider this|"
    r"nice (?:house|family|kids|car) you|it would be a shame|accidents happen|i see you|see you soon|"
    r"i'?m outside|we'?re watching|i'?m (?:putting|sending|dropping|taking|beating|breaking|popping|running) (?:him|her|you|them|that \w+)|i swear (?:i'?ll|ill|i will|to god i'?ll))\b",
    r"\b(?:te (?:voy|vamos) a|lo (?:voy|vamos) a|la (?:voy|vamos) a|los (?:voy|vamos) a|les (?:voy|vamos) a|"
    r"le (?:voy|vamos) a|voy a|vamos a|vamos por|voy por|iremos por|te va a cargar|"
    r"sabemos d[oó]nde|s[eé] d[oó]nde|t[uú] sigues|usted sigue|te vas a morir|ya (?:te|los) (?:tenemos|vimos)|"
    r"as[ií] van a quedar|as[ií] va a quedar|as[ií] quedar[aá]n?|se te acab[oó]|tus d[ií]as est[aá]n contados|"
    r"cu[ií]date|cu[ií]dense|[uú]ltima advertencia|[uú]ltimo aviso|este es un aviso|est[aá]n advertidos|"
    r"por tu (?:propia )?seguridad|por su (?:propia )?seguridad|no (?:va|van) a llegar|no sales vivo|"
    r"te estamos viendo|los estamos viendo|nos vemos pronto|ya sabemos|"
    # a harm verb in the speaker's own first person with its object before it: "te calentamos",
    # "lo madreo", "te bajamos", "la parto", "lo dejo tendido"
    r"(?:te|lo|la|los|las|les|le) (?:calent|baj|madre|part|romp|quebr|tumb|revent|enfri|despach|plome|balace|golpe|levant|tablea|chingu)\w*(?:amos|emos|o)|"
    r"(?:lo|la|te) dejo (?:tendid[oa]|tend[ií]o|tirad[oa]|en el piso|en la calle))\b",
)
#: Calls on others, wishes with an act, and dehumanising "targets" talk.
INCITE = _rx(
    r"\b(?:(?:somebody|someone|anybody|anyone|people|y'?all|yall|we all|everyone) (?:needs? to|should|gotta|has to|have to|must|oughta)|"
    r"(?:needs?|deserves?|ought) to (?:be )?(?:die|killed|shot|hanged|hung|burned|beaten|dead|hurt|strung up)|"
    r"deserves? (?:a rope|a bullet|to die|death|what(?:'s| is) coming|what comes)|"
    r"should (?:be )?(?:killed|shot|hanged|hung|lynched|executed|dead|strung up|burned|dragged out|beaten|stabbed)|"
    r"(?:kill|shoot|hang|burn|string up|beat|attack|hunt down|go after|get) (?:them|every|all|each|those|these|the)|"
    r"(?:are|is) (?:all )?(?:targets?|fair game|legitimate targets?)|fair game|open season|"
    r"direct action|by any means|take up arms|grab your guns|it'?s time to|time to (?:act|hunt|shoot|fight)|"
    r"let'?s go get|go get (?:them|him|her)|round them up|make (?:them|an example)|"
    r"don'?t let (?:them|him|her) (?:leave|live|get away)|no mercy|an example of|"
    r"(?:forfeited|lost|gave up) (?:their|his|her|the) right to (?:live|exist|breathe)|pay with (?:their|his|her) (?:blood|lives?)|"
    r"(?:engage|fire on|shoot at) (?:\w+ ){0,4}(?:with lethal force|on sight))\b",
    r"\b(?:hay que (?:matar|quemar|colgar|golpear|darles|ir por|sacarlos|chingarse|partirles)|"
    r"(?:maten|quemen|cuelguen|golpeen|linchen|ataquen|chinguen|balaceen|levanten|bajen) a|"
    r"que (?:los|lo|la|les) (?:maten|cuelguen|quemen|linchen|revienten|den)|"
    r"merece(?:n)? (?:la horca|morir|un balazo|la muerte|lo que (?:le|les) (?:pase|venga|toque))|"
    r"son (?:objetivos?|blanco leg[ií]timo|blancos)|blanco leg[ií]timo|objetivo militar|"
    r"acci[oó]n directa|a las armas|todos contra|vamos todos|que (?:alguien|alguno) (?:lo|la|le)|"
    r"alguien (?:deber[ií]a|tiene que)|ojal[aá] alguien|lleguemos|llev[eé]mos(?:los|lo)|hag[aá]mos(?:les|le)|"
    r"sin piedad|que cada quien haga lo que tenga que hacer|ya saben qu[eé] hacer|"
    # plural imperatives with the victim as an enclitic: "quémenlos", "lesiónenlo", "dispárenles"
    r"(?:m[aá]ten|qu[eé]men|cu[eé]lguen|golp[eé]en|l[ií]nchen|at[aá]quen|balac[eé]en|b[aá]jen|lesi[oó]nen|revi[eé]nten|disp[aá]ren|qui[eé]bren|ap[uú]ñalen)(?:lo|la|los|las|le|les)|"
    r"disp(?:arar|aren|árenle|árenles) (?:contra|a)\b|"
    # a communiqué's call to act, and blood as the price
    r"se (?:convoca|llama|ordena|invita) a (?:\w+ ){0,4}(?:ejecutar|matar|disparar|atacar|quemar|levantar|golpear)|"
    r"pag(?:uen|ar[aá]n|ar) con (?:su|sus) (?:sangre|vidas?))\b",
)
#: Watching, following, tracking, lookouts: behaviours that can enable targeting.
SURVEIL = _rx(
    r"\b(?:follow(?:ed|ing)? (?:\w+ ){0,3}(?:home|to (?:his|her|their|the)|until)|follow(?:ed|ing)? (?:him|her|them|the (?:agent|officer|judge|cop))|"
    r"tail(?:ed|ing)|track(?:ed|ing|er)|gps|watch(?:ed|ing) (?:his|her|their|the|every)|stak(?:e|ed|ing) out|"
    r"lookouts?|spotters?|radios?|walkie|rooftops?|on the roof|drones?|binoculars|"
    r"calling out|call(?:ing)? out (?:every|the)|every (?:morning|night|day)|leaves? (?:at|the lot|home)|"
    r"clock(?:ed|ing) (?:him|her|them|his|the)|photograph(?:ed|ing)|filming (?:his|her|their) (?:house|home|kids|family)|"
    r"schedule|routine|plates? of|logging|logged|surveil\w*|monitor(?:ed|ing)|icy)\b",
    r"\b(?:halc[oó]n(?:es)?|puntero(?:s)?|vigil(?:an|aban|ando|ar|ancia)|sigui(?:eron|[oó])|seguimos|siguiendo|"
    r"rastre\w+|radio(?:s)?|binoculares|azotea|dron(?:es)?|report(?:an|aban|ando) (?:la|los|el|cada)|"
    r"pasar el pitazo|pitazo|avisan cuando|van los (?:verdes|azules|guachos)|ah[ií] van|"
    r"salida de (?:patrullas|las patrullas|los)|movimientos? de|sale(?:n)? de (?:su|la) casa|"
    r"tomaban fotos|tomando fotos|fotografiaban|ubicados|lo tenemos ubicado|estacas|"
    r"cada (?:ma[nñ]ana|noche|d[ií]a))\b",
)
#: Personal information published in a post, and the hostile frames around it.
PII = _rx(
    r"\b\d{3}[-. )]+\d{3}[-. ]\d{4}\b|\b\d{2} \d{4} \d{4}\b|\b[\w.+-]+@[\w-]+\.\w+\b",
    r"\b\d{2,5} (?:[nsew]\.? )?[a-z]+ (?:st|street|ave|avenue|rd|road|blvd|dr|drive|ln|lane|ct|court|pl|way)\b",
    r"\b(?:(?:calle|avenida|colonia|fraccionamiento|edificio|depto|n[uú]mero)(?![^\W_])|av\.|col\.|fracc\.|#)\s*\S+",
    r"\b(?:plates?|placas?|tag)\s*(?:#|no\.?|number|n[uú]mero)?\s*[a-z0-9]{2,4}[- ]?[a-z0-9]{2,4}\b",
    r"\b(?:lives (?:at|on|in)|vive en|viven en|his (?:kids|son|daughter|wife) (?:go|goes|attend)|"
    r"sus hijos (?:van|estudian)|su esposa|his wife|her husband|kids at|hijos en|drives a|maneja una?)\b",
)
DOX_FRAME = _rx(
    r"\b(?:have fun|you know what to do|do what you want|share (?:this|it|widely)|spread (?:this|it)|"
    r"make (?:him|her|them) famous|let'?s pay|pay (?:him|her) a visit|go say hi|say hello|"
    r"ya saben|p[aá]senlo|compartan|comp[aá]rtelo|difundan|h[aá]ganlo viral|para que (?:sepan|lo visiten)|"
    r"ah[ií] se los dejo|ah[ií] les dejo|vis[ií]tenlo|vayan a saludarlo)\b"
)
#: "not kill", "nada de matarlo", "no quiero muertos": the act is ruled out, not asked for.
NEGATED_KILL = _rx(
    r"\b(?:not|don'?t|no|never|without) (?:to )?(?:kill|dead|murder)\w*|not trying to get (?:\w+ )?killed|"
    r"(?:don'?t|do not) want (?:\w+ )?dead|nobody dies|no one dies\b",
    # "not looking for anyone to kill anybody", "I'm not asking anyone to kill him", "nobody gets
    # killed", "nothing fatal": the words between the negation and the kill word are no condition
    r"\b(?:(?:not|never|no|don'?t|doesn'?t|didn'?t|won'?t|isn'?t|ain'?t|aren'?t|wasn'?t|i'?m not) "
    r"(?:(?!care|cares|matter|mind|if|unless|but|stop|until|till|let|leave|mercy|joke|joking|kidding|lying|playing|lie|worry|afraid|hesitate|sure|sorry|even)[\w']+ ){1,4}(?:to )?(?:get )?(?:kill(?:ed|ing)?|dead|murder(?:ed)?)|"
    r"(?:nobody|no one|no-one|none of them) (?:\w+ ){0,2}(?:dies|die|killed|dead)|nothing (?:fatal|lethal)|not (?:fatal|lethal)|"
    r"not (?:the )?(?:morgue|grave|cemetery|coffin|casket))\b",
    r"\b(?:nada de matar\w*|no (?:quiero|queremos) muert[oa]s|sin matar\w*|no lo maten|no la maten|"
    r"no (?:lo|la) mates|que no se muera|(?:lo|la|los) quiero viv[oa]s?|viv[oa],? no muert[oa]|"
    r"no (?:lo|la|los|las) (?:quiero|queremos) muert[oa]s?|sin muert[oa]s|sin matar|(?:nadie|ninguno) (?:se )?muer[ea]|"
    r"no (?:lo|la|los|las) (?:maten|mate|vayan a matar)|no (?:se trata de|es para|quiero que) (?:lo |la )?mat\w+|q(?:ue)? no se mueran?)\b",
)
#: An offer told as someone else's past act ("he offered", "ofreció", "pusieron precio").
REPORTED_OFFER = _rx(
    r"\b(?:offered|was offering|had offered|were offering|put (?:a )?(?:price|bounty) on|posted (?:a )?bounty|"
    r"charged (?:\w+ )?with (?:offering|soliciting)|solicited|would pay|said (?:he|she|they)'?d pay|"
    r"(?:he|she|they|someone|somebody|a man|a guy|the man)(?: \w+)? (?:is|was|were) (?:paying|offering)|"
    r"told (?:people|everyone|folks)|bounty (?:—|-|–)|circulat\w+|"
    r"(?:flyers?|posts?|videos?|messages?|signs?|banners?|accounts?|pages?|chain|group|ad|tiktok) (?:\w+ ){0,2}(?:offering|offers|offered|saying)|"
    r"(?:is|are|was|were|been) (?:paying|offering)|(?:accused|guilty|convicted) of (?:offering|paying|soliciting)|"
    r"pleaded guilty to (?:offering|soliciting)|there'?s money on|there (?:was|is) \S+ for|"
    # a third party's paid act told in the past ("he paid someone 5k to", "got locked up for
    # offering", "charged for putting a hit out"), and a post that circulates
    r"paid (?:someone|somebody|some (?:guy|dude|man|kid)|a (?:hitman|hit man|gunman|guy|man)|an undercover)|"
    r"(?:got|was|were|been|is being) (?:locked up|arrested|charged|busted|indicted|sentenced|convicted) (?:for|after)|"
    r"(?:going|goin|making the rounds) around|(?:flyers?|posts?|videos?|messages?|signs?|banners?) (?:\w+ ){3}(?:offering|offers|offered))\b",
    r"\b(?:ofreci[oó]|ofrec[ií]a|ofrec[ií]an|habr[ií]a ofrecido|pagaban|pagar[ií]a|(?:le )?pusieron precio|"
    r"puso precio|ofrecen (?:por|una)|dijo que (?:pagar[ií]a|daba|daría)|anda(?:n)? ofreciendo|"
    r"alguien (?:puso|ofreci[oó]|dijo|pag[oó])|(?:le|les) pag(?:ó|aron)|pagó (?:\S+ ){1,6}(?:a un|a una|para que)|hab[ií]a (?:una )?recompensa|(?:fue|fueron) (?:detenid[oa]s?|arrestad[oa]s?|acusad[oa]s?) por (?:ofrecer|pagar)|un (?:tipo|se[nñ]or|vato|hombre) (?:dijo|ofreci[oó])|"
    r"est[aá]n? ofreciendo|(?:dice|dicen|dijo) que (?:ofrecen|ofrece|pagan|paga|dan)|cobraban|"
    r"culpable de ofrecer|acusad[oa] de ofrecer|(?:su|un|el) (?:patr[oó]n|jefe|primo|hermano|vecino) (?:ofrece|paga|est[aá] pagando))\b",
)
#: An offer in the speaker's own voice, now ("I'll pay", "pago", "doy", "whoever").
SPEAKER_OFFER = _rx(
    r"\b(?:i'?ll pay|i will pay|i pay|i'?m paying|we pay|we'?ll pay|we'?re paying|i got \S+ for|i'?ll give|i give|"
    r"i'?ll send|i'?ll cashapp|dm me|hmu|hit me up|my cashapp|my zelle|i need (?:somebody|someone)|"
    r"(?:we are|i am|we'?re) (?:offering|paying))\b",
    r"\b(?:pagamos|doy|damos|te doy|les doy|ofrezco|ofrecemos|pongo|ponemos|"
    r"m[aá]ndame|mand(?:en|e)me|inbox|necesito (?:que alguien|a alguien)|busco (?:a )?alguien)\b",
    # "pago" is "I pay", but after an article or a possessive it is the noun ("el pago se hizo
    # en dos partes", "su primer pago"): an account of a payment, not an offer
    r"\b(?:pago(?<!\bel pago)(?<!\bun pago)(?<!\bdel pago)(?<!\bal pago)(?<!\bsu pago)(?<!\bmi pago)(?<!\bprimer pago)(?<!\bese pago)(?<!\beste pago))\b",
)
#: An impersonal or passive offer ("se ofrece una recompensa", "a reward is being offered"):
#: nobody in particular speaks, so it is neither the speaker's own offer nor someone else's
#: past act; a lawful reward notice is usually worded this way.
IMPERSONAL_OFFER = _rx(
    r"\b(?:(?:is|are) (?:being |now )?offered|(?:has|have) been offered|(?:is|are) being paid|will be (?:paid|offered|given|awarded)|"
    r"(?:is|are) available for|(?:is|are) (?:being )?posted for)\b",
    r"\b(?:se (?:ofrece|ofrecen|paga|pagar[aá]|pagan|otorga|otorgar[aá]|dar[aá]|entregar[aá]|gratificar[aá])|"
    r"(?:ser[aá]|ser[aá]n) (?:pagad[oa]s?|otorgad[oa]s?|entregad[oa]s?))\b",
)
#: A lawful reward: from police, a court or a government, for information leading to an arrest.
LAWFUL_REWARD = _rx(
    r"\b(?:information leading to|leading to (?:the |an |his |her )?(?:arrest|conviction|capture|identification)|"
    r"crime ?stoppers|tip ?line|tips can be|remain anonymous|rewards? for justice|most wanted|wanted by|"
    r"(?:fbi|police|sheriff'?s? (?:office|department)|department|marshals|atf|dea|state department|county|city) "
    r"(?:is |are |has |have )?(?:offer\w*|announc\w*)|announced (?:a |an )?\$?\S* ?reward)\b",
    r"\b(?:informaci[oó]n que (?:lleve|conduzca|permita|ayude)|que conduzca a|denuncia an[oó]nima|"
    r"programa de recompensas|recompensas? de hasta|recompensa oficial|"
    r"(?:la fiscal[ií]a|la fgr|el gobierno|la polic[ií]a|el estado|la sspc|la secretar[ií]a) "
    r"(?:ofrece|otorgar[aá]|anunci[oó]))\b",
)
#: Hearsay and tips: the speaker passes on what someone else said, posted or offered.
HEARSAY = _rx(
    r"\b(?:heard (?:a|some|that|people|him|her|them|rumou?rs?|it)|"
    r"(?:someone|somebody|people|a guy|a man|a woman|some guy|some kids|kids|my \w+(?:'s \w+)?)(?: \w+){0,3} "
    r"(?:said|says|is saying|was saying|keeps saying|told me|was telling|is telling|been telling|was bragging|is bragging|posted|wrote)|"
    r"telling people|bragging|i'?m reporting|i want to report|i'?d like to report|reporting (?:a|this|that)|"
    r"i'?m calling (?:about|because)|i don'?t know if (?:it'?s|he|she|they|this)|i'?d rather you know|"
    r"a witness (?:told|said|testified)|told (?:jurors|the jury|the court)|testified|we are aware of|"
    r"(?:i|we) (?:saw|read) (?:a|that|this|on)|anyone else see|screenshots?|"
    r"(?:they|people|everyone|folks|ppl)(?:'re| are)? saying|what (?:ppl|people|they|folks) (?:are )?(?:saying|say)|"
    r"(?:someone|somebody) (?:sent|forwarded|showed) me|(?:someone|somebody) (?:posted|leaked|shared|published))\b",
    r"\b(?:quiero (?:reportar|denunciar)|les (?:informo|aviso) que|me (?:cont[oó]|dijo|dijeron|lleg[oó])|"
    r"dice que|dicen que|anda(?:n)? diciendo|presumiendo|una cadena|no s[eé] si es (?:real|cierto|verdad)|"
    r"tengo capturas|declar[oó]|le[ií] que|vi (?:un|una|que)|en un grupo de|(?:est[aá]n|andan) ofreciendo|"
    r"alguien (?:me |la |lo |los )?(?:mand[oó]|subi[oó]|poste[oó]|posti[oó]|public[oó]|comparti[oó]|filtr[oó])|me lleg[oó] de segunda mano|me (?:mandaron|pasaron|reenviaron)|"
    r"(?:someone|somebody) me mand[oó]|escuch[eé] (?:en|a|que)|reporto (?:una|un) (?:publicaci[oó]n|post|video|mensaje|grupo|p[aá]gina|cuenta))\b",
)
#: Officials' statements and warnings: the voice of a department, a court or a government.
OFFICIAL = _rx(
    r"\b(?:statement:|advisory:?|(?:dhs|cpd|ice|fbi|department|police|sheriff'?s office|superintendent|the mayor|"
    r"u\.s\. attorney|the county|the city|the state|consulate)(?: \w+)? (?:statement|said|says|advisory|reminds|urges|warns)|"
    r"will be (?:arrested|charged|prosecuted|found|held accountable|investigated|brought to justice|identified)|"
    r"will not (?:be )?tolerate[d]?|every resource|to the full(?:est)? extent|we urge|report any|the public|"
    r"(?:our|the) officers|our agents|our personnel|we are working with)\b",
    # a statement headed by the office that speaks ("Superintendent: ...", "ICE informa: ...")
    r"^(?:superintendent|commissioner|police chief|chief of police|the sheriff|sheriff|cpd|dhs|ice|cbp|fbi|the department|"
    r"polic[ií]a|fiscal[ií]a|ayuntamiento|gobierno|alcald[ií]a|sspc|secretar[ií]a)[\w .]{0,30}?(?: informa| announces| anuncia| update)?:",
    r"\b(?:no ser[aá] tolerad[oa]|no vamos a tolerar|enfrentar[aá]n? (?:cargos|la ley|todo)|todo el peso de la ley|"
    r"el consulado|la secretar[ií]a|el gobierno del estado|(?:la|el) (?:fiscal[ií]a|sspc|sedena|dhs|ice) (?:informa|recuerda|advierte)|"
    r"recuerda:|hacemos un llamado|exhortamos|se invita|nuestros (?:agentes|elementos|oficiales))\b",
)
#: Thanks, praise and congratulations: officers and officials named in kindness.
PRAISE = _rx(
    r"\b(?:thank(?:s| you)|grateful|shout ?out|congrat\w*|welcome home|happy (?:birthday|retirement|anniversary)|"
    r"respectful|kindness|helped (?:my|me|us|our)|appreciate\w*|proud of|years of service|for (?:your|his|her) service|rest in peace|rip|"
    r"nicest|nice guy|fixed my|block party|bbq|cookout|potluck|bring (?:a dish|your|ur)|sworn in|rescued|promoted|graduat\w+|"
    r"jury duty|new (?:vests|cars|equipment)|"
    r"to all (?:the )?(?:neighbou?rs|residents|tenants|parents|dog owners|members)|neighbou?rhood association|hoa meeting|"
    r"kind|family day|open house|stickers)\b",
    r"\b(?:gracias|agradec\w+|felicidades|felicitaciones|bienvenid[oa]s?|nos ayud[oó]|buena onda|feliz (?:cumplea[nñ]os|retiro)|"
    r"a[nñ]os de servicio|orgullos[oa]s?|descanse en paz|qepd|los esperamos|kerm[eé]s|convivio|"
    r"rescat(?:[oó]|aron|ado)|recibieron (?:nuevas|nuevos)|equipamiento|"
    r"(?:a|para) todos los (?:vecinos|colonos|inquilinos|socios|padres)|padres de familia|mesa directiva|junta de (?:la )?(?:asociaci[oó]n|vecinos|colonos)|faena|se ruega|"
    r"a la ciudadan[ií]a|se les informa|aviso importante|alerta vecinos|amable|d[ií]a de la familia|puertas abiertas|les regal[oó])\b",
)
#: Everyday idioms of killing and dying: the kill cue inside one of them is not an act.
IDIOM = _rx(
    r"\b(?:(?:is|are|it'?s|its|was|this \w+ is|rent is|feet are|back is) killing me|kills me|the death of me|"
    r"kill(?:ed|ing)? it|killing it|kill(?:ed|ing)? the clock|kill(?:ing)? time|to die for|dying to|i'?m dying|"
    r"dead tired|i'?m dead|murder(?:ed)? (?:the|that|this) (?:song|track|stage|set|beat|verse|exam|test|interview|game)|"
    r"killer (?:deal|app|price|workout|view|show|set|beat)|would kill for|kill for (?:a|some)|"
    r"shoot (?:me|us) (?:a|the|an|your) \w+|shoot (?:a|the) (?:video|photo|film|scene|hoops|pool|breeze)|photo ?shoot|"
    r"take a shot|shot (?:of|glass)|shots? fired(?: lol)?|blow(?:ing)? up my phone|(?:killed|killing|destroyed) our cap|"
    r"dead (?:battery|phone|serious)|deadline|drop dead gorgeous|(?:gonna|going to) kill (?:it|this)|"
    r"end you lmao|kill me now|dying of laughter|(?:gonna|going to|will|'ll) kill me|"
    r"shoot (?:me|us) (?:his|her|their|that|ur|your) \w+|eats? (?:him|her|them|you) alive|"
    r"kill(?:s|ed|ing)? (?:the|that|this|a|those|these|my|all the) (?:spiders?|bugs?|roach(?:es)?|cockroach\w*|mosquito\w*|fly|flies|ants?|wasps?|"
    r"rats?|mice|mouse|weeds?|lights?|engine|motor|music|vibe|mood|tab|process|app|batter(?:y|ies)|bill|measure|proposal|ordinance|"
    r"amendment|legislation|deal|plan|idea|rumou?r|story|momentum|buzz)|kill (?:hb|sb|ab) ?\d+|"
    r"green ?light(?:ed)? (?:on|for) (?:the|a|our|this|that|his|her|their) (?:project|plan|budget|deal|show|film|movie|series|season|pilot|"
    r"proposal|construction|renovation|merger|launch|trip|party|hire|expansion|sequel|contract|remodel)|"
    r"dead to (?:me|us|him|her|them)|(?:dog|cat|pet|horse|puppy) (?:[\w'’]+ ){0,6}(?:put down|put to sleep)|"
    r"put (?:down|to sleep) (?:the|my|our|his|her) (?:dog|cat|pet|horse))\b",
    r"\b(?:me mata(?:n|s)?|me est[aá]n? matando|me muero (?:de|por)|muert[oa] de (?:risa|hambre|sue[nñ]o|cansancio|miedo)|"
    r"matar el tiempo|me dej[oó] muert[oa]|la rompi(?:[oó]|mos|ste)|morir(?:me)? de (?:risa|hambre)|de muerte|"
    r"me matas? de (?:risa|hambre)|piso nuevo|pusimos piso|mat[oó] en (?:el|la) (?:examen|show|escenario)|"
    r"me va a matar|me van a matar|me mata si|muert[oa] para m[ií]|"
    # "ya me cargó el payaso", "que se lo cargue el payaso": a curse on one's luck, not a killing
    r"se (?:lo|la|los|las) carg(?:ue|uen|ó|o|a) el payaso|(?:me|te|nos|lo|la|le|les) carg(?:ó|o|a|ue) el payaso|"
    r"mat(?:ar|a|ó|o|en|amos) (?:la|las|el|los|esa|ese|una|un|esta|este) (?:ara[nñ]as?|cucarachas?|moscas?|mosquitos?|hormigas?|ratas?|rat[oó]n|plagas?|hierbas?))\b",
)
CONDITIONAL = _rx(r"\b(?:if|unless|until|should (?:he|she|they)|si|a menos que|hasta que|en caso de que)\b")
JOCULAR = _rx(
    r"\b(?:lo+l+|lmf?ao+|rofl|jk|j/k|just kidding|just joking|haha\w*|hehe\w*|jaja\w*|jeje\w*|xd+|es broma|nomas (?:es )?broma|"
    r"no manches|bro|wey|güey|guey|compa|my dude|literally dying|i'?m dead|dead ass|😂|🤣)\b|😂|🤣|😅|😆",
)
SPEAKER_FIRST = _rx(r"\b(?:i|i'?m|i'?ll|me|my|we|our|us|yo|nosotros|mi|mis|nuestro|nuestra)\b")
SECOND_PERSON = _rx(r"\b(?:you|your|u|ur|t[uú]|te|tu|usted|ustedes|su familia|tus)\b")
IMPERATIVE_START = _rx(
    r"(?:^|[.!?\n]\s*)(?:go|get|find|kill|shoot|burn|hang|take|grab|hit|beat|follow|track|send|bring|"
    r"maten|quemen|cuelguen|busquen|encuentren|sigan|agarren|traigan|levanten|bajen|manden|pasen|"
    r"ubiquen|vayan|denle|chínguense|chinguense)\b"
)
NEWS_FRAME = _rx(
    r"^(?:[A-Z][\w.]+ )?(?:\([A-Z]+\)|[A-Z]{3,}[,.]?\s?(?:—|-|–))|"
    r"\b(?:on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"el (?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)|this week|last week|"
    r"yesterday|ayer|la semana pasada|years? old|a[nñ]os de edad|county|condado|federal court|"
    r"tribunal|juzgado|district of)\b",
    # four digits standing alone (a year, as before), never the last four of a phone number,
    # part of "$2,000" or a street number ("1900 S Blue Island")
    r"(?<![\w$.,:/-])(?:19|20)\d\d(?![\w.,:/-]|\s?(?:w|s|n|e|west|south|north|east|ave|st|blvd)\b)",
)
#: The speaker's own future act is a lawful one: a complaint, a vote, a camera, a march, words
#: ("we will file a complaint", "I'll be back with a better camera", "lo vamos a decir en cada
#: urna"). Verbs that can carry a threat ("wait for", "find", "be there", "buscar", "esperar")
#: are left out on purpose.
LAWFUL_FUTURE = _rx(
    r"\b(?:(?:i'?ll|i will|i'?m (?:going to|gonna)|we'?ll|we will|we'?re (?:going to|gonna)|we are (?:going to|gonna)|imma) "
    r"(?:\w+ ){0,2}?(?:file|sue|vote|testify|report (?:this|it|him|her|them)|record|film|march|protest|pray|petition|complain|"
    r"keep (?:filming|recording|marching|protesting|talking|asking|calling|writing|voting|showing up)|be back with|tell (?:him|her|them|everyone|everybody)|"
    r"say (?:it|this)|speak (?:up|out)|write (?:to|my|our|the)|call (?:my|our|the|his|her|their) (?:alderman|congress\w*|representative|senator|office|lawyer)|"
    r"organi[sz]e|remember (?:in|at|this in|on)|post (?:the|this|it) (?:video|footage)|see (?:you|him|her|them) in court))\b",
    r"\b(?:(?:voy|vamos|iremos) a (?:\w+ )?(?:decir|denunciar|votar|marchar|exigir|grabar|demandar|protestar|orar|rezar|"
    r"hablar|escribir|reportar|recordar|luchar en|pelear en|seguir (?:grabando|marchando|exigiendo|buscando|denunciando))|"
    r"no (?:vamos|voy) a dejar de (?:buscar|exigir|marchar|hablar|grabar|luchar|denunciar)|no (?:nos|me) (?:vamos|voy) a callar)\b",
)
#: A tip that names no behaviour: the tipster says nothing was done, or passes on only who
#: someone is or what language they speak (TAXONOMY: behaviour, never identity).
NO_BEHAVIOUR = _rx(
    r"\b(?:(?:haven'?t|have not|didn'?t|did not|never) (?:seen|noticed|done|heard) (?:anything|nothing)|"
    r"nothing (?:suspicious|weird|strange|wrong|illegal|bad)|just (?:letting|thought|wanted to let|in case|fyi)|"
    r"not sure if|only speaks?|speak (?:another|a different|their own) language|looks? (?:\w+ )?(?:foreign|middle eastern)|"
    r"no (?:he|hemos|han) (?:visto|notado|hecho|o[ií]do) nada|nada raro|nada malo|nada sospechoso|por si acaso|"
    r"no threat|no credible threat|follow-up found|sin amenaza|solo (?:quer[ií]a|quiero) avisar|quer[ií]a avisar|hablan (?:en )?otro idioma|no s[eé] si (?:son|es|est[aá]n|tienen))\b",
)
HARM_GENERIC = _rx(
    r"\b(?:hurt|harm|pay for this|regret|suffer|bleed|die|death|dead|blood|sangre|morir|muerte|"
    r"sufrir|pagar caro|lo van a lamentar|arrepentir)\b"
)

#: Every cue class the feature extractor counts, by a stable name (the model file pins these).
CUES: dict[str, CueClass] = {
    "kill": KILL,
    "assault": ASSAULT,
    "kidnap": KIDNAP,
    "ramming": RAMMING,
    "arson": ARSON,
    "intel": INTEL,
    "offer": OFFER,
    "offer_crypto": OFFER_CRYPTO,
    "offer_gift": OFFER_GIFT,
    "offer_drugs": OFFER_DRUGS,
    "offer_favour": OFFER_FAVOUR,
    "target_role": TARGET_ROLE,
    "target_pronoun": TARGET_PRONOUN,
    "terms": TERMS,
    "reported": REPORTED,
    "protected": PROTECTED,
    "lawful_money": LAWFUL_MONEY,
    "game": GAME,
    "first_person_threat": FIRST_PERSON_THREAT,
    "incite": INCITE,
    "surveil": SURVEIL,
    "pii": PII,
    "dox_frame": DOX_FRAME,
    "conditional": CONDITIONAL,
    "jocular": JOCULAR,
    "speaker_first": SPEAKER_FIRST,
    "second_person": SECOND_PERSON,
    "imperative_start": IMPERATIVE_START,
    "news_frame": NEWS_FRAME,
    "harm_generic": HARM_GENERIC,
    "negated_kill": NEGATED_KILL,
    "reported_offer": REPORTED_OFFER,
    "speaker_offer": SPEAKER_OFFER,
    "lawful_reward": LAWFUL_REWARD,
    "impersonal_offer": IMPERSONAL_OFFER,
    "hearsay": HEARSAY,
    "official": OFFICIAL,
    "praise": PRAISE,
    "idiom": IDIOM,
    "lawful_future": LAWFUL_FUTURE,
    "no_behaviour": NO_BEHAVIOUR,
}

MATCHER = CueSet(CUES)

#: Identity terms (nationality, ethnicity, religion, language, immigration status). The
#: n-gram features see each of them as one neutral token, so the model cannot learn to
#: weigh who someone is: TAXONOMY's "behaviour, never identity", enforced by construction.
IDENTITY = re.compile(
    r"\b(?:mexican[oa]?s?|guatemaltec[oa]s?|hondure[nñ][oa]s?|salvadore[nñ][oa]s?|venezolan[oa]s?|"
    r"colombian[oa]s?|cuban[oa]s?|dominican[oa]s?|puertorrique[nñ][oa]s?|puerto rican|haitian[oa]?s?|"
    r"centroamerican[oa]s?|central american|latin[oa]s?|latinx|latine|hispan(?:ic|o|a|os|as)s?|chican[oa]s?|"
    r"irish|italian[oa]?s?|polish|polac[oa]s?|ukrainian[oa]?s?|russian[oa]?s?|chinese|chin[oa]s?|asian|"
    r"asi[aá]tic[oa]s?|indian|hind[uú]e?s?|arab(?:e|es|ic)?|[aá]rabes?|african(?:[oa]s?)?|afroamerican[oa]s?|"
    r"black|white|blanc[oa]s?|negr[oa]s?|morenos?|ind[ií]genas?|native|nativ[oa]s?|americans?|estadounidenses?|"
    r"canadi(?:an|ense)s?|gringos?|somali|nigerian[oa]?s?|filipin[oa]s?|vietnam(?:ese|ita)s?|korean[oa]?s?|"
    r"muslims?|musulman(?:a|es|as)?|musulmán|islam(?:ic)?|isl[aá]mic[oa]s?|mosques?|mezquitas?|"
    r"christians?|cristian[oa]s?|catholics?|cat[oó]lic[oa]s?|evang[eé]lic(?:al|[oa])s?|protestant(?:e|es)?s?|"
    r"jews?|jewish|jud[ií][oa]s?|synagogues?|sinagogas?|mormons?|sikhs?|hindus?|budist[ao]s?|buddhists?|"
    r"church(?:es)?|iglesias?|templos?|temples?|"
    r"spanish|espa[nñ]ol|english|ingl[eé]s|arabic|mandarin|mandar[ií]n|k'iche'?|mixteco|zapoteco|n[aá]huatl|"
    r"creole|portuguese|portugu[eé]s|french|franc[eé]s|"
    r"undocumented|indocumentad[oa]s?|sin papeles|con papeles|illegals?|ilegales?|illegal aliens?|aliens?|"
    r"immigrants?|inmigrantes?|migrants?|migrantes?|refugees?|refugiad[oa]s?|asylum seekers?|"
    r"solicitantes? de asilo|asylees?|dreamers?|daca|green card holders?|residentes?|residents?|"
    r"citizens?|ciudadan[oa]s?|foreigners?|extranjer[oa]s?|mojados?|wetbacks?|documented|documentad[oa]s?|"
    r"legal(?:es)?|tourists?|turistas?|europe(?:an|o|a)s?|irland[eé]s(?:es|as)?|irlandesa|mormon(?:es|s)?|mormón)\b",
)
