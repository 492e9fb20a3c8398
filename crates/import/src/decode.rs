//! Turning an uploaded file's bytes into text: UTF-8 with or without a byte-order mark, UTF-16
//! with one (Excel's "Unicode text"), or else Windows-1252 (older Excel and Word "plain text"
//! saves). Anything that still holds control characters is not text the import can read.
use crate::ImportError;
use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};
use serde::{Deserialize, Serialize};

/// How the file's bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    Utf8,
    Utf8WithBom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8WithBom => "UTF-8 (with byte-order mark)",
            TextEncoding::Utf16Le => "UTF-16 (little-endian)",
            TextEncoding::Utf16Be => "UTF-16 (big-endian)",
            TextEncoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Decodes `bytes` and normalises line ends to `\n`. Word's manual line break (vertical tab) and
/// page break (form feed) become line ends. Fails on an empty file, a UTF-8 or UTF-16 file with
/// invalid sequences after its byte-order mark, and text holding other control characters (a
/// binary file, or an encoding the import cannot read).
pub fn decode(bytes: &[u8]) -> Result<(String, TextEncoding), ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty);
    }
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest).map_err(|e| {
            ImportError::Encoding(format!(
                "the file starts with a UTF-8 byte-order mark but is not UTF-8 (invalid bytes at offset {})",
                e.valid_up_to() + 3
            ))
        })?;
        (text.to_owned(), TextEncoding::Utf8WithBom)
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (coding, label) = if bytes[0] == 0xFF {
            (UTF_16LE, TextEncoding::Utf16Le)
        } else {
            (UTF_16BE, TextEncoding::Utf16Be)
        };
        let (text, had_errors) = coding.decode_with_bom_removal(&bytes[2..]);
        if had_errors {
            return Err(ImportError::Encoding(format!(
                "the file starts with a {} byte-order mark but holds invalid sequences",
                label.label()
            )));
        }
        (text.into_owned(), label)
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_owned(), TextEncoding::Utf8)
    } else {
        let (text, _, _) = WINDOWS_1252.decode(bytes);
        (text.into_owned(), TextEncoding::Windows1252)
    };
    let text = normalise_line_ends(&text);
    if let Some((offset, c)) = text
        .char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\n' | '\t'))
    {
        let line = text[..offset].matches('\n').count() + 1;
        return Err(ImportError::Encoding(format!(
            "the file is not text in UTF-8, UTF-16 or Windows-1252: control character U+{:04X} on line {line}",
            c as u32
        )));
    }
    Ok((text, encoding))
}

fn normalise_line_ends(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{0B}' | '\u{0C}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode("No.\tRecommendation – a)".as_bytes()).unwrap(),
            ("No.\tRecommendation – a)".to_owned(), TextEncoding::Utf8)
        );
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice("a,b\r\nc,d\r\n".as_bytes());
        assert_eq!(
            decode(&bom).unwrap(),
            ("a,b\nc,d\n".to_owned(), TextEncoding::Utf8WithBom)
        );
    }

    #[test]
    fn windows_1252_and_utf16() {
        // "a) – f)" with an en dash (0x96) and "Councillors’" (0x92) in Windows-1252.
        let bytes = b"a) \x96 f) Councillors\x92 survey\r\n";
        assert_eq!(
            decode(bytes).unwrap(),
            (
                "a) – f) Councillors’ survey\n".to_owned(),
                TextEncoding::Windows1252
            )
        );
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "No.\tDate\r\n".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(
            decode(&utf16).unwrap(),
            ("No.\tDate\n".to_owned(), TextEncoding::Utf16Le)
        );
    }

    #[test]
    fn binary_and_empty_files_are_refused() {
        assert_eq!(decode(b"  \n\t"), Err(ImportError::Empty));
        let err = decode(b"PK\x03\x04\x14\x00\x00\x00").unwrap_err();
        assert!(matches!(err, ImportError::Encoding(_)), "{err:?}");
        // 0x81 is not a Windows-1252 character.
        assert!(matches!(
            decode(b"caf\xe9 \x81"),
            Err(ImportError::Encoding(_))
        ));
        assert!(matches!(
            decode(b"\xEF\xBB\xBFcaf\xe9"),
            Err(ImportError::Encoding(_))
        ));
    }

    #[test]
    fn word_breaks_become_line_ends() {
        assert_eq!(
            decode(b"one\x0btwo\x0cthree\rfour").unwrap().0,
            "one\ntwo\nthree\nfour"
        );
    }
}
