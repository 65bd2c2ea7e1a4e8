//! Triggers: whether a clause holds any word that can start an event (the cheap filter most
//! clauses stop at); the hypotheticals, denials and accidents that make a whole clause tell
//! no event; and, per trigger word, negation and attempts ("trying to capture").

use crate::coder::Lang;
use crate::lexicon::*;
use crate::tokens::{has, infinitive, is, Patterns};

/// Every word that can start an event (the trigger lexicons together), by its first two
/// bytes: a clause with none of them and no number codes nothing, and most text is such
/// clauses, so this test runs on nearly every word read.
struct TriggerIndex {
    /// Each pattern with the bit of its list (`TRIGGER_LISTS` order).
    by_pair: rustc_hash::FxHashMap<[u8; 2], Vec<(&'static str, u32)>>,
    /// Patterns too short to have two bytes before their `*`.
    short: Vec<(&'static str, u32)>,
}

/// Bits of the trigger lists, for `trigger_lists`.
pub(crate) const EXPLOSIVE_BIT: u32 = 1 << 7;
pub(crate) const DRONE_BIT: u32 = 1 << 8;
pub(crate) const BLOCKADE_BIT: u32 = 1 << 5;
pub(crate) const ARSON_BIT: u32 = 1 << 6;
pub(crate) const CUSTODY_BITS: u32 = (1 << 9) | (1 << 10) | (1 << 11) | (1 << 15);
pub(crate) const TAKEN_BITS: u32 =
    (1 << 12) | (1 << 13) | (1 << 16) | (1 << 17) | (1 << 18) | (1 << 20);
pub(crate) const PROTEST_BIT: u32 = (1 << 14) | (1 << 19);

fn trigger_index() -> &'static TriggerIndex {
    static I: std::sync::OnceLock<TriggerIndex> = std::sync::OnceLock::new();
    I.get_or_init(|| {
        let lists: [&[&'static str]; 21] = [
            &KILL,
            &WOUND,
            &CLASH,
            &AMBUSH,
            &ATTACK,
            &BLOCKADE,
            &ARSON,
            &EXPLOSIVE,
            &DRONE,
            &EXTRADITION,
            &ARREST,
            &SEIZURE,
            &KIDNAP,
            &DISAPPEAR,
            &PROTEST,
            &MORE_TRIGGERS,
            &HURT_MISSING_TRIGGERS,
            &HELD_WORDS,
            &[
                "privad*",
                "obligad*",
                "forced",
                "sacad*",
                "sacaron",
                "llevaron",
                "llevo",
                "levantaron",
                "levantad*",
                "snatched",
                "dragged",
                "took",
                "taken",
            ],
            &GATHERED,
            &FOUND_VERBS,
        ];
        let mut by_pair: rustc_hash::FxHashMap<[u8; 2], Vec<(&'static str, u32)>> =
            Default::default();
        let mut short = Vec::new();
        for (i, list) in lists.into_iter().enumerate() {
            for p in list {
                let bit = 1u32 << i;
                match p.trim_end_matches('*').as_bytes() {
                    [a, b, ..] => by_pair.entry([*a, *b]).or_default().push((p, bit)),
                    _ => short.push((*p, bit)),
                }
            }
        }
        TriggerIndex { by_pair, short }
    })
}

/// The bits of the trigger lists word `w` is in.
fn word_lists(idx: &TriggerIndex, w: &str) -> u32 {
    let hits = |ps: &[(&str, u32)]| {
        ps.iter()
            .filter(|(p, _)| is(w, &[*p]))
            .fold(0, |m, (_, b)| m | b)
    };
    let pair = match w.as_bytes() {
        [a, b, ..] => idx.by_pair.get(&[*a, *b]).map_or(0, |ps| hits(ps)),
        _ => 0,
    };
    pair | hits(&idx.short)
}

/// Some word can start an event.
pub(crate) fn any_trigger(words: &[&str]) -> bool {
    let idx = trigger_index();
    words.iter().any(|w| word_lists(idx, w) != 0)
}

/// Which trigger lists the clause's words are in (bits in the order of `trigger_index`):
/// a family of kinds none of whose words are there has nothing to read.
pub(crate) fn trigger_lists(words: &[&str]) -> u32 {
    let idx = trigger_index();
    words.iter().fold(0, |m, w| m | word_lists(idx, w))
}

/// A clause that tells no deed: a hypothetical ("could", "podría", a Spanish "si"), a
/// denial, or an accident.
pub(crate) fn hypothetical(words: &[&str], lang: Lang) -> bool {
    // "Correction: an earlier post said three gunmen had been killed": what was reported
    // wrongly.
    if words
        .first()
        .is_some_and(|w| matches!(*w, "correction" | "correccion" | "aclaracion" | "erratum"))
    {
        return true;
    }
    // "…, correcting earlier reports that 77 bodies had been found", "rectificó la versión
    // de que…": what the reports told wrongly (but "corrigió la cifra: fueron tres" tells
    // the right one).
    if (0..words.len()).any(|k| {
        matches!(
            words[k],
            "correcting" | "corrected" | "corrigiendo" | "corrigio" | "rectifico" | "rectificando"
        ) && words[k + 1..(k + 4).min(words.len())].iter().any(|w| {
            matches!(
                *w,
                "reports" | "report" | "version" | "versions" | "versiones" | "informes"
            )
        })
    }) {
        return true;
    }
    // "si" is Spanish for "if" but a word in English texts ("Si" as a name is rare);
    // the other markers are unambiguous in either language.
    // "La Procuraduría investiga si existe relación entre la fuga y un enfrentamiento…":
    // "si" after a verb of finding out is "whether", and what it asks about is told.
    let whether = |k: usize| {
        words[k.saturating_sub(2)..k].iter().any(|w| {
            is(
                w,
                &[
                    "investiga*",
                    "indaga*",
                    "analiza*",
                    "revisa*",
                    "determinar",
                    "saber",
                    "sabe",
                    "esclarecer",
                ],
            )
        })
    };
    let conditional = lang == Lang::Es && (0..words.len()).any(|k| words[k] == "si" && !whether(k));
    // "in a possible settling of accounts", "un posible ajuste de cuentas": a motive
    // guessed for a deed told, not a deed that may happen.
    let motive = |p: usize| {
        is(words[p], &["possibl*", "posibl*"])
            && words.get(p + 1).is_some_and(|w| is(w, &MOTIVE_WORDS))
    };
    // A marker well after every deed the clause tells qualifies something else: "sent 29
    // … to the United States, as the government moved to head off Trump's threatened
    // tariffs".
    // Nor one well after the first deed when another follows it: "sent 37 … on Tuesday, as
    // Trump keeps up threats of U.S. military action" threatens the action, not the sending.
    let governs = |p: usize| {
        let last_trigger = (0..words.len()).rev().find(|&q| any_trigger(&words[q..=q]));
        let first_trigger = (0..words.len()).find(|&q| any_trigger(&words[q..=q]));
        last_trigger.is_none_or(|t| p <= t + 6) && first_trigger.is_none_or(|t| p <= t + 12)
    };
    // "opened fire without warning": no warning given, nothing threatened; "la ubicación
    // fue posible por…", "was made possible by": what happened, made possible.
    let without = |p: usize| {
        p > 0
            && (matches!(words[p - 1], "without" | "sin" | "previo")
                || is(words[p], &["posibl*", "possibl*"])
                    && matches!(words[p - 1], "fue" | "was" | "made" | "hizo" | "hicieron"))
    };
    // "se presume que sus tripulantes se enfrentaron": a guess.
    // "Localizan muerto a hombre que se presume había sido levantado": after the deed
    // told, the guess qualifies something else.
    let presumed = || {
        words.windows(2).enumerate().any(|(k, w)| {
            w[0] == "se"
                && matches!(w[1], "presume" | "presumia" | "cree" | "creia")
                && !(0..k).any(|q| any_trigger(&words[q..=q]) || words[q] == "muerto")
        })
    };
    // "convocó a una nueva marcha para el jueves 26 de abril": one still to come.
    // But "se concentraron … para exigir justicia y convocaron a una marcha para el
    // miércoles": the gathering told before the call happened.
    // "marches … that civic groups have called for Saturday": one still to come.
    // "Civic groups called marches against kidnapping": convened, not yet held.
    let called_for = || {
        words.windows(3).any(|w| {
            matches!(w[0], "called" | "planned" | "scheduled")
                && (w[1] == "for" && crate::dates::weekday(w[2]).is_some()
                    || is(w[1], &PROTEST)
                    || matches!(w[1], "a" | "an") && is(w[2], &PROTEST))
        })
    };
    let to_come = || {
        called_for()
            || lang != Lang::En
                && words.windows(3).enumerate().any(|(k, w)| {
                    w[0] == "para"
                        && (crate::dates::weekday(w[1]).is_some()
                            || w[1] == "el"
                                && (crate::dates::weekday(w[2]).is_some()
                                    || crate::numbers::is_number(w[2])))
                        && !words[..k].iter().any(|x| is(x, &crate::lexicon::GATHERED))
                })
    };
    (0..words.len())
        .any(|p| is_in(words[p], &HYPOTHETICAL_IX) && !motive(p) && governs(p) && !without(p))
        || conditional
        || denial(words)
        || (0..words.len()).any(|p| {
            is_in(words[p], &ACCIDENT_IX) && !after_a_deed(words, p) && !escape(words, p)
        })
        // "se disparó en la cabeza con su arma", "se quitó la vida", "took his own life":
        // a suicide; "a winter storm killed…" (not "commandos stormed", "a storm drain").
        || words.windows(2).any(|w| {
            w[0] == "se"
                && matches!(
                    w[1],
                    "disparo" | "quito" | "quita" | "quitan" | "suicido" | "suicida"
                )
                || w[0] == "own" && matches!(w[1], "life" | "lives")
                || matches!(w[0], "winter" | "tropical" | "snow" | "ice")
                    && matches!(w[1], "storm" | "storms")
        })
        || generic(words)
        || lang != Lang::En && presumed()
        || to_come()
}

/// Word `p` stands in a clause of time after a deed told: "marines were fired on … after a
/// car carrying him crashed into a tree", "lo atacaron tras un choque".
/// "la fuga de 132 reos", "la fuga y un enfrentamiento": an escape, not a leak ("fuga de
/// gas").
fn escape(words: &[&str], p: usize) -> bool {
    words[p] == "fuga"
        && !(words.get(p + 1) == Some(&"de")
            && words.get(p + 2).is_some_and(|w| {
                is(
                    w,
                    &[
                        "gas",
                        "combustible",
                        "hidrocarburo*",
                        "amoniaco",
                        "quimic*",
                        "agua",
                    ],
                )
            }))
}

fn after_a_deed(words: &[&str], p: usize) -> bool {
    (0..p).any(|s| {
        // "killed when their patrol truck overturned": "when" may give the cause.
        matches!(words[s], "after" | "tras" | "despues" | "before" | "antes")
            && p - s <= 14
            && (0..s).any(|t| any_trigger(&words[t..=t]))
    })
}

/// A clause that tells what happens in general, with no count of its own: "Improvised
/// explosives have become increasingly common in Michoacán", "Searching for graves is a
/// grim routine in Jalisco", "los asesinatos que han enlutado a la Comarca Lagunera en los
/// últimos seis meses".
fn generic(words: &[&str]) -> bool {
    static MARKERS: std::sync::LazyLock<WordIndex> =
        std::sync::LazyLock::new(|| WordIndex::new(&GENERIC_MARKERS));
    // "has seen drone attacks for years", "desde hace años": a habit, not a deed.
    // "Por más de una década, Veracruz ha sido disputado por…" too.
    let habit = (0..words.len()).any(|k| {
        matches!(words[k], "for" | "durante" | "hace" | "por")
            && words[k + 1..(k + 5).min(words.len())].iter().any(|w| {
                matches!(
                    *w,
                    "years" | "decades" | "decade" | "anos" | "decadas" | "decada"
                )
            })
    });
    let marker = habit
        || words.iter().any(|w| is_in(w, &MARKERS))
        || words.windows(3).any(|w| {
            matches!(w[0], "en" | "in")
                && matches!(w[1], "los" | "recent")
                && is(w[2], &RECENT_SPANS)
        });
    // A count tells incidents; "this one", "each one" count nothing. (Sought only in a
    // clause with a marker: most have none.)
    let counted = || {
        (0..words.len()).any(|k| {
            crate::numbers::is_number(words[k])
            && !words[k].starts_with("un")
            // "since at least 2010": the year a habit started counts nothing (a year a deed
            // is dated by does: "threw a grenade … in 2008").
            && !(words[k].len() == 4
                && words[k].parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
                && words[k.saturating_sub(3)..k]
                    .iter()
                    .any(|w| matches!(*w, "since" | "desde")))
            // "en los últimos seis meses": a span, no count of incidents.
            && words.get(k + 1).is_none_or(|w| !is(w, &TIME_UNITS))
            && !(words[k] == "one"
                && k > 0
                && matches!(words[k - 1], "this" | "that" | "each" | "no" | "any"))
        })
    };
    marker && !counted()
}

/// A clause's words read for the triggers that tell a deed: not negated, not an attempt
/// or a purpose.
pub(crate) struct Deeds<'a> {
    pub(crate) words: &'a [&'a str],
    pub(crate) lang: Lang,
    /// The clause's tokens (for capitals), or none.
    pub(crate) toks: &'a [crate::tokens::Tok],
}

impl Deeds<'_> {
    /// Word `p` is inside a capitalised name in a sentence-case clause: "el Día
    /// Internacional de las Víctimas de Desapariciones Forzadas", "la Unidad Antisecuestro",
    /// "the National Search Commission": an institution or a day, not a deed.
    pub(crate) fn in_name(&self, p: usize) -> bool {
        let toks = self.toks;
        if p == 0 || !toks.get(p).is_some_and(|t| t.cap && !t.upper) {
            return false;
        }
        // Two capitalised words before it in the name, not only a sentence's first.
        let mut k = p;
        let mut caps = 0;
        while k > 0 {
            let t = &toks[k - 1];
            if t.sep_after {
                break;
            }
            if t.cap && !t.upper {
                caps += usize::from(k - 1 > 0);
            } else if !matches!(
                t.low.as_str(),
                "de" | "del"
                    | "la"
                    | "las"
                    | "los"
                    | "en"
                    | "y"
                    | "of"
                    | "for"
                    | "and"
                    | "al"
                    | "contra"
                    | "against"
            ) {
                break;
            }
            k -= 1;
        }
        caps >= 2 && !title_case(toks)
    }

