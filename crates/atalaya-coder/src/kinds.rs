//! Kinds: the events a clause tells, decided from its triggers per family — attacks and
//! clashes (and who is attacked), bombs and drones, roads blocked and fires set, arrests,
//! captures, seizures, extraditions, people taken or missing, protests, killings (and
//! leaders killed).

use atalaya_core::EventKind;

use crate::actors::{found_actors_after, is_force};
use crate::assemble::Reading;
use crate::coder::Lang;
use crate::deaths;
use crate::leaders::Leaders;
use crate::lexicon::*;
use crate::numbers;
use crate::tokens::{has, has_seq, infinitive, is, Tok};
use crate::triggers::{
    Deeds, ARSON_BIT, BLOCKADE_BIT, CUSTODY_BITS, DRONE_BIT, EXPLOSIVE_BIT, PROTEST_BIT, TAKEN_BITS,
};

/// Burned, of things found: "charred vehicles", "vehículos calcinados".
const CHARRED: [&str; 3] = ["charred", "calcinad*", "incinerad*"];

/// `HELD_WORDS` by first byte: most clauses have none.
static HELD_IX: std::sync::LazyLock<WordIndex> =
    std::sync::LazyLock::new(|| WordIndex::new(&HELD_WORDS));

/// The kinds a clause tells, in the order its events are coded, and how it tells a killing.
pub(crate) struct Told {
    pub(crate) kinds: Vec<EventKind>,
    /// A killing is told (by a verb or a death statement), not only a legal charge.
    pub(crate) kill: bool,
    /// A verb kills (not only a noun of killing).
    pub(crate) killing_verb: bool,
}

/// The kinds of event the clause `r` tells.
pub(crate) fn kinds_in(r: &Reading, leaders: &Leaders, lang: Lang) -> Told {
    let s = KindScan::new(r, leaders, lang);
    let mut kinds: Vec<EventKind> = Vec::new();
    // The families whose trigger words the clause holds; the others have nothing to read.
    let lists = r.trigger_lists;
    s.fight(&mut kinds);
    if !kinds.contains(&EventKind::AttackOnForces) && aircraft_downed(s.words) {
        kinds.push(EventKind::AttackOnForces);
    }
    if lists & (EXPLOSIVE_BIT | DRONE_BIT) != 0 || s.kill && has(s.words, &MINE_WORDS) {
        s.bomb(&mut kinds);
    }
    if lists & (BLOCKADE_BIT | ARSON_BIT) != 0 || has(s.words, &CHARRED) {
        s.roads(&mut kinds);
    }
    if lists & CUSTODY_BITS != 0 {
        s.custody(&mut kinds);
    }
    if lists & TAKEN_BITS != 0 {
        s.people_taken(&mut kinds);
        // "Soldiers found 414 firearms", "marinos hallaron 500 kilos de cocaína": goods the
        // forces find are seized.
        if !kinds.contains(&EventKind::Seizure) && s.forces_find_goods() {
            kinds.push(EventKind::Seizure);
        }
    }
    let protest = (lists & PROTEST_BIT != 0)
        .then(|| {
            (0..s.words.len()).find(|&p| {
                (is(s.words[p], &PROTEST)
                    && !crate::dates::month_at(s.words, p)
                    && !oath(s.words, p)
                    && !a_right(s.words, p)
                    && !no_march(s.words, p)
                    && !stated(s.words, p))
                    || (is(s.words[p], &GATHERED)
                        && (has(s.words, &DEMAND_WORDS) || has(s.words, &PROTEST_SIGNS)))
            })
        })
        .flatten();
    if protest.is_some_and(|p| s.deeds.tells(p)) {
        kinds.push(EventKind::Protest);
    }
    s.killing(&mut kinds);
    Told {
        kinds,
        kill: s.kill,
        killing_verb: s.killing_verb,
    }
}

/// "tres mujeres que manifestaron estar secuestradas", "manifestó que…": "manifestar" as
/// saying, no protest.
fn stated(words: &[&str], p: usize) -> bool {
    words[p].starts_with("manifest")
        && !words[p].starts_with("manifestant")
        && words.get(p + 1).is_some_and(|w| {
            matches!(
                *w,
                "que" | "su" | "sus" | "estar" | "haber" | "ser" | "tener" | "no"
            ) || w.ends_with("ar") && w.len() > 4
                || w.ends_with("er") && w.len() > 4
                || w.ends_with("ir") && w.len() > 4
        })
}

/// "Zambada has said he was lured to a meeting and kidnapped", "…where I was kidnapped",
/// "one of Guzmán's sons kidnapped him", said by the one taken: his own claim, disputed, no
/// deed told (a kidnapping is reported by others).
fn own_claim(words: &[&str], p: usize) -> bool {
    let said = (0..p).find(|&k| {
        is(words[k], &SAID_VERBS) || matches!(words[k], "writes" | "wrote" | "claims" | "claimed")
    });
    let first_person =
        p >= 2 && matches!(words[p - 1], "was" | "were") && matches!(words[p - 2], "i" | "we")
            || matches!(words.get(p + 1), Some(&("me" | "us")));
    // ("Police said he was kidnapped", "his wife said…": others tell it.)
    let others_say = |k: usize| {
        words[..k].iter().any(|w| {
            is_in(w, &FORCES_IX)
                || matches!(
                    *w,
                    "officials"
                        | "authorities"
                        | "prosecutors"
                        | "prosecutor"
                        | "ministry"
                        | "government"
                        | "family"
                        | "relatives"
                        | "wife"
                        | "witnesses"
                        | "autoridades"
                        | "fiscalia"
                        | "familiares"
                )
        })
    };
    let himself = said.is_some_and(|k| {
        !others_say(k)
            && (matches!(words.get(k + 1), Some(&("he" | "she")))
                && words[k + 2..p].contains(&"was")
                || matches!(words.get(p + 1), Some(&("him" | "her"))))
    });
    first_person || himself
}

/// "fue interceptado por hombres armados … y obligado a subir a otro vehículo", "forced
/// into a car by gunmen", "fue sacado de su casa por un grupo de hombres armados": someone
/// taken away.
fn forced_into_a_vehicle(words: &[&str]) -> bool {
    // "hombres armados se llevaron por la fuerza a un hombre", "lo levantaron unos
    // sicarios", "gunmen took him away", "snatched by armed men".
    let taken = |p: usize| {
        let w = words[p];
        w.starts_with("sacad")
            || w == "sacaron"
            // Taken by force (not "se llevó el cuerpo": the dead taken away; taken alone
            // and missing since is a disappearance).
            || matches!(w, "llevaron" | "llevo")
                && words.iter().any(|x| matches!(*x, "fuerza" | "force"))
                && p > 0
                && matches!(words[p - 1], "se" | "lo" | "la" | "los" | "las")
                && !words[p + 1..(p + 4).min(words.len())]
                    .iter()
                    .any(|x| is(x, &REMAINS))
            // Not "se han levantado contra los Templarios": risen up.
            || matches!(
                w,
                "levantaron" | "levantado" | "levantada" | "levantados" | "levantadas"
            ) && !words[p.saturating_sub(2)..p].contains(&"se")
                && words.get(p + 1) != Some(&"contra")
            // ("some of the officers were dragged into the house and killed": the
            // killing's.)
            || matches!(w, "snatched" | "dragged")
                && !words[p + 1..].iter().any(|x| is_in(x, &KILL_IX))
            || matches!(w, "took" | "taken") && words.get(p + 1).is_some_and(|x| *x == "away")
            // "eight UP members taken by armed men".
            || w == "taken"
                && words.get(p + 1) == Some(&"by")
                && words[p + 2..(p + 4).min(words.len())]
                    .iter()
                    .any(|x| matches!(*x, "gunmen" | "armed" | "hitmen" | "masked"))
    };
    let taken_by_armed_men = (0..words.len()).any(taken)
        && words.iter().any(|w| {
            matches!(
                *w,
                "armados"
                    | "armado"
                    | "comando"
                    | "sicarios"
                    | "encapuchados"
                    | "gunmen"
                    | "armed"
                    | "hitmen"
                    | "masked"
            )
        });
    taken_by_armed_men
        || (0..words.len()).any(|p| {
            (words[p].starts_with("obligad") || words[p] == "forced")
                && words[p + 1..(p + 4).min(words.len())]
                    .iter()
                    .any(|w| matches!(*w, "subir" | "abordar" | "into"))
                && words[p + 1..(p + 9).min(words.len())]
                    .iter()
                    .any(|w| is(w, &VEHICLES))
        })
}

/// "Helicopter shot down in Michoacán", "derriban helicóptero de la Marina": the forces'
/// aircraft downed (a drone downed is not).
fn aircraft_downed(words: &[&str]) -> bool {
    // The aircraft first: this runs on every clause and few name one.
    has(
        words,
        &["helicopter*", "helicoptero*", "aeronave*", "aircraft"],
    ) && (has_seq(words, &["shot", "shoot", "shoots"], &["down"])
        || has(words, &["derriba*", "derribo"]))
        && !has(words, &DRONE)
}

/// A U.S. law-enforcement agent killed ("shot dead US Immigration and Customs Enforcement
/// (ICE) agent Jaime Zapata", "the murder of a U.S. Drug Enforcement Administration agent"):
/// an attack on forces, as the shared rules code it.
pub(crate) fn us_agent_killed(words: &[&str], kill: bool) -> bool {
    kill && (has(words, &["agent", "agents", "agente", "agentes"]) && us_agency(words)
        // "Era marshal de EU el ejecutado": a U.S. marshal.
        || has(words, &["marshal", "marshals"]) && has(words, &["eu", "eeuu", "us", "estadounidense"]))
}

/// A U.S. law-enforcement agency is named.
pub(crate) fn us_agency(words: &[&str]) -> bool {
    has(words, &["dea", "ice", "fbi", "atf", "cbp"])
        || has_seq(words, &["customs", "drug"], &["enforcement"])
}

/// Someone taken who never appeared again: "y nunca volvió a aparecer", "never seen again",
/// "sin que se sepa de su paradero".
/// The word after a time told at word `k` ("la tarde de ayer", "this morning", "el
/// martes"), or `k`.
/// The person killed is an official when the noun phrase after the verb is headed by an
/// office past up to three modifiers ("killed the newly appointed tourism secretary of
/// Jalisco", "asesinaron al recién nombrado secretario de Turismo"), but not when the office
/// is a possessor ("the mayor's son"); or by a head of a public body ("the leader of the
/// Guerrero state legislature", "el presidente del Congreso").
fn object_office(toks: &[Tok], words: &[&str], k: usize, office: &dyn Fn(&str) -> bool) -> bool {
    let mut q = k;
    while q < words.len() && is(words[q], &OFFICE_BEFORE) {
        q += 1;
    }
    // "the No. 2 security official": a rank before the office.
    let rank = (q + 1..(q + 4).min(words.len())).find(|&j| {
        matches!(words[j - 1], "no" | "number" | "numero") && numbers::is_number(words[j])
    });
    let end = (q + if rank.is_some() { 6 } else { 4 }).min(words.len());
    for j in q..end {
        let w = words[j];
        if rank.is_some_and(|r| j == r || j + 1 == r) {
            continue;
        }
        // "a adulto mayor", "el hijo mayor": Spanish "mayor" after a noun is "older".
        // "killed the No. 2 security official": an official as the one killed (not as
        // the ones who say, "officials said").
        if (office(w)
            || matches!(w, "official" | "funcionario" | "funcionaria")
                && !(j > 0 && matches!(words[j - 1], "former" | "ex" | "retired")))
            && !(w == "mayor" && j > q)
        {
            return !toks[j].possessive;
        }
        if is(w, &BODY_HEADS) && matches!(words.get(j + 1), Some(&("of" | "de" | "del"))) {
            return words[j + 2..(j + 7).min(words.len())]
                .iter()
                .any(|b| is(b, &PUBLIC_BODIES));
        }
        if toks[j].sep_after
            || toks[j].possessive
            || numbers::is_number(w)
            || matches!(
                w,
                "of" | "de" | "del" | "and" | "y" | "in" | "en" | "a" | "al" | "who" | "que"
            )
        {
            return false;
        }
    }
    false
}

/// "six people were dead, among them the town's police chief and two of his officers",
/// "entre ellos dos custodios": an office or forces (in the plural) among the dead; not
/// "admitió haber ordenado el homicidio de mil 500 personas, entre ellas policías" (a toll
/// over years), nor "entre ellas un policía" (one of a day's dead), nor a cartel's
/// "lieutenant".
fn forces_among_the_dead(words: &[&str], office: &dyn Fn(&str) -> bool) -> bool {
    (0..words.len()).any(|k| {
        let among = matches!(words[k], "including" | "incluido" | "incluida")
            || matches!(words[k], "among" | "entre")
                && words
                    .get(k + 1)
                    .is_some_and(|w| matches!(*w, "them" | "ellos" | "ellas"));
        among
            && words[k + 1..(k + 7).min(words.len())].iter().any(|w| {
                office(w)
                    || is_in(w, &FORCES_IX)
                        && w.ends_with('s')
                        && !is(w, &["lieutenant*", "teniente*"])
            })
    }) && !(0..words.len()).any(|k| numbers::number_at(words, k).is_some_and(|(v, _)| v >= 100.0))
}

/// "la caravana dio marcha atrás", "puso en marcha un operativo": no march; "during a
/// campaign march", "un mitin de campaña": a candidate's event, no protest.
fn no_march(words: &[&str], p: usize) -> bool {
    let prev = if p > 0 { words[p - 1] } else { "" };
    let next = words.get(p + 1).copied().unwrap_or("");
    words[p] == "marcha" && (next == "atras" || matches!(prev, "en" | "dio"))
        || matches!(prev, "campaign" | "election" | "electoral")
        || matches!(next, "campaign" | "electoral" | "proselitista")
        || next == "de" && words.get(p + 2).is_some_and(|w| *w == "campana")
}

/// "Vigilantes seize town", "seized control of the plaza": a place or power taken, no goods
/// (`taken`: the words after the verb).
fn place_taken(taken: &[&str]) -> bool {
    taken
        .iter()
        .find(|w| !matches!(**w, "the" | "a" | "another"))
        .is_some_and(|w| is(w, &["town*", "control", "village*", "city", "power"]))
}

fn past_time(words: &[&str], k: usize) -> usize {
    let time = |w: &str| {
        is(w, &DAYPARTS)
            || crate::dates::weekday(w).is_some()
            || matches!(
                w,
                "la" | "el"
                    | "this"
                    | "esta"
                    | "este"
                    | "on"
                    | "de"
                    | "del"
                    | "ayer"
                    | "anoche"
                    | "hoy"
                    | "yesterday"
                    | "early"
                    | "late"
            )
    };
    let end = (k..(k + 5).min(words.len()))
        .find(|&q| !time(words[q]))
        .unwrap_or((k + 5).min(words.len()));
    // Only a daypart or a day makes it a time: "la" alone is the object's article.
    if words[k.min(end)..end].iter().any(|w| {
        is(w, &DAYPARTS)
            || crate::dates::weekday(w).is_some()
            || matches!(*w, "ayer" | "anoche" | "hoy" | "yesterday")
    }) {
        end
    } else {
        k
    }
}

/// "Junto con él fue detenido…", "along with him": someone caught with the one told, not
/// the leader himself.
fn with_the_one_told(before: &[&str]) -> bool {
    before.windows(3).any(|w| {
        w[0] == "junto" && matches!(w[1], "con" | "a") && matches!(w[2], "el" | "ella")
            || w[0] == "along" && w[1] == "with" && matches!(w[2], "him" | "her")
    })
}

fn never_seen_again(after: &[&str]) -> bool {
    after.windows(2).any(|w| {
        matches!(w[0], "nunca" | "jamas")
            && (w[1].starts_with("aparec") || w[1].starts_with("volv") || w[1] == "regreso")
            || w[0] == "never"
                && matches!(w[1], "seen" | "heard" | "returned" | "reappeared" | "came")
            || w[0] == "su" && w[1] == "paradero"
    })
}

/// "threw a fragmentation grenade, which failed to explode", "una granada que no detonó":
/// an explosive that did not go off attacks no one.
fn unexploded(words: &[&str]) -> bool {
    has(words, &["unexploded", "undetonated"])
        || has_seq(
            words,
            &["failed", "did", "didnt"],
            &["to", "not", "explode", "detonate"],
        ) && has(words, &["explode", "detonate"])
        || words.windows(2).any(|w| {
            matches!(w[0], "no" | "sin")
                && matches!(
                    w[1],
                    "detono" | "exploto" | "estallo" | "detonar" | "explotar" | "estallar"
                )
        })
}

