"""Is this place a site of the document's investment? A trained decision over every city
or region mention (SITE or PLACE), run before the facts are assembled.

The rules (`pipeline.mentions.places.classify_places`) want a facility word next to the
place: they miss sites named far from one ("l'entreprise s'installe à Mougins", "le projet,
situé près de Talavera de la Reina") and take places near facility words in background
sentences (a competitor's plant, an earlier campus, a cancelled project). The model reads
named features a linguist would read (`site_features`): the rules' verdict, the distance
to a facility word, locative frames ("s'installe à", "situé près de", "à 50 km de"),
headquarters and venue words, past, cancelled, rumoured or competitor context, a furniture
line, a dateline, an investment amount or the main company in the sentence, the kind of
gazetteer entry, repeats; when the place's sentence happens and who speaks in it
(`pipeline.facts.site_background`: a completed event, a quotation). The word lists are data: `models/assembly/site_cues.json`.

The model is plain JSON, `models/assembly/sites.json` (`pipeline.learn.train_sites`, a
logistic regression read with the link scorer's helpers). Without it, the rules' labels
stay.
"""
from __future__ import annotations

import json
import re

from pipeline.facts.context import Context, clause_of, is_locative
from pipeline.facts.site_background import background_features
from pipeline.facts.scorer import probability
from pipeline.mentions.actors import follows_payer_verb
from pipeline.mentions.mention import Mention
from pipeline.mentions.places import share_list_status
from pipeline.rules.lexicon import cues, literal_alternation, load_json, models_dir, rules_cache, word_set

MODEL_FILE = "assembly/sites.json"
CUES_FILE = "assembly/site_cues.json"
_COLLECT: dict = {"on": False, "rows": []}
_DATELINE = re.compile(r"^[\s\w'’-]{0,40}(?:\(\s*\w+\s*\)|,\s*le\s+\d|\s+[-–—]\s)")


def collect(on: bool) -> None:
    """Record every candidate place with its features (training data)."""
    _COLLECT["on"], _COLLECT["rows"] = on, []


def collected() -> list:
    """(place mention, features, rules' SITE verdict) seen since the last call."""
    rows, _COLLECT["rows"] = _COLLECT["rows"], []
    return rows


@rules_cache
def load_site_model() -> dict | None:
    """The site model of the rules folder in use, or None when there is none."""
    path = models_dir() / MODEL_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


@rules_cache
def site_cue_groups() -> dict[str, tuple[re.Pattern, ...]]:
    groups = load_json(CUES_FILE).get("groups", {})
    return {name: tuple(re.compile(p, re.IGNORECASE) for p in patterns) for name, patterns in sorted(groups.items())}


@rules_cache
def site_cue_alternations() -> dict[str, re.Pattern]:
    """One regex per cue group, the alternation of its patterns: a piece has a match of the
    group when it has one of any of them (one scan per piece, shared by the places of a
    sentence through `Context.groups_in`; the patterns have no backreference nor group name)."""
    groups = load_json(CUES_FILE).get("groups", {})
    return {name: re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)", re.IGNORECASE)
            for name, patterns in sorted(groups.items())}


def candidates(ctx: Context) -> list[Mention]:
    """City and region mentions (not Europe-like regions) the model may label SITE."""
    return [m for m in ctx.mentions if m.label in {"SITE", "PLACE"} and m.detail != "region"]


