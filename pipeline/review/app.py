"""The review web app: `create_app(output_dir, corpus_dir)` -> a Flask app; `serve` runs it.

Pages: `/` rows of investments.csv with filters and progress, and the orphaned decisions
(`pipeline.review.orphans`); `/row/<row_id>` one row with
its paragraph, mentions, fields, rule and the accept / reject / correct forms; `/doc/<doc_id>`
the whole article, to add a missed fact; `/export.csv` the reviewed table. Every POST saves
one decision at once through `ReviewStore` and redirects (no state in the page).

Safety: loopback only (other hosts refused, Host header checked against DNS rebinding), a
per-run token on every POST (no cross-site form posts), Jinja autoescape on article text,
a strict Content-Security-Policy, no path taken from a request (doc ids name files only
after `safe_doc_id`, article files only inside the corpus folder).
"""
from __future__ import annotations

import secrets
import socket
from pathlib import Path
from urllib.parse import urlsplit

from flask import (Flask, Response, abort, flash, redirect, render_template, request,
                   url_for)

from pipeline.review import orphans
from pipeline.review.highlight import LABELS, passage, span_passage
from pipeline.review.output import (FILTERS, STATES, Output, OutputError, clean_query,
                                    select_rows)
from pipeline.review.samples import (FieldError, clean_fields, reviewed_row)
from pipeline.review.store import ReviewStore, StoreError, safe_doc_id
from pipeline.io.table import row_id as make_row_id
from pipeline.review.views import (ADD_FORM, add_choices, added_fields, as_int, changed_fields, describe, digits,
                                   filter_choices, line_spans, neighbours, progress)

LOOPBACK = ("127.0.0.1", "localhost", "::1")
INVESTMENT_FORM = ("investor", "recipient", "amount_value", "amount_currency", "amount_kind",
                   "amount_max", "country", "sites", "people", "period_start", "period_end")
COMMITMENT_FORM = ("investor", "country", "sites", "people", "category", "target_value",
                   "target_unit", "period_start", "period_end")


def create_app(output_dir: str | Path, corpus_dir: str | Path, reviewer: str = "reviewer") -> Flask:
    """The review app on `output_dir` (tables) saving to `corpus_dir`/reviews/.

    Raises OutputError (one line) when the output folder cannot be opened."""
    output = Output(output_dir, corpus_dir)
    store = ReviewStore(Path(corpus_dir) / "reviews", reviewer=reviewer)
    app = Flask(__name__)
    app.config.update(SECRET_KEY=secrets.token_hex(32), REVIEW_TOKEN=secrets.token_urlsafe(24),
                      REVIEWER=reviewer, MAX_CONTENT_LENGTH=256 * 1024)
    app.extensions["review"] = (output, store)
    app.add_template_filter(digits)
    _register_guards(app)
    _register_pages(app, output, store)
    orphans.register(app, output, store)
    return app


def _register_guards(app: Flask) -> None:
    @app.before_request
    def _guard():
        if urlsplit(f"//{request.host}").hostname not in LOOPBACK:
            abort(400, "this page answers on 127.0.0.1 only")
        if request.method == "POST":
            token = request.form.get("token", "")
            if not secrets.compare_digest(token.encode(), app.config["REVIEW_TOKEN"].encode()):
                abort(403, "missing or stale page token: reload the page")

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.errorhandler(400)
    @app.errorhandler(403)
    @app.errorhandler(404)
    def _error(exc):
        return render_template("error.html", error=exc), exc.code

    @app.errorhandler(StoreError)
    def _store_error(exc):
        return render_template("error.html", error=exc), 500

    @app.context_processor
    def _globals():
        return {"token": app.config["REVIEW_TOKEN"], "reviewer": app.config["REVIEWER"],
                "labels": LABELS}