/// "came under fire", "were under fire": the subject was shot at, a passive attack.
fn under_fire(words: &[&str], p: usize) -> bool {
    words[p] == "fire" && p > 0 && words[p - 1] == "under"
}

/// An operation of the forces is told: "operativo", but not as an officer's title ("el
/// subdirector operativo de la policía municipal", "director de operaciones", "operations
/// director Sacramento Pérez").
fn operation(words: &[&str]) -> bool {
    const TITLES: &[&str] = &[
        "director*",
        "subdirector*",
        "coordinador*",
        "coordinator*",
        "jefe*",
        "titular*",
        "chief*",
        "commander*",
    ];
    (0..words.len()).any(|k| {
        is(words[k], &OPERATION)
            && !(k > 0 && is(words[k - 1], TITLES)
                || k > 1 && words[k - 1] == "de" && is(words[k - 2], TITLES)
                || words.get(k + 1).is_some_and(|w| is(w, TITLES)))
    })
}

/// "had every right to protest", "el derecho a manifestarse": a right, no protest.
fn a_right(words: &[&str], p: usize) -> bool {
    p > 1 && matches!(words[p - 1], "to" | "a") && matches!(words[p - 2], "right" | "derecho")
}

/// "un día después de haber rendido protesta", "tomó protesta como alcalde", "en su toma de
/// protesta": an oath of office, not a protest.
fn oath(words: &[&str], p: usize) -> bool {
    words[p] == "protesta"
        && p > 0
        && (is(words[p - 1], &["rend*", "rind*", "tom*", "toma"])
            || words[p - 1] == "de" && p > 1 && words[p - 2] == "toma")
}

/// A clause read for kinds: its triggers and the cues several families share.
struct KindScan<'a> {
    r: &'a Reading<'a>,
    words: &'a [&'a str],
    leaders: &'a Leaders<'a>,
    deeds: Deeds<'a>,
    /// Security forces are named (a word of forces or a force among the actors).
    forces_here: bool,
    kill: bool,
    killing_verb: bool,
}

impl<'a> KindScan<'a> {
    fn new(r: &'a Reading<'a>, leaders: &'a Leaders<'a>, lang: Lang) -> Self {
        let words = &r.words[..];
        let deeds = Deeds {
            words,
            lang,
            toks: &r.clause.toks,
        };
        let forces_here = words.iter().any(|w| is_in(w, &FORCES_IX))
            || r.clause
                .actors
                .iter()
                .any(|a| is_force(a) && *a != "Federal government");
        // "charged with murder", "acusado de homicidio", "murder charges" are a legal
        // category, not a killing; a legal word further off qualifies someone else ("dejó
        // 16 muertos, en su mayoría internos procesados por delitos").
        // A clause whose subject is sentenced or charged ("For murdering 9 people, El R2 is
        // sentenced") is a court's.
        let legal_near = |p: usize| {
            words[p.saturating_sub(5)..(p + 3).min(words.len())]
                .iter()
                .any(|w| is(w, &LEGAL))
        };
        // (Most clauses name nothing legal: one pass finds out.)
        let legal = has(words, &LEGAL)
            && ((0..words.len())
                .any(|p| (r.death == Some(p) || is_in(words[p], &KILL_IX)) && legal_near(p))
                || words.windows(2).any(|w| {
                    matches!(
                        w[0],
                        "is" | "was" | "es" | "fue" | "are" | "were" | "son" | "fueron"
                    ) && is(w[1], &LEGAL)
                }));
        let kill = !legal
            && (r.death.is_some()
                || (0..words.len()).any(|p| is_in(words[p], &KILL_IX) && deeds.tells(p)));
        // A killing told by a noun alone ("the killings", "su cadáver", "el homicidio")
        // refers back to an event already told; it makes one only with a count.
        // "They murder…": a noun of killing after a subject pronoun is the verb.
        // A determiner makes a noun of a participle: "the killing will put the spotlight
        // on…" refers to a killing, it tells none.
        let determined = |p: usize| {
            p > 0
                && matches!(
                    words[p - 1],
                    "the" | "this" | "that" | "his" | "her" | "their" | "its" | "el" | "su"
                )
        };
        let killing_verb = (0..words.len()).any(|p| {
            is_in(words[p], &KILL_IX)
                && (!is(words[p], &KILL_NOUNS) || crate::deaths::noun_as_verb(words, p))
                && !determined(p)
                && !deeds.negated(p)
                && !deeds.attempt(p)
        }) || has_seq(words, &["shot", "gunned"], &["dead", "down"])
            || r.death.is_some();
        KindScan {
            r,
            words,
            leaders,
            deeds,
            forces_here,
            kill,
            killing_verb,
        }
    }

    /// The forces named in the clause find drugs, arms, a plantation or a lab.
    fn forces_find_goods(&self) -> bool {
        let words = self.words;
        let found = (0..words.len()).find(|&p| is(words[p], &FOUND_VERBS) && self.deeds.tells(p));
        // ("hallaron abandonados en Sonoyta, municipio de General Plutarco Elías Calles,
        // dos fusiles": past a place told first; not past a relative clause or the bodies
        // found.)
        found.is_some_and(|p| {
            words[..p].iter().any(|w| is_in(w, &FORCES_IX))
                && words[p + 1..(p + 15).min(words.len())]
                    .iter()
                    .take_while(|w| {
                        !matches!(**w, "que" | "who" | "which" | "where" | "donde")
                            && !is(w, &crate::lexicon::REMAINS)
                    })
                    .any(|w| is(w, &FOUND_GOODS))
        })
    }

    /// The forces or an office are the target of the attack word at `p`: named after it
    /// ("fired on an army helicopter", "atacaron a policías"), as the subject of a passive
    /// ("were ambushed") or among the wounded.
    fn forces_targeted(&self, p: usize, office: &dyn Fn(&str) -> bool) -> bool {
        let (words, toks) = (self.words, &self.r.clause.toks);
        let after = &words[p + 1..(p + 8).min(words.len())];
        // "…, police said": the force reports the attack, it is not its target.
        let said = |k: usize| words.get(p + 1 + k + 1).is_some_and(|w| is(w, &SAID_VERBS));
        // "…the attack, police in Juárez found the bodies": the force finds, it is
        // not the target.
        let finds = |k: usize| {
            words[p + 2 + k..(p + 6 + k).min(words.len())]
                .iter()
                .any(|w| is(w, &FOUND_BY_FORCES))
        };
        let named_force =
            (0..after.len()).any(|k| is_in(after[k], &FORCES_IX) && !said(k) && !finds(k));
        // "atacó a balazos la tarde de ayer al secretario del Trabajo": past the means
        // and the time.
        let t = past_time(words, crate::measures::after_means_and_place(words, p + 1));
        // "opened fire on the prosecutor's office", "fired at the mayor": the target
        // after the preposition.
        let mut on = p + 1;
        if words.get(on) == Some(&"fire") {
            on += 1;
        }
        let target = if words.get(on).is_some_and(|w| matches!(*w, "on" | "at")) {
            &words[on + 1..(on + 4).min(words.len())]
        } else {
            &[][..]
        };
        named_force
            || after[..after.len().min(3)].iter().any(|w| office(w))
            || target.iter().any(|w| office(w))
            || words[t.min(words.len())..(t + 3).min(words.len())]
                .iter()
                .any(|w| office(w))
            || (self.forces_here && has(&after[..after.len().min(3)], &["convoy*"]))
            || found_actors_after(toks, p).iter().any(|a| is_force(a))
            || (p > 0
                && (matches!(words[p - 1], "were" | "was" | "fueron" | "fue" | "been" | "sido")
                    || under_fire(words, p))
                && self.forces_here)
            // "atacaron a balazos una caseta de vigilancia…, donde un policía resultó
            // herido": the wounded are forces.
            || self.forces_counted("injured")
    }

    /// An attack on forces or an armed clash.
    fn fight(&self, kinds: &mut Vec<EventKind>) {
        let (words, deeds) = (self.words, &self.deeds);
        // A deadly fight among inmates is a clash between the factions inside.
        let hurt = self.r.measures.iter().any(|(m, _, _)| *m == "injured");
        if (self.kill || hurt) && has(words, &PRISON_FIGHTS) && has(words, &PRISONS) {
            kinds.push(EventKind::ArmedClash);
            return;
        }
        // "ended in clashes between hooded protesters and the police": a protest's
        // scuffle, no armed fight.
        if has(words, &PROTESTERS) && !has(words, &GUNFIRE) && !self.kill && !hurt {
            return;
        }
        let toks = &self.r.clause.toks;
        // Security forces are the target of an attack when named after the trigger
        // ("fired on an army helicopter", "atacaron a policías") or as the subject of a
        // passive ("were ambushed", "fueron emboscados").
        let attack_at = (0..words.len()).find(|&p| {
            (is(words[p], &AMBUSH)
                || is(words[p], &ATTACK)
                || under_fire(words, p)
                // "blocking roads … and firing on troops at the city's airport".
                || words[p] == "firing" && matches!(words.get(p + 1), Some(&("on" | "at"))))
                && !deeds.negated(p)
                && !deeds.reference(p)
        });
        // An office, but not a newspaper's director ("director del diario La Voz"), nor
        // one the victim left ("the former governor", "el ex alcalde").
        // Read only once an office is named: most clauses name none.
        // "the police chief", "the public security chief": a force's head is an office.
        let force_chief = words
            .windows(2)
            .any(|p| matches!(p[0], "police" | "security") && p[1] == "chief");
        let former = std::cell::OnceCell::new();
        let former = || {
            *former.get_or_init(|| {
                (0..words.len())
                    .filter(|&k| {
                        is_in(words[k], &OFFICIALS_IX) || force_chief && words[k] == "chief"
                    })
                    .all(|k| k > 0 && matches!(words[k - 1], "former" | "ex" | "retired"))
            })
        };
        let office = |w: &str| {
            (is_in(w, &OFFICIALS_IX) || force_chief && w == "chief")
                && !former()
                && !(is(w, &["director*"]) && has(words, &MEDIA_WORDS))
        };
        let forces_targeted = attack_at.is_some_and(|p| self.forces_targeted(p, &office));
        // An official killed by name of office ("Matan a director de seguridad", "killed
        // the mayor of…"): a targeted killing is an attack on officials.
        let official_killed = (0..words.len()).any(|p| {
            is_in(words[p], &KILL_IX)
                && !is(words[p], &KILL_NOUNS)
                && !deeds.negated(p)
                // "Asesinan en Morelos a la regidora…": past the place and the means.
                && object_office(
                    toks,
                    words,
                    crate::measures::after_means_and_place(words, p + 1),
                    &office,
                )
        });
        // "El alcalde de Tacámbaro fue asesinado", "the mayor … was shot dead", "Yolanda
        // Sánchez, the mayor of Cotija in neighbouring Michoacán state, was shot dead": an
        // office told before the passive killing, ahead of any other victim.

        let official_killed = official_killed
            || self.kill
                && words.iter().any(|w| office(w))
                && deaths::passive_killing(words).is_some_and(|q| {
                    // The office heads the victims: "Un juez federal y su esposa fueron
                    // asesinados", not "el hijo del alcalde fue asesinado".
                    words[..q]
                        .iter()
                        .find(|w| {
                            office(w)
                                || is(w, &PLURAL_VICTIMS)
                                || is_in(w, &FORCES_IX)
                                || is_in(w, &PERSON_IX)
                        })
                        .is_some_and(|w| office(w))
                })
            // "Alejandro Arcos, alcalde de Chilpancingo, asesinado el 6 de octubre": the
            // office the last victim named before a bare participle; but "el segundo juez
            // federal asesinado en menos de cuatro años" counts a series.
            || self.kill
                && (1..words.len()).any(|q| {
                    is_in(words[q], &KILL_IX)
                        && (words[q].ends_with("ado") || words[q].ends_with("ada"))
                        && !matches!(words[q - 1], "fue" | "sido" | "ha" | "habia" | "era")
                        && !deeds.negated(q)
                        && !words[q.saturating_sub(4)..q].iter().any(|w| is(w, &TALLY_ORDINALS))
                        && words[..q]
                            .iter()
                            .rev()
                            .find(|w| {
                                office(w)
                                    || is(w, &PLURAL_VICTIMS)
                                    || is_in(w, &FORCES_IX)
                                    || is_in(w, &PERSON_IX)
                            })
                            .is_some_and(|w| office(w))
                });
        // "Gunmen killed 20 people, among them the mayor", "entre ellos el alcalde": an
        // official among the dead makes the killing an attack on officials.
        let official_among = self.kill && forces_among_the_dead(words, &office);
        // "The body of the mayor of Santiago … was found", "el cuerpo del alcalde": an
        // official found dead was killed in office.
        let official_found = self.kill
            && (1..words.len()).any(|k| {
                matches!(words[k], "of" | "del" | "de")
                    && matches!(
                        words[k - 1],
                        "body" | "cuerpo" | "cadaver" | "corpse" | "remains" | "restos"
                    )
                    && words[k + 1..(k + 3).min(words.len())]
                        .iter()
                        .find(|w| !matches!(**w, "the" | "el" | "la" | "los"))
                        .is_some_and(|w| {
                            office(w) || matches!(*w, "official" | "funcionario" | "funcionaria")
                        })
            });
        let forces_killed = self.forces_killed()
            || official_killed
            || official_found
            || official_among
            || us_agent_killed(words, self.kill);
        // "The clash came two days after 13 state police officers were killed in an
        // ambush": the clash is named again to time the deed the clause tells.
        let clash = has(words, &CLASH)
            && !(1..words.len().saturating_sub(1)).any(|p| {
                is(words[p], &CLASH)
                    && words[p - 1] == "the"
                    && matches!(words[p + 1], "came" | "comes" | "occurred" | "followed")
            });
        if forces_targeted && !forces_killed && attack_at.is_some_and(|a| self.answered(a)) {
            kinds.push(EventKind::ArmedClash);
        } else if forces_targeted && (deeds.trig(&AMBUSH).is_some() || !clash)
            || (forces_killed && !clash && !operation(words))
        {
            kinds.push(EventKind::AttackOnForces);
        } else if clash && deeds.trig(&CLASH).is_some_and(|p| !self.shots_only(p))
            || (self.killing_verb
                && self.forces_here
                && operation(words)
                // "…en lo que el gobierno presentó como un enfrentamiento": a claim.
                && (0..words.len()).any(|k| is(words[k], &OPERATION) && !deeds.reference(k)))
            || has_seq(words, &FIGHTING_WORDS, &["between", "entre"])
            // "los policías repelieron otra agresión y abatieron a dos": the forces fired
            // back.
            || (1..words.len()).any(|p| {
                is(words[p], &["repel*", "repeli*"])
                    && deeds.tells(p)
                    && words[..p].iter().any(|w| is_in(w, &FORCES_IX))
            })
            // "exchanged fire with the people inside", "intercambiaron disparos": both
            // sides fired.
            // ("el primer intercambio de disparos", "an exchange of fire": the noun.)
            || (0..words.len().saturating_sub(1)).any(|p| {
                let fire = if matches!(words[p + 1], "de" | "of") { p + 2 } else { p + 1 };
                is(words[p], &FIRE_TRADED)
                    && words.get(fire).is_some_and(|w| is(w, &GUNFIRE))
                    && deeds.tells(p)
            })
        {
            kinds.push(EventKind::ArmedClash);
        }
    }

    /// "soldiers … had been fired on from a hillside and killed four gunmen", "came under
    /// fire … and shot back": the forces attacked (at word `a`, the passive's subject)
    /// fought back, a clash; not
    /// "gunmen attacked police and killed two civilians", the gunmen's killing.
    fn answered(&self, a: usize) -> bool {
        let words = self.words;
        a > 0
            && (matches!(
                words[a - 1],
                "were" | "was" | "been" | "fueron" | "fue" | "sido"
            ) || under_fire(words, a))
            && ((a + 1..words.len()).any(|k| is(words[k], &["killed", "mataron", "abatieron"]))
                || crate::resolve::answered_fire(&words[a + 1..]))
    }

