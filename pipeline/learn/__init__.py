"""Evaluation and retraining: gold vs predicted (`evaluate`), splits (`tuning`), per-rule
scores (`rulescore`), what reviews teach (`lessons`), versioned rules (`retrain`), NER
fine-tuning (`ner_train`).

May import everything below it, `batch` and `review` included (reviews are labelled samples).
"""