    /// A negation in the four words before word `p`.
    pub(crate) fn negated(&self, p: usize) -> bool {
        let words = self.words;
        // "sin detenidos", "sin que hasta anoche se reportaran detenidos": without.
        let without = (p > 0 && words[p - 1] == "sin")
            || words[p.saturating_sub(6)..p]
                .windows(2)
                .any(|w| w == ["sin", "que"]);
        // "opened fire without warning, killing 15": "without" negates its own noun only.
        // "Nobody has asked his family for a ransom": no one did it.
        // "Sin embargo, ninguna autoridad ha confirmado esa versión ni ha informado de
        // agresores muertos o detenidos": no authority told it.
        let nobody = (words
            .first()
            .is_some_and(|w| matches!(*w, "nobody" | "nadie"))
            || words[..words.len().min(4)]
                .iter()
                .any(|w| matches!(*w, "ninguna" | "ningun" | "ninguno")))
            && p < 20;
        without
            || nobody
            || (p > 0 && words[p - 1] == "without")
            || words[p.saturating_sub(5)..p]
                .iter()
                .any(|w| *w != "without" && NEGATION.contains(w))
    }

    /// "trying to capture him", "para detenerlo", "intentaban capturarlo": an attempt or
    /// purpose, not a deed.
    pub(crate) fn attempt(&self, p: usize) -> bool {
        let words = self.words;
        (p > 0
            && (matches!(words[p - 1], "to" | "para") && !is(words[p], &PROTEST)
                || is(words[p - 1], &ATTEMPT_VERBS)))
            || (self.lang == Lang::Es && infinitive(words[p]))
            // "para su captura", "for his capture", "lista para ser trasladada", "ready to
            // be sent": a purpose.
            || (p > 1
                && matches!(words[p - 2], "para" | "for" | "to")
                && matches!(
                    words[p - 1],
                    "su" | "sus" | "his" | "her" | "their" | "la" | "el" | "the" | "ser" | "be"
                ))
            // "a gang that kidnaps farmers for ransom", "una banda que secuestra": what a
            // group does (in the present), not a deed.
            || (p > 1
                && matches!(words[p - 1], "that" | "which" | "que")
                && is(words[p - 2], &crate::lexicon::GROUP_NOUNS)
                && (words[p].ends_with('s') && self.lang != Lang::Es
                    || self.lang == Lang::Es && (words[p].ends_with('a') || words[p].ends_with("an"))))
            // "dedicada al secuestro", "involved in kidnapping", "dedicated to drug
            // trafficking, extortion, kidnapping and homicide": what a group does, not a
            // deed.
            || (p > 1
                && matches!(words[p - 1], "al" | "a" | "to" | "in" | "of" | "del" | "de")
                && is(words[p - 2], &HABITUAL_BEFORE))
            || crime_listed(words, p)
            // "convocaron a una manifestación para este jueves", "called for a protest": a
            // protest called, not held.
            || matches!(words[p].as_bytes().first(), Some(b'p' | b'd' | b'r' | b'm'))
                && is(words[p], &PROTEST)
                && words[p.saturating_sub(4)..p].iter().any(|w| {
                    is(w, &["convoc*", "llamaron", "llaman", "llamado", "call", "calls", "called"])
                })
    }