    /// A shooting with no sides told ("Balacera … deja un muerto"): shots, not a clash.
    fn shots_only(&self, p: usize) -> bool {
        let words = self.words;
        is(words[p], &SHOOTING_WORDS)
            && self.kill
            && !self.forces_here
            && self
                .r
                .clause
                .actors
                .iter()
                .filter(|a| crate::actors::is_group(a))
                .count()
                < 2
            && !has(words, &TWO_SIDES)
    }

    /// Forces as the subject of a passive killing: "un agente de la Policía Municipal fue
    /// asesinado", or a headline's passive without its "was" ("Police officer killed in
    /// Culiacán", "Police Commissioner of Tizapán Killed by Hitmen").
    fn force_killed_in_passive(&self) -> bool {
        let words = self.words;
        if !self.kill || !self.forces_here {
            return false;
        }
        // ("Salcido, a former state police investigator, was killed": no longer a force.)
        let forces_alone = |before: &[&str]| {
            has(before, &FORCES)
                && !has(before, &["former", "ex", "retired", "retirado", "retirada"])
                && !before.iter().any(|w| {
                    numbers::is_number(w)
                        || is(w, &PLURAL_VICTIMS)
                        || is(w, &FINDING)
                        || is_in(w, &PERSON_IX) && !is_in(w, &FORCES_IX) && !is_in(w, &OFFICIALS_IX)
                })
        };
        // "un agente de la Policía Municipal de Cajeme fue asesinado": the force told
        // just before a passive killing, with no one else named.
        if deaths::passive_killing(words)
            .is_some_and(|q| forces_alone(&words[q.saturating_sub(9)..q - 1]))
        {
            return true;
        }
        // A headline's label before its colon ("Pájaros Sierra vs CJNG: Police
        // Commissioner of Tizapán Killed…") is not its subject: read from the clause's
        // start, then from after the label.
        let toks = &self.r.clause.toks;
        let label_end = (0..toks.len().min(6))
            .find(|&k| toks[k].sep_after)
            .map_or(0, |k| k + 1);
        let from = |start: usize| {
            let Some(p) = (start + 1..words.len().min(start + 8)).find(|&p| {
                is_in(words[p], &KILL_IX) && !is(words[p], &KILL_NOUNS)
                    || deaths::death_at(words, p)
            }) else {
                return false;
            };
            // Nothing after the verb, or where, how or by whom: not an object ("Police
            // killed two gunmen").
            let passive = words.get(p + 1).is_none_or(|w| {
                matches!(
                    *w,
                    "in" | "at"
                        | "near"
                        | "on"
                        | "during"
                        | "after"
                        | "by"
                        | "while"
                        | "dead"
                        | "to"
                        | "en"
                        | "por"
                        | "durante"
                        | "tras"
                        | "cerca"
                        | "al"
                        | "a"
                )
            });
            // "Militares abaten a 12 presuntos delincuentes", "abaten en Tamaulipas a 12 del
            // cártel": the Spanish object, past the place (not the means: "a balazos").
            let k = crate::measures::after_means_and_place(words, p + 1);
            let object = matches!(words.get(k), Some(&"a") | Some(&"al"))
                && (k == p + 1 || words.get(p + 1) == Some(&"en"));
            passive && !object && forces_alone(&words[start..p])
        };
        from(0) || label_end > 0 && from(label_end)
    }

    /// Forces as the dead ("Cinco militares murieron", "three soldiers were killed").
    fn forces_killed(&self) -> bool {
        if self.force_killed_in_passive() {
            return true;
        }
        self.forces_counted("fatalities")
            || self.dead_were_forces()
            || self.forces_along()
            || self.head_of_forces_killed()
    }

    /// "killed the acting chief of Mexico's Federal Preventive Police", "asesinan al jefe de
    /// la policía municipal": the head of a force, the verb's object.
    fn head_of_forces_killed(&self) -> bool {
        let words = self.words;
        self.kill
            && (0..words.len()).any(|p| {
                is_in(words[p], &KILL_IX)
                    && !is(words[p], &KILL_NOUNS)
                    && words[p + 1..(p + 5).min(words.len())]
                        .iter()
                        .position(|w| matches!(*w, "chief" | "head" | "jefe" | "titular"))
                        .is_some_and(|h| {
                            let h = p + 1 + h;
                            matches!(words.get(h + 1), Some(&"of") | Some(&"de") | Some(&"del"))
                                && words[h + 2..(h + 7).min(words.len())]
                                    .iter()
                                    .any(|w| is_in(w, &FORCES_IX))
                        })
            })
    }

    /// Forces killed along with the victim: "has been killed along with three of his police
    /// escorts", "junto con dos policías".
    fn forces_along(&self) -> bool {
        let words = self.words;
        self.kill
            && (1..words.len()).any(|k| {
                crate::measures::along_with(words[k - 1], words[k])
                    && words[k + 1..(k + 7).min(words.len())]
                        .iter()
                        .take_while(|w| {
                            !matches!(
                                **w,
                                "when"
                                    | "cuando"
                                    | "after"
                                    | "tras"
                                    | "by"
                                    | "por"
                                    | "in"
                                    | "en"
                                    | "during"
                                    | "durante"
                            )
                        })
                        .any(|w| is_in(w, &FORCES_IX))
            })
    }

    /// The dead counted were forces: "Twelve people found shot dead … were off-duty federal
    /// police agents", "los 12 cuerpos … eran de policías federales".
    fn dead_were_forces(&self) -> bool {
        let words = self.words;
        self.r.measures.iter().any(|(m, _, at)| {
            *m == "fatalities"
                && (at + 1..words.len()).any(|q| {
                    matches!(words[q], "were" | "eran")
                        && words[q + 1..(q + 5).min(words.len())]
                            .iter()
                            .any(|w| is_in(w, &FORCES_IX))
                })
        })
    }

    /// Forces are what the clause counts as `measure`: "two officers were killed", "un
    /// policía resultó herido".
    fn forces_counted(&self, measure: &str) -> bool {
        let words = self.words;
        let clause = self.r.clause;
        self.r.measures.iter().any(|(m, _, at)| {
            if *m != measure {
                return false;
            }
            // Skip the number's own words and "members of the", "elementos de la"; and
            // the one joined first ("killing him and three of the officers").
            let mut k = at + 1;
            if matches!(words[*at], "him" | "her") && words.get(k) == Some(&"and") {
                k += 1;
                if words
                    .get(k)
                    .is_some_and(|w| matches!(*w, "his" | "her" | "their"))
                {
                    k += 1;
                }
            }
            while k < words.len() && numbers::is_number(words[k]) {
                k += 1;
            }
            while k < words.len() && k < at + 6 && is(words[k], &DEAD_FORCES_SKIP) {
                k += 1;
            }
            k < words.len()
                && (is_in(words[k], &FORCES_IX)
                    || clause.actor_spans.iter().any(|&(a, _)| {
                        a == k
                            && found_actors_after(&clause.toks, k.saturating_sub(1))
                                .first()
                                .is_some_and(|x| is_force(x) && *x != "Federal government")
                    }))
        })
    }

    /// A drone attack or an explosive attack.
    fn bomb(&self, kinds: &mut Vec<EventKind>) {
        let (words, deeds) = (self.words, &self.deeds);
        // Drones flown to search, watch or film ("used drones to search for the missing")
        // attack nothing.
        let drone_use = || has(words, &DRONE_USE_WORDS) && !has(words, &DRONE_ATTACK_WORDS);
        // "seized 17 rifles, ammunition and two drones", "se aseguraron cinco armas largas,
        // entre ellas un fusil Barrett calibre .50, y un dron": drones taken attack nothing.
        // "shot down five drones", "derribaron dos drones": drones downed attack nothing.
        let seized = |p: usize| {
            let before = &words[p.saturating_sub(16)..p];
            before
                .iter()
                .any(|w| is(w, &SEIZURE) || is(w, &DRONES_DOWNED))
                || has_seq(before, &["shot"], &["down"])
        };
        // "al activarse una mina", "stepped on a landmine", "a mine exploded": a mine that
        // went off (not a mine that is dug: "minas de hierro").
        let mine_blast = || {
            (0..words.len()).any(|p| {
                is(words[p], &MINE_WORDS)
                    && words[p.saturating_sub(3)..(p + 3).min(words.len())]
                        .iter()
                        .any(|w| is(w, &MINE_TRIGGERS))
            })
        };
        // "Gunmen with rifles and grenades attacked…", "armados con fusiles y granadas": the
        // explosives are among the arms the attackers carried, not the attack's means.
        let carried = |p: usize| {
            p >= 2
                && matches!(words[p - 1], "and" | "y")
                && is(words[p - 2], &WEAPON_UNITS)
                && words[p.saturating_sub(5)..p - 2]
                    .iter()
                    .any(|w| matches!(*w, "with" | "con" | "armed" | "armados"))
        };
        // ("hallaron … doce artefactos explosivos diseñados para lanzarse desde drones": the
        // forces found them.)
        if deeds.trig(&DRONE).is_some_and(|p| !seized(p))
            && !drone_use()
            && !self.forces_find_goods()
        {
            kinds.push(EventKind::DroneAttack);
        } else if deeds.trig(&EXPLOSIVE).is_some_and(|p| {
            !carried(p) && has(words, &EXPLOSIVE_ATTACK_WORDS)
                // "homemade bombs that killed six people", "una bomba mató a dos": the
                // explosive kills or wounds.
                || words[p + 1..(p + 5).min(words.len())]
                    .iter()
                    .any(|w| is_in(w, &KILL_IX) || is(w, &WOUND))
                // "a car bomb that prosecutors attributed to La Línea … killed a federal
                // police officer": past a relative clause on the bomb.
                || matches!(words.get(p + 1), Some(&("that" | "which" | "que")))
                    && words[p + 2..]
                        .iter()
                        .any(|w| is_in(w, &KILL_IX) && !is(w, &KILL_NOUNS) || is(w, &WOUND))
                // "Explosive devices planted along a dirt road in Tlajomulco …, killed six":
                // the explosive is the clause's subject.
                || p < 3
                    && words[p + 1..]
                        .iter()
                        .any(|w| is_in(w, &KILL_IX) && !is(w, &KILL_NOUNS) || is(w, &WOUND))
        }) && !unexploded(words)
            || mine_blast()
        {
            kinds.push(EventKind::ExplosiveAttack);
        }
    }

    /// A road blockade (or a protest that blocks a road), and arson.
    fn roads(&self, kinds: &mut Vec<EventKind>) {
        let (words, deeds) = (self.words, &self.deeds);
        // What a blockade verb blocks may follow a span of time ("bloquearon durante cinco
        // horas la carretera federal 180").
        let blocked = |p: usize| &words[p..(p + 10).min(words.len())];
        let blocked_at = deeds.trig(&BLOCKADE);
        // "el bloqueo de las cuentas bancarias", "a blockade in Mexico's courts": a
        // blockade of something other than roads.
        let not_roads = |p: usize| has(blocked(p), &NOT_ROADS_BLOCKED) && !has(blocked(p), &ROADS);
        // "residents had closed off a street for the feast": closing a street blocks a
        // road only for a group, with vehicles or on a highway.
        // "soldiers closed the highway": the forces' cordon is no blockade.
        let forces_closed = |p: usize| {
            matches!(words[p], "closed" | "cerraron")
                && words[p.saturating_sub(3)..p]
                    .iter()
                    .any(|w| is_in(w, &FORCES_IX))
        };
        let closed_street = |p: usize| {
            forces_closed(p)
                || matches!(words[p], "closed" | "cerraron")
                    && !has(blocked(p), &HIGHWAYS)
                    && !has(words, &VEHICLES)
                    && self.r.group_here.is_none()
        };
        // "dragged a block on La Pedrera Boulevard", "two blocks from": a city block.
        let city_block = |p: usize| {
            matches!(words[p], "block" | "blocks")
                && p > 0
                && (matches!(words[p - 1], "a" | "one" | "the" | "city")
                    || numbers::is_number(words[p - 1]))
        };
        let blockade = blocked_at.is_some_and(|p| {
            !city_block(p)
                && (is(words[p], &BLOCKADE_NOUNS) && !not_roads(p)
                    || has(blocked(p), &ROADS) && !closed_street(p))
        });
        // "set cars on fire to block roads", "quemaron camiones para bloquear la carretera":
        // vehicles burned as the means of a blockade make the blockade.
        // "hijacked buses and trucks and set them on fire on highways": vehicles burned
        // on the highways block them.
        let blockade = blockade
            // "set fire to 25 vehicles … at 16 points across the state": vehicles burned
            // at many points at once are a blockade's.
            || (0..words.len().saturating_sub(2)).any(|k| {
                // "en al menos 12 puntos", "at least at 16 points".
                let k1 = if matches!(
                    (words.get(k + 1), words.get(k + 2)),
                    (Some(&"al"), Some(&"menos")) | (Some(&"at"), Some(&"least"))
                ) {
                    k + 3
                } else {
                    k + 1
                };
                matches!(words[k], "at" | "en")
                    && crate::numbers::number_at(words, k1).is_some_and(|(n, j)| {
                        n >= 2.0 && words.get(j).is_some_and(|w| is(w, &BLOCKADE_POINTS))
                    })
            }) && has(words, &VEHICLES)
                && has(words, &ARSON)
            || ((1..words.len()).any(|p| {
                matches!(words[p - 1], "to" | "para")
                    && is(words[p], &BLOCK_VERBS)
                    && (has(&words[p..(p + 4).min(words.len())], &ROADS)
                        || has(&words[p..(p + 4).min(words.len())], &BLOCKED_PASSAGE))
            }) || (0..words.len()).any(|k| {
                matches!(words[k], "on" | "en" | "sobre" | "across")
                    && words[k + 1..(k + 3).min(words.len())]
                        .iter()
                        .find(|w| !matches!(**w, "the" | "la" | "el" | "las" | "los"))
                        .is_some_and(|w| {
                            is(w, &HIGHWAYS)
                                // "buses and trucks burning across intersections".
                                || words[k] == "across"
                                    && is(w, &["intersection*", "streets", "avenues"])
                        })
            })) && has(words, &VEHICLES)
                && (has(words, &ARSON) || has(words, &HIJACK_VERBS))
                // Not "cuatro cuerpos … dentro de una camioneta incendiada sobre la
                // carretera": a vehicle burned with the dead, left on the road.
                && self.r.death.is_none();
        let demand = has(words, &DEMAND_WORDS);
        if blockade && demand && !has(words, &VEHICLES) && self.r.group_here.is_none() {
            kinds.push(EventKind::Protest);
            // Protesters who close a highway also block a road; a street closed in a
            // march is the protest alone.
            if blocked_at.is_some_and(|p| has(blocked(p), &HIGHWAYS)) {
                kinds.push(EventKind::RoadBlockade);
            }
        } else if blockade {
            kinds.push(EventKind::RoadBlockade);
        }
        // "fire" as in gunfire ("opened fire", "under fire", "abrieron fuego") is not arson.
        // "armas de fuego": firearms.
        let gunfire = |p: usize| {
            p > 0 && is(words[p - 1], &GUNFIRE_BEFORE)
                || p > 1 && words[p - 1] == "de" && matches!(words[p - 2], "arma" | "armas")
                || matches!(words[p], "fire" | "fuego")
                    && p + 1 < words.len()
                    && is(words[p + 1], &["on", "at", "contra"])
        };
        let arson_at = (0..words.len()).find(|&p| {
            is(words[p], &ARSON) && !deeds.negated(p) && !deeds.reference(p) && !gunfire(p)
        });
        // "They locate two charred vehicles", "localizan dos vehículos calcinados": vehicles
        // found burned were set on fire.
        let charred_vehicles = || {
            (0..words.len()).any(|k| {
                is(words[k], &CHARRED)
                    && (words.get(k + 1).is_some_and(|w| is(w, &VEHICLES))
                        || k > 0 && is(words[k - 1], &VEHICLES))
            }) && !has(
                words,
                &[
                    "body", "bodies", "cuerpo*", "cadaver*", "restos", "remains", "corpse*",
                ],
            )
        };
        if arson_at.is_none() && !blockade && charred_vehicles() {
            kinds.push(EventKind::Arson);
        }
        if let Some(p) = arson_at {
            // ("Dos tiendas de conveniencia fueron atacadas a balazos e incendiadas": the
            // passive's subject far before.)
            let passive = words[p.saturating_sub(8)..p]
                .iter()
                .any(|w| matches!(*w, "fueron" | "fue" | "were" | "was"))
                && ["adas", "ados", "ed"].iter().any(|e| words[p].ends_with(e));
            let back = if passive { 10 } else { 6 };
            let objects = &words[p.saturating_sub(back)..(p + 6).min(words.len())];
            let premises = has(objects, &PREMISES);
            let vehicles = has(objects, &VEHICLES);
            if premises || (vehicles && !blockade) {
                kinds.push(EventKind::Arson);
            }
        }
    }

