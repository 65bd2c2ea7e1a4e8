//! The coder's word lists, as data: one file per list in `lexicon/` (the general lists at
//! the top, a stage's own cue words in `lexicon/<stage>/`), one pattern per line
//! (folded: lower case, no accents; a trailing `*` matches any ending; `#` starts a comment).
//! The compiler reads them into constant arrays, so nothing is read or built at run time;
//! `lexicon_files_are_well_formed` checks them.

use std::sync::LazyLock;

/// The blanks `str::trim` removes, for the ASCII the files are written in.
const fn blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// The patterns of a list file, in order: every non-blank line that is not a comment,
/// trimmed. Run by the compiler, so a list is a constant array like a literal one (which
/// the optimiser can fold into the tests that read it), not data built at run time.
/// `count` is how many there are; `parse` fills an array of that length.
const fn scan<const N: usize>(file: &'static str, out: &mut [&'static str; N]) -> usize {
    let b = file.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < b.len() {
        let mut end = i;
        while end < b.len() && b[end] != b'\n' {
            end += 1;
        }
        let (mut s, mut e) = (i, end);
        while s < e && blank(b[s]) {
            s += 1;
        }
        while e > s && blank(b[e - 1]) {
            e -= 1;
        }
        if s < e && b[s] != b'#' {
            if N > 0 {
                let (_, rest) = b.split_at(s);
                let (line, _) = rest.split_at(e - s);
                out[n] = match std::str::from_utf8(line) {
                    Ok(l) => l,
                    Err(_) => panic!("a lexicon line is not UTF-8"),
                };
            }
            n += 1;
        }
        i = end + 1;
    }
    n
}

const fn count(file: &'static str) -> usize {
    scan::<0>(file, &mut [])
}

const fn parse<const N: usize>(file: &'static str) -> [&'static str; N] {
    let mut out = [""; N];
    scan(file, &mut out);
    out
}

/// The bucket of a pattern's or word's first byte: its letter `a`–`z`, else 26.
const fn bucket(w: &str) -> usize {
    match w.as_bytes() {
        [c @ b'a'..=b'z', ..] => (*c - b'a') as usize,
        _ => 26,
    }
}

