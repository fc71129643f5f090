//! What a text field may hold, for every form: no control characters (but line breaks and tabs)
//! and no bidirectional embeddings, overrides or isolates, which can make a name or a note read
//! differently from what it is (a reversed phone number, a hidden word). The marks Arabic text
//! legitimately uses (LRM, RLM, ALM) stay allowed. A value made only of invisible characters
//! (spaces, zero-width characters, fillers) counts as empty, so "required" catches it.

/// Why a value was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForbiddenCharacter;

/// The value as it counts: itself, or "" when nothing in it is visible.
pub fn screen(value: &str) -> Result<&str, ForbiddenCharacter> {
    if value.chars().any(is_forbidden) {
        return Err(ForbiddenCharacter);
    }
    Ok(if value.chars().all(is_invisible) {
        ""
    } else {
        value
    })
}

fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2060}'..='\u{2064}'
                | '\u{3164}'
                | '\u{FEFF}'
                | '\u{FFA0}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_notes_keep_what_people_write() {
        assert_eq!(screen("Aïcha Diallo"), Ok("Aïcha Diallo"));
        assert_eq!(screen("عائشة\u{200F} 06 12"), Ok("عائشة\u{200F} 06 12"));
        assert_eq!(screen("ourlet\r\nà 2 cm\t!"), Ok("ourlet\r\nà 2 cm\t!"));
    }

    #[test]
    fn control_characters_and_bidi_overrides_are_refused() {
        for bad in [
            "a\u{0}b",
            "nom\u{1b}[31m",
            "\u{202E}gnp.exe",
            "x\u{2066}y",
            "\u{7f}",
        ] {
            assert_eq!(screen(bad), Err(ForbiddenCharacter), "{bad:?}");
        }
    }

    #[test]
    fn invisible_only_values_count_as_empty() {
        for blank in [
            "\u{200B}",
            " \u{00A0}\u{3164} ",
            "\u{FEFF}\u{2060}",
            "\u{115F}",
        ] {
            assert_eq!(screen(blank), Ok(""), "{blank:?}");
        }
        assert_eq!(screen("\u{200B}Zoé"), Ok("\u{200B}Zoé"));
    }
}
