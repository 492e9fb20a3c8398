//! Attachments of progress entries: every accepted kind of file up and down again, files that are
//! not what their names say refused, the size limit, access that follows the entry's, storage on
//! disk, and withdrawal.
use crate::fixtures::{conn, insert_action, insert_action_plan, seed_review, signed_in, NewAction};
use crate::helpers::{fields, problem, TestApp};
use crate::support::{audit, json_of};
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use reqwest::multipart::{Form, Part};
use reqwest::{Method, Response, StatusCode};
use scrutiny_db::schema::attachment_blobs;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::io::Write;
use uuid::Uuid;

pub const PDF_MEDIA: &str = "application/pdf";
pub const DOCX_MEDIA: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
pub const XLSX_MEDIA: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A small but well-formed PDF with one empty page.
pub fn pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ];
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut writer = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in parts {
            writer.start_file(*name, options).unwrap();
            writer.write_all(content.as_bytes()).unwrap();
        }
        writer.finish().unwrap();
    }
    out.into_inner()
}

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="PART"/></Relationships>"#;

/// A Word document with one paragraph.
pub fn docx() -> Vec<u8> {
    zip_of(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        ),
        ("_rels/.rels", &RELS.replace("PART", "word/document.xml")),
        (
            "word/document.xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Appendix 2: survey results</w:t></w:r></w:p></w:body></w:document>"#,
        ),
    ])
}

/// An Excel workbook with one sheet.
pub fn xlsx() -> Vec<u8> {
    zip_of(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        ("_rels/.rels", &RELS.replace("PART", "xl/workbook.xml")),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="VCOP" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        (
            "xl/worksheets/sheet1.xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>95.2</v></c></row></sheetData></worksheet>"#,
        ),
    ])
}

/// A 1×1 PNG.
pub fn png() -> Vec<u8> {
    hex::decode(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000\
         1f15c4890000000d49444154789c63f8cfc0f01f0005000201a3f2b3d5\
         0000000049454e44ae426082",
    )
    .unwrap()
}

/// The start of a JFIF JPEG (SOI, APP0) and its end marker.
pub fn jpeg() -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    out.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}

