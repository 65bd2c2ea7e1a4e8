//! A deterministic rule-based coder: sentences (surviving datelines and abbreviations),
//! trigger lexicons per kind in English and Spanish, negation/hypothetical/denial filters,
//! states through the gazetteer (plus a few major cities), actors through the registry,
//! dates relative to the publication date, numbers in words and digits, measures and figures.

use std::collections::BTreeMap;

use atalaya_core::EventKind;
use chrono::NaiveDate;
use serde::Serialize;

use crate::mentions::Clause;
use crate::resolve::Document;
use crate::segment;
use crate::tokens::{detect, tokenize};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Auto,
    En,
    Es,
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "auto" => Ok(Lang::Auto),
            "en" => Ok(Lang::En),
            "es" => Ok(Lang::Es),
            o => Err(format!("unknown language {o:?} (auto, en, es)")),
        }
    }
}

/// Character offsets `[start, end)` into the text, and the quoted sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodedEvent {
    pub kind: EventKind,
    pub date: Option<String>,
    pub state: Option<String>,
    /// 5-digit INEGI code, when the text names a municipality or city inside `state`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    pub actors: Vec<String>,
    pub measures: BTreeMap<String, f64>,
    pub span: (usize, usize),
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub measure: String,
    pub value: f64,
    pub unit: String,
    pub scope: String,
    /// The period the figure covers when the text says it: a year ("2025"), years
    /// ("2019-2024"), or months ("2025-01..2025-05" for "since January"); null otherwise.
    pub period: Option<String>,
    pub span: (usize, usize),
    pub quote: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Coded {
    pub events: Vec<CodedEvent>,
    pub figures: Vec<Figure>,
}

