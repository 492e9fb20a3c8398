//! The papers' font: Liberation Sans (SIL Open Font License 1.1, see `fonts/LICENSE`), shipped in
//! the crate and compiled in, so that no font has to be installed where the papers are made.
//! Its metrics match Arial's, the usual face of council papers.
use std::sync::OnceLock;
use ttf_parser::Face;

pub(crate) const REGULAR: &[u8] = include_bytes!("../fonts/LiberationSans-Regular.ttf");
pub(crate) const BOLD: &[u8] = include_bytes!("../fonts/LiberationSans-Bold.ttf");
pub(crate) const ITALIC: &[u8] = include_bytes!("../fonts/LiberationSans-Italic.ttf");
pub(crate) const BOLD_ITALIC: &[u8] = include_bytes!("../fonts/LiberationSans-BoldItalic.ttf");

/// The family name documents refer to.
pub(crate) const FAMILY: &str = "Liberation Sans";

/// One of the four faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FontStyle {
    Regular = 0,
    Bold = 1,
    Italic = 2,
    BoldItalic = 3,
}

impl FontStyle {
    pub fn of(bold: bool, italic: bool) -> Self {
        match (bold, italic) {
            (false, false) => FontStyle::Regular,
            (true, false) => FontStyle::Bold,
            (false, true) => FontStyle::Italic,
            (true, true) => FontStyle::BoldItalic,
        }
    }

    pub fn bytes(self) -> &'static [u8] {
        match self {
            FontStyle::Regular => REGULAR,
            FontStyle::Bold => BOLD,
            FontStyle::Italic => ITALIC,
            FontStyle::BoldItalic => BOLD_ITALIC,
        }
    }

    pub const ALL: [FontStyle; 4] = [
        FontStyle::Regular,
        FontStyle::Bold,
        FontStyle::Italic,
        FontStyle::BoldItalic,
    ];
}

/// Characters below this are looked up once and kept in a table.
const TABLE: usize = 0x2600;
const MISSING: u16 = u16::MAX;

/// Advance widths of one face, in font units.
pub(crate) struct Metrics {
    face: Face<'static>,
    units_per_em: f32,
    table: Vec<u16>,
}

impl Metrics {
    fn new(bytes: &'static [u8]) -> Self {
        let face = Face::parse(bytes, 0).expect("the shipped font parses");
        let table = (0..TABLE as u32)
            .map(|cp| {
                char::from_u32(cp)
                    .and_then(|c| face.glyph_index(c))
                    .and_then(|g| face.glyph_hor_advance(g))
                    .unwrap_or(MISSING)
            })
            .collect();
        Self {
            units_per_em: f32::from(face.units_per_em()),
            face,
            table,
        }
    }

    fn advance(&self, c: char) -> Option<u16> {
        let cp = c as usize;
        if cp < TABLE {
            let a = self.table[cp];
            (a != MISSING).then_some(a)
        } else {
            self.face
                .glyph_index(c)
                .and_then(|g| self.face.glyph_hor_advance(g))
        }
    }

    /// The glyph that draws `c` in this face.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.face.glyph_index(c).map(|g| g.0)
    }

    /// Whether the face can draw `c`.
    pub fn has(&self, c: char) -> bool {
        self.advance(c).is_some()
    }

    /// The width of `text` at `size` points (characters the face lacks count as nothing; callers
    /// replace them first with [`Metrics::has`]).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| u32::from(self.advance(c).unwrap_or(0)))
            .sum();
        units as f32 * size / self.units_per_em
    }
}

/// The metrics of the four faces, read once.
pub(crate) fn metrics(style: FontStyle) -> &'static Metrics {
    static FACES: OnceLock<Vec<Metrics>> = OnceLock::new();
    &FACES.get_or_init(|| {
        FontStyle::ALL
            .iter()
            .map(|s| Metrics::new(s.bytes()))
            .collect()
    })[style as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_parse_and_measure() {
        for style in FontStyle::ALL {
            let m = metrics(style);
            assert!(m.has('A') && m.has('–') && m.has('•') && m.has('’') && m.has('£'));
            assert!(!m.has('\u{F0B7}'));
            let w = m.width("Hello", 10.0);
            assert!(w > 20.0 && w < 30.0, "{style:?}: {w}");
        }
        // Bold is wider than regular.
        assert!(
            metrics(FontStyle::Bold).width("Recommendation", 10.0)
                > metrics(FontStyle::Regular).width("Recommendation", 10.0)
        );
        assert_eq!(metrics(FontStyle::Regular).width("", 10.0), 0.0);
    }
}