def decide_sites(ctx: Context) -> None:
    """Relabel each candidate place SITE or PLACE by the site model (no model: unchanged): a
    rules' site stays from `threshold` on, another place becomes one from `add_threshold`."""
    model = load_site_model()
    if model is None and not _COLLECT["on"]:
        return
    places = candidates(ctx)
    scored = [(mention, site_features(ctx, mention, places)) for mention in places]   # rules' labels as features
    if _COLLECT["on"]:
        _COLLECT["rows"].extend((mention, features, mention.label == "SITE") for mention, features in scored)
        return
    rule_sites = {m.value for m in places if m.label == "SITE"}
    verdicts = {}
    for mention, features in scored:
        limit = model["threshold"] if mention.label == "SITE" else model["add_threshold"]
        verdicts[id(mention)] = probability(model, features) >= limit
    vetoed = frozenset(id(m) for m in places if _never_a_site(ctx, m))
    for mention in places:   # "à 25 km d'Aarhus", "n'annoncera pas d'usine près de Grenoble": never a site
        if id(mention) in vetoed:
            verdicts[id(mention)] = False
    kept = {m.value for m in places if verdicts[id(m)]}
    for mention in places:
        # the model picks among places; it does not take away an article's only facility place
        sole = len(rule_sites) == 1 and not kept and mention.value in rule_sites
        mention.label = "SITE" if verdicts[id(mention)] or sole else "PLACE"
    share_list_status(places, ctx.text, vetoed)   # "dans les régions de Kankan et de Nzérékoré"
    ctx.forget_index()


@rules_cache
def _org_noun_end() -> re.Pattern:
    return re.compile(rf"\b(?:{literal_alternation(word_set('org_nouns_before_names'))})\s+$", re.IGNORECASE)


_DETERMINER_END = re.compile(r"\b(?:[Ll]e|[Ll]a|[Ll]['’])\s*$")


def _origin_adjective(text: str, mention: Mention) -> bool:
    """A city adjective that tells a company's origin: after an organisation noun ("la société
    grenobloise"), or after a determiner with a name next ("le bâlois Vireno")."""
    if not mention.text[:1].islower():
        return False
    lo = max(0, mention.start - 40)
    return bool(_org_noun_end().search(text, lo, mention.start) or _DETERMINER_END.search(text, lo, mention.start)
                and re.match(r"\s+[A-ZÀ-Ý]", text[mention.end:mention.end + 3]))


def _never_a_site(ctx: Context, mention: Mention) -> bool:
    """A distance reference ("à 25 km d'Aarhus"), a company's origin ("le bâlois Vireno"), a
    place inside an organisation's name ("l'université de Corse"), the clients' place ("nos
    clients de Lille"), a place named as the government that pays ("la Wallonie y consacrera
    35 millions"), or a place in a clause that denies or drops the facility ("ne reprendra
    pas l'usine de Roanne", "n'ira pas plus loin", "Pourquoi pas Linz ?")."""
    text = ctx.text
    if any(c.regex.search(text, max(0, mention.start - 90), mention.start) for c in cues("distance_reference_cues")):
        return True
    if _origin_adjective(text, mention):
        return True   # "le bâlois Vireno", "La scale-up brugeoise": where the company comes from
    if any(o.start <= mention.start and mention.end <= o.end for o in ctx.in_span("ORG", max(0, mention.start - 120), mention.start + 1)):
        return True   # a place in an organisation's name: "l'université de Corse"
    if any(c.regex.search(text, max(0, mention.start - 80), mention.start) for c in cues("demand_place_cues")):
        return True   # "Nos clients de Toulouse et d'Agen nous demandaient un site de secours"
    if follows_payer_verb(text, mention.end) and not is_locative(text, mention):
        return True
    s_start, s_end = ctx.sentences.of(mention.start)
    c_start, c_end = clause_of(text, mention.start, mention.end, s_start, s_end)
    return any(c.regex.search(text, c_start, c_end) for c in cues("negated_place_cues"))


