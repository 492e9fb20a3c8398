//! Building the database, the shared state and the HTTP server.
use crate::settings::Settings;
use actix_web::dev::Server;
use actix_web::middleware::{from_fn, Compress, Logger};
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer, ResponseError};
use scrutiny_api::auth::jwt::JwtKeys;
use scrutiny_api::auth::passwords;
use scrutiny_api::auth::throttle::LoginThrottle;
use scrutiny_api::error::ApiError;
use scrutiny_api::extract::JsonLimit;
use scrutiny_api::methods::Routes;
use scrutiny_api::{idempotency, openapi, request_id, security_headers, AppState};
use scrutiny_db::pool::{self, SetupError};
use scrutiny_db::DbPool;
use secrecy::{ExposeSecret, SecretString};
use std::net::TcpListener;
use std::path::PathBuf;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

/// Creates the database when allowed and missing, applies migrations when allowed, builds the pool.
pub async fn prepare_database(settings: &Settings) -> Result<DbPool, SetupError> {
    let url = settings.database_url.expose_secret();
    if settings.create_database && pool::ensure_database(url).await? {
        log::info!("created database at {}", pool::redacted_target(url));
    }
    if settings.auto_migrate {
        let applied = pool::run_migrations(url).await?;
        if !applied.is_empty() {
            log::info!("applied migrations: {}", applied.join(", "));
        }
    }
    pool::build_pool(
        url,
        &pool::PoolOptions {
            max_size: settings.database_pool_size,
            wait_timeout: settings.database_wait_timeout(),
            statement_timeout: settings.database_statement_timeout(),
            role: Some(settings.database_role.clone()).filter(|r| !r.is_empty()),
        },
    )
}

/// The secret access tokens are signed with: `SCRUTINY_JWT_SECRET` when set (production requires
/// it); otherwise one generated at random on the first start and kept in the database, so that
/// restarts and every instance agree and no usable secret is written anywhere in the source.
pub async fn jwt_secret(settings: &Settings, pool: &DbPool) -> Result<SecretString, String> {
    if let Some(secret) = &settings.jwt_secret {
        return Ok(secret.clone());
    }
    if settings.env == crate::settings::Environment::Production {
        return Err("SCRUTINY_JWT_SECRET must be set in production".into());
    }
    let candidate = scrutiny_app::credentials::secrets::generate("jwt");
    let kept = match scrutiny_db::pool::unbound(pool).await {
        Ok(mut conn) => scrutiny_db::queries::server_secrets::get_or_create(
            &mut conn,
            "jwt_signing",
            &candidate,
        )
        .await
        .map_err(|e| format!("cannot read or keep the token signing secret: {e}"))?,
        // The server still starts (and reports not ready) without its database; until it is
        // restarted with the database up, its tokens are signed with a key of its own.
        Err(e) => {
            log::warn!(
                "the database is unreachable ({e}); signing tokens with a key for this process only"
            );
            candidate
        }
    };
    Ok(SecretString::from(kept))
}

pub fn build_state(
    settings: &Settings,
    pool: DbPool,
    jwt_secret: &SecretString,
) -> web::Data<AppState> {
    let dummy =
        passwords::hash("a password nobody has, to keep timing even").expect("argon2 hashes");
    // Kept no longer than an access token lives.
    let principal_ttl = settings
        .principal_cache_secs
        .min(settings.access_token_ttl_secs.max(0) as u64);
    let principals = std::sync::Arc::new(scrutiny_api::auth::cache::PrincipalCache::new(
        std::time::Duration::from_secs(principal_ttl),
        100_000,
    ));
    if principal_ttl > 0 {
        tokio::spawn(scrutiny_api::auth::cache::listen(
            principals.clone(),
            settings.database_url.clone(),
        ));
    }
    web::Data::new(AppState {
        pool,
        principals,
        jwt: JwtKeys::rotating(
            jwt_secret,
            settings.jwt_previous_secret.as_ref(),
            settings.access_token_ttl_secs,
        ),
        refresh_ttl_secs: settings.refresh_token_ttl_secs,
        session_max_secs: settings.session_max_secs,
        throttle: LoginThrottle::new(settings.throttle()),
        expected_migrations: pool::embedded_migration_versions(),
        dummy_password_hash: dummy,
        trust_forwarded_for: settings.trust_forwarded_for,
        attachments: settings.attachments(),
        import_max_bytes: settings.import_max_bytes,
        webhook_policy: settings.jobs.webhook_url_policy(),
        public_url: settings
            .jobs
            .app_public_url
            .trim()
            .trim_end_matches('/')
            .to_owned(),
        open_data_throttle: Default::default(),
        oidc: std::sync::Arc::new(
            scrutiny_net::oidc::RelyingParty::new(
                settings.oidc_allow_http,
                settings.oidc_allow_private,
                std::time::Duration::from_millis(settings.oidc_timeout_ms),
            )
            .expect("the identity providers' HTTP client builds"),
        ),
        issuer_policy: scrutiny_app::identity_providers::IssuerPolicy {
            allow_http: settings.oidc_allow_http,
        },
    })
}

