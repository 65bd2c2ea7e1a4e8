//! Resolution: the clauses coded in order, each completed with what the text said before
//! it — the date, state and municipality it leaves unsaid, the group behind the violence,
//! the forces of the last arrest, leaders named earlier — then one incident told twice
//! merged into one event and repeated figures dropped.

use atalaya_core::EventKind;
use chrono::{Duration, NaiveDate};

use crate::actors::{is_force, is_group};
use crate::assemble::{actor_list, event_states, forces_act, kind_measures, violent, Reading};
use crate::coder::{Coded, CodedEvent, Figure, Lang};
use crate::dates::{sentence_date, When};
use crate::deaths;
use crate::figures::figure_period;
use crate::kinds::{kinds_in, Told};
use crate::leaders::Leaders;
use crate::lexicon::{
    AIRPORT_WORDS, AMBUSH, ANOTHER, ANSWERED_FIRE, ARREST, ATTACKER_WORDS, BACK_REFERENCES,
    BACK_REFERENCES_TO_FIGHTS, BLAME_WORDS, CAPTURE_NOUNS, CLASH, DETERMINERS, DIED_WORDS,
    FLASHBACK_WORDS, HOSPITAL_WORDS, KILL_NOUNS, OFFICIALS, OPERATION, PUBLIC_BODIES,
    REPRISAL_WORDS, THE_DEAD, THE_WOUNDED, TOLL_NOUNS, TOLL_ROSE_VERBS,
};
use crate::mentions::{clause_municipality, clause_state, Clause, Mention};
use crate::tokens::{has, has_seq, is, Patterns};

/// The dead no single incident leaves: a count this large is a tally.
const WAR_TOLL: f64 = 500.0;

/// A document being coded: what its earlier clauses left for the later ones, and the output.
pub(crate) struct Document<'t> {
    chars: &'t [char],
    published: NaiveDate,
    lang: Lang,
    /// The state of clauses that name none and follow none that did: the dateline's unless
    /// it is the capital's, else the first the document names, else the capital's.
    fallback_state: Option<&'static str>,
    /// The document's first group: the perpetrator of violence no clause names one for.
    doc_group: Option<&'static str>,
    last_state: Option<&'static str>,
    last_muni: Option<&'static str>,
    last_date: Option<NaiveDate>,
    /// The day of the clause before (none for a month or a year).
    clause_date: Option<NaiveDate>,
    /// The day a live blog's header told ("DOMINGO 16 DE MARZO"): its entries' day.
    blog_day: Option<NaiveDate>,
    last_group: Option<&'static str>,
    /// Names of people the text has presented as leaders ("Guzmán", "Oseguera").
    leader_names: Vec<String>,
    /// The last violent event coded: later counts with no event of their own belong to it.
    last_violent: Option<usize>,
    /// The forces of the last arrest, seizure or capture, with the clause that told it.
    last_act_forces: Option<((usize, usize), Vec<&'static str>)>,
    prev_span: (usize, usize),
    /// Clauses that tell a reprisal ("the cartel retaliated", "en represalia"): their
    /// fights are new incidents, not the one told before.
    reprisals: Vec<(usize, usize)>,
    /// Clauses that tell another fight ("a second shootout", "otro enfrentamiento"): not
    /// the one told before, even of the same kind.
    other_fights: Vec<(usize, usize)>,
    /// The first event the clause just read told from a report ("Social media accounts
    /// report that…"), until the next clause.
    reported_from: Option<usize>,
    /// The last clause that told an operation of the forces (a raid, an arrest, a seizure).
    operation_at: Option<((usize, usize), Option<NaiveDate>)>,
    /// The dead of an incident first told by its updated toll, for the event coded next.
    toll_of_new: Option<f64>,
    /// Events made from a toll alone: the incidents told after it replace them.
    toll_events: Vec<usize>,
    /// Clauses since the last one that gave figures: the next three may go on counting.
    since_figures: usize,
    /// A state's dateline (not the capital's): the body's place until the body names one.
    dateline_state: Option<&'static str>,
    /// Whether a clause of the body has been read.
    in_body: bool,
    /// The first airport the text places (state, municipality): where an extradition told
    /// with no place left from.
    airport: Option<(&'static str, Option<&'static str>)>,
    /// Where an article's body starts, after its headline, deck and byline (0: no head).
    pub(crate) body_start: usize,
    /// The first violent event, arrest or kidnapping of a clause told in the present perfect
    /// with no day of its own ("A priest … has been shot dead as he left mass", "has been
    /// arrested in Texas"): the first day told after it, within a week of publication, is
    /// its day.
    perfect_lead: Option<usize>,
    out: Coded,
}

impl<'t> Document<'t> {
    pub(crate) fn new(
        chars: &'t [char],
        published: NaiveDate,
        lang: Lang,
        dl_state: Option<&'static str>,
        clauses: &[Clause],
    ) -> Self {
        // The first place the document names: the fallback for sentences before any mention.
        let doc_first = clauses.iter().find_map(|c| clause_state(&c.mentions));
        // A capital dateline ("MEXICO CITY") heads national news: the weakest evidence.
        let fallback_state = dl_state.filter(|s| *s != "09").or(doc_first).or(dl_state);
        // The group a clause blames ("The state government said La Familia Michoacana was
        // behind the violence"), not one named in passing ("fought over by the Zetas and
        // Sinaloa cartels").
        let doc_group = clauses.iter().find_map(|c| {
            let mut groups = c.actors.iter().copied().filter(|a| is_group(a));
            let first = groups.next();
            first.filter(|_| {
                groups.next().is_none() && c.toks.iter().any(|t| is(&t.low, &BLAME_WORDS))
            })
        });
        Document {
            chars,
            published,
            lang,
            fallback_state,
            doc_group,
            last_state: None,
            last_muni: None,
            last_date: None,
            clause_date: None,
            blog_day: None,
            last_group: None,
            leader_names: Vec::new(),
            last_violent: None,
            last_act_forces: None,
            prev_span: (usize::MAX, usize::MAX),
            reprisals: Vec::new(),
            other_fights: Vec::new(),
            reported_from: None,
            operation_at: None,
            toll_of_new: None,
            toll_events: Vec::new(),
            since_figures: usize::MAX,
            dateline_state: dl_state.filter(|s| *s != "09"),
            in_body: false,
            airport: None,
            body_start: 0,
            perfect_lead: None,
            out: Coded::default(),
        }
    }

    /// Codes the next clause: its figures, then (unless it tells no deed) its events.
    pub(crate) fn code_clause(&mut self, clause: &Clause) {
        // "Abandonan 26 cuerpos… en la glorieta de Lázaro Cárdenas / Guadalajara, Jal.
        // (25 noviembre 2011).- Los cuerpos…": under a state's dateline, what the head
        // named places nothing in the body.
        if !self.in_body && self.body_start > 0 && clause.span.0 >= self.body_start {
            self.in_body = true;
            if self.dateline_state.is_some() && self.last_state != self.dateline_state {
                self.last_state = None;
                self.last_muni = None;
            }
        }
        let mut r = Reading::new(clause, self.chars, self.lang);
        // Read only once an extradition is told: airports are rare, clauses many.
        if self.airport.is_none()
            && self
                .out
                .events
                .iter()
                .any(|e| e.kind == EventKind::Extradition)
            && has(&r.words, &AIRPORT_WORDS)
        {
            self.airport = clause_state(&clause.mentions)
                .map(|st| (st, clause_municipality(&clause.mentions, st)));
        }
        self.lone_killing(&mut r);
        let when = sentence_date(&clause.toks, &r.words, self.published);
        // "Six days earlier, on 17 January, …": a flashback keeps its day to itself; the
        // sentences after it go on from the day told before it.
        let flashback = matches!(when, When::Day(_)) && has(&r.words, &FLASHBACK_WORDS);
        let kept = self.last_date;
        let place_kept = (self.last_state, self.last_muni);
        // "13:05 — Se reanudan los enfrentamientos…": a live blog's entry tells the day
        // it was posted, not the day the entry before it went back to.
        // ("DOMINGO 16 DE MARZO" above its entries: the day they were posted.)
        if let When::Day(d) = when {
            if day_header(&r.words) {
                self.blog_day = Some(d);
            }
        }
        if when == When::Silent && live_entry(self.chars, clause.span.0) {
            self.last_date = Some(self.blog_day.unwrap_or(self.published));
        }
        // "A principios de octubre, 18 policías fueron detenidos…, y también fueron
        // capturados cinco": a clause joined by "y también" keeps the day of the one before.
        let joined_also = also_joined(&r.words);
        let date = if joined_also && when == When::Silent {
            self.clause_date
        } else {
            self.date(when)
        };
        self.clause_date = date;
        if flashback {
            self.last_date = kept;
        }
        if let When::Day(d) = when {
            self.date_named_again(&r, d);
            if let Some(ev) = self
                .perfect_lead
                .take()
                .and_then(|i| self.out.events.get_mut(i))
            {
                let days = (self.published - d).num_days();
                if !flashback && (0..=7).contains(&days) {
                    ev.date = Some(d.to_string());
                }
            }
        }
        let events_before = self.out.events.len();
        let figures_before = self.out.figures.len();
        self.push_figures(&r);
        if !self.out.events.is_empty() && has(&r.words, &REPRISAL_WORDS) {
            self.reprisals.push(clause.span);
        }
        if !self.out.events.is_empty()
            && (has_seq(&r.words, &ANOTHER, &CLASH)
                || has_seq(&r.words, &ANOTHER, &crate::lexicon::ATTACK)
                || has_seq(&r.words, &ANOTHER, &["ataque"])
                || has_seq(&r.words, &ANOTHER, &AMBUSH))
        {
            self.reprisals.push(clause.span);
            self.other_fights.push(clause.span);
        }
        // "…, y también fueron capturados cinco delincuentes", "Police also arrested
        // three": more of the same deed, not the one told again.
        let also = joined_also || r.words.first() == Some(&"tambien");
        if also && !self.out.events.is_empty() {
            self.other_fights.push(clause.span);
        }
        let leaders = Leaders::new(&r, &self.leader_names);
        let new_names = leaders.new_names(&r);
        if !r.hypothetical {
            let told = kinds_in(&r, &leaders, self.lang);
            self.events(&r, told, date, figures_before);
        } else {
            self.remember_group(&r);
        }
        if (when == When::Silent || said_on_a_day_at_the_end(&r.words))
            && self.in_body
            && self.perfect_lead.is_none()
            && present_perfect(&r.words)
        {
            self.perfect_lead = (events_before..self.out.events.len()).find(|&i| {
                matches!(
                    self.out.events[i].kind,
                    EventKind::Homicide
                        | EventKind::Massacre
                        | EventKind::AttackOnForces
                        | EventKind::ArmedClash
                        | EventKind::LeaderKilled
                        | EventKind::Arrest
                        | EventKind::LeaderCaptured
                        | EventKind::Kidnapping
                )
            });
        }
        self.unconfirmed(&r, events_before);
        self.blame(&r);
        self.remember(&r, new_names);
        // "Al presentarlo ayer ante los medios en … Iztapalapa": a presentation to the press
        // keeps its day and place to itself; what follows goes on from the deed told before.
        if press_appearance(&r.words) {
            self.last_date = kept;
            (self.last_state, self.last_muni) = place_kept;
        }
    }

    /// "Social media accounts report that a man … was killed by a stray bullet. Officials
    /// have not confirmed the report.": the deeds a report told, unconfirmed, are none.
    fn unconfirmed(&mut self, r: &Reading, events_before: usize) {
        let rumour = |w: &[&str]| {
            has(w, &["rumor*", "rumour*"])
                || has_seq(w, &["social"], &["media"])
                || has_seq(w, &["redes"], &["sociales"])
        };
        let reported = |w: &[&str]| {
            rumour(w)
                || has(
                    w,
                    &[
                        "report",
                        "reports",
                        "reporte",
                        "reportes",
                        "version",
                        "versiones",
                    ],
                )
        };
        if rumour(&r.words) && self.out.events.len() > events_before {
            self.reported_from = Some(events_before);
            return;
        }
        let words = &r.words;
        let denied = words
            .windows(2)
            .any(|w| matches!(w[0], "not" | "no" | "sin") && is(w[1], &["confirm*", "verif*"]))
            || has(words, &["unconfirmed"]);
        if let Some(from) = self.reported_from.take() {
            if denied && events_before == self.out.events.len() && reported(words) {
                self.out.events.truncate(from);
                self.last_violent = self.last_violent.filter(|&i| i < from);
            }
        }
    }

    /// A clash named only by a definite noun ("el enfrentamiento", "the shootout"), with no
    /// number and no other state, after a deadly incident was told.
    fn fight_named_again(&self, r: &Reading) -> bool {
        let words = &r.words[..];
        // "…gathered to protest… No one was reported hurt in the confrontation": the
        // scuffle of the protest just told.
        let Some(last) = self
            .last_violent
            .and_then(|i| self.out.events.get(i))
            .or_else(|| {
                self.out
                    .events
                    .last()
                    .filter(|e| e.kind == EventKind::Protest)
            })
        else {
            return false;
        };
        named_by_article(
            words,
            |w| is(w, &crate::lexicon::CLASH),
            |a| matches!(a, "the" | "el" | "la" | "del" | "al"),
        ) && r.own_state.is_none_or(|s| last.state.as_deref() == Some(s))
    }

    /// "Within minutes, 13 members of the security forces were dead. The ambush on Thursday
    /// afternoon at Llano Grande…": the incident told first with no day of its own (none,
    /// or the publication's), named again with its day and place, takes them.
    fn date_named_again(&mut self, r: &Reading, d: NaiveDate) {
        // "According to witnesses cited by the weekly, the attack occurred last Saturday",
        // "Según testigos, el ataque…": past the source.
        let s = if matches!(r.words.first(), Some(&"according" | &"segun"))
            || r.words.starts_with(&["de", "acuerdo"])
        {
            r.clause
                .toks
                .iter()
                .position(|t| t.sep_after)
                .map_or(0, |k| k + 1)
        } else {
            0
        };
        let words = &r.words[s.min(r.words.len())..];
        let named = words.len() > 2
            && matches!(words[0], "the" | "el" | "la" | "los" | "las")
            && (is(words[1], &BACK_REFERENCES)
                || is(words[1], &BACK_REFERENCES_TO_FIGHTS)
                || is(words[1], &AMBUSH)
                || is(
                    words[1],
                    &["explosion*", "explosiones", "blast*", "massacre", "masacre"],
                )
                // "The bodies of Rubén Espinosa … and of four women were found Friday".
                || is(words[1], &["bodies", "cuerpos", "cadaveres", "restos", "remains"])
                // "The excavations began on November 9": the find of the graves told.
                || is(
                    words[1],
                    &["excavations", "exhumations", "excavaciones", "exhumaciones"],
                ))
            // "…Gov. Villarreal said the Americans were found Tuesday morning": the ones
            // found, named again, with their day.
            || (0..words.len().saturating_sub(3)).any(|k| {
                matches!(words[k], "the" | "los" | "las")
                    && matches!(words[k + 2], "were" | "was" | "fueron" | "fue")
                    && is(words[k + 3], &crate::lexicon::FOUND_VERBS)
            });
        if !named || d >= self.published {
            return;
        }
        let own_state = r.own_state;
        let Some(ev) = self.last_violent.and_then(|i| self.out.events.get_mut(i)) else {
            return;
        };
        // Dated by the day it was announced ("…, the ministry said late on Tuesday. The
        // clash took place on Monday evening"): the day before is the deed's.
        let announced = ev
            .date
            .as_deref()
            .and_then(|x| NaiveDate::parse_from_str(x, "%Y-%m-%d").ok())
            .is_some_and(|e| (e - d).num_days() == 1 && (self.published - e).num_days() <= 1);
        let undated = announced
            || ev
                .date
                .as_deref()
                .is_none_or(|x| x == self.published.to_string());
        // "…in La Tuna, … an area between the states of Sinaloa, Durango and Chihuahua":
        // the event's state among those the clause names.
        let names_its_state = r.clause.mentions.iter().any(|m| {
            m.places
                .iter()
                .any(|p| ev.state.as_deref() == Some(p.state))
        });
        if undated
            && own_state.is_none_or(|s| {
                ev.state.is_none() || ev.state.as_deref() == Some(s) || names_its_state
            })
        {
            ev.date = Some(d.to_string());
            if ev.state.is_none() {
                ev.state = own_state.map(str::to_string);
            }
            if ev.municipality.is_none() {
                if let Some(st) = ev.state.clone() {
                    ev.municipality =
                        clause_municipality(&r.clause.mentions, &st).map(str::to_string);
                }
            }
        }
    }

    /// A killing told by its noun alone is news only before any event: later, "the
    /// murder" refers back to one told. Its dead count when the clause counts none.
    fn lone_killing(&self, r: &mut Reading) {
        if !self.out.events.is_empty() || r.aggregate {
            r.lone_killing = None;
        }
        if let Some((p, Some(n))) = r.lone_killing {
            if !r.measures.iter().any(|(m, _, _)| *m == "fatalities") {
                r.measures.push(("fatalities", n, p));
            }
        }
    }

    /// Merges one incident told twice and drops repeated figures.
    pub(crate) fn finish(mut self) -> Coded {
        // The airport places the extraditions the text tells when it places none (one
        // placed, the others are background).
        let extradition = |e: &CodedEvent| e.kind == EventKind::Extradition;
        if let Some((st, muni)) = self.airport.filter(|_| {
            !self
                .out
                .events
                .iter()
                .any(|e| extradition(e) && e.state.is_some())
        }) {
            // (Not an extradition of years before, told as background.)
            let published = self.published;
            let recent = |e: &CodedEvent| {
                e.date
                    .as_deref()
                    .and_then(|x| NaiveDate::parse_from_str(x, "%Y-%m-%d").ok())
                    .is_none_or(|d| (published - d).num_days() <= 7)
            };
            for e in self
                .out
                .events
                .iter_mut()
                .filter(|e| extradition(e) && recent(e))
            {
                e.state = Some(st.to_string());
                e.municipality = muni.map(str::to_string);
            }
        }
        drop_toll_events(&mut self.out.events, &self.toll_events);
        drop_headline_repeats(&mut self.out.events, self.body_start);
        merge_events(&mut self.out.events, &self.reprisals, &self.other_fights);
        drop_uncounted_killings(&mut self.out.events);
        killings_by_count(&mut self.out.events);
        let mut figs: Vec<Figure> = Vec::new();
        for f in self.out.figures {
            if !figs
                .iter()
                .any(|g| g.measure == f.measure && g.value == f.value)
            {
                figs.push(f);
            }
        }
        self.out.figures = figs;
        self.out
    }

    /// A line of a table of figures: a state's name and one number, nothing else, after a
    /// figure.
    fn table_item(&self, r: &Reading) -> Option<Figure> {
        let last = self.out.figures.last()?;
        let words = &r.words;
        let numbers: Vec<usize> = (0..words.len())
            .filter(|&k| crate::numbers::is_number(words[k]))
            .collect();
        let [at] = numbers.as_slice() else {
            return None;
        };
        let [m] = r.clause.mentions.as_slice() else {
            return None;
        };
        let state = m
            .places
            .first()
            .filter(|p| p.implies_state && m.places.len() == 1)?
            .state;
        // The name and the number are the whole line.
        if m.at != 0 || m.at + m.len != *at || at + 1 != words.len() {
            return None;
        }
        let value = crate::numbers::number_at(words, *at)?.0;
        Some(self.continued(last, value, state.to_string(), r))
    }

    /// A figure that goes on counting `last`'s measure, told in clause `r`.
    fn continued(&self, last: &Figure, value: f64, scope: String, r: &Reading) -> Figure {
        Figure {
            measure: last.measure.clone(),
            value,
            unit: last.unit.clone(),
            scope,
            period: last.period.clone(),
            span: r.clause.span,
            quote: self.quote(r.clause.span),
        }
    }