/// A list file's patterns in file order (what the list derefs to), and the same patterns
/// filed by their first letter, so that a word is compared only with the patterns that
/// start as it does (`tokens::is` on a list).
pub(crate) struct Lex<const N: usize> {
    pats: [&'static str; N],
    /// `sorted[first[k]..first[k + 1]]` are the patterns of bucket `k` (`bucket`).
    first: [u16; 28],
    /// For the letters `a`–`z`: the second bytes the letter's patterns may let a word have
    /// (`second`), one bit each.
    seconds: [u32; 26],
    sorted: [&'static str; N],
}

/// The class of a second byte: its letter `a`–`z` (0–25), else 26.
const fn second(b: u8) -> u32 {
    match b {
        b'a'..=b'z' => (b - b'a') as u32,
        _ => 26,
    }
}

impl<const N: usize> Lex<N> {
    const fn new(pats: [&'static str; N]) -> Self {
        assert!(N < u16::MAX as usize, "a lexicon list is too long");
        // A stable insertion sort by bucket: run by the compiler.
        let mut sorted = pats;
        let mut i = 1;
        while i < N {
            let mut j = i;
            while j > 0 && bucket(sorted[j - 1]) > bucket(sorted[j]) {
                let t = sorted[j];
                sorted[j] = sorted[j - 1];
                sorted[j - 1] = t;
                j -= 1;
            }
            i += 1;
        }
        let mut first = [0u16; 28];
        let mut k = 0;
        while k < N {
            first[bucket(sorted[k]) + 1] += 1;
            k += 1;
        }
        let mut b = 1;
        while b < 28 {
            first[b] += first[b - 1];
            b += 1;
        }
        let mut seconds = [0u32; 26];
        let mut k = 0;
        while k < N {
            let p = sorted[k].as_bytes();
            let b = bucket(sorted[k]);
            if b < 26 {
                seconds[b] |= match p {
                    // A one-letter stem ("a*") lets any word of its letter through.
                    [_, b'*'] => u32::MAX,
                    [_, c, ..] => 1 << second(*c),
                    // A one-letter word: words of one byte are not filtered.
                    _ => 0,
                };
            }
            k += 1;
        }
        Lex {
            pats,
            first,
            seconds,
            sorted,
        }
    }

    pub(crate) const fn as_slice(&self) -> &[&'static str] {
        &self.pats
    }

    /// Whether `w` matches a pattern (`tokens::is`): only the patterns of its bucket are
    /// compared.
    #[inline]
    pub(crate) fn matches(&self, w: &str) -> bool {
        let k = bucket(w);
        let (a, b) = (self.first[k] as usize, self.first[k + 1] as usize);
        a < b && self.second_may(k, w) && bucket_matches(&self.sorted[a..b], w)
    }

    /// Some pattern of bucket `k` may match `w` by its second byte (one bit test): most
    /// words that share a list's first letters are turned away here.
    #[inline]
    fn second_may(&self, k: usize, w: &str) -> bool {
        match w.as_bytes() {
            [_, c, ..] if k < 26 => self.seconds[k] >> second(*c) & 1 != 0,
            _ => true,
        }
    }
}

/// `tokens::is` on a bucket's patterns: one copy shared by every list and rule, out of line
/// (most words find their bucket empty and never get here).
#[inline(never)]
fn bucket_matches(pats: &[&'static str], w: &str) -> bool {
    crate::tokens::is(w, pats)
}

impl<const N: usize> std::ops::Deref for Lex<N> {
    type Target = [&'static str];
    fn deref(&self) -> &[&'static str] {
        &self.pats
    }
}

macro_rules! lexicon {
    ($($name:ident => $file:literal),* $(,)?) => {
        $(
            pub(crate) static $name: Lex<{ count(include_str!(concat!("../lexicon/", $file))) }> =
                Lex::new(parse(include_str!(concat!("../lexicon/", $file))));
        )*
        /// Every list with its file name, for the checks and for counting.
        pub fn lists() -> Vec<(&'static str, &'static [&'static str])> {
            vec![$(($file, $name.as_slice())),*]
        }
        #[cfg(test)]
        fn texts() -> Vec<(&'static str, &'static str)> {
            vec![$(($file, include_str!(concat!("../lexicon/", $file)))),*]
        }
    };
}

lexicon! {
    ABBREVIATIONS => "abbreviations.txt",
    NOT_PLACE_BEFORE => "not_place_before.txt",
    ABROAD => "places/abroad_phrases.txt",
    HYPOTHETICAL => "hypothetical.txt",
    KNOWN_LEADERS => "known_leaders.txt",
    FOUND_GOODS => "kinds/found_goods.txt",
    KNOWN_LEADER_NAMES => "leaders/known_leader_name_phrases.txt",
    NOT_A_NAME => "not_a_name.txt",
    PEOPLE => "people.txt",
    RECORDS => "kinds/records.txt",
    KILL_NOUNS => "kill_nouns.txt",
    PERSON => "person.txt",
    LEGAL => "legal.txt",
    OPERATION => "operation.txt",
    NEGATION => "negation.txt",
    ACCIDENT => "accident.txt",
    KILL => "kill.txt",
    WOUND => "wound.txt",
    CLASH => "clash.txt",
    AMBUSH => "ambush.txt",
    ATTACK => "attack.txt",
    FORCES => "forces.txt",
    BLOCKADE => "blockade.txt",
    ROADS => "roads.txt",
    ARSON => "arson.txt",
    PREMISES => "premises.txt",
    VEHICLES => "vehicles.txt",
    EXPLOSIVE => "explosive.txt",
    DRONE => "drone.txt",
    LEADER => "leader.txt",
    EXTRADITION => "extradition.txt",
    ARREST => "arrest.txt",
    SEIZURE => "seizure.txt",
    KIDNAP => "kidnap.txt",
    DISAPPEAR => "disappear.txt",
    PROTEST => "protest.txt",
    REMAINS => "remains.txt",
    OFFICIALS => "officials.txt",
    COUNT_TAKEN => "count_taken.txt",
    COUNT_KILLED => "count_killed.txt",
    COUNT_WOUNDED => "count_wounded.txt",
    COUNT_ARRESTED => "count_arrested.txt",
    FINDING => "finding.txt",
    DEATH_PHRASES => "death_phrases.txt",
    TALLY_PHRASES => "tally_phrases.txt",
    VIOLENT_DAYS => "violent_day_phrases.txt",
    TIME_UNITS => "time_units.txt",
    DAYPARTS => "dayparts.txt",
    MEANS => "means.txt",
    SPREAD => "spread.txt",
    INCIDENTS => "incidents.txt",
    PLURAL_ATTACKS => "plural_attacks.txt",
    PLACE_NOUNS => "places/place_nouns.txt",
    LOCALITY_STARTS => "places/locality_starts.txt",
    SINGULAR_KILLED => "singular_killed.txt",
    PLURAL_VICTIMS => "plural_victims.txt",
    REPORTING => "reporting.txt",
    BACK_REFERENCES => "back_references.txt",
    BACK_REFERENCES_TO_FIGHTS => "back_references_to_fights.txt",
    PROTESTED => "protested.txt",
    THE_DEAD => "resolve/the_dead.txt",
    EXCHANGE_WORDS => "resolve/exchange_words.txt",
    FLASHBACK_WORDS => "resolve/flashback_words.txt",
    ANSWERED_FIRE => "resolve/answered_fire.txt",
    CHARGE_WORDS => "triggers/charge_words.txt",
    MEDIA_WORDS => "kinds/media_words.txt",
    MINE_TRIGGERS => "kinds/mine_triggers.txt",
    MINE_WORDS => "kinds/mine_words.txt",
    CAPTION_WORDS => "segment/caption_words.txt",
    ATTACKER_WORDS => "resolve/attacker_words.txt",
    ANOTHER => "resolve/another.txt",
    AIRPORT_WORDS => "resolve/airport_words.txt",
    DETERMINERS => "resolve/determiners.txt",
    DISAPPEARED_CUES => "figures/disappeared_cues.txt",
    THE_WOUNDED => "resolve/the_wounded.txt",
    HOSPITAL_WORDS => "resolve/hospital_words.txt",
    DIED_WORDS => "resolve/died_words.txt",
    RECENT_SPANS => "triggers/recent_spans.txt",
    RECORDED_ON => "triggers/recorded_on.txt",
    QUALIFIED_NOUNS => "triggers/qualified_nouns.txt",
    KINGPIN_WORDS => "leaders/kingpin_words.txt",
    TRADE_WORDS => "leaders/trade_words.txt",
    LONE_HEADS => "leaders/lone_heads.txt",
    ROLE_AFTER => "leaders/role_after.txt",
    SECOND_IN_COMMAND => "leaders/second_in_command_phrases.txt",
    KIN_WORDS => "leaders/kin_words.txt",
    PETTY_CRIMES => "leaders/petty_crimes.txt",
    SAID_AT => "mentions/said_at.txt",
    NATIVE_OF => "mentions/native_of.txt",
    FLED_WORDS => "mentions/fled_words.txt",
    HIGHWAYS => "kinds/highways.txt",
    GATHERED => "kinds/gathered.txt",
    FOUND_VERBS => "kinds/found_verbs.txt",
    FOUND_BY_FORCES => "kinds/found_by_forces.txt",
    DRONES_DOWNED => "kinds/drones_downed.txt",
    PRISON_FIGHTS => "kinds/prison_fights.txt",
    PRISONS => "kinds/prisons.txt",
    SHOOTING_WORDS => "kinds/shooting_words.txt",
    TWO_SIDES => "kinds/two_sides.txt",
    NOT_ROADS_BLOCKED => "kinds/not_roads_blocked.txt",
    PROTEST_SIGNS => "kinds/protest_signs.txt",
    HELD_WORDS => "kinds/held_words.txt",
    GENERIC_MARKERS => "triggers/generic_markers.txt",
    KIN_OF_MISSING => "triggers/kin_of_missing.txt",
    // The stages' own cue words, one folder per stage module.
    NOT_FEDERAL_AFTER => "actors/not_federal_after.txt",
    NOT_FEDERAL_BEFORE => "actors/not_federal_before.txt",
    SOURCE_VERBS_AFTER => "actors/source_verbs_after.txt",
    SOURCE_VERBS_BEFORE => "actors/source_verbs_before.txt",
    ARRESTED_PEOPLE => "assemble/arrested_people.txt",
    DEAD_BODIES => "assemble/dead_bodies.txt",
    MONTH_SUBJECT_VERBS => "dates/month_subject_verbs.txt",
    STREET_WORDS => "dates/street_words.txt",
    LONE_KILLING_NOUNS => "deaths/lone_killing_nouns.txt",
    MASSACRE_NOUNS => "deaths/massacre_nouns.txt",
    PLACE_UNITS => "deaths/place_units.txt",
    REGION_WORDS => "deaths/region_words.txt",
    VIOLENT_ADJECTIVES => "deaths/violent_adjectives.txt",
    NOT_INCIDENT_BEFORE => "deaths/not_incident_before.txt",
    NOT_ONE_BODY => "deaths/not_one_body.txt",
    NOT_VICTIMS => "deaths/not_victims.txt",
    NOUN_AFTER => "deaths/noun_after.txt",
    NOUN_BEFORE => "deaths/noun_before.txt",
    NOUN_VERBS => "deaths/noun_verbs.txt",
    ORDER_WORDS => "deaths/order_words.txt",
    QUALIFYING_NOUNS => "deaths/qualifying_nouns.txt",
    TO_DEATH_VERBS => "deaths/to_death_verbs.txt",
    VIOLENCE_LEAVES => "deaths/violence_leaves.txt",
    ACCORDING_TO_NOUNS => "figures/according_to_nouns.txt",
    ARREST_CUES => "figures/arrest_cues.txt",
    BOUNTY_OBJECTS => "figures/bounty_objects.txt",
    BOUNTY_WORDS => "figures/bounty_words.txt",
    DRUG_CUES => "figures/drug_cues.txt",
    HOMICIDE_CUES => "figures/homicide_cues.txt",
    KILLED_CUES => "figures/killed_cues.txt",
    NUMBER_NAMES => "figures/number_names.txt",
    INHABITANTS => "figures/inhabitants.txt",
    SETTLEMENT_NOUNS => "figures/settlement_nouns.txt",
    NATIONAL_WORDS => "figures/national_words.txt",
    ORIGIN_WORDS => "figures/origin_words.txt",
    PERIOD_WORDS => "figures/period_words.txt",
    PERIOD_YEAR_BEFORE => "figures/period_year_before.txt",
    PILL_CUES => "figures/pill_cues.txt",
    PRESIDENTS => "figures/presidents.txt",
    RUNNING_TOTAL_VERBS => "figures/running_total_verbs.txt",
    SENT_VERBS => "figures/sent_verbs.txt",
    TALLY_ORDINALS => "figures/tally_ordinals.txt",
    SUPERLATIVES => "superlatives.txt",
    TALLY_PERIODS => "figures/tally_periods.txt",
    TALLY_VERBS => "figures/tally_verbs.txt",
    US_WORDS => "figures/us_words.txt",
    WEAPON_CUES => "figures/weapon_cues.txt",
    YEAR_BEFORE => "figures/year_before.txt",
    BLOCK_VERBS => "kinds/block_verbs.txt",
    BLOCKADE_POINTS => "kinds/blockade_points.txt",
    COMPANION_NOUNS => "measures/companion_nouns.txt",
    DISTANCE_UNITS => "measures/distance_units.txt",
    BLOCKED_PASSAGE => "kinds/blocked_passage.txt",
    BLOCKADE_NOUNS => "kinds/blockade_nouns.txt",
    CAPTURE_NOUNS => "kinds/capture_nouns.txt",
    DEAD_FORCES_SKIP => "kinds/dead_forces_skip.txt",
    DEMAND_WORDS => "kinds/demand_words.txt",
    DRONE_ATTACK_WORDS => "kinds/drone_attack_words.txt",
    DRONE_USE_WORDS => "kinds/drone_use_words.txt",
    EXPLOSIVE_ATTACK_WORDS => "kinds/explosive_attack_words.txt",
    FIGHTING_WORDS => "kinds/fighting_words.txt",
    GOODS_TAKEN => "kinds/goods_taken.txt",
    GUNFIRE_BEFORE => "kinds/gunfire_before.txt",
    FIRE_TRADED => "kinds/fire_traded.txt",
    HIJACK_VERBS => "kinds/hijack_verbs.txt",
    GUNFIRE => "kinds/gunfire.txt",
    PROTESTERS => "kinds/protesters.txt",
    HANDED_VERBS => "kinds/handed_verbs.txt",
    MISSING_NOUNS => "kinds/missing_nouns.txt",
    OFFICE_BEFORE => "kinds/office_before.txt",
    PUBLIC_BODIES => "kinds/public_bodies.txt",
    BODY_HEADS => "kinds/body_heads.txt",
    RELEASE_WORDS => "kinds/release_words.txt",
    SAID_VERBS => "kinds/said_verbs.txt",
    COMMENTATORS => "segment/commentators.txt",
    DISPLACED_CUES => "figures/displaced_cues.txt",
    SOUGHT_WORDS => "kinds/sought_words.txt",
    UNKNOWN_WORDS => "kinds/unknown_words.txt",
    US_ABBREVIATIONS => "kinds/us_abbreviations.txt",
    GROUP_WORDS => "leaders/group_words.txt",
    GROUP_NOUNS => "triggers/group_nouns.txt",
    HEAD_WORDS => "leaders/head_words.txt",
    MINOR_RANKS => "leaders/minor_ranks.txt",
    MEN_OF => "leaders/men_of.txt",
    SON_WORDS => "leaders/son_words.txt",
    AGE_WORDS => "measures/age_words.txt",
    ARRESTED_AFTER => "measures/arrested_after.txt",
    BLOCKADE_UNITS => "measures/blockade_units.txt",
    BREAKDOWN_NOUNS => "measures/breakdown_nouns.txt",
    BUSINESS_UNITS => "measures/business_units.txt",
    COUPLE_WORDS => "measures/couple_words.txt",
    DEAD_UNITS => "measures/dead_units.txt",
    DIED_VERBS => "measures/died_verbs.txt",
    DOLLAR_UNITS => "measures/dollar_units.txt",
    HOMICIDE_UNITS => "measures/homicide_units.txt",
    JOINED_PEOPLE => "measures/joined_people.txt",
    KILLED_PARTICIPLES => "measures/killed_participles.txt",
    KILO_UNITS => "measures/kilo_units.txt",
    NOT_DRUGS => "measures/not_drugs.txt",
    MASS_UNITS => "measures/mass_units.txt",
    MEANS_BEFORE_COUNT => "measures/means_before_count.txt",
    ONE_DEAD_WORDS => "measures/one_dead_words.txt",
    ONE_WOUNDED_BEFORE => "measures/one_wounded_before.txt",
    PASSIVE_KILLED => "measures/passive_killed.txt",
    PEOPLE_AFTER => "measures/people_after.txt",
    PERCENT_UNITS => "measures/percent_units.txt",
    PESO_UNITS => "measures/peso_units.txt",
    PILL_UNITS => "measures/pill_units.txt",
    RANK_WORDS => "measures/rank_words.txt",
    REMAINS_OF => "measures/remains_of.txt",
    RISE_TO_VERBS => "measures/rise_to_verbs.txt",
    SEVERITY_WORDS => "measures/severity_words.txt",
    STATE_UNITS => "measures/state_units.txt",
    TONNE_UNITS => "measures/tonne_units.txt",
    VEHICLE_UNITS => "measures/vehicle_units.txt",
    VERB_OBJECT_GAP => "measures/verb_object_gap.txt",
    WEAPON_UNITS => "measures/weapon_units.txt",
    WOUNDED_UNITS => "measures/wounded_units.txt",
    WOUNDED_WORDS => "measures/wounded_words.txt",
    WOUNDS_VERBS => "measures/wounds_verbs.txt",
    BEFORE_A_STATE => "mentions/before_a_state.txt",
    BORDER_WORDS => "mentions/border_words.txt",
    MUNICIPALITY_WORDS => "mentions/municipality_words.txt",
    STATE_CAPITAL_AFTER => "mentions/state_capital_after.txt",
    STREET_AFTER => "mentions/street_after.txt",
    PREMISES_AFTER => "mentions/premises_after.txt",
    BLAME_WORDS => "resolve/blame_words.txt",
    REPRISAL_WORDS => "resolve/reprisal_words.txt",
    TOLL_NOUNS => "resolve/toll_nouns.txt",
    TOLL_ROSE_VERBS => "resolve/toll_rose_verbs.txt",
    OPINION_OPENERS => "segment/opinion_openers.txt",
    ATTEMPT_VERBS => "triggers/attempt_verbs.txt",
    DENIAL_VERBS => "triggers/denial_verbs.txt",
    DEMANDED_VERBS => "triggers/demanded_verbs.txt",
    HABITUAL_BEFORE => "triggers/habitual_before.txt",
    HURT_MISSING_TRIGGERS => "triggers/hurt_missing_triggers.txt",
    MORE_TRIGGERS => "triggers/more_triggers.txt",
    MOTIVE_WORDS => "triggers/motive_words.txt",
    REJECTED_CLAIMS => "triggers/rejected_claims.txt",
}

/// A superlative among the `span` words before word `k` ("one of the quietest states in the
/// country", "the worst massacre in the state this year", "el más violento del país"): what
/// follows compares, it is no tally's place or period. Spanish "más"/"menos" only before an
/// adjective ("más de 40" counts).
pub(crate) fn superlative_before(words: &[&str], k: usize, span: usize) -> bool {
    (k.saturating_sub(span)..k).any(|q| {
        crate::tokens::is(words[q], &SUPERLATIVES)
            && (!matches!(words[q], "mas" | "menos" | "most")
                || words.get(q + 1).is_some_and(|w| {
                    !matches!(*w, "de" | "que" | "of") && !crate::numbers::is_number(w)
                }))
    })
}

/// `KILL` and `PERSON`, the lists most words are tried against.
pub(crate) static KILL_IX: LazyLock<WordIndex> = LazyLock::new(|| WordIndex::new(&KILL));
pub(crate) static PERSON_IX: LazyLock<WordIndex> = LazyLock::new(|| WordIndex::new(&PERSON));
/// `WEAPON_UNITS` and `VEHICLE_UNITS` together: whether a clause names goods a list may count.
pub(crate) static GOODS_IX: LazyLock<WordIndex> = LazyLock::new(|| {
    let both: Vec<&'static str> = WEAPON_UNITS
        .iter()
        .chain(VEHICLE_UNITS.iter())
        .copied()
        .collect();
    WordIndex::new(&both)
});
/// `ACCIDENT`, `DENIAL_VERBS` and `FORCES`, tried against every word of every clause with
/// a trigger.
pub(crate) static ACCIDENT_IX: LazyLock<WordIndex> = LazyLock::new(|| WordIndex::new(&ACCIDENT));
pub(crate) static DENIAL_IX: LazyLock<WordIndex> = LazyLock::new(|| WordIndex::new(&DENIAL_VERBS));
pub(crate) static FORCES_IX: LazyLock<WordIndex> = LazyLock::new(|| WordIndex::new(&FORCES));
/// `OFFICIALS`, tried against the words around every killing.
pub(crate) static OFFICIALS_IX: LazyLock<WordIndex> = LazyLock::new(|| WordIndex::new(&OFFICIALS));
/// `LEADER`, tried against every word of every clause read for leaders.
pub(crate) static LEADER_IX: LazyLock<WordIndex> = LazyLock::new(|| WordIndex::new(&LEADER));
/// `HYPOTHETICAL`, tried against every word of every clause with a trigger.
pub(crate) static HYPOTHETICAL_IX: LazyLock<WordIndex> =
    LazyLock::new(|| WordIndex::new(&HYPOTHETICAL));

/// A word list indexed for the words most often tried against it: its exact words and its
/// stems (`kill*`) by their first two bytes, so that a word costs one lookup of a two-byte
/// key and a few comparisons.
pub(crate) struct WordIndex {
    /// Patterns by their first two bytes: the word or stem, and whether it is a stem.
    by_start: rustc_hash::FxHashMap<[u8; 2], Vec<(&'static str, bool)>>,
    /// The keys of `by_start`, so that most words are turned away by one bit.
    starts: TwoByteStarts,
    /// The keys of the words and stems of two or three bytes: a word that short ("de",
    /// "los", "en") matches only one of them.
    short_starts: TwoByteStarts,
    /// Words and stems shorter than two bytes.
    short: Vec<(&'static str, bool)>,
}

impl WordIndex {
    pub(crate) fn new(list: &[&'static str]) -> Self {
        let mut ix = WordIndex {
            by_start: Default::default(),
            starts: TwoByteStarts::default(),
            short_starts: TwoByteStarts::default(),
            short: Vec::new(),
        };
        for p in list {
            let (pat, stem) = match p.strip_suffix('*') {
                None => (*p, false),
                Some(s) => (s, true),
            };
            match pat.as_bytes() {
                [a, b, ..] => {
                    ix.starts.add(*a, *b);
                    if pat.len() <= 3 {
                        ix.short_starts.add(*a, *b);
                    }
                    ix.by_start.entry([*a, *b]).or_default().push((pat, stem))
                }
                _ => ix.short.push((pat, stem)),
            }
        }
        ix
    }
}

/// Whether `w` matches a pattern of an indexed list. Most calls end at one bit test; the
/// lookup is apart so that this stays small.
pub(crate) fn is_in(w: &str, list: &WordIndex) -> bool {
    if !list.short.is_empty() {
        return list.lookup(w);
    }
    match *w.as_bytes() {
        [a, b, ..] if !list.starts.may(a, b) => false,
        // A word of two or three bytes ("de", "the") matches only a pattern as short, and
        // one of a byte ("a", "2") only a pattern of `short`.
        [a, b] | [a, b, _] => list.short_starts.may(a, b) && list.lookup(w),
        [_] | [] => false,
        _ => list.lookup(w),
    }
}

impl WordIndex {
    #[inline(never)]
    fn lookup(&self, w: &str) -> bool {
        let hit = |&(p, stem): &(&str, bool)| if stem { w.starts_with(p) } else { w == p };
        (match w.as_bytes() {
            [a, b, ..] => self
                .by_start
                .get(&[*a, *b])
                .is_some_and(|ps| ps.iter().any(hit)),
            _ => false,
        }) || self.short.iter().any(hit)
    }
}

/// A set of two-byte word starts, one bit each. The coder tries most words against lists
/// they are not in; one bit turns such a word away before any hashing. A first byte's
/// lower-case second bytes share one `u64`, so a list's live bits fit in a few cache lines.
pub(crate) struct TwoByteStarts(Box<[[u64; 4]; 256]>);

impl Default for TwoByteStarts {
    fn default() -> Self {
        TwoByteStarts(Box::new([[0; 4]; 256]))
    }
}

impl TwoByteStarts {
    pub(crate) fn add(&mut self, a: u8, b: u8) {
        self.0[a as usize][(b >> 6) as usize] |= 1 << (b & 63);
    }

    /// Some word added starts with `a`, `b`.
    pub(crate) fn may(&self, a: u8, b: u8) -> bool {
        self.0[a as usize][(b >> 6) as usize] >> (b & 63) & 1 != 0
    }
}

/// A phrase list's phrases, each a sequence of word patterns.
pub(crate) fn phrases(list: &'static [&'static str]) -> Vec<Vec<&'static str>> {
    list.iter().map(|l| l.split(' ').collect()).collect()
}

/// Items filed by the first byte of their first pattern, so that a word is compared only
/// with the few that can match it (a word's first byte must equal a pattern's).
pub(crate) struct ByFirstByte<T> {
    slots: Vec<Vec<T>>,
    /// Items whose first pattern matches any word (`<n>`, a number).
    any: Vec<T>,
}

impl<T> ByFirstByte<T> {
    pub(crate) fn new(items: impl IntoIterator<Item = T>, first: impl Fn(&T) -> &str) -> Self {
        let mut slots: Vec<Vec<T>> = (0..256).map(|_| Vec::new()).collect();
        let mut any = Vec::new();
        for item in items {
            match first(&item).as_bytes().first() {
                Some(b'<') | None => any.push(item),
                Some(&b) => slots[b as usize].push(item),
            }
        }
        ByFirstByte { slots, any }
    }

    /// The items that may match a word starting with `word`'s first byte: those filed under
    /// that byte, and those that match any word (each in the order given).
    pub(crate) fn candidate_groups(&self, word: &str) -> (&[T], &[T]) {
        let slot = word
            .as_bytes()
            .first()
            .map_or(&[][..], |&b| &self.slots[b as usize][..]);
        (slot, &self.any)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compile-time reading of each file is `str::lines` and `str::trim`, comments and
    /// blank lines left out.
    #[test]
    fn lists_are_read_as_lines() {
        for ((file, text), (_, list)) in texts().into_iter().zip(lists()) {
            let lines: Vec<&str> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect();
            assert_eq!(list, lines.as_slice(), "{file}");
        }
    }

    /// A list filed by first letter matches exactly the words its patterns in order match.
    #[test]
    fn filed_lists_match_as_their_patterns_do() {
        const L: Lex<9> = Lex::new(["kill*", "killed", "2x", "", "*", "n", "asesin*", "b*", "ke"]);
        let words = [
            "", "k", "kill", "killer", "killed", "2x", "2", "*", "n", "na", "asesino", "z", "ñ",
            "b", "bz", "b2", "ke", "kex", "k1", "kz",
        ];
        for w in words
            .iter()
            .copied()
            .chain(KILL.iter().map(|p| p.trim_end_matches('*')))
        {
            assert_eq!(L.matches(w), crate::tokens::is(w, L.as_slice()), "{w:?}");
            assert_eq!(
                KILL.matches(w),
                crate::tokens::is(w, KILL.as_slice()),
                "{w:?}"
            );
        }
    }

    #[test]
    fn lexicon_files_are_well_formed() {
        for (file, list) in lists() {
            assert!(!list.is_empty(), "{file} is empty");
            let mut seen = std::collections::HashSet::new();
            for p in list {
                // Phrase lists hold words separated by single spaces; the others one word.
                let phrase = file.ends_with("_phrases.txt");
                assert!(
                    p.chars().all(|c| !c.is_uppercase() && c.is_ascii())
                        && (phrase && !p.contains("  ") || !p.contains(' ')),
                    "{file}: pattern {p:?} is not folded (lower case ASCII, words as the list allows)"
                );
                for w in p.split(' ') {
                    assert!(
                        !w[..w.len() - 1].contains('*'),
                        "{file}: `*` only at a word's end: {p:?}"
                    );
                }
                assert!(seen.insert(*p), "{file}: {p:?} twice");
            }
        }
    }
}