    /// The first word matching `pats` that tells a deed. Generic, so that a lexicon list is
    /// matched through its index (as a slice it would be scanned whole).
    pub(crate) fn trig<P: Patterns + ?Sized>(&self, pats: &P) -> Option<usize> {
        (0..self.words.len()).find(|&p| is(self.words[p], pats) && self.tells(p))
    }

    /// Whether the trigger at word `p` tells a deed: not denied, not only attempted.
    pub(crate) fn tells(&self, p: usize) -> bool {
        !self.negated(p) && !self.attempt(p) && !self.reference(p) && !self.in_name(p)
    }

    /// A deed shown in a record ("Photos of burned patrol trucks … spread on social media",
    /// "videos del ataque"), or a capture named by its possessive as what caused something
    /// else ("Su captura en 2008 fracturó al cártel"): told elsewhere.
    fn shown_or_possessed(&self, p: usize) -> bool {
        let words = self.words;
        let depicted = (p.saturating_sub(5)..p).any(|j| {
            words
                .get(j + 1)
                .is_some_and(|w| matches!(*w, "of" | "de" | "del" | "showing"))
                && is(words[j], &crate::lexicon::RECORDS)
        });
        let possessed = p > 0
            && is(words[p], &crate::lexicon::CAPTURE_NOUNS)
            && matches!(words[p - 1], "su" | "his" | "her" | "their" | "sus");
        // "para atender una denuncia ciudadana sobre un supuesto enfrentamiento", "a report
        // of a possible shootout": what a call said, to be checked, not told.
        let reported = p > 1
            && matches!(
                words[p - 1],
                "supuesto" | "supuesta" | "posible" | "possible" | "alleged" | "reported"
            )
            && words[p.saturating_sub(7)..p - 1].iter().any(|w| {
                is(
                    w,
                    &[
                        "denuncia*",
                        "reporte*",
                        "llamada*",
                        "alerta*",
                        "report",
                        "reports",
                        "call",
                        "calls",
                        "tip",
                    ],
                )
            });
        // "Horas antes de ser asesinada, publicó…", "before being killed": a time.
        let before_being = p > 2
            && matches!(words[p - 1], "ser" | "being")
            && matches!(
                (words[p - 3], words[p - 2]),
                ("antes", "de") | (_, "before")
            );
        // "How Two Gangs Hold Chilpancingo's Drivers Hostage": a grip told in the present,
        // no one taken (not "held 20 people hostage").
        let grip = is(words[p], &["hostage*", "rehen*"])
            && (p.saturating_sub(5)..p).any(|h| {
                matches!(
                    words[h],
                    "hold" | "holds" | "holding" | "mantienen" | "tienen"
                ) && !words[h..p].iter().any(|w| crate::numbers::is_number(w))
            });
        depicted || possessed || before_being || reported || grip
    }

