"""Fine-tune the statistical NER with spaCy's own training, kept only when it is better.

The labelled spans of the tune samples become a DocBin (PERSON -> PER, ORG -> ORG,
COUNTRY / SITE / PLACE -> LOC; tokens outside them are *missing*, not "outside", because
the samples do not label MISC nor every place); `spacy train` runs `models/ner/config.cfg`
in a temporary folder. The new model is tried in a copy of the candidate rules folder
(`ner/model-best`) and kept only if the pipeline's people / orgs / countries / sites F1 on
held-back is higher on average and no one of them drops.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.learn.evaluate import f1

NER_LABELS = {"PERSON": "PER", "ORG": "ORG", "COUNTRY": "LOC", "SITE": "LOC", "PLACE": "LOC"}
NER_FIELDS = ("people", "orgs", "countries", "sites")
CONFIG = Path(__file__).resolve().parents[2] / "models" / "ner" / "config.cfg"


def ner_samples(samples) -> list:
    """Samples with at least one span the NER can learn from."""
    return [s for s in samples if any(span.get("label") in NER_LABELS for span in s.spans)]


def to_docbin(samples, nlp):
    """A DocBin of the samples' NER spans (overlaps and misaligned spans skipped)."""
    from spacy.tokens import DocBin
    from spacy.util import filter_spans

    out = DocBin()
    for sample in samples:
        doc = nlp.make_doc(sample.article.text)
        spans = [doc.char_span(s["start"], s["end"], label=NER_LABELS[s["label"]], alignment_mode="contract")
                 for s in sample.spans if s.get("label") in NER_LABELS]
        doc.set_ents(filter_spans([s for s in spans if s is not None]), default="missing")
        out.add(doc)
    return out


def train(train_samples, dev_samples, folder: Path, max_steps: int, config: Path = CONFIG) -> Path | None:
    """Run `spacy train` in `folder`; the trained pipeline's path, or None if none was saved."""
    import spacy
    from spacy.cli.train import train as spacy_train

    folder.mkdir(parents=True, exist_ok=True)
    blank = spacy.blank("fr")
    for name, samples in (("train", train_samples), ("dev", dev_samples)):
        to_docbin(samples, blank).to_disk(folder / f"{name}.spacy")
    overrides = {"paths.train": str(folder / "train.spacy"), "paths.dev": str(folder / "dev.spacy"),
                 "training.max_steps": max_steps,
                 "training.eval_frequency": max(1, min(50, max_steps))}
    spacy_train(config, folder / "out", overrides=overrides)
    for name in ("model-best", "model-last"):
        if (folder / "out" / name / "ner").is_dir():
            return folder / "out" / name
    return None


def _mean(scores: dict) -> float:
    return sum(f1(scores[name]) for name in NER_FIELDS) / len(NER_FIELDS)


def maybe_train_ner(splits, candidate: Path, after: dict, options, console, tmp: Path) -> dict:
    """Train when there are enough labelled documents; returns a report, with `kept` and,
    when kept, `after` (the scores of the candidate with the new NER)."""
    from pipeline.learn.tuning import evaluate_folder

    labelled = ner_samples(splits.tune)
    if len(labelled) < options.ner_min_docs:
        console.print(f"not enough labelled documents for NER training "
                      f"({len(labelled)} < {options.ner_min_docs})")
        return {"trained": False, "docs": len(labelled), "min_docs": options.ner_min_docs}
    dev = labelled[::5] or labelled
    train_part = [s for s in labelled if s not in dev] or labelled
    console.print(f"training the NER on {len(train_part)} documents (dev {len(dev)}), "
                  f"at most {options.ner_max_steps} steps")
    model = train(train_part, dev, tmp / "ner", options.ner_max_steps)
    report = {"trained": model is not None, "docs": len(labelled), "kept": False}
    if model is None:
        return report
    trial = tmp / "with-ner"
    shutil.copytree(candidate, trial)
    _replace_tree(model, trial / "ner" / "model-best")
    with_ner = evaluate_folder(trial, splits)
    old, new = after["held"], with_ner["held"]
    drops = [n for n in NER_FIELDS if f1(new[n]) < f1(old[n])]
    report |= {"held_f1_before": round(_mean(old), 4), "held_f1_after": round(_mean(new), 4),
               "drops": drops}
    if _mean(new) > _mean(old) and not drops:
        _replace_tree(model, candidate / "ner" / "model-best")
        report |= {"kept": True, "after": with_ner}
        console.print(f"[green]new NER kept[/green]: mean F1 {_mean(old):.3f} -> {_mean(new):.3f}")
    else:
        console.print(f"new NER not kept: mean F1 {_mean(old):.3f} -> {_mean(new):.3f}"
                      + (f", drops on {', '.join(drops)}" if drops else ""))
    return report


def _replace_tree(source: Path, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