/// A Windows program: the DOS header with its NUL bytes.
fn exe() -> Vec<u8> {
    let mut out = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0\xb8\0\0\0\0\0\0\0@\0".to_vec();
    out.extend_from_slice(b"This program cannot be run in DOS mode.\r\r\n$\0\0\0");
    out
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A draft progress entry that a partner organisation reports: its contributor's token and the
/// entry.
pub struct PartnerEntry {
    pub contributor: String,
    pub officer: String,
    pub entry: Uuid,
}

/// Opens a round over recommendation 1 of a seed review whose action `partner` owns, through the
/// API, and returns the draft entry it creates for the partner.
pub async fn partner_entry(app: &TestApp, partner_name: &str) -> PartnerEntry {
    let partner = app.create_organisation(partner_name, "police").await;
    let tag = Uuid::new_v4().simple().to_string();
    let contributor = signed_in(
        app,
        &format!("contributor-{tag}@police.example"),
        "contributor",
        partner,
    )
    .await;
    let officer = signed_in(
        app,
        &format!("officer-{tag}@council.example"),
        "officer",
        app.council_id,
    )
    .await;
    let seed = seed_review(
        app,
        app.council_id,
        &format!("Police Communications {tag}"),
        "action_plan_agreed",
    )
    .await;
    let mut c = conn(app).await;
    let plan = insert_action_plan(
        &mut c,
        app.council_id,
        seed.review_id,
        NaiveDate::from_ymd_opt(2022, 3, 1),
    )
    .await;
    drop(c);
    let mut action = NewAction::new(seed.recs[0], "Review the Community Engagement Strategy");
    action.owners = vec![(Some(partner), None)];
    insert_action(app, seed.review_id, plan, action).await;
    let round = json_of(
        app.post(
            &format!("/api/v1/reviews/{}/progress-rounds", seed.review_id),
            &officer,
            &json!({"label": "November 2022", "deadline": "2030-11-01",
                    "recommendation_ids": [seed.recs[0]]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let entries = json_of(
        app.get(
            &format!(
                "/api/v1/progress-rounds/{}/entries",
                round["id"].as_str().unwrap()
            ),
            &officer,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let entries = entries.as_array().expect("a list of entries");
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["organisation"]["id"], json!(partner));
    assert_eq!(entries[0]["state"], "draft");
    PartnerEntry {
        contributor,
        officer,
        entry: entries[0]["id"].as_str().unwrap().parse().unwrap(),
    }
}

/// The multipart form of an upload.
pub fn form(file_name: &str, bytes: &[u8], title: Option<&str>) -> Form {
    let mut form = Form::new().part(
        "file",
        Part::bytes(bytes.to_vec())
            .file_name(file_name.to_owned())
            .mime_str("application/octet-stream")
            .unwrap(),
    );
    if let Some(title) = title {
        form = form.text("title", title.to_owned());
    }
    form
}

pub async fn upload(app: &TestApp, token: &str, entry: Uuid, form: Form) -> Response {
    app.request(
        Method::POST,
        &format!("/api/v1/progress-entries/{entry}/attachments"),
        Some(token),
    )
    .multipart(form)
    .send()
    .await
    .unwrap()
}

fn header<'a>(response: &'a Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("a {name} header"))
        .to_str()
        .unwrap()
}

#[tokio::test]
async fn every_accepted_kind_goes_up_and_comes_back_as_itself() {
    let app = TestApp::spawn().await;
    let fx = partner_entry(&app, "Cleveland Police").await;
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        ("Appendix 2 - survey results.pdf", pdf(), PDF_MEDIA),
        ("Appendix 3.docx", docx(), DOCX_MEDIA),
        ("VCOP compliance.xlsx", xlsx(), XLSX_MEDIA),
        (
            "figures.csv",
            b"label,value\nVCOP compliance,95.2\n".to_vec(),
            "text/csv; charset=utf-8",
        ),
        (
            "notes.TXT",
            "Ongoing compliance is reviewed.\n".as_bytes().to_vec(),
            "text/plain; charset=utf-8",
        ),
        ("chart.png", png(), "image/png"),
        ("photo.jpeg", jpeg(), "image/jpeg"),
        ("Übersicht €.jpg", jpeg(), "image/jpeg"),
    ];
    let mut ids = Vec::new();
    for (i, (name, bytes, media)) in files.iter().enumerate() {
        let title = format!("Appendix {}", i + 2);
        let response = upload(
            &app,
            &fx.contributor,
            fx.entry,
            form(name, bytes, Some(&title)),
        )
        .await;
        let location = header(&response, "location").to_owned();
        let body = json_of(response, StatusCode::CREATED).await;
        let id = body["id"].as_str().unwrap().to_owned();
        assert_eq!(location, format!("/api/v1/attachments/{id}"));
        assert_eq!(body["entry_id"], json!(fx.entry));
        assert_eq!(body["file_name"], *name);
        assert_eq!(body["title"], title.as_str());
        assert_eq!(body["content_type"], *media);
        assert_eq!(body["size_bytes"], bytes.len());
        assert_eq!(body["sha256"], sha256_hex(bytes));
        assert_eq!(
            body["content_url"],
            format!("/api/v1/attachments/{id}/content")
        );
        assert!(body["withdrawn_at"].is_null());
        // The metadata reads back; the officer downloads the same bytes, as an attachment.
        let read = json_of(app.get(&location, &fx.officer).await, StatusCode::OK).await;
        assert_eq!(read, body);
        let download = app.get(&format!("{location}/content"), &fx.officer).await;
        assert_eq!(download.status(), StatusCode::OK);
        assert_eq!(header(&download, "content-type"), *media);
        assert_eq!(header(&download, "x-content-type-options"), "nosniff");
        let disposition = header(&download, "content-disposition").to_owned();
        assert!(
            disposition.starts_with("attachment; filename=\""),
            "{disposition}"
        );
        assert_eq!(download.bytes().await.unwrap().as_ref(), bytes.as_slice());
        ids.push((id, disposition));
    }
    assert_eq!(
        ids[0].1,
        "attachment; filename=\"Appendix 2 - survey results.pdf\""
    );
    // A name other than plain ASCII has an ASCII fallback and its RFC 5987 form.
    assert_eq!(
        ids[7].1,
        "attachment; filename=\"_bersicht _.jpg\"; filename*=UTF-8''%C3%9Cbersicht%20%E2%82%AC.jpg"
    );
    // The list holds them all, oldest first, for the contributor and the officer alike.
    let path = format!("/api/v1/progress-entries/{}/attachments?limit=5", fx.entry);
    let first = json_of(app.get(&path, &fx.contributor).await, StatusCode::OK).await;
    let cursor = first["next_cursor"].as_str().expect("a second page");
    let second = json_of(
        app.get(&format!("{path}&cursor={cursor}"), &fx.officer)
            .await,
        StatusCode::OK,
    )
    .await;
    let listed: Vec<&str> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["items"].as_array().unwrap())
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = ids.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(listed, expected);
    assert!(second.get("next_cursor").is_none_or(Value::is_null));
    // Each upload is audited with its name, type, size and hash, never its bytes.
    let events = audit(&app, "action=attachment.uploaded").await;
    assert_eq!(events.len(), files.len());
    let pdf_event = events
        .iter()
        .find(|e| e["entity_id"] == ids[0].0.as_str())
        .expect("the PDF's upload event");
    assert_eq!(pdf_event["entity_type"], "attachment");
    let after = &pdf_event["after"];
    assert_eq!(after["file_name"], "Appendix 2 - survey results.pdf");
    assert_eq!(after["content_type"], PDF_MEDIA);
    assert_eq!(after["size_bytes"], pdf().len());
    assert_eq!(after["sha256"], sha256_hex(&pdf()));
    assert!(
        !pdf_event.to_string().contains("%PDF"),
        "no bytes in the audit trail"
    );
    // Kept in the database (the default storage).
    let mut c = conn(&app).await;
    let blobs: i64 = attachment_blobs::table
        .count()
        .get_result(&mut c)
        .await
        .unwrap();
    assert_eq!(blobs, files.len() as i64);
}

#[tokio::test]
async fn files_that_are_not_what_their_names_say_are_refused() {
    let app = TestApp::spawn().await;
    let fx = partner_entry(&app, "Cleveland Police").await;
    let html =
        b"<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>";
    let plain_zip = zip_of(&[("readme.txt", "not an office document")]);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("Appendix 2.pdf", exe(), "not of an accepted kind"),
        ("notes.txt", exe(), "not of an accepted kind"),
        ("report.pdf", html.to_vec(), "markup"),
        ("report.txt", html.to_vec(), "markup"),
        (
            "report.docx",
            pdf(),
            "is a PDF document by its content, but its name ends .docx",
        ),
        ("figures.xlsx", docx(), "name it .docx"),
        ("archive.docx", plain_zip, "not a Word document"),
        ("image.png", jpeg(), "name it .jpg"),
        ("noending", pdf(), "no ending"),
        ("empty.txt", Vec::new(), "empty"),
    ];
    for (name, bytes, message) in cases {
        let response = upload(&app, &fx.contributor, fx.entry, form(name, &bytes, None)).await;
        let body = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(fields(&body), ["file"], "{name}: {body}");
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains(message),
            "{name}: {body}"
        );
    }
    // The parts of the form are checked too.
    let no_file = Form::new().text("title", "Appendix 2");
    let body = problem(
        upload(&app, &fx.contributor, fx.entry, no_file).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(fields(&body), ["file"]);
    let extra = form("a.pdf", &pdf(), None).text("comment", "hello");
    let body = problem(
        upload(&app, &fx.contributor, fx.entry, extra).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(fields(&body), ["comment"]);
    let long_title = "T".repeat(201);
    let body = problem(
        upload(
            &app,
            &fx.contributor,
            fx.entry,
            form("a.pdf", &pdf(), Some(&long_title)),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(fields(&body), ["title"]);
    let unnamed = Form::new().part("file", Part::bytes(pdf()));
    let body = problem(
        upload(&app, &fx.contributor, fx.entry, unnamed).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(fields(&body), ["file"]);
    // A JSON body is not an upload.
    let response = app
        .post(
            &format!("/api/v1/progress-entries/{}/attachments", fx.entry),
            &fx.contributor,
            &json!({"file": "JVBERi0="}),
        )
        .await;
    problem(response, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
    // Nothing was kept.
    let list = json_of(
        app.get(
            &format!("/api/v1/progress-entries/{}/attachments", fx.entry),
            &fx.officer,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(list["items"], json!([]));
    assert!(audit(&app, "action=attachment.uploaded").await.is_empty());
}

#[tokio::test]
async fn files_over_the_limit_are_refused_with_413() {
    let app = TestApp::spawn_with(|s| s.attachments_max_bytes = 4096).await;
    let fx = partner_entry(&app, "Cleveland Police").await;
    let mut at_limit = pdf();
    at_limit.resize(4096, b' ');
    let response = upload(
        &app,
        &fx.contributor,
        fx.entry,
        form("a.pdf", &at_limit, None),
    )
    .await;
    json_of(response, StatusCode::CREATED).await;
    let mut over = at_limit.clone();
    over.push(b'\n');
    let response = upload(&app, &fx.contributor, fx.entry, form("b.pdf", &over, None)).await;
    let body = problem(response, StatusCode::PAYLOAD_TOO_LARGE).await;
    assert!(body["detail"].as_str().unwrap().contains("4096"), "{body}");
    // Far over: refused by its declared length before it is read.
    let mut huge = pdf();
    huge.resize(512 * 1024, b' ');
    let response = upload(&app, &fx.contributor, fx.entry, form("c.pdf", &huge, None)).await;
    problem(response, StatusCode::PAYLOAD_TOO_LARGE).await;
    let list = json_of(
        app.get(
            &format!("/api/v1/progress-entries/{}/attachments", fx.entry),
            &fx.officer,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn another_organisations_contributor_sees_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let fx = partner_entry(&app, "Cleveland Police").await;
    let created = json_of(
        upload(
            &app,
            &fx.contributor,
            fx.entry,
            form("a.pdf", &pdf(), Some("Appendix 2")),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let id = created["id"].as_str().unwrap();
    let fire = app
        .create_organisation("Cleveland Fire Brigade", "fire")
        .await;
    let outsider = signed_in(&app, "watch@fire.example", "contributor", fire).await;
    let entry_path = format!("/api/v1/progress-entries/{}/attachments", fx.entry);
    problem(app.get(&entry_path, &outsider).await, StatusCode::NOT_FOUND).await;
    problem(
        app.get(&format!("/api/v1/attachments/{id}"), &outsider)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    problem(
        app.get(&format!("/api/v1/attachments/{id}/content"), &outsider)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    problem(
        upload(&app, &outsider, fx.entry, form("b.pdf", &pdf(), None)).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    problem(
        app.post(
            &format!("/api/v1/attachments/{id}/withdraw"),
            &outsider,
            &json!({"reason": "Not ours"}),
        )
        .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    // An unknown attachment is the same 404.
    problem(
        app.get(
            &format!("/api/v1/attachments/{}", Uuid::now_v7()),
            &fx.contributor,
        )
        .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    // Nothing changed.
    let list = json_of(app.get(&entry_path, &fx.contributor).await, StatusCode::OK).await;
    assert_eq!(list["items"], json!([created]));
}

#[tokio::test]
async fn disk_storage_keeps_each_file_under_its_id() {
    let dir =
        std::env::temp_dir().join(format!("scrutiny-attachments-{}", Uuid::new_v4().simple()));
    let configured = dir.clone();
    let app = TestApp::spawn_with(move |s| {
        s.attachments_storage = scrutiny_server::settings::AttachmentStorage::Disk;
        s.attachments_directory = Some(configured.to_string_lossy().into_owned());
    })
    .await;
    let fx = partner_entry(&app, "Cleveland Police").await;
    let bytes = xlsx();
    let created = json_of(
        upload(
            &app,
            &fx.contributor,
            fx.entry,
            form("figures.xlsx", &bytes, None),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let id: Uuid = created["id"].as_str().unwrap().parse().unwrap();
    assert_eq!(created["sha256"], sha256_hex(&bytes));
    // One file, named by the id, holding the bytes; no temporary file left behind.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, [id.simple().to_string()]);
    assert_eq!(
        std::fs::read(dir.join(id.simple().to_string())).unwrap(),
        bytes
    );
    let mut c = conn(&app).await;
    let blobs: i64 = attachment_blobs::table
        .count()
        .get_result(&mut c)
        .await
        .unwrap();
    assert_eq!(blobs, 0, "nothing in the database");
    let download = app
        .get(&format!("/api/v1/attachments/{id}/content"), &fx.officer)
        .await;
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(header(&download, "content-type"), XLSX_MEDIA);
    assert_eq!(download.bytes().await.unwrap().as_ref(), bytes.as_slice());
    // A file that disappeared from the disk is a server error, not someone else's file.
    std::fs::remove_file(dir.join(id.simple().to_string())).unwrap();
    let response = app
        .get(&format!("/api/v1/attachments/{id}/content"), &fx.officer)
        .await;
    problem(response, StatusCode::INTERNAL_SERVER_ERROR).await;
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn withdrawn_attachments_stay_listed_and_their_files_are_gone() {
    let app = TestApp::spawn().await;
    let fx = partner_entry(&app, "Cleveland Police").await;
    let created = json_of(
        upload(
            &app,
            &fx.contributor,
            fx.entry,
            form("a.pdf", &pdf(), Some("Appendix 2")),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let id = created["id"].as_str().unwrap();
    let path = format!("/api/v1/attachments/{id}/withdraw");
    let body = problem(
        app.post(&path, &fx.contributor, &json!({"reason": "  "}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(fields(&body), ["reason"]);
    let withdrawn = json_of(
        app.post(
            &path,
            &fx.contributor,
            &json!({"reason": "Uploaded to the wrong entry"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(withdrawn["withdrawn_reason"], "Uploaded to the wrong entry");
    assert!(withdrawn["withdrawn_at"].is_string());
    assert!(withdrawn["content_url"].is_null());
    assert_eq!(withdrawn["sha256"], created["sha256"]);
    // Still listed, with its reason; its file is no longer served.
    let list = json_of(
        app.get(
            &format!("/api/v1/progress-entries/{}/attachments", fx.entry),
            &fx.officer,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(list["items"], json!([withdrawn]));
    let gone = problem(
        app.get(&format!("/api/v1/attachments/{id}/content"), &fx.officer)
            .await,
        StatusCode::GONE,
    )
    .await;
    assert!(gone["detail"]
        .as_str()
        .unwrap()
        .contains("Uploaded to the wrong entry"));
    problem(
        app.post(&path, &fx.officer, &json!({"reason": "Again"}))
            .await,
        StatusCode::CONFLICT,
    )
    .await;
    // Audited with before and after; nothing was deleted.
    let events = audit(&app, "action=attachment.withdrawn").await;
    assert_eq!(events.len(), 1);
    assert!(events[0]["before"]["withdrawn_at"].is_null());
    assert_eq!(
        events[0]["after"]["withdrawn_reason"],
        "Uploaded to the wrong entry"
    );
    let mut c = conn(&app).await;
    let blobs: i64 = attachment_blobs::table
        .count()
        .get_result(&mut c)
        .await
        .unwrap();
    assert_eq!(blobs, 1);
}

#[tokio::test]
async fn a_submitted_entry_takes_no_new_files_from_its_contributor() {
    let app = TestApp::spawn().await;
    let fx = partner_entry(&app, "Cleveland Police").await;
    let created = json_of(
        upload(
            &app,
            &fx.contributor,
            fx.entry,
            form("a.pdf", &pdf(), Some("Appendix 2")),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let entry_path = format!("/api/v1/progress-entries/{}", fx.entry);
    let tag = header(&app.get(&entry_path, &fx.contributor).await, "etag").to_owned();
    let written = app
        .request(Method::PATCH, &entry_path, Some(&fx.contributor))
        .header("if-match", tag)
        .json(
            &json!({"progress": "Done as agreed; see Appendix 2.", "proposed_grade": "1",
                      "impact": {"kind": "none_undertaken"}}),
        )
        .send()
        .await
        .unwrap();
    json_of(written, StatusCode::OK).await;
    json_of(
        app.post(&format!("{entry_path}/submit"), &fx.contributor, &json!({}))
            .await,
        StatusCode::OK,
    )
    .await;
    // Submitted: its files are fixed for the contributor until it is returned.
    problem(
        upload(&app, &fx.contributor, fx.entry, form("b.pdf", &pdf(), None)).await,
        StatusCode::CONFLICT,
    )
    .await;
    let id = created["id"].as_str().unwrap();
    problem(
        app.post(
            &format!("/api/v1/attachments/{id}/withdraw"),
            &fx.contributor,
            &json!({"reason": "Changed my mind"}),
        )
        .await,
        StatusCode::CONFLICT,
    )
    .await;
    // Still readable by both sides.
    let download = app
        .get(
            &format!("/api/v1/attachments/{id}/content"),
            &fx.contributor,
        )
        .await;
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.bytes().await.unwrap().as_ref(), pdf().as_slice());
    json_of(
        app.get(&format!("/api/v1/attachments/{id}"), &fx.officer)
            .await,
        StatusCode::OK,
    )
    .await;
}
