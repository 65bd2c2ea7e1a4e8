//! Leaders: whether a clause speaks of a group's head ("cartel leader", "líder del CJNG",
//! a son of El Chapo), leaders the text presented earlier and named again ("Guzmán") or
//! known by nickname ("El Chapo"), and the names a clause presents as leaders' for later.

use crate::assemble::Reading;
use crate::dates::{month, weekday};
use crate::lexicon::*;
use crate::tokens::{has, has_seq, is, Tok};

/// A clause's cues of a leader, and the names earlier clauses presented as leaders'.
pub(crate) struct Leaders<'a> {
    toks: &'a [Tok],
    words: &'a [&'a str],
    actor_spans: &'a [(usize, usize)],
    names: &'a [String],
    /// The clause calls someone a group's leader.
    pub(crate) word: bool,
    /// Los Chapitos are the sons of El Chapo: a son captured is one of its heads.
    pub(crate) son: bool,
    /// The words inside a known leader's name (`known_leader_name_phrases.txt`), read once.
    known_names: Vec<bool>,
}

/// The phrases of `SECOND_IN_COMMAND`, split into their words once.
static SECOND_IN_COMMAND_WORDS: std::sync::LazyLock<Vec<Vec<&'static str>>> =
    std::sync::LazyLock::new(|| phrases(&SECOND_IN_COMMAND));

/// "leader of the Unidad Popular (UP) of Iguala": the head at word `k` of a body the clause
/// names, no group it knows, heads no cartel.
fn heads_a_named_body(clause: &crate::mentions::Clause, words: &[&str], k: usize) -> bool {
    let mut q = k + 1;
    if !words
        .get(q)
        .is_some_and(|w| matches!(*w, "of" | "de" | "del"))
    {
        return false;
    }
    q += 1;
    if words
        .get(q)
        .is_some_and(|w| matches!(*w, "the" | "la" | "el" | "los" | "las"))
    {
        q += 1;
    }
    // (A group's own word names a group: "leaders of 'Cartel Santa Rosa Lima'".)
    clause.toks.get(q).is_some_and(|t| t.cap && !t.upper)
        && clause.toks.get(q + 1).is_some_and(|t| t.cap)
        && !words[q..(q + 4).min(words.len())]
            .iter()
            .any(|w| is(w, &GROUP_WORDS))
        && !clause.actor_spans.iter().any(|&(a, b)| a <= q && q < b)
        && !clause
            .mentions
            .iter()
            .any(|m| m.at <= q && q < m.at + m.len)
}

