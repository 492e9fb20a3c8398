//! The one rule for text that goes into a CSV file someone will open in a spreadsheet.

/// The characters that make a spreadsheet read a CSV cell as a formula (`=HYPERLINK(…)`,
/// `+cmd|…`, `-2+3`, `@SUM(…)`) or that some read as the start of one (tab, carriage return).
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A CSV cell that no spreadsheet evaluates: a cell that starts like a formula gets an apostrophe
/// in front, which Excel and LibreOffice show as text and hide. [`formula_marker_removed`] takes
/// it off again on import, so an export reads back as it was.
pub fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// The cell as written before [`defuse`]: an apostrophe followed by a formula's first character
/// is the marker, not text.
pub fn formula_marker_removed(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_read_back() {
        for cell in [
            "=HYPERLINK(\"http://x\")",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            let safe = defuse(cell);
            assert!(safe.starts_with('\''), "{cell}");
            assert_eq!(formula_marker_removed(&safe), cell);
        }
        assert_eq!(defuse("Cleveland Police"), "Cleveland Police");
        assert_eq!(formula_marker_removed("'quoted"), "'quoted");
    }
}
