"""Is the confidence calibrated? Per confidence bin: rows, mean confidence, share right.

An investment row is right when its amount is a gold investment and its investor and
country are the gold ones (`same_org`, ISO code); a commitment row when its category is a
gold commitment of the document (`is_right`). The calibration (`pipeline.learn.calibrate`)
learns this same definition. `make eval` prints the table and the expected calibration
error (`ece`: the bins' gap |mean confidence - share right|, weighted by their rows) per split.

>>> bins([(0.9, True), (0.8, False), (0.1, False)], width=0.5)[1]
{'bin': '0.5-1.0', 'count': 2, 'mean_confidence': 0.85, 'accuracy': 0.5}
>>> ece([(0.9, True), (0.8, False), (0.1, False)], width=0.5)
0.2667
"""
from __future__ import annotations

from pipeline.learn.evaluate import amount_key, same_org


def row_right(row: dict, gold: dict) -> bool:
    key = amount_key(row.get("amount_value"), row.get("amount_currency"))
    for inv in gold.get("investments", []):
        if amount_key(inv.get("amount_value"), inv.get("currency")) == key:
            g_inv, g_cty = inv.get("investor") or "", inv.get("country") or ""
            investor_ok = row.get("investor", "") == g_inv or (g_inv and row.get("investor") and same_org(g_inv, row["investor"]))
            return bool(investor_ok) and (row.get("country") or "") == g_cty
    return False


def is_right(row: dict, gold: dict) -> bool:
    """Whether a row of investments.csv (either kind) is right against its document's gold."""
    if row["kind"] == "commitment":
        return row.get("category") in {c.get("category") for c in gold.get("commitments", [])}
    return row_right(row, gold)


def pairs(details: dict, gold_by_doc: dict, kind: str = "investment") -> list[tuple[float, bool]]:
    out = []
    for doc_id, detail in sorted(details.items()):
        for row in detail["rows"].investments:
            if row["kind"] == kind:
                out.append((float(row.get("confidence") or 0.0), is_right(row, gold_by_doc.get(doc_id, {}))))
    return out


def ece(scored: list[tuple[float, bool]], width: float = 0.1) -> float:
    """Expected calibration error over bins of `width` (0.0 without rows)."""
    count = round(1 / width)
    by_bin: dict[int, list[tuple[float, bool]]] = {}
    for p, y in scored:
        by_bin.setdefault(min(count - 1, int(p / width + 1e-9)), []).append((p, y))
    gaps = sum(abs(sum(p for p, _ in inside) - sum(y for _, y in inside)) for inside in by_bin.values())
    return round(gaps / len(scored), 4) if scored else 0.0


def bins(scored: list[tuple[float, bool]], width: float = 0.2) -> list[dict]:
    out = []
    count = round(1 / width)
    for b in range(count):
        lo, hi = b * width, (b + 1) * width
        inside = [(p, y) for p, y in scored if lo <= p < hi or (b == count - 1 and p >= hi)]
        if inside:
            out.append({"bin": f"{lo:.1f}-{hi:.1f}", "count": len(inside),
                        "mean_confidence": round(sum(p for p, _ in inside) / len(inside), 3),
                        "accuracy": round(sum(y for _, y in inside) / len(inside), 3)})
    return out
