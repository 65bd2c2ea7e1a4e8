//! Numbers as reporters write them, in English and Spanish: digits with either thousands
//! separator ("1,200", "1.200"), decimals ("3.5", "3,5"), scales ("3.5mn", "2 mil",
//! "3,5 millones", "$15mn"), and words ("twenty-five", "veinticinco", "treinta y cinco").
//! Vague counts ("dozens", "una veintena") are not numbers.

/// The value of a number word (folded), if it is one.
pub(crate) fn word(w: &str) -> Option<f64> {
    // Most words are no number: their length or first letter tells (this runs on most).
    if !(3..=13).contains(&w.len()) {
        return None;
    }
    // Filed by first letter: a word is compared only with the number words it may be, not
    // with all eighty in turn.
    Some(match w.as_bytes()[0] {
        b'c' => match w {
            "cuatro" => 4.0,
            "cinco" => 5.0,
            "catorce" => 14.0,
            "cuarenta" => 40.0,
            "cincuenta" => 50.0,
            "cien" | "ciento" => 100.0,
            "cuatrocientos" | "cuatrocientas" => 400.0,
            _ => return None,
        },
        b'd' => match w {
            "dos" => 2.0,
            "diez" => 10.0,
            "doce" => 12.0,
            "dieciseis" => 16.0,
            "diecisiete" => 17.0,
            "dieciocho" => 18.0,
            "diecinueve" => 19.0,
            "doscientos" | "doscientas" => 200.0,
            _ => return None,
        },
        b'e' => match w {
            "eight" => 8.0,
            "eleven" => 11.0,
            "eighteen" => 18.0,
            "eighty" => 80.0,
            _ => return None,
        },
        b'f' => match w {
            "four" => 4.0,
            "five" => 5.0,
            "fourteen" => 14.0,
            "fifteen" => 15.0,
            "forty" => 40.0,
            "fifty" => 50.0,
            _ => return None,
        },
        b'n' => match w {
            "nine" | "nueve" => 9.0,
            "nineteen" => 19.0,
            "ninety" | "noventa" => 90.0,
            _ => return None,
        },
        b'o' => match w {
            "one" => 1.0,
            "ocho" => 8.0,
            "once" => 11.0,
            "ochenta" => 80.0,
            _ => return None,
        },
        b'q' => match w {
            "quince" => 15.0,
            "quinientos" | "quinientas" => 500.0,
            _ => return None,
        },
        b's' => match w {
            "six" | "seis" => 6.0,
            "seven" | "siete" => 7.0,
            "sixteen" => 16.0,
            "seventeen" => 17.0,
            "sixty" | "sesenta" => 60.0,
            "seventy" | "setenta" => 70.0,
            _ => return None,
        },
        b't' => match w {
            "two" => 2.0,
            "three" | "tres" => 3.0,
            "ten" => 10.0,
            "twelve" => 12.0,
            "thirteen" | "trece" => 13.0,
            "twenty" => 20.0,
            "thirty" | "treinta" => 30.0,
            "trescientos" | "trescientas" => 300.0,
            _ => return None,
        },
        b'u' => match w {
            "uno" => 1.0,
            _ => return None,
        },
        b'v' => match w {
            "veinte" => 20.0,
            "veintiuno" | "veintiun" | "veintiuna" => 21.0,
            "veintidos" => 22.0,
            "veintitres" => 23.0,
            "veinticuatro" => 24.0,
            "veinticinco" => 25.0,
            "veintiseis" => 26.0,
            "veintisiete" => 27.0,
            "veintiocho" => 28.0,
            "veintinueve" => 29.0,
            _ => return None,
        },
        _ => return None,
    })
}

fn scale(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 100.0,
        "thousand" | "mil" | "k" => 1e3,
        "million" | "millions" | "millon" | "millones" | "mn" | "m" => 1e6,
        "billion" | "bn" => 1e9,
        _ => return None,
    })
}

/// Whether a folded word is a number by itself (digits or a number word): a quick test
/// before reading numbers in context.
pub fn is_number(w: &str) -> bool {
    w.as_bytes().first().is_some_and(u8::is_ascii_digit)
        || word(w).is_some()
        // A byte loop, not `split_once`: words are short and this runs on most of them.
        // Only a word that starts as a number word may be one before a hyphen.
        || w.len() > 4
            && matches!(
                w.as_bytes()[0],
                b'c' | b'd' | b'e' | b'f' | b'n' | b'o' | b'q' | b's' | b't' | b'u' | b'v'
            )
            && w.bytes()
                .position(|b| b == b'-')
                .is_some_and(|i| word(&w[..i]).is_some())
}