    /// A deed named, not told: a generic one ("every arrest or killing of a commander",
    /// "cada detención") or one protested or condemned ("to protest against the killing
    /// of two reporters", "exigir justicia por el asesinato de").
    pub(crate) fn reference(&self, p: usize) -> bool {
        if self.shown_or_possessed(p) {
            return true;
        }
        let words = self.words;
        let before = &words[p.saturating_sub(3)..p];
        let generic = before.iter().enumerate().any(|(k, w)| {
            matches!(*w, "every" | "each" | "any" | "cada" | "cualquier")
                && before[k + 1..]
                    .iter()
                    .all(|x| matches!(*x, "or" | "and" | "o" | "y") || x.len() > 3)
        });
        // "Past arrests of senior Zetas have been followed by…", "detenciones anteriores":
        // deeds of the past in general.
        // "Most disappearances are never investigated", "la mayoría de las desapariciones".
        let past = words[p].ends_with('s')
            && (p > 0 && matches!(words[p - 1], "past" | "previous" | "prior" | "most")
                || p > 2 && words[p - 3] == "mayoria" && matches!(words[p - 1], "las" | "los")
                || words
                    .get(p + 1)
                    .is_some_and(|w| matches!(*w, "anteriores" | "pasadas" | "pasados")));
        let protested = p >= 2
            && matches!(words[p - 1], "the" | "el" | "la" | "los" | "las")
            && is(words[p - 2], &PROTESTED);
        // "to demand that the authorities arrest the man", "exigen la captura de": a deed
        // asked for.
        let demanded = words[p.saturating_sub(5)..p]
            .iter()
            .any(|w| is(w, &crate::lexicon::DEMANDED_VERBS));
        // "encabezaba la organización desde la extradición de su hermano", "since his
        // arrest": a deed told as the start of a span, background.
        let since =
            p >= 2 && matches!(words[p - 2], "desde" | "since") && is(words[p - 1], &DETERMINERS);
        // "Se trata del enfrentamiento con más muertos desde…", "the deadliest attack on
        // police this year": a comparison with others, the deed told named again.
        let superlative = p > 0
            && (matches!(
                words[p - 1],
                "deadliest" | "worst" | "bloodiest" | "largest"
            ) || matches!(words[p - 1], "del" | "el" | "la" | "the")
                && words.get(p + 1) == Some(&"con")
                && words.get(p + 2) == Some(&"mas"));
        let charged = charged(words, p);
        let qualifier = qualified(words, p);
        // "familiares de personas desaparecidas", "relatives of Mexico's own disappeared":
        // the missing describe the searchers.
        // With a count between, the missing are a disappearance told: "familiares de siete
        // jóvenes desaparecidos el sábado"; not a count the article points back to
        // ("relatives of the five missing young people").
        let searchers = is(words[p], &DISAPPEAR)
            && (p.saturating_sub(5)..p).any(|k| {
                is(words[k], &KIN_OF_MISSING)
                    && !(k + 1..p).any(|q| {
                        crate::numbers::is_number(words[q])
                            && !matches!(words[q - 1], "the" | "los" | "las" | "these" | "those")
                    })
            });
        // "a ranch used to make bodies disappear", "para desaparecer cuerpos": bodies
        // disposed of, no one missing.
        let bodies_disposed = || {
            is(words[p], &DISAPPEAR)
                && (words[p.saturating_sub(3)..p]
                    .iter()
                    .any(|w| matches!(*w, "make" | "made" | "making" | "makes"))
                    || words[p + 1..(p + 3).min(words.len())]
                        .iter()
                        .any(|w| matches!(*w, "cuerpos" | "cadaveres" | "restos" | "bodies")))
        };
        // "calificó lo ocurrido como «prácticamente una emboscada»", "called it one of the
        // most important arrests": a deed told before, characterised.
        let before6 = &words[p.saturating_sub(7)..p];
        let characterised = || {
            before6.iter().any(|w| w.starts_with("calific")) && before6.contains(&"como")
                || before6.contains(&"called") && before6.contains(&"it")
                // "en lo que el gobierno presentó como un enfrentamiento".
                || before6.iter().any(|w| {
                    matches!(
                        *w,
                        "described" | "describio" | "presento" | "presented" | "portrayed"
                    )
                }) && before6.iter().any(|w| matches!(*w, "as" | "como"))
        };
        // "el secuestro bajó a 51 víctimas en junio", "kidnappings fell": a crime's trend,
        // counted in statistics.
        let trend = || {
            words[p + 1..(p + 3).min(words.len())].iter().any(|w| {
                matches!(
                    *w,
                    "bajo"
                        | "subio"
                        | "aumento"
                        | "disminuyo"
                        | "crecio"
                        | "repunto"
                        | "descendio"
                        | "rose"
                        | "declined"
                        | "increased"
                        | "decreased"
                        | "doubled"
                        | "surged"
                )
            })
        };
        // "blamed for hundreds of killings", "decenas de secuestros": deeds by the dozen or
        // hundred are a record, no incident.
        let by_the_hundred = || {
            // "Miles de manifestantes protestaron": a crowd, not a record.
            p >= 2
                && !is(words[p], &crate::lexicon::PROTEST)
                && matches!(words[p - 1], "of" | "de")
                && matches!(
                    words[p - 2],
                    "hundreds"
                        | "thousands"
                        | "dozens"
                        | "scores"
                        | "cientos"
                        | "miles"
                        | "decenas"
                        | "centenares"
                )
        };
        // "the south of the state has also seen attacks on police with drones", "ha sufrido
        // ataques": a series a place has lived through, no incident.
        let lived_through = || {
            let from = p.saturating_sub(8);
            (from..p + 1).any(|k| {
                matches!(
                    words[k],
                    "seen"
                        | "suffered"
                        | "witnessed"
                        | "endured"
                        | "sufrido"
                        | "padecido"
                        | "vivido"
                        | "escenario"
                ) && words[k + 1..(k + 4).min(words.len())].iter().any(|w| {
                    w.ends_with('s')
                        && (is(w, &crate::lexicon::ATTACK) || is(w, &crate::lexicon::CLASH))
                })
            })
        };
        // "para evitar un enfrentamiento", "to prevent an attack": a deed avoided.
        let avoided = || {
            words[p.saturating_sub(3)..p].iter().any(|w| {
                matches!(
                    *w,
                    "evitar" | "evitaron" | "evito" | "impedir" | "prevenir" | "avoid" | "prevent"
                )
            })
        };
        // "los agentes enfrentan cargos de homicidio", "face charges": a trial, no fight.
        let faces_charges = || {
            words[p].starts_with("enfrent")
                && words[p + 1..(p + 3).min(words.len())]
                    .iter()
                    .any(|w| is(w, &CHARGE_WORDS) || matches!(*w, "cargos" | "proceso" | "juicio"))
        };
        // "investigating her abduction and her "alleged murder"": a death not confirmed.
        let alleged = p > 0 && words[p - 1] == "alleged" && is(words[p], &["murder", "killing"]);
        generic
            || past
            || alleged
            || protested
            || demanded
            || since
            || superlative
            || charged
            || qualifier
            || searchers
            || bodies_disposed()
            || avoided()
            || faces_charges()
            || characterised()
            || trend()
            || by_the_hundred()
            || lived_through()
    }