/// Unknown API paths are problems (405 with `Allow` when the path answers other methods);
/// anything else falls back to the single-page app when one is served.
async fn fallback(
    req: HttpRequest,
    index: web::Data<Option<PathBuf>>,
    routes: web::Data<Routes>,
) -> actix_web::Result<HttpResponse> {
    let path = req.path();
    if path.starts_with("/api") || path.starts_with("/health") {
        let allowed = routes.allowed(path);
        if !allowed.is_empty() && !allowed.contains(&req.method().as_str()) {
            return Ok(ApiError::MethodNotAllowed {
                allow: allowed.join(", "),
            }
            .error_response());
        }
    } else {
        if let Some(index) = index.get_ref() {
            let file = actix_files::NamedFile::open_async(index).await?;
            return Ok(file.into_response(&req));
        }
    }
    Ok(scrutiny_api::error::not_found_handler())
}

pub fn run(
    listener: TcpListener,
    state: web::Data<AppState>,
    settings: &Settings,
) -> std::io::Result<Server> {
    let document = scrutiny_api::openapi_document();
    let json_limit = JsonLimit(settings.json_limit_bytes);
    let static_dir = settings
        .static_dir
        .as_ref()
        .map(PathBuf::from)
        .filter(|dir| dir.join("index.html").is_file());
    let index = web::Data::new(static_dir.as_ref().map(|d| d.join("index.html")));
    let routes = web::Data::new(Routes::from_document(&document));
    let mut server = HttpServer::new(move || {
        let (app, _) = App::new()
            .into_utoipa_app()
            .openapi(openapi::ApiDoc::openapi())
            .map(|app| {
                // Innermost, so that it keeps and replays the response before compression.
                app.wrap(from_fn(idempotency::middleware))
                    .wrap(Compress::default())
                    .wrap(from_fn(request_id::middleware))
                    .wrap(from_fn(security_headers::middleware))
                    .wrap(Logger::new(
                        "%a \"%r\" %s %b %Dms request_id=%{x-request-id}o",
                    ))
                    .app_data(state.clone())
                    .app_data(json_limit)
                    .app_data(index.clone())
                    .app_data(routes.clone())
                    .configure(scrutiny_api::extractor_config)
            })
            .configure(scrutiny_api::configure_health)
            .service(utoipa_actix_web::scope("/api/v1").configure(scrutiny_api::configure_v1))
            .split_for_parts();
        let mut app = app
            .service(web::redirect("/api/docs", "/api/docs/"))
            .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", document.clone()));
        if let Some(dir) = &static_dir {
            // The web app's files, for reads of what is not the API's: the API's and health's
            // unknown paths and methods fall through to `fallback` (404, or 405 with `Allow`).
            app = app.service(
                actix_files::Files::new("/", dir)
                    .index_file("index.html")
                    .prefer_utf8(true)
                    .guard(actix_web::guard::fn_guard(|ctx| {
                        let path = ctx.head().uri.path();
                        matches!(
                            ctx.head().method,
                            actix_web::http::Method::GET | actix_web::http::Method::HEAD
                        ) && !path.starts_with("/api")
                            && !path.starts_with("/health")
                    })),
            );
        }
        app.default_service(web::to(fallback))
    })
    .shutdown_timeout(30)
    .listen(listener)?;
    if let Some(workers) = settings.workers {
        server = server.workers(workers);
    }
    Ok(server.run())
}

/// Keeps the sign-in throttle's memory bounded, and forgets idempotency keys older than a day
/// (at start, then hourly).
pub fn spawn_housekeeping(state: web::Data<AppState>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
        let mut minutes: u64 = 0;
        loop {
            tick.tick().await;
            state.throttle.prune();
            state.open_data_throttle.prune();
            if minutes.is_multiple_of(60) {
                match idempotency::purge_expired(&state.pool).await {
                    Ok(0) => {}
                    Ok(n) => log::info!("forgot {n} expired idempotency keys"),
                    Err(e) => log::warn!("cannot purge expired idempotency keys: {e}"),
                }
            }
            minutes += 1;
        }
    });
}
