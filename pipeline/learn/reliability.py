"""Is the confidence calibrated? Per confidence bin: rows, mean confidence, share right.

A row is right when its amount is a gold investment and its investor and country are the
gold ones (`same_org`, ISO code). `make eval` prints the table per split.

>>> bins([(0.9, True), (0.8, False), (0.1, False)], width=0.5)[1]
{'bin': '0.5-1.0', 'count': 2, 'mean_confidence': 0.85, 'accuracy': 0.5}
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


def pairs(details: dict, gold_by_doc: dict) -> list[tuple[float, bool]]:
    out = []
    for doc_id, detail in sorted(details.items()):
        for row in detail["rows"].investments:
            if row["kind"] == "investment":
                out.append((float(row.get("confidence") or 0.0), row_right(row, gold_by_doc.get(doc_id, {}))))
    return out


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
