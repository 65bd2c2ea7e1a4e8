//! The scorer of `shared/eval/README.md` ("Scoring"): one-to-one matching of extracted to
//! gold events per document (same kind and state; dates within one day when the gold date
//! is not null), then event, actor, measure and figure scores over all documents.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An event as the gold file and the coder's output both write it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EvalEvent {
    pub kind: String,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    /// 5-digit INEGI code; scored only where the gold event gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    #[serde(default)]
    pub actors: Vec<String>,
    #[serde(default)]
    pub measures: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EvalFigure {
    pub measure: String,
    pub value: f64,
}

/// Counts summed over documents; the scores are derived from them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// Per kind: `[extracted, gold, matched]`.
    pub per_kind: BTreeMap<String, [usize; 3]>,
    pub extracted: usize,
    pub gold: usize,
    pub matched: usize,
    pub actors_extracted: usize,
    pub actors_gold: usize,
    pub actors_matched: usize,
    pub measures_gold: usize,
    pub measures_exact: usize,
    /// Matched events whose gold event names a municipality, and those coded with it.
    pub municipalities_gold: usize,
    pub municipalities_exact: usize,
    pub figures_extracted: usize,
    pub figures_gold: usize,
    pub figures_matched: usize,
    /// Kind confusions: `(gold kind, coded kind)` → count, for a gold event left unmatched
    /// beside an unmatched coded event of another kind in the same state and date window.
    pub confusion: BTreeMap<(String, String), usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    pub event_precision: f64,
    pub event_recall: f64,
    pub event_f1: f64,
    pub actor_f1: f64,
    pub measure_accuracy: f64,
    pub municipality_accuracy: f64,
    pub figure_precision: f64,
    pub figure_recall: f64,
    pub figure_f1: f64,
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        // Nothing to find / nothing claimed: perfect only when the other side is empty too,
        // which `f1` handles; a ratio over nothing is 1 by convention.
        1.0
    } else {
        num as f64 / den as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl Tally {
    pub fn scores(&self) -> Scores {
        let ep = ratio(self.matched, self.extracted);
        let er = ratio(self.matched, self.gold);
        let ap = ratio(self.actors_matched, self.actors_extracted);
        let ar = ratio(self.actors_matched, self.actors_gold);
        let fp = ratio(self.figures_matched, self.figures_extracted);
        let fr = ratio(self.figures_matched, self.figures_gold);
        Scores {
            event_precision: ep,
            event_recall: er,
            event_f1: f1(ep, er),
            actor_f1: f1(ap, ar),
            measure_accuracy: ratio(self.measures_exact, self.measures_gold),
            municipality_accuracy: ratio(self.municipalities_exact, self.municipalities_gold),
            figure_precision: fp,
            figure_recall: fr,
            figure_f1: f1(fp, fr),
        }
    }

    pub fn add(&mut self, o: &Tally) {
        self.extracted += o.extracted;
        self.gold += o.gold;
        self.matched += o.matched;
        self.actors_extracted += o.actors_extracted;
        self.actors_gold += o.actors_gold;
        self.actors_matched += o.actors_matched;
        self.measures_gold += o.measures_gold;
        self.measures_exact += o.measures_exact;
        self.municipalities_gold += o.municipalities_gold;
        self.municipalities_exact += o.municipalities_exact;
        self.figures_extracted += o.figures_extracted;
        self.figures_gold += o.figures_gold;
        self.figures_matched += o.figures_matched;
        for (k, v) in &o.per_kind {
            let e = self.per_kind.entry(k.clone()).or_default();
            for i in 0..3 {
                e[i] += v[i];
            }
        }
        for (k, n) in &o.confusion {
            *self.confusion.entry(k.clone()).or_default() += n;
        }
    }

    /// Precision and recall for one kind (1 when there is nothing to measure).
    pub fn kind_scores(&self, kind: &str) -> (f64, f64) {
        let [x, g, m] = self.per_kind.get(kind).copied().unwrap_or_default();
        (ratio(m, x), ratio(m, g))
    }
}

fn day(s: &Option<String>) -> Option<NaiveDate> {
    s.as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// Whether extracted event `x` may match gold event `g`.
pub fn compatible(x: &EvalEvent, g: &EvalEvent) -> bool {
    if x.kind != g.kind || x.state != g.state {
        return false;
    }
    match (day(&g.date), g.date.is_some()) {
        (_, false) => true,
        (Some(gd), true) => match day(&x.date) {
            Some(xd) => (xd - gd).num_days().abs() <= 1,
            None => false,
        },
        (None, true) => false,
    }
}

/// Maximum one-to-one matching (augmenting paths, Kuhn's algorithm): returns, for each gold
/// event, the index of the extracted event matched to it. Deterministic: gold events are
/// visited in order, and each one's candidates in order of date distance then index.
pub fn match_events(extracted: &[EvalEvent], gold: &[EvalEvent]) -> Vec<Option<usize>> {
    let adj: Vec<Vec<usize>> = gold
        .iter()
        .map(|g| {
            let mut c: Vec<usize> = (0..extracted.len())
                .filter(|&i| compatible(&extracted[i], g))
                .collect();
            c.sort_by_key(|&i| {
                let dist = match (day(&extracted[i].date), day(&g.date)) {
                    (Some(a), Some(b)) => (a - b).num_days().unsigned_abs(),
                    (None, None) => 0,
                    _ => 1_000_000,
                };
                (dist, i)
            });
            c
        })
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; extracted.len()];
    fn augment(
        g: usize,
        adj: &[Vec<usize>],
        owner: &mut [Option<usize>],
        seen: &mut [bool],
    ) -> bool {
        for &x in &adj[g] {
            if seen[x] {
                continue;
            }
            seen[x] = true;
            if owner[x].is_none_or(|other| augment(other, adj, owner, seen)) {
                owner[x] = Some(g);
                return true;
            }
        }
        false
    }
    for g in 0..gold.len() {
        let mut seen = vec![false; extracted.len()];
        augment(g, &adj, &mut owner, &mut seen);
    }
    let mut out = vec![None; gold.len()];
    for (x, o) in owner.iter().enumerate() {
        if let Some(g) = o {
            out[*g] = Some(x);
        }
    }
    out
}

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The coder's output as the scorer reads it.
pub fn coded_for_eval(c: &crate::Coded) -> (Vec<EvalEvent>, Vec<EvalFigure>) {
    let events = c
        .events
        .iter()
        .map(|e| EvalEvent {
            kind: e.kind.as_str().to_string(),
            date: e.date.clone(),
            state: e.state.clone(),
            municipality: e.municipality.clone(),
            actors: e.actors.clone(),
            measures: e.measures.clone(),
        })
        .collect();
    let figures = c
        .figures
        .iter()
        .map(|f| EvalFigure {
            measure: f.measure.clone(),
            value: f.value,
        })
        .collect();
    (events, figures)
}

/// The tally of one document.
pub fn score_document(
    extracted: &[EvalEvent],
    gold: &[EvalEvent],
    x_figures: &[EvalFigure],
    g_figures: &[EvalFigure],
) -> Tally {
    let m = match_events(extracted, gold);
    let mut t = Tally {
        extracted: extracted.len(),
        gold: gold.len(),
        figures_extracted: x_figures.len(),
        figures_gold: g_figures.len(),
        ..Tally::default()
    };
    for x in extracted {
        t.per_kind.entry(x.kind.clone()).or_default()[0] += 1;
    }
    for g in gold {
        t.per_kind.entry(g.kind.clone()).or_default()[1] += 1;
    }
    for (gi, xi) in m.iter().enumerate() {
        let Some(xi) = *xi else { continue };
        t.per_kind.entry(gold[gi].kind.clone()).or_default()[2] += 1;
        let (g, x) = (&gold[gi], &extracted[xi]);
        t.matched += 1;
        let mut ga: Vec<&String> = g.actors.iter().collect();
        ga.sort();
        ga.dedup();
        let mut xa: Vec<&String> = x.actors.iter().collect();
        xa.sort();
        xa.dedup();
        t.actors_gold += ga.len();
        t.actors_extracted += xa.len();
        t.actors_matched += xa.iter().filter(|a| ga.contains(a)).count();
        if let Some(gm) = &g.municipality {
            t.municipalities_gold += 1;
            t.municipalities_exact += usize::from(x.municipality.as_ref() == Some(gm));
        }
        for (k, v) in &g.measures {
            t.measures_gold += 1;
            if x.measures.get(k).is_some_and(|xv| same_value(*xv, *v)) {
                t.measures_exact += 1;
            }
        }
    }
    // Kind confusions: what a missed gold event was coded as instead, if anything was
    // coded where and when it happened.
    let mut taken = vec![false; extracted.len()];
    for (gi, g) in gold.iter().enumerate() {
        if m[gi].is_some() {
            continue;
        }
        let other = (0..extracted.len()).find(|&xi| {
            let x = &extracted[xi];
            !taken[xi]
                && !m.contains(&Some(xi))
                && x.kind != g.kind
                && compatible(
                    &EvalEvent {
                        kind: g.kind.clone(),
                        ..x.clone()
                    },
                    g,
                )
        });
        if let Some(xi) = other {
            taken[xi] = true;
            *t.confusion
                .entry((g.kind.clone(), extracted[xi].kind.clone()))
                .or_default() += 1;
        }
    }
    // Figures: one-to-one on (measure, value); greedy is maximal here because the
    // relation is an equivalence (equal keys), so any maximal matching is maximum.
    let mut used = vec![false; x_figures.len()];
    for g in g_figures {
        if let Some(i) = (0..x_figures.len()).find(|&i| {
            !used[i] && x_figures[i].measure == g.measure && same_value(x_figures[i].value, g.value)
        }) {
            used[i] = true;
            t.figures_matched += 1;
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(kind: &str, date: Option<&str>, state: &str) -> EvalEvent {
        EvalEvent {
            kind: kind.into(),
            date: date.map(str::to_string),
            state: Some(state.into()),
            ..EvalEvent::default()
        }
    }

    #[test]
    fn perfect() {
        let mut g = ev("arrest", Some("2020-01-02"), "14");
        g.actors = vec!["Army".into(), "CJNG".into()];
        g.measures.insert("arrested".into(), 3.0);
        let f = vec![EvalFigure {
            measure: "bounty".into(),
            value: 5e6,
        }];
        let t = score_document(&[g.clone()], &[g], &f, &f);
        let s = t.scores();
        assert_eq!(s.event_f1, 1.0);
        assert_eq!(s.actor_f1, 1.0);
        assert_eq!(s.measure_accuracy, 1.0);
        assert_eq!(s.figure_f1, 1.0);
    }

    #[test]
    fn municipalities_are_scored_where_the_gold_names_one() {
        let mut g1 = ev("homicide", Some("2020-01-02"), "14");
        g1.municipality = Some("14039".into());
        let mut g2 = ev("arrest", Some("2020-01-02"), "14");
        g2.municipality = Some("14120".into());
        let g3 = ev("seizure", Some("2020-01-02"), "14");
        let mut x1 = g1.clone();
        x1.municipality = Some("14039".into());
        let mut x2 = g2.clone();
        x2.municipality = None;
        let mut x3 = g3.clone();
        x3.municipality = Some("14039".into());
        let t = score_document(&[x1, x2, x3], &[g1, g2, g3], &[], &[]);
        assert_eq!((t.municipalities_exact, t.municipalities_gold), (1, 2));
        assert_eq!(t.scores().municipality_accuracy, 0.5);
        assert_eq!(t.scores().event_f1, 1.0);
    }

    #[test]
    fn missing_and_extra() {
        let gold = [
            ev("arrest", Some("2020-01-02"), "14"),
            ev("seizure", None, "14"),
        ];
        let x = [
            ev("arrest", Some("2020-01-02"), "14"),
            ev("protest", None, "14"),
        ];
        let s = score_document(&x, &gold, &[], &[]).scores();
        assert_eq!(s.event_precision, 0.5);
        assert_eq!(s.event_recall, 0.5);
        let t = score_document(&x, &gold, &[], &[]);
        assert_eq!(t.kind_scores("arrest"), (1.0, 1.0));
        assert_eq!(t.kind_scores("protest").0, 0.0);
        assert_eq!(t.kind_scores("seizure").1, 0.0);
        let s = score_document(&[], &gold, &[], &[]).scores();
        assert_eq!(s.event_recall, 0.0);
        assert_eq!(s.event_f1, 0.0);
    }

    #[test]
    fn dates_within_one_day_only() {
        let gold = [ev("homicide", Some("2020-01-10"), "25")];
        assert_eq!(
            match_events(&[ev("homicide", Some("2020-01-11"), "25")], &gold),
            [Some(0)]
        );
        assert_eq!(
            match_events(&[ev("homicide", Some("2020-01-12"), "25")], &gold),
            [None]
        );
        assert_eq!(match_events(&[ev("homicide", None, "25")], &gold), [None]);
        // A null gold date matches any extracted date.
        let gold = [ev("homicide", None, "25")];
        assert_eq!(
            match_events(&[ev("homicide", Some("1999-01-01"), "25")], &gold),
            [Some(0)]
        );
        // Kind and state must agree.
        assert_eq!(match_events(&[ev("homicide", None, "14")], &gold), [None]);
        assert_eq!(match_events(&[ev("massacre", None, "25")], &gold), [None]);
    }

    #[test]
    fn duplicates_match_once() {
        let gold = [ev("arrest", Some("2020-01-02"), "14")];
        let x = [
            ev("arrest", Some("2020-01-02"), "14"),
            ev("arrest", Some("2020-01-02"), "14"),
        ];
        let t = score_document(&x, &gold, &[], &[]);
        assert_eq!((t.matched, t.extracted, t.gold), (1, 2, 1));
    }

    #[test]
    fn matching_is_maximum_not_greedy() {
        // Gold A (null date) could take either extracted event; gold B only the first.
        // A greedy pass giving A the first would leave B unmatched.
        let gold = [
            ev("arrest", None, "14"),
            ev("arrest", Some("2020-01-02"), "14"),
        ];
        let x = [
            ev("arrest", Some("2020-01-02"), "14"),
            ev("arrest", Some("2020-05-01"), "14"),
        ];
        let m = match_events(&x, &gold);
        assert_eq!(m, [Some(1), Some(0)]);
    }

    #[test]
    fn actors_and_measures_within_matches() {
        let mut g = ev("armed_clash", None, "12");
        g.actors = vec!["Army".into(), "CJNG".into()];
        g.measures.insert("fatalities".into(), 15.0);
        g.measures.insert("injured".into(), 2.0);
        let mut x = g.clone();
        x.actors = vec!["Army".into(), "Navy".into()];
        x.measures.insert("injured".into(), 3.0);
        let t = score_document(&[x], &[g], &[], &[]);
        assert_eq!(
            (t.actors_matched, t.actors_gold, t.actors_extracted),
            (1, 2, 2)
        );
        assert_eq!((t.measures_exact, t.measures_gold), (1, 2));
        let f = [EvalFigure {
            measure: "pills".into(),
            value: 3.5e6,
        }];
        let other = [EvalFigure {
            measure: "pills".into(),
            value: 3.0e6,
        }];
        let t = score_document(&[], &[], &other, &f);
        assert_eq!(t.figures_matched, 0);
    }
}
