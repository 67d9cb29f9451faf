//! Normalisation: one spelling for line ends, quotes, dashes, spaces and
//! invisible characters, so that the rules see one form of each.

/// A byte that [`normalise`] copies as it is: printable ASCII, `\n` and `\t`.
fn is_plain(b: u8) -> bool {
    matches!(b, b' '..=b'~' | b'\n' | b'\t')
}

/// The end of the run of plain bytes (see [`is_plain`]) starting at `i`: sixteen
/// bytes at a time (a test without branches, which the compiler vectorises), then
/// byte by byte.
fn plain_run_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 16) {
        let odd = chunk.iter().fold(false, |acc, &b| acc | !is_plain(b));
        if odd {
            break;
        }
        i += 16;
    }
    while i < bytes.len() && is_plain(bytes[i]) {
        i += 1;
    }
    i
}

/// Normalises line ends, quotes, dashes, spaces and invisible characters. ASCII runs
/// are copied in bulk.
pub(super) fn normalise(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = String::with_capacity(input.len());
    let mut i = 0;
    while i < bytes.len() {
        // Copy a run of plain characters at once.
        let run = i;
        i = plain_run_end(bytes, i);
        if run < i {
            out.push_str(&input[run..i]);
            if i == bytes.len() {
                break;
            }
        }
        let b = bytes[i];
        if b == b'\r' {
            out.push('\n');
            i += if bytes.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            continue;
        }
        if b < 0x80 {
            // Other ASCII controls (and DEL): vertical tab and form feed break lines,
            // the rest are dropped.
            if b == 0x0b || b == 0x0c {
                out.push('\n');
            }
            i += 1;
            continue;
        }
        let Some(c) = input[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => out.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => out.push('"'),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => out.push('-'),
            '\u{2014}' | '\u{2015}' => out.push_str("--"),
            '\u{2026}' => out.push_str("..."),
            '\u{85}' | '\u{2028}' => out.push('\n'),
            '\u{2029}' => out.push_str("\n\n"),
            // Zero-width and formatting characters, bidi marks and embeddings.
            '\u{ad}'
            | '\u{61c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}' => {}
            c if c.is_whitespace() => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::Document;
    use super::super::testing::{check_spans, check_table};

    #[test]
    fn line_endings_and_normalisation() {
        check_table(&[
            ("Line one\r\nLine two.\r\n", &["Line one", "Line two."]),
            ("Line one\rLine two.", &["Line one", "Line two."]),
            ("Old Mac\r\rNew para.", &["Old Mac", "New para."]),
        ]);
        let doc = Document::parse(
            "n.txt",
            "\u{201c}Hi,\u{201d} he said \u{2018}twice\u{2019} \u{201e}x\u{201f} 5\u{2032}6\u{2033}. \
             Pages 3\u{2013}5\u{2014}all\u{2015}gone\u{2026} Next\u{a0}one\u{2009}here\u{3000}ok.\
             \u{200b}Zero\u{200c}\u{200d}\u{2060}\u{feff}width \u{200e}bidi\u{202b}\u{202e}\u{2066}\u{2069}\u{200f} \
             ctl\u{7}\u{1b}\u{7f}\u{9c}\tend."
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(
            doc.text,
            "\"Hi,\" he said 'twice' \"x\" 5'6\". Pages 3-5--all--gone... Next one here ok.\
             Zerowidth bidi ctl\tend."
        );
        check_spans(&doc);
        assert_eq!(doc.sentence(0), "\"Hi,\" he said 'twice' \"x\" 5'6\".");
        assert_eq!(doc.sentence(1), "Pages 3-5--all--gone...");
        assert_eq!(doc.sentence(2), "Next one here ok.");
        assert_eq!(doc.sentence(3), "Zerowidth bidi ctl\tend.");
        // Unicode line separators.
        let doc =
            Document::parse("n.txt", "One\u{2028}Two\u{2029}Three\u{85}Four".as_bytes()).unwrap();
        assert_eq!(doc.text, "One\nTwo\n\nThree\nFour");
    }
}