    /// "an arrest warrant", "orden de aprehensión": no arrest yet.
    pub(crate) fn warrant(&self, p: usize) -> bool {
        let words = self.words;
        words.get(p + 1).is_some_and(|w| is(w, &["warrant*"]))
            || (p >= 2 && matches!(words[p - 2], "orden" | "ordenes") && words[p - 1] == "de")
    }
}

/// Denials: "denied", "negó", "desmintió"; a rejection only of claims or reports (a court
/// rejecting an appeal denies nothing).
/// No word of six letters or more is in lowercase: a title-case headline ("Gunmen Kill
/// Five in Culiacán after Party"), where capitals mark no names.
fn title_case(toks: &[crate::tokens::Tok]) -> bool {
    !toks.iter().any(|t| !t.cap && t.low.len() >= 6)
}

fn denial(words: &[&str]) -> bool {
    words.iter().any(|w| is_in(w, &DENIAL_IX))
        || (0..words.len()).any(|p| {
            is(words[p], &["reject*", "rechaz*"])
                && has(&words[p + 1..(p + 5).min(words.len())], &REJECTED_CLAIMS)
        })
}

/// "dedicated to drug trafficking, extortion, kidnapping and homicide": a deed's noun in
/// the list of what a group does (a verb after it is a deed told: "linked to the Gulf
/// Cartel is killed").
fn crime_listed(words: &[&str], p: usize) -> bool {
    let noun = is(words[p], &crate::lexicon::KILL_NOUNS)
        || words[p].ends_with("ing")
        || is(
            words[p],
            &["secuestro*", "homicidio*", "asesinato*", "extorsion*"],
        );
    noun && (p.saturating_sub(8)..p.saturating_sub(2)).any(|k| {
        is(words[k], &HABITUAL_BEFORE)
            && matches!(words[k + 1], "al" | "a" | "to" | "in" | "of" | "del" | "de")
    })
}

