//! env_logger with the request id on every line written while a request is handled.
use std::io::Write;

pub fn init() {
    env_logger::Builder::from_env(
        env_logger::Env::default().default_filter_or("info,actix_server=warn"),
    )
    .format(|buf, record| {
        // Access-log lines carry the id themselves (they are written after the request's task).
        let request = scrutiny_api::request_id::current()
            .map(|id| format!(" request_id={id}"))
            .unwrap_or_default();
        writeln!(
            buf,
            "{} {:<5} {}{} {}",
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ"),
            record.level(),
            record.target(),
            request,
            record.args()
        )
    })
    .init();
}