/// Codes `text`, published on `published`, into events and figures: segment → words →
/// mentions (actors, places) per clause, then per clause in order its triggers, kinds and
/// events, resolved against what the clauses before it said.
pub fn code(text: &str, published: NaiveDate, lang: Lang) -> Coded {
    let lang = match lang {
        Lang::Auto => detect(text),
        l => l,
    };
    let chars: Vec<char> = text.chars().collect();
    let (skip, dl_state) = segment::dateline(&chars).unwrap_or((0, None));
    // An opinion piece codes nothing.
    if segment::opinion(&chars) {
        return Coded::default();
    }
    let clauses: Vec<Clause> = segment::sentences(&chars)
        .into_iter()
        .filter_map(|(s0, e)| {
            // The dateline is quoted with the first clause but is none of its words.
            let s = if s0 < skip { skip.min(e) } else { s0 };
            let toks = tokenize(&chars, s, e);
            (!toks.is_empty()).then(|| Clause::new((s0, e), toks, dl_state))
        })
        .collect();
    let mut doc = Document::new(&chars, published, lang, dl_state, &clauses);
    for clause in &clauses {
        doc.code_clause(clause);
    }
    doc.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::{sentence_date, When};
    use crate::segment::{dateline, sentences};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn kinds(c: &Coded) -> Vec<&'static str> {
        c.events.iter().map(|e| e.kind.as_str()).collect()
    }

    #[test]
    fn blockade_with_count_en() {
        let text = "TIJUANA, Mar 3 — Gunmen blocked roads at 12 points across Baja California on Sunday with burning cars, officials said.";
        let c = code(text, d("2021-03-03"), Lang::Auto);
        let e = c
            .events
            .iter()
            .find(|e| e.kind == EventKind::RoadBlockade)
            .unwrap();
        assert_eq!(e.state.as_deref(), Some("02"));
        assert_eq!(e.date.as_deref(), Some("2021-02-28"));
        assert_eq!(e.measures.get("blockades"), Some(&12.0));
        assert!(e.quote.contains("12 points"));
    }

    #[test]
    fn blocked_roads_are_counted_as_blockades() {
        for (text, lang) in [
            (
                "Gunmen blockaded 250 roads across 20 states on Sunday.",
                Lang::En,
            ),
            (
                "Hombres armados bloquearon 250 carreteras en 20 estados el domingo.",
                Lang::Es,
            ),
        ] {
            let c = code(text, d("2026-02-23"), lang);
            let e = c
                .events
                .iter()
                .find(|e| e.kind == EventKind::RoadBlockade)
                .unwrap_or_else(|| panic!("no blockade in {text}"));
            assert_eq!(e.measures.get("blockades"), Some(&250.0), "{text}");
            assert_eq!(e.measures.get("states"), Some(&20.0), "{text}");
        }
    }

    #[test]
    fn a_thrown_explosive_is_an_explosive_attack() {
        for (text, lang) in [
            ("Gunmen threw an explosive device at a bar in Celaya, Guanajuato, on Monday.", Lang::En),
            ("Sujetos arrojaron un artefacto explosivo contra un bar en Celaya, Guanajuato, el lunes.", Lang::Es),
        ] {
            let c = code(text, d("2026-03-03"), lang);
            assert_eq!(kinds(&c), ["explosive_attack"], "{text}");
            assert_eq!(c.events[0].municipality.as_deref(), Some("11007"), "{text}");
            assert_eq!(c.events[0].date.as_deref(), Some("2026-03-02"), "{text}");
        }
    }

    #[test]
    fn clash_with_fatalities_es() {
        let text = "Siete presuntos sicarios murieron ayer en un enfrentamiento con militares en Zacatecas.";
        let c = code(text, d("2020-06-10"), Lang::Es);
        assert_eq!(kinds(&c), ["armed_clash"]);
        let e = &c.events[0];
        assert_eq!(e.state.as_deref(), Some("32"));
        assert_eq!(e.date.as_deref(), Some("2020-06-09"));
        assert_eq!(e.measures.get("fatalities"), Some(&7.0));
        assert!(e.actors.contains(&"Army".to_string()));
    }

    #[test]
    fn arrest_en_and_es() {
        let c = code(
            "Marines arrested four suspected members of the Gulf Cartel in Tamaulipas on Tuesday.",
            d("2018-01-12"),
            Lang::Auto,
        );
        assert_eq!(kinds(&c), ["arrest"]);
        assert_eq!(c.events[0].measures.get("arrested"), Some(&4.0));
        assert_eq!(c.events[0].actors, ["Navy", "Gulf Cartel"]);
        assert_eq!(c.events[0].date.as_deref(), Some("2018-01-09"));
        let c = code(
            "Elementos de la Guardia Nacional detuvieron a tres personas el lunes en Sonora.",
            d("2022-05-05"),
            Lang::Auto,
        );
        assert_eq!(kinds(&c), ["arrest"]);
        assert_eq!(c.events[0].state.as_deref(), Some("26"));
        assert_eq!(c.events[0].date.as_deref(), Some("2022-05-02"));
    }

    #[test]
    fn seizure_with_pills() {
        let c = code(
            "Soldiers seized 250,000 fentanyl pills and 20 rifles at a warehouse in Sinaloa.",
            d("2023-02-01"),
            Lang::En,
        );
        let e = c
            .events
            .iter()
            .find(|e| e.kind == EventKind::Seizure)
            .unwrap();
        assert_eq!(e.measures.get("pills"), Some(&250000.0));
        assert_eq!(e.measures.get("weapons"), Some(&20.0));
        assert_eq!(e.state.as_deref(), Some("25"));
    }

    #[test]
    fn denial_and_hypothetical_code_nothing() {
        for t in [
            "The governor denied that soldiers had killed five civilians in Guerrero.",
            "El fiscal negó que hubiera enfrentamientos en Michoacán.",
            "Analysts warned that violence could spread to Zacatecas if the cartel splits.",
            "Las autoridades advirtieron que podría haber bloqueos en Jalisco.",
        ] {
            let c = code(t, d("2020-01-01"), Lang::Auto);
            assert!(c.events.is_empty(), "{t}: {:?}", kinds(&c));
        }
    }

    #[test]
    fn vague_and_more_than_counts_give_no_number() {
        let c = code(
            "Una veintena de hombres armados asesinaron a más de 10 personas en Guanajuato.",
            d("2020-01-01"),
            Lang::Es,
        );
        for e in &c.events {
            assert!(!e.measures.contains_key("fatalities"));
        }
    }

    #[test]
    fn relative_dates() {
        let p = d("2015-05-02"); // a Saturday
        let w = |s: &str| {
            let toks = tokenize(&s.chars().collect::<Vec<_>>(), 0, s.chars().count());
            let words: Vec<&str> = toks.iter().map(|t| t.low.as_str()).collect();
            sentence_date(&toks, &words, p)
        };
        assert_eq!(w("on Friday"), When::Day(d("2015-05-01")));
        assert_eq!(w("el pasado jueves"), When::Day(d("2015-04-30")));
        assert_eq!(w("ayer"), When::Day(d("2015-05-01")));
        assert_eq!(w("last week"), When::NoDay);
        assert_eq!(w("on 3 March"), When::Day(d("2015-03-03")));
        assert_eq!(w("el 28 de diciembre"), When::Day(d("2014-12-28")));
        assert_eq!(w("in 2016"), When::NoDay);
        // A month and a year without a day: no day.
        assert_eq!(w("recaptured in January 2016"), When::NoDay);
        assert_eq!(w("en enero de 2016"), When::NoDay);
    }

    #[test]
    fn sentences_survive_datelines_and_abbreviations() {
        let t = "CULIACÁN, Sin.— Gen. Pérez said troops arrived. A second sentence.";
        let chars: Vec<char> = t.chars().collect();
        assert_eq!(sentences(&chars).len(), 2);
        assert_eq!(dateline(&chars).unwrap().1, Some("25"));
        assert_eq!(
            detect("Los hombres armados atacaron a la policía en el centro"),
            Lang::Es
        );
        assert_eq!(
            detect("The gunmen attacked the police in the city"),
            Lang::En
        );
    }

    #[test]
    fn figures_bounty_and_total() {
        let c = code(
            "The US offers a reward of $5mn for the capture of the cartel leader.",
            d("2020-01-01"),
            Lang::En,
        );
        assert_eq!(c.figures.len(), 1);
        assert_eq!(
            (
                c.figures[0].measure.as_str(),
                c.figures[0].value,
                c.figures[0].unit.as_str()
            ),
            ("bounty", 5e6, "USD")
        );
        assert!(c.events.is_empty());
    }

    #[test]
    fn opinion_codes_nothing() {
        let t = "OPINION — Every time a kingpin is arrested, his lieutenants fight and killings rise in Sinaloa.";
        assert_eq!(code(t, d("2020-01-01"), Lang::Auto), Coded::default());
    }

    #[test]
    fn one_event_per_listed_state_not_per_mention() {
        let c = code(
            "Blockades with burning trucks were reported on Monday in Sonora and Sinaloa.",
            d("2020-03-04"),
            Lang::En,
        );
        let mut st: Vec<_> = c.events.iter().map(|e| e.state.clone().unwrap()).collect();
        st.sort();
        assert_eq!(st, ["25", "26"]);
        // A neighbouring state named as a landmark is not a second place.
        let c = code(
            "Gunmen killed two men on Monday in Michoacán, near the border with Jalisco.",
            d("2020-03-04"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["homicide"]);
        assert_eq!(c.events[0].state.as_deref(), Some("16"));
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&2.0));
        // The state inside a cartel's name is not a place.
        let c = code(
            "Jalisco New Generation Cartel gunmen ambushed soldiers in Guerrero on Monday.",
            d("2020-03-04"),
            Lang::En,
        );
        assert_eq!(c.events[0].state.as_deref(), Some("12"));
        assert_eq!(c.events[0].kind, EventKind::AttackOnForces);
        assert_eq!(c.events[0].actors[0], "CJNG");
    }

    #[test]
    fn a_list_of_figures_keeps_each_cue_with_its_number() {
        let figs = |text: &str| {
            let c = code(text, d("2026-02-24"), Lang::Auto);
            c.figures
                .iter()
                .map(|f| (f.measure.clone(), f.value))
                .collect::<Vec<_>>()
        };
        let want = [
            ("arrested".to_string(), 29_000.0),
            ("extraditions".to_string(), 92.0),
        ];
        for text in [
            "Las autoridades han detenido a 29,000 personas, extraditado a 92 sospechosos a Estados Unidos y asegurado 23,000 armas desde enero.",
            "Since January, authorities have arrested 29,000 people, extradited 92 suspects to the United States and seized 23,000 weapons.",
            "Since January there were 29,000 arrests, 92 extraditions and 23,000 weapons seized.",
        ] {
            let got = figs(text);
            assert_eq!(got[..2], want, "{text}");
            assert_eq!(got[2], ("weapons".to_string(), 23_000.0), "{text}");
        }
    }

    #[test]
    fn spanish_figures() {
        let c = code(
            "El gobierno ofrecía una recompensa de hasta 20 millones de pesos por su captura.",
            d("2020-01-01"),
            Lang::Es,
        );
        assert_eq!(c.figures.len(), 1);
        assert_eq!(
            (c.figures[0].value, c.figures[0].unit.as_str()),
            (2e7, "MXN")
        );
        let c = code(
            "Sonora cerró 2019 con 1 mil 250 víctimas de homicidio doloso.",
            d("2020-01-01"),
            Lang::Es,
        );
        assert_eq!(c.figures.len(), 1);
        assert_eq!(
            (
                c.figures[0].measure.as_str(),
                c.figures[0].value,
                c.figures[0].scope.as_str()
            ),
            ("homicides", 1250.0, "26")
        );
        assert!(c.events.is_empty());
    }

    #[test]
    fn leader_killed_in_a_clash() {
        let c = code("El líder del Cártel del Golfo murió ayer en un enfrentamiento con marinos en Tamaulipas.", d("2020-01-02"), Lang::Es);
        assert_eq!(kinds(&c), ["leader_killed"]);
        assert_eq!(c.events[0].date.as_deref(), Some("2020-01-01"));
    }

    #[test]
    fn who_is_attacked_decides_the_kind() {
        // Police shooting at civilians is not an attack on forces.
        let c = code("Policías municipales dispararon contra un autobús en Guerrero el lunes y mataron a dos personas.", d("2020-03-04"), Lang::Es);
        assert!(!kinds(&c).contains(&"attack_on_forces"), "{:?}", kinds(&c));
        // Soldiers as the dead: an attack on forces.
        let c = code(
            "Cuatro soldados murieron el martes en Sinaloa cuando fueron emboscados.",
            d("2020-03-04"),
            Lang::Es,
        );
        assert_eq!(kinds(&c), ["attack_on_forces"]);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&4.0));
        // "aseguró que" asserts; it seizes nothing.
        let c = code(
            "El gobernador aseguró que la situación en Jalisco está bajo control.",
            d("2020-03-04"),
            Lang::Es,
        );
        assert!(c.events.is_empty());
    }

    #[test]
    fn killings_told_by_a_noun_refer_back() {
        let t = "Gunmen shot dead two police officers in Colima on Sunday. The killings shocked the state.";
        let c = code(t, d("2021-06-08"), Lang::En);
        assert_eq!(kinds(&c), ["attack_on_forces"]);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&2.0));
        let c = code("Los agresores cerraron la carretera con camiones a los que prendieron fuego en Michoacán.", d("2021-06-08"), Lang::Es);
        assert_eq!(kinds(&c), ["road_blockade"]);
    }

    #[test]
    fn a_single_victim_counts() {
        let c = code("Gunmen attacked a checkpoint in Zacatecas on Monday; a soldier was killed and a marine was wounded.", d("2021-06-08"), Lang::En);
        let e = c
            .events
            .iter()
            .find(|e| e.kind == EventKind::AttackOnForces)
            .unwrap();
        assert_eq!(e.measures.get("fatalities"), Some(&1.0));
        assert_eq!(e.measures.get("injured"), Some(&1.0));
        let c = code(
            "Con el capo fue detenido un acompañante en Sinaloa.",
            d("2021-06-08"),
            Lang::Es,
        );
        assert_eq!(c.events[0].measures.get("arrested"), Some(&1.0));
    }

    #[test]
    fn reported_hypotheticals_code_nothing() {
        for (t, lang) in [
            (
                "Experts said violence in Sinaloa could rise if the factions split.",
                Lang::En,
            ),
            (
                "El gobernador dijo que si el cártel responde habrá bloqueos en Jalisco.",
                Lang::Auto,
            ),
        ] {
            let c = code(t, d("2020-01-01"), lang);
            assert!(c.events.is_empty(), "{t}: {:?}", kinds(&c));
        }
        // Reported speech about a real event is still an event.
        let c = code(
            "Police said the suspects, arrested on Monday in Sonora, will be charged.",
            d("2020-01-08"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["arrest"]);
    }
    fn event(c: &Coded, kind: EventKind) -> &CodedEvent {
        c.events
            .iter()
            .find(|e| e.kind == kind)
            .unwrap_or_else(|| panic!("no {kind:?} in {:?}", kinds(c)))
    }

    #[test]
    fn later_counts_complete_the_event() {
        let c = code(
            "Gunmen killed four men at a bar in Celaya on Saturday; two other people were wounded.",
            d("2022-03-07"),
            Lang::Auto,
        );
        assert_eq!(kinds(&c), ["massacre"]);
        let e = &c.events[0];
        assert_eq!(e.measures.get("fatalities"), Some(&4.0));
        assert_eq!(e.measures.get("injured"), Some(&2.0));
        assert_eq!(e.municipality.as_deref(), Some("11007"));
        let c = code(
            "Un comando asesinó a cinco personas en un palenque de Uruapan el domingo. Otras tres personas resultaron heridas.",
            d("2022-03-08"),
            Lang::Auto,
        );
        assert_eq!(kinds(&c), ["massacre"]);
        let e = &c.events[0];
        assert_eq!(e.measures.get("fatalities"), Some(&5.0));
        assert_eq!(e.measures.get("injured"), Some(&3.0));
        assert_eq!(
            (e.state.as_deref(), e.municipality.as_deref()),
            (Some("16"), Some("16102"))
        );
    }

    #[test]
    fn municipalities_resolve_inside_their_state_only() {
        let c = code(
            "Gunmen killed two police officers in Temixco, Morelos, on Monday.",
            d("2021-02-03"),
            Lang::En,
        );
        let e = &c.events[0];
        assert_eq!(
            (e.state.as_deref(), e.municipality.as_deref()),
            (Some("17"), Some("17018"))
        );
        // A major city implies its state.
        let c = code(
            "Soldados detuvieron a tres hombres en Culiacán el lunes.",
            d("2021-02-03"),
            Lang::Es,
        );
        let e = event(&c, EventKind::Arrest);
        assert_eq!(
            (e.state.as_deref(), e.municipality.as_deref()),
            (Some("25"), Some("25006"))
        );
        // A name several states share supports none of them: no guess.
        let c = code(
            "Soldiers arrested three men in Tierra Blanca on Monday.",
            d("2021-02-03"),
            Lang::En,
        );
        let e = event(&c, EventKind::Arrest);
        assert_eq!(
            (e.state.as_deref(), e.municipality.as_deref()),
            (None, None)
        );
        // "colonia Tenencia Morelos" is a neighbourhood of Morelia, not the state.
        let c = code(
            "Pistoleros mataron a dos hombres en la colonia Tenencia Morelos de Morelia el domingo.",
            d("2021-02-03"),
            Lang::Es,
        );
        assert_eq!(c.events[0].state.as_deref(), Some("16"));
        // Where a march came from is not where it happened.
        let c = code(
            "Miles de personas protestaron ayer en la capital tras caminar desde Cuernavaca.",
            d("2021-02-03"),
            Lang::Es,
        );
        assert_eq!(event(&c, EventKind::Protest).state.as_deref(), Some("09"));
    }

    #[test]
    fn a_leader_named_before_is_still_a_leader() {
        let t = "Prosecutors describe Ramiro Fuentes as the leader of the Northeast Cartel. Soldiers captured Fuentes in Nuevo Laredo on Tuesday.";
        let c = code(t, d("2020-09-10"), Lang::En);
        assert_eq!(kinds(&c), ["leader_captured"]);
        assert_eq!(c.events[0].state.as_deref(), Some("28"));
        let t = "Ramiro Fuentes es el líder del Cártel del Noreste. El martes, marinos detuvieron a Fuentes en Nuevo Laredo.";
        let c = code(t, d("2020-09-10"), Lang::Es);
        assert_eq!(kinds(&c), ["leader_captured"]);
        // His trusted man is an arrest.
        let t = "Ramiro Fuentes es el líder del Cártel del Noreste. El martes fue detenido en Nuevo Laredo Pedro Ruiz, operador financiero y hombre de confianza de Fuentes.";
        let c = code(t, d("2020-09-10"), Lang::Es);
        assert_eq!(kinds(&c), ["arrest"]);
    }

    #[test]
    fn attempts_and_rejections() {
        for (t, lang) in [
            (
                "Soldiers were trying to capture him in Sinaloa when he fled.",
                Lang::En,
            ),
            (
                "Los militares intentaban capturarlo en Zapopan cuando huyó.",
                Lang::Es,
            ),
            (
                "The governor rejected reports that soldiers killed three civilians in Guerrero.",
                Lang::En,
            ),
            (
                "El fiscal rechazó versiones de que policías asesinaron a tres jóvenes en Veracruz.",
                Lang::Es,
            ),
        ] {
            let c = code(t, d("2020-01-02"), lang);
            assert!(c.events.is_empty(), "{t}: {:?}", kinds(&c));
        }
        // A court rejecting an appeal denies nothing.
        let c = code(
            "A federal judge rejected his last appeal and Mexico extradited him to the United States on Thursday.",
            d("2020-01-04"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["extradition"]);
        assert_eq!(c.events[0].actors[0], "Federal government");
    }

    #[test]
    fn people_taken_and_handed_over() {
        let c = code(
            "Gunmen seized five soldiers in Michoacán on Sunday.",
            d("2020-01-07"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["kidnapping"]);
        assert_eq!(c.events[0].measures.get("people"), Some(&5.0));
        let c = code(
            "Sicarios secuestraron a cuatro policías en Guerrero el lunes.",
            d("2020-01-07"),
            Lang::Es,
        );
        assert_eq!(kinds(&c), ["kidnapping"]);
        assert_eq!(c.events[0].measures.get("people"), Some(&4.0));
        // Handing fugitives to the United States is an extradition, national unless placed.
        let c = code(
            "Mexico handed seven fugitives to the United States on Friday.",
            d("2020-01-07"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["extradition"]);
        assert_eq!(c.events[0].measures.get("people"), Some(&7.0));
        assert_eq!(c.events[0].state, None);
        let c = code(
            "México entregó a Estados Unidos a 13 presuntos narcotraficantes el viernes.",
            d("2020-01-07"),
            Lang::Es,
        );
        assert_eq!(kinds(&c), ["extradition"]);
    }

    #[test]
    fn totals_parts_and_breakdowns() {
        // A total over its parts.
        let c = code(
            "Seven people — four men and three women — were killed in Guerrero on Monday.",
            d("2020-01-07"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["massacre"]);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&7.0));
        // A breakdown of the dead is not a second event.
        let c = code(
            "Forty people died on Friday in a gun battle in Michoacán. Thirty of the dead were gunmen.",
            d("2020-01-11"),
            Lang::En,
        );
        assert_eq!(c.events.len(), 1, "{:?}", kinds(&c));
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&40.0));
        // A passive verb does not take the next number.
        let c = code(
            "Two gunmen were killed, three people were arrested and a soldier was wounded in a raid in Sinaloa on Friday.",
            d("2020-01-11"),
            Lang::En,
        );
        assert_eq!(
            event(&c, EventKind::Arrest).measures.get("arrested"),
            Some(&3.0)
        );
        let e = event(&c, EventKind::ArmedClash);
        assert_eq!(e.measures.get("fatalities"), Some(&2.0));
        assert_eq!(e.measures.get("injured"), Some(&1.0));
        // "15 muertos" is a count next to its noun: it wins over "trece" read further off.
        let c = code(
            "Trece hombres murieron en el lugar y dos más en el hospital, con lo que el saldo llegó a 15 muertos en Salamanca.",
            d("2020-01-11"),
            Lang::Es,
        );
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&15.0));
    }

    #[test]
    fn single_named_victims_count_one() {
        let c = code(
            "Pedro Ruiz, a local reporter, was shot dead in Xalapa on Tuesday.",
            d("2020-01-09"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["homicide"]);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&1.0));
        assert_eq!(c.events[0].municipality.as_deref(), Some("30087"));
        let c = code(
            "El periodista Juan Pérez fue asesinado el martes en Xalapa; su hermana resultó herida.",
            d("2020-01-09"),
            Lang::Es,
        );
        assert_eq!(kinds(&c), ["homicide"]);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&1.0));
        assert_eq!(c.events[0].measures.get("injured"), Some(&1.0));
    }

    #[test]
    fn deaths_told_later_belong_to_the_killing() {
        let c = code(
            "Gunmen killed five people at a party in Celaya on Saturday. Two more died in hospital.",
            d("2020-01-13"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["massacre"]);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&5.0));
        let c = code(
            "Un comando asesinó a cuatro hombres en un bar de Irapuato el sábado. Otros dos murieron en el hospital.",
            d("2020-01-13"),
            Lang::Es,
        );
        assert_eq!(kinds(&c), ["massacre"]);
    }

    #[test]
    fn one_fight_told_twice_is_one_event() {
        let c = code(
            "Gunmen ambushed a police convoy in Michoacán on Monday. In the gun battle that followed, five officers were killed.",
            d("2020-01-09"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["attack_on_forces"]);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&5.0));
    }

    #[test]
    fn running_totals_and_continued_figures() {
        // A tally is a figure, not an event.
        let c = code(
            "Suman 12 los policías detenidos por el caso en Guerrero.",
            d("2020-01-09"),
            Lang::Es,
        );
        assert!(c.events.is_empty(), "{:?}", kinds(&c));
        assert_eq!(c.figures.len(), 1);
        assert_eq!(
            (c.figures[0].measure.as_str(), c.figures[0].value),
            ("arrested", 12.0)
        );
        let c = code(
            "Por el caso suman ya más de 50 detenidos.",
            d("2020-01-09"),
            Lang::Es,
        );
        assert!(c.events.is_empty() && c.figures.is_empty());
        // A number with no cue continues the last figure, and a national total is national.
        let c = code(
            "Sinaloa recorded 1,500 homicides in 2023, of a national total of 29,675.",
            d("2024-01-09"),
            Lang::En,
        );
        let f: Vec<_> = c
            .figures
            .iter()
            .map(|f| {
                (
                    f.measure.as_str(),
                    f.value,
                    f.scope.as_str(),
                    f.period.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            f,
            [
                ("homicides", 1500.0, "25", Some("2023")),
                ("homicides", 29675.0, "MX", Some("2023"))
            ]
        );
    }

    #[test]
    fn figure_periods() {
        let p = |t: &str, published: &str| {
            let c = code(t, d(published), Lang::Auto);
            assert_eq!(c.figures.len(), 1, "{t}");
            c.figures[0].period.clone()
        };
        assert_eq!(
            p(
                "Since January, 1,200 people have been arrested in Sinaloa, officials said.",
                "2025-05-10"
            ),
            Some("2025-01..2025-05".to_string())
        );
        assert_eq!(
            p("Desde enero suman 340 detenidos en Sinaloa.", "2025-03-02"),
            Some("2025-01..2025-03".to_string())
        );
        assert_eq!(
            p(
                "Of 104,850 firearms seized between 2009 and 2014, most were rifles.",
                "2016-01-22"
            ),
            Some("2009-2014".to_string())
        );
        assert_eq!(
            p(
                "Mexico extradited 66 people to the United States in 2019.",
                "2020-01-10"
            ),
            Some("2019".to_string())
        );
        assert_eq!(
            p(
                "The US offers a reward of $5mn for the capture of the cartel leader.",
                "2020-01-10"
            ),
            None
        );
    }
    #[test]
    fn headlines_in_the_present_and_places_in_addresses() {
        let st = |t: &str| {
            let c = code(t, d("2021-05-05"), Lang::Auto);
            let mut v: Vec<String> = c.events.iter().filter_map(|e| e.state.clone()).collect();
            v.sort();
            v.dedup();
            (kinds(&c), v)
        };
        assert_eq!(
            st("Matan a seis en una cantina de Moroleón").0,
            ["massacre"]
        );
        assert_eq!(
            st("Ejecutan a tres policías estatales en Sonora").0,
            ["attack_on_forces"]
        );
        assert_eq!(st("Detienen a dos hombres en Tijuana").0, ["arrest"]);
        assert_eq!(st("They kill two men in Celaya").0, ["homicide"]);
        // The larger unit, last, gives the state: "Juárez, Nuevo León", "El Salto, Fresnillo".
        assert_eq!(st("Asesinan a una pareja en Juárez, Nuevo León").1, ["19"]);
        assert_eq!(
            st("Three people are murdered in El Salto, Fresnillo").1,
            ["32"]
        );
        // A neighbourhood or street named after a place is not that place.
        assert_eq!(
            st("They kill a woman in the Guadalupe neighborhood of Celaya").1,
            ["11"]
        );
        // A state's name inside a longer name is not the state.
        assert_eq!(st("They kill a man in Dolores Hidalgo").1, ["11"]);
        assert_eq!(
            st("Gunmen killed a man in the Zacatecas neighborhood of Chihuahua city").1,
            ["08"]
        );
        // A capital at the start of a headline is no evidence of a place name.
        assert_eq!(st("Suma Guerrero 30 muertos en una semana").1, ["12"]);
        // States listed with a press abbreviation: one event each.
        assert_eq!(
            st("Asesinan a 23 personas en Michoacán, Guanajuato, BC y Guerrero").1,
            ["02", "11", "12", "16"]
        );
        // A landmark is not where it happened.
        assert_eq!(
            st("Six bodies found in Veracruz; they lay on the border with Tabasco").1,
            ["30"]
        );
    }
    #[test]
    fn whereabouts_unknown_and_a_state_capital() {
        let t = "IGUALA, Gro., 3 de marzo.— El 1 de marzo, hombres armados se llevaron a tres jóvenes de una fiesta; desde entonces se desconoce su paradero.";
        let c = code(t, d("2016-03-03"), Lang::Es);
        let e = event(&c, EventKind::Disappearance);
        assert_eq!(e.date.as_deref(), Some("2016-03-01"));
        assert_eq!(e.state.as_deref(), Some("12"));
        let c = code(
            "Two brothers were taken from their home in Sonora on Friday; their whereabouts are unknown.",
            d("2016-03-07"),
            Lang::En,
        );
        assert!(kinds(&c).contains(&"disappearance"), "{:?}", kinds(&c));
        // Under a state's dateline, "la capital" is that state's capital, not Mexico City.
        let t = "CHILPANCINGO, Gro., 5 de abril.— Manifestantes incendiaron ayer la sede del ayuntamiento de la capital.";
        let c = code(t, d("2016-04-05"), Lang::Es);
        assert_eq!(event(&c, EventKind::Arson).state.as_deref(), Some("12"));
        let t = "MÉXICO, 5 de abril.— Miles de manifestantes protestaron ayer en la capital.";
        let c = code(t, d("2016-04-05"), Lang::Es);
        assert_eq!(event(&c, EventKind::Protest).state.as_deref(), Some("09"));
    }
    #[test]
    fn armed_men_are_not_arms() {
        // "armados" and "gunmen" are people, not weapons; "privada" is private, not taken.
        let c = code(
            "Cinco hombres armados fueron detenidos en Sonora el lunes.",
            d("2019-01-22"),
            Lang::Es,
        );
        let e = event(&c, EventKind::Arrest);
        assert_eq!(e.measures.get("arrested"), Some(&5.0));
        assert!(!e.measures.contains_key("weapons"));
        let c = code(
            "Un guardia de seguridad privada fue asesinado en Sonora el lunes.",
            d("2019-01-22"),
            Lang::Es,
        );
        assert_eq!(kinds(&c), ["homicide"]);
    }

    #[test]
    fn accidents_and_background_events() {
        for (t, lang) in [
            (
                "A pipeline explosion killed 21 people in Hidalgo on Friday.",
                Lang::En,
            ),
            (
                "Un accidente carretero dejó cinco muertos en Sonora el domingo.",
                Lang::Es,
            ),
        ] {
            let c = code(t, d("2019-01-20"), lang);
            assert!(c.events.is_empty(), "{t}: {:?}", kinds(&c));
        }
        // A background event keeps its own date; a year alone dates no day.
        let t = "CULIACÁN, Sin.— Soldiers arrested two men in Navolato on Monday. In 2010, gunmen killed 72 migrants in San Fernando, Tamaulipas.";
        let c = code(t, d("2019-01-23"), Lang::En);
        let a = event(&c, EventKind::Arrest);
        assert_eq!(
            (
                a.date.as_deref(),
                a.state.as_deref(),
                a.municipality.as_deref()
            ),
            (Some("2019-01-21"), Some("25"), Some("25018"))
        );
        let m = event(&c, EventKind::Massacre);
        assert_eq!(
            (
                m.date.as_deref(),
                m.state.as_deref(),
                m.municipality.as_deref()
            ),
            (None, Some("28"), Some("28035"))
        );
        assert_eq!(m.measures.get("fatalities"), Some(&72.0));
        let t =
            "El 28 de marzo, los cuerpos de siete personas fueron hallados en Temixco, Morelos.";
        let c = code(t, d("2011-05-09"), Lang::Es);
        let m = event(&c, EventKind::Massacre);
        assert_eq!(
            (m.date.as_deref(), m.municipality.as_deref()),
            (Some("2011-03-28"), Some("17018"))
        );
    }

    fn one(c: &Coded, kind: EventKind) -> &CodedEvent {
        let found: Vec<&CodedEvent> = c.events.iter().filter(|e| e.kind == kind).collect();
        assert_eq!(found.len(), 1, "{:?}", c.events);
        found[0]
    }

    #[test]
    fn forces_named_as_the_dead_of_an_ambush_are_attacked() {
        let c = code(
            "Eight soldiers were killed on Tuesday when gunmen ambushed their convoy in Michoacán.",
            d("2024-05-08"),
            Lang::Auto,
        );
        assert_eq!(kinds(&c), ["attack_on_forces"]);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&8.0));
        let c = code(
            "Eleven members of the state police died on Friday after gunmen ambushed them in Guerrero.",
            d("2024-05-11"),
            Lang::Auto,
        );
        assert_eq!(kinds(&c), ["attack_on_forces"]);
        assert_eq!(c.events[0].actors, ["State police"]);
    }

    #[test]
    fn a_spanish_ambush_and_its_toll_after_a_semicolon_are_one_event() {
        let c = code(
            "Sicarios emboscaron ayer a policías estatales en Guerrero; murieron al menos seis agentes.",
            d("2023-04-12"),
            Lang::Es,
        );
        assert_eq!(kinds(&c), ["attack_on_forces"]);
        let e = &c.events[0];
        assert_eq!(e.date.as_deref(), Some("2023-04-11"));
        assert_eq!(e.measures.get("fatalities"), Some(&6.0));
        assert!(e.actors.contains(&"State police".to_string()));
    }

    #[test]
    fn spanish_tolls_after_the_verb_count() {
        let c = code(
            "Hombres armados atacaron una fiesta en Cuernavaca, Morelos, el sábado; murieron nueve personas y otras dos resultaron heridas.",
            d("2022-09-12"),
            Lang::Es,
        );
        let e = one(&c, EventKind::Massacre);
        assert_eq!(e.measures.get("fatalities"), Some(&9.0));
        assert_eq!(e.measures.get("injured"), Some(&2.0));
        assert_eq!(e.state.as_deref(), Some("17"));
    }

    #[test]
    fn a_group_blamed_afterwards_is_the_perpetrator() {
        let c = code(
            "Gunmen killed five people at a bar in Zacatecas on Friday. Officials blamed the Sinaloa Cartel for the attack.",
            d("2023-06-10"),
            Lang::Auto,
        );
        let e = one(&c, EventKind::Massacre);
        assert_eq!(e.actors.first().map(String::as_str), Some("Sinaloa Cartel"));
    }

    #[test]
    fn road_accidents_are_not_events() {
        let c = code(
            "A bus overturned on a highway in Veracruz on Monday, killing 12 passengers.",
            d("2023-06-13"),
            Lang::Auto,
        );
        assert!(c.events.is_empty(), "{:?}", c.events);
    }

    #[test]
    fn detained_on_an_arrest_warrant_is_an_arrest() {
        let c = code(
            "A former mayor was detained in Puebla on Friday on an arrest warrant for money laundering.",
            d("2023-06-13"),
            Lang::Auto,
        );
        assert_eq!(kinds(&c), ["arrest"]);
        let c = code(
            "A judge issued an arrest warrant for the former mayor of Puebla on Friday.",
            d("2023-06-13"),
            Lang::Auto,
        );
        assert!(c.events.is_empty(), "{:?}", c.events);
    }

    #[test]
    fn a_local_leader_is_an_arrest() {
        let c = code(
            "Soldiers arrested a local leader of the Gulf Cartel in Reynosa, Tamaulipas, on Monday.",
            d("2023-06-13"),
            Lang::Auto,
        );
        assert_eq!(kinds(&c), ["arrest"]);
    }

    #[test]
    fn a_road_blocked_to_demand_something_is_a_protest() {
        let c = code(
            "Relatives of missing students blocked a highway in Oaxaca on Monday to demand their return.",
            d("2023-06-13"),
            Lang::Auto,
        );
        assert!(kinds(&c).contains(&"protest"), "{:?}", c.events);
        assert!(!kinds(&c).contains(&"road_blockade"), "{:?}", c.events);
    }

    #[test]
    fn what_detainees_carried_was_seized() {
        let c = code(
            "Police arrested two men carrying 30 kilos of cocaine in Sonora on Sunday.",
            d("2023-06-13"),
            Lang::Auto,
        );
        assert_eq!(
            one(&c, EventKind::Seizure).measures.get("drugs_kg"),
            Some(&30.0)
        );
        assert_eq!(
            one(&c, EventKind::Arrest).measures.get("arrested"),
            Some(&2.0)
        );
    }

    #[test]
    fn fractional_tonnes_and_forces_of_the_previous_clause() {
        let c = code(
            "Marines seized 2.5 tonnes of cocaine off the coast of Oaxaca on Monday; two men were detained.",
            d("2023-06-13"),
            Lang::Auto,
        );
        assert_eq!(
            one(&c, EventKind::Seizure).measures.get("drugs_kg"),
            Some(&2500.0)
        );
        assert_eq!(one(&c, EventKind::Arrest).actors, ["Navy"]);
    }

    #[test]
    fn fighting_between_groups_is_a_clash() {
        let c = code(
            "Fighting between the CJNG and the Sinaloa Cartel left 11 people dead in Zacatecas on Saturday.",
            d("2023-06-13"),
            Lang::Auto,
        );
        assert_eq!(kinds(&c), ["armed_clash"]);
        assert_eq!(c.events[0].actors, ["CJNG", "Sinaloa Cartel"]);
    }

    #[test]
    fn an_ordinal_tally_is_no_new_event() {
        let c = code(
            "Gunmen shot dead a police officer in Celaya, Guanajuato, on Sunday. He was the fourth officer killed in the city this year.",
            d("2023-06-13"),
            Lang::Auto,
        );
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
    }

    #[test]
    fn a_state_security_ministry_is_not_the_federal_government() {
        let c = code(
            "Gunmen killed a man in Tepic, Nayarit, on Sunday, the state security ministry said.",
            d("2023-06-13"),
            Lang::Auto,
        );
        assert_eq!(c.events[0].actors, ["Civilians"]);
    }

    #[test]
    fn counts_of_people_taken_or_sent() {
        let c = code(
            "Cuatro ciudadanos fueron secuestrados el viernes en Reynosa, Tamaulipas.",
            d("2023-06-13"),
            Lang::Es,
        );
        assert_eq!(
            one(&c, EventKind::Kidnapping).measures.get("people"),
            Some(&4.0)
        );
        let c = code(
            "Mexico sent 12 drug traffickers to the United States on Tuesday.",
            d("2023-06-13"),
            Lang::Auto,
        );
        assert_eq!(
            one(&c, EventKind::Extradition).measures.get("people"),
            Some(&12.0)
        );
        let c = code(
            "Gunmen set fire to three businesses in Uruapan, Michoacán, on Sunday.",
            d("2023-06-13"),
            Lang::Auto,
        );
        assert_eq!(
            one(&c, EventKind::Arson).measures.get("businesses_burned"),
            Some(&3.0)
        );
    }

    #[test]
    fn arrests_keep_the_group_named_before_and_attacks_the_group_named_after() {
        let c = code(
            "A Gulf Cartel cell had been extorting shopkeepers in Matamoros, Tamaulipas. Marines detained two suspects there on Monday.",
            d("2023-06-13"),
            Lang::Auto,
        );
        assert_eq!(one(&c, EventKind::Arrest).actors, ["Navy", "Gulf Cartel"]);
        let c = code(
            "Gunmen burned three buses in Morelia, Michoacán, on Sunday. The state government said La Familia Michoacana was behind the violence.",
            d("2023-06-13"),
            Lang::Auto,
        );
        assert_eq!(one(&c, EventKind::Arson).actors, ["La Familia Michoacana"]);
    }

    #[test]
    fn a_force_telling_the_news_is_no_party_and_spanish_time_before_the_object() {
        let c = code(
            "Gunmen killed a man in Apodaca, Nuevo León, on Sunday, state police said.",
            d("2023-06-13"),
            Lang::Auto,
        );
        assert_eq!(one(&c, EventKind::Homicide).actors, ["Civilians"]);
        let c = code(
            "Hermosillo, Son.— Agentes detuvieron el sábado a cinco hombres en Hermosillo, Sonora, informó la policía estatal.",
            d("2023-06-13"),
            Lang::Es,
        );
        let e = one(&c, EventKind::Arrest);
        assert_eq!(e.measures.get("arrested"), Some(&5.0));
        assert!(e.actors.is_empty(), "{:?}", e.actors);
    }
}

