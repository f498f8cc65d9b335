"""Put feed-style labelled samples in their split files, by the hash of their id.

    python scripts/place_feed_samples.py NEW.jsonl [...]

Each record goes to `corpus/labelled/feed-train.jsonl` or `feed-test.jsonl` as
`pipeline.learn.tuning.feed_split` says (its `split` key is set to match); a record whose
id is already there replaces it. Files stay sorted by id, one record a line.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline.learn.tuning import feed_split

LABELLED = Path(__file__).resolve().parents[1] / "corpus" / "labelled"


def _records(path: Path) -> dict[str, dict]:
    if not path.exists():
        return {}
    return {str(r["id"]): r for r in map(json.loads, filter(str.strip, path.read_text(encoding="utf-8").splitlines()))}


def main(paths: list[str]) -> None:
    splits = {name: _records(LABELLED / f"{name}.jsonl") for name in ("feed-train", "feed-test")}
    for path in paths:
        for doc_id, record in _records(Path(path)).items():
            name = feed_split(doc_id)
            for other in splits.values():
                other.pop(doc_id, None)
            splits[name][doc_id] = {**record, "split": name}
    for name, records in splits.items():
        lines = [json.dumps(records[k], ensure_ascii=False) for k in sorted(records)]
        (LABELLED / f"{name}.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        print(f"{name}: {len(records)} samples")


if __name__ == "__main__":
    main(sys.argv[1:])