impl<'a> Leaders<'a> {
    pub(crate) fn new(r: &'a Reading<'a>, names: &'a [String]) -> Self {
        let words = &r.words[..];
        // "el segundo al mando de la organización", "the cartel's number two": a top boss.
        let second = words.iter().any(|w| {
            matches!(
                *w,
                "mando"
                    | "dos"
                    | "two"
                    | "second"
                    | "second-in-command"
                    | "third"
                    | "third-in-command"
                    | "founding"
            )
        }) && SECOND_IN_COMMAND_WORDS
            .iter()
            .any(|ph| words.windows(ph.len()).any(|w| w == ph.as_slice()));
        // "the cartel's chief enforcer", "chief logistics operator", "jefe de (los)
        // sicarios": a role inside the group.
        let role = |k: usize| {
            let from = if words.get(k + 1).is_some_and(|w| matches!(*w, "de" | "of")) {
                k + 2
            } else {
                k + 1
            };
            words[from.min(words.len())..(from + 2).min(words.len())]
                .iter()
                .any(|w| is(w, &ROLE_AFTER))
        };
        // "El Chivo … was arrested … and told investigators that cartel boss La Tuta had
        // ordered the killings": a head named in what the one caught reported is not him.
        let reported = (1..words.len())
            .find(|&q| {
                is(words[q], &REPORTING)
                    && words[q + 1..(q + 4).min(words.len())]
                        .iter()
                        .any(|w| matches!(*w, "that" | "que"))
                    && words[..q]
                        .iter()
                        .any(|w| is(w, &ARREST) || is_in(w, &KILL_IX))
            })
            .unwrap_or(words.len());
        let words_told = &words[..reported];
        // "detuvieron a 26 personas, entre ellas la madre … de José Antonio Yépez, El Marro,
        // líder del cártel": the leader named is the relatives' of those caught, not one of
        // them ("Mario Cárdenas, brother of Osiel … and one of the leaders" is one).
        let several_caught = r
            .measures
            .iter()
            .any(|(m, v, _)| *m == "arrested" && *v >= 2.0);
        // "arrested the wife of Nemesio Oseguera, the fugitive leader of the CJNG": the
        // relative is the one caught.
        // (Not a nickname's word: "El Gordo Mata", brother of…)
        let deed = |q: usize| {
            (is(words[q], &ARREST) || is_in(words[q], &KILL_IX))
                && !r.clause.toks.get(q).is_some_and(|t| t.cap && q > 0)
        };
        let kin_caught = |j: usize| {
            j >= 1 && deed(j - 1)
                || j >= 2
                    && matches!(
                        words[j - 1],
                        "the" | "a" | "his" | "her" | "la" | "el" | "al" | "su"
                    )
                    && deed(j - 2)
        };
        let kin_before = |k: usize| {
            (k.saturating_sub(12)..k).any(|j| {
                is(words[j], &KIN_WORDS)
                    && words
                        .get(j + 1)
                        .is_some_and(|w| matches!(*w, "of" | "de" | "del"))
                    && (several_caught || kin_caught(j))
            })
        };
        // "a senior lieutenant of the faction loyal to drug lord Ismael Zambada": the head
        // named is the one caught's boss.
        let man_of_before = |k: usize| {
            (k.saturating_sub(10)..k).any(|j| {
                is(words[j], &MEN_OF)
                    && words
                        .get(j + 1)
                        .is_some_and(|w| matches!(*w, "of" | "de" | "del"))
            })
        };
        // "head" leads only as "head of …" (not "a human head").
        // "último de los hermanos al frente del cártel": heading the group.
        let at_the_head = words_told
            .windows(3)
            .any(|w| w[0] == "al" && w[1] == "frente" && matches!(w[2], "del" | "de"));
        let leader_word = second
            || at_the_head
            || (0..words_told.len()).any(|k| {
                is_in(words[k], &LEADER_IX)
                    && (words[k] != "head" || matches!(words.get(k + 1), Some(&"of")))
                    && !role(k)
                    && !kin_before(k)
                    && !man_of_before(k)
                    // "Mexico's former security chief", "the police chief": a force's head.
                    && !(k > 0 && matches!(words[k - 1], "security" | "police" | "prison" | "intelligence"))
                    && !(r.group_here.is_none() && heads_a_named_body(r.clause, words, k))
            });
        // "a drug boss", "un capo": a group's head with no group named. "Junto con el capo
        // fue detenido un acompañante": the one told before, not a new head.
        let trade_head = || {
            (0..words.len()).any(|k| {
                is(words[k], &LONE_HEADS)
                    && (k == 0
                        || !(is(words[k - 1], &DETERMINERS)
                            || matches!(words[k - 1], "del" | "of")))
                    || (k > 0 && is(words[k], &LEADER) && is(words[k - 1], &TRADE_WORDS))
            })
        };
        // "…the Templars had collapsed…, and their leader … was captured": a head of the
        // group the text goes on about.
        let their_head = || {
            (1..words_told.len()).any(|k| {
                is(words[k], &HEAD_WORDS) && matches!(words[k - 1], "their" | "its" | "su" | "sus")
            })
        };
        let word = leader_word
            && (r.group_here.is_some() || has(words, &GROUP_WORDS) || trade_head() || their_head())
            // A self-defence movement's leader heads no cartel: caught, it is an arrest.
            && r.group_here != Some("Autodefensas")
            // A plaza boss ("jefe de plaza") or a local or cell leader is an arrest, not a
            // leader.
            && !has_seq(words, &["plaza"], &["boss", "bosses"])
            && !has_seq(
                words,
                &MINOR_RANKS,
                &HEAD_WORDS,
            )
            && !has_seq(words, &["lider*", "jefe*"], &["local*", "regional*"])
            && !heads_a_place(words)

            // "the leader of a gang of car thieves": a band of thieves, not a cartel.
            && !words.windows(3).any(|w| {
                matches!(w[0], "gang" | "banda")
                    && matches!(w[1], "of" | "de")
                    && is(w[2], &PETTY_CRIMES)
            })
            && !words
                .windows(3)
                .any(|w| is(w[0], &["jefe", "jefes"]) && w[2] == "plaza");
        // "a son of imprisoned drug lord Joaquín 'El Chapo' Guzmán": a kingpin's son heads
        // his father's faction.
        let son = words.windows(2).enumerate().any(|(k, w)| {
            is(w[0], &SON_WORDS)
                && matches!(w[1], "of" | "de")
                && (r.clause.actors.contains(&"Los Chapitos")
                    || words[k + 2..(k + 9).min(words.len())]
                        .iter()
                        .any(|x| is(x, &KNOWN_LEADERS) || is(x, &KINGPIN_WORDS)))
        });
        Leaders {
            toks: &r.clause.toks,
            words,
            actor_spans: &r.clause.actor_spans,
            names,
            word,
            son,
            known_names: known_names(&r.clause.toks, words),
        }
    }