/// Parses digits: "1,200" and "1.200" are thousands, "3.5" and "3,5" decimals.
pub fn digits(s: &str) -> Option<f64> {
    if s.is_empty() || !s.chars().next()?.is_ascii_digit() {
        return None;
    }
    // Most numbers are digits alone: read without splitting them into groups.
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let groups: Vec<&str> = s.split([',', '.']).collect();
    if groups
        .iter()
        .any(|g| g.is_empty() || !g.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    if groups.len() == 1 {
        return s.parse().ok();
    }
    if groups[1..].iter().all(|g| g.len() == 3) && groups[0].len() <= 3 {
        return groups.concat().parse().ok();
    }
    if groups.len() == 2 {
        return format!("{}.{}", groups[0], groups[1]).parse().ok();
    }
    None
}

/// A number starting at word `i` of `words` (folded tokens): its value and the index after
/// it. Handles "3.5mn", "3,5 millones", "2 mil", "twenty five", "treinta y cinco".
pub fn number_at(words: &[&str], i: usize) -> Option<(f64, usize)> {
    let w = *words.get(i)?;
    let (mut value, mut j) = if let Some(v) = digits(w) {
        (v, i + 1)
    } else if matches!(w, "un" | "a")
        && words
            .get(i + 1)
            .and_then(|n| scale(n))
            .is_some_and(|s| s >= 1e6 && words[i + 1].len() > 2)
    {
        // "un millón 400 mil pastillas", "a million pills".
        (1.0, i + 1)
    } else if w == "mil" {
        // "mil 158 víctimas": a thousand, the remainder after it (below).
        (1.0, i)
    } else if let Some(split) = w
        .starts_with(|c: char| c.is_ascii_digit())
        .then(|| w.find(|c: char| c.is_ascii_alphabetic()))
        .flatten()
    {
        // "3.5mn", "15m", "2bn"
        let (num, suffix) = w.split_at(split);
        let (Some(v), Some(s)) = (digits(num), scale(suffix)) else {
            return None;
        };
        return Some((v * s, i + 1));
    } else if let Some((a, b)) =
        (w.len() >= 7)
            .then(|| w.split_once('-'))
            .flatten()
            .filter(|(a, b)| {
                word(a).is_some_and(|a| (20.0..100.0).contains(&a))
                    && word(b).is_some_and(|b| b < 10.0)
            })
    {
        // "forty-three", "twenty-five"
        (word(a).unwrap() + word(b).unwrap(), i + 1)
    } else if let Some(v) = word(w) {
        let mut total = v;
        let mut j = i + 1;
        loop {
            let next = words.get(j).copied();
            match next {
                Some(n) if word(n).is_some() && word(n).unwrap() < total.min(100.0) => {
                    total += word(n).unwrap();
                    j += 1;
                }
                Some("y" | "and")
                    if words
                        .get(j + 1)
                        .and_then(|n| word(n))
                        .is_some_and(|n| n < 10.0 && total >= 20.0) =>
                {
                    total += word(words[j + 1]).unwrap();
                    j += 2;
                }
                Some("hundred") => {
                    total *= 100.0;
                    j += 1;
                }
                _ => break,
            }
        }
        (total, j)
    } else {
        return None;
    };
    while let Some(s) = words.get(j).and_then(|n| scale(n)) {
        // "m" alone after a number is only a scale when written "15m"; as a word it is not.
        if words[j] == "m" || words[j] == "k" {
            break;
        }
        value *= s;
        j += 1;
        // "un millón 400 mil": thousands after the millions.
        if s == 1e6 {
            if let Some(r) = words
                .get(j)
                .and_then(|w| digits(w))
                .filter(|r| *r < 1000.0 && r.fract() == 0.0 && words.get(j + 1) == Some(&"mil"))
            {
                value += r * 1e3;
                j += 2;
            }
        }
        // "3 mil 290", "33 mil 341": Spanish writes the remainder after the scale.
        if s == 1e3 || s == 1e6 {
            if let Some(r) = words
                .get(j)
                .and_then(|w| digits(w))
                .filter(|r| *r < 1000.0 && r.fract() == 0.0)
            {
                value += r;
                j += 1;
            }
        }
    }
    Some((value, j))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Option<f64> {
        let w: Vec<&str> = s.split(' ').collect();
        number_at(&w, 0).map(|(v, _)| v)
    }

    #[test]
    fn forms() {
        assert_eq!(n("39"), Some(39.0));
        assert_eq!(n("1,200"), Some(1200.0));
        assert_eq!(n("1.200"), Some(1200.0));
        assert_eq!(n("104,850"), Some(104850.0));
        assert_eq!(n("mil 158"), Some(1158.0));
        assert_eq!(n("mil"), Some(1000.0));
        assert_eq!(n("un millon 400 mil"), Some(1_400_000.0));
        assert_eq!(n("2 millones 350 mil 120"), Some(2_350_120.0));
        assert_eq!(n("3.5mn"), Some(3.5e6));
        assert_eq!(n("3,5 millones"), Some(3.5e6));
        assert_eq!(n("2 mil"), Some(2000.0));
        assert_eq!(n("three"), Some(3.0));
        assert_eq!(n("tres"), Some(3.0));
        assert_eq!(n("twenty five"), Some(25.0));
        assert_eq!(n("veinticinco"), Some(25.0));
        assert_eq!(n("treinta y cinco"), Some(35.0));
        assert_eq!(n("five million"), Some(5e6));
        assert_eq!(n("dos mil"), Some(2000.0));
        assert_eq!(n("3 mil 290"), Some(3290.0));
        assert_eq!(n("forty-three"), Some(43.0));
        assert_eq!(n("veintena"), None);
        assert_eq!(n("dozens"), None);
    }
}
