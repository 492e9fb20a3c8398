//! Liveness (the process answers) and readiness (the database answers and is migrated).
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    pub status: HealthStatus,
}

/// The 200's word: `ok` from liveness, `ready` from readiness (not ready is a 503 problem).
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HealthStatus {
    Ok,
    Ready,
}

/// The process is up.
#[utoipa::path(tag = "health", responses((status = 200, description = "Alive", body = Health)))]
#[get("/health/live")]
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(Health {
        status: HealthStatus::Ok,
    })
}

/// The database is reachable and every migration this build expects has been applied.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, description = "Ready", body = Health),
        (status = 503, description = "Not ready", body = crate::error::Problem, content_type = "application/problem+json")
    )
)]
#[get("/health/ready")]
pub async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let mut conn = scrutiny_db::pool::unbound(&state.pool).await?;
    let missing = scrutiny_db::pool::missing_migrations(&mut conn, &state.expected_migrations)
        .await
        .map_err(|e| ApiError::Unavailable(format!("cannot read migrations: {e}")))?;
    if !missing.is_empty() {
        return Err(ApiError::Unavailable(format!(
            "migrations not applied: {}",
            missing.join(", ")
        )));
    }
    Ok(HttpResponse::Ok().json(Health {
        status: HealthStatus::Ready,
    }))
}
