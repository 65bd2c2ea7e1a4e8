"""Draw a held-out sample of real UCDP headlines to label (200 rows).

    python3 sample_ucdp_heldout.py SEED OUT.jsonl [PRIOR.jsonl ...]

Rows: single headlines (no ';' in source_headline) whose ucdp id is in none of the prior
labelled sets (the shared dev set always, plus the PRIOR files) and whose text is not
exactly a text of one of them; then random.Random(SEED).sample(rows, 200), kept as drawn.
  ucdp-headlines-heldout.jsonl:  SEED 20261206, no PRIOR
  ucdp-headlines-heldout2.jsonl: SEED 20261207, PRIOR ucdp-headlines-heldout.jsonl
  ucdp-headlines-heldout3.jsonl: SEED 20261208, PRIOR ucdp-headlines-heldout.jsonl ucdp-headlines-heldout2.jsonl
  ucdp-headlines-heldout4.jsonl: SEED 20261209, PRIOR ucdp-headlines-heldout.jsonl ucdp-headlines-heldout2.jsonl ucdp-headlines-heldout3.jsonl
  ucdp-headlines-heldout5.jsonl: SEED 20261210, PRIOR ucdp-headlines-heldout.jsonl ... ucdp-headlines-heldout4.jsonl
  ucdp-headlines-heldout6.jsonl: SEED 20261211, PRIOR ucdp-headlines-heldout.jsonl ... ucdp-headlines-heldout5.jsonl
  ucdp-headlines-heldout7.jsonl: SEED 20261212, PRIOR ucdp-headlines-heldout.jsonl ... ucdp-headlines-heldout6.jsonl
  ucdp-headlines-heldout8.jsonl: SEED 20261213, PRIOR ucdp-headlines-heldout.jsonl ... ucdp-headlines-heldout7.jsonl
  ucdp-headlines-heldout9.jsonl: SEED 20261214, PRIOR ucdp-headlines-heldout.jsonl ... ucdp-headlines-heldout8.jsonl
  ucdp-headlines-heldout10.jsonl: SEED 20261215, PRIOR ucdp-headlines-heldout.jsonl ... ucdp-headlines-heldout9.jsonl
"""
import csv, gzip, json, os, pathlib, random, sys

# Run from anywhere: the shared folder sits beside the repository ($ATALAYA_DATA for data/).
REPO = pathlib.Path(__file__).resolve().parents[4]
DATA = pathlib.Path(os.environ.get("ATALAYA_DATA", REPO.parent / "shared" / "data"))
SRC = DATA / "events" / "ucdp_mexico_headlines_labeled.csv.gz"
DEV = DATA.parent / "eval" / "ucdp-headlines-dev.jsonl"

seed, out_path, priors = int(sys.argv[1]), sys.argv[2], [DEV, *sys.argv[3:]]
prior = [json.loads(l) for p in priors for l in open(p, encoding="utf-8") if l.strip()]
prior_ids = {str(d["ucdp_id"]) for d in prior}
prior_texts = {d["text"] for d in prior}

with gzip.open(SRC, "rt", encoding="utf-8", newline="") as f:
    rows = [r for r in csv.DictReader(f)
            if ";" not in r["source_headline"]
            and str(r["id"]) not in prior_ids
            and r["source_headline"] not in prior_texts]

sample = random.Random(seed).sample(rows, 200)
with open(out_path, "w", encoding="utf-8") as out:
    for r in sample:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(rows), "eligible rows; wrote", len(sample), "to", out_path)