    /// "Guanajuato again had the most victims, with 3,151, followed by the State of Mexico
    /// with 2,258", "en todo 2023 fueron 95": within three clauses of one that gave figures,
    /// a clause that tells no deed goes on counting the last figure's measure, each number in the
    /// state named just before it (else the last figure's scope).
    fn figures_continued(&self, r: &Reading) -> Vec<Figure> {
        let Some(last) = self.out.figures.last() else {
            return Vec::new();
        };
        let words = &r.words;
        if !words.iter().any(|w| crate::numbers::is_number(w)) {
            return Vec::new();
        }
        // A state's name right before a number: "Campeche (96 victims), Baja California Sur
        // (51)…" is a table told in prose even beside a word of killing ("also suffered a
        // fraction of the killings"); then only its states' numbers count.
        // "Baja California Sur, con 51": past "con" too.
        let after_state = |k: usize| {
            r.clause.mentions.iter().any(|m| {
                (m.at + m.len == k
                    || m.at + m.len + 1 == k && matches!(words[k - 1], "con" | "with"))
                    && m.places.first().is_some_and(|p| p.implies_state)
            })
        };
        let table = (0..words.len())
            .filter(|&k| crate::numbers::is_number(words[k]) && after_state(k))
            .count()
            >= 2;
        if r.trigger_lists != 0 && !table {
            return Vec::new();
        }
        let only_states = r.trigger_lists != 0;
        let mut out = Vec::new();
        let mut k = 0;
        while k < words.len() {
            let Some((value, j)) = crate::numbers::number_at(words, k) else {
                k += 1;
                continue;
            };
            let prev = if k > 0 { words[k - 1] } else { "" };
            let next = words.get(j).copied().unwrap_or("");
            let year = crate::figures::is_year(words, k, j, value);
            let after_next = words.get(j + 1).copied().unwrap_or("");
            let date_or_unit = crate::dates::month(next).is_some()
                || is(next, &crate::lexicon::TIME_UNITS)
                || is(next, &crate::lexicon::PERCENT_UNITS)
                // "50 por ciento", "3.5 per cent", and "ciento" itself.
                || matches!((next, after_next), ("por", "ciento") | ("per", "cent"))
                || matches!(prev, "por" | "per")
                || crate::figures::rate(words, k, j)
                || crate::dates::month(prev).is_some();
            let state_before =
                r.clause.mentions.iter().rev().find(|m| {
                    m.at + m.len <= k && m.places.first().is_some_and(|p| p.implies_state)
                });
            let before_prev = if k > 1 { words[k - 2] } else { "" };
            // "frente a 2 mil 633", "contra mil 585", "pasó de mil 65 … a mil 625",
            // "aumentó de 2 mil 433 a 2 mil 731": the same count compared.
            // "de 286 a 552"; "(3 mil 290 en 2018)": a count of a year named after it.
            let pair =
                prev == "de" && next == "a" && crate::numbers::number_at(words, j + 1).is_some();
            let of_a_year = matches!(next, "en" | "in")
                && words.get(j + 1).is_some_and(|w| {
                    w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1990..=2100).contains(&y))
                });
            let compared = matches!(prev, "contra" | "against" | "versus" | "vs")
                || prev == "a" && (before_prev == "frente" || !out.is_empty())
                || prev == "de"
                    && matches!(
                        before_prev,
                        "paso" | "aumento" | "subio" | "bajo" | "crecio" | "cayo" | "disminuyo"
                    )
                || pair
                || of_a_year;
            let cued = compared
                || matches!(
                prev,
                "con"
                    | "with"
                    | "fueron"
                    | "recorded"
                    | "registro"
                    | "registrado"
                    | "registrados"
                    | "registered"
                    | "sumo"
                    | "sumaron"
                    | "had"
                    | "tuvo"
                    | "to"
                    | "from"
            ) || matches!(
                next,
                "victims" | "victimas" | "homicidios" | "murders" | "killings"
            ) || after_state(k)
                // "en todo 2009 la cifra fue de 107", "the total was 107".
                || (prev == "was" || prev == "de" && k >= 2 && matches!(words[k - 2], "fue" | "era"))
                    && has(&words[..k], &["cifra", "figure", "number", "total"]);
            if !year && !date_or_unit && cued && value >= 10.0 && (!only_states || after_state(k)) {
                let national = words[..k]
                    .iter()
                    .any(|w| matches!(*w, "country" | "pais" | "nationwide" | "nacional"))
                    || has_seq(&words[..k], &["mexico"], &["as"]);
                let scope = if national {
                    "MX".to_string()
                } else {
                    state_before.map_or(last.scope.clone(), |m| m.places[0].state.to_string())
                };
                out.push(self.continued(last, value, scope, r));
            }
            k = j;
        }
        out
    }

    fn quote(&self, span: (usize, usize)) -> String {
        let said = &self.chars[span.0..span.1];
        // Most quotes are ASCII: their bytes at once, not char by char.
        if said.iter().all(char::is_ascii) {
            let bytes: Vec<u8> = said.iter().map(|&c| c as u8).collect();
            return String::from_utf8(bytes).expect("ASCII is UTF-8");
        }
        let mut q = String::with_capacity(said.iter().map(|c| c.len_utf8()).sum());
        q.extend(said);
        q
    }

    /// The day of a clause: its own, the day after the last one ("the next day"), or the
    /// last one told.
    fn date(&mut self, when: When) -> Option<NaiveDate> {
        let date = match when {
            When::Day(d) => Some(d),
            When::NoDay => None,
            When::Next => self.last_date.map(|d| d + Duration::days(1)),
            When::After(n) => self.last_date.map(|d| d + Duration::days(n)),
            When::Silent => self.last_date,
        };
        // A deed told as before the last ("nine days after that…") keeps its day to itself.
        let moves_on = match when {
            When::Day(_) | When::Next => true,
            When::After(n) => n > 0,
            When::NoDay | When::Silent => false,
        };
        if moves_on {
            self.last_date = date;
        }
        date
    }

    fn push_figures(&mut self, r: &Reading) {
        let before = self.out.figures.len();
        self.push_figures_of(r);
        self.since_figures = if self.out.figures.len() > before {
            0
        } else {
            self.since_figures.saturating_add(1)
        };
    }

    fn push_figures_of(&mut self, r: &Reading) {
        // "- Guanajuato: 4,490" under a sentence of figures: an item of its table, the
        // last figure's measure in the state it names.
        if let Some(f) = self.table_item(r) {
            self.out.figures.push(f);
            return;
        }
        if r.figures.is_empty() && (self.since_figures < 3 || crate::figures::ranking(&r.words)) {
            let more = self.figures_continued(r);
            if !more.is_empty() {
                self.out.figures.extend(more);
                return;
            }
        }
        if r.figures.is_empty() {
            return;
        }
        let period = figure_period(&r.words, self.published);
        for &(measure, value, unit, scope) in &r.figures {
            let scope = self.figure_scope(r, scope);
            self.out.figures.push(Figure {
                measure: measure.into(),
                value,
                unit: unit.into(),
                scope: scope.into(),
                period: period.clone(),
                span: r.clause.span,
                quote: self.quote(r.clause.span),
            });
        }
        // "…acumuló 150 víctimas de homicidio doloso, … frente a 200 en todo 2023": the
        // counts compared with a figure told are the same measure's.
        let told: Vec<f64> = r.figures.iter().map(|f| f.1).collect();
        let more: Vec<Figure> = self
            .figures_continued(r)
            .into_iter()
            .filter(|f| !told.contains(&f.value))
            .collect();
        self.out.figures.extend(more);
    }

    /// "…atacaron un bar; murieron 11 personas": deaths told after a semicolon are the
    /// toll of the attack just told, not a killing of their own.
    fn toll_after_semicolon(
        &mut self,
        r: &Reading,
        date: Option<NaiveDate>,
        kinds: &mut Vec<EventKind>,
    ) {
        if r.after_semicolon
            && !kinds.is_empty()
            && kinds
                .iter()
                .all(|k| matches!(k, EventKind::Homicide | EventKind::Massacre))
            // ("…; two of the attackers were killed": the parties' dead are added below.)
            && party_dead(&r.words, true).is_none()
            && self.last_violent.is_some_and(|i| {
                let last = &self.out.events[i];
                // "…; y el domingo 19, Ricardo Monlui … fue ultimado … en Yanga, Ver.": a
                // day or a state of its own tells another killing.
                last.span == self.prev_span
                    && last.date == date.map(|d| d.to_string())
                    && r.own_state.is_none_or(|s| last.state.as_deref() == Some(s))
            })
        {
            kinds.clear();
            // "came under fire; one gunman was killed": the attackers fell, the forces
            // fired back.
            if let Some(ev) = self.last_violent.and_then(|i| self.out.events.get_mut(i)) {
                if ev.kind == EventKind::AttackOnForces
                    && r.measures
                        .iter()
                        .any(|m| m.0 == "fatalities" && attackers_counted(&r.words, m.2))
                {
                    ev.kind = EventKind::ArmedClash;
                }
            }
        }
    }

    /// The events of a clause that tells a deed, and the counts it adds to the last one.
    fn events(&mut self, r: &Reading, told: Told, date: Option<NaiveDate>, figures_before: usize) {
        let span = r.clause.span;
        let mut kinds = told.kinds;
        self.clash_in_operation(r, date, &mut kinds);
        self.toll_after_semicolon(r, date, &mut kinds);
        // "Hours before the drone attack…", "tras la captura": a deed told, named again
        // as a point in time (told for the first time, it is news: "hours after the
        // arrest of a local leader").
        let told_before = |k: EventKind| self.out.events.iter().any(|e| e.kind == k);
        kinds.retain(|&k| !(told_before(k) && as_a_time(&r.words, k)));
        let killing = |k: &EventKind| matches!(k, EventKind::Homicide | EventKind::Massacre);
        if self.last_violent.is_some() && kinds.iter().any(killing) && named_again(r) {
            kinds.retain(|k| !killing(k));
        }
        // "the abduction grew out of a feud…", "el secuestro ocurrió…": a kidnapping told,
        // named again by its article.
        if kinds.contains(&EventKind::Kidnapping)
            && told_before(EventKind::Kidnapping)
            && r.own_state.is_none()
            && named_by_article(
                &r.words,
                |w| is(w, &crate::lexicon::KIDNAP),
                |a| {
                    matches!(
                        a,
                        "the" | "this" | "that" | "el" | "este" | "ese" | "del" | "su"
                    )
                },
            )
        {
            kinds.retain(|k| *k != EventKind::Kidnapping);
        }
        self.drop_retold(r, &mut kinds);
        self.ordinal_of_last(r, &mut kinds);
        // "…señalaron que el enfrentamiento fue entre integrantes del CJNG y…": the fight
        // told, named again by its article, with no count of its own.
        if kinds.contains(&EventKind::ArmedClash) && self.fight_named_again(r) {
            kinds.retain(|k| *k != EventKind::ArmedClash);
        }
        let summed = self.sum_of_told(r);
        if summed {
            kinds.retain(|k| !matches!(k, EventKind::Homicide | EventKind::Massacre));
            self.toll_beyond_told(r, figures_before);
        } else {
            self.tally_killings(r, told.kill, told.killing_verb, &mut kinds, figures_before);
        }
        if generalised(r) || crate::figures::ranking(&r.words) {
            kinds.retain(|k| {
                !matches!(
                    k,
                    EventKind::Homicide | EventKind::Massacre | EventKind::AttackOnForces
                )
            });
        }
        if !summed {
            self.complete_last(r, &mut kinds);
        }
        self.remember_group(r);
        let target_states: Vec<Option<&'static str>> = if r.state_list.len() >= 2 {
            r.state_list.iter().map(|s| Some(*s)).collect()
        } else if (r.own_state.is_none() || office_state_only(r))
            && abroad(&r.words, &r.clause.toks)
        {
            vec![None]
        } else {
            vec![r.own_state.or(self.last_state).or(self.fallback_state)]
        };
        // "4 executed in Tangancícuaro and 3 in Zamora": separate counts for separate
        // places are separate killings.
        let killings = |k: &EventKind| matches!(k, EventKind::Homicide | EventKind::Massacre);
        if kinds.iter().filter(|k| killings(k)).count() == 1 {
            if let Some(pairs) = counts_by_place(r) {
                kinds.retain(|k| !killings(k));
                for (n, state, muni) in pairs {
                    let kind = if n >= 4.0 {
                        EventKind::Massacre
                    } else {
                        EventKind::Homicide
                    };
                    let actors = self.actors(r, kind);
                    self.last_violent = Some(self.out.events.len());
                    self.out.events.push(CodedEvent {
                        kind,
                        date: date.map(|d| d.to_string()),
                        state: Some(state.to_string()),
                        municipality: muni.map(str::to_string),
                        actors,
                        measures: [("fatalities".to_string(), n)].into_iter().collect(),
                        span: r.clause.span,
                        quote: self.quote(r.clause.span),
                    });
                }
            }
        }
        let figure_values: Vec<f64> = self.out.figures[figures_before..]
            .iter()
            .map(|f| f.value)
            .collect();
        // "…set fire to the bar and killed 11": the dead are the killing's, not the fire's.
        let killing_here = kinds.iter().any(|k| {
            matches!(
                k,
                EventKind::Homicide
                    | EventKind::Massacre
                    | EventKind::AttackOnForces
                    | EventKind::ArmedClash
                    | EventKind::LeaderKilled
            )
        });
        // Read only for the deeds a relative clause may date apart (most clauses tell none).
        let earlier = kinds
            .iter()
            .any(|k| {
                matches!(
                    k,
                    EventKind::Kidnapping
                        | EventKind::Disappearance
                        | EventKind::Arrest
                        | EventKind::LeaderCaptured
                )
            })
            .then(|| crate::dates::relative_clause_day(&r.clause.toks, &r.words, self.published))
            .flatten();
        for kind in kinds {
            let date = earlier
                .filter(|&(_, a, b)| told_only_within(&r.words, kind, a, b))
                .map_or(date, |(d, _, _)| Some(d));
            self.event(r, kind, date, &target_states, &figure_values);
            if kind == EventKind::Arson && killing_here {
                for e in self
                    .out
                    .events
                    .iter_mut()
                    .rev()
                    .take_while(|e| e.span == span)
                {
                    if e.kind == EventKind::Arson {
                        e.measures.remove("fatalities");
                        e.measures.remove("injured");
                    }
                }
            }
        }
        // Counts told after the event ("Otras cinco personas resultaron heridas", "at
        // least five were wounded") complete the last violent event; a tally's count is
        // its own figure.
        if !coded_here(&self.out.events, span)
            && self.out.figures.len() == figures_before
            && !summed
        {
            if let Some(ev) = self.last_violent.and_then(|i| self.out.events.get_mut(i)) {
                if r.own_state.is_none_or(|s| ev.state.as_deref() == Some(s)) {
                    for (m, v, _) in &r.measures {
                        if *m == "injured" || *m == "fatalities" && !has(&r.words, &KILL_NOUNS) {
                            ev.measures.entry(m.to_string()).or_insert(*v);
                        }
                    }
                }
            }
        }
    }

    /// Drops the deeds a clause only names again: an arrest by its article, one taken and
    /// missing since a kidnapping just told.
    /// The group the next deeds are told of: the one the clause names. "La región vive una
    /// disputa entre el Cártel de Sinaloa y Los Salazar", "clashes between the Zetas and the
    /// Gulf cartel": of groups named together, none.
    fn remember_group(&mut self, r: &Reading) {
        let groups = r.clause.actors.iter().filter(|a| is_group(a)).count();
        if groups >= 2 {
            self.last_group = None;
        } else if let Some(g) = r.group_here {
            self.last_group = Some(g);
        }
    }

    /// "El primer intercambio de disparos ocurrió en…; el segundo se registró en la
    /// carretera, donde otro hombre fue abatido", "The second took place…": one more of the
    /// kind just told (a fight, not a killing read from its dead).
    fn ordinal_of_last(&mut self, r: &Reading, kinds: &mut Vec<EventKind>) {
        let w = &r.words;
        let ordinal = w.len() > 2
            && matches!(w[0], "el" | "la" | "the")
            && is(
                w[1],
                &["segund*", "tercer*", "cuart*", "second", "third", "fourth"],
            )
            && (matches!(
                w[2],
                "se" | "ocurrio" | "fue" | "occurred" | "took" | "was" | "came"
            ) || is(w[2], &["registr*"]));
        let Some(last) = self.last_violent.and_then(|i| self.out.events.get(i)) else {
            return;
        };
        let kind = last.kind;
        if ordinal && matches!(kind, EventKind::ArmedClash | EventKind::AttackOnForces) {
            kinds.retain(|k| !matches!(k, EventKind::Homicide | EventKind::Massacre));
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
            // Another fight, not the one told again.
            self.other_fights.push(r.clause.span);
            self.reprisals.push(r.clause.span);
        }
    }

    fn drop_retold(&self, r: &Reading, kinds: &mut Vec<EventKind>) {
        // "At the moment of the arrest … seized from the detainee", "el detenido fue
        // trasladado": an arrest or capture told, named again by its article, counting
        // no one.
        if kinds.contains(&EventKind::Arrest)
            && self
                .out
                .events
                .iter()
                .any(|e| matches!(e.kind, EventKind::Arrest | EventKind::LeaderCaptured))
            && r.own_state.is_none()
            && !r.measures.iter().any(|(m, _, _)| *m == "arrested")
            && arrest_named_again(&r.words)
        {
            kinds.retain(|k| *k != EventKind::Arrest);
        }
        // "The seizure is one of the largest at sea", "el decomiso es el mayor del año": a
        // seizure told, named again by its article, counting nothing.
        if kinds.contains(&EventKind::Seizure)
            && self.out.events.iter().any(|e| e.kind == EventKind::Seizure)
            && r.own_state.is_none()
            && !r
                .measures
                .iter()
                .any(|(m, _, _)| matches!(*m, "drugs_kg" | "weapons" | "pills"))
            && only_after_article(
                &r.words,
                |w| is(w, &crate::lexicon::SEIZURE),
                |a| {
                    matches!(
                        a,
                        "the" | "this" | "that" | "el" | "este" | "ese" | "la" | "esta"
                    )
                },
            )
        {
            kinds.retain(|k| *k != EventKind::Seizure);
        }
        // "El gobernador atribuyó las emboscadas y los bloqueos al CJNG", "grúas retiraron
        // los vehículos incendiados": blockades or burnings told, named again by their
        // article.
        let plural_article = |a: &str| matches!(a, "the" | "los" | "las" | "these" | "estos");
        if kinds.contains(&EventKind::RoadBlockade)
            && self
                .out
                .events
                .iter()
                .any(|e| e.kind == EventKind::RoadBlockade)
            // (A place in a blame is the speaker's: "…y dijo que la violencia «comenzó del
            // lado de Jalisco»".)
            && (r.own_state.is_none() || has(&r.words, &BLAME_WORDS))
            && only_after_article(
                &r.words,
                |w| is(w, &crate::lexicon::BLOCKADE),
                plural_article,
            )
        {
            kinds.retain(|k| *k != EventKind::RoadBlockade);
        }
        if kinds.contains(&EventKind::Arson)
            && self
                .out
                .events
                .iter()
                .any(|e| matches!(e.kind, EventKind::RoadBlockade | EventKind::Arson))
            && r.own_state.is_none()
            && !r.measures.iter().any(|(m, _, _)| *m == "vehicles_burned")
            && (0..r.words.len())
                .filter(|&p| is(r.words[p], &crate::lexicon::ARSON))
                .all(|p| {
                    p >= 2
                        && plural_article(r.words[p - 2])
                        && is(r.words[p - 1], &crate::lexicon::VEHICLES)
                })
            && has(&r.words, &crate::lexicon::ARSON)
        {
            kinds.retain(|k| *k != EventKind::Arson);
        }
        // "…se llevaron por la fuerza a un hombre…; se desconoce su paradero": the one
        // taken, missing since, is the kidnapping just told.
        if kinds.contains(&EventKind::Disappearance)
            && !r.measures.iter().any(|(m, _, _)| *m == "people")
            && self.out.events.last().is_some_and(|e| {
                e.kind == EventKind::Kidnapping && r.clause.span.0.saturating_sub(e.span.1) < 160
            })
        {
            kinds.retain(|k| *k != EventKind::Disappearance);
        }
    }

    /// An attack on forces that is a clash (during their operation, or answered), and
    /// where an operation was told, for the next clause.
    fn clash_in_operation(
        &mut self,
        r: &Reading,
        date: Option<NaiveDate>,
        kinds: &mut Vec<EventKind>,
    ) {
        let span = r.clause.span;
        // "Troops moved on a house … Gunmen opened fire on the troops, and the fighting
        // lasted for hours", "los militares … fueron agredidos y abatieron a 19": a shootout
        // during an operation, or one the forces answer, is a clash, not an ambush.
        // (Not a reprisal told after it: "Sinaloa Cartel gunmen answered by blocking roads
        // … and firing on troops at the city's airport".)
        let reprisal = r.words.windows(2).any(|w| {
            matches!(
                w[0],
                "answered" | "responded" | "retaliated" | "respondieron"
            ) && matches!(w[1], "by" | "with" | "con")
        });
        let operation_before = !reprisal
            && self
                .operation_at
                .is_some_and(|(sp, day)| sp == self.prev_span && day == date && day.is_some());
        // (Not one killed in a passive: "el subdirector … fue asesinado a balazos", nor
        // an attack on the forces' stations: "attacked federal police stations".)
        let on_premises = (0..r.words.len()).any(|p| {
            is(r.words[p], &crate::lexicon::ATTACK)
                && r.words[p + 1..(p + 5).min(r.words.len())]
                    .iter()
                    .any(|w| is(w, &crate::lexicon::PREMISES))
        });
        if kinds.contains(&EventKind::AttackOnForces)
            && !on_premises
            && !has(&r.words, &AMBUSH)
            && !has(&r.words, &OFFICIALS)
            && deaths::passive_killing(&r.words).is_none()
            && (operation_before || answered_fire(&r.words))
        {
            for k in kinds.iter_mut() {
                if *k == EventKind::AttackOnForces {
                    *k = EventKind::ArmedClash;
                }
            }
            kinds.dedup();
        }
        if has(&r.words, &OPERATION)
            || kinds.iter().any(|k| {
                matches!(
                    k,
                    EventKind::Arrest | EventKind::LeaderCaptured | EventKind::Seizure
                )
            })
        {
            self.operation_at = Some((span, date));
        }
    }

    /// "…les prendieron fuego en al menos 12 puntos… En total fueron incendiados 15
    /// vehículos": the vehicles burned of the blockade just told, no arson of their own.
    fn vehicles_of_blockade(&mut self, r: &Reading, kinds: &mut Vec<EventKind>) -> bool {
        let burned = r
            .measures
            .iter()
            .find(|m| m.0 == "vehicles_burned")
            .map(|m| m.1);
        if let (true, Some(n)) = (kinds.as_slice() == [EventKind::Arson], burned) {
            let own_place = r.own_state;
            if let Some(ev) = self.out.events.last_mut().filter(|ev| {
                ev.kind == EventKind::RoadBlockade
                    && !ev.measures.contains_key("vehicles_burned")
                    && !r.measures.iter().any(|m| m.0 == "businesses_burned")
                    && own_place.is_none_or(|s| ev.state.as_deref() == Some(s))
            }) {
                ev.measures.insert("vehicles_burned".into(), n);
                kinds.clear();
                return true;
            }
        }
        false
    }

    /// "…incendiaron un camión… Nueve personas resultaron lesionadas en el incendio del
    /// camión": the fire just told named again by its article, its hurt and dead added.
    fn fire_named_again(&mut self, r: &Reading, kinds: &mut Vec<EventKind>) -> bool {
        if kinds.as_slice() != [EventKind::Arson] {
            return false;
        }
        let words = &r.words;
        let named = (1..words.len()).any(|p| {
            is(words[p], &crate::lexicon::ARSON)
                && matches!(words[p - 1], "el" | "the" | "los" | "dicho")
        });
        let Some(ev) = self.out.events.last_mut().filter(|ev| {
            named
                && matches!(ev.kind, EventKind::RoadBlockade | EventKind::Arson)
                && r.own_state.is_none_or(|s| ev.state.as_deref() == Some(s))
        }) else {
            return false;
        };
        for (m, n, _) in &r.measures {
            if matches!(*m, "injured" | "fatalities") {
                ev.measures.entry((*m).into()).or_insert(*n);
            }
        }
        kinds.clear();
        true
    }

    /// What the clause adds to the incident just told instead of telling one: a toll that
    /// rose, a later death, who the dead were, a toll told of it.
    /// "two of the attackers were killed", "abatieron a tres de ellos", "…exchanged fire
    /// with the people inside. One gunman was killed": the attackers' dead of the fight
    /// just told; killed by the forces, an attack was answered, a clash.
    fn attackers_dead(&mut self, r: &Reading, kinds: &mut Vec<EventKind>) {
        let fight_before = self
            .last_violent
            .and_then(|i| self.out.events.get(i))
            .is_some_and(|ev| matches!(ev.kind, EventKind::AttackOnForces | EventKind::ArmedClash));
        let killing = |k: &EventKind| matches!(k, EventKind::Homicide | EventKind::Massacre);
        if !kinds.iter().any(killing) {
            return;
        }
        // (count, whether it tells the attack was answered, whether it may retell the
        // fight's own toll)
        let dead = party_dead(&r.words, fight_before)
            .map(|n| (n, answered_fire(&r.words), false))
            .or_else(|| {
                // The dead counted are the attackers: "One gunman was killed", not "a
                // gunman opened fire…, killing five people".
                r.measures
                    .iter()
                    .find(|m| {
                        m.0 == "fatalities" && fight_before && attackers_counted(&r.words, m.2)
                    })
                    .map(|m| (m.1, true, true))
            });
        let last = self.last_violent.and_then(|i| self.out.events.get_mut(i));
        if let Some(((n, answered, retold), ev)) = dead.zip(last) {
            // "…killed 19 gunmen in a clash. Nineteen attackers were killed": told again.
            let toll = ev.measures.entry("fatalities".into()).or_insert(0.0);
            if !(retold && *toll == n) {
                *toll += n;
            }
            if ev.kind == EventKind::AttackOnForces && answered {
                ev.kind = EventKind::ArmedClash;
            }
            kinds.retain(|k| !killing(k));
        }
    }

    /// "Camacho said the attackers used improvised explosive devices": the means of the
    /// attack just told, by its attackers named again, no attack of its own.
    fn means_of_the_attack(&self, r: &Reading, kinds: &mut Vec<EventKind>) -> bool {
        let the_attackers = r.words.windows(2).any(|w| {
            matches!(w[0], "the" | "los")
                && matches!(w[1], "attackers" | "gunmen" | "agresores" | "atacantes")
        });
        let means = the_attackers
            && !kinds.is_empty()
            && kinds
                .iter()
                .all(|k| matches!(k, EventKind::ExplosiveAttack | EventKind::DroneAttack))
            && self.last_violent.is_some_and(|i| {
                let ev = &self.out.events[i];
                matches!(ev.kind, EventKind::AttackOnForces | EventKind::ArmedClash)
                    && r.own_state.is_none_or(|s| ev.state.as_deref() == Some(s))
            });
        if means {
            kinds.clear();
        }
        means
    }

    /// The clause may add to the last violent event: its state, if it names one, is that
    /// event's, and the town and day told since are not both another's ("• Cuernavaca: On
    /// Saturday afternoon a woman … was struck by a stray bullet … She died on the way to
    /// hospital", after a killing in Temixco on Sunday).
    fn same_place_as_last(&self, r: &Reading) -> bool {
        self.last_violent.is_some_and(|i| {
            let ev = &self.out.events[i];
            let town_since = self
                .last_muni
                .is_some_and(|m| ev.municipality.as_deref().is_some_and(|e| e != m));
            let day_since = self
                .last_date
                .is_some_and(|d| ev.date.as_deref().is_some_and(|e| e != d.to_string()));
            r.own_state
                .is_none_or(|s| ev.state.as_deref().is_none_or(|l| l == s))
                && !(town_since && day_since)
        })
    }

    fn complete_last(&mut self, r: &Reading, kinds: &mut Vec<EventKind>) {
        if self.vehicles_of_blockade(r, kinds)
            || self.fire_named_again(r, kinds)
            || self.means_of_the_attack(r, kinds)
        {
            return;
        }
        // "His arrest blew up an arrangement…", "La captura ocurre dos semanas después…":
        // the arrest already told, named again.
        let custody = |k: &EventKind| matches!(k, EventKind::Arrest | EventKind::LeaderCaptured);
        if kinds.iter().any(custody)
            && self.out.events.iter().any(|e| custody(&e.kind))
            && names_an_arrest_told(&r.words)
        {
            kinds.retain(|k| !custody(k));
        }
        // "the death toll rose to 12": the last attack's dead, not a killing of its own;
        // told first ("subió a 20 la cifra de víctimas del ataque"), the attack itself.
        let update = r.toll;

        match (
            update,
            self.last_violent.and_then(|i| self.out.events.get_mut(i)),
        ) {
            (Some(n), Some(ev)) => {
                ev.measures.insert("fatalities".into(), n);
                if ev.kind == EventKind::Homicide && n >= 4.0 {
                    ev.kind = EventKind::Massacre;
                }
                kinds.retain(|k| !matches!(k, EventKind::Homicide | EventKind::Massacre));
            }
            (Some(n), None)
                if kinds
                    .iter()
                    .all(|k| matches!(k, EventKind::Homicide | EventKind::Massacre)) =>
            {
                *kinds = vec![if n >= 4.0 {
                    EventKind::Massacre
                } else {
                    EventKind::Homicide
                }];
                self.toll_of_new = Some(n);
            }
            _ => {}
        }
        // "Esa noche el saldo era de 19 muertos": a toll told of the incident before, no
        // killing of its own.
        let kills = r
            .words
            .iter()
            .any(|w| crate::lexicon::is_in(w, &crate::lexicon::KILL_IX) && !is(w, &KILL_NOUNS));
        if update.is_none() && self.last_violent.is_some() && has(&r.words, &TOLL_NOUNS) && !kills {
            kinds.retain(|k| !matches!(k, EventKind::Homicide | EventKind::Massacre));
        }
        self.attackers_dead(r, kinds);
        // "He died in hospital", "one of the attackers was shot dead at the scene": one more
        // dead of the incident just told.
        // ("…in Matamoros, Tamaulipas, after an attack in which two other people died",
        // after a killing in Michoacán: a state of its own tells another.)
        let same_state = self.same_place_as_last(r);
        // "En el tercer ataque … murió un agente": another attack's dead are its own.
        let another = self.other_fights.contains(&r.clause.span);
        let more = (same_state && !another && kinds.len() == 1 && kinds[0] == EventKind::Homicide)
            .then(|| one_more_dead(&r.words))
            .flatten();
        if let Some((ev, more)) = more.and_then(|m| {
            self.last_violent
                .and_then(|i| self.out.events.get_mut(i))
                .map(|ev| (ev, m))
        }) {
            // One of its wounded who died moves from the wounded to the dead; a death
            // in hospital of no one counted wounded is the death already told.
            let wounded = ev.measures.get("injured").copied().unwrap_or(0.0);
            match more {
                MoreDead::Party => *ev.measures.entry("fatalities".into()).or_insert(0.0) += 1.0,
                MoreDead::InHospital if wounded >= 1.0 => {
                    *ev.measures.entry("fatalities".into()).or_insert(0.0) += 1.0;
                    ev.measures.insert("injured".into(), wounded - 1.0);
                }
                MoreDead::InHospital | MoreDead::InToll => {}
                MoreDead::OneMore => {
                    *ev.measures.entry("fatalities".into()).or_insert(0.0) += 1.0;
                    if let Some(n) = r.measures.iter().find(|m| m.0 == "injured").map(|m| m.1) {
                        *ev.measures.entry("injured".into()).or_insert(0.0) += n;
                    }
                }
            }
            kinds.clear();
        }
        // "Bodies were left scattered along the boulevard": the dead of the fight just told,
        // uncounted, no killing of their own.
        let uncounted = !r.measures.iter().any(|(m, _, _)| *m == "fatalities")
            && !r.words.iter().any(|w| crate::numbers::is_number(w));
        // "…prometió que los restos serán sometidos a pruebas": the remains told, named.
        let remains_named = || {
            r.words
                .first()
                .is_some_and(|w| matches!(*w, "bodies" | "cuerpos" | "cadaveres" | "corpses"))
                || r.words.windows(2).any(|w| {
                    matches!(w[0], "los" | "the" | "these" | "estos")
                        && matches!(
                            w[1],
                            "restos" | "remains" | "bodies" | "cuerpos" | "cadaveres" | "corpses"
                        )
                })
        };
        if uncounted
            && self.last_violent.is_some()
            && matches!(
                kinds.as_slice(),
                [EventKind::Homicide] | [EventKind::Massacre]
            )
            && remains_named()
        {
            kinds.clear();
        }
        // "The witnesses spoke of at least eight dead", "hablaron de 30 muertos": a toll
        // someone gives of the incident told, no killing of its own.
        if self.last_violent.is_some()
            && r.words.windows(2).any(|w| {
                matches!(
                    w[0],
                    "spoke" | "speak" | "speaks" | "hablaron" | "hablan" | "habla" | "hablo"
                ) && matches!(w[1], "of" | "de")
            })
        {
            kinds.retain(|k| !matches!(k, EventKind::Homicide | EventKind::Massacre));
        }
        // "Among the dead were two police officers", "10 de los fallecidos eran…": who the
        // dead of the incident before were, no killing of its own.
        if self.last_violent.is_some() && describes_the_dead(&r.words) {
            kinds.retain(|k| !matches!(k, EventKind::Homicide | EventKind::Massacre));
        }
        // "…had been killed and 35 soldiers wounded in the clashes", "en los hechos
        // murieron 17 personas": the toll of the incident told before, in its place.
        let own_place = r.own_state;
        if let Some(ev) = self
            .last_violent
            .and_then(|i| self.out.events.get_mut(i))
            .filter(|ev| own_place.is_none_or(|s| ev.state.as_deref() == Some(s)))
        {
            if refers_back(&r.words, ev.kind)
                && !another
                && !kinds.is_empty()
                && kinds.iter().all(|k| {
                    matches!(
                        k,
                        EventKind::Homicide | EventKind::Massacre | EventKind::ArmedClash
                    )
                })
            {
                for (m, v, _) in &r.measures {
                    if *m == "fatalities" || *m == "injured" {
                        ev.measures.insert(m.to_string(), *v);
                    }
                }
                if ev.kind == EventKind::Homicide
                    && ev.measures.get("fatalities").is_some_and(|n| *n >= 4.0)
                {
                    ev.kind = EventKind::Massacre;
                }
                // "Loisa Salinas was killed in the exchange of fire": the attack was
                // answered, a clash.
                if ev.kind == EventKind::AttackOnForces
                    && has(&r.words, &crate::lexicon::EXCHANGE_WORDS)
                {
                    ev.kind = EventKind::ArmedClash;
                }
                kinds.clear();
            }
        }
    }

    /// "In all, nine people were killed and four wounded": after the incidents told, the
    /// sum of their dead, no killing and no figure of its own (not a period's total: "In
    /// all, 60 were killed over the weekend").
    fn sum_of_told(&self, r: &Reading) -> bool {
        let w = &r.words;
        let opens = w.starts_with(&["in", "all"])
            || w.starts_with(&["in", "total"])
            || w.starts_with(&["all", "told"])
            || w.starts_with(&["altogether"])
            || w.starts_with(&["en", "total"])
            || w.starts_with(&["en", "suma"]);
        let told: f64 = self
            .out
            .events
            .iter()
            .filter_map(|e| e.measures.get("fatalities"))
            .sum();
        opens
            && told >= 2.0
            && r.measures.iter().any(|(m, _, _)| *m == "fatalities")
            && figure_period(w, self.published).is_none()
            && !w.iter().any(|x| {
                crate::dates::weekday(x).is_some()
                    || crate::dates::month(x).is_some()
                    || matches!(
                        *x,
                        "weekend"
                            | "week"
                            | "month"
                            | "year"
                            | "semana"
                            | "mes"
                            | "ano"
                            | "since"
                            | "desde"
                    )
            })
    }

    /// "In all, 11 people were killed in Juárez that day" after incidents whose dead add up
    /// to fewer: the day's toll, a figure (when they add up to it, it is their sum).
    fn toll_beyond_told(&mut self, r: &Reading, figures_before: usize) {
        let told: f64 = self
            .out
            .events
            .iter()
            .filter_map(|e| e.measures.get("fatalities"))
            .sum();
        let Some(n) = r
            .measures
            .iter()
            .find(|(m, _, _)| *m == "fatalities")
            .map(|m| m.1)
        else {
            return;
        };
        if n > told {
            let scope = r.own_state.or(self.last_state).unwrap_or("MX");
            self.push_homicides(r, n, scope, figures_before);
        }
    }

    /// A tally of `n` killings told by the clause, as a `homicides` figure, unless the
    /// clause has given one already (its figures start at `figures_before`).
    fn push_homicides(&mut self, r: &Reading, n: f64, scope: &'static str, figures_before: usize) {
        if self.out.figures[figures_before..]
            .iter()
            .any(|f| f.measure == "homicides")
        {
            return;
        }
        self.out.figures.push(Figure {
            measure: "homicides".into(),
            value: n,
            unit: "people".into(),
            scope: self.figure_scope(r, scope).into(),
            period: figure_period(&r.words, self.published),
            span: r.clause.span,
            quote: self.quote(r.clause.span),
        });
    }

    /// A count of killings over a period or a spread is a tally: a figure, no event.
    fn tally_killings(
        &mut self,
        r: &Reading,
        kill: bool,
        killing_verb: bool,
        kinds: &mut Vec<EventKind>,
        figures_before: usize,
    ) {
        // "Con estas siete víctimas, suman 87 ejecuciones": the dead already told,
        // pointed at, are no tally of their own.
        let pointed = |at: usize| {
            at > 0
                && matches!(
                    r.words[at - 1],
                    "these" | "those" | "estas" | "estos" | "esas" | "esos"
                )
        };
        // "was among five people killed in a running gunbattle": one incident's dead.
        // "el promedio se mantuvo por encima de 91 asesinatos diarios": a rate.
        let one_incident_or_rate = |at: usize| {
            let end = crate::numbers::number_at(&r.words, at).map_or(at + 1, |(_, j)| j);
            crate::figures::one_incident(&r.words, end) || crate::figures::rate(&r.words, at, end)
        };
        let killed = r
            .measures
            .iter()
            .find(|(m, _, at)| (*m == "fatalities" || *m == "homicides") && !pointed(*at))
            .filter(|(_, _, at)| !one_incident_or_rate(*at))
            .map(|m| m.1)
            .filter(|n| *n >= 2.0);
        // "Violent Tuesday registers 3 deaths", "Cinco muertes en tres horas": the dead
        // counted over a period need no verb that kills.
        // "left at least 8,000 people dead": no single attack kills hundreds; a war's toll.
        // "N executed in Guanajuato, …": the place told right after "in" is a whole state,
        // closing the clause or set off by a comma.
        let no_town = || {
            r.clause.mentions.iter().any(|m| {
                m.at == 3
                    && !m.places.is_empty()
                    && m.places.iter().all(|p| p.municipality.is_none())
                    && !r.words[m.at..m.at + m.len]
                        .iter()
                        .any(|w| matches!(*w, "city" | "ciudad" | "cdmx"))
                    && (m.at + m.len == r.words.len() || r.clause.toks[m.at + m.len - 1].sep_after)
            }) && r
                .clause
                .mentions
                .iter()
                .all(|m| m.places.iter().all(|p| p.municipality.is_none()))
        };
        let tally_cue = killed.is_some_and(|n| n >= WAR_TOLL)
            || killed.is_some() && deaths::tally_cue(&r.words)
            || killed.is_some_and(|n| deaths::statewide(&r.words, n, no_town()));
        let kill = kill || tally_cue;
        // "More than 40,000 people have been killed … since 2006": a vague count over a
        // period is neither an incident nor a figure.
        let counted = r
            .measures
            .iter()
            .any(|(m, _, _)| *m == "fatalities" || *m == "homicides");
        if kill
            && !counted
            && r.words.iter().any(|w| crate::numbers::is_number(w))
            && deaths::tally_cue(&r.words)
            && counts_by_place(r).is_none()
        {
            kinds.retain(|k| !matches!(k, EventKind::Homicide | EventKind::Massacre));
        }
        // Fighting between two named groups over a weekend is their clash, not a tally.
        let sides_named = kinds.contains(&EventKind::ArmedClash)
            && r.clause.actors.iter().filter(|a| is_group(a)).count() >= 2;
        // "Six homicides were reported…", "Cinco asesinatos en…": a count of killings
        // named by the noun, with no verb that kills, is a tally of several incidents.
        let counted_by_noun = r.measures.iter().any(|(m, _, _)| *m == "homicides") && !killing_verb;
        // "Gunmen attacked federal police stations in at least eight towns, killing five":
        // a coordinated attack on the forces in several towns is one attack.
        let attack_on_forces = kinds.contains(&EventKind::AttackOnForces);
        if let (true, Some(n)) = (
            kill && !sides_named
                && (counted_by_noun || tally_cue || joined_places(r) && !attack_on_forces)
                && counts_by_place(r).is_none(),
            killed,
        ) {
            self.push_homicides(r, n, r.own_state.unwrap_or("MX"), figures_before);
            kinds.retain(|k| {
                !matches!(
                    k,
                    EventKind::Homicide
                        | EventKind::Massacre
                        | EventKind::ArmedClash
                        | EventKind::AttackOnForces
                )
            });
        }
    }

    /// A figure's scope: "11,083 people as missing in the state overall", "en la entidad",
    /// "dead in the city in a single day" name the state the document is about.
    fn figure_scope(&self, r: &Reading, scope: &'static str) -> &'static str {
        let in_the_state = r.words.windows(3).any(|w| {
            matches!(w[0], "in" | "en")
                && matches!(w[1], "the" | "el" | "la")
                && matches!(w[2], "state" | "estado" | "entidad" | "city" | "ciudad")
        });
        match self.last_state.or(self.fallback_state) {
            Some(st) if scope == "MX" && in_the_state => st,
            _ => scope,
        }
    }

    /// The events of one kind a clause tells: one per state it happens in.
    fn event(
        &mut self,
        r: &Reading,
        kind: EventKind,
        date: Option<NaiveDate>,
        target_states: &[Option<&'static str>],
        figure_values: &[f64],
    ) {
        let date = taken_on_its_own_day(kind, &r.words, self.published).or(date);
        let mut ms = kind_measures(kind, &r.measures, &r.words);
        let from_toll = self.toll_of_new.take().inspect(|&n| {
            ms.insert("fatalities".into(), n);
        });
        // In a sentence that reports totals, an event needs a count of its own
        // ("handed 11 more fugitives …, bringing its extraditions for 2009 to 100").
        // A count a table told in prose continued ("Baja California Sur, con 51, y
        // Aguascalientes, con 85, fueron las entidades con menos homicidios") is its too.
        let continued = !r.aggregate && !figure_values.is_empty() && !ms.is_empty();
        // "…two days of gunbattles had forced about 700 people to flee": the people a deed
        // displaced are counted beside it, not instead of it.
        let displaced_only = !r.figures.is_empty() && r.figures.iter().all(|f| f.0 == "displaced");
        if (r.aggregate || continued)
            && !displaced_only
            && !ms.values().any(|v| !figure_values.contains(v))
        {
            return;
        }
        if kind == EventKind::Extradition && !ms.contains_key("people") {
            ms.insert("people".into(), 1.0);
        }
        // Protesters' blockade: the protest's own people block the road.
        let protesters = self
            .out
            .events
            .last()
            .filter(|e| {
                kind == EventKind::RoadBlockade
                    && e.kind == EventKind::Protest
                    && e.span == r.clause.span
            })
            .map(|e| e.actors.clone());
        let acts = protesters.unwrap_or_else(|| self.actors(r, kind));
        // "The protests drew hundreds of reporters in Tijuana…": the protests told before,
        // named again with their places, keep the day they were told with.
        let named_again = kind == EventKind::Protest
            && r.words.len() > 1
            && matches!(r.words[0], "the" | "las" | "los")
            && is(r.words[1], &crate::lexicon::PROTEST);
        let told_day = named_again
            .then(|| {
                self.out
                    .events
                    .iter()
                    .rev()
                    .find(|e| e.kind == kind && e.date.is_some())
            })
            .flatten()
            .and_then(|e| e.date.as_deref()?.parse().ok());
        let date = told_day.or(date);
        // "Journalists protested in Acapulco and in Chilpancingo": a protest in each town.
        let towns = if kind == EventKind::Protest {
            protest_towns(r)
        } else {
            Vec::new()
        };
        let places: Vec<(Option<&'static str>, Option<&'static str>)> = if towns.len() >= 2 {
            towns.into_iter().map(|(s, m)| (Some(s), m)).collect()
        } else {
            event_states(kind, r, target_states)
                .into_iter()
                .map(|st| (st, st.and_then(|st| self.municipality(r, kind, st))))
                .collect()
        };
        for &(st, muni) in &places {
            if matches!(
                kind,
                EventKind::Homicide
                    | EventKind::Massacre
                    | EventKind::AttackOnForces
                    | EventKind::ArmedClash
                    | EventKind::LeaderKilled
                    | EventKind::ExplosiveAttack
                    | EventKind::DroneAttack
            ) {
                self.last_violent = Some(self.out.events.len());
            }
            if from_toll.is_some() {
                self.toll_events.push(self.out.events.len());
            }
            self.out.events.push(CodedEvent {
                kind,
                date: date.map(|d| d.to_string()),
                state: st.map(str::to_string),
                municipality: muni.map(str::to_string),
                actors: acts.clone(),
                measures: ms.clone(),
                span: r.clause.span,
                quote: self.quote(r.clause.span),
            });
        }
    }

    /// The actors of an event of `kind`: the clause's forces and groups, completed with the
    /// groups and forces earlier clauses named.
    fn actors(&mut self, r: &Reading, kind: EventKind) -> Vec<String> {
        let span = r.clause.span;
        let found_actors = &r.clause.actors;
        let mut forces: Vec<&str> = found_actors
            .iter()
            .copied()
            .filter(|a| is_force(a))
            .collect();
        let mut groups: Vec<&str> = found_actors
            .iter()
            .copied()
            .filter(|a| is_group(a))
            .collect();
        // A clash of the forces with gunmen no clause names: the report's group too.
        let clash_with_forces = kind == EventKind::ArmedClash && !forces.is_empty();
        if groups.is_empty() && (violent(kind) || clash_with_forces) && !unknown_attackers(&r.words)
        {
            // Reporters often name the group after the attack ("… the killings
            // bore the hallmarks of Los Zetas"): the document's first group then.
            groups.extend(self.last_group.or(self.doc_group));
        }
        let forces_act = forces_act(kind);
        // "…decomisó 3.2 toneladas; tres tripulantes fueron detenidos": the forces
        // of the action told just before act again.
        if forces.is_empty() && forces_act && kind != EventKind::Extradition {
            if let Some((sp, fs)) = &self.last_act_forces {
                // (Or a few clauses back, when nothing has been coded since: "…fueron
                // detenidos. El detenido fue trasladado… En el lugar se aseguraron cuatro
                // armas largas".)
                let last_coded = self.out.events.last().is_some_and(|e| e.span == *sp)
                    && span.0.saturating_sub(sp.1) < 400;
                if *sp == self.prev_span || *sp == span || last_coded {
                    forces.extend(fs.iter().copied());
                }
            }
        }
        // (The forces of a clash act too: "…in the shootout; three were detained".)
        if (forces_act || matches!(kind, EventKind::ArmedClash | EventKind::AttackOnForces))
            && !forces.is_empty()
        {
            self.last_act_forces = Some((span, forces.clone()));
        }
        // The people arrested or the goods seized belong to the group the report
        // named before ("Marines detained two suspects" after "a Zetas cell"); a
        // group named only later is often an accusation, not the catch.
        if groups.is_empty() && forces_act && kind != EventKind::Extradition {
            groups.extend(self.last_group);
        }
        let mut acts = actor_list(kind, found_actors, &forces, &groups);
        // An attack on forces that names no force was on officials ("The mayor of
        // Chilpancingo was killed").
        // "the leader of the state legislature": the head of a public body.
        if kind == EventKind::AttackOnForces
            && forces.is_empty()
            && (has(&r.words, &OFFICIALS) || has(&r.words, &PUBLIC_BODIES))
        {
            acts.push("Officials".into());
        }
        // A U.S. agent attacked: the U.S. government's.
        if kind == EventKind::AttackOnForces
            && crate::kinds::us_agency(&r.words)
            && !acts.iter().any(|a| a == "US government")
        {
            acts.push("US government".into());
        }
        // "los militares liberaron a una empresaria que había sido secuestrada", "troops …
        // freeing two people who had been held": the forces rescued; the kidnapping is the
        // captors' and its victims'.
        // (Not "seized nine soldiers, who were later freed": the forces were the taken.)
        let w = &r.words;
        let rescued = (0..w.len()).any(|p| {
            is(
                w[p],
                &[
                    "liberaron",
                    "libero",
                    "rescataron",
                    "rescato",
                    "rescued",
                    "freed",
                    "freeing",
                    "rescuing",
                ],
            ) && !w[p.saturating_sub(2)..p]
                .iter()
                .any(|x| matches!(*x, "were" | "was" | "been" | "fueron" | "fue" | "ser"))
        });
        if kind == EventKind::Kidnapping && rescued {
            acts.retain(|a| !is_force(a));
            if !acts.iter().any(|a| a == "Civilians") {
                acts.push("Civilians".into());
            }
        }
        // "hundreds of residents surrounded the army's base", "se manifestaron frente a…":
        // the forces and groups a protest names are what it is against; the protesters
        // are its actors (forces protest only as the subject before the protest word:
        // "policías protestaron").
        if kind == EventKind::Protest {
            let w = &r.words;
            let at = w.iter().position(|x| is(x, &crate::lexicon::PROTEST));
            let force = |x: &str| crate::lexicon::is_in(x, &crate::lexicon::FORCES_IX);
            let first_force = w.iter().position(|x| force(x));
            let forces_protest = at.zip(first_force).is_some_and(|(p, f)| {
                f < p
                    && !w[..p].iter().any(|x| {
                        is(x, &crate::lexicon::PEOPLE) && !force(x)
                            || is(x, &crate::lexicon::PROTESTERS)
                            || is(
                                x,
                                &[
                                    "resident*",
                                    "poblador*",
                                    "vecino*",
                                    "habitante*",
                                    "familiares",
                                    "relatives",
                                    "madres",
                                    "mothers",
                                    "estudiantes",
                                    "students",
                                    "normalistas",
                                    "periodistas",
                                    "reporters",
                                    "journalists",
                                    "comerciantes",
                                    "transportistas",
                                    "productores",
                                    "farmers",
                                    "campesinos",
                                    "maestros",
                                    "teachers",
                                ],
                            )
                    })
            });
            if !forces_protest {
                acts.retain(|a| a == "Civilians" || a == "Officials");
                if acts.is_empty() {
                    acts.push("Civilians".into());
                }
            }
        }
        acts
    }

    /// The municipality of an event of `kind` in state `st`: the clause's own, else the
    /// last one named in the same state when the clause names no state.
    fn municipality(&self, r: &Reading, kind: EventKind, st: &str) -> Option<&'static str> {
        let mentions = &r.clause.mentions;
        let own = if kind == EventKind::Extradition {
            mentions
                .iter()
                .find_map(|m| m.places.iter().find(|p| p.state == st))
                .and_then(|p| p.municipality)
        } else {
            clause_municipality(mentions, st)
        };
        own.or_else(|| {
            (r.own_state.is_none() && self.last_state == Some(st))
                .then_some(self.last_muni)
                .flatten()
        })
    }

    /// "Authorities blamed La Familia Michoacana", "atribuyeron el ataque al CJNG": the
    /// group named is the perpetrator of the violence just told.
    fn blame(&mut self, r: &Reading) {
        if !coded_here(&self.out.events, r.clause.span) && has(&r.words, &BLAME_WORDS) {
            if let (Some(g), Some(ev)) = (
                r.group_here,
                self.last_violent.and_then(|i| self.out.events.get_mut(i)),
            ) {
                if !ev.actors.iter().any(|a| is_group(a)) {
                    ev.actors.insert(0, g.to_string());
                }
            }
        }
    }

    /// What the clause leaves for the next ones: its span, leaders, state and municipality.
    fn remember(&mut self, r: &Reading, new_names: Vec<String>) {
        let mentions = &r.clause.mentions;
        self.prev_span = r.clause.span;
        self.leader_names.extend(new_names);
        if let Some(st) = r.own_state {
            self.last_state = Some(st);
            self.last_muni = clause_municipality(mentions, st);
        } else if let Some(m) = self
            .last_state
            .and_then(|st| clause_municipality(mentions, st))
        {
            // A smaller place inside the current state ("near Villa Purificación").
            self.last_muni = Some(m);
        }
    }
}

