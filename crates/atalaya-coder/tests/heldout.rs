//! Scores on our own hand-labelled reports, written apart from the shared dev set:
//! `heldout.jsonl` (40 reports, the estimate of the coder on new text) and `final.jsonl`
//! (written last and never tuned on). The floors sit a few events below the scores
//! measured on this version, so a rule that breaks new text fails here.

use atalaya_coder::eval::{coded_for_eval, score_document, EvalEvent, EvalFigure, Scores, Tally};
use atalaya_coder::{code, Lang};
use chrono::NaiveDate;

fn score_file(name: &str) -> (Scores, usize) {
    score_path(&format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR")))
}

fn score_path(path: &str) -> (Scores, usize) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut total = Tally::default();
    let mut docs = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let published =
            NaiveDate::parse_from_str(v["published"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        let c = code(v["text"].as_str().unwrap(), published, Lang::Auto);
        let gold: Vec<EvalEvent> = serde_json::from_value(v["events"].clone()).unwrap();
        let gfig: Vec<EvalFigure> = serde_json::from_value(v["figures"].clone()).unwrap();
        let (x, xfig) = coded_for_eval(&c);
        total.add(&score_document(&x, &gold, &xfig, &gfig));
        docs += 1;
    }
    (total.scores(), docs)
}

/// Scores `path` (of `docs` documents) and holds them above the floors `(event F1, measure
/// accuracy, figure F1)`.
fn above_floors(path: &str, docs: usize, floors: (f64, f64, f64)) {
    let (s, n) = score_path(path);
    assert_eq!(n, docs, "{path}");
    eprintln!("{path}: {s:?}");
    let (event, measure, figure) = floors;
    assert!(s.event_f1 >= event, "{path}: {s:?}");
    assert!(s.measure_accuracy >= measure, "{path}: {s:?}");
    assert!(s.figure_f1 >= figure, "{path}: {s:?}");
}

/// `above_floors` for a file of `tests/data`.
fn file_above_floors(name: &str, docs: usize, floors: (f64, f64, f64)) {
    above_floors(
        &format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR")),
        docs,
        floors,
    );
}

#[test]
fn heldout_scores_stay_above_their_floors() {
    let (s, docs) = score_file("heldout.jsonl");
    assert!(docs >= 40, "{docs} documents");
    eprintln!("heldout: {s:?}");
    // Measured: event F1 0.976, actor F1 0.961, measures 1.000, figures 1.000 (before
    // this rules: 0.810, 0.907, 0.778, 0.000).
    assert!(s.event_f1 >= 0.94, "{s:?}");
    assert!(s.actor_f1 >= 0.92, "{s:?}");
    assert!(s.measure_accuracy >= 0.95, "{s:?}");
    assert!(s.figure_f1 >= 0.99, "{s:?}");
}

#[test]
fn final_untouched_set_scores_stay_above_their_floors() {
    let (s, docs) = score_file("final.jsonl");
    assert!(docs >= 10, "{docs} documents");
    eprintln!("final: {s:?}");
    // Measured when the set was written: event F1 0.947, actor F1 0.867, measures 0.900,
    // figure F1 1.000. Two later rules drawn from held-out failures (a reporting force is
    // no actor; "detuvieron el domingo a tres") raised actors to 0.933 and measures to
    // 1.000 here; the floors stay under the first measurement.
    assert!(s.event_f1 >= 0.90, "{s:?}");
    assert!(s.actor_f1 >= 0.80, "{s:?}");
    assert!(s.measure_accuracy >= 0.85, "{s:?}");
    assert!(s.figure_f1 >= 0.99, "{s:?}");
}

/// The shared headline dev set, beside the repository (or under `$ATALAYA_DATA/../eval`):
/// under CI a missing file is a failure, elsewhere the test says it was skipped.
fn shared_eval(name: &str) -> Option<String> {
    let dir = std::env::var("ATALAYA_DATA")
        .map(|d| std::path::PathBuf::from(d).join("../eval"))
        .unwrap_or_else(|_| {
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval")
        });
    let path = dir.join(name);
    if path.exists() {
        return Some(path.display().to_string());
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "missing {}",
        path.display()
    );
    eprintln!("skipped: no {}", path.display());
    None
}

#[test]
fn headline_scores_stay_above_their_floors() {
    // Measured with the headline rules of two sessions (deaths without a killing verb,
    // victims, tallies; then singular nouns of killing, places as headlines write them, the
    // wounded, learned place priors): shared dev 0.839 → 0.893 (measures 0.876 → 0.955,
    // figures 0.844); our first held-out set 0.798 → 0.833 (studied: dev data); the second,
    // never studied, 0.719 → 0.732 (measures 0.897 → 0.944, figures 0.719), 0.745 after
    // the last rules; the third, drawn and labelled this session and measured once at its
    // end: 0.831 (measures 0.896, figures 0.800). Floors a few events below.
    let (s, docs) = score_file("ucdp-headlines-heldout.jsonl");
    assert_eq!(docs, 200);
    eprintln!("ucdp-headlines-heldout: {s:?}");
    assert!(s.event_f1 >= 0.80, "{s:?}");
    assert!(s.figure_f1 >= 0.70, "{s:?}");
    // The second and third sets' errors were studied in the session after they were
    // drawn (tallies by period and spread, ages, kin, places as reporters shorten them):
    // 0.745 → 0.815 and 0.831 → 0.883; they are dev data now.
    file_above_floors("ucdp-headlines-heldout2.jsonl", 200, (0.78, 0.92, 0.82));
    file_above_floors("ucdp-headlines-heldout3.jsonl", 200, (0.85, 0.94, 0.90));
    // The fourth, measured once never studied: 0.847 (P 0.853, R 0.841), measures 0.875,
    // figures 0.754; its errors studied in the next session (demonym capitals, headline
    // passives of forces, tallies over a span): 0.896, and a fifth set is held out.
    file_above_floors("ucdp-headlines-heldout4.jsonl", 200, (0.86, 0.85, 0.78));
    // The fifth, drawn and labelled in that session and never studied: measured once at
    // its end, 0.809 (P 0.827, R 0.791), measures 0.925, figures 0.712; its errors
    // studied in the next session: dev data, 0.828.
    file_above_floors("ucdp-headlines-heldout5.jsonl", 200, (0.79, 0.89, 0.72));
    // The sixth, labelled blind by a helper: measured once, 0.828 (P 0.845, R 0.811),
    // measures 0.933, figures 0.821; its errors studied in the next two sessions: dev data,
    // 0.863 (measures 0.943, figures 0.918).
    file_above_floors("ucdp-headlines-heldout6.jsonl", 200, (0.83, 0.91, 0.87));
    // The seventh, labelled blind by a helper: measured once at 742f921, 0.815 (P 0.818,
    // R 0.812), measures 0.963, figures 0.800; its errors studied in the next session: dev
    // data, 0.867 (measures 0.965, figures 0.900).
    file_above_floors("ucdp-headlines-heldout7.jsonl", 200, (0.83, 0.93, 0.86));
    // The eighth, labelled blind by a helper: measured once at b041772, 0.793 (P 0.804,
    // R 0.782), measures 0.891, figures 0.682; its errors studied in the same session: dev
    // data, 0.839.
    file_above_floors("ucdp-headlines-heldout8.jsonl", 200, (0.80, 0.85, 0.66));
    // The ninth, labelled blind by a helper: measured once at b34d2fe, 0.869 (P 0.900, R
    // 0.840), measures 0.923, figures 0.880; its errors studied in the next session: dev
    // data, 0.901.
    file_above_floors("ucdp-headlines-heldout9.jsonl", 200, (0.86, 0.92, 0.86));
    // The tenth, labelled blind by a helper and never studied: measured once at 050af53,
    // 0.814 (P 0.832, R 0.797), measures 0.900, figures 0.814. The estimate of the coder on
    // new real headlines. Scored again at f7b0bfa (no error read): 0.821.
    file_above_floors("ucdp-headlines-heldout10.jsonl", 200, (0.78, 0.86, 0.76));
    if let Some(path) = shared_eval("ucdp-headlines-dev.jsonl") {
        above_floors(&path, 200, (0.86, 0.92, 0.80));
    }
}

#[test]
fn written_article_scores_stay_above_their_floors() {
    // Figure floors raised at the end of stop 27, when figures that go on counting after a
    // clause of figures, people displaced and registries of the missing were read:
    // 0.833 / 0.818 / 0.944 / 0.940 / 0.847 / 0.889 / 0.905 / 0.893 on sets 1–8.
    // 24 reports in the style of real outlets (headlines, bylines, wire datelines,
    // background, tallies): 0.539 when first measured, 0.730 after its errors were studied
    // (dev data now); 0.785 after the seventh set's classes.
    file_above_floors("articles-heldout.jsonl", 24, (0.69, 0.68, 0.80));
    // 24 more, other incidents and outlets: measured once at 0.490 after the first set's
    // rules; a few of its classes studied since (0.524, then 0.576; 0.674 after the
    // seventh set's classes).
    file_above_floors("articles-heldout2.jsonl", 24, (0.62, 0.64, 0.78));
    // 24 more: measured once, 0.600 (P 0.541, R 0.674), measures 0.608, figures 0.836;
    // some of its classes studied since (0.670, then 0.734; 0.780 after the seventh set's).
    file_above_floors("articles-heldout3.jsonl", 24, (0.73, 0.70, 0.90));
    // 24 more: measured once, 0.511 (P 0.462, R 0.571), measures 0.612, figures 0.825; a
    // few of its classes studied since (0.519, then 0.621; 0.710 after the seventh set's).
    file_above_floors("articles-heldout4.jsonl", 24, (0.66, 0.64, 0.90));
    // 24 more: measured once, 0.586 (P 0.607, R 0.567), measures 0.620, figures 0.682;
    // studied in the next session (0.667; 0.731 after the seventh set's classes).
    file_above_floors("articles-heldout5.jsonl", 24, (0.68, 0.75, 0.80));
    // 24 more, exposed before they were measured (README): 0.506 when first measured,
    // 0.581 after its classes were studied (0.650 after the seventh set's).
    file_above_floors("articles-heldout6.jsonl", 24, (0.60, 0.42, 0.85));
    // 24 more, written blind: measured once, 0.547 (P 0.516, R 0.580), measures 0.767,
    // figures 0.763; its errors studied in the next session: dev data, 0.696.
    file_above_floors("articles-heldout7.jsonl", 24, (0.65, 0.78, 0.86));
    // 24 more, written blind by a helper: measured once, 0.503 (P 0.484, R 0.524),
    // measures 0.595, figures 0.702; its errors studied in the next two sessions: dev data,
    // 0.736 (measures 0.725, figures 0.733).
    file_above_floors("articles-heldout8.jsonl", 24, (0.69, 0.68, 0.85));
    // 24 more, written blind by a helper: measured once at 742f921, 0.604 (P 0.632, R
    // 0.579), measures 0.585, figures 0.659; its errors studied in the next session: dev
    // data, 0.815 (measures 0.600, figures 0.825).
    file_above_floors("articles-heldout9.jsonl", 24, (0.77, 0.55, 0.78));
    // 24 more (70 events), written blind by a helper: measured once at b041772, 0.611 (P
    // 0.656, R 0.571), measures 0.808, figures 0.710; a few of its classes studied in the
    // same session: dev data, 0.621.
    file_above_floors("articles-heldout10.jsonl", 24, (0.72, 0.78, 0.88));
    // 24 more (64 events), written blind by a helper: measured once at b34d2fe, 0.617 (P
    // 0.594, R 0.641), measures 0.562, figures 0.800; its errors studied in the next
    // session: dev data, 0.726.
    file_above_floors("articles-heldout11.jsonl", 24, (0.72, 0.62, 0.90));
    // 24 more (74 events), written blind by a helper: measured once at 050af53, 0.601 (P
    // 0.582, R 0.622), measures 0.556, figures 0.756, and the same at 5997bc5 before any
    // rule of the next session; its errors studied in that session: dev data, 0.781
    // (measures 0.535, figures 0.909).
    file_above_floors("articles-heldout12.jsonl", 24, (0.74, 0.50, 0.86));
    // 24 more (94 events), written blind by a helper and reviewed by another: measured
    // once at f7b0bfa, 0.568 (P 0.610, R 0.532), measures 0.618, figures 0.632, and the
    // same at e3b5fca before any rule of the next session; its errors studied in that
    // session: dev data, 0.793 (measures 0.692, figures 0.667).
    file_above_floors("articles-heldout13.jsonl", 24, (0.76, 0.66, 0.64));
    // 24 more (95 events), written blind by a helper and reviewed by another: measured
    // once at 3fc9056, 0.680 (P 0.667, R 0.695), measures 0.739, figures 0.722, and 0.684
    // (P 0.673) at 9cec93b before any rule of the next session; its errors studied in
    // that session: dev data, 0.824 (measures 0.753, figures 0.875).
    file_above_floors("articles-heldout14.jsonl", 24, (0.79, 0.72, 0.84));
    // 24 more (91 events), written blind by two helpers (one per language) and reviewed by
    // two others: measured once at 4efbe8c, 0.575 (P 0.578, R 0.571), measures 0.627,
    // figures 0.932, and the same at 813dacf before any rule of the next session; its
    // errors studied in the next two sessions: dev data, 0.879 (measures 0.714, figures
    // 0.977).
    file_above_floors("articles-heldout15.jsonl", 24, (0.84, 0.66, 0.93));
    // 24 more (100 events), written blind by two helpers (one per language, state lists
    // swapped) and reviewed by two others: measured once at 16530ce, only its scores read:
    // 0.709 (P 0.689, R 0.730), measures 0.742 (46/62), figures 0.840. The estimate of the
    // coder on new written reports.
    file_above_floors("articles-heldout16.jsonl", 24, (0.68, 0.69, 0.79));
    // 24 more (68 events), written blind by two helpers, their repeats of earlier files'
    // incidents replaced, reviewed by two others; measured once in the same session, at
    // 73b8b2a, only its scores read: 0.607 (P 0.571, R 0.647), measures 0.854 (35/41),
    // figures 0.765.
    file_above_floors("articles-heldout17.jsonl", 24, (0.57, 0.80, 0.71));
}
