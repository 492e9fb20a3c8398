use super::{CreateUser, User};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::openapi::CreateErrors;
use crate::respond::with_etag;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use scrutiny_app::users as uc;
use scrutiny_app::Ctx;

/// Create a user.
#[utoipa::path(
    tag = "users",
    request_body = CreateUser,
    responses((status = 201, description = "Created", body = User), CreateErrors),
    security(("bearer" = []))
)]
#[post("/users")]
pub async fn create_user(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    body: ValidJson<CreateUser>,
) -> Result<HttpResponse, ApiError> {
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let created = uc::create(&mut ctx, body.into_inner().into()).await?;
    Ok(with_etag(
        HttpResponse::Created(),
        created.version,
        &created,
    ))
}
