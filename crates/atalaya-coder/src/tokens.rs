//! Words: a clause's words folded (lowercase, no accents) with how they were
//! capitalised and punctuated; the word tests every later stage matches lexicons with
//! (`is`, `has`, `has_seq`); and the document's language when the caller leaves it open.

use rustc_hash::FxHashMap;

use crate::coder::Lang;

/// A word: its folded form and how it was capitalised.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub(crate) low: Low,
    /// Starts with a capital letter.
    pub(crate) cap: bool,
    /// Has no lowercase letter ("CJNG", "CDG").
    pub(crate) upper: bool,
    /// Punctuation stands between this word and the next ("Culiacán, Defence Minister").
    pub(crate) sep_after: bool,
    /// An English possessive ("Mexicali's"): a name ends here.
    pub(crate) possessive: bool,
}

/// The longest folded word kept inline in a `Low`.
const INLINE: usize = 22;

/// A folded word: inline when it is short, as nearly every word is, so that a clause's
/// words cost no allocation each (one `String` per word was a tenth of the coder's
/// allocations and their frees). Reads as a `&str`.
#[derive(Clone)]
pub(crate) struct Low(LowRepr);

#[derive(Clone)]
enum LowRepr {
    /// The length and the bytes of a word of at most `INLINE` bytes.
    Inline(u8, [u8; INLINE]),
    Heap(Box<str>),
}

impl Low {
    pub(crate) fn new(s: &str) -> Low {
        if s.len() <= INLINE {
            let mut buf = [0; INLINE];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            Low(LowRepr::Inline(s.len() as u8, buf))
        } else {
            Low(LowRepr::Heap(s.into()))
        }
    }

    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        match &self.0 {
            // SAFETY: `n` is at most `INLINE`, and the first `n` bytes are a `&str`'s copied
            // whole in `new` or ASCII written by `fold_word`.
            LowRepr::Inline(n, buf) => unsafe {
                std::str::from_utf8_unchecked(buf.get_unchecked(..*n as usize))
            },
            LowRepr::Heap(s) => s,
        }
    }
}