    /// A leader the text named before ("Guzmán"), or known by nickname ("El Chapo"), at
    /// word `k`.
    fn known_at(&self, k: usize) -> bool {
        let (toks, words) = (self.toks, self.words);
        toks[k].cap
            && !self.actor_spans.iter().any(|&(a, b)| a <= k && k < b)
            && (self.names.iter().any(|n| *n == toks[k].low)
                || k > 0 && matches!(words[k - 1], "el" | "la") && is(words[k], &KNOWN_LEADERS)
                || self.known_name_at(k))
    }

    /// Word `k` is in a known leader's name.
    fn known_name_at(&self, k: usize) -> bool {
        self.known_names.get(k).copied().unwrap_or(false)
    }

    /// A known leader right next to the word `p` that captures or kills.
    pub(crate) fn near(&self, p: usize) -> bool {
        let words = self.words;
        // "Édgar, hijo de Joaquín 'El Chapo' Guzmán, fue asesinado": the leader named is a
        // relative's, not the one killed or caught.
        // "plaza boss of Ismael Zambada", "operador de El Mencho": a man of the leader's.
        let kin_of = |k: usize| {
            (k.saturating_sub(6)..k).any(|j| {
                (is(words[j], &KIN_WORDS) || words[j] == "boss" || is(words[j], &MEN_OF))
                    && words
                        .get(j + 1)
                        .is_some_and(|w| matches!(*w, "of" | "de" | "del"))
            })
        };
        (p.saturating_sub(4)..(p + 5).min(words.len()))
            .any(|k| k != p && self.known_at(k) && !kin_of(k))
            // The subject of a passive or of a death: "Guzmán fled … and was caught by
            // police", "Mr. Oseguera was wounded … and died of his injuries".
            // "He was captured by federal police…" after a sentence that presented a leader.
            || (!self.names.is_empty()
                && matches!(words.first(), Some(&"he") | Some(&"she"))
                && p > 0
                && words[p - 1] == "was")
            // "Soldiers captured him in March 2002", "lo capturaron": the leader presented
            // before, as the object.
            || (!self.names.is_empty()
                && (words.get(p + 1) == Some(&"him") || p > 0 && words[p - 1] == "lo"))
            || ((0..words.len().min(3)).any(|k| self.known_at(k) && !kin_of(k))
                && p > 0
                && (matches!(words[p - 1], "was" | "fue" | "been") || is(words[p], &DIED_WORDS)))
    }