def site_features(ctx: Context, mention: Mention, places: list[Mention]) -> dict[str, float]:
    """Named numeric features of one place mention."""
    text = ctx.text
    s_start, s_end = ctx.sentences.of(mention.start)
    c_start, c_end = clause_of(text, mention.start, mention.end, s_start, s_end)
    scopes = {"left": (max(s_start, mention.start - 60), mention.start),
              "right": (mention.end, min(s_end, mention.end + 40)),
              "clause": (c_start, c_end), "sentence": (s_start, s_end)}
    out: dict[str, float] = {"rule_site": float(mention.label == "SITE"),
                             "from_gazetteer": float(mention.method == "rule"),
                             "adjective": float(mention.detail == "adjective")}
    groups = site_cue_alternations()
    out.update(ctx.scope_flags(groups, scopes))
    found = {scope: ctx.groups_in(groups, *span) for scope, span in scopes.items()}   # memoized by the context
    line_span = _line(text, mention.start)
    line = text[slice(*line_span)]
    if "furniture" in ctx.groups_in(groups, *line_span):
        out["furniture@line"] = 1.0
    if mention.detail == "adjective":
        out.update(_adjective_reading(text[max(s_start, mention.start - 40):mention.start]))
    out.update(_facility_distance(ctx, s_start, s_end, mention.start - s_start))
    out.update(_sentence_facts(ctx, mention, s_start, s_end))
    out.update(background_features(ctx, mention, found, (s_start, s_end)))
    out.update(_shape(ctx, mention, places, line, s_start))
    return out


_FACILITY_BEFORE = re.compile(r"\b(?:centres?(?: de données)?|campus|sites?|usines?|data ?cent(?:er|re)s?|laboratoires?|labos?"
                              r"|hubs?|supercalculateurs?|entrepôts?|bâtiments?|bureaux)\s+$", re.IGNORECASE)


def _adjective_reading(before: str) -> dict[str, float]:
    """What a city adjective qualifies: a facility ("un centre parisien": where it is) or a
    company ("la start-up grenobloise": where the company comes from)."""
    return {"adjective_of_facility": float(bool(_FACILITY_BEFORE.search(before))),
            "adjective_of_company": float(any(c.regex.search(before) for c in cues("origin_nouns")))}


def _line(text: str, offset: int) -> tuple[int, int]:
    """(start, end) of the line of `offset`."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, end if end >= 0 else len(text)


def _facility_distance(ctx: Context, s_start: int, s_end: int, offset: int) -> dict[str, float]:
    """Characters from `offset` (in the sentence) to the closest facility word of the sentence."""
    hits = [min(abs(start - offset), abs(end - offset)) for _, start, end in ctx.cue_matches("facility_cues", s_start, s_end)]
    return {"facility_distance": min(3.0, min(hits) / 100) if hits else 3.0}


def _sentence_facts(ctx: Context, mention: Mention, s_start: int, s_end: int) -> dict[str, float]:
    """An amount, an investment cue, the main company, a country in the place's sentence."""
    money = [m for m in ctx.in_span("AMOUNT", s_start, s_end) if m.obj is not None]
    main = ctx.main_company()
    orgs = {m.value for m in ctx.in_span("ORG", s_start, s_end) if m.detail != "institution"}   # a university is no company
    return {"amount_in_sentence": float(bool(money)),
            "investment_cue": float(ctx.has_cue("investment_cues", s_start, s_end)),
            "main_company_in_sentence": float(bool(main) and main in orgs),
            "other_company_in_sentence": float(bool(orgs - {main})),
            "main_country": float(bool(mention.country) and mention.country == ctx.main_country())}


def _shape(ctx: Context, mention: Mention, places: list[Mention], line: str, s_start: int) -> dict[str, float]:
    index = ctx.sentences.index(mention.start)
    line_start = ctx.text.rfind("\n", 0, mention.start) + 1
    same = [p for p in places if p.value == mention.value]
    earlier = any(s_start <= p.start < mention.start for p in places if p is not mention)
    return {"dateline": float(mention.text.isupper() or (mention.start - line_start <= 2
                                                         and bool(_DATELINE.match(ctx.text, mention.start)))),
            "first_sentence": float(index == 0), "sentence_share": round(index / max(1, len(ctx.sentences.spans)), 3),
            "short_line": float(len(line) < 90 and not line.rstrip().endswith(".")),
            "repeats": float(min(len(same), 4)), "rule_site_repeats": float(min(4, sum(p.label == "SITE" for p in same))),
            "earlier_place_in_sentence": float(earlier)}