impl std::ops::Deref for Low {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Low {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for Low {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for Low {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Low {
    fn eq(&self, o: &Low) -> bool {
        self.as_str() == o.as_str()
    }
}

impl Eq for Low {}

impl PartialEq<str> for Low {
    fn eq(&self, o: &str) -> bool {
        self.as_str() == o
    }
}

impl PartialEq<&str> for Low {
    fn eq(&self, o: &&str) -> bool {
        self.as_str() == *o
    }
}

impl PartialEq<String> for Low {
    fn eq(&self, o: &String) -> bool {
        self.as_str() == o.as_str()
    }
}

impl PartialEq<Low> for String {
    fn eq(&self, o: &Low) -> bool {
        self.as_str() == o.as_str()
    }
}

impl PartialEq<Low> for &str {
    fn eq(&self, o: &Low) -> bool {
        *self == o.as_str()
    }
}

/// Lowercase without accents, for the Latin-1 letters Spanish and names use (as
/// `atalaya_core::text::fold` does, one character at a time).
#[inline]
pub(crate) fn fold_char(c: char, out: &mut String) {
    // Most letters are ASCII: folded in place, the others out of line.
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        fold_accented(c, out);
    }
}

/// `fold_char` of a char beyond ASCII.
#[inline(never)]
fn fold_accented(c: char, out: &mut String) {
    let m = match c {
        'á' | 'à' | 'ä' | 'â' | 'ã' | 'å' | 'Á' | 'À' | 'Ä' | 'Â' | 'Ã' | 'Å' => 'a',
        'é' | 'è' | 'ë' | 'ê' | 'É' | 'È' | 'Ë' | 'Ê' => 'e',
        'í' | 'ì' | 'ï' | 'î' | 'Í' | 'Ì' | 'Ï' | 'Î' => 'i',
        'ó' | 'ò' | 'ö' | 'ô' | 'õ' | 'Ó' | 'Ò' | 'Ö' | 'Ô' | 'Õ' => 'o',
        'ú' | 'ù' | 'ü' | 'û' | 'Ú' | 'Ù' | 'Ü' | 'Û' => 'u',
        'ñ' | 'Ñ' => 'n',
        'ç' | 'Ç' => 'c',
        c => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(m);
}

/// The words of `chars[from..to]`: letters and digits ("29,000", "2.5" and "narco-bloqueo"
/// are one word, "Chapo's" is "chapo"), plus "%" and "$" as words of their own.
pub(crate) fn tokenize(chars: &[char], from: usize, to: usize) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity((to - from) / 5);
    let mut i = from;
    let mut last_end = from;
    while i < to {
        let c = chars[i];
        if alnum(c) {
            let s = i;
            while i < to {
                let c = chars[i];
                if alnum(c) {
                    i += 1;
                    continue;
                }
                let inner = |p: usize| p + 1 < to && alnum(chars[p + 1]);
                // "1,200", "3.5", and a time of day ("10:30"), which is no number.
                if ((c == ',' || c == '.' || c == ':')
                    && i > s
                    && chars[i - 1].is_ascii_digit()
                    && i + 1 < to
                    && chars[i + 1].is_ascii_digit())
                    || ((c == '-' || c == '\'' || c == '’') && inner(i))
                {
                    i += 1;
                } else {
                    break;
                }
            }
            let digit = chars[s].is_ascii_digit();
            // An English possessive is the word it is said of: "Sinaloa's", "Chapo's".
            let e = if i - s > 2
                && matches!(chars[i - 2], '\'' | '’')
                && matches!(chars[i - 1], 's' | 'S')
            {
                i - 2
            } else {
                i
            };
            if let Some(prev) = out.last_mut() {
                prev.sep_after |= chars[last_end..s].iter().any(|c| !c.is_whitespace());
            }
            last_end = i;
            let (low, lower) = fold_word(&chars[s..e], digit);
            out.push(Tok {
                low,
                cap: chars[s].is_uppercase(),
                upper: !lower && !chars[e..i].iter().any(|c| c.is_lowercase()),
                sep_after: false,
                possessive: e < i,
            });
        } else {
            if c == '%' || c == '$' {
                out.push(Tok {
                    low: Low::new(if c == '%' { "%" } else { "$" }),
                    cap: false,
                    upper: false,
                    sep_after: false,
                    possessive: false,
                });
                last_end = i + 1;
            }
            i += 1;
        }
    }
    out
}

/// A word's chars folded, without its apostrophes unless it is a number ("1'000"), and
/// whether one of them is a lower-case letter (read in the same pass).
fn fold_word(chars: &[char], digit: bool) -> (Low, bool) {
    // Most words are short and ASCII: folded straight into the inline bytes.
    let mut buf = [0; INLINE];
    let mut n = 0;
    let mut lower = false;
    for &c in chars {
        if !c.is_ascii() || n == INLINE {
            return fold_word_slow(chars, digit);
        }
        lower |= c.is_ascii_lowercase();
        if c == '\'' && !digit {
            continue;
        }
        buf[n] = (c as u8).to_ascii_lowercase();
        n += 1;
    }
    (Low(LowRepr::Inline(n as u8, buf)), lower)
}

/// `fold_word` of a word with letters beyond ASCII or too long to keep inline.
#[inline(never)]
fn fold_word_slow(chars: &[char], digit: bool) -> (Low, bool) {
    let mut low = String::with_capacity(chars.len() + 2);
    for &c in chars {
        match c {
            '\'' | '’' if !digit => {}
            c => fold_char(c, &mut low),
        }
    }
    (Low::new(&low), chars.iter().any(|c| c.is_lowercase()))
}

/// `char::is_alphanumeric`, with the ASCII letters and digits (most chars) told first.
#[inline]
fn alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// A word without a trailing "-s" (a possessive written with a hyphen-like mark).
pub(crate) fn trim_s(w: &str) -> &str {
    let mut w = w;
    while let Some(x) = w.strip_suffix("-s") {
        w = x;
    }
    w
}

/// Does the word match the stem pattern ("kill*" is a prefix, "killed" exact)?
#[inline]
pub(crate) fn is<P: Patterns + ?Sized>(w: &str, pats: &P) -> bool {
    pats.matched_by(w)
}

/// A list of word patterns `is` tries a word against: a slice or array, or a lexicon list
/// (`lexicon::Lex`), which compares a word only with the patterns of its first letter.
pub(crate) trait Patterns {
    fn matched_by(&self, w: &str) -> bool;
}

impl<S: AsRef<str>> Patterns for [S] {
    #[inline(always)]
    fn matched_by(&self, w: &str) -> bool {
        // The hot path of the coder: compare first bytes before anything else (most words
        // share no first letter with most patterns), and bytes rather than chars.
        let wb = w.as_bytes();
        let Some(&c) = wb.first() else {
            return false;
        };
        self.iter().any(|p| {
            let pb = p.as_ref().as_bytes();
            if pb.first() != Some(&c) {
                return false;
            }
            match pb.split_last() {
                Some((b'*', stem)) => wb.starts_with(stem),
                _ => wb == pb,
            }
        })
    }
}

impl<S: AsRef<str>, const N: usize> Patterns for [S; N] {
    #[inline(always)]
    fn matched_by(&self, w: &str) -> bool {
        self[..].matched_by(w)
    }
}

impl<P: Patterns + ?Sized> Patterns for &P {
    #[inline]
    fn matched_by(&self, w: &str) -> bool {
        (**self).matched_by(w)
    }
}

impl<const N: usize> Patterns for crate::lexicon::Lex<N> {
    #[inline]
    fn matched_by(&self, w: &str) -> bool {
        self.matches(w)
    }
}

/// Some word matches one of the patterns.
pub(crate) fn has<P: Patterns + ?Sized>(words: &[&str], pats: &P) -> bool {
    words.iter().any(|w| is(w, pats))
}

/// A word matching `a` right before one matching `b`.
pub(crate) fn has_seq<A: Patterns + ?Sized, B: Patterns + ?Sized>(
    words: &[&str],
    a: &A,
    b: &B,
) -> bool {
    words.windows(2).any(|p| is(p[0], a) && is(p[1], b))
}

/// A Spanish infinitive, bare or with a pronoun ("capturar", "capturarlo", "asesinarla").
pub(crate) fn infinitive(w: &str) -> bool {
    let w = ["los", "las", "lo", "la", "les", "le", "se"]
        .iter()
        .find_map(|p| w.strip_suffix(p).filter(|b| b.len() > 3))
        .unwrap_or(w);
    w.len() > 4 && (w.ends_with("ar") || w.ends_with("er") || w.ends_with("ir"))
}

/// Spanish when its function words outnumber English ones, else English.
pub(crate) fn detect(text: &str) -> Lang {
    let (mut en, mut es) = (0, 0);
    let words = alphabetic_runs(text);
    let joiner = |w: &str| matches!(w, "de" | "del" | "la" | "los" | "las" | "y");
    let capital = |w: &str| w.starts_with(char::is_uppercase);
    // A function word inside a name ("San Antonio de Terán", "Valle de Santiago", "Loma de
    // los Conejos"), between capitalised words across other joiners, says nothing about the
    // language around it. Read in one pass, with no list of the words: a run of joiners
    // counts once the word after it is known.
    let mut before_capital = false;
    let mut joiners = 0;
    for w in words {
        if joiner(w) {
            joiners += 1;
            continue;
        }
        if !(before_capital && capital(w)) {
            es += joiners;
        }
        joiners = 0;
        before_capital = capital(w);
        match w {
            "the" | "and" | "of" | "was" | "were" | "in" | "said" | "on" | "with" | "they"
            | "They" | "is" | "are" | "to" | "for" | "after" | "from" | "his" | "their" | "at" => {
                en += 1
            }
            "el" | "que" | "en" | "por" | "con" | "un" | "una" | "se" | "al" | "para" | "tras"
            | "su" | "sus" => es += 1,
            _ => {}
        }
    }
    // Joiners closing the text stand before no name.
    es += joiners;
    if es > en {
        Lang::Es
    } else {
        Lang::En
    }
}

/// The runs of alphabetic chars of `text` (`text.split(|c| !c.is_alphabetic())` without its
/// empty pieces), read byte by byte where the text is ASCII: this runs on every document.
fn alphabetic_runs(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    // The char at `i` when it is no ASCII letter: whether it is alphabetic, and its length.
    let other = move |i: usize| {
        if b[i] < 0x80 {
            return (false, 1);
        }
        text[i..]
            .chars()
            .next()
            .map_or((false, 1), |c| (c.is_alphabetic(), c.len_utf8()))
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && !b[i].is_ascii_alphabetic() {
            match other(i) {
                (true, _) => break,
                (false, n) => i += n,
            }
        }
        if i >= b.len() {
            return None;
        }
        let start = i;
        while i < b.len() {
            if b[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            match other(i) {
                (true, n) => i += n,
                (false, _) => break,
            }
        }
        Some(&text[start..i])
    })
}

/// Phrases by their first word: `(words, value, must be written in capitals)`, and the
/// first two bytes of those first words (most words start no phrase: one cheap test).
pub(crate) struct PhraseIndex<T> {
    by_first: FxHashMap<String, Vec<(Vec<String>, T, bool)>>,
    starts: crate::lexicon::TwoByteStarts,
    /// The first and last bytes of the first words: most words that start as one does
    /// ("lopez", "local" as "los") end otherwise, and are turned away before hashing.
    ends: crate::lexicon::TwoByteStarts,
}

impl<T> PhraseIndex<T> {
    fn get(&self, word: &str) -> Option<&Vec<(Vec<String>, T, bool)>> {
        match word.as_bytes() {
            [a, b, .., z] | [a, b @ z] if !self.starts.may(*a, *b) || !self.ends.may(*a, *z) => {
                None
            }
            _ => self.by_first.get(word),
        }
    }
}

/// Files phrases under their first word.
pub(crate) fn index_phrases<T: Copy>(v: &[(Vec<String>, T, bool)]) -> PhraseIndex<T> {
    let mut idx = PhraseIndex {
        by_first: FxHashMap::default(),
        starts: Default::default(),
        ends: Default::default(),
    };
    for (w, t, u) in v {
        if let Some(f) = w.first() {
            if let [a, b, .., z] | [a, b @ z] = f.as_bytes() {
                idx.starts.add(*a, *b);
                idx.ends.add(*a, *z);
            }
            idx.by_first
                .entry(f.clone())
                .or_default()
                .push((w.clone(), *t, *u));
        }
    }
    idx
}

/// Finds phrase matches (longest first, non-overlapping) in the folded words:
/// `(first word, number of words, value)` in text order.
pub(crate) fn find_phrases<T: Copy>(toks: &[Tok], idx: &PhraseIndex<T>) -> Vec<(usize, usize, T)> {
    let mut cands: Vec<(usize, usize, T)> = Vec::new();
    for i in 0..toks.len() {
        let low = toks[i].low.as_str();
        let trimmed = trim_s(low);
        // The word, then the word without its "-s" when it has one: most words have none,
        // and are looked up once.
        let keys = [low, trimmed];
        let keys = &keys[..if trimmed.len() == low.len() { 1 } else { 2 }];
        for &key in keys {
            let Some(list) = idx.get(key) else { continue };
            for (words, val, upper) in list {
                let n = words.len();
                if i + n > toks.len() {
                    continue;
                }
                // The first word is the key: the word itself, or the word without its "-s",
                // which only a phrase of one word may be. The words after it must be equal.
                let ok = (key.len() == low.len() || n == 1)
                    && (0..n).all(|k| {
                        let t = &toks[i + k];
                        (k == 0 || t.low == words[k]) && (!upper || t.upper)
                    });
                if ok {
                    cands.push((i, n, *val));
                }
            }
        }
    }
    // Most clauses name no phrase: nothing more to allocate.
    if cands.len() <= 1 {
        return cands;
    }
    cands.sort_by_key(|&(i, n, _)| (std::cmp::Reverse(n), i));
    let mut used = vec![false; toks.len()];
    let mut out = Vec::new();
    for (i, n, v) in cands {
        if used[i..i + n].iter().any(|u| *u) {
            continue;
        }
        used[i..i + n].iter_mut().for_each(|u| *u = true);
        out.push((i, n, v));
    }
    out.sort_by_key(|&(i, _, _)| i);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::*;

    #[test]
    fn words_are_folded_with_their_capitals_and_punctuation() {
        let t = toks("CULIACÁN, Sin. — El Chapo's 29,000 men; 70% y $5");
        let low: Vec<&str> = t.iter().map(|t| t.low.as_str()).collect();
        assert_eq!(
            low,
            ["culiacan", "sin", "el", "chapo", "29,000", "men", "70", "%", "y", "$", "5"]
        );
        assert!(t[0].cap && t[0].upper && t[0].sep_after);
        assert!(t[1].cap && !t[1].upper && t[1].sep_after);
        assert!(!t[2].sep_after && !t[3].sep_after);
        assert!(t[5].sep_after);
    }

    #[test]
    fn the_language_is_told_by_its_function_words() {
        assert_eq!(
            detect("Los hombres armados atacaron a la policía en el centro"),
            Lang::Es
        );
        assert_eq!(
            detect("The gunmen attacked the police in the city"),
            Lang::En
        );
        // Spanish names in an English headline, and English words between names.
        for t in [
            "They murder two in Loma de los Conejos",
            "They murder five people in San Antonio de Terán, Valle de Santiago",
            "They murder two in Loma de los Conejos, in Irapuato",
        ] {
            assert_eq!(detect(t), Lang::En, "{t}");
        }
        assert_eq!(
            detect("Asesinan a dos en la colonia Loma de los Conejos"),
            Lang::Es
        );
    }

    #[test]
    fn alphabetic_runs_split_as_str_split_does() {
        for t in [
            "",
            "  ",
            "Los 3 niños—y ÉL, en Culiacán's «centro»; año 2020",
            "ñandú",
            "a1b2c",
            "x \u{2014}\u{1F600} ÿ",
        ] {
            let want: Vec<&str> = t
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(alphabetic_runs(t).collect::<Vec<_>>(), want, "{t}");
        }
    }

    #[test]
    fn stems_match_prefixes_and_words_match_whole() {
        assert!(is("killed", &["kill*"]));
        assert!(!is("killed", &["kill"]));
        assert!(is("kill", &["murder*", "kill"]));
        assert!(!is("", &["*"]));
        assert!(has(&["they", "killed"], &["kill*"]));
        assert!(has_seq(&["so", "far"], &["so"], &["far"]));
        assert!(!has_seq(&["far", "so"], &["so"], &["far"]));
        assert_eq!(trim_s("cartel-s-s"), "cartel");
    }

    #[test]
    fn phrases_match_longest_first_and_capitals_where_asked() {
        let idx = index_phrases(&[
            (vec!["nuevo".to_string(), "leon".to_string()], 19, false),
            (vec!["leon".to_string()], 11, false),
            (vec!["nl".to_string()], 19, true),
        ]);
        assert_eq!(
            find_phrases(&toks("Nuevo León y León, NL y nl"), &idx),
            [(0, 2, 19), (3, 1, 11), (4, 1, 19)]
        );
    }
}