    /// Remember who was presented as a leader: later sentences name them alone. The
    /// capitalised words of a clause that names a leader, but for actors, places, dates and
    /// words that are no names.
    pub(crate) fn new_names(&self, r: &Reading) -> Vec<String> {
        let known_leader = (0..self.toks.len()).any(|k| self.known_at(k));
        let mut new_names: Vec<String> = Vec::new();
        if self.word || known_leader {
            for (k, t) in self.toks.iter().enumerate() {
                if k > 0
                    && t.cap
                    && t.low.len() >= 4
                    && !self.actor_spans.iter().any(|&(a, b)| a <= k && k < b)
                    && !r
                        .clause
                        .mentions
                        .iter()
                        .any(|m| m.at <= k && k < m.at + m.len)
                    && weekday(&t.low).is_none()
                    && month(&t.low).is_none()
                    && !NOT_A_NAME.contains(&t.low.as_str())
                    && !self.names.iter().any(|n| *n == t.low)
                    // "two elderly Jesuit priests", "Mexican authorities": a word that
                    // describes people is no name.
                    && !self.toks.get(k + 1).is_some_and(|n| {
                        !n.cap
                            && (is_in(&n.low, &PERSON_IX)
                                || is(&n.low, &PEOPLE)
                                || n.low.strip_suffix('s').is_some_and(|x| is_in(x, &PERSON_IX)))
                    })
                {
                    new_names.push(t.low.to_string());
                }
            }
        }
        new_names
    }
}

/// For each word, whether it and the capitalised word beside it are a pair of
/// `known_leader_name_phrases.txt` ("Arturo Beltrán Leyva", "Guzmán Loera"); not in the
/// possessive ("Rafael Caro Quintero's nephew": a relative's).
fn known_names(toks: &[Tok], words: &[&str]) -> Vec<bool> {
    // The pairs split once, looked up by their first name.
    static PAIRS: std::sync::LazyLock<rustc_hash::FxHashMap<&'static str, Vec<&'static str>>> =
        std::sync::LazyLock::new(|| {
            let mut m: rustc_hash::FxHashMap<&'static str, Vec<&'static str>> = Default::default();
            for (x, y) in KNOWN_LEADER_NAMES.iter().filter_map(|n| n.split_once(' ')) {
                m.entry(x).or_default().push(y);
            }
            m
        });
    let mut out = vec![false; words.len()];
    for a in 0..words.len().saturating_sub(1) {
        let pair = toks[a].cap
            && toks[a + 1].cap
            && PAIRS
                .get(words[a])
                .is_some_and(|ys| ys.contains(&words[a + 1]))
            && !toks[a..]
                .iter()
                .take(3)
                .take_while(|t| t.cap)
                .any(|t| t.possessive);
        if pair {
            out[a] = true;
            out[a + 1] = true;
        }
    }
    out
}

