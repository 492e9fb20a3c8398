//! What handlers answer with, shared by every resource: pages, records with their `ETag`, the
//! PATCH convention for fields that may be cleared, and files (papers, exports, attachments)
//! named in `Content-Disposition`.
use actix_web::http::header;
use actix_web::HttpResponse;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

pub use scrutiny_app::Page;

/// A versioned record answered with its `ETag`.
pub fn with_etag<T: Serialize>(
    mut builder: actix_web::HttpResponseBuilder,
    version: i32,
    body: &T,
) -> HttpResponse {
    builder
        .insert_header((header::ETAG, crate::extract::etag(version)))
        .json(body)
}

/// For PATCH fields that may be cleared: absent → `None`, `null` → `Some(None)`, value → `Some(Some(v))`.
pub fn double_option<'de, D, T>(de: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(de).map(Some)
}

/// The bytes of a file (a DOCX, PDF or XLSX).
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)] // Only its schema is used.
pub struct FileBytes(Vec<u8>);

/// A generated file (a paper, an export) as a response: its content type, and its file name in
/// `Content-Disposition` (ASCII in `filename`, UTF-8 in `filename*`). HTML opens in the browser,
/// ready to print, under a policy that lets it run nothing; the other formats download.
pub fn file_response(
    bytes: Vec<u8>,
    content_type: &str,
    name_parts: &[&str],
    extension: &str,
    inline: bool,
) -> HttpResponse {
    let name = scrutiny_papers::file_name(name_parts, extension);
    let ascii = scrutiny_papers::ascii_file_name(&name);
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let disposition = format!(
        "{}; filename=\"{}\"; filename*=UTF-8''{encoded}",
        if inline { "inline" } else { "attachment" },
        ascii.replace('"', "'")
    );
    let mut builder = HttpResponse::Ok();
    builder
        .content_type(content_type)
        .insert_header((header::CONTENT_DISPOSITION, disposition))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"));
    if inline {
        builder.insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'",
        ));
    }
    builder.body(bytes)
}

/// An uploaded file's `Content-Disposition`: `filename="…"` for every client, and RFC 5987
/// `filename*` when the name is not plain ASCII.
pub fn content_disposition(file_name: &str) -> String {
    let fallback: String = file_name
        .chars()
        .map(|c| match c {
            ' '..='~' if c != '"' && c != '\\' => c,
            _ => '_',
        })
        .collect();
    if fallback == file_name {
        return format!("attachment; filename=\"{fallback}\"");
    }
    let mut encoded = String::new();
    for byte in file_name.bytes() {
        let plain = byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b'!' | b'#' | b'$' | b'&' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~'
            );
        if plain {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_need_no_extended_form() {
        assert_eq!(
            content_disposition("Appendix 2.pdf"),
            "attachment; filename=\"Appendix 2.pdf\""
        );
    }

    #[test]
    fn other_names_get_a_fallback_and_rfc_5987_form() {
        assert_eq!(
            content_disposition("Übersicht €.csv"),
            "attachment; filename=\"_bersicht _.csv\"; filename*=UTF-8''%C3%9Cbersicht%20%E2%82%AC.csv"
        );
        assert_eq!(
            content_disposition("say \"hi\".txt"),
            "attachment; filename=\"say _hi_.txt\"; filename*=UTF-8''say%20%22hi%22.txt"
        );
    }

    #[test]
    fn generated_files_are_named_safely() {
        let r = file_response(
            vec![1],
            "application/pdf",
            &["Progress update", "Café \"review\"/x", "November 2022"],
            "pdf",
            false,
        );
        let cd = r
            .headers()
            .get(header::CONTENT_DISPOSITION)
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(
            cd,
            "attachment; filename=\"Progress update - Cafe review x - November 2022.pdf\"; filename*=UTF-8''Progress%20update%20-%20Caf%C3%A9%20review%20x%20-%20November%202022.pdf"
        );
        let html = file_response(vec![], "text/html", &["x"], "html", true);
        assert!(html
            .headers()
            .get(header::CONTENT_DISPOSITION)
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("inline;"));
        assert!(html.headers().contains_key(header::CONTENT_SECURITY_POLICY));
    }
}