    /// The seizure verb at `p` takes people, a kidnapping: "seized nine soldiers", a
    /// hostage, one person ("armed men seized her", "seized a doctor") or a person the
    /// passive's subject with no goods named ("His brother-in-law … was seized too").
    fn people_seized(&self, p: usize) -> bool {
        let words = self.words;
        // "seized five El Siglo employees": a count, then up to a name's words before the
        // people.
        let reach = if words.get(p + 1).is_some_and(|w| numbers::is_number(w)) {
            6
        } else {
            4
        };
        let taken = &words[p + 1..(p + reach).min(words.len())];
        let person_seized = p > 0
                && matches!(words[p - 1], "was" | "were")
                && words[..p].iter().any(|w| {
                    // "brother-in-law": its first part.
                    let w = w.split('-').next().unwrap_or(w);
                    is_in(w, &PERSON_IX) || is(w, &PEOPLE)
                })
                && !has(words, &GOODS_TAKEN)
                // "Eight people were arrested, … and rifles and ammunition were seized".
                && !has(words, &WEAPON_UNITS)
                && !has(words, &["ammunition", "cartuchos", "municiones", "drugs", "droga*"])
                && !self.r.measures.iter().any(|(m, _, _)| {
                    matches!(*m, "drugs_kg" | "pills" | "weapons" | "usd" | "mxn")
                });
        let one_seized = words
            .get(p + 1)
            .is_some_and(|w| matches!(*w, "him" | "her"))
            || taken.iter().take(3).any(|w| is_in(w, &PERSON_IX));
        has(words, &["hostage*", "rehen*"])
            || person_seized
            || ((has(taken, &PEOPLE) || one_seized) && !has(taken, &GOODS_TAKEN))
    }

    /// An extradition, an arrest or a leader's capture, a seizure (or people seized).
    fn custody(&self, kinds: &mut Vec<EventKind>) {
        let (words, deeds) = (self.words, &self.deeds);
        // "handed 11 fugitives to the United States", "entregó a Estados Unidos".
        // Mexican forces handing people or drugs over are no government sending them
        // ("soldiers handed the detainees to…"); U.S. forces are something else ("as Trump
        // keeps up threats of U.S. military action").
        let mexican_forces = || {
            (0..words.len()).any(|k| {
                is_in(words[k], &FORCES_IX)
                    && !(k > 0 && is(words[k - 1], &["s", "us", "american", "estadounidense*"]))
                    // "el agente de la DEA Enrique Camarena": a U.S. agency's.
                    && !us_agency(&words[k + 1..(k + 4).min(words.len())])
            })
        };
        let handed = deeds.trig(&HANDED_VERBS).is_some_and(|p| {
            let after = &words[p + 1..(p + 12).min(words.len())];
            has_seq(after, &["united"], &["states"])
                || has_seq(after, &["estados"], &["unidos"])
                || has(after, &US_ABBREVIATIONS)
        }) && !mexican_forces()
            // "has sent 55 … this year": a balance over a period is a figure, not one
            // transfer ("sent 29 … on Tuesday, the second such transfer this year").
            && !(has(words, &["has", "have", "ha", "han"])
                && (has_seq(words, &["this"], &["year"])
                    || has_seq(words, &["so"], &["far"])
                    || has_seq(words, &["va"], &["del", "el"])
                    || has(words, &["sexenio"])));
        if deeds
            .trig(&EXTRADITION)
            .is_some_and(|p| !extradition_granted(words, p))
            || handed
        {
            kinds.push(EventKind::Extradition);
        } else if let Some(p) = (0..words.len())
            .find(|&p| {
                // "ha derivado en 322 detenciones": arrests counted by the score, a tally.
                // (In the present perfect: "made 25 arrests in a raid" is one operation.)
                let tallied = words[p].ends_with('s')
                    && p > 0
                    && words
                        .iter()
                        .any(|w| matches!(*w, "ha" | "han" | "has" | "have"))
                    && crate::numbers::number_at(words, p - 1).is_some_and(|(n, _)| n >= 20.0);
                is(words[p], &ARREST)
                    && !tallied
                    && deeds.tells(p)
                    && !deeds.warrant(p)
                    && !self.sought(p)
                    // "detuvo las dos camionetas de la GN": vehicles stopped, no one arrested.
                    && !words[p + 1..(p + 4).min(words.len())]
                        .iter()
                        .any(|w| is(w, &VEHICLES))
                    // "Official numbers capture only part of the toll", "the cameras
                    // captured the attack": a record, not an arrest.
                    && (p == 0 || !is(words[p - 1], &RECORDS))
            })
            // "was caught by police" ("caught fire", "caught in the crossfire" are not).
            .or_else(|| {
                deeds.trig(&["caught"]).filter(|&p| {
                    words.get(p + 1) == Some(&"by")
                        || (p > 0 && matches!(words[p - 1], "was" | "were" | "been"))
                            && !matches!(words.get(p + 1), Some(&"in") | Some(&"fire"))
                })
            })
        {
            kinds.push(if never_seen_again(&words[p + 1..]) {
                // "fue detenido por policías estatales y nunca volvió a aparecer",
                // "taken into custody and never seen again": a forced disappearance.
                EventKind::Disappearance
            } else if (self.leaders.word || self.leaders.son || self.leaders.near(p))
                && !with_the_one_told(&words[..p])
            {
                EventKind::LeaderCaptured
            } else {
                EventKind::Arrest
            });
        }
        // "aseguró que" is "he asserted that", and "aseguran trabajar" "they say they work":
        // not a seizure.
        if let Some(p) = deeds.trig(&SEIZURE).filter(|&p| {
            // "…quedan descabezados, aseguró Rubido": said at the clause's end.
            let said_at_end = is(words[p], &["asegur*"]) && p + 2 >= words.len();
            // "…abrieron fuego, aseguró Estanislao Beltrán, vocero de…": the speaker's name
            // set off by a comma after the verb.
            let toks = &self.r.clause.toks;
            let said_by = is(words[p], &["asegur*"])
                && p > 0
                && toks.get(p + 1).is_some_and(|t| t.cap && !t.sep_after)
                && toks.get(p + 2).is_some_and(|t| t.cap)
                && (p + 2..(p + 4).min(toks.len())).any(|k| toks[k].sep_after)
                && !words[p + 1..(p + 4).min(words.len())]
                    .iter()
                    .any(|w| numbers::is_number(w));
            // "trucks seized from their drivers": taken from people, hijacked.
            let taken_from = words.get(p + 1) == Some(&"from");
            !said_at_end
                && !said_by
                && !taken_from
                && !(is(words[p], &["asegur*"])
                    && (words
                    .get(p + 1)
                    .is_some_and(|w| *w == "que" || infinitive(w) || *w == "estar")
                    // "aseguró en redes sociales que…": asserted.
                    || words[p + 1..(p + 6).min(words.len())].contains(&"que")
                        && !words[p + 1..(p + 6).min(words.len())]
                            .iter()
                            .any(|w| numbers::is_number(w))))
        }) {
            let taken = &words[p + 1..(p + 4).min(words.len())];
            if self.people_seized(p) {
                kinds.push(EventKind::Kidnapping);
            } else if !place_taken(taken) {
                kinds.push(EventKind::Seizure);
            }
        }
        let goods = || {
            self.r
                .measures
                .iter()
                .any(|(m, _, _)| matches!(*m, "drugs_kg" | "pills" | "weapons"))
        };
        // "Police recovered 54 guns": goods recovered were seized.
        if !kinds.contains(&EventKind::Seizure)
            && deeds
                .trig(&["recovered", "recupera*", "recupero"])
                .is_some()
            && goods()
        {
            kinds.push(EventKind::Seizure);
        }
        // "The eight are in custody", "taken into custody": people held by the forces.
        if !kinds.iter().any(|k| {
            matches!(
                k,
                EventKind::Arrest | EventKind::LeaderCaptured | EventKind::Disappearance
            )
        }) && (2..words.len()).any(|p| {
            words[p] == "custody"
                && (words[p - 1] == "in" && matches!(words[p - 2], "are" | "were" | "is" | "was")
                    || words[p - 1] == "into" && matches!(words[p - 2], "taken" | "placed"))
        }) {
            kinds.push(EventKind::Arrest);
        }
        // "detained three men carrying 40 kilos of fentanyl", "desarmaron y arrestaron a 30
        // policías comunitarios que portaban armas largas": what they carried was seized.
        // (Not a charge: "detained … for drug dealing or carrying weapons".)
        let carried_arms = || {
            (0..words.len()).any(|k| {
                is(
                    words[k],
                    &["portaban", "portaba", "carrying", "desarmaron", "disarmed"],
                ) && !words[k.saturating_sub(4)..k]
                    .iter()
                    .any(|w| matches!(*w, "for" | "por"))
            }) && has(words, &WEAPON_CUES)
        };
        if kinds.contains(&EventKind::Arrest)
            && !kinds.contains(&EventKind::Seizure)
            && (self
                .r
                .measures
                .iter()
                .any(|(m, _, _)| matches!(*m, "drugs_kg" | "pills" | "weapons"))
                || carried_arms())
        {
            kinds.push(EventKind::Seizure);
        }
    }

    /// A capture spoken of as a goal, a reward's object or a means ("his capture had been a
    /// priority", "a reward for his capture", "the capture relied on US intelligence"): no
    /// arrest told.
    fn sought(&self, p: usize) -> bool {
        let words = self.words;
        // "exigir la liberación de detenidos": people held earlier, no arrest told.
        let freed = p >= 2
            && matches!(words[p - 1], "de" | "of" | "los" | "the")
            && words[p.saturating_sub(4)..p]
                .iter()
                .any(|w| is(w, &RELEASE_WORDS));
        freed || is(words[p], &CAPTURE_NOUNS) && has(words, &SOUGHT_WORDS)
    }

    /// A kidnapping, a disappearance.
    fn people_taken(&self, kinds: &mut Vec<EventKind>) {
        let (words, deeds) = (self.words, &self.deeds);
        // "privada de la libertad", "held captive", "retuvieron a diez policías": people
        // held against their will.
        let held = || {
            words.contains(&"libertad")
                && words.windows(4).any(|w| {
                    w[3] == "libertad"
                        && w[1] == "de"
                        && matches!(w[2], "la" | "su" | "sus")
                        && is(w[0], &["privad*"])
                })
                || words.iter().any(|w| is_in(w, &HELD_IX))
                    && deeds.trig(&HELD_WORDS).is_some_and(|p| {
                        // "habitantes de una colonia retuvieron a dos hombres a quienes
                        // acusaron de robar": residents holding suspects, no kidnapping
                        // (residents holding police or officials are one).
                        let residents = words[p.saturating_sub(6)..p].iter().any(|w| {
                            matches!(
                                *w,
                                "habitantes" | "vecinos" | "pobladores" | "residents" | "villagers"
                            )
                        });
                        !residents
                            || words[p + 1..(p + 6).min(words.len())]
                                .iter()
                                .any(|w| is_in(w, &FORCES_IX) || is_in(w, &OFFICIALS_IX))
                    })
        };
        // "a gang of kidnappers", "marches against kidnapping", "contra el secuestro": the
        // ones who kidnap, or the crime named, are no kidnapping told.
        // "724 víctimas de secuestro", "victims of kidnapping": a statistic's count.
        let statistic = |p: usize| {
            p >= 3
                && matches!(words[p - 1], "de" | "of")
                && matches!(words[p - 2], "victimas" | "victims")
                && crate::numbers::number_at(words, p - 3).is_some_and(|(n, _)| n >= 50.0)
        };
        // "Dos de los secuestrados siguen sin ser localizados": the people taken, named.
        let named_taken = |p: usize| {
            p > 0
                && matches!(words[p - 1], "los" | "las")
                && (words[p].ends_with("dos") || words[p].ends_with("das"))
        };
        let kidnap_told = || {
            (0..words.len()).any(|p| {
                is(words[p], &KIDNAP)
                    && deeds.tells(p)
                    && !statistic(p)
                    && !named_taken(p)
                    && !words[p].starts_with("kidnapper")
                    && !words[p].starts_with("secuestrador")
                    && !words[p.saturating_sub(2)..p]
                        .iter()
                        .any(|w| matches!(*w, "against" | "contra" | "anti"))
                    && !own_claim(words, p)
            })
        };
        if (kidnap_told() || held() || forced_into_a_vehicle(words))
            && !kinds.contains(&EventKind::Kidnapping)
        {
            kinds.push(EventKind::Kidnapping);
        }
        // "More than 100,000 people are registered as missing in Mexico", "hay más de 33
        // mil personas desaparecidas": a registry's count of thousands is a tally.
        let thousands = (0..words.len()).any(|k| {
            crate::numbers::number_at(words, k).is_some_and(|(v, _)| v >= 1000.0)
                && !(words[k].len() == 4
                    && k > 0
                    && matches!(words[k - 1], "in" | "en" | "de" | "since" | "desde"))
        });
        // "se desconoce su paradero", "their whereabouts are unknown".
        let whereabouts_unknown = (0..words.len()).any(|p| {
            matches!(words[p], "paradero" | "whereabouts")
                && has(
                    &words[p.saturating_sub(3)..(p + 4).min(words.len())],
                    &UNKNOWN_WORDS,
                )
        });
        // "buscar a los desaparecidos", "mothers of the missing": the missing named as a
        // group, no disappearance told (unless the clause counts them).
        let counted = self.r.measures.iter().any(|(m, _, _)| *m == "people");
        let told = (0..words.len()).any(|p| {
            is(words[p], &DISAPPEAR)
                && deeds.tells(p)
                && (counted
                    || !(is(words[p], &MISSING_NOUNS)
                        && p > 0
                        && matches!(
                            words[p - 1],
                            "los" | "las" | "the" | "sus" | "de" | "of" | "their"
                        )))
        });
        // "left her house for work on Monday and has not been heard from since", "no se
        // sabe nada de él": someone gone without a trace (a detainee so gone is coded above).
        let unheard = || {
            words.windows(4).any(|w| {
                matches!(w[0], "not" | "never")
                    && w[1] == "been"
                    && matches!(w[2], "heard" | "seen")
                    && matches!(w[3], "from" | "since" | "again")
                    || w[0] == "no"
                        && w[1] == "se"
                        && matches!(w[2], "sabe" | "supo" | "ha")
                        && matches!(w[3], "nada" | "sabido")
            }) && !kinds.iter().any(|k| {
                matches!(
                    k,
                    EventKind::Disappearance | EventKind::Arrest | EventKind::LeaderCaptured
                )
            })
        };
        if (told || whereabouts_unknown || unheard()) && !thousands {
            kinds.push(EventKind::Disappearance);
        }
    }

