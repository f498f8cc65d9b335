"""Dependency features between two spans of one parsed sentence (a spaCy Doc of that
sentence only: the parser runs where the facts are, never on the whole document).

The path between two spans goes from each span's head token up to their lowest common
ancestor; its labels (`nsubj`, `obl`, `nmod`, `appos`, `conj`...) say how they are tied.
"""
from __future__ import annotations

import bisect
from typing import Any

from spacy.attrs import IDX, LENGTH

PATH_LABELS = ("nsubj", "obj", "obl", "nmod", "appos", "conj", "acl", "advcl", "ccomp", "xcomp")
MAX_PATH = 8


def head_token(doc: Any, start: int, end: int):
    """The token of `doc` that heads the characters [start, end) (relative to the Doc), or None."""
    starts, ends = _offsets(doc)
    first, stop = bisect.bisect_right(ends, start), bisect.bisect_left(starts, end)
    tokens = [doc[i] for i in range(first, stop)]   # the tokens overlapping [start, end)
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])


def _offsets(doc: Any) -> tuple[list[int], list[int]]:
    """Start and end characters of the tokens of `doc` (both ascending), kept in the Doc."""
    if "token_offsets" not in doc.user_data:
        starts, lengths = doc.to_array([IDX, LENGTH]).T.tolist() if len(doc) else ([], [])
        doc.user_data["token_offsets"] = (starts, [s + n for s, n in zip(starts, lengths)])
    return doc.user_data["token_offsets"]


def _chain(token) -> list:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def _base(dep: str) -> str:
    return dep.split(":")[0]


def path_features(doc: Any, anchor: tuple[int, int], cand: tuple[int, int]) -> dict[str, float]:
    """Features of the dependency path from the anchor (amount) to the candidate span.

    `syn_subject`: the candidate is the subject of a verb that governs the amount;
    `syn_under_anchor`: the candidate depends on the amount ("2 milliards en Pologne");
    `syn_path_<label>`: the label occurs on the path; `syn_path_len`: tokens on it.
    """
    a, c = head_token(doc, *anchor), head_token(doc, *cand)
    if a is None or c is None:
        return {"syn_missing": 1.0}
    up_a, up_c = _chain(a), _chain(c)
    ids_a = [t.i for t in up_a]
    common = next((t for t in up_c if t.i in ids_a), None)
    if common is None:
        return {"syn_missing": 1.0}
    steps_c = [t for t in up_c[:[t.i for t in up_c].index(common.i)]]
    steps_a = up_a[:ids_a.index(common.i)]
    labels = {_base(t.dep_) for t in steps_c + steps_a}
    out = {f"syn_path_{label}": 1.0 for label in PATH_LABELS if label in labels}
    out["syn_path_len"] = min(len(steps_c) + len(steps_a), MAX_PATH) / MAX_PATH
    out["syn_under_anchor"] = float(common.i == a.i)
    out["syn_over_anchor"] = float(common.i == c.i)
    subj = _base(c.dep_) == "nsubj" and c.head.i in ids_a
    # "X, filiale de Y, investira": X is nsubj; Y hangs below X (nmod of an appos)
    out["syn_subject"] = float(subj)
    out["syn_in_subject"] = float(not subj and any(_base(t.dep_) == "nsubj" and t.head.i in ids_a
                                                   for t in steps_c))
    out[f"syn_dep_{_base(c.dep_)}"] = 1.0 if _base(c.dep_) in PATH_LABELS else 0.0
    return out