/// Someone presented to the media ("al presentarlo ante los medios").
fn press_appearance(words: &[&str]) -> bool {
    has(words, &["present*"]) && has(words, &["medios", "media", "prensa", "press"])
}

/// "…, U.S. prosecutors said on Tuesday.": the day the clause names is the day it was said
/// (a deed in the present perfect has its own day told later).
/// Whether the clause at char `at` opens a paragraph with a clock time and a dash or a bar
/// ("13:05 —", "9:40 h |"): a live blog's entry.
fn live_entry(chars: &[char], at: usize) -> bool {
    let line_start = chars[..at]
        .iter()
        .rev()
        .find(|c| !matches!(c, ' ' | '\t'))
        .is_none_or(|c| *c == '\n');
    let rest = &chars[at..chars.len().min(at + 12)];
    let hour = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    line_start
        && (1..=2).contains(&hour)
        && rest.get(hour) == Some(&':')
        && rest[hour + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
            == 2
        && rest[hour + 3..]
            .iter()
            .find(|c| !matches!(c, ' ' | 'h' | '.'))
            .is_some_and(|c| matches!(c, '—' | '–' | '-' | '|'))
}

fn said_on_a_day_at_the_end(words: &[&str]) -> bool {
    let n = words.len();
    n >= 3
        && crate::dates::weekday(words[n - 1]).is_some()
        && (is(words[n - 2], &crate::lexicon::REPORTING)
            || words[n - 2] == "on" && is(words[n - 3], &crate::lexicon::REPORTING))
}

/// "has been shot dead", "han sido asesinados": a deed told in the present perfect.
fn present_perfect(words: &[&str]) -> bool {
    // "have been killed", "han sido detenidos", and the deed's own verb in the active:
    // "have captured", "han detenido" (not "has revived memories of…").
    let participle = |w: &str| {
        matches!(w, "been" | "sido")
            || crate::triggers::any_trigger(&[w])
                && (w.ends_with("ed")
                    || w.ends_with("ado")
                    || w.ends_with("ido")
                    || matches!(w, "caught" | "shot" | "taken"))
    };
    words
        .windows(2)
        .any(|w| matches!(w[0], "has" | "have" | "ha" | "han") && participle(w[1]))
}

/// The deed of `kind` is told by words `a..=b` only (a relative clause): "…Cavazos, who
/// was kidnapped on Sunday by armed men, was found on Wednesday".
fn told_only_within(words: &[&str], kind: EventKind, a: usize, b: usize) -> bool {
    use crate::lexicon::{ARREST, DISAPPEAR, KIDNAP};
    // A list as `dyn Patterns`, not a slice, so that it is matched through its index.
    let list: &dyn Patterns = match kind {
        EventKind::Kidnapping => &KIDNAP,
        EventKind::Disappearance => &DISAPPEAR,
        EventKind::Arrest | EventKind::LeaderCaptured => &ARREST,
        _ => return false,
    };
    let inside = words[a..=b].iter().any(|w| is(w, list));
    let outside = words[..a]
        .iter()
        .chain(&words[b + 1..])
        .any(|w| is(w, list));
    inside && !outside
}

/// The clause tells its deed abroad: "en Estados Unidos", "in San Diego", "in Grand
/// Prairie, Texas" (a town named by its foreign state).
/// "Humberto Moreira, a former governor of Coahuila, was arrested in Madrid": the clause's
/// state is named only as an office's ("governor of", "gobernador de", "governed").
fn office_state_only(r: &Reading) -> bool {
    let words = &r.words;
    let office = |at: usize| {
        at >= 2 && crate::mentions::office_of(words[at - 2], words[at - 1])
            || at >= 1 && matches!(words[at - 1], "governed" | "gobierna" | "goberno")
    };
    let mut named = r
        .clause
        .mentions
        .iter()
        .filter(|m| !m.origin && m.places.iter().any(|p| Some(p.state) == r.own_state))
        .peekable();
    named.peek().is_some() && named.all(|m| office(m.at))
}

fn abroad(words: &[&str], toks: &[crate::tokens::Tok]) -> bool {
    // The two-word names split once.
    static PAIRS: std::sync::LazyLock<Vec<(&'static str, &'static str)>> =
        std::sync::LazyLock::new(|| {
            crate::lexicon::ABROAD
                .iter()
                .filter_map(|p| p.split_once(' '))
                .collect()
        });
    let named_abroad = |q: usize| {
        is(words[q], &crate::lexicon::ABROAD)
            || words
                .get(q + 1)
                .is_some_and(|w| PAIRS.iter().any(|&(a, b)| a == words[q] && b == *w))
    };
    (0..words.len().saturating_sub(1)).any(|k| {
        matches!(words[k], "en" | "in")
            && (named_abroad(k + 1)
                || (k + 2..(k + 5).min(words.len())).any(|q| {
                    toks[q - 1].sep_after
                        && toks[k + 1..q].iter().all(|t| t.cap)
                        && toks[q].cap
                        && named_abroad(q)
                }))
    })
}

/// The forces answered the fire: "repelled the attack", "who fired back".
pub(crate) fn answered_fire(words: &[&str]) -> bool {
    has(words, &ANSWERED_FIRE) || has_seq(words, &["fired", "fire", "firing", "shot"], &["back"])
}

/// An event was coded from the clause at `span`.
fn coded_here(events: &[CodedEvent], span: (usize, usize)) -> bool {
    events.iter().any(|e| e.span == span)
}

/// One incident told twice in a document is one event: same kind, state and date (and no
/// two different municipalities). A fight told in several sentences is one fight: on the
/// same day and in the same state, an armed clash, an attack on forces and a leader's
/// death are one event, of the most specific kind; so are killings (a homicide told
/// after a massacre of the same day and place is part of it).
/// Counts each followed by the place they happened in ("4 … in Tangancícuaro and 3 in
/// Zamora", "cinco en Celaya y dos en León"): `(count, state, municipality)`, when there are
/// two or more and their places differ.
fn counts_by_place(r: &Reading) -> Option<Vec<(f64, &'static str, Option<&'static str>)>> {
    let words = &r.words;
    let mut pairs = Vec::new();
    let mut from = 0;
    for m in r.clause.mentions.iter().filter(|m| !m.origin) {
        let at = m.at;
        if at < 2 || !matches!(words[at - 1], "in" | "en") {
            from = at + m.len;
            continue;
        }
        // The nearest number before "in", after the previous place.
        // "el 28 de marzo en Temixco", "March 28 in Temixco": a day, no count.
        let n = (from.max(at.saturating_sub(5))..at - 1)
            .rev()
            .find_map(|k| {
                crate::numbers::digits(words[k])
                    .or_else(|| crate::numbers::word(words[k]))
                    .map(|n| (n, k))
            })
            .filter(|&(_, k)| !crate::dates::day_of_month_at(words, k))
            .map(|(n, _)| n);
        let place = m
            .places
            .iter()
            .find(|p| p.implies_state || Some(p.state) == r.own_state);
        if let (Some(n), Some(p)) = (n, place) {
            pairs.push((n, p.state, p.municipality));
        }
        from = at + m.len;
    }
    let distinct = pairs
        .iter()
        .any(|(_, s, mu)| (*s, *mu) != (pairs[0].1, pairs[0].2));
    (pairs.len() >= 2 && distinct).then_some(pairs)
}

/// An article's headline and deck announce what its body tells: their events are dropped
/// when the body codes one of the same kind, or any deadly event for a deadly one ("29
/// dead in Sinaloa fighting" is the body's clash).
fn drop_headline_repeats(events: &mut Vec<CodedEvent>, body_start: usize) {
    if body_start == 0 {
        return;
    }
    let (body, head): (Vec<&CodedEvent>, Vec<&CodedEvent>) =
        events.iter().partition(|e| e.span.0 >= body_start);
    if body.is_empty() || head.is_empty() {
        return;
    }
    let lethal = |k: EventKind| {
        matches!(
            k,
            EventKind::Homicide
                | EventKind::Massacre
                | EventKind::ArmedClash
                | EventKind::AttackOnForces
                | EventKind::LeaderKilled
                | EventKind::ExplosiveAttack
                | EventKind::DroneAttack
        )
    };
    // A body killing without its count is no retelling of a head's counted one: "Secuestran
    // y asesinan a dos sacerdotes" over "Los sacerdotes … fueron hallados sin vida".
    let uncounted = |e: &CodedEvent| {
        matches!(e.kind, EventKind::Homicide | EventKind::Massacre)
            && !e.measures.contains_key("fatalities")
    };
    let told = |h: &CodedEvent| {
        body.iter().any(|b| {
            (b.kind == h.kind || lethal(b.kind) && lethal(h.kind))
                && !(uncounted(b) && h.measures.contains_key("fatalities"))
        })
    };
    let keep: Vec<bool> = events
        .iter()
        .map(|e| e.span.0 >= body_start || !told(e))
        .collect();
    // "Soldiers seize huge arsenal in border city" over a lead dated Friday: a headline's
    // deed the body does not code again is the story's, of the lead's day.
    let lead_day = body.iter().find_map(|b| b.date.clone());
    keep_marked(events, &keep);
    for e in events.iter_mut().filter(|e| e.span.0 < body_start) {
        if e.date.is_none() {
            e.date.clone_from(&lead_day);
        }
    }
}

/// Keeps the events whose mark is set, in order.
/// A killing's kind follows its count once the document is read (the shared rules: 4 or
/// more killed in one attack is a massacre, 1–3 a homicide): a count completed or merged
/// later can cross the line.
fn killings_by_count(events: &mut [CodedEvent]) {
    for e in events.iter_mut() {
        let Some(&n) = e.measures.get("fatalities") else {
            continue;
        };
        match e.kind {
            EventKind::Massacre if n < 4.0 => e.kind = EventKind::Homicide,
            EventKind::Homicide if n >= 4.0 => e.kind = EventKind::Massacre,
            _ => {}
        }
    }
}

/// A killing with no one counted dead, after the document's first event, is talk of
/// killing ("you don't just kill, you brag about killing", "beheading rivals and leaving
/// bodies hanging from bridges"), not an incident: an incident told states its dead.
fn drop_uncounted_killings(events: &mut Vec<CodedEvent>) {
    // "found a black plastic bag with human remains": remains found are a killing of their
    // own, however many.
    let remains = |e: &CodedEvent| {
        let lower = e.quote.to_lowercase();
        ["human remains", "restos humanos"]
            .iter()
            .any(|r| lower.contains(r))
    };
    let uncounted = |e: &CodedEvent| {
        matches!(e.kind, EventKind::Homicide | EventKind::Massacre)
            && !e.measures.contains_key("fatalities")
            && !remains(e)
    };
    let keep: Vec<bool> = events
        .iter()
        .enumerate()
        .map(|(k, e)| k == 0 || !uncounted(e))
        .collect();
    keep_marked(events, &keep);
}

fn keep_marked(events: &mut Vec<CodedEvent>, keep: &[bool]) {
    let mut marks = keep.iter();
    events.retain(|_| marks.next().copied().unwrap_or(true));
}

/// One count for two places joined ("In Chignahuapan and Zacatlán they find two dead",
/// "7 Killed Within Fresnillo And Calera"): killings in both, so several incidents.
fn joined_places(r: &Reading) -> bool {
    let places: Vec<&Mention> = r.clause.mentions.iter().filter(|m| !m.origin).collect();
    places.windows(2).any(|w| {
        let (a, b) = (w[0], w[1]);
        let between = &r.words[(a.at + a.len).min(b.at)..b.at];
        matches!(between, ["and" | "y" | "e"])
            && a.places.first().map(|p| (p.state, p.municipality))
                != b.places.first().map(|p| (p.state, p.municipality))
            && a.places
                .iter()
                .chain(&b.places)
                .all(|p| p.municipality.is_some())
    })
}

/// A death toll that rose ("the death toll had risen to 12", "el saldo aumentó a 12"):
/// its new count.
/// Whether the clause names an incident already told, of kind `told`: "in the clashes"
/// (a fight), "during the attack", "en los hechos" (any deadly incident).
/// The deed of kind `kind` is named as a point in time: "before the drone attack", "tras
/// la captura de…".
fn as_a_time(words: &[&str], kind: EventKind) -> bool {
    // A list as `dyn Patterns`, not a slice, so that it is matched through its index.
    let lexicon: &dyn Patterns = match kind {
        EventKind::DroneAttack => &crate::lexicon::DRONE,
        EventKind::ExplosiveAttack => &crate::lexicon::EXPLOSIVE,
        EventKind::Arrest | EventKind::LeaderCaptured => &ARREST,
        EventKind::Extradition => &crate::lexicon::EXTRADITION,
        EventKind::RoadBlockade => &crate::lexicon::BLOCKADE,
        _ => return false,
    };
    words.windows(3).any(|w| {
        matches!(
            w[0],
            "before" | "after" | "following" | "antes" | "tras" | "despues"
        ) && is(w[1], &DETERMINERS)
            && (is(w[2], lexicon) || kind == EventKind::LeaderCaptured && is(w[2], &CAPTURE_NOUNS))
    })
}

/// "The mayor's party called the killing cowardly", "condenó el asesinato": after a
/// deadly incident, a clause that names a killing only with a definite article, with no
/// number and no place of its own, speaks of the one told.
fn named_again(r: &Reading) -> bool {
    r.own_state.is_none()
        && named_by_article(
            &r.words,
            |w| crate::lexicon::is_in(w, &crate::lexicon::KILL_IX),
            |a| is(a, &DETERMINERS),
        )
}

/// The clause names its deed (words `trigger` tells) only after an article (`article`),
/// every time, and counts nothing.
fn named_by_article(
    words: &[&str],
    trigger: impl Fn(&str) -> bool,
    article: impl Fn(&str) -> bool,
) -> bool {
    let named = only_after_article(words, trigger, article);
    // A span of time or a number of groups counts no victims: "the killing two days
    // earlier", "a feud between two groups".
    // ("No one was reported hurt": no count.)
    let counts = (0..words.len()).any(|k| {
        crate::numbers::is_number(words[k])
            && !(words[k] == "one" && k > 0 && words[k - 1] == "no")
            && !words.get(k + 1).is_some_and(|w| {
                is(w, &crate::lexicon::TIME_UNITS) || is(w, &crate::lexicon::GROUP_NOUNS)
            })
    });
    named && !counts
}

/// The towns a clause tells a deed in, each once, in order: after "in", "en" or "at", or
/// joined by "and", "y" to the town before ("en Coatzacoalcos y Xalapa"; not "colectivos de
/// Salamanca, Celaya e Irapuato"), named unambiguously and not as origins.
fn protest_towns(r: &Reading) -> Vec<(&'static str, Option<&'static str>)> {
    let words = &r.words;
    let mut towns: Vec<(&'static str, Option<&'static str>)> = Vec::new();
    let mut last_end: Option<usize> = None;
    for m in r
        .clause
        .mentions
        .iter()
        .filter(|m| !m.origin && m.places.len() == 1)
    {
        let prev = if m.at > 0 { words[m.at - 1] } else { "" };
        let located = matches!(prev, "in" | "en" | "at")
            || matches!(prev, "and" | "y" | "e") && last_end == Some(m.at - 1);
        // "as well as in Mexico City": a state named alone where no town of it is.
        let (state, muni) = (m.places[0].state, m.places[0].municipality);
        if located {
            last_end = Some(m.at + m.len);
            if !towns
                .iter()
                .any(|t| t.0 == state && (t.1 == muni || muni.is_none()))
            {
                towns.push((state, muni));
            }
        }
    }
    towns
}

/// The clause names its deed (words `trigger` tells), and only after an article
/// (`article`), every time.
fn only_after_article(
    words: &[&str],
    trigger: impl Fn(&str) -> bool,
    article: impl Fn(&str) -> bool,
) -> bool {
    let mut named = false;
    for p in (0..words.len()).filter(|&p| trigger(words[p])) {
        if p == 0 || !article(words[p - 1]) {
            return false;
        }
        named = true;
    }
    named
}

/// Every word of the clause that tells an arrest follows an article: "the arrest", "the
/// detainee", "el detenido", "su captura" (a count of money does not matter here: "the
/// arrest … 100,000 dollars").
fn arrest_named_again(words: &[&str]) -> bool {
    only_after_article(
        words,
        |w| is(w, &crate::lexicon::ARREST),
        |a| {
            matches!(
                a,
                "the" | "this" | "his" | "her" | "el" | "la" | "los" | "las" | "su" | "del" | "al"
            )
        },
    )
}

/// A clause that is only a day ("DOMINGO 16 DE MARZO", "Sunday, March 16"): a live blog's
/// header.
fn day_header(words: &[&str]) -> bool {
    !words.is_empty()
        && words.len() <= 6
        && words.iter().all(|w| {
            crate::dates::weekday(w).is_some()
                || crate::dates::month(w).is_some()
                || w.parse::<u32>().is_ok()
                || matches!(*w, "de" | "del")
        })
}

fn refers_back(words: &[&str], told: EventKind) -> bool {
    let fight = matches!(
        told,
        EventKind::ArmedClash | EventKind::AttackOnForces | EventKind::LeaderKilled
    );
    // "Minutes later, a second clash broke out… Police said five men … were killed
    // there": the dead of the fight just told, at its place.
    let there = fight
        && words.windows(2).any(|w| {
            matches!(
                w[0],
                "killed" | "died" | "murieron" | "fallecieron" | "abatidos"
            ) && matches!(w[1], "there" | "alli" | "ahi")
        });
    // "in that first confrontation", "en el primer enfrentamiento": an ordinal between.
    let ordinal = |w: &str| {
        matches!(
            w,
            "first" | "second" | "initial" | "primer" | "primero" | "segundo"
        )
    };
    let unordered: Vec<&str>;
    let words = if words.iter().any(|w| ordinal(w)) {
        unordered = words.iter().copied().filter(|w| !ordinal(w)).collect();
        &unordered[..]
    } else {
        words
    };
    there
        || words.windows(3).any(|w| {
            matches!(w[0], "in" | "during" | "en" | "durante" | "tras" | "after")
                && matches!(
                    w[1],
                    "the" | "el" | "la" | "los" | "las" | "these" | "those" | "dichos" | "that"
                )
                && (is(w[2], &BACK_REFERENCES) || fight && is(w[2], &BACK_REFERENCES_TO_FIGHTS))
        })
}

/// Whether the clause adds one dead to the incident just told: a death in hospital ("He
/// died in hospital", "murió en el hospital") or one of its parties killed ("one of the
/// attackers was shot dead", "uno de los agresores murió").
fn one_more_dead(words: &[&str]) -> Option<MoreDead> {
    // "El guardia, de 51 años, murió…": a person of the scene the article points to (an
    // age is no count).
    let the_person = words.len() > 2
        && matches!(words[0], "el" | "la" | "the")
        && crate::lexicon::is_in(words[1], &crate::lexicon::PERSON_IX)
        && words[2..(8).min(words.len())]
            .iter()
            .any(|w| is(w, &DIED_WORDS));
    if the_person {
        return Some(MoreDead::OneMore);
    }
    if words.iter().any(|w| crate::numbers::digits(w).is_some()) {
        return None;
    }
    // "several of the wounded died at hospitals": uncounted, already in the toll told.
    let vague = words.iter().any(|w| {
        matches!(
            *w,
            "several" | "varios" | "varias" | "some" | "algunos" | "algunas"
        )
    });
    let one_of = words.windows(3).any(|w| {
        matches!(w[0], "one" | "uno" | "una")
            && matches!(w[1], "of" | "de")
            && matches!(w[2], "the" | "los" | "las")
    });
    if one_of && has(words, &ATTACKER_WORDS) && !has(words, &THE_WOUNDED) {
        return Some(MoreDead::Party);
    }
    // "one of the wounded died", "murió en el hospital".
    // "uno de ellos murió antes de que llegaran los servicios de emergencia": one of the
    // people just told.
    let one_of_them = words.windows(3).any(|w| {
        matches!(w[0], "one" | "uno" | "una")
            && matches!(w[1], "of" | "de")
            && matches!(w[2], "them" | "ellos" | "ellas")
    });
    if one_of_them && has(words, &DIED_WORDS) && !has(words, &THE_WOUNDED) {
        return Some(MoreDead::OneMore);
    }
    let later = one_of && has(words, &THE_WOUNDED) || has(words, &HOSPITAL_WORDS);
    (later && has(words, &DIED_WORDS)).then_some(if vague {
        MoreDead::InToll
    } else {
        MoreDead::InHospital
    })
}

/// The day of a coded event, when it has one.
fn event_day(e: &CodedEvent) -> Option<NaiveDate> {
    e.date
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// "The death toll from a weekend assault rose to 23 … The attackers opened fire on the
/// police…": an event made from a toll alone gives way to the violence told in its place
/// within two days.
fn drop_toll_events(events: &mut Vec<CodedEvent>, toll_events: &[usize]) {
    let day = event_day;
    let keep: Vec<bool> = (0..events.len())
        .map(|i| {
            !toll_events.contains(&i)
                || !events.iter().enumerate().any(|(k, o)| {
                    !toll_events.contains(&k)
                        && crate::assemble::violent(o.kind)
                        && o.state == events[i].state
                        && match (day(o), day(&events[i])) {
                            (Some(a), Some(b)) => (a - b).num_days().abs() <= 2,
                            _ => true,
                        }
                })
        })
        .collect();
    keep_marked(events, &keep);
}

/// Whether the clause's only words of arresting are nouns after a determiner with no count
/// after them: an arrest named, not told ("the arrest was unlikely to…", "su captura").
fn names_an_arrest_told(words: &[&str]) -> bool {
    let mut named = false;
    for (p, w) in words.iter().enumerate() {
        if is(w, &CAPTURE_NOUNS) {
            let determined = p > 0 && is(words[p - 1], &DETERMINERS);
            let counted = matches!(words.get(p + 1), Some(&"of") | Some(&"de"))
                && words
                    .get(p + 2)
                    .is_some_and(|n| crate::numbers::is_number(n));
            if !determined || counted {
                return false;
            }
            named = true;
        } else if is(w, &ARREST) {
            // "most of those arrested", "los detenidos", "el detenido fue trasladado": the
            // people arrested, named.
            let named_people = p > 0 && matches!(words[p - 1], "those" | "los" | "las" | "el" | "la")
                // "La carretera donde fue detenido": where the arrest told happened.
                || words[p.saturating_sub(3)..p]
                    .iter()
                    .any(|w| matches!(*w, "donde" | "where"))
                // "Los tres fueron detenidos cuando…", "Both were arrested": those told.
                || p >= 2
                    && matches!(words[p - 1], "fueron" | "were")
                    && (matches!(words[p - 2], "ambos" | "both")
                        || p >= 3
                            && matches!(words[p - 3], "los" | "las" | "the")
                            && crate::numbers::is_number(words[p - 2]));
            if !named_people {
                return false;
            }
            named = true;
        }
    }
    named
}

/// How many of the attackers the clause tells killed: "two of the attackers", "tres de
/// los agresores", and after a fight "three of them", "tres de ellos".
fn party_dead(words: &[&str], fight_before: bool) -> Option<f64> {
    (0..words.len().saturating_sub(2)).find_map(|k| {
        if !matches!(words[k + 1], "of" | "de") {
            return None;
        }
        let n = crate::numbers::word(words[k]).or_else(|| crate::numbers::digits(words[k]))?;
        if n < 2.0 {
            return None;
        }
        let party = matches!(words[k + 2], "the" | "los" | "las")
            && words.get(k + 3).is_some_and(|w| is(w, &ATTACKER_WORDS));
        let them = fight_before && matches!(words[k + 2], "them" | "ellos");
        (party || them).then_some(n)
    })
}

/// "Several local politicians were murdered in Mexico last year": killings told of many
/// over a year, uncounted, are a generalisation, no incident.
fn generalised(r: &Reading) -> bool {
    let words = &r.words;
    // (A lone victim's "1" is read of the plural too.)
    !r.measures.iter().any(|m| m.0 == "fatalities" && m.1 > 1.0)
        && words
            .iter()
            .take(3)
            .any(|w| is(w, &crate::lexicon::SPREAD) || matches!(*w, "many" | "muchos" | "numerous"))
        && (has_seq(words, &["last", "this"], &["year"])
            || has_seq(words, &["ano"], &["pasado"])
            || has_seq(words, &["este"], &["ano"])
            || has_seq(words, &["recent"], &["years"]))
}

/// The clause counts attackers ("one gunman was killed", "murieron dos agresores"), not
/// attackers who killed ("the gunmen killed two investigators").
fn attackers_counted(words: &[&str], at: usize) -> bool {
    (at + 1..(at + 3).min(words.len())).any(|k| {
        is(words[k], &ATTACKER_WORDS)
            && (crate::numbers::is_number(words[k - 1])
                // "a gunman", "un agresor"; not "atribuyó a sicarios" (a preposition).
                || matches!(words[k - 1], "a" | "un")
                    && !words[k].ends_with('s')
                    && !words[k].ends_with("men"))
    })
}

/// How a clause adds to the dead of the incident just told.
enum MoreDead {
    /// One of its parties killed ("one of the attackers").
    Party,
    /// A death in hospital (one of the wounded, if any were counted).
    InHospital,
    /// Deaths told without a count ("several of the wounded died"): in the toll told.
    InToll,
    /// One more person of the scene, named by a definite article ("El guardia, de 51
    /// años, murió al intentar cerrarles el paso"), with whoever the clause counts hurt.
    OneMore,
}

/// Whether the clause tells who the dead already counted were: "among the dead", "entre
/// los fallecidos", "10 de los muertos", "two of the victims".
fn describes_the_dead(words: &[&str]) -> bool {
    // "of the dead" takes a part before it ("10 de los muertos", "several of the victims"),
    // not a name ("Centro de Derechos Humanos de las Víctimas de Violencia").
    let part = |k: usize| {
        k > 0
            && (crate::numbers::is_number(words[k - 1])
                || matches!(
                    words[k - 1],
                    "some" | "several" | "most" | "many" | "algunas" | "algunos" | "varias"
                        | "varios" | "mayoria" | "muchos" | "muchas" | "ellos" | "ellas"
                        // "al leer los nombres de las víctimas": who they were.
                        | "names" | "nombres" | "identities" | "identidades" | "identidad"
                        | "relatives" | "families" | "familiares" | "familias"
                ))
    };
    (0..words.len().saturating_sub(2)).any(|k| {
        (matches!(words[k], "among" | "entre") || matches!(words[k], "of" | "de") && part(k))
            && matches!(words[k + 1], "the" | "los" | "las")
            && is(words[k + 2], &THE_DEAD)
    })
}

pub(crate) fn toll_update(words: &[&str]) -> Option<f64> {
    if !has(words, &TOLL_NOUNS) {
        return None;
    }
    let p = words.iter().position(|w| is(w, &TOLL_ROSE_VERBS))?;
    let to = (p + 1..(p + 4).min(words.len())).find(|&k| matches!(words[k], "to" | "a"))?;
    let n = words.get(to + 1)?;
    crate::numbers::digits(n).or_else(|| crate::numbers::word(n))
}

/// "Seis de los siete jóvenes privados de la libertad la madrugada del domingo … fueron
/// localizados sin vida ayer miércoles": the people taken keep the weekday told right after
/// their taking, the bodies the clause's day.
/// A clause joined by "y también", "and also": more of what the clause before told.
fn also_joined(words: &[&str]) -> bool {
    words.len() > 1 && matches!(words[0], "y" | "and") && matches!(words[1], "tambien" | "also")
}

fn taken_on_its_own_day(
    kind: EventKind,
    words: &[&str],
    published: NaiveDate,
) -> Option<NaiveDate> {
    if kind != EventKind::Kidnapping {
        return None;
    }
    let p = words.iter().position(|w| {
        is(w, &crate::lexicon::KIDNAP)
            || matches!(*w, "privados" | "privadas" | "privado" | "privada")
    })?;
    let q =
        (p + 1..(p + 9).min(words.len())).find(|&q| crate::dates::weekday(words[q]).is_some())?;
    let wd = crate::dates::weekday(words[q])?;
    // "el pasado miércoles 5": the day of the month the weekday names.
    if let Some(day) = words.get(q + 1).and_then(|w| w.parse::<u32>().ok()) {
        return crate::dates::day_of_month_up_to(published, day);
    }
    let strict = matches!(words[q - 1], "pasado" | "last");
    Some(crate::dates::weekday_up_to(published, wd, strict))
}

fn merge_events(
    events: &mut Vec<CodedEvent>,
    reprisals: &[(usize, usize)],
    other_fights: &[(usize, usize)],
) {
    let rank = |k: EventKind| match k {
        EventKind::LeaderKilled => 3,
        EventKind::AttackOnForces => 2,
        EventKind::ArmedClash => 1,
        _ => 0,
    };
    let mut merged: Vec<CodedEvent> = Vec::new();
    for e in events.drain(..) {
        let same_town = |m: &CodedEvent| {
            m.state == e.state
                && (m.municipality.is_none()
                    || e.municipality.is_none()
                    || m.municipality == e.municipality)
        };
        let same_place = |m: &CodedEvent| same_town(m) && m.date == e.date;
        // A leader's killing told first without its day ("The death of Nemesio Oseguera…")
        // and the firefight he died in, with its day, are one incident.
        // Told on the day it was announced and on the day it happened, a leader's death
        // is one incident too.
        let day = event_day;
        let undated_leader = |m: &CodedEvent| {
            (m.kind == EventKind::LeaderKilled || e.kind == EventKind::LeaderKilled)
                && m.state == e.state
                && m.state.is_some()
                // Told first: a killing without its day told after a dated fight is
                // another ("their founder Nazario Moreno was killed in March 2014").
                && (m.date.is_none() && e.date.is_some()
                    || m.kind == e.kind
                        && day(m)
                            .zip(day(&e))
                            .is_some_and(|(a, b)| (a - b).num_days().abs() == 1))
        };
        let fight = |m: &CodedEvent| {
            rank(m.kind) > 0
                && rank(e.kind) > 0
                && (m.date.is_some() && same_place(m) || undated_leader(m))
                && !reprisals.contains(&e.span)
        };
        // "Two more died in hospital" after a massacre is the same killing.
        let killing = |k: EventKind| matches!(k, EventKind::Homicide | EventKind::Massacre);
        let same_killing = |m: &CodedEvent| {
            killing(m.kind) && killing(e.kind) && m.date.is_some() && same_place(m)
        };
        // "Gunmen killed 20 people, among them the mayor… Mejía later said 20 people had
        // been killed": the same toll in the same state, a day apart at most, is the attack
        // told again as a killing; a fight told on the day it was announced and again on
        // the day it happened ("…the ministry said late on Tuesday. The clash took place on
        // Monday evening"), one fight.
        let toll = |m: &CodedEvent| m.measures.get("fatalities").copied();
        let same_toll = |m: &CodedEvent| {
            (killing(m.kind) && rank(e.kind) > 0
                || rank(m.kind) > 0 && (killing(e.kind) || rank(e.kind) > 0))
                && same_town(m)
                && toll(m).is_some_and(|t| t >= 3.0 && toll(&e) == Some(t))
                && day(m)
                    .zip(day(&e))
                    .is_none_or(|(a, b)| (a - b).num_days().abs() <= 1)
        };
        // "…a drone dropped explosives on the school… fueron arrojados al menos cinco
        // explosivos": the explosives a drone dropped are its attack.
        // "23:40 — … el saldo del enfrentamiento: 14 personas fallecidas … 17:05 — Primer
        // reporte oficial: 11 muertos": an earlier, smaller count of the fight's dead (a
        // massacre's; a homicide beside a fight may be a killing of its own).
        let fights_dead = |m: &CodedEvent| {
            rank(m.kind) > 0
                && killing(e.kind)
                && m.date.is_some()
                && same_place(m)
                && toll(m)
                    .zip(toll(&e))
                    .is_some_and(|(a, b)| (4.0..=a).contains(&b))
        };
        // "Two of the four U.S. citizens kidnapped in Matamoros were found dead…" then
        // "…on Friday … loaded them into the back of a pickup": a deed told first without
        // its day and then with it, with no count against it, is one.
        // Told first on the day it was announced and then a day earlier, on its own day
        // ("…the ministry said late on Tuesday … detained on Monday"), with the same counts.
        let dated_later = |m: &CodedEvent| {
            m.kind == e.kind
                && same_town(m)
                && (m.date.is_none()
                    && e.date.is_some()
                    && e.measures
                        .iter()
                        .all(|(k, v)| m.measures.get(k).is_none_or(|x| x == v))
                    || day(m)
                        .zip(day(&e))
                        .is_some_and(|(a, b)| (a - b).num_days() == 1)
                        // (the day's telling may count what the announcement did not)
                        && m.measures.iter().all(|(k, v)| e.measures.get(k) == Some(v)))
        };
        let drone_bombs = |m: &CodedEvent| {
            matches!(
                (m.kind, e.kind),
                (EventKind::DroneAttack, EventKind::ExplosiveAttack)
                    | (EventKind::ExplosiveAttack, EventKind::DroneAttack)
            ) && same_place(m)
        };
        // (Other deeds of a kind other than fights are apart when their counts differ.)
        let apart = |m: &CodedEvent| {
            other_fights.contains(&e.span)
                && (rank(e.kind) > 0
                    || e.measures
                        .iter()
                        .any(|(k, v)| m.measures.get(k).is_some_and(|x| x != v)))
        };
        if let Some(m) = merged.iter_mut().find(|m| {
            m.kind == e.kind && same_place(m) && !apart(m)
                || fight(m)
                || same_killing(m)
                || same_toll(m)
                || fights_dead(m)
                || dated_later(m)
                || drone_bombs(m)
        }) {
            if e.kind == EventKind::DroneAttack {
                m.kind = EventKind::DroneAttack;
            }
            if rank(e.kind) > rank(m.kind) || (killing(m.kind) && e.kind == EventKind::Massacre) {
                m.kind = e.kind;
            }
            // The earlier of two days told a day apart is the incident's; the later, its
            // announcement.
            if m.date.is_none() || day(&e).zip(day(m)).is_some_and(|(a, b)| a < b) {
                m.date = e.date.clone();
            }
            if m.municipality.is_none() {
                m.municipality = e.municipality;
            }
            for (k, v) in e.measures {
                m.measures.entry(k).or_insert(v);
            }
            for a in e.actors {
                if !m.actors.contains(&a) {
                    m.actors.push(a);
                }
            }
        } else {
            merged.push(e);
        }
    }
    *events = merged;
}

/// "desconocidos lanzaron granadas", "unidentified gunmen opened fire": the text says who
/// attacked is not known, so no group named elsewhere is theirs.
fn unknown_attackers(words: &[&str]) -> bool {
    (0..words.len()).any(|k| match words[k] {
        "desconocidos" | "desconocido" => {
            k == 0 || !matches!(words[k - 1], "por" | "un" | "una" | "numero" | "paradero")
        }
        "unknown" | "unidentified" => words.get(k + 1).is_some_and(|w| {
            is(
                w,
                &[
                    "gunm*",
                    "attacker*",
                    "assailant*",
                    "men",
                    "assassin*",
                    "person*",
                    "individual*",
                ],
            )
        }),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::*;

    #[test]
    fn separate_counts_for_separate_places_are_separate_killings() {
        let c = crate::code(
            "Violent Wednesday: 4 executed in Tangancícuaro and 3 in Zamora",
            crate::test_util::d("2020-11-25"),
            crate::Lang::En,
        );
        let got: Vec<(&str, Option<&str>, Option<&f64>)> = c
            .events
            .iter()
            .map(|e| {
                (
                    e.kind.as_str(),
                    e.state.as_deref(),
                    e.measures.get("fatalities"),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("massacre", Some("16"), Some(&4.0)),
                ("homicide", Some("16"), Some(&3.0))
            ]
        );
        let c = crate::code(
            "Asesinan a cinco en Celaya y a dos en León",
            crate::test_util::d("2020-11-25"),
            crate::Lang::Es,
        );
        assert_eq!(c.events.len(), 2, "{:?}", c.events);
    }

    #[test]
    fn a_risen_death_toll_updates_the_attack_it_counts() {
        let t = "Armed men burst into a bar in Celaya, Guanajuato, on Saturday night and opened fire on customers, killing 11 people, police said. Five others were wounded. On Sunday the state prosecutor said the death toll had risen to 12 after a wounded man died in hospital.";
        let c = crate::code(t, crate::test_util::d("2024-03-04"), crate::Lang::En);
        let kinds: Vec<&str> = c.events.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["massacre"], "{:?}", c.events);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&12.0));
        assert_eq!(c.events[0].measures.get("injured"), Some(&5.0));
    }

    #[test]
    fn a_reprisal_is_an_incident_of_its_own() {
        let t = "Soldiers killed the leader of the Jalisco New Generation Cartel in Tapalpa, Jalisco, on Sunday. Within hours the cartel retaliated: gunmen blocked some 250 roads, and attacks on the National Guard killed 25 of its members in Jalisco.";
        let c = crate::code(t, crate::test_util::d("2026-02-23"), crate::Lang::En);
        let kinds: Vec<&str> = c.events.iter().map(|e| e.kind.as_str()).collect();
        assert!(
            kinds.contains(&"leader_killed") && kinds.contains(&"attack_on_forces"),
            "{kinds:?}"
        );
        let attack = c
            .events
            .iter()
            .find(|e| e.kind.as_str() == "attack_on_forces")
            .unwrap();
        assert_eq!(attack.measures.get("fatalities"), Some(&25.0));
        let blockade = c
            .events
            .iter()
            .find(|e| e.kind.as_str() == "road_blockade")
            .unwrap();
        // "some 250": an approximate count is a count; "more than" is not.
        assert_eq!(blockade.measures.get("blockades"), Some(&250.0));
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
        // The attackers as the dead after the semicolon: the forces fired back, a clash;
        // attackers who killed are not the dead.
        let c = code(
            "Soldiers who went to arrest a commander in Ixtlahuacán del Río on Tuesday came under fire; one gunman was killed.",
            d("2022-08-13"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["armed_clash"]);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&1.0));
        let c = code(
            "Gunmen ambushed state police in Chilpancingo on Monday; the gunmen killed two officers.",
            d("2022-08-13"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["attack_on_forces"]);
    }

    #[test]
    fn fire_exchanged_a_gunman_killed_after_it_and_a_second_shootout() {
        let c = code(
            "SATURDAY 7:20 p.m. — State police chased a pickup in Reynosa and exchanged fire with the people inside. One gunman was killed and another was arrested.\n\nSATURDAY 10:30 p.m. — State police say three more suspects were killed in a second shootout in Reynosa.",
            d("2021-06-20"),
            Lang::En,
        );
        let fights: Vec<_> = c
            .events
            .iter()
            .filter(|e| e.kind == EventKind::ArmedClash)
            .map(|e| (e.date.as_deref(), e.measures.get("fatalities").copied()))
            .collect();
        assert_eq!(
            fights,
            [
                (Some("2021-06-19"), Some(1.0)),
                (Some("2021-06-19"), Some(3.0))
            ]
        );
        assert!(!kinds(&c).contains(&"homicide"), "{:?}", kinds(&c));
        // Forces that repel another attack and kill fight another clash.
        let c = code(
            "Ayer, un comando atacó a custodios del penal de Ciudad Juárez y mató a diez. En la avenida Panamericana, los preventivos repelieron otra agresión y abatieron a dos tripulantes de una Hummer.",
            d("2023-01-02"),
            Lang::Es,
        );
        assert_eq!(kinds(&c), ["attack_on_forces", "armed_clash"]);
        assert_eq!(c.events[1].actors, ["Municipal police"]);
        let c = code(
            "Policías estatales intercambiaron disparos con civiles armados en Reynosa el sábado.",
            d("2021-06-20"),
            Lang::Es,
        );
        assert_eq!(kinds(&c), ["armed_clash"]);
    }

    #[test]
    fn many_killed_over_a_year_and_a_states_plates_tell_no_incident_and_no_place() {
        let c = code(
            "Several local politicians were murdered in Mexico last year. Varios alcaldes fueron asesinados el año pasado en Guerrero.",
            d("2016-01-03"),
            Lang::Auto,
        );
        assert!(c.events.is_empty(), "{:?}", c.events);
        let c = code(
            "Officers recovered two guns as well as an SUV with State of Mexico licence plates.",
            d("2016-01-03"),
            Lang::En,
        );
        assert_eq!(c.events[0].state, None);
        // An official killed, told in the present perfect, is attacked.
        let c = code(
            "The mayor of Temixco has been killed.",
            d("2016-01-03"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["attack_on_forces"]);
    }

    #[test]
    fn others_dead_in_a_state_of_their_own_are_another_killing() {
        let c = code(
            "Singer found murdered after concert in Morelia\n\nOn Saturday, Zayda Peña was shot dead in a hospital of Matamoros, in the state of Tamaulipas, after an attack at a motel in which two other people died.",
            d("2007-12-03"),
            Lang::En,
        );
        let states: Vec<_> = c.events.iter().map(|e| e.state.as_deref()).collect();
        assert!(states.contains(&Some("28")), "{:?}", c.events);
    }

    #[test]
    fn a_live_blogs_earlier_count_of_a_fights_dead_is_that_fight() {
        let c = code(
            "23:40 — La Secretaría de Seguridad actualiza el saldo del enfrentamiento en Texcaltitlán: 14 personas fallecidas.\n\n17:05 — Primer reporte oficial en Texcaltitlán: 11 muertos.",
            d("2023-12-08"),
            Lang::Es,
        );
        assert_eq!(kinds(&c), ["armed_clash"]);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&14.0));
    }

    #[test]
    fn a_deed_told_first_without_its_day_and_then_with_it_is_one() {
        let c = code(
            "Four U.S. citizens were kidnapped at gunpoint in Matamoros, officials said.\n\nOn Friday, shortly after they crossed into Matamoros, gunmen kidnapped the four Americans.",
            d("2023-03-08"),
            Lang::En,
        );
        let e = one(&c, EventKind::Kidnapping);
        assert_eq!(e.date.as_deref(), Some("2023-03-03"));
        // Told on the day announced, then on its own day the day before.
        let c = code(
            "Marines arrested two men in Culiacán, the Navy said on Tuesday.\n\nMarines arrested two men in Culiacán on Monday evening.",
            d("2024-10-23"),
            Lang::En,
        );
        let e = one(&c, EventKind::Arrest);
        assert_eq!(e.date.as_deref(), Some("2024-10-21"));
    }

    #[test]
    fn the_ones_found_named_again_with_their_day_date_the_finding() {
        let c = code(
            "MATAMOROS, Mexico (AP) — Two of the four U.S. citizens kidnapped in Matamoros were found dead, Mexican officials said.\n\nThe governor said the Americans were found Tuesday morning in Ejido El Tecolote.",
            d("2023-03-08"),
            Lang::En,
        );
        let e = event(&c, EventKind::Homicide);
        assert_eq!(e.date.as_deref(), Some("2023-03-07"));
    }

    #[test]
    fn a_fight_told_on_the_day_announced_and_on_its_own_day_is_one() {
        let c = code(
            "Mexican soldiers killed 19 suspected gunmen in a clash on the outskirts of Culiacán, the Defense Ministry said late on Tuesday. The clash took place on Monday evening at a property in Plan de Oriente. Nineteen attackers were killed and the rest fled.",
            d("2024-10-23"),
            Lang::En,
        );
        let e = one(&c, EventKind::ArmedClash);
        assert_eq!(e.date.as_deref(), Some("2024-10-21"));
        assert_eq!(e.measures.get("fatalities"), Some(&19.0));
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

    /// Marines of a ministry killed in an ambush are forces attacked; what no authority
    /// told and the attacks a region "has been the scene of" are no deeds.
    #[test]
    fn an_ambush_on_marines_and_what_no_authority_told() {
        let c = code(
            "Dos elementos de la Secretaría de Marina adscritos a la Guardia Nacional murieron y otros dos resultaron heridos durante una emboscada registrada la tarde del domingo en la comunidad de La Troje, municipio de Chinicuila, informó el gobierno estatal. Pobladores afirmaron que en el enfrentamiento murió un jefe de plaza; sin embargo, ninguna autoridad ha confirmado esa versión ni ha informado de agresores muertos o detenidos. La región ha sido escenario de otras agresiones contra fuerzas de seguridad.",
            d("2020-06-09"),
            Lang::Es,
        );
        let kinds: Vec<&str> = c.events.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["attack_on_forces"], "{:?}", c.events);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&2.0));
    }

    /// A live blog's day header dates the entries under it; burned vehicles named again by
    /// their article are the blockade told.
    #[test]
    fn a_live_blogs_day_header_dates_its_entries() {
        let c = code(
            "Queman vehículos para bloquear carreteras en Michoacán\n\nLUNES 17 DE MARZO\n\n11:20 — Elementos de la Guardia Civil detuvieron en Zamora a cuatro presuntos integrantes del CJNG.\n\n08:30 — Circulación normal en la autopista; grúas retiraron los vehículos incendiados.\n\nDOMINGO 16 DE MARZO\n\n22:40 — Confirmado: tres militares muertos y dos heridos en la carretera Zamora-Carapan, municipio de Chilchota.\n\n20:10 — Hombres armados incendiaron al menos cinco vehículos para bloquear carreteras en Zamora.",
            d("2025-03-17"),
            Lang::Es,
        );
        let got: Vec<(&str, Option<&str>)> = c
            .events
            .iter()
            .map(|e| (e.kind.as_str(), e.date.as_deref()))
            .collect();
        assert!(got.contains(&("arrest", Some("2025-03-17"))), "{got:?}");
        assert!(
            got.contains(&("attack_on_forces", Some("2025-03-16"))),
            "{got:?}"
        );
        assert!(!got.iter().any(|(k, _)| *k == "arson"), "{got:?}");
    }

    /// A round-up's items: "• Temixco:" places its item; a grenade that failed to explode
    /// attacks no one; a death told after another town and day is another killing.
    #[test]
    fn a_roundups_items_are_placed_and_kept_apart() {
        let c = code(
            "• Temixco: Gunmen who arrived in several trucks opened fire at a palenque at about 1:40 a.m. on Sunday, killing one man and wounding two people. The attackers also threw a fragmentation grenade, which failed to explode.\n\n• Cuernavaca: On Saturday afternoon a 29-year-old woman who was taking her two daughters to a park was struck by a stray bullet when two men on a motorcycle fired at another woman. She died on the way to hospital.",
            d("2023-04-27"),
            Lang::Auto,
        );
        let kinds: Vec<&str> = c.events.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["homicide", "homicide"], "{:?}", c.events);
        assert_eq!(c.events[0].municipality.as_deref(), Some("17018"));
        assert_eq!(c.events[0].measures.get("injured"), Some(&2.0));
        assert_eq!(c.events[1].municipality.as_deref(), Some("17007"));
        assert_eq!(c.events[1].date.as_deref(), Some("2023-04-22"));
    }

    /// A speaker's surname is no town ("…, Méndez said" is not Méndez, Tamaulipas); rifles
    /// "seized" after people arrested are goods, no one kidnapped.
    #[test]
    fn a_speakers_surname_is_no_town_and_rifles_seized_no_kidnapping() {
        let c = code(
            "Jalisco state's chief prosecutor, Luis Joaquín Méndez, said four municipal police officers in El Salto responded late Wednesday to a call. Then gunmen inside opened fire, and some of the officers were dragged into the house and killed, Méndez said. Eight people were arrested, among them the three wounded attackers, and rifles and ammunition were seized, the prosecutor said.",
            d("2022-06-23"),
            Lang::Auto,
        );
        assert!(
            c.events.iter().all(|e| e.state.as_deref() == Some("14")),
            "{:?}",
            c.events
        );
        let kinds: Vec<&str> = c.events.iter().map(|e| e.kind.as_str()).collect();
        assert!(!kinds.contains(&"kidnapping"), "{kinds:?}");
    }

    /// A convoy ambushed: four officers "and a forensic expert" wounded are five; the
    /// attackers named again using explosives tell its means, no second attack; "the
    /// municipalities of Jalpa and Tabasco" name towns, not the state of Tabasco.
    #[test]
    fn an_ambush_told_again_by_its_means() {
        let c = code(
            "Gunmen using homemade explosive devices and high-powered rifles ambushed a convoy of the Zacatecas state attorney general's office early Wednesday, wounding four investigative police officers and a forensic expert, officials said. The convoy was taking part in a joint operation in the municipalities of Jalpa and Tabasco. Camacho said the attackers used improvised explosive devices, not military grenades, and riddled three official vehicles.",
            d("2025-10-16"),
            Lang::Auto,
        );
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
        assert_eq!(c.events[0].measures.get("injured"), Some(&5.0));
        assert_eq!(c.events[0].state.as_deref(), Some("32"));
    }

    /// Groups named in passing later in a report ("fought over by the Zetas and Sinaloa
    /// cartels for years") are no perpetrator of the attacks told before; people seized
    /// are kidnapped.
    #[test]
    fn groups_named_in_passing_are_no_perpetrators() {
        let c = code(
            "On Monday afternoon, gunmen in a vehicle fired on federal police officers guarding the newspaper in Torreón. The violence started on the night of February 7, when an armed group seized five El Siglo employees. Torreon and Gomez Palacio form the Laguna region, which has been fought over by the Zetas and Sinaloa cartels for years.",
            d("2013-02-28"),
            Lang::Auto,
        );
        let kinds: Vec<&str> = c.events.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["attack_on_forces", "kidnapping"], "{:?}", c.events);
        assert!(
            c.events
                .iter()
                .all(|e| !e.actors.iter().any(|a| a == "Los Zetas")),
            "{:?}",
            c.events
        );
        assert_eq!(c.events[1].measures.get("people"), Some(&5.0));
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
    fn a_background_event_keeps_its_own_date_and_place() {
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

    fn ev(kind: EventKind, muni: Option<&str>, m: (&str, f64), actor: &str) -> CodedEvent {
        CodedEvent {
            kind,
            date: Some("2020-01-01".into()),
            state: Some("16".into()),
            municipality: muni.map(str::to_string),
            actors: vec![actor.to_string()],
            measures: [(m.0.to_string(), m.1)].into_iter().collect(),
            span: (0, 1),
            quote: String::new(),
        }
    }

    #[test]
    fn one_incident_told_twice_merges_into_its_most_specific_kind() {
        let mut v = vec![
            ev(EventKind::ArmedClash, None, ("fatalities", 3.0), "Army"),
            ev(
                EventKind::AttackOnForces,
                Some("16053"),
                ("injured", 2.0),
                "CJNG",
            ),
            ev(EventKind::Arrest, None, ("arrested", 1.0), "Army"),
        ];
        merge_events(&mut v, &[], &[]);
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].kind, EventKind::AttackOnForces);
        assert_eq!(v[0].municipality.as_deref(), Some("16053"));
        assert_eq!(v[0].measures.len(), 2);
        assert_eq!(v[0].actors, ["Army", "CJNG"]);
        // A homicide told after a massacre of the same day and place is part of it.
        let mut v = vec![
            ev(EventKind::Homicide, None, ("fatalities", 1.0), "CJNG"),
            ev(EventKind::Massacre, None, ("fatalities", 5.0), "CJNG"),
        ];
        merge_events(&mut v, &[], &[]);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].kind, EventKind::Massacre);
        assert_eq!(v[0].measures.get("fatalities"), Some(&1.0));
        // Two municipalities are two incidents.
        let mut v = vec![
            ev(
                EventKind::Homicide,
                Some("16053"),
                ("fatalities", 1.0),
                "CJNG",
            ),
            ev(
                EventKind::Homicide,
                Some("16102"),
                ("fatalities", 1.0),
                "CJNG",
            ),
        ];
        merge_events(&mut v, &[], &[]);
        assert_eq!(v.len(), 2);
    }

    #[test]
    fn a_live_blogs_timestamped_entry_is_of_the_day_posted() {
        let text = "EN VIVO | Violencia en Michoacán\n\nJueves 9 de diciembre de 2010\n\n\
            15:30 — Se suspenden las clases. Los enfrentamientos comenzaron la tarde del miércoles en Apatzingán.\n\n\
            09:40 — Presuntos sicarios bloquean con vehículos incendiados cinco puntos de Morelia.";
        let c = crate::code(text, d("2010-12-09"), crate::Lang::Es);
        let block = c
            .events
            .iter()
            .find(|e| e.kind == EventKind::RoadBlockade && e.municipality.is_some())
            .expect("the blockade");
        assert_eq!(block.date.as_deref(), Some("2010-12-09"), "{:?}", c.events);
        assert!(live_entry(&"\n13:05 — Se".chars().collect::<Vec<_>>(), 1));
        assert!(!live_entry(
            &"Hoy a las 13:05 — Se".chars().collect::<Vec<_>>(),
            11
        ));
    }

    #[test]
    fn counts_over_a_violent_day_a_wave_or_several_places_are_tallies() {
        for text in [
            "Violent Saturday leaves 9 dead in Ciudad Juárez",
            "Violent night in Culiacán: five killed and two wounded",
            "Wave of violence leaves 12 dead in Guanajuato",
            "Violencia en Celaya deja 4 muertos",
            "Ataques armados dejan 6 muertos en Zamora",
            "11 dead since Friday in Tijuana",
            "Matan a siete en distintos puntos de Irapuato",
            "Six killed in Salamanca and Celaya",
            "At least 46 police officers have been killed in Sinaloa since the war began",
            "Según Artículo 19, en 2011 fueron asesinados nueve periodistas en el país.",
            "Bloody Monday registers 5 deaths in Fresnillo",
            "Jueves rojo en Zacatecas: 16 ejecutados",
            "A day's grisly tally: 7 executed in Tijuana, 3 beheaded",
            "En media hora ejecutan a nueve personas en Guadalajara, Jalisco",
            "At least 22 people died in Wednesday's violence in Cananea, Sonora.",
            "Asesinan a seis personas en el transcurso de 24 horas en Tijuana",
            "6 die in Zacatecas state",
        ] {
            let c = coded(text);
            assert!(
                c.events
                    .iter()
                    .all(|e| !matches!(e.kind, EventKind::Homicide | EventKind::Massacre)),
                "{text}: {:?}",
                c.events
            );
            assert_eq!(c.figures.len(), 1, "{text}");
            assert_eq!(c.figures[0].measure, "homicides", "{text}");
        }
        // A killing verb that counts its victims tells one incident, violent day or not; a
        // toll told after the shootings may be one incident's.
        for text in [
            "Jueves violento en Uruapan: ejecutan a balazos a 6 hombres",
            "3 killed, 2 wounded in bar shootings in Cancún",
        ] {
            assert!(coded(text).figures.is_empty(), "{text}");
        }
    }

    /// Headlines find in the present ("Navy finds…"); a seizure named again by its
    /// article ("The seizure is one of the largest") is the one told.
    #[test]
    fn a_seizure_found_in_the_present_and_named_again_is_one() {
        let c = code(
            "Navy finds 5 tons of cocaine aboard a vessel off Oaxaca",
            d("2008-07-18"),
            Lang::Auto,
        );
        assert_eq!(kinds(&c), ["seizure"]);
        let c = code(
            "Navy finds 5 tons of cocaine aboard vessel\n\nBy A Writer\n\nSALINA CRUZ (AP) — A vessel intercepted by the navy was carrying 5 tons of cocaine.\n\nThe seizure is one of the largest at sea in recent years.",
            d("2008-07-18"),
            Lang::Auto,
        );
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
        assert_eq!(c.events[0].measures.get("drugs_kg"), Some(&5000.0));
    }

    /// A later attack of a series ("En el tercer ataque … murió un agente", "otro
    /// ataque") is an attack of its own, its dead its own.
    #[test]
    fn a_later_attack_of_a_series_is_its_own() {
        let c = code(
            "TIJUANA, B.C.- Hombres encapuchados dispararon contra una patrulla: murieron cuatro agentes. En el tercer ataque, contra una estación de policía, murió un agente y otro resultó herido.",
            d("2009-05-01"),
            Lang::Auto,
        );
        let tolls: Vec<_> = c
            .events
            .iter()
            .map(|e| e.measures.get("fatalities").copied())
            .collect();
        assert_eq!(tolls, [Some(4.0), Some(1.0)], "{:?}", c.events);
    }

    /// "de las víctimas" in a name ("Centro de Derechos Humanos de las Víctimas de
    /// Violencia") tells nothing of the dead; "10 de los muertos" does.
    #[test]
    fn a_name_with_the_victims_in_it_is_no_description_of_the_dead() {
        let c = code(
            "Atacan con drones a la comunidad el jueves. Personal del Centro de Derechos Humanos de las Víctimas de Violencia Minerva Bello localizó ayer diez cuerpos calcinados en la batea de una camioneta.",
            d("2024-01-07"),
            Lang::Auto,
        );
        assert!(
            c.events
                .iter()
                .any(|e| e.measures.get("fatalities") == Some(&10.0)),
            "{:?}",
            c.events
        );
    }

    /// The deed named again with its day past a source ("According to witnesses, the
    /// attack occurred last Saturday"), in a clause that names its state among others,
    /// takes that day.
    #[test]
    fn a_deed_named_again_past_its_source_takes_its_day() {
        let c = code(
            "Culiacan (Mexico), Jun 17 (EFE).- An armed group killed at least three people in La Tuna, Badiraguato, Sinaloa.\n\nAccording to witnesses, the attack occurred last Saturday in La Tuna, in an area between the states of Sinaloa, Durango and Chihuahua.",
            d("2016-06-17"),
            Lang::Auto,
        );
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
        assert_eq!(c.events[0].date.as_deref(), Some("2016-06-11"));
    }

    /// "The witnesses spoke of at least eight dead": a toll someone gives of the attack
    /// told, no killing of its own.
    #[test]
    fn a_toll_spoken_of_is_no_killing_of_its_own() {
        let c = code(
            "Gunmen killed three people in La Tuna, Badiraguato, Sinaloa on Saturday. The witnesses spoke of at least eight dead by gunshots, although only three bodies have been located.",
            d("2016-06-17"),
            Lang::Auto,
        );
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
    }

    /// An arrest announced, then told on its own day with its count, is one arrest.
    #[test]
    fn an_arrest_announced_then_told_with_its_day_and_count_is_one() {
        let c = code(
            "Mexican soldiers have arrested the wife of a cartel boss, the defense ministry said. She was detained on Monday in Zapopan by soldiers.",
            d("2021-11-16"),
            Lang::Auto,
        );
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
    }

    /// Graves told found with no day, then "The excavations began on November 9": the
    /// find's day.
    #[test]
    fn graves_take_the_day_their_excavation_began() {
        let c = code(
            "Federal authorities have ended their search for clandestine graves in La Barca, Jalisco, after exhuming 64 bodies from 35 pits. The excavations began on November 9 and were concluded on Saturday.",
            d("2013-12-02"),
            Lang::Auto,
        );
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
        assert_eq!(c.events[0].date.as_deref(), Some("2013-11-09"));
    }

    /// A deed social media report, then told unconfirmed, is none; one officials confirm
    /// stays.
    #[test]
    fn a_social_media_report_left_unconfirmed_is_no_deed() {
        let c = code(
            "Social media accounts in Reynosa report that a man waiting at a bus stop was killed by a stray bullet. Officials have not confirmed the report.",
            d("2015-04-18"),
            Lang::Auto,
        );
        assert!(c.events.is_empty(), "{:?}", c.events);
        let c = code(
            "Social media accounts in Reynosa report that a man waiting at a bus stop was killed by a stray bullet. Police later confirmed the death.",
            d("2015-04-18"),
            Lang::Auto,
        );
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
    }

    #[test]
    fn a_headline_repeats_its_body() {
        let text = "Mexico: 12 dead in attack on bar in Celaya\n\nCELAYA, Gto. (Reuters) - Gunmen killed 12 people at a bar in Celaya, Guanajuato, on Saturday night, officials said.";
        let c = code(text, d("2024-03-10"), Lang::En);
        assert_eq!(kinds(&c), ["massacre"], "{:?}", c.events);
        assert!(c.events[0].quote.starts_with("CELAYA"));
        // A head's counted killing over the body's uncounted one keeps its count.
        let text = "Secuestran y asesinan a dos sacerdotes de Poza Rica\n\nXALAPA, Ver.- Los sacerdotes Alejo Jiménez y José Juárez fueron hallados sin vida ayer en Papantla, horas después de haber sido secuestrados en Poza Rica.";
        let c = code(text, d("2016-09-20"), Lang::Es);
        let killing = one(&c, EventKind::Homicide);
        assert_eq!(
            killing.measures.get("fatalities"),
            Some(&2.0),
            "{:?}",
            c.events
        );
        // A headline's deed the body does not code again takes the lead's day.
        let text = "Mexico nabs Zetas founder; soldiers seize huge arsenal in border city\n\nMEXICO CITY (AP) — Federal police captured one of the founders of the Zetas in Reynosa on Friday, officials said.";
        let c = code(text, d("2008-11-08"), Lang::En);
        let seizure = one(&c, EventKind::Seizure);
        assert_eq!(
            seizure.date.as_deref(),
            Some("2008-11-07"),
            "{:?}",
            c.events
        );
    }

    #[test]
    fn a_day_told_with_the_saying_is_not_the_events() {
        // 2023-01-06 was a Friday.
        let c = code(
            "Gunmen killed four police officers in Zamora, Michoacán, on Thursday. The governor said Friday that the attackers were identified.",
            d("2023-01-06"),
            Lang::En,
        );
        assert_eq!(c.events[0].date.as_deref(), Some("2023-01-05"));
        let c = code(
            "Soldiers seized 300 kilos of fentanyl in Culiacán, the army said on Tuesday.",
            d("2024-12-04"),
            Lang::En,
        );
        assert_eq!(c.events[0].date.as_deref(), Some("2024-12-03"));
    }

    #[test]
    fn a_toll_told_of_the_fight_before_completes_it() {
        let c = code(
            "Gunmen ambushed soldiers in Aguililla, Michoacán, on Monday. Officials later said 6 soldiers and 4 gunmen were killed in the clashes.",
            d("2023-05-10"),
            Lang::En,
        );
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&10.0));
        // After a massacre, a shootout is a new incident.
        let c = code(
            "Police found 20 bodies at a ranch in Tamaulipas. When marines reached the ranch, three gunmen died in the shootout.",
            d("2010-08-26"),
            Lang::En,
        );
        assert_eq!(c.events.len(), 2, "{:?}", c.events);
    }

    #[test]
    fn a_destination_is_not_where_it_happened() {
        let c = code(
            "Soldiers captured a cartel leader in Culiacán, Sinaloa, who was flown to Mexico City.",
            d("2023-01-06"),
            Lang::En,
        );
        assert!(
            c.events.iter().all(|e| e.state.as_deref() == Some("25")),
            "{:?}",
            c.events
        );
    }

    #[test]
    fn who_the_dead_were_is_no_new_killing() {
        let c = code(
            "Gunmen killed nine people at a party in Salamanca, Guanajuato, on Sunday. Among the dead were two teenagers. Tres de los fallecidos eran hermanos.",
            d("2023-12-18"),
            Lang::Auto,
        );
        assert_eq!(kinds(&c), ["massacre"], "{:?}", c.events);
    }

    /// An attack on the forces' stations in several towns, told after an arrest, is one
    /// attack, not a clash of the operation nor a tally.
    #[test]
    fn a_wave_of_attacks_on_stations_is_one_attack() {
        let c = code(
            "La Familia launched attacks on federal forces on Saturday, hours after police arrested Arnoldo Rueda in Morelia. Gunmen attacked federal police stations and patrols in at least eight Michoacan towns, including Morelia, Apatzingan, Zitacuaro and Lazaro Cardenas, killing three federal officers and two soldiers and wounding 18 officers.",
            d("2009-07-14"),
            Lang::En,
        );
        let e = c
            .events
            .iter()
            .find(|e| e.kind == EventKind::AttackOnForces)
            .expect("an attack on forces");
        assert_eq!(e.measures.get("fatalities"), Some(&5.0), "{:?}", c.events);
        assert!(c.figures.is_empty(), "{:?}", c.figures);
    }

    /// A deed told abroad has no Mexican state, whatever the dateline.
    #[test]
    fn a_deed_abroad_has_no_mexican_state() {
        let c = code(
            "TEPIC, Nay.— El exfiscal Édgar Veytia fue detenido en 2017 en Estados Unidos.",
            d("2023-07-10"),
            Lang::Es,
        );
        assert_eq!(kinds(&c), ["arrest"]);
        assert_eq!(c.events[0].state, None);
        // A state named only as an office's is not where a deed abroad happened.
        for text in [
            "Humberto Moreira, a former governor of Coahuila, was arrested in Madrid in January 2016.",
            "Yarrington, who governed Tamaulipas from 1999 to 2004, was detained in Florence in April 2017.",
        ] {
            let c = coded(text);
            assert_eq!(kinds(&c), ["arrest"], "{text}");
            assert_eq!(c.events[0].state, None, "{text}");
        }
        // The governor's state is the place of a deed at home.
        let c = coded("The former governor of Coahuila was arrested in Saltillo in 2016.");
        assert_eq!(c.events[0].state.as_deref(), Some("05"));
    }

    #[test]
    fn an_arrest_named_again_is_the_capture_told() {
        let c = code(
            "Mexican soldiers captured Fernando Sanchez Arellano, the leader of the Tijuana cartel, on Monday in Tijuana. At the moment of the arrest some cash was found on him, Rubido added. The detainee was transferred early this Tuesday to Mexico City.",
            d("2014-06-24"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["leader_captured"], "{:?}", c.events);
        // Others detained, counted, are an arrest of their own.
        let c = code(
            "Mexican soldiers captured Fernando Sanchez Arellano, the leader of the Tijuana cartel, on Monday in Tijuana. His three bodyguards were also detained.",
            d("2014-06-24"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["leader_captured", "arrest"], "{:?}", c.events);
    }

    #[test]
    fn a_kidnapping_named_again_is_the_one_told() {
        let c = code(
            "Gunmen kidnapped 12 young people from a bar in Mexico City on Sunday. Prosecutors said the abduction grew out of a feud between two groups selling drugs.",
            d("2013-05-28"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["kidnapping"], "{:?}", c.events);
    }

    #[test]
    fn a_leaders_killing_told_first_without_its_day_is_the_firefight_he_died_in() {
        let c = code(
            "Mexican forces killed Nemesio Oseguera Cervantes, leader of the Jalisco cartel, officials said. Oseguera was wounded on Sunday in a firefight with army special forces in Tapalpa, Jalisco, and died of his wounds.",
            d("2026-02-23"),
            Lang::En,
        );
        let fights: Vec<&str> = kinds(&c)
            .into_iter()
            .filter(|k| matches!(*k, "leader_killed" | "armed_clash"))
            .collect();
        assert_eq!(fights, ["leader_killed"], "{:?}", c.events);
    }

    #[test]
    fn a_flashback_keeps_its_day_to_itself() {
        // 2022-01-25 was a Tuesday.
        let c = code(
            "Gunmen killed a reporter in Tijuana on Monday. Six days earlier, on 18 January, a photographer was shot dead in the city. Police arrested two men in Tijuana, Baja California.",
            d("2022-01-25"),
            Lang::En,
        );
        assert_eq!(
            event(&c, EventKind::Arrest).date.as_deref(),
            Some("2022-01-24")
        );
    }

    #[test]
    fn a_shootout_during_an_operation_or_answered_is_a_clash() {
        let c = code(
            "Soldiers raided a house in Culiacán, Sinaloa, on Thursday. Gunmen opened fire on the troops and the fighting lasted for hours.",
            d("2023-01-06"),
            Lang::En,
        );
        assert!(kinds(&c).contains(&"armed_clash"), "{:?}", kinds(&c));
        assert!(!kinds(&c).contains(&"attack_on_forces"), "{:?}", kinds(&c));
        // An ambush stays an attack on the forces.
        let c = code(
            "Gunmen ambushed a police patrol in Coahuayana, Michoacán, on Monday, killing four officers.",
            d("2023-01-10"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["attack_on_forces"]);
    }

    #[test]
    fn a_later_death_completes_the_incident_told() {
        // One of the attackers killed is one more dead; a death in hospital of no one
        // counted wounded is the death already told.
        let c = code(
            "Gunmen killed two police officers in Uruapan, Michoacán, on Saturday. One of the attackers was shot dead at the scene. Another officer died in hospital.",
            d("2025-11-02"),
            Lang::En,
        );
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&3.0));
    }

    /// Killings counted over a span of time are a tally, and a tally's count does not
    /// complete the incident told before it.
    #[test]
    fn a_tally_over_a_span_is_a_figure_and_completes_nothing() {
        let c = code(
            "Five people are murdered in a span of 12 hours in Tijuana",
            d("2023-02-03"),
            Lang::Auto,
        );
        assert!(c.events.is_empty(), "{:?}", c.events);
        assert_eq!(c.figures[0].value, 5.0);
        let c = code(
            "Photos of alleged Zetas dismembered along a chapel; 20 die in drug-related violence in Mexico",
            d("2010-05-11"),
            Lang::Auto,
        );
        assert!(
            c.events
                .iter()
                .all(|e| e.measures.get("fatalities") != Some(&20.0)),
            "{:?}",
            c.events
        );
        assert_eq!(c.figures.len(), 1, "{:?}", c.figures);
    }

    /// The dead of several attacks counted together, of several states, or of a day called
    /// violent with a name between are a tally; a violent trend told beside a day, or an
    /// attack in several towns, is not.
    #[test]
    fn dead_of_several_attacks_places_or_a_named_day_are_a_tally() {
        for (text, day) in [
            (
                "Two armed attacks in Salamanca Guanajuato 7 killed",
                "2020-07-09",
            ),
            (
                "13 killed in gang battles in two Mexican states",
                "2017-09-13",
            ),
            (
                "Violent Valentine's Sunday in Fresnillo: four killed",
                "2021-02-15",
            ),
            (
                "Asesinan a 9 personas en varios municipios de Guanajuato",
                "2021-02-15",
            ),
            ("6 die in southern Chihuahua", "2013-05-29"),
            (
                "En las últimas dos semanas han muerto 88 personas en Acapulco",
                "2010-11-06",
            ),
            (
                "They killed 13 people during Friday and Saturday",
                "2021-12-12",
            ),
        ] {
            let c = code(text, d(day), Lang::Auto);
            assert!(c.events.is_empty(), "{text}: {:?}", c.events);
            assert_eq!(c.figures.len(), 1, "{text}: {:?}", c.figures);
        }
        for text in [
            "Four soldiers and six suspected fuel thieves were killed in a farming village in Puebla, where gangs have grown increasingly violent, authorities said Thursday.",
            "Gunmen attacked federal police stations in at least eight Michoacan towns, killing three federal officers and two soldiers.",
            "Drug traffickers shoot down plane in northern Mexico, kill 6 people",
        ] {
            let c = code(text, d("2017-05-05"), Lang::Auto);
            assert_eq!(c.events.len(), 1, "{text}: {:?}", c.events);
            assert!(c.figures.is_empty(), "{text}: {:?}", c.figures);
        }
    }

    /// Cuernavaca's gun battles: the attack on a patrol named "that first confrontation"
    /// was a clash; five killed "there" are the second clash's dead; a place named as "one
    /// of the city's old villages" is the city's; "In all, seven" sums the dead told.
    #[test]
    fn a_city_gun_battles_told_in_parts() {
        let c = code(
            "Municipal police chased the attackers, and the patrol cars came under fire in the Carolina neighborhood of Cuernavaca on Monday. Two officers were killed and two were wounded in that first confrontation. Minutes later, a second clash broke out on Emiliano Zapata Avenue in Tlaltenango, one of the city's old villages. Police said five men in a Nissan Rogue SUV were killed there; they wore bulletproof vests. In all, seven people were killed and four wounded.",
            d("2023-11-20"),
            Lang::Auto,
        );
        let kinds: Vec<&str> = c.events.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["armed_clash", "armed_clash"], "{:?}", c.events);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&2.0));
        assert_eq!(c.events[1].measures.get("fatalities"), Some(&5.0));
        assert_eq!(c.events[1].state.as_deref(), Some("17"));
        assert!(c.figures.is_empty(), "{:?}", c.figures);
    }

    /// Gunmen answering a capture by firing on troops elsewhere attack them: a reprisal,
    /// not a clash of the operation.
    #[test]
    fn a_reprisal_after_a_capture_is_an_attack() {
        let c = code(
            "Sinaloa has been tense since Jan. 5, when soldiers captured Ovidio Guzman, one of El Chapo's sons and a leader of Los Chapitos, in Jesus Maria. Sinaloa Cartel gunmen answered by blocking roads with burning buses and trucks across the state capital and firing on troops at the city's airport.",
            d("2023-03-23"),
            Lang::Auto,
        );
        let kinds: Vec<&str> = c.events.iter().map(|e| e.kind.as_str()).collect();
        assert!(kinds.contains(&"attack_on_forces"), "{kinds:?}");
        assert!(kinds.contains(&"road_blockade"), "{kinds:?}");
    }

    /// A gunman who kills others in another place and day is no attacker of the fight
    /// just told falling; an office fired on is attacked.
    #[test]
    fn a_gunman_killing_elsewhere_tells_another_killing() {
        let c = code(
            "Gunmen attacked the prosecutor's office in Cancún on Tuesday, killing two officers. A gunman opened fire inside the Blue Parrot nightclub in Playa del Carmen early Monday, killing five people and wounding 15.",
            d("2017-01-17"),
            Lang::Auto,
        );
        let kinds: Vec<&str> = c.events.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["attack_on_forces", "massacre"], "{:?}", c.events);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&2.0));
        let c = code(
            "A group of armed men opened fire on the prosecutor's office complex in downtown Cancún.",
            d("2017-01-17"),
            Lang::Auto,
        );
        let kinds: Vec<&str> = c.events.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["attack_on_forces"], "{:?}", c.events);
    }

    /// The attackers killed in the fight just told add to its dead; killed by the forces
    /// answering, the attack was a clash.
    #[test]
    fn attackers_killed_add_to_the_fight_just_told() {
        let c = code(
            "Soldados fueron agredidos a balazos en Fresnillo, Zacatecas, la madrugada del viernes; al repeler la agresión, abatieron a tres de ellos y aseguraron cinco armas largas.",
            d("2023-07-22"),
            Lang::Auto,
        );
        let kinds: Vec<&str> = c.events.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["armed_clash", "seizure"], "{:?}", c.events);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&3.0));
        let c = code(
            "Fourteen gunmen and one soldier were killed Tuesday in a shootout in Guerrero. The gunmen opened fire on the troops, who fired back, he said.",
            d("2019-10-16"),
            Lang::Auto,
        );
        let kinds: Vec<&str> = c.events.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["armed_clash"], "{:?}", c.events);
        let c = code(
            "Gunmen attacked a National Guard post in Tlaquepaque, Jalisco, on Sunday. Two of the attackers were killed.",
            d("2026-02-23"),
            Lang::Auto,
        );
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&2.0));
        let c = code(
            "Policías estatales se enfrentaron con un grupo armado en Papantla, Veracruz, el viernes. En el intercambio de disparos murieron tres presuntos delincuentes.",
            d("2020-02-22"),
            Lang::Auto,
        );
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&3.0));
    }

    /// An arrest named again by its noun is the arrest already told; a noun with a count
    /// tells one.
    #[test]
    fn an_arrest_named_again_is_no_new_arrest() {
        let c = code(
            "Soldiers captured Ovidio Guzmán in Culiacán, Sinaloa, on Thursday. His arrest blew up an arrangement between the factions.",
            d("2023-01-06"),
            Lang::Auto,
        );
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
        let c = code(
            "Marines arrested 31 people in Tepito, Mexico City, on Tuesday. Within two days, most of those arrested were free.",
            d("2019-10-25"),
            Lang::Auto,
        );
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
        let c = code(
            "Soldados detuvieron a dos hombres en Culiacán, Sinaloa, el jueves. La FGE informó de la detención de tres personas en Navolato.",
            d("2023-01-06"),
            Lang::Auto,
        );
        assert_eq!(c.events.len(), 2, "{:?}", c.events);
    }

    /// A toll of thousands is a war's, a figure; so is a day's toll the government gives.
    #[test]
    fn a_war_toll_and_a_days_toll_are_figures() {
        for text in [
            "The fight over Ciudad Juárez that followed left at least 8,000 people dead, according to government estimates.",
            "El gobierno federal reconoció oficialmente 10 muertos durante la jornada en Matamoros, Tamaulipas.",
        ] {
            let c = code(text, d("2014-10-10"), Lang::Auto);
            assert!(c.events.is_empty(), "{:?}", c.events);
            assert_eq!(c.figures.len(), 1, "{:?}", c.figures);
        }
    }

    /// A toll that rose with no incident told before tells the incident; a toll told after
    /// one adds none, and an incident told in its place replaces the toll's.
    #[test]
    fn a_risen_toll_tells_its_incident_once() {
        let c = code(
            "Ayer subió a 20 la cifra de víctimas del ataque armado contra un bar en Monterrey. Esa noche el saldo era de 19 muertos.",
            d("2011-07-10"),
            Lang::Auto,
        );
        assert_eq!(c.events.len(), 1, "{:?}", c.events);
        assert_eq!(c.events[0].kind, EventKind::Massacre);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&20.0));
        let c = code(
            "The death toll from a weekend assault on Villa Unión, Coahuila, rose to 23 on Monday. Gunmen attacked the town hall on Saturday and killed four police officers.",
            d("2019-12-02"),
            Lang::Auto,
        );
        let kinds: Vec<&str> = c.events.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["attack_on_forces"], "{:?}", c.events);
    }

    /// An extradition told with no place left from the airport the text names.
    #[test]
    fn an_extradition_leaves_from_the_airport_named() {
        let c = code(
            "Mexico on Wednesday extradited Edgar Valdez Villarreal to the United States. The 13 were flown out of Mexico City's international airport on a U.S. government plane.",
            d("2015-10-01"),
            Lang::Auto,
        );
        let e = c
            .events
            .iter()
            .find(|e| e.kind == EventKind::Extradition)
            .unwrap();
        assert_eq!(e.state.as_deref(), Some("09"), "{:?}", c.events);
        // Prisoners sent with a U.S. agent's killer among them are sent; the airport is not
        // the place of an extradition years before.
        let c = code(
            "El Gobierno de México trasladó este jueves a Estados Unidos a 29 presos, entre ellos Rafael Caro Quintero, acusado del asesinato del agente de la DEA Enrique Camarena en 1985.\n\nLos reos fueron llevados al Aeropuerto Internacional Felipe Ángeles, en Zumpango, Estado de México, desde donde partieron.\n\nEs el mayor envío desde el 19 de enero de 2007, cuando México extraditó a 15 personas.",
            d("2025-02-28"),
            Lang::Auto,
        );
        let states: Vec<_> = c
            .events
            .iter()
            .map(|e| (e.date.as_deref(), e.state.as_deref()))
            .collect();
        assert_eq!(
            states,
            [(Some("2025-02-27"), Some("15")), (Some("2007-01-19"), None)]
        );
        // A state named as an office's is no place the plane left from.
        let c = coded("Mario Villanueva, a former governor of Quintana Roo, was extradited to the United States in May 2010.");
        assert_eq!(kinds(&c), ["extradition"]);
        assert_eq!(c.events[0].state, None);
    }

    /// A deck above the byline is head: the body's blockades retell it. A leader who died
    /// of the wounds of a firefight is the leader killed the lead told, on the firefight's
    /// day.
    #[test]
    fn a_deck_is_head_and_a_leader_dies_once() {
        let text = "Mexican Forces Kill 'El Mencho,' Leader of the Jalisco Cartel\n\nThe death of Nemesio Oseguera Cervantes set off a wave of blockades and arson across western Mexico.\n\nBy Natalia Reyes and James Whitcomb\nReporting from Mexico City\n\nMexican security forces killed Nemesio Oseguera Cervantes, known as \"El Mencho,\" the founder and leader of the Jalisco New Generation Cartel, in Tapalpa, Jalisco, the government said on Monday.\n\nMr. Oseguera was wounded on Sunday in a firefight with army special forces, and died of his injuries.\n\nOn Sunday afternoon, cartel gunmen hijacked buses and set them on fire on highways in Jalisco.";
        let c = code(text, d("2026-02-23"), Lang::Auto);
        let kinds: Vec<&str> = c.events.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["leader_killed", "road_blockade"], "{:?}", c.events);
        assert_eq!(c.events[0].date.as_deref(), Some("2026-02-22"));
        assert_eq!(c.events[1].date.as_deref(), Some("2026-02-22"));
    }

    /// The dead of a clause that kills belong to the killing, not to the fire set with it.
    #[test]
    fn a_fire_set_with_a_killing_has_no_dead() {
        let c = code(
            "Gunmen set fire to a bar in Coatzacoalcos, Veracruz, and killed 11 people.",
            d("2019-08-28"),
            Lang::Auto,
        );
        let arson = c
            .events
            .iter()
            .find(|e| e.kind == EventKind::Arson)
            .unwrap();
        assert!(arson.measures.is_empty(), "{:?}", c.events);
    }

    #[test]
    fn a_toll_told_again_and_a_killing_named_again_are_the_attack_told() {
        let c = coded("Gunmen killed 20 people, among them the mayor, in an assault on the town hall of San Miguel Totolapan, Guerrero, on Wednesday. A gang from neighboring Michoacán state was fighting for the area. The deputy minister later said 20 people had been killed. The mayor's party called the killing cowardly.");
        assert_eq!(kinds(&c), ["attack_on_forces"]);
        assert_eq!(c.events[0].state.as_deref(), Some("12"));
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&20.0));
        // The same toll in another town is another killing.
        let c = coded("Dos policías municipales fueron asesinados ayer en Mixquiahuala, Hidalgo. La noche del viernes, dos hombres fueron asesinados a tiros en el municipio de Tula de Allende.");
        assert_eq!(kinds(&c), ["attack_on_forces", "homicide"]);
    }

    #[test]
    fn talk_of_killing_after_an_incident_is_no_killing() {
        let c = coded("Police found 19 bodies in Uruapan, Michoacán, on Thursday. \"This kind of violence, where you don't just kill but you brag about killing, is meant to intimidate rivals,\" an analyst said. Hanging bodies from bridges is a message aimed at rivals.");
        assert_eq!(kinds(&c), ["massacre"]);
    }

    #[test]
    fn the_one_arrested_named_again_is_no_new_arrest() {
        let c = coded("Soldados capturaron a Mario Ramírez, líder del Cártel del Golfo, en Reynosa, Tamaulipas. El detenido fue trasladado a la Ciudad de México. La carretera donde fue detenido es territorio del Cártel del Golfo.");
        assert_eq!(kinds(&c), ["leader_captured"]);
    }

    #[test]
    fn a_killings_kind_follows_its_count() {
        let mut events = vec![
            ev(EventKind::Massacre, None, ("fatalities", 1.0), "Civilians"),
            ev(EventKind::Homicide, None, ("fatalities", 6.0), "Civilians"),
        ];
        killings_by_count(&mut events);
        let got: Vec<EventKind> = events.iter().map(|e| e.kind).collect();
        assert_eq!(got, [EventKind::Homicide, EventKind::Massacre]);
        // An oath of office is no protest.
        let c = coded("La presidenta municipal de Temixco fue asesinada en su domicilio, un día después de haber rendido protesta.");
        assert!(!kinds(&c).contains(&"protest"));
    }

    #[test]
    fn a_person_of_the_scene_who_died_is_one_more_dead_of_the_attack() {
        let c = coded("Hombres armados atacaron el hospital de Tampico, Tamaulipas, y mataron a un paciente. El guardia, de 51 años, murió al intentar cerrarles el paso, y una enfermera resultó herida en un brazo.");
        assert_eq!(kinds(&c), ["homicide"]);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&2.0));
        assert_eq!(c.events[0].measures.get("injured"), Some(&1.0));
    }

    #[test]
    fn forces_fired_on_after_a_crash_and_a_death_in_the_exchange_of_fire_are_a_clash() {
        let c = coded("Marines were fired on early this morning in Reynosa, Tamaulipas, after a car carrying Julián Manuel Loisa Salinas crashed into a tree while trying to flee. Loisa Salinas was killed in the exchange of fire, he says.");
        assert_eq!(kinds(&c), ["armed_clash"]);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&1.0));
        // A crash that kills is still an accident.
        let c = coded("A federal police officer was killed on Thursday when their patrol truck overturned on the highway in Chihuahua.");
        assert!(c.events.is_empty(), "{:?}", kinds(&c));
    }

    #[test]
    fn a_deed_in_a_relative_clause_keeps_its_day_and_an_officials_body_found_was_attacked() {
        let c = code(
            "Monterrey (Mexico), Aug 18 (EFE).- The body of the mayor of Santiago, Nuevo Leon, Edelmiro Cavazos, who was kidnapped on Sunday by armed men, was found on Wednesday, official sources reported. The body of the official was found by a group of motorcyclists.",
            d("2010-08-18"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["attack_on_forces", "kidnapping"]);
        assert_eq!(c.events[0].date.as_deref(), Some("2010-08-18"));
        assert_eq!(c.events[0].actors[0], "Officials");
        assert_eq!(c.events[1].date.as_deref(), Some("2010-08-15"));
    }

    #[test]
    fn a_killing_told_in_the_perfect_takes_the_day_told_next() {
        let c = code(
            "Priest shot dead in Chiapas\n\nBy Lucía Ortega\nTue 22 Oct 2024\n\nA Catholic priest who had denounced the cartels has been shot dead as he left mass in San Cristóbal de las Casas, Chiapas.\n\nMarcelo Pérez had just celebrated Sunday morning mass when two men on a motorbike fired at least eight shots. He died at the scene.",
            d("2024-10-22"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["homicide"]);
        assert_eq!(c.events[0].date.as_deref(), Some("2024-10-20"));
        // The deed's own verb in the active perfect, and the day told next.
        let c = code(
            "Zetas founder captured\n\nTuesday, 05 July 2011\n\nMexican federal police have captured Jesus Enrique Rejon Aguilar, a founding member of the Zetas.\n\nRejon was detained without a shot being fired on Sunday, July 3, in Atizapan de Zaragoza.",
            d("2011-07-05"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["leader_captured"]);
        assert_eq!(c.events[0].date.as_deref(), Some("2011-07-03"));
    }

    #[test]
    fn two_deeds_joined_with_subjects_of_their_own_keep_their_places_and_heads() {
        let c = coded("Within two years the Templars had collapsed: their founder Nazario Moreno was killed in March 2014, and their leader Servando Gómez Martínez was captured by federal police in Morelia in February 2015.");
        assert_eq!(kinds(&c), ["leader_killed", "leader_captured"]);
        assert_eq!(c.events[1].municipality.as_deref(), Some("16053"));
        // A leader's killing without its day told after a dated attack is another.
        let c = coded("Hipólito Mora has been killed along with three of his police escorts in La Ruana, Michoacán, on Thursday. Their founder Nazario Moreno was killed by the Knights Templar's rivals in March 2014.");
        assert_eq!(kinds(&c)[0], "attack_on_forces");
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&4.0));
    }

    #[test]
    fn bodies_left_after_a_fight_and_the_wounded_who_died_are_its_toll() {
        let c = coded("Rival drug gangs fought running gunbattles through the streets of Tijuana before dawn Saturday, leaving 13 people dead and nine wounded. Bodies were left scattered along the boulevard near assembly plants. One more body was found in the back of a pickup, and several of the wounded died at hospitals.");
        assert_eq!(kinds(&c), ["armed_clash"]);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&13.0));
        assert_eq!(c.events[0].measures.get("injured"), Some(&9.0));
    }

    #[test]
    fn a_town_with_an_article_named_only_elsewhere_is_a_locality_under_the_dateline() {
        let c = code(
            "Asesinan a madre buscadora\n\nN+ | Culiacán, Sin. | 31 de agosto de 2022\n\nA su hijo Fernando lo subieron a un auto el 16 de octubre de 2019, también en La Cruz. Desde entonces no se sabe nada de él.",
            d("2022-08-31"),
            Lang::Es,
        );
        assert!(!c.events.is_empty());
        assert!(
            c.events.iter().all(|e| e.state.as_deref() == Some("25")),
            "{:?}",
            c.events
        );
    }

    #[test]
    fn a_presentation_to_the_press_keeps_its_day_and_place_and_one_caught_with_a_leader_is_arrested(
    ) {
        let c = code(
            "México, DF. Elementos de la Policía Federal capturaron el viernes en la ciudad de Chihuahua a José Antonio Acosta Hernández, El Diego, jefe de La Línea.\n\nAl presentarlo ayer ante los medios en el Centro de Mando de la PF en Iztapalapa, Ramón Eduardo Pequeño informó que El Diego admitió haber ordenado \"el homicidio de aproximadamente mil 500 personas\", entre ellas policías.\n\nJunto con él fue detenido Jesús Antonio Mancinas Sandoval, de 33 años.",
            d("2011-08-01"),
            Lang::Es,
        );
        assert_eq!(kinds(&c), ["leader_captured", "arrest"]);
        assert_eq!(c.events[1].date.as_deref(), Some("2011-07-29"));
        assert_eq!(c.events[1].state.as_deref(), Some("08"));
    }

    #[test]
    fn a_count_that_dies_after_a_comma_is_another_incident_and_a_former_officer_no_force() {
        let c = coded("At least 11 people were killed in Ciudad Juarez over the weekend, and nine died in a shootout between gangs early on Sunday in the Pacific resort of Acapulco.");
        assert_eq!(kinds(&c), ["armed_clash"]);
        assert_eq!(c.events[0].state.as_deref(), Some("12"));
        assert_eq!(c.figures.len(), 1);
        let c = coded("Salcido, a former state police investigator, was killed in Ciudad Juarez and his children, aged 4 and 7, were wounded.");
        assert_eq!(kinds(&c), ["homicide"]);
        assert_eq!(c.events[0].measures.get("injured"), None);
    }

    #[test]
    fn the_confrontation_named_after_a_protest_or_a_killing_is_no_new_clash() {
        let c = coded("Soldiers killed five men in Nuevo Laredo, Tamaulipas. No one was reported hurt in the confrontation.");
        assert_eq!(kinds(&c), ["massacre"]);
        let c = coded("Relatives gathered at the scene in Nuevo Laredo, Tamaulipas, to protest. No one was reported hurt in the confrontation.");
        assert_eq!(kinds(&c), ["protest"]);
    }

    #[test]
    fn the_dead_of_armed_attacks_are_a_tally() {
        for text in [
            "Five men executed in armed attacks in Empalme, Sonora",
            "Two women lost their lives in armed attacks in Salvatierra",
        ] {
            let c = coded(text);
            assert!(c.events.is_empty(), "{text}: {:?}", kinds(&c));
        }
        // Shootings may be one incident's.
        assert_eq!(
            kinds(&coded(
                "2 killed, 1 wounded in beach shootings in Tulum, Mexico"
            )),
            ["homicide"]
        );
    }

    #[test]
    fn a_streak_a_week_or_violent_events_count_several_incidents() {
        for text in [
            "Racha violenta: se registran 5 asesinados, 2 heridos de bala y una narco manta en Tijuana",
            "Narcoguerra en Colima ha dejado 16 personas asesinadas en una semana",
            "Violent events leave 3 men murdered and 3 others injured in Celaya",
            "In a few hours, four die violently in Celaya",
        ] {
            let c = coded(text);
            assert!(c.events.is_empty(), "{text}: {:?}", kinds(&c));
            assert_eq!(c.figures.len(), 1, "{text}");
        }
    }

    #[test]
    fn the_remains_named_again_and_a_deed_nobody_did_are_no_new_killing() {
        let c = coded("Colectivos hallaron 33 cuerpos en una fosa en Arbolillo, Veracruz. La Fiscalía envió peritos un día después del hallazgo y prometió que los restos serán sometidos a pruebas.");
        assert_eq!(kinds(&c), ["massacre"]);
        assert!(
            coded("Nobody has asked his family for a ransom in Monterrey.")
                .events
                .is_empty()
        );
    }

    #[test]
    fn remains_found_are_a_killing_however_many() {
        let c = coded("Seven young people disappeared in Zapopan, Jalisco. On Tuesday, investigators found a black plastic bag with human remains at the bottom of a ravine in Zapopan.");
        assert_eq!(kinds(&c), ["disappearance", "homicide"]);
    }

    #[test]
    fn the_fire_named_again_adds_its_hurt_to_the_blockade() {
        let c = coded("Sicarios incendiaron un camión urbano y dos automóviles en tres cruces de Guadalajara para bloquear el paso. La Secretaría de Salud informó que nueve personas resultaron lesionadas en el incendio del camión.");
        assert_eq!(kinds(&c), ["road_blockade"]);
        assert_eq!(c.events[0].measures.get("injured"), Some(&9.0));
    }

    #[test]
    fn vehicles_burned_after_a_blockade_are_its_own() {
        let c = coded("Sujetos armados despojaron a conductores de sus unidades y les prendieron fuego en al menos 12 puntos de Centro, Tabasco. En total fueron incendiados 15 vehículos.");
        assert_eq!(kinds(&c), ["road_blockade"]);
        assert_eq!(c.events[0].measures.get("blockades"), Some(&12.0));
        assert_eq!(c.events[0].measures.get("vehicles_burned"), Some(&15.0));
    }

    #[test]
    fn a_table_of_figures_gives_one_per_line() {
        let c = coded("The country recorded 34,569 victims of intentional homicide in 2020, according to figures released this week.\n\n- Guanajuato: 4,490\n- State of Mexico: 2,795\n");
        let got: Vec<(f64, &str)> = c
            .figures
            .iter()
            .map(|f| (f.value, f.scope.as_str()))
            .collect();
        assert_eq!(got, [(34569.0, "MX"), (4490.0, "11"), (2795.0, "15")]);
        assert!(c.figures.iter().all(|f| f.measure == "homicides"));
    }

    #[test]
    fn an_incident_named_again_with_its_day_takes_it() {
        let c = code(
            "The convoy was strung out along a dirt track when the first shots came down from the ridge. Within minutes, 13 police officers of the State of Mexico were dead. The ambush on Thursday afternoon at Llano Grande, in the municipality of Coatepec Harinas, was the deadliest attack on police this year.",
            NaiveDate::from_ymd_opt(2021, 3, 20).unwrap(),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["attack_on_forces"]);
        assert_eq!(c.events[0].date.as_deref(), Some("2021-03-18"));
        assert_eq!(c.events[0].municipality.as_deref(), Some("15021"));
        // The bodies told again with the day they were found.
        let c = code(
            "MEXICO CITY (AP) — A photojournalist was among five people found shot to death in a Mexico City apartment, prosecutors said. The bodies of Rubén Espinosa and of four women were found Friday evening in an apartment in the Narvarte neighborhood.",
            NaiveDate::from_ymd_opt(2015, 8, 3).unwrap(),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["massacre"]);
        assert_eq!(c.events[0].date.as_deref(), Some("2015-07-31"));
    }

    #[test]
    fn a_deed_told_and_named_again_as_a_time_is_no_new_one() {
        let c = coded("A drone dropped explosives on state police officers in Aguililla, Michoacán, on Monday, wounding two. Hours before the drone attack, about 100 state police officers had been sent to reopen the highway.");
        assert_eq!(kinds(&c), ["drone_attack"]);
        // Told for the first time, it is news.
        let c = coded("Gunmen set fire to four businesses in Zamora, Michoacán, on Wednesday, hours after the arrest of a local leader of the CJNG.");
        assert!(kinds(&c).contains(&"arrest"));
        // An age set off by commas counts no one.
        let c =
            coded("Murrieta, 58, had said that criminal groups have kidnapped the municipality.");
        assert!(c
            .events
            .iter()
            .all(|e| e.measures.get("people") != Some(&58.0)));
    }

    #[test]
    fn a_killing_after_a_semicolon_with_its_own_day_and_place_is_another() {
        let c = code(
            "El día 2, Cecilio Pineda fue asesinado a tiros en Ciudad Altamirano, Gro.; y el domingo 19, Ricardo Monlui fue ultimado al salir de un restaurante en Yanga, Ver.",
            NaiveDate::from_ymd_opt(2017, 3, 24).unwrap(),
            Lang::Es,
        );
        assert_eq!(kinds(&c), ["homicide", "homicide"]);
        assert_eq!(c.events[1].state.as_deref(), Some("30"));
    }

    #[test]
    fn a_protest_in_several_towns_is_one_in_each() {
        let places = |text: &str| {
            code(text, d("2017-03-04"), Lang::Auto)
                .events
                .iter()
                .map(|e| (e.state.clone(), e.municipality.clone()))
                .collect::<Vec<_>>()
        };
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            places(
                "Periodistas marcharon el domingo en Coatzacoalcos y Xalapa para exigir justicia."
            ),
            [(s("30"), s("30039")), (s("30"), s("30087"))]
        );
        assert_eq!(
            places("The protests drew hundreds of reporters in Tijuana, as well as in Mexico City and in Culiacán, Sinaloa."),
            [(s("02"), s("02004")), (s("09"), None), (s("25"), s("25006"))]
        );
        // Where the protesters came from is not where they protested.
        assert_eq!(
            places("Ayer, integrantes de colectivos de Salamanca, Celaya e Irapuato se manifestaron frente a las oficinas de la FGE en Guanajuato.").len(),
            1
        );
    }

    #[test]
    fn protests_named_again_keep_the_day_they_were_told_with() {
        let c = code(
            "Journalists took to the streets in cities across Mexico on Tuesday to protest against the killing of two reporters. Lourdes Maldonado was shot dead in her car in Tijuana on Sunday evening. The protests drew hundreds of reporters in Tijuana and in Culiacán, Sinaloa.",
            NaiveDate::from_ymd_opt(2022, 1, 26).unwrap(),
            Lang::En,
        );
        let days: Vec<_> = c
            .events
            .iter()
            .filter(|e| e.kind == EventKind::Protest && e.state.is_some())
            .map(|e| e.date.as_deref().unwrap())
            .collect();
        assert!(
            !days.is_empty() && days.iter().all(|d| *d == "2022-01-25"),
            "{:?}",
            c.events
        );
    }

    #[test]
    fn explosives_a_drone_dropped_are_its_attack() {
        let c = coded("Un dron arrojó explosivos sobre la comunidad de Acatlán, Guerrero, el jueves. De acuerdo con testimonios de pobladores, fueron arrojados al menos cinco explosivos.");
        assert_eq!(kinds(&c), ["drone_attack"]);
    }

    #[test]
    fn a_fight_named_again_by_its_article_is_the_one_told() {
        let c = coded("Hombres armados asesinaron a dos personas en Valparaíso, Zacatecas, el sábado. Fuentes extraoficiales señalaron que el enfrentamiento fue entre integrantes del Cártel Jalisco Nueva Generación y del Cártel de Sinaloa.");
        assert_eq!(kinds(&c), ["homicide"]);
    }

    /// A town reporters name without its saint, a state named as a neighbour, premises
    /// counted beside the dead, and attackers the text calls unknown.
    #[test]
    fn a_background_attack_in_a_neighbouring_town() {
        let c = code(
            "Oaxaca, Oax., 23 feb (AFP).- Un comando armado asesinó a cinco personas en San \
             Miguel Soyaltepec. Fuentes dijeron que el CJNG opera en la zona. La Cuenca del \
             Papaloapan, que colinda con Veracruz, es una zona de paso de drogas. En octubre \
             de 2018, desconocidos lanzaron granadas contra dos bares de la vecina Tuxtepec, \
             un ataque que dejó un muerto y diez heridos.",
            d("2026-02-23"),
            Lang::Es,
        );
        let e = c
            .events
            .iter()
            .find(|e| e.kind == EventKind::ExplosiveAttack)
            .expect("the grenade attack");
        assert_eq!(e.state.as_deref(), Some("20"));
        assert_eq!(e.municipality.as_deref(), Some("20184"));
        assert_eq!(e.measures.get("fatalities"), Some(&1.0));
        assert_eq!(e.actors, ["Civilians"]);
    }

    /// Fights told one by one: "the first exchange of fire" is a clash (a street's number
    /// counts no dead), "the second" another.
    #[test]
    fn fights_told_by_their_ordinals_are_each_a_clash() {
        let c = code(
            "Policías estatales y soldados persiguieron a un convoy armado en Caborca, Sonora, \
             el sábado. El primer intercambio de disparos ocurrió en el cruce de la Calle 10 y \
             la Avenida Obregón, donde fue localizado sin vida uno de los agresores. El segundo \
             se registró en la carretera hacia el ejido La Y Griega, \
             donde otro hombre fue abatido; ahí fueron heridos los dos soldados.",
            d("2024-09-08"),
            Lang::Es,
        );
        assert_eq!(kinds(&c), ["armed_clash", "armed_clash"]);
        assert!(
            !c.events[0].measures.contains_key("fatalities"),
            "{:?}",
            c.events
        );
        assert_eq!(c.events[1].measures.get("injured"), Some(&2.0));
    }

    /// Of two groups named together no one is the group of the arrests told next.
    #[test]
    fn groups_named_together_leave_no_group_for_the_next_deeds() {
        let c = coded(
            "La región vive una disputa entre el Cártel de Sinaloa y el Cártel Jalisco Nueva \
             Generación. En junio fueron detenidas cinco personas en Caborca, Sonora.",
        );
        let e = one(&c, EventKind::Arrest);
        assert!(e.actors.iter().all(|a| !is_group(a)), "{:?}", e.actors);
    }

    /// "Los tres fueron detenidos cuando…" after their arrest is told: the same arrest.
    #[test]
    fn the_three_arrested_named_again_are_the_arrest_told() {
        let c = coded(
            "Soldados detuvieron el jueves a tres hombres en el aeropuerto de Mexicali, Baja \
             California. Los tres fueron detenidos cuando se disponían a abordar un vuelo.",
        );
        assert_eq!(kinds(&c), ["arrest"]);
    }

    /// "A principios de octubre, 18 policías … fueron detenidos…, y también fueron
    /// capturados cinco delincuentes, entre ellos los jefes de la organización en el
    /// municipio de Córdoba": two arrests of the month (no day), local heads no leaders,
    /// and a group's enemies' name ("Mata Zetas") names no party.
    #[test]
    fn more_arrests_told_with_also_are_another_arrest() {
        let c = code(
            "A principios de octubre, 18 policías municipales de Córdoba, Veracruz, fueron \
             detenidos por presuntamente proteger al grupo criminal, y también fueron \
             capturados cinco delincuentes, entre ellos los jefes de la organización en el \
             municipio de Córdoba. El 6 de octubre, la Marina detuvo en Boca del Río a ocho \
             presuntos miembros del cártel de Jalisco Nueva Generación, autodenominados 'Mata \
             Zetas'.",
            d("2011-10-28"),
            Lang::Es,
        );
        assert_eq!(kinds(&c), ["arrest", "arrest", "arrest"]);
        let counts: Vec<_> = c
            .events
            .iter()
            .map(|e| (e.date.clone(), e.measures.get("arrested").copied()))
            .collect();
        assert_eq!(
            counts,
            [
                (None, Some(18.0)),
                (None, Some(5.0)),
                (Some("2011-10-06".to_string()), Some(8.0))
            ]
        );
        assert_eq!(c.events[2].actors, ["Navy", "CJNG"]);
    }

    /// A governor blaming the blockades told names them again, whatever place he speaks
    /// of; a call about a clash to be checked tells none.
    #[test]
    fn blockades_blamed_and_clashes_reported_by_a_call_are_no_new_events() {
        let c = coded(
            "Civiles armados bloquearon con vehículos en llamas tres carreteras de Zamora, \
             Michoacán. El gobernador atribuyó los bloqueos al CJNG y dijo que la violencia \
             \"comenzó del lado de Jalisco\".",
        );
        assert_eq!(kinds(&c), ["road_blockade"]);
        let c = coded(
            "El operativo se desplegó en La Huacana, Michoacán, para atender una denuncia \
             ciudadana sobre un supuesto enfrentamiento entre civiles armados.",
        );
        assert!(c.events.is_empty(), "{:?}", c.events);
    }

    /// "In all, N were killed that day" beyond the incidents told is the day's toll.
    #[test]
    fn a_days_toll_beyond_the_incidents_told_is_a_figure() {
        let c = coded(
            "On August 11, a fight inside the state prison in Ciudad Juárez left two inmates \
             dead. Later, four employees of a radio station were shot dead outside a pizzeria. \
             In all, 11 people were killed in Juárez that day, according to the Chihuahua \
             state prosecutor's office.",
        );
        assert_eq!(kinds(&c).len(), 2, "{:?}", c.events);
        assert_eq!(c.figures.len(), 1, "{:?}", c.figures);
        assert_eq!(c.figures[0].value, 11.0);
        assert_eq!(c.figures[0].scope, "08");
    }

    /// The forces of a fight just told make the arrests told after it.
    #[test]
    fn the_forces_of_a_fight_make_the_arrests_after_it() {
        let c = coded(
            "State police clashed with gunmen in Caborca, Sonora, on Saturday. Two suspects \
             were killed in the shootout and three were detained.",
        );
        let e = one(&c, EventKind::Arrest);
        assert_eq!(e.actors, ["State police"]);
    }

    /// Goods seized told a few clauses after the arrest, with nothing coded between, are
    /// seized by the forces that arrested.
    #[test]
    fn goods_seized_after_an_arrest_are_the_arresting_forces() {
        let c = coded(
            "Soldados detuvieron el martes a tres hombres en Culiacán, Sinaloa. Los detenidos \
             fueron trasladados a la capital del estado. En el lugar se aseguraron tres armas \
             largas.",
        );
        let e = one(&c, EventKind::Seizure);
        assert_eq!(e.actors, ["Army"]);
    }

    /// A protest's actors are the protesters, not the forces it is against; police who
    /// protest are its actors.
    #[test]
    fn a_protest_is_the_protesters() {
        let c = coded(
            "Cientos de pobladores protestaron el lunes frente al cuartel del Ejército en \
             Aguililla, Michoacán.",
        );
        assert_eq!(one(&c, EventKind::Protest).actors, ["Civilians"]);
        let c = coded(
            "Policías estatales protestaron el lunes frente al palacio de gobierno en \
             Chilpancingo, Guerrero, para exigir mejores salarios.",
        );
        assert!(one(&c, EventKind::Protest)
            .actors
            .contains(&"State police".to_string()));
    }

    /// Forces that free the kidnapped are no party to the kidnapping; forces taken are.
    #[test]
    fn forces_who_free_the_kidnapped_are_no_party() {
        let c = coded(
            "Además, los militares liberaron en Celaya, Guanajuato, a una empresaria que había \
             sido secuestrada días antes.",
        );
        let e = one(&c, EventKind::Kidnapping);
        assert!(!e.actors.iter().any(|a| is_force(a)), "{:?}", e.actors);
        assert!(e.actors.contains(&"Civilians".to_string()));
    }

    /// People taken on one day and found dead on another: each deed its own day.
    #[test]
    fn the_taken_and_the_found_keep_their_days() {
        let c = code(
            "Seis de los siete jóvenes privados de la libertad la madrugada del domingo en la \
             comunidad de Malpaso, municipio de Villanueva, Zacatecas, fueron localizados sin \
             vida ayer miércoles en una zona serrana.",
            d("2023-09-28"),
            Lang::Es,
        );
        let days: Vec<_> = c
            .events
            .iter()
            .map(|e| (e.kind.as_str(), e.date.as_deref()))
            .collect();
        assert_eq!(
            days,
            [
                ("kidnapping", Some("2023-09-24")),
                ("massacre", Some("2023-09-27"))
            ]
        );
        let c = code(
            "El periodista Gregorio Jiménez, secuestrado el pasado miércoles 5 en su casa de \
             Villa Allende, Coatzacoalcos, Veracruz, fue hallado sin vida.",
            d("2014-02-12"),
            Lang::Es,
        );
        let e = one(&c, EventKind::Kidnapping);
        assert_eq!(e.date.as_deref(), Some("2014-02-05"));
    }
}