#[cfg(test)]
mod headline_tests {
    use super::*;

    fn coded(text: &str) -> Coded {
        code(
            text,
            NaiveDate::from_ymd_opt(2023, 3, 20).unwrap(),
            Lang::Auto,
        )
    }

    fn fatalities(text: &str) -> Vec<(EventKind, Option<f64>)> {
        coded(text)
            .events
            .iter()
            .map(|e| (e.kind, e.measures.get("fatalities").copied()))
            .collect()
    }

    #[test]
    fn deaths_told_without_a_killing_verb_are_killings() {
        let one = vec![(EventKind::Homicide, Some(1.0))];
        assert_eq!(fatalities("A man is shot to death in Chilpancingo"), one);
        assert_eq!(
            fatalities("They find a lifeless person in the downtown area"),
            one
        );
        assert_eq!(
            fatalities("Descubren cadáver dentro de caja en Jacona"),
            one
        );
        assert_eq!(fatalities("They take the life of a man in Tarimoro"), one);
        // Remains with no count: a killing, uncounted.
        assert_eq!(
            fatalities("Human remains abandoned in El Orito"),
            vec![(EventKind::Homicide, None)]
        );
    }

    #[test]
    fn victims_are_counted_through_descriptions_means_and_pairs() {
        let n = |n: f64, k: EventKind| vec![(k, Some(n))];
        assert_eq!(
            fatalities("Matan a balazos a un hombre en Guadalajara"),
            n(1.0, EventKind::Homicide)
        );
        assert_eq!(
            fatalities("Asesinan a balazos a pareja en Guadalajara"),
            n(2.0, EventKind::Homicide)
        );
        assert_eq!(
            fatalities("They kill a man and a woman in Iguala"),
            n(2.0, EventKind::Homicide)
        );
        assert_eq!(
            fatalities("A woman and three men are murdered in Irapuato"),
            n(4.0, EventKind::Massacre)
        );
        assert_eq!(
            fatalities("They identify the woman murdered in Culiacán"),
            n(1.0, EventKind::Homicide)
        );
    }