def _register_pages(app: Flask, output: Output, store: ReviewStore) -> None:
    @app.get("/")
    def rows_page():
        output.refresh()
        query, decisions = clean_query(request.args), store.decisions()
        selected = select_rows(output.rows, query, decisions)
        return render_template(
            "list.html", rows=selected, decisions=decisions, query=query, states=STATES,
            progress=progress(output.rows, decisions), shown=progress(selected, decisions),
            choices=filter_choices(output.rows), doc_ids=output.doc_ids(),
            orphans=orphans.orphans(output, store),
            added=sum(d["decision"] == "add" for d in decisions.values()))

    @app.get("/row/<row_id>")
    def row_page(row_id: str):
        output.refresh()
        row = output.by_id.get(row_id) or abort(404, "no such row in investments.csv")
        query, decisions = clean_query(request.args), store.decisions()
        selected = select_rows(output.rows, query, decisions)
        article = output.article(row["doc_id"])
        start, end = as_int(row.get("start")), as_int(row.get("end"))
        text_passage = None
        if article.text is not None and 0 <= start < end <= len(article.text):
            text_passage = passage(article.text, start, end, output.mentions.get(row["doc_id"], []),
                                   (start, end), article.body_start)
        decision = decisions.get(row_id)
        current = reviewed_row({"original": row, "fields": (decision or {}).get("fields")
                                if decision and decision["decision"] == "correct" else {}})
        return render_template(
            "row.html", row=row, decision=decision, current=current, article=article,
            passage=text_passage, query=query, **neighbours(output.rows, selected, row_id),
            progress=progress(output.rows, decisions), add_fields=ADD_FORM,
            form_fields=COMMITMENT_FORM if row.get("kind") == "commitment" else INVESTMENT_FORM,
            **add_choices())

    @app.post("/row/<row_id>/decision")
    def decide(row_id: str):
        output.refresh()
        row = output.by_id.get(row_id) or abort(404, "no such row in investments.csv")
        _known_doc(output, row["doc_id"])
        query = clean_query(request.args)
        decision, fields = request.form.get("decision", ""), {}
        try:
            if decision == "correct":
                fields = changed_fields(row, clean_fields(request.form))
                decision = "correct" if fields else "accept"
            if decision not in ("accept", "reject", "correct"):
                raise FieldError(f"decision: {decision!r} is not accept, reject or correct")
        except FieldError as exc:
            flash(f"not saved: {exc}", "error")
            return redirect(url_for("row_page", row_id=row_id, **query) + "#correct", 303)
        store.decide(_article_record(output, row["doc_id"]), row_id, decision, fields, row)
        flash(f"saved: {decision} {describe(row)}", "ok")
        selected = select_rows(output.rows, query, store.decisions())
        target = neighbours(output.rows, selected, row_id)["next_id"] or row_id
        return redirect(url_for("row_page", row_id=target, **query), 303)

    @app.get("/doc/<doc_id>")
    def doc_page(doc_id: str):
        output.refresh()
        doc_id = _known_doc(output, doc_id)
        article = output.article(doc_id)
        if article.text is None:
            abort(404, f"article text unavailable: {article.problem}")
        mentions = output.mentions.get(doc_id, [])
        paragraphs = [span_passage(article.text, a, b, mentions)
                      for a, b in line_spans(article.text, article.body_start)]
        decisions = store.decisions()
        return render_template(
            "doc.html", doc_id=doc_id, article=article, paragraphs=paragraphs,
            rows=[r for r in output.rows if r["doc_id"] == doc_id], decisions=decisions,
            added=[d for d in decisions.values() if d["doc_id"] == doc_id and d["decision"] == "add"],
            add_fields=ADD_FORM, query={}, **add_choices())

    @app.post("/doc/<doc_id>/add")
    def add_fact(doc_id: str):
        output.refresh()
        doc_id = _known_doc(output, doc_id)
        back = request.form.get("back", "")
        target = (url_for("row_page", row_id=back) if back in output.by_id
                  else url_for("doc_page", doc_id=doc_id))
        article = _article_record(output, doc_id)
        if not article["text"]:
            abort(404, "article text unavailable")
        try:
            fields = added_fields(article["text"], request.form)
        except FieldError as exc:
            flash(f"not saved: {exc}", "error")
            return redirect(target, 303)
        new_id = make_row_id(doc_id, "review.add", fields["start"], fields["end"], fields["label"],
                             fields["kind"])
        store.decide(article, new_id, "add", fields, {}, "review.add")
        flash(f"saved: added {fields['label']} {fields['text']!r}", "ok")
        return redirect(target, 303)

    @app.get("/export.csv")
    def export():
        output.refresh()
        csv_text = store.export_csv(output.investments, set(output.doc_ids()))
        return Response(csv_text, mimetype="text/csv", headers={
            "Content-Disposition": "attachment; filename=investments.reviewed.csv"})


def _known_doc(output: Output, doc_id: str) -> str:
    try:
        safe_doc_id(doc_id)
    except ValueError:
        abort(404, "no such document")
    if doc_id not in output.doc_ids():
        abort(404, "no such document")
    return doc_id


def _article_record(output: Output, doc_id: str) -> dict:
    """What the store writes as the sample's text and metadata."""
    article, document = output.article(doc_id), output.documents.get(doc_id, {})
    return {"id": doc_id, "text": article.text or "",
            "published": article.published or document.get("published") or None,
            "title": article.title or document.get("title") or None,
            "url": article.url or document.get("url") or None}


def serve(output_dir: Path, corpus_dir: Path, host: str = "127.0.0.1", port: int = 8000,
          reviewer: str = "reviewer") -> None:
    """Run the app until Ctrl-C; ValueError (one line) for a non-loopback host."""
    if host not in LOOPBACK:
        raise ValueError(f"refused --host {host}: the review page listens on loopback only "
                         f"({', '.join(LOOPBACK)})")
    app = create_app(output_dir, corpus_dir, reviewer=reviewer)
    _check_port(host, port)
    print(f"review page: http://{'[::1]' if host == '::1' else host}:{port}/  (Ctrl-C to stop)")
    app.run(host=host, port=port, threaded=True, debug=False, use_reloader=False)


def _check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            raise OSError(f"port {port} on {host} is in use: pick another with --port") from None


__all__ = ["create_app", "serve", "OutputError", "FILTERS"]
