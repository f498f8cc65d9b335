"""Orphaned decisions: decisions on rows the pipeline no longer produces (a rule or the text
changed, so the row's `row_id` changed). The list page shows each with its old evidence
(the decision's `original` row) and the rows the document has now; the reviewer re-attaches
it to one of them (same decision, same corrections) or drops it.

The document is taken from the saved decision, never from the request; a target row must be
a row of today's investments.csv of that same document.
"""
from __future__ import annotations

from flask import Flask, abort, flash, redirect, request, url_for

from pipeline.review.output import Output
from pipeline.review.store import ReviewStore


def orphans(output: Output, store: ReviewStore) -> list[dict]:
    """Each orphaned decision with `candidates`: today's rows of its document, same kind first."""
    out = []
    for decision in store.orphaned(set(output.by_id)):
        kind = (decision.get("original") or {}).get("kind")
        rows = [r for r in output.rows if r["doc_id"] == decision["doc_id"]]
        out.append({**decision, "candidates": sorted(rows, key=lambda r: r.get("kind") != kind)})
    return out


def register(app: Flask, output: Output, store: ReviewStore) -> None:
    """The two POST routes: re-attach an orphaned decision to a row, or drop it."""

    def orphan(row_id: str) -> dict:
        found = next((d for d in store.orphaned(set(output.by_id)) if d["row_id"] == row_id), None)
        return found or abort(404, "no orphaned decision on that row")

    @app.post("/orphan/<row_id>/attach")
    def reattach(row_id: str):
        output.refresh()
        decision = orphan(row_id)
        target = output.by_id.get(request.form.get("target", ""))
        if target is None or target["doc_id"] != decision["doc_id"]:
            flash("not saved: pick a row of the same document", "error")
        else:
            store.reattach(decision["doc_id"], row_id, target)
            flash(f"saved: {decision['decision']} re-attached to a row of {target['doc_id']}", "ok")
        return redirect(url_for("rows_page") + "#orphaned", 303)

    @app.post("/orphan/<row_id>/drop")
    def drop(row_id: str):
        output.refresh()
        decision = orphan(row_id)
        store.drop(decision["doc_id"], row_id)
        flash(f"saved: dropped the {decision['decision']} decision on a former row of {decision['doc_id']}", "ok")
        return redirect(url_for("rows_page") + "#orphaned", 303)
