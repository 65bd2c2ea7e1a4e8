//! The language of an article: trigram statistics (whatlang), with the page's own `lang`
//! attribute as the fallback when the text is too short to tell.

/// ISO 639-1 code (`en`, `es`, `pt`…; the 639-3 code for languages without one), or
/// `hint`'s first two letters when the text does not tell reliably, else `auto`.
pub fn detect(text: &str, hint: Option<&str>) -> String {
    // A few thousand characters decide as well as the whole text, at a fraction of the cost.
    let sample: String = text.chars().take(4000).collect();
    let guess = whatlang::detect(&sample);
    let hinted = hint
        .map(|h| h.trim().to_ascii_lowercase())
        .filter(|h| h.len() >= 2 && h.is_char_boundary(2))
        .map(|h| h[..2].to_string());
    match guess {
        Some(info) if info.is_reliable() || hinted.is_none() => iso639_1(info.lang()),
        _ => hinted.unwrap_or_else(|| "auto".to_string()),
    }
}

fn iso639_1(l: whatlang::Lang) -> String {
    use whatlang::Lang::*;
    match l {
        Eng => "en",
        Spa => "es",
        Por => "pt",
        Fra => "fr",
        Deu => "de",
        Ita => "it",
        Nld => "nl",
        Rus => "ru",
        Cmn => "zh",
        Jpn => "ja",
        Ara => "ar",
        other => return other.code().to_string(),
    }
    .to_string()
}

/// The coder's language for a code: English or Spanish, else none (the coder reads only
/// those two).
pub fn coder_lang(code: &str) -> Option<atalaya_coder::Lang> {
    match code {
        "en" => Some(atalaya_coder::Lang::En),
        "es" => Some(atalaya_coder::Lang::Es),
        "auto" => Some(atalaya_coder::Lang::Auto),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_spanish_news() {
        assert_eq!(
            detect("Gunmen killed four police officers in Culiacán on Monday, state authorities said, in the latest attack on security forces in the region.", None),
            "en"
        );
        assert_eq!(
            detect("Hombres armados asesinaron a cuatro policías en Culiacán el lunes, informaron las autoridades estatales, en el ataque más reciente contra las fuerzas de seguridad.", None),
            "es"
        );
        assert_eq!(detect("ok", Some("es-MX")), "es");
    }
}
