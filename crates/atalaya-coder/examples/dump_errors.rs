//! Prints, per document of a gold file, the events and figures the coder misses or adds,
//! then the scores (municipality agreement of matched events included):
//! `cargo run -p atalaya-coder --example dump_errors -- GOLD.jsonl [DOC-ID]`.
use atalaya_coder::eval::{
    coded_for_eval, match_events, score_document, EvalEvent, EvalFigure, Tally,
};
use atalaya_coder::{code, Lang};
use chrono::NaiveDate;

fn main() {
    let path = std::env::args().nth(1).expect("gold file");
    let only = std::env::args().nth(2);
    let mut total = Tally::default();
    for line in std::fs::read_to_string(path).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = v["id"].as_str().unwrap();
        let published =
            NaiveDate::parse_from_str(v["published"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        let c = code(v["text"].as_str().unwrap(), published, Lang::Auto);
        let gold: Vec<EvalEvent> = serde_json::from_value(v["events"].clone()).unwrap();
        let gfig: Vec<EvalFigure> = serde_json::from_value(v["figures"].clone()).unwrap();
        let (x, xfig) = coded_for_eval(&c);
        let t = score_document(&x, &gold, &xfig, &gfig);
        total.add(&t);
        if only.as_deref().is_some_and(|o| o != id) {
            continue;
        }
        let m = match_events(&x, &gold);
        let mut out = String::new();
        for (gi, g) in gold.iter().enumerate() {
            match m[gi] {
                None => {
                    out += &format!(
                        "  MISS {} {:?} {:?} {:?} {:?}\n",
                        g.kind, g.date, g.state, g.actors, g.measures
                    )
                }
                Some(xi) => {
                    let e = &x[xi];
                    if e.measures != g.measures || e.actors != g.actors {
                        out += &format!(
                            "  DIFF {} {:?} gold a={:?} m={:?} | got a={:?} m={:?} << {}\n",
                            g.kind,
                            g.state,
                            g.actors,
                            g.measures,
                            e.actors,
                            e.measures,
                            c.events[xi].quote.chars().take(120).collect::<String>()
                        );
                    }
                }
            }
        }
        for (xi, e) in x.iter().enumerate() {
            if !m.contains(&Some(xi)) {
                out += &format!(
                    "  FP   {} {:?} {:?} {:?} {:?} << {}\n",
                    e.kind,
                    e.date,
                    e.state,
                    e.actors,
                    e.measures,
                    c.events[xi].quote.chars().take(140).collect::<String>()
                );
            }
        }
        let gf: Vec<_> = gfig.iter().map(|f| (f.measure.clone(), f.value)).collect();
        let xf: Vec<_> = xfig.iter().map(|f| (f.measure.clone(), f.value)).collect();
        if gf.iter().any(|f| !xf.contains(f)) || xf.iter().any(|f| !gf.contains(f)) {
            out += &format!("  FIG gold {:?} | got {:?}\n", gf, xf);
        }
        if !out.is_empty() || only.is_some() {
            // Short texts (headlines) are shown with their errors; long ones on request.
            let text = v["text"].as_str().unwrap_or("");
            let shown = if text.len() <= 200 { text } else { "" };
            println!("{id} ({}) {shown}\n{out}", v["published"]);
            if only.is_some() {
                println!("{text}\n");
                for e in &c.events {
                    println!(
                        "   {:?}",
                        (e.kind.as_str(), &e.date, &e.state, &e.actors, &e.measures)
                    );
                }
            }
        }
    }
    let s = total.scores();
    println!(
        "event P {:.3} R {:.3} F1 {:.3} | actor F1 {:.3} | measure {:.3} ({}/{}) | figure F1 {:.3}",
        s.event_precision,
        s.event_recall,
        s.event_f1,
        s.actor_f1,
        s.measure_accuracy,
        total.measures_exact,
        total.measures_gold,
        s.figure_f1
    );
    println!(
        "municipality: {} of {} matched events with a gold municipality ({:.3})",
        total.municipalities_exact, total.municipalities_gold, s.municipality_accuracy
    );
    for (k, v) in &total.per_kind {
        println!("  {k}: x{} g{} m{}", v[0], v[1], v[2]);
    }
}
