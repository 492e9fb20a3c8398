//! Writing an export's rows to a temporary file as CSV or XLSX, and sending the file.
use crate::error::ApiError;
use crate::respond::file_response;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use scrutiny_app::exports::Sheet as Columns;
use scrutiny_app::AppError;
use scrutiny_papers::table::{csv_record, Xlsx, UTF8_BOM};
use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SheetFormat {
    Csv,
    Xlsx,
}

impl SheetFormat {
    /// The format a path ends with; any other extension is a resource that does not exist.
    pub(super) fn parse(raw: &str) -> Result<Self, ApiError> {
        match raw.to_ascii_lowercase().as_str() {
            "csv" => Ok(SheetFormat::Csv),
            "xlsx" => Ok(SheetFormat::Xlsx),
            _ => Err(ApiError::NotFound),
        }
    }

    fn extension(self) -> &'static str {
        match self {
            SheetFormat::Csv => "csv",
            SheetFormat::Xlsx => "xlsx",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            SheetFormat::Csv => "text/csv; charset=utf-8; header=present",
            SheetFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }
}

/// Rows going to a temporary file.
pub(super) enum Export {
    Csv { out: BufWriter<File>, line: String },
    Xlsx(Box<Xlsx>),
}

impl Export {
    /// A file of `format` with the sheet's header row.
    pub(super) fn new(format: SheetFormat, sheet: &Columns) -> Result<Self, ApiError> {
        Ok(match format {
            SheetFormat::Csv => {
                let mut out = BufWriter::new(tempfile::tempfile().map_err(ApiError::internal)?);
                let mut line = String::from(UTF8_BOM);
                csv_record(&mut line, sheet.columns);
                out.write_all(line.as_bytes()).map_err(ApiError::internal)?;
                line.clear();
                Export::Csv { out, line }
            }
            SheetFormat::Xlsx => Export::Xlsx(Box::new(
                Xlsx::new(sheet.name, sheet.columns).map_err(ApiError::internal)?,
            )),
        })
    }

    pub(super) fn row(&mut self, cells: &[String]) -> Result<(), AppError> {
        match self {
            Export::Csv { out, line } => {
                line.clear();
                csv_record(line, cells);
                out.write_all(line.as_bytes()).map_err(AppError::internal)
            }
            Export::Xlsx(x) => x.push_row(cells).map_err(AppError::internal),
        }
    }

    /// The finished file, rewound.
    pub(super) async fn finish(self) -> Result<File, ApiError> {
        web::block(move || -> Result<File, ApiError> {
            let mut file = match self {
                Export::Csv { out, .. } => out
                    .into_inner()
                    .map_err(|e| ApiError::internal(e.into_error()))?,
                Export::Xlsx(x) => {
                    let mut file = tempfile::tempfile().map_err(ApiError::internal)?;
                    x.finish_to(&mut file).map_err(ApiError::internal)?;
                    file
                }
            };
            file.flush().map_err(ApiError::internal)?;
            file.seek(SeekFrom::Start(0)).map_err(ApiError::internal)?;
            Ok(file)
        })
        .await
        .map_err(ApiError::internal)?
    }
}

/// Sends the file in chunks (it may be large), named after the sheet and `today`.
pub(super) fn respond(
    req: &HttpRequest,
    file: File,
    format: SheetFormat,
    name: &str,
    today: NaiveDate,
) -> Result<HttpResponse, ApiError> {
    let today = today.format("%Y-%m-%d").to_string();
    // The headers (type, disposition, caching) as the papers have them.
    let template = file_response(
        Vec::new(),
        format.content_type(),
        &[name, &today],
        format.extension(),
        false,
    );
    let named = actix_files::NamedFile::from_file(file, format!("export.{}", format.extension()))
        .map_err(ApiError::internal)?
        .use_etag(false)
        .use_last_modified(false)
        .prefer_utf8(true);
    let mut response = named.into_response(req);
    for name in [
        header::CONTENT_TYPE,
        header::CONTENT_DISPOSITION,
        header::CACHE_CONTROL,
        header::X_CONTENT_TYPE_OPTIONS,
    ] {
        if let Some(value) = template.headers().get(&name) {
            response.headers_mut().insert(name, value.clone());
        }
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(SheetFormat::parse("CSV").unwrap(), SheetFormat::Csv);
        assert_eq!(SheetFormat::parse("xlsx").unwrap(), SheetFormat::Xlsx);
        assert!(matches!(SheetFormat::parse("xls"), Err(ApiError::NotFound)));
    }
}
