//! Hostile workbooks: each is refused with a clear reason, within bounded memory, never a crash.
use proptest::prelude::*;
use rust_xlsxwriter::{Format as XFormat, Workbook};
use scrutiny_import::{parse_action_plan_xlsx, ImportError};
use std::io::{Cursor, Write};

fn plan_workbook() -> Workbook {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, heading) in [
        "No.",
        "Recommendation",
        "Proposed Actions",
        "Success Measures",
        "Responsibility",
        "Date",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, col as u16, *heading).unwrap();
    }
    sheet.write_number(1, 0, 1.0).unwrap();
    sheet.write_string(1, 1, "A recommendation.").unwrap();
    sheet.write_string(1, 2, "An action").unwrap();
    sheet.write_string(1, 3, "Fewer complaints").unwrap();
    sheet.write_string(1, 4, "Cleveland Police").unwrap();
    sheet.write_string(1, 5, "March 2025").unwrap();
    workbook
}

fn unreadable(result: Result<impl std::fmt::Debug, ImportError>) -> String {
    match result {
        Err(ImportError::Unreadable(why)) => why,
        other => panic!("expected the workbook to be refused as unreadable, got {other:?}"),
    }
}

/// A workbook whose only values are in A1 and XFD1048576 (about 1.5 KB) once made a dense
/// grid of 17 billion cells and aborted the process.
#[test]
fn a_value_in_the_last_cell_is_refused_without_building_the_grid() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "No.").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    assert!(bytes.len() < 8 * 1024, "{} bytes", bytes.len());
    let why = unreadable(parse_action_plan_xlsx(&bytes));
    assert!(why.contains("XFD1048576"), "{why}");
}

/// Formatting applied far out (a styled but empty cell) is no value and costs nothing.
#[test]
fn styled_empty_cells_far_out_are_ignored() {
    let mut workbook = plan_workbook();
    let sheet = workbook.worksheet_from_index(0).unwrap();
    let bold = XFormat::new().set_bold();
    sheet.write_blank(1_048_575, 16_383, &bold).unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let parsed = parse_action_plan_xlsx(&bytes).unwrap();
    let plain = parse_action_plan_xlsx(&plan_workbook().save_to_buffer().unwrap()).unwrap();
    assert_eq!(parsed.value, plain.value);
    assert_eq!(parsed.value.recommendations.len(), 1);
    assert_eq!(parsed.value.recommendations[0].actions.len(), 1);
}

/// Copies a workbook's entries and adds one more, made by `extra`.
fn with_extra_entries(
    bytes: &[u8],
    extra: impl FnOnce(&mut zip::ZipWriter<Cursor<Vec<u8>>>),
) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        out.raw_copy_file(archive.by_index_raw(i).unwrap()).unwrap();
    }
    extra(&mut out);
    out.finish().unwrap().into_inner()
}

/// A 1000:1 zip bomb: about 100 KB that unpacks to 100 MiB of zeros inside a valid workbook.
#[test]
fn a_zip_bomb_is_refused_before_the_workbook_is_read() {
    let plain = plan_workbook().save_to_buffer().unwrap();
    let bomb = bomb_of(&plain, 100);
    assert!(bomb.len() < 400 * 1024, "{} bytes", bomb.len());
    let why = unreadable(parse_action_plan_xlsx(&bomb));
    assert!(why.contains("unpacks to more than"), "{why}");
    // The same workbook without the padding reads.
    assert!(parse_action_plan_xlsx(&plain).is_ok());
}

#[test]
fn a_workbook_of_thousands_of_entries_is_refused() {
    let plain = plan_workbook().save_to_buffer().unwrap();
    let many = with_extra_entries(&plain, |out| {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for i in 0..1_500 {
            out.start_file(format!("xl/media/{i}.bin"), options)
                .unwrap();
            out.write_all(b"x").unwrap();
        }
    });
    let why = unreadable(parse_action_plan_xlsx(&many));
    assert!(why.contains("files, more than the 1000"), "{why}");
}

fn bomb_of(plain: &[u8], megabytes: usize) -> Vec<u8> {
    with_extra_entries(plain, |out| {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file(PADDING, options).unwrap();
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..megabytes {
            out.write_all(&zeros).unwrap();
        }
    })
}

const PADDING: &str = "xl/media/padding.bin";

/// A directory that understates sizes does not get past the check: what counts is what the
/// entries really unpack to, not what their headers claim.
#[test]
fn sizes_the_headers_understate_do_not_pass() {
    let plain = plan_workbook().save_to_buffer().unwrap();
    let mut bomb = bomb_of(&plain, 100);
    let name = PADDING.as_bytes();
    let mut patched = 0;
    let mut at = 0;
    while let Some(found) = bomb[at..].windows(name.len()).position(|w| w == name) {
        let p = at + found;
        if p >= 30 && bomb[p - 30..p - 26] == *b"PK\x03\x04" {
            bomb[p - 30 + 22..p - 30 + 26].copy_from_slice(&1000u32.to_le_bytes());
            patched += 1;
        }
        if p >= 46 && bomb[p - 46..p - 42] == *b"PK\x01\x02" {
            bomb[p - 46 + 24..p - 46 + 28].copy_from_slice(&1000u32.to_le_bytes());
            patched += 1;
        }
        at = p + 1;
    }
    assert_eq!(patched, 2, "the local and central headers of the padding");
    assert!(parse_action_plan_xlsx(&bomb).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A workbook with bytes overwritten anywhere is read or refused, never a panic.
    #[test]
    fn damaged_workbooks_never_panic(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16)) {
        let mut bytes = plan_workbook().save_to_buffer().unwrap();
        for (at, value) in edits {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        let _ = parse_action_plan_xlsx(&bytes);
    }

    /// Arbitrary bytes behind a ZIP signature are refused, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend(tail);
        prop_assert!(parse_action_plan_xlsx(&bytes).is_err());
    }
}
