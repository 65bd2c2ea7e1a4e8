"""Draw the held-out UCDP headline sample (200 rows, seed 20261206).

Rows: single headline (no ';' in source_headline), ucdp id not in the dev set,
headline text not exactly identical to a dev-set text.
"""
import csv, gzip, json, os, pathlib, random, sys

# Run from anywhere: the shared folder sits beside the repository ($ATALAYA_DATA for data/).
REPO = pathlib.Path(__file__).resolve().parents[4]
DATA = pathlib.Path(os.environ.get("ATALAYA_DATA", REPO.parent / "shared" / "data"))
SRC = DATA / "events" / "ucdp_mexico_headlines_labeled.csv.gz"
DEV = DATA.parent / "eval" / "ucdp-headlines-dev.jsonl"
OUT = sys.argv[1] if len(sys.argv) > 1 else "heldout_sample_rows.jsonl"

dev = [json.loads(l) for l in open(DEV, encoding="utf-8") if l.strip()]
dev_ids = {str(d["ucdp_id"]) for d in dev}
dev_texts = {d["text"] for d in dev}

with gzip.open(SRC, "rt", encoding="utf-8", newline="") as f:
    rows = [r for r in csv.DictReader(f)
            if ";" not in r["source_headline"]
            and str(r["id"]) not in dev_ids
            and r["source_headline"] not in dev_texts]

sample = random.Random(20261206).sample(rows, 200)
with open(OUT, "w", encoding="utf-8") as out:
    for r in sample:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(rows), "eligible rows; wrote", len(sample), "to", OUT)