    #[test]
    fn a_killing_verbs_object_is_its_victim() {
        let n = |n: f64| vec![(EventKind::Homicide, Some(n))];
        assert_eq!(
            fatalities("Asesinan a panadero en Guadalupe, Zacatecas"),
            n(1.0)
        );
        assert_eq!(fatalities("Ejecutan a anciano en Acapulco"), n(1.0));
        assert_eq!(fatalities("Asesinan a padre e hijo"), n(2.0));
        assert_eq!(fatalities("They kill a 55-year-old man"), n(1.0));
        // "y otro resulta herido": the other is wounded, not a second victim.
        assert_eq!(
            fatalities("Asesinan a un hombre y otro resulta herido en Monterrey"),
            n(1.0)
        );
        // A group or a place after the verb counts nobody.
        assert_eq!(
            fatalities("Matan a balazos en Guadalajara"),
            vec![(EventKind::Homicide, None)]
        );
    }

    fn kinds_and_states(text: &str) -> Vec<(EventKind, Option<String>)> {
        coded(text)
            .events
            .into_iter()
            .map(|e| (e.kind, e.state))
            .collect()
    }

    #[test]
    fn a_bomb_is_the_attacks_kind_and_officials_are_targets() {
        let k = kinds_and_states(
            "Gunmen detonated a car bomb outside a police station in Celaya, Guanajuato, on Saturday, killing two officers.",
        );
        assert_eq!(k, vec![(EventKind::ExplosiveAttack, Some("11".into()))]);
        let k = kinds_and_states(
            "Gunmen ambushed the mayor of Tacámbaro, Michoacán, on Friday, killing him and two bodyguards.",
        );
        assert_eq!(k, vec![(EventKind::AttackOnForces, Some("16".into()))]);
    }

