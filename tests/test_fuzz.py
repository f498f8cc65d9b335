"""Fuzz the text-facing functions: no input, however odd, raises."""
from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.io import readers
from pipeline.normalize.amounts import find_amounts
from pipeline.batch.assemble import cell
from pipeline.facts.events import cluster
from pipeline.normalize.periods import find_dates, find_periods, parse_published
from pipeline.normalize.quantities import find_quantities

FRENCH = st.sampled_from([
    "2,1 milliards de dollars", "1,9 milliard d'euros", "d'ici 2027", "entre 2024 et 2026",
    "10 000 personnes", "300 MW", "40 %", "Microsoft", "en Espagne", "à Madrid", "€", "$", "-",
    " ", "\n", "\r\n", "’", "«", "»", "1.000.000", "1 000", "M€", "Md$", "T3 2025", "mi-2026",
])
TEXT = st.lists(st.one_of(FRENCH, st.text(max_size=12)), max_size=30).map("".join)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(TEXT, st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2040, 12, 31))))
def test_fuzz_number_finders_never_raise_and_offsets_hold(text, published):
    for found in (find_amounts(text), find_quantities(text), find_periods(text, published),
                  find_dates(text, published)):
        for item in found:
            assert 0 <= item.start <= item.end <= len(text)


@FUZZ
@given(st.one_of(st.none(), st.text(max_size=20)))
def test_fuzz_parse_published_never_raises(value):
    parse_published(value)


@FUZZ
@given(st.binary(max_size=300))
def test_fuzz_decode_and_read_txt_give_an_article_or_a_reason(raw):
    try:
        text, _ = readers.decode(raw)
        readers.parse_txt("d", "d.txt", text)
    except ValueError as exc:
        assert str(exc)


@FUZZ
@given(st.lists(st.one_of(st.binary(max_size=80), st.just(b'{"id": "x", "text": "Un texte."}')), max_size=8))
def test_fuzz_jsonl_lines_never_raise(lines):
    items = list(readers.parse_jsonl(b"\n".join(lines), "feed.jsonl"))
    assert all(isinstance(i, (readers.Article, readers.ReadError)) for i in items)
    assert all("\n" not in i.error for i in items if isinstance(i, readers.ReadError))


ROW = st.fixed_dictionaries({
    "doc_id": st.text(max_size=4), "row_id": st.text(alphabet="abc123", max_size=4),
    "investor": st.sampled_from(["", "Microsoft"]), "country": st.sampled_from(["", "ES"]),
    "amount_eur": st.one_of(st.none(), st.text(max_size=6), st.floats(allow_nan=True).map(str)),
    "amount_value": st.one_of(st.none(), st.text(max_size=6)),
    "published": st.one_of(st.none(), st.text(max_size=10), st.dates().map(str)),
    "period_start": st.one_of(st.none(), st.text(max_size=5)),
    "period_end": st.one_of(st.none(), st.text(max_size=5)),
    "sites": st.one_of(st.none(), st.text(max_size=8)),
})


@FUZZ
@given(st.lists(ROW, max_size=8))
def test_fuzz_events_never_raise_and_keep_every_row(rows):
    events = cluster(rows)
    assert sum(len(e["row_ids"].split(";")) for e in events) == len(rows) or not rows


@FUZZ
@given(st.one_of(st.none(), st.integers(), st.floats(), st.text(), st.booleans()))
def test_fuzz_cell_is_always_one_string(value):
    assert isinstance(cell(value), str)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXT)
def test_fuzz_pipeline_turns_any_text_into_rows(nlp, text):
    from pipeline.batch.engines import extract_chunk

    [rows] = extract_chunk([readers.Article("f", "<fuzz>", text or " ")], nlp)
    assert rows.document["doc_id"] == "f"