/// "wanted for drug trafficking, kidnapping and…", "acusado de secuestro": a charge; "la
/// segunda detención de un líder": an arrest of a series.
/// "suman 36 personas detenidas por la desaparición de…", "arrested for the murder
/// of": the deed the arrest is for.
fn charged(words: &[&str], p: usize) -> bool {
    words[p.saturating_sub(6)..p]
        .iter()
        .any(|w| is(w, &CHARGE_WORDS))
        // "Es la segunda detención de un líder criminal…": one of a series, told before.
    || p >= 1
            && is(words[p - 1], &crate::lexicon::TALLY_ORDINALS)
            && is(words[p], &crate::lexicon::ARREST)
        || p >= 3
            && matches!(words[p - 2], "por" | "for")
            && is(words[p - 1], &DETERMINERS)
            && is(words[p - 3], &crate::lexicon::ARREST)
}

/// "extradition requests", "murder charge": a noun that names something else;
/// "missing persons registry": past the people.
/// "capturado en video", "caught on camera".
/// "captured on a bystander's phone" (an execution "on security video" is one).
fn qualified(words: &[&str], p: usize) -> bool {
    words.get(p + 1).is_some_and(|w| is(w, &QUALIFIED_NOUNS))
        || words
            .get(p + 1)
            .is_some_and(|w| matches!(*w, "persons" | "people" | "personas"))
            && words.get(p + 2).is_some_and(|w| is(w, &QUALIFIED_NOUNS))
        || words
            .get(p + 1)
            .is_some_and(|w| matches!(*w, "en" | "on" | "by"))
            && words[p + 2..(p + if is(words[p], &ARREST) { 5 } else { 3 }).min(words.len())]
                .iter()
                .any(|w| is(w, &RECORDED_ON))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::*;

    /// A suicide told in the present or in English, and deaths by a storm, are no killing;
    /// commandos that storm a restaurant kill.
    #[test]
    fn suicides_and_storms_kill_no_one_but_a_commando_that_storms_does() {
        for text in [
            "Director de Seguridad de Texcaltitlán se quita la vida",
            "The officer took his own life on Sunday in Culiacán.",
            "In 2002 a winter storm killed an estimated 80% of the colony over two nights.",
        ] {
            assert!(coded(text).events.is_empty(), "{text}");
        }
        let c = coded("Seven killed after commando storms Jalisco restaurant");
        assert_eq!(kinds(&c), ["massacre"], "{:?}", c.events);
    }

    /// A deed characterised ("calificó lo ocurrido como una emboscada", "called it one of
    /// the most important arrests") is the deed told before, named again.
    #[test]
    fn a_deed_characterised_is_named_again() {
        for text in [
            "El presidente calificó lo ocurrido como \"prácticamente una emboscada a la policía\" y anunció el despliegue de tropas.",
            "Mexico's foreign minister, Marcelo Ebrard, called it one of the most important arrests of the past decade.",
        ] {
            assert!(coded(text).events.is_empty(), "{text}");
        }
    }

    /// A crime's trend is statistics, not an incident; someone detained who never appeared
    /// again was disappeared.
    #[test]
    fn a_trend_is_no_incident_and_a_detainee_never_seen_again_disappeared() {
        for text in [
            "El informe señaló además que el secuestro bajó a 51 víctimas en junio, frente a 96 un año antes.",
            "Kidnappings declined 20 percent in Sinaloa last year.",
        ] {
            assert!(coded(text).events.is_empty(), "{text}");
        }
        for text in [
            "A su lado trabaja Celia, cuyo hijo fue detenido en 2013 por policías estatales en Xalapa y nunca volvió a aparecer.",
            "He was detained by police in Xalapa in 2013 and never seen again.",
        ] {
            assert_eq!(kinds(&coded(text)), ["disappearance"], "{text}");
        }
    }

    /// Attacks a place has seen are a series it lived through, no incident.
    #[test]
    fn attacks_a_place_has_seen_are_no_incident() {
        let c = coded("The south of the state, bordering Michoacán, has also seen attacks on police with drones and improvised explosives.");
        assert!(c.events.is_empty(), "{:?}", c.events);
        let c = coded(
            "Gunmen attacked police with drones in Celaya, where residents have seen many things.",
        );
        assert_eq!(kinds(&c), ["drone_attack"]);
    }

    /// Deeds by the hundred are a record, no incident.
    #[test]
    fn deeds_by_the_hundred_are_no_incident() {
        for text in [
            "U.S. officials blamed the organization for hundreds of killings in Baja California in the 1990s.",
            "La banda es señalada por decenas de secuestros en Morelos.",
        ] {
            assert!(coded(text).events.is_empty(), "{text}");
        }
    }

    /// A fight avoided and charges faced tell no clash.
    #[test]
    fn a_fight_avoided_or_charges_faced_are_no_clash() {
        for text in [
            "El secretario dijo que unos 25 militares llegaron al lugar y pidieron a la gente que se retirara, pero que para evitar un enfrentamiento con la población se replegaron.",
            "El fiscal dijo que los agentes enfrentan cargos de homicidio calificado y abuso de autoridad.",
        ] {
            assert!(!kinds(&coded(text)).contains(&"armed_clash"), "{text}");
        }
    }

    /// The missing the searchers are kin of, pointed back to by an article, and bodies made
    /// to disappear, tell no disappearance.
    #[test]
    fn kin_of_the_missing_and_bodies_disposed_tell_no_disappearance() {
        for text in [
            "Relatives of the five missing young people protest in January outside the state government palace in Xalapa.",
            "Remains of two have turned up at a ranch used to make bodies disappear.",
            "El rancho era usado para desaparecer cuerpos.",
        ] {
            assert!(!kinds(&coded(text)).contains(&"disappearance"), "{text}");
        }
        let c = coded("Familiares de siete jóvenes desaparecidos el sábado protestaron en Xalapa.");
        assert!(kinds(&c).contains(&"disappearance"), "{:?}", c.events);
    }

    #[test]
    fn a_capture_named_by_its_possessive_is_not_told() {
        let c = crate::test_util::coded("Su captura en 2008 fracturó al cártel de Sinaloa: sus hermanos rompieron con El Chapo.");
        assert!(c.events.is_empty(), "{:?}", crate::test_util::kinds(&c));
    }

    #[test]
    fn a_guess_after_the_deed_told_qualifies_something_else() {
        let c = crate::test_util::coded(
            "Localizan muerto a hombre que se presume había sido levantado en Celaya",
        );
        assert_eq!(crate::test_util::kinds(&c), ["homicide"]);
        let c =
            crate::test_util::coded("Se presume que los tripulantes se enfrentaron en Culiacán");
        assert!(c.events.is_empty());
    }

    #[test]
    fn a_guessed_motive_is_no_hypothetical() {
        let w = |t: &'static str| t.split(' ').collect::<Vec<_>>();
        assert!(!hypothetical(
            &w("six people are murdered in tihuatlan in a possible settling of accounts"),
            Lang::En
        ));
        assert!(hypothetical(
            &w("a possible attack on the mayor was foiled"),
            Lang::En
        ));
    }

    #[test]
    fn a_march_still_to_come_is_no_protest_but_a_gathering_told_before_the_call_is() {
        let w = |t: &'static str| t.split(' ').collect::<Vec<_>>();
        assert!(hypothetical(
            &w("el colectivo convoco a una nueva marcha para el jueves 26 de abril"),
            Lang::Es
        ));
        assert!(!hypothetical(
            &w("decenas de escritores se concentraron en el zocalo para exigir justicia y convocaron a una marcha para el miercoles"),
            Lang::Es
        ));
    }

    #[test]
    fn denial_and_hypothetical_code_nothing() {
        for t in [
            "Photographs circulating online purported to show four dead gunmen in Aguililla, Michoacán.",
            "En Texcaltitlán, Estado de México, el director de Seguridad Ciudadana se disparó en la cabeza y murió.",
            "Una tormenta mató a dos personas en Acapulco, Guerrero.",
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
    fn accidents_are_no_events() {
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
    }

    #[test]
    fn deeds_leave_out_negations_attempts_and_warrants() {
        let en = |w: &'static [&'static str]| Deeds {
            words: w,
            lang: Lang::En,
            toks: &[],
        };
        let es = |w: &'static [&'static str]| Deeds {
            words: w,
            lang: Lang::Es,
            toks: &[],
        };
        assert_eq!(en(&["police", "arrested", "him"]).trig(&ARREST), Some(1));
        assert_eq!(
            en(&["police", "did", "not", "arrest", "him"]).trig(&ARREST),
            None
        );
        assert!(en(&["trying", "to", "capture", "him"]).attempt(2));
        assert!(es(&["intentaban", "capturarlo"]).attempt(1));
        // A Spanish infinitive is a purpose only in Spanish text.
        assert!(es(&["quieren", "capturarlo"]).attempt(1));
        assert!(!en(&["quieren", "capturarlo"]).attempt(1));
        // "without", told in Spanish before the arrest.
        assert_eq!(es(&["sin", "detenidos"]).trig(&ARREST), None);
        assert_eq!(
            es(&[
                "sin",
                "que",
                "hasta",
                "anoche",
                "se",
                "reportaran",
                "detenidos"
            ])
            .trig(&ARREST),
            None
        );
        // A comparison names a deed, it tells none.
        assert!(es(&[
            "se",
            "trata",
            "del",
            "enfrentamiento",
            "con",
            "mas",
            "muertos"
        ])
        .reference(3));
        assert!(en(&["the", "deadliest", "attack", "on", "police"]).reference(2));
        // A deed that starts a span is background.
        assert!(es(&["desde", "la", "extradicion", "de", "su", "hermano"]).reference(2));
        // Caught on a phone's recording, not arrested.
        assert!(en(&["captured", "on", "a", "bystanders", "phone"]).reference(0));
        assert!(en(&["an", "arrest", "warrant"]).warrant(1));
        assert!(es(&["orden", "de", "aprehension"]).warrant(2));
    }

    #[test]
    fn an_escape_and_a_whether_tell_their_deeds() {
        fn w(t: &str) -> Vec<&str> {
            t.split(' ').collect()
        }
        // "si" after a verb of finding out is "whether"; "fuga" of inmates is an escape.
        assert!(!hypothetical(
            &w("la procuraduria investiga ademas si existe relacion entre la fuga y un enfrentamiento en el que murieron dos"),
            Lang::Es
        ));
        assert!(!hypothetical(
            &w("internos asesinaron a 44 para encubrir la fuga de 30 de sus companeros"),
            Lang::Es
        ));
        assert!(hypothetical(
            &w("una fuga de gas dejo tres muertos"),
            Lang::Es
        ));
        assert!(hypothetical(&w("si los atacan responderan"), Lang::Es));
    }

    #[test]
    fn a_protest_called_is_not_held() {
        let d = |t: &'static str| Deeds {
            words: Box::leak(t.split(' ').collect::<Vec<_>>().into_boxed_slice()),
            lang: Lang::Es,
            toks: &[],
        };
        let c = d("periodistas convocaron a una manifestacion para este jueves");
        assert!(c.attempt(4));
        let c = d("periodistas marcharon en una manifestacion el jueves");
        assert!(!c.attempt(4));
    }

    #[test]
    fn what_reports_told_wrongly_is_no_deed() {
        assert!(hypothetical(
            &[
                "correcting",
                "earlier",
                "reports",
                "that",
                "77",
                "bodies",
                "had",
                "been",
                "found"
            ],
            Lang::En
        ));
        assert!(!hypothetical(
            &["la", "fiscalia", "corrigio", "la", "cifra", "fueron", "tres", "los", "abatidos"],
            Lang::Es
        ));
    }

    #[test]
    fn clauses_without_a_trigger_or_with_a_spanish_if_tell_no_deed() {
        assert!(any_trigger(&["gunmen", "killed", "two"]));
        assert!(!any_trigger(&["the", "governor", "spoke", "on", "monday"]));
        assert!(hypothetical(
            &["si", "atacan", "habra", "bloqueos"],
            Lang::Es
        ));
        assert!(!hypothetical(&["si", "was", "arrested"], Lang::En));
        assert!(hypothetical(&["the", "mayor", "denied", "it"], Lang::En));
        assert!(generic(&[
            "por",
            "mas",
            "de",
            "una",
            "decada",
            "veracruz",
            "ha",
            "sido",
            "disputado",
            "por",
            "los",
            "zetas",
            "lo",
            "que",
            "ha",
            "dejado",
            "desaparecidos"
        ]));
        assert!(hypothetical(
            &[
                "se",
                "presume",
                "que",
                "sus",
                "tripulantes",
                "se",
                "enfrentaron"
            ],
            Lang::Es
        ));
        assert!(hypothetical(
            &["convoco", "a", "una", "marcha", "para", "el", "jueves", "26", "de", "abril"],
            Lang::Es
        ));
        // A correction tells what was reported wrongly.
        assert!(hypothetical(
            &[
                "correction",
                "an",
                "earlier",
                "post",
                "said",
                "three",
                "gunmen",
                "had",
                "been",
                "killed"
            ],
            Lang::En
        ));
    }

    #[test]
    fn a_deed_named_in_general_or_protested_is_not_told() {
        for t in [
            "\"Every arrest or killing of a plaza boss opens space for the next one,\" he said.",
            "Reporters marched in Culiacán to protest against the killing of a colleague.",
            "She had held a vigil outside the palace in Chihuahua to demand that the authorities arrest the man.",
            "Familiares exigen la captura de los responsables en Celaya.",
            "Con su captura suman 36 personas detenidas por la desaparición de los 43 normalistas en Iguala.",
            "President Claudia Sheinbaum has ordered changes to the national missing persons registry.",
            "State prosecutors in Guerrero accuse her of kidnapping.",
            "El Neto purgaba en Ciudad Juárez una condena por secuestro.",
            "Past arrests of senior Zetas in San Luis Potosí have been followed by succession fights.",
            "Most disappearances in Jalisco are never investigated.",
            "He was serving a sentence for kidnapping in Ciudad Juárez.",
            "The criminal group operates mainly in Tijuana and Tecate, where it is dedicated to drug trafficking, extortion, kidnapping and homicide.",
        ] {
            let c = code(t, d("2022-01-26"), Lang::Auto);
            assert!(
                c.events.iter().all(|e| e.kind.as_str() == "protest"),
                "{t}: {:?}",
                kinds(&c)
            );
        }
        // "detenidos por la desaparición": the deed told as what they are charged with.
        let c = code(
            "Siete policías fueron consignados por la desaparición de cinco jóvenes en Tierra Blanca, Veracruz.",
            d("2016-01-26"),
            Lang::Es,
        );
        assert!(kinds(&c).contains(&"disappearance"), "{:?}", kinds(&c));
    }

    #[test]
    fn what_happens_in_general_or_next_is_no_event() {
        for t in [
            "Roadside bombs have become increasingly common in Michoacán, where gangs bury mines.",
            "Buscar fosas clandestinas es una rutina en Jalisco.",
            "El colectivo realizará una marcha en Xalapa el próximo 20 de marzo.",
        ] {
            let c = code(t, d("2023-07-13"), Lang::Auto);
            assert!(c.events.is_empty(), "{t}: {:?}", kinds(&c));
        }
    }

    #[test]
    fn a_charge_a_qualified_noun_or_a_trailing_marker_tells_no_deed_or_keeps_it() {
        for t in [
            "Among them were suspects wanted for drug trafficking, kidnapping and extortion.",
            "U.S. officials complained that extradition requests languish for years in the courts.",
        ] {
            let c = code(t, d("2015-10-01"), Lang::En);
            assert!(c.events.is_empty(), "{t}: {:?}", kinds(&c));
        }
        // A hypothetical marker well after the deed qualifies something else.
        let c = code(
            "Mexico extradited 29 drug traffickers to the United States on Thursday, as the government moved to head off threatened tariffs.",
            d("2025-02-27"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["extradition"]);
    }

    #[test]
    fn vague_counts_over_time_ordinal_totals_and_blame_tell_no_event() {
        for t in [
            "More than 40,000 people have been killed in drug violence since December 2006.",
            "López's was the 37th extradition to the United States this year.",
            "Officials have not said who they believe was behind the disappearances.",
            "Several men had been abducted in the city in recent days, a spokesman said.",
            "¿Cómo murieron los niños en Culiacán?",
        ] {
            let c = code(t, d("2018-07-06"), Lang::En);
            assert!(c.events.is_empty(), "{t}: {:?}", kinds(&c));
        }
    }
}