    #[test]
    fn a_leaders_fall_beside_a_list_of_states_happens_in_one_place() {
        let k = kinds_and_states(
            "El Cártel de Jalisco Nueva Generación bloqueó carreteras en Jalisco, Michoacán y Guanajuato el domingo tras la muerte de su líder, abatido el sábado en Tapalpa.",
        );
        let leaders: Vec<_> = k
            .iter()
            .filter(|(k, _)| *k == EventKind::LeaderKilled)
            .collect();
        assert_eq!(
            leaders,
            vec![&(EventKind::LeaderKilled, Some("14".into()))],
            "{k:?}"
        );
        assert_eq!(
            k.iter()
                .filter(|(k, _)| *k == EventKind::RoadBlockade)
                .count(),
            3,
            "{k:?}"
        );
    }

    #[test]
    fn purposes_habits_and_illness_are_no_events() {
        for text in [
            "Las autoridades ofrecen una recompensa para su captura en Sinaloa.",
            "La banda, dedicada al secuestro en el Estado de México, opera desde 2019.",
            "Police said the woman died on January 24 during a plastic surgery in Tijuana.",
        ] {
            assert_eq!(coded(text).events, vec![], "{text}");
        }
    }

    #[test]
    fn a_spanish_extradition_counts_its_people_past_the_destination() {
        let c = coded(
            "La Fiscalía General de la República extraditó a Estados Unidos a 29 narcotraficantes, entre ellos Rafael Caro Quintero, el jueves.",
        );
        let e: Vec<_> = c
            .events
            .iter()
            .map(|e| (e.kind, e.measures.get("people").copied()))
            .collect();
        assert_eq!(e, vec![(EventKind::Extradition, Some(29.0))]);
    }

