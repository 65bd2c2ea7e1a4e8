//! Actors: the registry's forces and groups named in a clause (aliases matched as phrases),
//! with the word spans of the names, leaving out a force that only tells the news.

use atalaya_core::actors;
use atalaya_core::text::fold;
use rustc_hash::FxHashMap;

use crate::lexicon::{
    NOT_FEDERAL_AFTER, NOT_FEDERAL_BEFORE, SOURCE_VERBS_AFTER, SOURCE_VERBS_BEFORE,
};
use crate::tokens::{find_phrases, index_phrases, is, PhraseIndex, Tok};

/// The common words for forces and the actor each names (`lexicon/actors/force_words.tsv`).
fn force_words() -> impl Iterator<Item = (&'static str, &'static str)> {
    include_str!("../lexicon/actors/force_words.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            l.split_once('\t')
                .expect("force_words.tsv: a tab between word and actor")
        })
}

/// Actor names (folded, split in words) to look for in running text: the registry's names
/// and aliases, and the common words for forces; `(words, actor, short capitals)`.
fn actor_names() -> &'static Vec<(Vec<String>, &'static str, bool)> {
    static V: std::sync::OnceLock<Vec<(Vec<String>, &'static str, bool)>> =
        std::sync::OnceLock::new();
    V.get_or_init(|| {
        let mut v = Vec::new();
        for a in actors::ACTORS {
            // Officials and unnamed gunmen are too generic to read off running text.
            if a.name == "Officials" || a.name == "Unidentified criminal group" {
                continue;
            }
            for n in std::iter::once(a.name).chain(a.aliases.iter().copied()) {
                let f = fold(n);
                let short = n.chars().count() <= 4 && n.chars().all(|c| c.is_uppercase());
                v.push((
                    f.split(' ').map(str::to_string).collect::<Vec<String>>(),
                    a.name,
                    short,
                ));
            }
        }
        for (n, a) in force_words() {
            v.push((
                n.split(' ').map(str::to_string).collect::<Vec<String>>(),
                a,
                false,
            ));
        }
        v.sort_by_key(|(w, _, _)| std::cmp::Reverse(w.len()));
        v
    })
}

/// A state force (army, navy, police, government), by canonical name.
pub(crate) fn is_force(name: &str) -> bool {
    // Called with canonical names many times per clause: look them up without folding.
    static FORCES_BY_NAME: std::sync::OnceLock<FxHashMap<&'static str, bool>> =
        std::sync::OnceLock::new();
    let m = FORCES_BY_NAME.get_or_init(|| {
        actors::ACTORS
            .iter()
            .map(|a| (a.name, a.kind.is_state()))
            .collect()
    });
    match m.get(name) {
        Some(f) => *f,
        None => actors::resolve(name).is_some_and(|a| a.kind.is_state()),
    }
}

/// A criminal group: no force, civilians or foreign government.
pub(crate) fn is_group(name: &str) -> bool {
    !is_force(name) && name != "Civilians" && name != "US government"
}

/// Actor names by their first word.
fn actor_index() -> &'static PhraseIndex<&'static str> {
    static I: std::sync::OnceLock<PhraseIndex<&'static str>> = std::sync::OnceLock::new();
    I.get_or_init(|| index_phrases(actor_names()))
}

/// Actors named in a sentence, and the word spans of the names.
pub(crate) fn actors_in(toks: &[Tok]) -> (Vec<&'static str>, Vec<(usize, usize)>) {
    let found = find_phrases(toks, actor_index());
    let mut out: Vec<&'static str> = Vec::new();
    let mut spans = Vec::new();
    for (i, n, a) in found {
        if a == "Federal government" {
            let prev = if i > 0 { toks[i - 1].low.as_str() } else { "" };
            let next = &toks[i + n..(i + n + 3).min(toks.len())];
            if is(prev, &NOT_FEDERAL_BEFORE) || next.iter().any(|t| is(&t.low, &NOT_FEDERAL_AFTER))
            {
                continue;
            }
        }
        // "a former state police officer", "un ex policía federal": a past member is no
        // party as the force.
        if is_force(a)
            && i > 0
            && matches!(
                toks[i - 1].low.as_str(),
                "former" | "ex" | "retired" | "exagente" | "expolicia"
            )
        {
            continue;
        }
        // "autodenominados 'Mata Zetas'", "los anti-Zetas": a name taken against a group.
        // (The name is no deed either: "Mata" is no killing.)
        if is_group(a) && i > 0 && matches!(toks[i - 1].low.as_str(), "mata" | "anti") {
            spans.push((i - 1, i + n));
            continue;
        }
        spans.push((i, i + n));
        // A force that only tells the news closes the sentence: "…, state police said.",
        // "…, informó la policía municipal." It is the source, not a party.
        let source = a != "Federal government"
            && is_force(a)
            && ({
                let before_comma = i >= 1 && toks[i - 1].sep_after
                    || i >= 2 && toks[i - 1].low == "the" && toks[i - 2].sep_after;
                let verb = toks
                    .get(i + n)
                    .is_some_and(|t| is(&t.low, &SOURCE_VERBS_AFTER));
                before_comma && verb && toks.len() <= i + n + 5
            } || {
                let mut k = i;
                while k > 0 && matches!(toks[k - 1].low.as_str(), "la" | "el" | "los" | "las") {
                    k -= 1;
                }
                k > 0
                    && is(&toks[k - 1].low, &SOURCE_VERBS_BEFORE)
                    && !toks[k - 1].sep_after
                    && k >= 2
                    && toks[k - 2].sep_after
                    && toks.len() <= i + n + 2
            });
        if source {
            continue;
        }
        if !out.contains(&a) {
            out.push(a);
        }
    }
    (out, spans)
}

/// Actors named in the few words after word `p`.
pub(crate) fn found_actors_after(toks: &[Tok], p: usize) -> Vec<&'static str> {
    let end = (p + 8).min(toks.len());
    if p + 1 >= end {
        return Vec::new();
    }
    actors_in(&toks[p + 1..end]).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::*;

    #[test]
    fn a_former_member_of_a_force_is_no_party() {
        let text: Vec<char> = "Flores Borrego, a former state police officer, ran the cartel's \
                               Reynosa operation."
            .chars()
            .collect();
        let (actors, _) = actors_in(&crate::tokens::tokenize(&text, 0, text.len()));
        assert!(!actors.contains(&"State police"), "{actors:?}");
    }

    /// A state prosecutor's agents and investigators, and Mexico City's police, are the
    /// state's police.
    #[test]
    fn state_investigators_are_the_state_police() {
        for text in [
            "La FGJE informó que agentes ministeriales detuvieron la madrugada de este miércoles a dos hombres en Hermosillo, Sonora.",
            "En Los Cabos, Baja California Sur, agentes de la Policía de Investigación detuvieron el sábado a dos hombres.",
            "On Tuesday, Sonora state investigators arrested three people in Puerto Peñasco.",
            "Mexico City police arrested 12 suspects at the scene, Sheinbaum said.",
        ] {
            let c = code(text, d("2024-08-08"), Lang::Auto);
            assert_eq!(one(&c, EventKind::Arrest).actors, ["State police"], "{text}");
        }
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

    #[test]
    fn force_words_are_folded_and_name_registry_actors() {
        let rows: Vec<_> = force_words().collect();
        assert!(!rows.is_empty());
        for (w, a) in rows {
            assert_eq!(w, fold(w), "force_words.tsv: {w:?} is not folded");
            assert!(!w.contains("  ") && w.trim() == w, "force_words.tsv: {w:?}");
            assert!(
                actors::ACTORS.iter().any(|x| x.name == a),
                "force_words.tsv: {a:?} is no registry actor"
            );
        }
    }

    #[test]
    fn actors_are_read_with_their_spans_and_a_source_is_no_party() {
        let (a, spans) = actors_in(&toks(
            "Jalisco New Generation Cartel gunmen ambushed troops",
        ));
        assert_eq!(a, ["CJNG", "Army"]);
        assert_eq!(spans, [(0, 4), (6, 7)]);
        // A force closing the sentence as its source tells the news; it is no party.
        let (a, _) = actors_in(&toks("Gunmen killed a man in Apodaca, state police said."));
        assert!(a.is_empty(), "{a:?}");
        assert!(is_force("Army") && !is_group("Army"));
        assert!(is_group("CJNG") && !is_group("Civilians") && !is_group("US government"));
    }
}
