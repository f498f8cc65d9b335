"""The review page: reviewers accept, reject, correct or add facts before they reach a report.

`app.create_app(output_dir, corpus_dir)` serves the page (127.0.0.1 only); `store.ReviewStore`
saves every decision at once as a labelled sample in `corpus/reviews/<doc_id>.reviews.jsonl`;
`samples` turns decisions into that sample's `facts` and `spans`; `output` reads the tables.
"""