/// "los jefes de la organización en el municipio de Córdoba", "the cartel's boss in the
/// city of Reynosa": a head of one place, a plaza boss.
fn heads_a_place(words: &[&str]) -> bool {
    (0..words.len()).any(|k| {
        is_in(words[k], &LEADER_IX)
            && (k + 1..(k + 7).min(words.len())).any(|q| {
                matches!(words[q], "en" | "in")
                    && words[q + 1..(q + 3).min(words.len())].iter().any(|w| {
                        matches!(
                            *w,
                            "municipio"
                                | "municipality"
                                | "ciudad"
                                | "city"
                                | "zona"
                                | "area"
                                | "plaza"
                        )
                    })
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::*;

    #[test]
    fn leader_killed_in_a_clash() {
        let c = code("El líder del Cártel del Golfo murió ayer en un enfrentamiento con marinos en Tamaulipas.", d("2020-01-02"), Lang::Es);
        assert_eq!(kinds(&c), ["leader_killed"]);
        assert_eq!(c.events[0].date.as_deref(), Some("2020-01-01"));
    }

    /// The head of a body the clause names and knows as no group is no cartel's leader; a
    /// cartel named by its own word still is.
    #[test]
    fn the_head_of_a_named_civic_body_is_no_cartel_leader() {
        let c = code("The bodies of Arturo Hernández Cardona, leader of the Unidad Popular (UP) of Iguala, and of two other members of the organization were found yesterday in Tepecoacuilco.", d("2013-06-04"), Lang::En);
        assert_eq!(kinds(&c), ["homicide"]);
        let c = code(
            "Soldiers killed the leader of the Cartel Santa Rosa Lima in Celaya on Monday.",
            d("2019-06-04"),
            Lang::En,
        );
        assert_eq!(kinds(&c), ["leader_killed"]);
    }

    /// A word that describes people in a clause naming a leader ("two elderly Jesuit
    /// priests") is no leader's name for later clauses.
    #[test]
    fn a_word_describing_people_is_no_leaders_name() {
        let t = "Authorities are working to confirm whether a man found shot dead in Sinaloa is Jose Noriel Portillo, the local gang boss accused of killing two elderly Jesuit priests. On June 20, 2022, he entered the church of Cerocahui, in Urique, and shot dead Jesuit priests Javier Campos, 79, and Joaquin Mora, 80.";
        let c = code(t, d("2023-03-23"), Lang::En);
        assert_eq!(kinds(&c), ["homicide"]);
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
    fn a_self_defence_leader_caught_is_an_arrest() {
        let c = coded("El 11 de marzo fue arrestado Hipólito Mora, líder de las autodefensas de La Ruana, en Buenavista, Michoacán.");
        assert_eq!(kinds(&c), ["arrest"]);
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
    fn leaders_are_told_by_their_title_and_named_again_later() {
        let c =
            clause("Prosecutors describe Ramiro Fuentes as the leader of the Northeast Cartel.");
        let r = Reading::new(&c, &[], Lang::En);
        let l = Leaders::new(&r, &[]);
        assert!(l.word);
        assert_eq!(l.new_names(&r), ["ramiro", "fuentes"]);
        // A local leader is no group's head.
        let c = clause("Soldiers arrested a local leader of the Gulf Cartel.");
        let r = Reading::new(&c, &[], Lang::En);
        assert!(!Leaders::new(&r, &[]).word);
        // A name presented before, next to the capture.
        let names = ["fuentes".to_string()];
        let c = clause("Soldiers captured Fuentes in Nuevo Laredo.");
        let r = Reading::new(&c, &[], Lang::En);
        let l = Leaders::new(&r, &names);
        assert!(!l.word && l.near(1));
    }

    #[test]
    fn a_kingpins_son_captured_is_a_leaders_capture() {
        let c = coded("Marines captured Juan Pérez, a son of jailed drug lord Ismael Zambada, in Sinaloa's state capital on Thursday.");
        let e = one(&c, EventKind::LeaderCaptured);
        assert_eq!(e.state.as_deref(), Some("25"));
    }

    #[test]
    fn a_leaders_relative_caught_is_an_arrest() {
        let c = coded("Mexican soldiers have arrested the wife of Nemesio Oseguera, the fugitive leader of the Jalisco New Generation Cartel.");
        assert_eq!(kinds(&c), ["arrest"]);
        let c = coded("Matan a hermana de capo en Culiacán");
        assert_eq!(kinds(&c), ["homicide"]);
    }

    #[test]
    fn a_leaders_relative_killed_is_no_leader_killed() {
        let c = coded("Édgar Guzmán, de 22 años, hijo de Joaquín \"El Chapo\" Guzmán, fue asesinado en Culiacán, Sinaloa.");
        assert_eq!(kinds(&c), ["homicide"]);
    }

    #[test]
    fn a_drug_boss_or_a_capo_is_a_groups_head_and_the_capo_again_is_not_new() {
        let c = coded("Federal police captured Teodoro García, a drug boss blamed for hundreds of killings in Tijuana, in a raid in La Paz, Baja California Sur, on Tuesday.");
        assert_eq!(kinds(&c), ["leader_captured"]);
        // Where the killings he is blamed for were is not where he was caught.
        assert_eq!(c.events[0].state.as_deref(), Some("03"));
        let c = coded("Soldados capturaron a un capo en Culiacán, Sinaloa. Junto con el capo fue detenido un acompañante.");
        assert_eq!(kinds(&c), ["leader_captured", "arrest"]);
        // Talk of kingpins and of murder rates tells no deed.
        let c = coded("The next government is likely to talk less about kingpins and more about murder rates.");
        assert!(c.events.is_empty());
    }

    #[test]
    fn a_founder_or_third_in_command_is_a_head_but_not_a_relatives_leader() {
        let c = coded("Mexican federal police have captured Jesus Enrique Rejon Aguilar, alias El Mamito, a founding member of the Zetas whom authorities describe as the group's third in command.");
        assert_eq!(kinds(&c), ["leader_captured"]);
        let c = coded("Fuerzas federales detuvieron a 26 personas, entre ellas la madre y una hermana de José Antonio Yépez Ortiz, El Marro, líder del Cártel de Santa Rosa de Lima, en Celaya.");
        assert_eq!(kinds(&c), ["arrest"]);
        let c = coded("Marinos detuvieron en Altamira a Mario Cárdenas Guillén, hermano de Osiel Cárdenas y considerado uno de los principales líderes del Cártel del Golfo.");
        assert_eq!(kinds(&c), ["leader_captured"]);
    }

    #[test]
    fn a_known_leader_named_in_full_is_a_head_but_not_his_relatives_or_his_men() {
        let c = coded("Desde la muerte de Arturo Beltrán Leyva, abatido por la Marina en diciembre de 2009 en Cuernavaca, el estado vive en guerra.");
        assert_eq!(kinds(&c), ["leader_killed"]);
        for text in [
            "Federal agents captured Rafael Caro Quintero's nephew in Sonora on Wednesday.",
            "Nephew of Caro Quintero dies after confrontation in Culiacán",
            "\"El Buda\", operator of El Chapo Guzmán, is executed in Chetumal",
        ] {
            let c = coded(text);
            assert!(
                kinds(&c).iter().all(|k| !k.starts_with("leader")),
                "{text}: {:?}",
                kinds(&c)
            );
        }
    }

    #[test]
    fn a_groups_second_in_command_is_one_of_its_heads() {
        let c = coded("Elementos de la Marina detuvieron ayer en Puebla a Sergio Villarreal, El Grande, considerado el segundo al mando de la organización de los hermanos Beltrán Leyva.");
        assert_eq!(kinds(&c), ["leader_captured"]);
        // A running count of such captures is no new one.
        let c = coded("Es la segunda detención de un líder criminal de alto nivel en lo que va del gobierno de Enrique Peña Nieto.");
        assert!(c.events.is_empty());
    }

    #[test]
    fn a_role_inside_a_group_is_no_head_and_him_is_the_head_named_before() {
        let c = coded(
            "Ramón Arellano, the cartel's chief enforcer, was shot dead in Mazatlán, Sinaloa.",
        );
        assert_eq!(kinds(&c), ["homicide"]);
        let c = coded("Police arrested Arnoldo Rueda, whom officials describe as La Familia's chief logistics operator, in Morelia.");
        assert_eq!(kinds(&c), ["arrest"]);
        let c = coded("Fue detenido el jefe de los sicarios del Cártel del Golfo en Reynosa.");
        assert_eq!(kinds(&c), ["arrest"]);
        // A leader's man: the head named is his boss.
        let c = coded("Soldiers detained a senior lieutenant of the faction loyal to jailed drug lord Ismael Zambada in Culiacán on Monday.");
        assert_eq!(kinds(&c), ["arrest"]);
        let c = coded("Soldiers detained drug lord Ismael Zambada in Culiacán on Monday.");
        assert_eq!(kinds(&c), ["leader_captured"]);
        // A head named in what the one arrested told is not him.
        let c = coded("A La Familia gunman was arrested in Petatlán, Guerrero, and told investigators that cartel boss La Tuta had ordered the killings.");
        assert_eq!(kinds(&c), ["arrest"]);
        let c = coded("Benjamín Arellano, the former head of the Tijuana cartel, was extradited on Friday. Soldiers captured him in March 2002 at a house in Puebla.");
        assert!(kinds(&c).contains(&"leader_captured"), "{:?}", kinds(&c));
    }
}
