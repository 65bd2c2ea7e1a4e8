//! Name normalisation shared by every lookup: gazetteer, actor registry, importers.

/// Folds a name for lookup: lowercase, accents removed, punctuation turned into spaces,
/// runs of whitespace collapsed. "Ciudad de México" and "CIUDAD DE MEXICO" fold equal.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars() {
        // Apostrophes vanish rather than split a word ("O'Higgins").
        if c == '\'' || c == '’' {
            continue;
        }
        let mapped = strip_accent(c);
        if mapped.is_alphanumeric() {
            for l in mapped.to_lowercase() {
                out.push(l);
            }
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Latin-1 and Latin Extended-A letters used in Spanish and in names found in the sources.
fn strip_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'ä' | 'â' | 'ã' | 'å' => 'a',
        'Á' | 'À' | 'Ä' | 'Â' | 'Ã' | 'Å' => 'A',
        'é' | 'è' | 'ë' | 'ê' => 'e',
        'É' | 'È' | 'Ë' | 'Ê' => 'E',
        'í' | 'ì' | 'ï' | 'î' => 'i',
        'Í' | 'Ì' | 'Ï' | 'Î' => 'I',
        'ó' | 'ò' | 'ö' | 'ô' | 'õ' => 'o',
        'Ó' | 'Ò' | 'Ö' | 'Ô' | 'Õ' => 'O',
        'ú' | 'ù' | 'ü' | 'û' => 'u',
        'Ú' | 'Ù' | 'Ü' | 'Û' => 'U',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ç' => 'c',
        'Ç' => 'C',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_accents_case_and_punctuation() {
        assert_eq!(fold("Ciudad de México"), "ciudad de mexico");
        assert_eq!(fold("  MICHOACÁN  de   Ocampo "), "michoacan de ocampo");
        assert_eq!(fold("Sin."), "sin");
        assert_eq!(fold("Nuevo León state"), "nuevo leon state");
        assert_eq!(
            fold("Cártel de Jalisco Nueva Generación"),
            "cartel de jalisco nueva generacion"
        );
    }
}