    /// A killing: a leader's, a massacre or a homicide, unless a fight or a bomb told in the
    /// clause holds the deaths.
    fn killing(&self, kinds: &mut Vec<EventKind>) {
        let (words, deeds) = (self.words, &self.deeds);
        let measures = &self.r.measures;
        // A bomb or a drone is the attack's kind, whoever it targeted.
        if kinds
            .iter()
            .any(|k| matches!(k, EventKind::ExplosiveAttack | EventKind::DroneAttack))
        {
            kinds.retain(|k| !matches!(k, EventKind::AttackOnForces | EventKind::ArmedClash));
        }
        let absorbs = kinds.iter().any(|k| {
            matches!(
                k,
                EventKind::AttackOnForces
                    | EventKind::ArmedClash
                    | EventKind::ExplosiveAttack
                    | EventKind::DroneAttack
                    | EventKind::LeaderCaptured
            )
        });
        let kill_at = (0..words.len())
            .find(|&p| {
                is_in(words[p], &KILL_IX)
                    && !is(words[p], &KILL_NOUNS)
                    && !deeds.negated(p)
                    && !deeds.attempt(p)
            })
            .or(self.r.death);
        let has_fatalities = measures.iter().any(|(m, _, _)| *m == "fatalities");
        // "dos agentes de la Policía Ministerial murieron emboscados": forces counted as
        // the dead are no leader, whoever the clause names.
        // The leader word near the killing: far from it, the leader is someone else
        // ("gunmen … killed dozens … in revenge for what the gang's leaders saw…").
        let leader_word_near = |p: usize| {
            words[p.saturating_sub(12)..(p + 15).min(words.len())]
                .iter()
                .any(|w| is(w, &LEADER))
        };
        let leader = match kill_at {
            Some(p) => self.leaders.word && leader_word_near(p) || self.leaders.near(p),
            None => self.leaders.word,
        } && !self.forces_killed();
        if self.kill && leader {
            kinds.retain(|k| !matches!(k, EventKind::ArmedClash | EventKind::AttackOnForces));
            kinds.push(EventKind::LeaderKilled);
        } else if self.kill
            && !absorbs
            && (self.killing_verb || has_fatalities || self.r.lone_killing.is_some())
        {
            let fat = measures
                .iter()
                .find(|(m, _, _)| *m == "fatalities")
                .map(|m| m.1);
            // "Militares abaten a 12 del cártel del Noreste": forces that bring down gunmen
            // fought them.
            let forces_brought_down = kill_at.is_some_and(|p| {
                is(words[p], &["abaten", "abatieron", "abatio", "abate"])
                    && words[p.saturating_sub(4)..p]
                        .iter()
                        .any(|w| is_in(w, &FORCES_IX))
            });
            kinds.push(if leader {
                EventKind::LeaderKilled
            } else if forces_brought_down {
                EventKind::ArmedClash
            } else if has(words, &["massacre*", "masacre*"]) || fat.is_some_and(|f| f >= 4.0) {
                EventKind::Massacre
            } else {
                EventKind::Homicide
            });
        }
    }
}