    #[test]
    fn a_governments_seizure_total_and_its_share_are_figures() {
        let c = coded(
            "About 80 per cent of the 23,000 weapons seized under Sheinbaum came from the United States, officials said.",
        );
        assert_eq!(c.events, vec![], "{:?}", c.events);
        let f: Vec<_> = c
            .figures
            .iter()
            .map(|f| (f.measure.as_str(), f.value, f.unit.as_str()))
            .collect();
        assert!(f.contains(&("weapons", 23000.0, "weapons")), "{f:?}");
        assert!(f.contains(&("weapons_from_us", 80.0, "percent")), "{f:?}");
    }

    #[test]
    fn counts_over_a_period_or_a_spread_are_tallies() {
        for text in [
            "They kill two men in 45 minutes",
            "They murder four in different events",
            "Asesinan a dos en tan solo 15 minutos",
        ] {
            let c = coded(text);
            assert!(c.events.is_empty(), "{text}: {:?}", c.events);
            assert_eq!(c.figures.len(), 1, "{text}");
            assert_eq!(c.figures[0].measure, "homicides");
        }
        // Killings counted by their noun: several incidents.
        let c = coded("Six homicides were reported during this Saturday in Celaya, Guanajuato.");
        assert!(c.events.is_empty(), "{:?}", c.events);
        let f: Vec<_> = c
            .figures
            .iter()
            .map(|f| (f.measure.as_str(), f.value, f.scope.as_str()))
            .collect();
        assert_eq!(f, vec![("homicides", 6.0, "11")]);
        // A killing referred to, not told.
        assert!(coded(
            "The killing will also put the spotlight on the government's security strategy."
        )
        .events
        .is_empty());
        // A toll update is no tally: "dos más" died of the same attack.
        let c = coded(
            "Hombres armados atacaron un bar en Celaya y mataron a 13 personas; murieron dos más en el hospital.",
        );
        assert!(c.figures.is_empty(), "{:?}", c.figures);
    }
}