/// "la SRE concedió la extradición de ambos", "a judge approved his extradition": a
/// decision, not the handover (the extradition word at `p`).
fn extradition_granted(words: &[&str], p: usize) -> bool {
    let grant = [
        "conced*",
        "otorg*",
        "aprob*",
        "autoriz*",
        "grant*",
        "approv*",
        "authoriz*",
    ];
    words[p.saturating_sub(3)..p].iter().any(|w| is(w, &grant))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::*;

    /// Residents holding suspects kidnap no one; gunmen holding police do.
    #[test]
    fn residents_holding_suspects_kidnap_no_one() {
        let c = coded("En otro hecho, la noche del domingo, habitantes de una colonia de Calpulalpan retuvieron a dos hombres a quienes acusaron de intentar robar.");
        assert!(c.events.is_empty(), "{:?}", c.events);
        let c = coded("Hombres armados retuvieron a dos policías en Calpulalpan.");
        assert_eq!(kinds(&c), ["kidnapping"]);
    }

    /// "privado de su libertad" is taken; a U.S. marshal killed is an attack on forces.
    #[test]
    fn deprived_of_liberty_and_a_us_marshal_killed() {
        let c = coded("Un hombre fue privado de su libertad en Guadalajara");
        assert_eq!(kinds(&c), ["kidnapping"]);
        let c = coded(
            "La Jornada: Era marshal de EU el ejecutado del pasado miércoles en Ciudad Juárez",
        );
        assert_eq!(kinds(&c), ["attack_on_forces"]);
    }

    /// "aseguró" with its speaker's name after it is said, no seizure; goods named after it
    /// are seized.
    #[test]
    fn asegurar_with_a_speaker_is_said() {
        let c = coded(
            "Los soldados abrieron fuego, aseguró Estanislao Beltrán, vocero de las autodefensas.",
        );
        assert!(!kinds(&c).contains(&"seizure"), "{:?}", c.events);
        let c = coded("En el operativo la Marina aseguró Cocaína, armas y dinero.");
        assert!(kinds(&c).contains(&"seizure"), "{:?}", c.events);
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
    fn words_of_events_used_otherwise_tell_none() {
        for (text, lang) in [
            (
                "Las autoridades aseguran trabajar para encontrar a los desaparecidos.",
                Lang::Es,
            ),
            (
                "Volunteers used drones to search for the missing in Sonora.",
                Lang::En,
            ),
            ("Madres de desaparecidos marcharon en silencio.", Lang::Es),
        ] {
            let c = code(text, d("2026-03-03"), lang);
            assert!(
                !c.events.iter().any(|e| matches!(
                    e.kind,
                    EventKind::Seizure | EventKind::DroneAttack | EventKind::Disappearance
                )),
                "{text}: {:?}",
                c.events
            );
        }
        let c = code(
            "Un coche bomba explotó frente a la comandancia de Celaya, Guanajuato, y dejó dos muertos.",
            d("2026-03-03"),
            Lang::Es,
        );
        assert_eq!(kinds(&c), ["explosive_attack"]);
        let c = code(
            "Hombres armados desaparecieron a tres jóvenes en Lagos de Moreno.",
            d("2026-03-03"),
            Lang::Es,
        );
        assert_eq!(kinds(&c), ["disappearance"]);
    }

    #[test]
    fn an_official_killed_is_an_attack_on_officials_in_the_office_town() {
        let c = code(
            "El alcalde de Tacámbaro fue asesinado a balazos la noche del domingo.",
            d("2024-03-05"),
            Lang::Es,
        );
        assert_eq!(kinds(&c), ["attack_on_forces"]);
        assert_eq!(c.events[0].state.as_deref(), Some("16"));
        let c = code(
            "Pobladores bloquearon la carretera en Chilpancingo para exigir la liberación de detenidos.",
            d("2024-03-05"),
            Lang::Es,
        );
        assert_eq!(kinds(&c), ["protest", "road_blockade"]);
        let c = code(
            "La Fiscalía informó que en lo que va del año han sido asesinadas 1,200 personas en Guanajuato.",
            d("2024-03-05"),
            Lang::Es,
        );
        assert!(c.events.is_empty(), "{:?}", c.events);
        assert_eq!(c.figures[0].measure, "homicides");
        assert_eq!(c.figures[0].period.as_deref(), Some("2024"));
    }

    #[test]
    fn a_capture_sought_or_rewarded_is_no_arrest() {
        for text in [
            "Oseguera's capture had been a priority for years.",
            "The US offered a reward of $15 million for his capture.",
            "Su captura era el principal objetivo del gobierno.",
        ] {
            let c = code(text, d("2026-03-03"), Lang::Auto);
            assert!(
                !c.events
                    .iter()
                    .any(|e| matches!(e.kind, EventKind::Arrest | EventKind::LeaderCaptured)),
                "{text}: {:?}",
                c.events
            );
        }
        let c = code(
            "Marines captured a cell leader in Reynosa, Tamaulipas.",
            d("2026-03-03"),
            Lang::En,
        );
        assert!(!c.events.is_empty());
    }

    #[test]
    fn an_official_shot_at_past_the_means_and_the_time_is_attacked() {
        let c = coded("Un comando atacó a balazos la tarde de ayer al secretario del Trabajo de Jalisco, Luis Carlos Nájera, en Guadalajara.");
        assert_eq!(kinds(&c), ["attack_on_forces"]);
        assert_eq!(one(&c, EventKind::AttackOnForces).actors, ["Officials"]);
        // "la" alone is no time: "atacó a la víctima" names no official.
        let c = coded("Un comando atacó a balazos a la víctima afuera de su casa en Guadalajara.");
        assert_ne!(kinds(&c), ["attack_on_forces"]);
    }

    #[test]
    fn vehicles_burned_at_crossings_to_block_the_way_are_a_blockade() {
        for text in [
            "Por la noche, presuntos sicarios incendiaron un camión urbano y dos automóviles en tres cruces de Guadalajara, al parecer para bloquear el paso.",
            "Gunmen torched a bus and two cars at three intersections in Guadalajara to block traffic.",
        ] {
            let c = coded(text);
            assert_eq!(kinds(&c), ["road_blockade"], "{text}");
            assert_eq!(c.events[0].measures.get("blockades"), Some(&3.0), "{text}");
        }
        let c = coded("Gunmen blocked Hidalgo Avenue in Reynosa.");
        assert_eq!(
            kinds_and_states("Gunmen blocked Hidalgo Avenue in Reynosa.")[0]
                .1
                .as_deref(),
            Some("28")
        );
        assert_eq!(kinds(&c), ["road_blockade"]);
    }

    #[test]
    fn arms_carried_by_those_arrested_were_seized_but_not_a_charge_of_carrying_them() {
        let c = coded("Las fuerzas de seguridad desarmaron y arrestaron a 30 policías comunitarios que portaban armas largas y cortas en Acapulco.");
        assert_eq!(kinds(&c), ["arrest", "seizure"]);
        let c = coded("Colima's state police detained 112 people under 18 in Colima, most of them for drug dealing or carrying weapons.");
        assert!(!kinds(&c).contains(&"seizure"), "{:?}", kinds(&c));
    }

    #[test]
    fn a_fight_the_government_claimed_is_no_clash_and_valles_de_is_a_neighbourhood() {
        let c = coded("El 5 de septiembre de 2019, policías estatales mataron a ocho personas —cinco hombres y tres mujeres— en la colonia Valles de Anáhuac, en lo que el gobierno de Tamaulipas presentó como un enfrentamiento con integrantes del Cártel del Noreste.");
        assert_eq!(kinds(&c), ["massacre"]);
        // Not Anáhuac, Nuevo León.
        assert_eq!(c.events[0].state.as_deref(), Some("28"));
    }

    #[test]
    fn firearms_a_time_before_being_killed_and_a_groups_repertoire_tell_no_deed() {
        for text in [
            "Un grupo de cuatro hombres y una mujer, que portaban armas de fuego, irrumpió en la vivienda en Temixco.",
            "Horas antes de ser asesinada, publicó en redes sociales un mensaje en Cajeme.",
            "Blockades with burning vehicles have been part of the repertoire of the CJNG and its rivals since at least 2010 in Jalisco.",
        ] {
            let c = coded(text);
            assert!(c.events.is_empty(), "{text}: {:?}", kinds(&c));
        }
        // A year that dates a deed keeps it told beside a marker of rarity.
        let c = coded("It is rare for U.S. government employees to be attacked in Mexico, although gunmen fired at the U.S. consulate in Monterrey and threw a grenade in 2008.");
        assert!(!c.events.is_empty());
    }

    #[test]
    fn forces_fired_on_who_killed_fought_a_clash() {
        let c = coded("On Saturday, the army said soldiers patrolling near Tepuche, in the municipality of Culiacán, had been fired on from a hillside and killed four gunmen.");
        assert_eq!(kinds(&c), ["armed_clash"]);
        let c = coded("Gunmen attacked police in Culiacán and killed two civilians.");
        assert_eq!(kinds(&c)[0], "attack_on_forces");
        // An official killed, named by rank, is attacked; a former one is not an official.
        let c = coded("Gunmen killed the No. 2 security official in Morelia.");
        assert_eq!(kinds(&c), ["attack_on_forces"]);
        let c = coded("Ejecutan a ex funcionario de Gabino Cué en Oaxaca");
        assert_eq!(kinds(&c), ["homicide"]);
        // Coming under fire is being attacked; firing back makes it a fight.
        let c = coded("A National Guard convoy came under fire near Apatzingán on Monday.");
        assert_eq!(kinds(&c), ["attack_on_forces"]);
        let c = coded("State police came under fire from a passing car in Tecomán and shot back.");
        assert_eq!(kinds(&c), ["armed_clash"]);
    }

    #[test]
    fn a_chief_distributor_is_no_leader_and_slrc_is_san_luis_rio_colorado() {
        let c = coded("Los Salazar Chief Distributor El Juanini Gunned Down in SLRC");
        assert_eq!(kinds(&c), ["homicide"]);
        assert_eq!(c.events[0].state.as_deref(), Some("26"));
    }

    #[test]
    fn the_head_of_a_force_killed_is_an_attack_on_it() {
        let c = coded("MEXICO CITY (AP) — A gunman who had been lying in wait inside his home killed the acting chief of Mexico's Federal Preventive Police early Thursday.");
        assert_eq!(kinds(&c), ["attack_on_forces"]);
    }

    #[test]
    fn a_battleground_is_no_battle() {
        let c = coded("Chiapas has become a battleground between the Sinaloa and Jalisco New Generation cartels, which are fighting for smuggling routes.");
        assert!(c.events.is_empty(), "{:?}", kinds(&c));
        assert_eq!(
            kinds(&coded(
                "Rival gangs battled in the streets of Tijuana on Saturday."
            )),
            ["armed_clash"]
        );
    }

    #[test]
    fn an_officer_of_a_rank_is_of_the_forces() {
        let c = coded("Atacan a balazos a un coronel en Culiacán");
        assert_eq!(kinds(&c), ["attack_on_forces"]);
        assert_eq!(c.events[0].actors, ["Army"]);
    }

    #[test]
    fn a_record_of_a_deed_tells_none() {
        for text in [
            "Photos of burned patrol trucks from the Aguililla ambush spread on social media Tuesday.",
            "Videos of the attack on the police convoy spread on social media.",
            "Fotos de las patrullas quemadas circularon en redes sociales.",
        ] {
            assert!(coded(text).events.is_empty(), "{text}: {:?}", kinds(&coded(text)));
        }
    }

    #[test]
    fn statistics_and_the_people_taken_named_tell_no_deed() {
        for text in [
            "El SESNSP contabilizó 724 víctimas de secuestro en Baja California Sur, 11% menos que en 2021.",
            "Dos de los secuestrados siguen sin ser localizados en Tamaulipas.",
            "En Estados Unidos, el intercambio de información con la DEA ha derivado en 322 detenciones.",
        ] {
            assert!(coded(text).events.is_empty(), "{text}: {:?}", kinds(&coded(text)));
        }
        assert_eq!(
            kinds(&coded(
                "Police made 25 arrests in a raid in Tijuana on Tuesday."
            )),
            ["arrest"]
        );
    }

    #[test]
    fn vehicles_found_charred_were_set_on_fire_and_bodies_found_charred_killed() {
        for text in [
            "They locate two charred vehicles near El Hongo, in Tecate",
            "Localizan dos vehículos calcinados en Tecate",
        ] {
            let c = coded(text);
            assert_eq!(kinds(&c), ["arson"], "{text}");
            assert_eq!(
                c.events[0].measures.get("vehicles_burned"),
                Some(&2.0),
                "{text}"
            );
        }
        let c = coded("Hallan dos cuerpos calcinados dentro de un vehículo en Tecate");
        assert_eq!(kinds(&c), ["homicide"]);
    }

    #[test]
    fn forces_that_bring_down_gunmen_fought_them() {
        for text in [
            "Militares abaten en Tamaulipas a 12 del cártel del Noreste",
            "Militares abaten a 12 presuntos delincuentes en Nuevo Laredo",
        ] {
            let c = coded(text);
            assert_eq!(kinds(&c), ["armed_clash"], "{text}");
            assert_eq!(
                c.events[0].measures.get("fatalities"),
                Some(&12.0),
                "{text}"
            );
        }
        // Forces killed in a Spanish passive are still attacked.
        assert_eq!(
            kinds(&coded("Policías asesinados a balazos en Celaya")),
            ["attack_on_forces"]
        );
    }

    #[test]
    fn a_name_of_a_storm_is_no_storm_and_the_head_of_a_cartel_leads_it() {
        let c = coded("Infantes de Marina abatieron en Matamoros a Antonio Ezequiel Cárdenas Guillén, Tony Tormenta, uno de los líderes del cártel del Golfo.");
        assert_eq!(kinds(&c), ["leader_killed"]);
        let c = coded("Militares capturan a Héctor Beltrán Leyva, El H, último de los hermanos al frente del cártel, en un restaurante de San Miguel de Allende, Guanajuato.");
        assert_eq!(kinds(&c), ["leader_captured"]);
    }

    #[test]
    fn combat_between_armed_men_is_a_clash_but_not_a_combat_zone() {
        let c = coded("Armed civilians begin combat in Pitiquito and leave two dead");
        assert_eq!(kinds(&c), ["armed_clash"]);
        assert!(kinds(&coded("Riding in the Combat Zone of Ciudad Juárez")).is_empty());
    }

    #[test]
    fn no_march_and_no_blockade_where_none_was() {
        assert!(kinds(&coded(
            "Tras unos minutos, la caravana dio marcha atrás en Chichihualco."
        ))
        .is_empty());
        let c = coded("Yesenia Lara, a mayoral candidate, was shot dead along with three other people during a campaign march in Texistepec.");
        assert_eq!(kinds(&c), ["massacre"]);
        // The dead found in a burned truck on the road: no blockade.
        let c = coded("El jueves 7 fueron hallados cuatro cuerpos decapitados dentro de una camioneta incendiada sobre la carretera Chilapa-Tlapa.");
        assert_eq!(kinds(&c), ["arson", "massacre"]);
    }

    #[test]
    fn goods_the_forces_find_are_seized_but_not_bodies() {
        for text in [
            "Late Friday, soldiers raided a house in Reynosa and found 414 firearms.",
            "Marinos hallaron 500 kilos de cocaína en Manzanillo.",
            "Mexican soldiers have discovered the largest marijuana plantation ever found in the country near Ensenada.",
        ] {
            assert_eq!(kinds(&coded(text)), ["seizure"], "{text}");
        }
        let c = coded("Soldiers found three bodies in Culiacán.");
        assert!(!kinds(&c).contains(&"seizure"), "{:?}", kinds(&c));
        let c = coded("Residents found a stash of marijuana in Culiacán.");
        assert!(kinds(&c).is_empty(), "{:?}", kinds(&c));
    }

    #[test]
    fn guns_recovered_are_seized_and_people_in_custody_arrested() {
        let c = coded(
            "Police recovered 54 guns and 21 vehicles at different points of Tijuana, Pérez said.",
        );
        assert_eq!(kinds(&c), ["seizure"]);
        let c = coded("The wounded were eight suspected gunmen in Tijuana. The eight are in custody on suspicion of weapons possession.");
        assert!(kinds(&c).contains(&"arrest"), "{:?}", kinds(&c));
        // Bodies recovered are no seizure; following someone into custody is background.
        assert!(
            coded("Firefighters recovered the bodies from the ravine in Zapopan.")
                .events
                .iter()
                .all(|e| e.kind != EventKind::Seizure)
        );
        assert!(coded("Two more brothers followed Benjamín into custody.")
            .events
            .is_empty());
    }

    #[test]
    fn someone_not_heard_from_since_disappeared_and_firefighters_fight_nothing() {
        let c = coded("A young woman left her house in Zapopan for work on Monday morning and has not been heard from since, her relatives say.");
        assert_eq!(kinds(&c), ["disappearance"]);
        let c = coded(
            "Firefighters and a police helicopter had pulled 45 bags from the gorge in Zapopan.",
        );
        assert!(!kinds(&c).contains(&"armed_clash"), "{:?}", kinds(&c));
    }

    #[test]
    fn words_of_deeds_inside_a_name_tell_none() {
        for text in [
            "El crimen ocurrió el Día Internacional de las Víctimas de Desapariciones Forzadas.",
            "La Comisión Nacional de Búsqueda de Personas Desaparecidas informó el lunes.",
        ] {
            assert!(coded(text).events.is_empty(), "{text}");
        }
        // A title-case headline capitalises its deeds.
        let c = coded("Mexico City: He Survived the Plaza Garibaldi 'Mariachi' Attack--Then Executed outside his home");
        assert_eq!(kinds(&c), ["homicide"]);
    }

    #[test]
    fn vehicles_burned_to_block_roads_are_a_blockade() {
        for text in [
            "Cartel gunmen set cars on fire to block roads across Guanajuato on Monday.",
            "Sicarios quemaron camiones para bloquear la carretera en Michoacán.",
            // Vehicles hijacked to block roads block them as burned ones do.
            "Cartel gunmen hijacked buses and trucks to block roads in Michoacán on Tuesday.",
        ] {
            let c = code(text, d("2026-03-03"), Lang::Auto);
            assert_eq!(kinds(&c), ["road_blockade"], "{text}");
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
        // The article after "a" is read past; a state police force by its name.
        let c = coded("Elementos de la Policía Michoacán detuvieron este domingo a los 27 agentes de la Policía Municipal de Ocampo.");
        let e = one(&c, EventKind::Arrest);
        assert_eq!(e.measures.get("arrested"), Some(&27.0));
        assert_eq!(e.actors, ["State police", "Municipal police"]);
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
    fn a_kidnapping_claimed_by_the_one_taken_is_his_claim() {
        for t in [
            "Zambada has said he was kidnapped in Culiacán and forced onto the plane.",
            "Zambada has said one of Guzmán's sons kidnapped him in Culiacán.",
            "Cuén, he writes, \"was killed at the same time and in the same place where I was kidnapped.\"",
        ] {
            assert!(!kinds(&coded(t)).contains(&"kidnapping"), "{t}");
        }
        for t in [
            "Police said he was kidnapped in Culiacán on Monday.",
            "His wife said he was kidnapped in Culiacán on Monday.",
        ] {
            assert_eq!(kinds(&coded(t)), ["kidnapping"], "{t}");
        }
    }

    #[test]
    fn people_taken_and_handed_over() {
        // The one named and the others counted after him.
        let c = coded("Mexico extradited Gulf cartel leader Osiel Cardenas and 14 other suspected drug traffickers to the United States on Friday.");
        assert_eq!(c.events[0].measures.get("people"), Some(&15.0));
        let c = coded("La policía detuvo en Culiacán a Juan Pérez y a otras cuatro personas.");
        assert_eq!(c.events[0].measures.get("arrested"), Some(&5.0));
        let c = coded("Police arrested two men and three others in Culiacán.");
        assert_ne!(c.events[0].measures.get("arrested"), Some(&4.0));
        // One taken with companions counted.
        let c = coded("Gómez fue secuestrado en Morelia el domingo junto con dos empresarios.");
        assert_eq!(c.events[0].measures.get("people"), Some(&3.0));
        let c = code(
            "Gunmen seized five soldiers in Michoacán on Sunday.",
            d("2020-01-07"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["kidnapping"]);
        assert_eq!(c.events[0].measures.get("people"), Some(&5.0));
        let c = coded("Gunmen seized 16 employees of the state security ministry in Chiapas.");
        assert_eq!(kinds(&c), ["kidnapping"]);
        // Numbers or cameras that capture record; they arrest no one.
        for t in [
            "Official numbers capture only part of the toll in Chiapas.",
            "Security cameras captured the attack in Culiacán.",
        ] {
            assert!(!kinds(&coded(t)).contains(&"arrest"), "{t}");
        }
        // A person the subject of a passive seizure, with no goods, is taken too.
        let c = coded("His brother-in-law Luis Widmar, who ran over to help, was seized too.");
        assert_eq!(kinds(&c), ["kidnapping"]);
        let c = coded("A man was seized with two kilos of cocaine in Culiacán.");
        assert!(!kinds(&c).contains(&"kidnapping"));
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
    fn a_highway_blocked_to_demand_something_is_a_protest_and_a_blockade() {
        let c = code(
            "Relatives of missing students blocked a highway in Oaxaca on Monday to demand their return.",
            d("2023-06-13"),
            Lang::Auto,
        );
        assert!(kinds(&c).contains(&"protest"), "{:?}", c.events);
        assert!(kinds(&c).contains(&"road_blockade"), "{:?}", c.events);
        assert!(
            c.events.iter().all(|e| e.actors == ["Civilians"]),
            "{:?}",
            c.events
        );
        let c = code(
            "Familiares de siete jóvenes desaparecidos bloquearon la avenida Costera este lunes para exigir su búsqueda.",
            d("2020-02-11"),
            Lang::Auto,
        );
        assert!(kinds(&c).contains(&"protest"), "{:?}", c.events);
        assert!(!kinds(&c).contains(&"road_blockade"), "{:?}", c.events);
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
        // Crossfire between two sides is their fight; its bystander dead are its toll.
        let c = code(
            "On Friday the group was caught in crossfire between two armed groups in Matamoros; a woman was killed by a stray bullet.",
            d("2023-03-08"),
            Lang::Auto,
        );
        assert_eq!(kinds(&c), ["armed_clash"]);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&1.0));
        // A right to protest is no protest.
        let c = coded("López Obrador said the United States had every right to protest.");
        assert!(c.events.is_empty(), "{:?}", c.events);
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
        // Grenades the gunmen carried with their rifles are no bomb attack.
        let k = kinds_and_states(
            "Gunmen with rifles and grenades attacked federal police stations in Morelia, Michoacán, on Saturday, killing three officers.",
        );
        assert_eq!(k, vec![(EventKind::AttackOnForces, Some("16".into()))]);
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

    fn told(text: &str, lang: Lang) -> Vec<EventKind> {
        let c = clause(text);
        let r = Reading::new(&c, &[], lang);
        let l = Leaders::new(&r, &[]);
        kinds_in(&r, &l, lang).kinds
    }

    #[test]
    fn kinds_come_one_per_family_in_order() {
        assert_eq!(
            told(
                "Gunmen ambushed soldiers and set fire to two trucks",
                Lang::En
            ),
            [EventKind::AttackOnForces, EventKind::Arson]
        );
        assert_eq!(
            told(
                "Police detained three men carrying 40 kilos of cocaine",
                Lang::En
            ),
            [EventKind::Arrest, EventKind::Seizure]
        );
        // Deaths in a clash belong to the clash; a bomb is the attack's kind.
        assert_eq!(
            told("Seven gunmen died in a clash with soldiers", Lang::En),
            [EventKind::ArmedClash]
        );
        assert_eq!(
            told(
                "Gunmen hurled an explosive device at soldiers, killing two",
                Lang::En
            ),
            [EventKind::ExplosiveAttack]
        );
    }

    #[test]
    fn a_bomb_that_kills_past_a_relative_clause_is_an_explosive_attack() {
        for text in [
            "In July, a car bomb that state prosecutors attributed to La Línea, the armed wing of the Juárez cartel, killed a federal police officer and two other people in Ciudad Juárez.",
            "En julio, un coche bomba que la fiscalía atribuyó a La Línea mató a un policía federal en Ciudad Juárez.",
        ] {
            assert_eq!(kinds(&coded(text)), ["explosive_attack"], "{text}");
        }
    }

    #[test]
    fn a_count_of_the_agents_counts_no_dead() {
        let c = coded("Days later, a video was posted in which he appeared handcuffed, surrounded by five masked and armed men, and said that his sister had ordered killings.");
        assert!(
            c.events
                .iter()
                .all(|e| !e.measures.contains_key("fatalities")),
            "{:?}",
            c.events
        );
    }

    #[test]
    fn a_day_before_a_place_is_no_count_for_the_place() {
        let c = coded("Sicilia, cuyo hijo fue asesinado junto con seis personas más el 28 de marzo en Temixco, Morelos, propuso un pacto que se firmaría el 10 de junio en Ciudad Juárez.");
        let e = one(&c, EventKind::Massacre);
        assert_eq!(e.measures.get("fatalities"), Some(&7.0));
        assert_eq!(e.state.as_deref(), Some("17"));
    }

    #[test]
    fn an_aircraft_downed_is_an_attack_on_forces() {
        for text in [
            "Helicopter shot down in Michoacan",
            "Derriban helicóptero de la Marina en Aguililla",
        ] {
            assert_eq!(kinds(&coded(text)), ["attack_on_forces"], "{text}");
        }
        assert!(!kinds(&coded("Soldiers shot down two drones in Aguililla"))
            .contains(&"attack_on_forces"));
    }

    #[test]
    fn an_arrest_abroad_told_first_in_the_perfect_is_one_arrest_with_no_state() {
        let t = "Mexico's former security chief arrested in U.S.\\n\\nBy Brendan Pierson\\n\\nNEW YORK/MEXICO CITY, Dec 10 (Reuters) - Genaro García Luna, who led Mexico's federal police, has been arrested in Texas on charges that he took bribes from the Sinaloa Cartel, U.S. prosecutors said on Tuesday.\n\nGarcía Luna, 51, was arrested on Monday in Grand Prairie, Texas, where he has lived since leaving office.";
        let c = code(&t.replace("\\n", "\n"), d("2019-12-10"), Lang::Auto);
        let arrests: Vec<_> = c
            .events
            .iter()
            .filter(|e| e.kind == EventKind::Arrest)
            .collect();
        assert_eq!(arrests.len(), 1, "{:?}", c.events);
        assert_eq!(arrests[0].date.as_deref(), Some("2019-12-09"));
        assert_eq!(arrests[0].state, None);
        // The age is no figure of people arrested.
        assert!(c.figures.is_empty(), "{:?}", c.figures);
        // A force's chief is no cartel leader.
        let c = coded("Mexico's former security chief arrested in U.S. on cartel bribery charges");
        assert_eq!(kinds(&c), ["arrest"]);
    }

    #[test]
    fn someone_forced_into_a_vehicle_is_taken_and_one_brought_down_is_dead() {
        for text in [
            "El joven fue interceptado por hombres armados cuando circulaba en su camioneta y obligado a subir a otro vehículo.",
            "She was forced into a car by gunmen in Celaya on Monday.",
        ] {
            assert_eq!(kinds(&coded(text)), ["kidnapping"], "{text}");
        }
        assert!(kinds(&coded("Fue obligado a renunciar a su cargo en Celaya.")).is_empty());
        for text in [
            "Hombres armados se llevaron por la fuerza a un hombre de un taller mecánico en Culiacán.",
            "Gunmen snatched a businessman outside his home in Celaya.",
        ] {
            assert_eq!(kinds(&coded(text)), ["kidnapping"], "{text}");
        }
        assert!(kinds(&coded("Los vecinos levantaron una denuncia en Culiacán.")).is_empty());
        // Missing since, the one taken is the kidnapping told.
        let c = coded("Hombres armados se llevaron por la fuerza a un hombre de un taller mecánico en Culiacán. La Policía Estatal confirmó el reporte; se desconoce su paradero.");
        assert_eq!(kinds(&c), ["kidnapping"]);
        // A truck burned and set across a road blocks it.
        let c = coded("Se reportó un tractocamión incendiado y atravesado en la carretera México 15, a la salida sur de Culiacán.");
        assert_eq!(kinds(&c), ["road_blockade"]);
        let c = coded("Sánchez Cerezo fue sacado de su casa en Medellín de Bravo por un grupo de hombres armados la noche del 2 de enero.");
        assert_eq!(kinds(&c), ["kidnapping"]);
        // Protests told in the plural; one called for a coming day is none yet.
        assert_eq!(kinds(&coded("Colegas y familiares habían realizado marchas en Xalapa para exigir su localización con vida.")), ["protest"]);
        assert!(kinds(&coded("The discovery came two days before marches that civic groups have called for Saturday in Mexico City.")).is_empty());
        // Made possible by an arrest: the arrest happened.
        assert_eq!(kinds(&coded("La ubicación de los restos fue posible por la declaración de Clemente Rodríguez, quien fue detenido.")), ["arrest"]);
        let c = coded("Treviño Chávez, quien fue abatido ayer en un enfrentamiento con agentes de la Policía Estatal en Piedras Negras.");
        assert_eq!(
            one(&c, EventKind::ArmedClash).measures.get("fatalities"),
            Some(&1.0)
        );
    }

    #[test]
    fn the_dead_counted_in_a_whole_state_are_a_tally() {
        for text in [
            "19 Executed in Guanajuato, 3 Children Among Them",
            "7 murdered in Guerrero",
        ] {
            let c = coded(text);
            assert!(c.events.is_empty(), "{text}: {:?}", c.events);
            assert_eq!(c.figures.len(), 1, "{text}");
        }
        for text in [
            "15 killed in Mexico City",
            "12 killed in Guerrero clash",
            "7 killed in Celaya",
        ] {
            assert!(!coded(text).events.is_empty(), "{text}");
        }
    }

    #[test]
    fn a_comparison_is_no_tally_of_the_dead() {
        for text in [
            "Gunmen burst into a drug rehabilitation center in the city of Chihuahua on Friday and killed 19 people, the worst massacre in the northern state this year.",
            "12 decapitated bodies were found in Yucatán, one of the quietest states in the country.",
        ] {
            let c = coded(text);
            assert!(kinds(&c).contains(&"massacre"), "{text}: {:?}", c.events);
            assert!(c.figures.is_empty(), "{text}: {:?}", c.figures);
        }
        // "at least" and "más de" compare nothing.
        let c = coded("At least 25 mayors have been killed in Mexico since 2006, according to the national association of municipal authorities.");
        assert!(!c.figures.is_empty(), "{:?}", c.events);
    }

    #[test]
    fn an_incident_placed_in_a_wave_keeps_its_count_and_the_wave_is_a_figure() {
        let c = coded("Police found 15 decapitated bodies on a street next to a shopping center in the Pacific resort of Acapulco on Saturday, part of a wave of killings that left at least 27 people dead in the city in a single day.");
        let e = one(&c, EventKind::Massacre);
        assert_eq!(e.measures.get("fatalities"), Some(&15.0));
        assert_eq!(c.figures.len(), 1, "{:?}", c.figures);
        assert_eq!(
            (c.figures[0].value, c.figures[0].scope.as_str()),
            (27.0, "12")
        );
    }

    #[test]
    fn a_swearing_in_is_no_protest() {
        let c = coded("En su toma de protesta, el alcalde de San Pedro Garza García dijo que el secuestrador amaneció muerto.");
        assert!(!kinds(&c).contains(&"protest"), "{:?}", kinds(&c));
    }

    #[test]
    fn a_headline_in_the_present_tense_tells_its_deed() {
        for (text, kind) in [
            ("Marines seize 2 tonnes of cocaine in Manzanillo", "seizure"),
            (
                "Gunmen shoot two police officers in Celaya",
                "attack_on_forces",
            ),
            (
                "Cartel gunmen block roads and torch vehicles in Guadalajara",
                "road_blockade",
            ),
        ] {
            assert_eq!(kinds(&coded(text)), [kind], "{text}");
        }
        // A town taken is no seizure; a city block is no blockade.
        assert!(kinds(&coded("Vigilantes seize town in western Mexico")).is_empty());
        let c = coded("Tragic death, he is run over and dragged a block on La Pedrera Boulevard");
        assert!(!kinds(&c).contains(&"road_blockade"), "{:?}", kinds(&c));
    }

    #[test]
    fn an_office_past_its_modifiers_or_a_public_bodys_head_killed_is_an_attack_on_officials() {
        for text in [
            "Gunmen shot and killed the newly appointed tourism secretary of Jalisco state in Zapopan on Saturday.",
            "Gunmen shot and killed the leader of the Guerrero state legislature outside his home in Chilpancingo.",
            "Asesinan al recién nombrado secretario de Turismo de Jalisco.",
            "Gunmen killed the head of the municipal council in Iguala.",
        ] {
            let c = coded(text);
            let e = one(&c, EventKind::AttackOnForces);
            assert_eq!(e.actors, ["Officials"], "{text}");
        }
        // The office possesses the victim; a head of something other than a public body.
        for text in [
            "Asesinan a adulto mayor y a niño en Celaya",
            "Matan a balazos a otro líder sindical en Morelos",
            "Gunmen killed the mayor's son in Iguala.",
            "Gunmen killed the head of a family in Iguala.",
            "Gunmen killed the driver of the mayor in Iguala.",
        ] {
            assert_eq!(kinds(&coded(text)), ["homicide"], "{text}");
        }
    }

    #[test]
    fn a_force_chief_killed_or_forces_among_the_dead_are_an_attack_on_forces() {
        for text in [
            "On February 26, the public security chief of Agua Prieta was shot dead as he left his office.",
            "By the time they left, six people were dead in Ahumada, among them the town's police chief and two of his officers.",
        ] {
            assert_eq!(kinds(&coded(text)), ["attack_on_forces"], "{text}");
        }
        // One police officer among a day's dead; a cartel's lieutenant.
        for text in [
            "Matan a 10 personas en Fresnillo, entre ellas un policía",
            "Sinaloa Cartel: 5 killed in Culiacán including Sinaloa Lieutenant El Rafa",
        ] {
            assert_eq!(kinds(&coded(text)), ["massacre"], "{text}");
        }
    }

    #[test]
    fn a_toll_over_years_with_forces_among_the_dead_is_no_attack() {
        let c = coded("El Diego admitió haber ordenado el homicidio de aproximadamente mil 500 personas, entre ellas policías de los tres niveles de gobierno.");
        assert!(
            kinds(&c).iter().all(|k| *k != "attack_on_forces"),
            "{:?}",
            c.events
        );
    }

    #[test]
    fn an_official_killed_in_a_passive_sentence_is_an_attack_on_officials() {
        for text in [
            "The mayor of Tacámbaro, who took office in September, was shot dead on Monday.",
            "María López, the mayor of Cotija in neighbouring Michoacán state, was killed.",
        ] {
            let c = coded(text);
            let e = one(&c, EventKind::AttackOnForces);
            assert_eq!(e.actors, ["Officials"], "{text}");
            assert_eq!(e.measures.get("fatalities"), Some(&1.0), "{text}");
        }
        // The office heads the victims, with a spouse after it.
        let c =
            coded("Un juez federal y su esposa fueron asesinados a balazos el martes en Colima.");
        let e = one(&c, EventKind::AttackOnForces);
        assert_eq!(e.measures.get("fatalities"), Some(&2.0));
        let c = coded("El hijo del alcalde fue asesinado en Colima el martes.");
        assert_eq!(kinds(&c), ["homicide"]);
        // An office before a bare participle, as a list gives it.
        let c = coded("Lilia García, presidenta municipal de San Mateo Piñas, Oaxaca, asesinada el domingo 15 de junio.");
        let e = one(&c, EventKind::AttackOnForces);
        assert_eq!(e.measures.get("fatalities"), Some(&1.0));
        assert_eq!(e.date.as_deref(), Some("2022-06-15"));
        // Not an office in a series, nor a victim named after the office.
        let c = coded("Se trata del segundo juez federal asesinado en menos de cuatro años.");
        assert!(!kinds(&c).contains(&"attack_on_forces"), "{:?}", kinds(&c));
        let c = coded("El alcalde de Tepic condenó el crimen de un joven asesinado el domingo.");
        assert_eq!(kinds(&c), ["homicide"]);
    }

    #[test]
    fn transfers_to_the_united_states_are_extraditions_with_their_count() {
        for (text, n) in [
            ("Mexico sent 35 jailed drug cartel bosses to the United States on Tuesday.", 35.0),
            ("37 personas requeridas por cortes de ese país fueron trasladadas ayer a Estados Unidos.", 37.0),
            ("En enero, 12 presuntos narcotraficantes fueron extraditados a Estados Unidos.", 12.0),
        ] {
            let c = coded(text);
            let e = one(&c, EventKind::Extradition);
            assert_eq!(e.measures.get("people"), Some(&n), "{text}");
        }
    }

    /// Those handed over are counted even when told as detainees; where they were arrested
    /// is not where they leave from; granting an extradition is no handover.
    #[test]
    fn an_extradition_of_detainees_and_its_grant() {
        let c =
            coded("FGR entrega en extradición a Estados Unidos a dos hombres detenidos en Tijuana");
        let e = one(&c, EventKind::Extradition);
        assert_eq!(e.measures.get("people"), Some(&2.0));
        assert_eq!(e.state, None);
        let c = coded(
            "Una vez agotadas las etapas del procedimiento, la Secretaría de Relaciones \
             Exteriores concedió la extradición de ambos.",
        );
        assert!(c.events.is_empty(), "{:?}", c.events);
    }

    /// Arms the forces find past the place told first, with explosives made to be dropped
    /// from drones: a seizure, no drone attack, and "desde drones" is no period.
    #[test]
    fn arms_found_for_drones_are_a_seizure() {
        let c = coded(
            "En agosto, elementos de la Guardia Nacional y del Ejército hallaron abandonados en \
             Sonoyta, municipio de General Plutarco Elías Calles, Sonora, dos fusiles calibre \
             .50 y doce artefactos explosivos diseñados para lanzarse desde drones, que fueron \
             destruidos en el lugar.",
        );
        assert_eq!(kinds(&c), ["seizure"]);
        assert_eq!(c.events[0].measures.get("weapons"), Some(&2.0));
        assert!(c.figures.is_empty(), "{:?}", c.figures);
    }

    /// Gangs that "hold a city's drivers hostage" take no one; gunmen holding 20 people
    /// hostage do.
    #[test]
    fn a_grip_held_is_no_hostage_taking() {
        let c =
            coded("Guerrero's Transport War: How Two Gangs Hold Chilpancingo's Drivers Hostage");
        assert!(c.events.is_empty(), "{:?}", c.events);
        let c = coded("Gunmen hold 20 people hostage in a church in Chilpancingo, Guerrero");
        assert_eq!(kinds(&c), ["kidnapping"]);
    }

    /// "manifestaron estar secuestradas" states; "se manifestaron en Toluca" protests.
    #[test]
    fn manifestar_as_saying_is_no_protest() {
        let c = coded("En Toluca, Estado de México, fueron liberadas tres mujeres que manifestaron estar secuestradas.");
        assert!(!kinds(&c).contains(&"protest"), "{:?}", kinds(&c));
        let c = coded("Cientos de personas se manifestaron en Toluca, Estado de México, para exigir justicia.");
        assert_eq!(kinds(&c), ["protest"]);
    }

    #[test]
    fn counts_over_a_campaign_or_by_the_figures_are_figures() {
        let c = coded(
            "At least 24 candidates were killed during the campaign, according to a consultancy.",
        );
        assert!(c.events.is_empty(), "{:?}", c.events);
        assert_eq!(c.figures[0].measure, "homicides");
        let c = coded("Mexico extradited 70 people to the United States in all of 2023, according to figures from the attorney general's office.");
        assert!(c.events.is_empty(), "{:?}", c.events);
        assert_eq!(c.figures[0].value, 70.0);
    }

    #[test]
    fn vehicles_burned_on_highways_block_them_and_marching_to_protest_is_a_protest() {
        let c = coded("Cartel gunmen hijacked trucks and set them on fire on highways in Michoacán and Colima on Sunday.");
        let states: Vec<Option<&str>> = c
            .events
            .iter()
            .filter(|e| e.kind == EventKind::RoadBlockade)
            .map(|e| e.state.as_deref())
            .collect();
        assert_eq!(states, [Some("16"), Some("06")], "{:?}", c.events);
        let c = coded("Reporters took to the streets in Culiacán, Sinaloa, on Tuesday to protest against the killing of a colleague.");
        assert_eq!(kinds(&c), ["protest"]);
    }

    /// A headline's passive without "was" kills the forces it names first; an active
    /// verb's forces kill, and a finding is of someone else.
    #[test]
    fn forces_killed_in_a_headline_passive_are_attacked() {
        for text in [
            "Police officer killed by hitmen in Jalisco",
            "Police officer shot dead in Culiacán",
            "Pájaros Sierra vs CJNG: Police Commissioner of Tizapán Killed by Hitmen in Jalisco",
            "Policía asesinado en Celaya, Guanajuato",
            "Matan con granada a comandante en Tabasco",
            "En otro hecho, un agente de la Policía Municipal de Cajeme fue asesinado a balazos la noche del martes.",
        ] {
            assert_eq!(kinds(&coded(text)), ["attack_on_forces"], "{text}");
        }
        for text in [
            "Police killed two gunmen in Culiacán",
            "Police find man killed in Culiacán",
            "Police said a man was killed in Culiacán.",
        ] {
            assert!(!kinds(&coded(text)).contains(&"attack_on_forces"), "{text}");
        }
    }

    /// Kidnappers, a crime marched against and a registry's thousands of missing tell no
    /// kidnapping or disappearance.
    #[test]
    fn kidnappers_and_registries_of_the_missing_are_no_deeds() {
        for t in [
            "Se sospecha de una banda de secuestradores que opera en Frontera, Tabasco.",
            "Civic groups called marches against kidnapping in Mérida, Yucatán.",
            "More than 100,000 people are registered as missing in Mexico.",
            "En el país hay más de 33 mil personas desaparecidas, según el registro.",
        ] {
            assert!(coded(t).events.is_empty(), "{t}: {:?}", coded(t).events);
        }
        let c = coded("Gunmen kidnapped two farmers in Frontera, Tabasco.");
        assert_eq!(kinds(&c), ["kidnapping"]);
    }

    /// A U.S. agent killed is an attack on forces, the U.S. government's.
    #[test]
    fn a_us_agent_killed_is_an_attack_on_forces() {
        let c = coded("In February 2011, Zetas gunmen on a highway in San Luis Potosí shot dead US Immigration and Customs Enforcement (ICE) agent Jaime Zapata.");
        let e = one(&c, EventKind::AttackOnForces);
        assert!(
            e.actors.iter().any(|a| a == "US government"),
            "{:?}",
            e.actors
        );
        let c = coded("Gunmen shot dead a travel agent in San Luis Potosí.");
        assert_eq!(kinds(&c), ["homicide"]);
    }

    /// A clash named again to time another deed is not that deed's kind.
    #[test]
    fn a_clash_that_came_after_an_ambush_times_the_ambush() {
        let c = coded("The clash came two days after 13 state police officers were killed in an ambush in Coatepec Harinas, in the State of Mexico.");
        assert_eq!(kinds(&c), ["attack_on_forces"]);
    }

    /// The dead counted, told to have been forces, were attacked.
    #[test]
    fn the_dead_told_as_forces_were_attacked() {
        let c = coded("Twelve people found tortured and shot dead beside a highway in Michoacán were off-duty federal police agents, the government said.");
        assert_eq!(kinds(&c), ["attack_on_forces"]);
        let c =
            coded("Twelve people found shot dead beside a highway in Michoacán were farm workers.");
        assert_eq!(kinds(&c), ["massacre"]);
    }

    /// Forces counted as the dead of an ambush are attacked, even where the text has
    /// named a leader.
    #[test]
    fn forces_killed_near_a_leaders_name_are_no_leader() {
        let c = coded("Dos agentes de la Policía Ministerial que investigaban al jefe del cártel de los Beltrán Leyva murieron emboscados en Culiacán.");
        assert!(!kinds(&c).contains(&"leader_killed"), "{:?}", c.events);
    }

    /// A speaker's words that place nothing retell; a headline quote that goes on tells.
    #[test]
    fn a_quote_that_places_nothing_tells_no_event() {
        for text in [
            "\"Two colleagues and friends of mine lost their lives.\"",
            "\"We are not going back to work to be killed,\" a union leader told local media.",
        ] {
            assert!(coded(text).events.is_empty(), "{text}");
        }
        let c = coded("\"Nos están matando\": miles de universitarios marchan en Puebla por estudiantes asesinados tras el Carnaval de Huejotzingo");
        assert!(!c.events.is_empty());
    }

    /// The leader of a criminal group captured is a leader's capture, told as "he" after
    /// the leader was presented too; a human head is no head of anything.
    #[test]
    fn leaders_of_groups_captured_and_heads_that_lead_nothing() {
        let c = coded("Mexican soldiers captured the leader of one of the country's most violent criminal groups on Sunday in Nuevo Laredo, Tamaulipas.");
        assert_eq!(kinds(&c), ["leader_captured"], "{:?}", c.events);
        let c = coded("Edgar Valdez, the leader of a faction of the Beltrán Leyva cartel, was extradited on Wednesday. He was captured by federal police on Aug. 30, 2010, in Lerma, State of Mexico.");
        assert!(kinds(&c).contains(&"leader_captured"), "{:?}", c.events);
        let c = coded("A man whom local media described as the leader of a gang of car thieves was shot dead in Huitzilac, Morelos.");
        assert_eq!(kinds(&c), ["homicide"], "{:?}", c.events);
        let c =
            coded("QR: A human head and an announcement of a new group found in Playa del Carmen");
        assert!(!kinds(&c).contains(&"leader_killed"), "{:?}", c.events);
    }

    /// A leader named far from the killing is not its victim.
    #[test]
    fn a_leader_named_far_from_the_killing_is_not_killed() {
        let c = coded("Over several days in March 2011, gunmen from the Zetas cartel rounded up and killed dozens of people in Allende, a small town in the northern state of Coahuila, in revenge for what the gang's leaders saw as a betrayal.");
        assert!(!kinds(&c).contains(&"leader_killed"), "{:?}", c.events);
        let c = coded("Heriberto Lazcano, El Lazca, fundador y líder de Los Zetas, fue uno de los dos hombres abatidos el domingo en un enfrentamiento con marinos en Progreso, Coahuila.");
        assert!(kinds(&c).contains(&"leader_killed"), "{:?}", c.events);
    }

    /// A blockade of accounts or courts blocks no road.
    #[test]
    fn a_blockade_of_something_else_is_no_road_blockade() {
        let c = coded("La UIF informó que solicitó el bloqueo de las cuentas bancarias de 15 personas en Tabasco.");
        assert!(!kinds(&c).contains(&"road_blockade"), "{:?}", c.events);
        let c = coded("Narcobloqueos en Guadalajara, Jalisco, tras la captura de un líder.");
        assert!(kinds(&c).contains(&"road_blockade"), "{:?}", c.events);
    }

    /// A shooting with no sides is a killing; with forces or two sides, a clash.
    #[test]
    fn a_shooting_without_sides_is_a_killing() {
        let c = coded("Balacera en Culiacán, Sinaloa, deja un muerto y un herido");
        assert_eq!(kinds(&c), ["homicide"], "{:?}", c.events);
        for text in [
            "Tiroteo en Durango dejó 2 soldados muertos",
            "Balacera entre grupos armados deja 5 muertos en Fresnillo, Zacatecas",
        ] {
            assert_eq!(kinds(&coded(text)), ["armed_clash"], "{text}");
        }
    }

    /// Residents closing a street for a feast block no road; attackers closing a road
    /// with vehicles do.
    #[test]
    fn a_street_closed_for_a_feast_is_no_blockade() {
        let c = coded("The attack took place late Tuesday in Celaya, Guanajuato, where residents had closed off a street for the feast of Saint John.");
        assert!(!kinds(&c).contains(&"road_blockade"), "{:?}", c.events);
        let c = coded("Soldiers closed the highway from Monterrey to Reynosa near Cadereyta, Nuevo León, on Sunday.");
        assert!(!kinds(&c).contains(&"road_blockade"), "{:?}", c.events);
        let c = coded(
            "Los atacantes cerraron el camino con vehículos en San Sebastián del Oeste, Jalisco.",
        );
        assert!(kinds(&c).contains(&"road_blockade"), "{:?}", c.events);
    }

    /// An office the victim left makes no attack on officials.
    #[test]
    fn a_former_official_killed_is_a_homicide() {
        for text in [
            "The former governor of Colima, Silverio Cavazos, was murdered last night.",
            "Ejecutan a ex alcalde de Apatzingán",
        ] {
            assert_eq!(kinds(&coded(text)), ["homicide"], "{text}");
        }
    }

    /// A deadly fight among inmates is a clash, whoever died.
    #[test]
    fn a_deadly_prison_fight_is_a_clash() {
        for text in [
            "Dos internos murieron y siete más resultaron heridos durante una riña en el Centro Penitenciario de Campeche.",
            "A riot between rival factions at the Topo Chico prison in Monterrey killed 49 inmates.",
        ] {
            assert_eq!(kinds(&coded(text)), ["armed_clash"], "{text}");
        }
    }

    /// Drones downed attack nothing; a kind said to be rare tells no incident.
    #[test]
    fn drones_downed_and_rare_kinds_tell_no_event() {
        for text in [
            "State police say they have shot down five drones since January.",
            "Soldados derribaron dos drones con explosivos en Tepalcatepec, Michoacán.",
            "Kidnappings of Americans in Mexico's beach towns are rare.",
            "The prosecutor's office did not say whether anyone had been detained.",
            "The Tierra Caliente has seen drone attacks for years, and it is not clear whether this one is connected.",
        ] {
            assert!(coded(text).events.is_empty(), "{text}");
        }
    }

    /// Forces named near an attack who find the dead are not its target.
    #[test]
    fn forces_who_find_the_dead_are_not_attacked() {
        let c = coded("Hours before the attack, police in Ciudad Juárez found the bodies of four men in the trunk of a car.");
        assert_eq!(kinds(&c), ["massacre"], "{:?}", c.events);
    }

    /// A march's end is its place; the missing that describe searchers are no
    /// disappearance; a gathering in memory is a protest.
    #[test]
    fn marches_searchers_and_memorials() {
        let c = coded("On Sunday hundreds of residents marched to Uruapan's city hall carrying candles, demanding justice.");
        assert_eq!(kinds(&c), ["protest"]);
        assert_eq!(c.events[0].state.as_deref(), Some("16"));
        let c = coded("Decenas de familiares de personas desaparecidas se congregaron frente al Semefo de Durango para exigir información.");
        assert_eq!(kinds(&c), ["protest"], "{:?}", c.events);
        let c = coded("Hundreds of surfers gathered on the beach at Ensenada, Baja California, and paddled out in memory of the three men.");
        assert_eq!(kinds(&c), ["protest"], "{:?}", c.events);
        let c = coded("Familiares de siete jóvenes desaparecidos el pasado sábado en Acapulco, Guerrero, bloquearon la avenida Costera.");
        assert!(kinds(&c).contains(&"disappearance"), "{:?}", c.events);
    }

    /// A gathering is a protest when it carries signs or makes a demand; a gathering
    /// alone is not.
    #[test]
    fn a_gathering_with_signs_or_demands_is_a_protest() {
        for text in [
            "On Sunday, several hundred reporters gathered at the Angel of Independence monument in Mexico City holding signs reading \"Not one more.\"",
            "Two dozen members of the collective stood in the main plaza of Torreón, Coahuila, on Sunday, demanding a forensic team.",
            "Familiares de los desaparecidos se concentraron frente al palacio de gobierno de Culiacán, Sinaloa, para exigir su búsqueda.",
        ] {
            assert_eq!(kinds(&coded(text)), ["protest"], "{text}");
        }
        let c = coded("Hundreds of mourners gathered at the cemetery in Culiacán, Sinaloa, on Sunday for the funeral.");
        assert!(c.events.is_empty(), "{:?}", c.events);
    }

    #[test]
    fn people_held_against_their_will_are_a_kidnapping() {
        for text in [
            "Soldados liberaron a dos personas que se encontraban privadas de la libertad en Culiacán, Sinaloa.",
            "Troops freed three people who had been held captive at a ranch in Teuchitlán, Jalisco.",
            "Pobladores retuvieron a ocho policías estatales en Chilpancingo, Guerrero.",
        ] {
            assert!(kinds(&coded(text)).contains(&"kidnapping"), "{text}: {:?}", kinds(&coded(text)));
        }
        // Private property is no one held.
        assert!(!kinds(&coded(
            "Hallan un cuerpo en una propiedad privada de Zamora, Michoacán."
        ))
        .contains(&"kidnapping"));
    }

    /// A person seized by armed men is kidnapped; a body not found and a murder only
    /// alleged tell no killing.
    #[test]
    fn a_person_seized_is_kidnapped_and_a_body_not_found_tells_no_death() {
        let c = coded("Last Wednesday, shortly before noon, armed men seized her outside a clinic in Reynosa.");
        assert_eq!(kinds(&c), ["kidnapping"]);
        for t in [
            "Her body has not been found.",
            "Su cuerpo no ha sido localizado.",
            "State prosecutors say they are investigating her \"alleged murder\".",
        ] {
            assert!(coded(t).events.is_empty(), "{t}: {:?}", kinds(&coded(t)));
        }
        assert_eq!(
            kinds(&coded("Her body was found in Reynosa.")),
            ["homicide"]
        );
    }

    /// Stores the passive's subject far before its participle are burned; "Juchitán" is
    /// Juchitán de Zaragoza, Oaxaca, the city reporters mean.
    #[test]
    fn stores_burned_in_the_passive() {
        let c = coded("Dos tiendas de conveniencia fueron atacadas a balazos e incendiadas la tarde de este lunes en Juchitán.");
        assert_eq!(kinds(&c), ["arson"]);
        assert_eq!(c.events[0].measures.get("businesses_burned"), Some(&2.0));
        assert_eq!(c.events[0].municipality.as_deref(), Some("20043"));
    }

    #[test]
    fn drones_seized_attack_nothing() {
        for t in [
            "Soldiers detained 14 men in Apatzingán, Michoacán, and seized 17 rifles and two drones.",
            "En el lugar se aseguraron cinco armas largas, entre ellas un fusil Barrett calibre .50, y un dron.",
        ] {
            let c = coded(t);
            assert!(!kinds(&c).contains(&"drone_attack"), "{t}: {:?}", kinds(&c));
        }
    }

    #[test]
    fn a_newspapers_director_killed_is_no_official_and_a_suicide_is_no_killing() {
        let c = coded("Cecilio Pineda, director del diario La Voz de Tierra Caliente, fue asesinado a tiros en Ciudad Altamirano, Guerrero.");
        assert_eq!(kinds(&c), ["homicide"]);
        let c = coded("El director de Seguridad de Texcaltitlán se disparó en la cabeza y se suicidó en la comandancia.");
        assert!(c.events.is_empty(), "{:?}", kinds(&c));
        let c = coded(
            "Parte del ataque fue capturado en video por una cámara de vigilancia en Celaya.",
        );
        assert!(!kinds(&c).contains(&"arrest"), "{:?}", kinds(&c));
    }

    #[test]
    fn a_mine_that_goes_off_is_an_explosive_attack_and_a_mine_dug_is_none() {
        let c = coded("Un soldado murió al activarse una mina en Aguililla, Michoacán.");
        assert_eq!(kinds(&c), ["explosive_attack"]);
        let c = coded("El 27 de mayo, seis militares murieron al estallar una mina al paso de su vehículo en Los Reyes, Michoacán.");
        assert_eq!(kinds(&c), ["explosive_attack"]);
        let c = coded("Six soldiers were killed when a mine exploded under their truck in Los Reyes, Michoacan.");
        assert_eq!(kinds(&c), ["explosive_attack"]);
        let c = coded("Asesinan a dos trabajadores de una mina de hierro en Aquila, Michoacán.");
        assert!(!kinds(&c).contains(&"explosive_attack"), "{:?}", kinds(&c));
    }

    #[test]
    fn a_caption_retells_and_shots_at_a_patrol_attack_the_forces() {
        let c = coded("Photograph: Colleagues carry the coffin of one of the officers killed at Llano Grande.");
        assert!(c.events.is_empty(), "{:?}", kinds(&c));
        let c = coded("Un comando disparó contra una patrulla de la Policía Municipal en Gómez Palacio, Durango.");
        assert_eq!(kinds(&c), ["attack_on_forces"]);
    }

    #[test]
    fn asserted_in_a_statement_is_no_seizure() {
        let c = coded("El gobernador condenó el ataque en Querétaro y aseguró en redes sociales que no habrá impunidad.");
        assert!(!kinds(&c).contains(&"seizure"), "{:?}", kinds(&c));
    }

    #[test]
    fn fire_opened_without_warning_in_a_series_of_massacres_is_a_massacre() {
        let c = coded("Gunmen drove up to a car wash on Wednesday and opened fire without warning, killing 15 men and wounding three other people in Mexico's third mass killing in less than a week.");
        assert_eq!(kinds(&c), ["massacre"]);
        assert_eq!(c.events[0].measures.get("fatalities"), Some(&15.0));
        assert!(c.figures.is_empty());
        // A gunbattle between gangs is their clash.
        let c = coded("A gunbattle between rival drug and migrant-smuggling gangs in the Sonora desert left 21 people dead on Thursday.");
        assert_eq!(kinds(&c), ["armed_clash"]);
    }

    #[test]
    fn forces_wounded_in_an_attack_were_attacked() {
        let c = coded("La noche del 31 de diciembre, hombres armados atacaron a balazos una caseta de vigilancia de la policía estatal en Villahermosa, donde un policía resultó herido.");
        assert_eq!(kinds(&c), ["attack_on_forces"]);
    }

    #[test]
    fn a_transfer_to_the_us_amid_threats_of_us_military_action_is_told() {
        let c = coded("Mexico sent 37 jailed members of drug cartels to the United States on Tuesday, the third mass transfer of its kind in less than a year, as President Donald Trump keeps up threats of U.S. military action against the cartels on Mexican soil.");
        assert_eq!(kinds(&c), ["extradition"]);
        assert_eq!(c.events[0].measures.get("people"), Some(&37.0));
        // Drugs ready to be taken across are no transfer, and crimes on a record no deed.
        let c = coded("Fuentes de la Marina indicaron que la droga estaba lista para ser trasladada a Tijuana y de ahí cruzada hacia Estados Unidos.");
        assert!(c.events.is_empty());
        let c = coded("The governor said the dead had criminal records for crimes including kidnapping and extortion.");
        assert!(c.events.is_empty());
    }

    #[test]
    fn vehicles_burned_at_many_points_are_a_blockade() {
        let c = coded("Armed men set fire to 25 vehicles, mostly public transport buses, at 16 points across Jalisco.");
        assert_eq!(kinds(&c), ["road_blockade"]);
        assert_eq!(c.events[0].measures.get("blockades"), Some(&16.0));
        assert_eq!(c.events[0].measures.get("vehicles_burned"), Some(&25.0));
    }

    #[test]
    fn fire_returned_and_what_a_gang_does_are_no_deeds_of_their_own() {
        let c = coded("The officers returned fire, but the attackers had the high ground.");
        assert!(!kinds(&c).contains(&"arson"));
        let c = coded(
            "They had been sent to the area to track down a gang that kidnaps farmers for ransom.",
        );
        assert!(c.events.is_empty());
        let c = coded("Police arrested members of a gang that kidnapped two farmers in Coatepec Harinas, State of Mexico.");
        assert!(kinds(&c).contains(&"kidnapping"));
        // The killings named and an operation announced are no clash.
        let c = coded("The governor said the killings will not go unpunished and announced a joint operation with the army.");
        assert!(!kinds(&c).contains(&"armed_clash"));
    }

    #[test]
    fn bombs_that_kill_are_an_explosive_attack() {
        let c = coded("A dirt road seeded with homemade bombs that killed six people and wounded 12 near Tlajomulco, Jalisco.");
        assert_eq!(kinds(&c), ["explosive_attack"]);
        // The explosive as the subject, however far its verb; firefighters bomb nothing.
        let c = coded("Explosive devices planted along a dirt road in Tlajomulco de Zuniga, on the southern edge of the Guadalajara metropolitan area, killed six people.");
        assert_eq!(kinds(&c), ["explosive_attack"]);
        let c =
            coded("Bomberos tapatíos sacan cuerpo de hombre asesinado a balazos en Guadalajara");
        assert_eq!(kinds(&c), ["homicide"]);
    }

    #[test]
    fn an_officers_operational_title_is_no_operation() {
        let c = coded("La madrugada de ayer, en Cárdenas, Tabasco, el subdirector operativo de la policía municipal fue asesinado a balazos por hombres armados.");
        assert_eq!(kinds(&c), ["attack_on_forces"]);
    }

    #[test]
    fn said_taken_from_drivers_and_vehicles_stopped_are_no_seizure_or_arrest() {
        let c = coded("Con su muerte, Los Caballeros Templarios quedan prácticamente descabezados, aseguró Rubido.");
        assert!(!kinds(&c).contains(&"seizure"));
        let c = coded(
            "CJNG gunmen have cut the roads into Aguililla with trucks seized from their drivers.",
        );
        assert!(!kinds(&c).contains(&"seizure"));
        let c = coded(
            "Un grupo de encapuchados detuvo las dos camionetas de la GN en Tixtla, Guerrero.",
        );
        assert!(!kinds(&c).contains(&"arrest"));
    }

    /// Protesters who clash with police without gunfire or deaths are a protest, not an
    /// armed clash.
    #[test]
    fn a_protest_scuffle_with_police_is_no_armed_clash() {
        let c = coded("Thousands marched in Puebla on Sunday, and the march ended in clashes between protesters and riot police.");
        assert_eq!(kinds(&c), ["protest"]);
        let c = coded("La marcha terminó en enfrentamientos entre manifestantes y policías frente al Congreso de Oaxaca.");
        assert!(!kinds(&c).contains(&"armed_clash"), "{:?}", kinds(&c));
        let c = coded("Gunmen clashed with police in Celaya, leaving three dead.");
        assert_eq!(kinds(&c), ["armed_clash"]);
    }

    /// A legal word makes a killing a court's when it governs the killing or the clause;
    /// one that qualifies the dead further off does not.
    #[test]
    fn a_legal_word_near_the_killing_or_the_clause_is_a_courts() {
        let c = coded("La riña en el penal de Cadereyta dejó 16 muertos, en su mayoría internos procesados por delitos de alto impacto.");
        assert_eq!(kinds(&c), ["armed_clash"]);
        let c = coded("Por asesinar a nueve personas, El R2 es sentenciado a 335 años de prisión");
        assert!(c.events.is_empty(), "{:?}", c.events);
        let c = coded("He was charged with the murder of two men in Culiacán.");
        assert!(c.events.is_empty(), "{:?}", c.events);
    }

    /// Vehicles burning across roads or intersections block them.
    #[test]
    fn vehicles_burning_across_intersections_are_a_blockade() {
        let c = coded(
            "Video shared online shows buses and trucks burning across intersections in Reynosa.",
        );
        assert_eq!(kinds(&c), ["road_blockade"]);
    }
}
