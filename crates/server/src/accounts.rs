//! Accounts made from the command line or at start-up: the first admin, and the demo data set.
//! The organisations and accounts are set up by the system (each audited with the system as its
//! actor); the demo's records are then made by the demo users themselves (see [`crate::demo`]).
use diesel_async::{AnsiTransactionManager, TransactionManager};
use scrutiny_app::audit;
use scrutiny_app::credentials::passwords;
use scrutiny_db::models::{NewOrganisation, NewUser, Organisation, User};
use scrutiny_db::queries::{audit as audit_q, organisations, users};
use scrutiny_db::{AsyncConnection, AsyncPgConnection, DbError};
use scrutiny_domain::people::{
    role_fits_organisation, Email, Name, NewPassword, OrganisationKind, Role,
};
use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error("database: {0}")]
    Db(#[from] DbError),
    #[error("password hashing failed: {0}")]
    Hash(String),
    /// A use case refused a step of the demo data (see [`crate::demo`]).
    #[error("{0}")]
    App(#[from] scrutiny_app::AppError),
}

fn invalid(field: &'static str, message: impl ToString) -> AccountError {
    AccountError::Invalid {
        field,
        message: message.to_string(),
    }
}

/// Finds an organisation by name (any case), creating it when missing.
pub async fn ensure_organisation(
    conn: &mut AsyncPgConnection,
    name: &str,
    kind: OrganisationKind,
    responsible_authority: bool,
) -> Result<Organisation, AccountError> {
    let name = Name::parse(name).map_err(|e| invalid("organisation", e))?;
    if let Some(existing) = organisations::find_by_name(conn, name.as_str()).await? {
        return Ok(existing);
    }
    let org = organisations::insert(
        conn,
        &NewOrganisation {
            id: Uuid::now_v7(),
            name: name.as_str(),
            kind: kind.as_str(),
            responsible_authority,
        },
    )
    .await?;
    audit_q::record(
        conn,
        &audit::event_by(
            "system",
            None,
            "system",
            "organisation.created",
            "organisation",
            org.id,
            Some(serde_json::json!({"name": org.name, "kind": org.kind})),
        ),
    )
    .await?;
    Ok(org)
}

/// Who manages an account made from the command line.
#[derive(Debug, Clone, Copy)]
pub enum ManagedBy {
    /// This council's admins.
    Council(Uuid),
    /// The deployment's operators only: the account is an operator's own.
    Operators,
}

/// Finds a user by email, creating them when missing. An existing user is left as they are.
pub async fn ensure_user(
    conn: &mut AsyncPgConnection,
    email: &str,
    name: &str,
    role: Role,
    organisation: &Organisation,
    password: &str,
    managed_by: ManagedBy,
) -> Result<(User, bool), AccountError> {
    let email = Email::parse(email).map_err(|e| invalid("email", e))?;
    let name = Name::parse(name).map_err(|e| invalid("name", e))?;
    let password = NewPassword::parse(password).map_err(|e| invalid("password", e))?;
    let kind: OrganisationKind = organisation
        .kind
        .parse()
        .map_err(|e| invalid("organisation", e))?;
    // An operator is an admin outside any council: the one account the role rules do not fit.
    if let ManagedBy::Council(_) = managed_by {
        role_fits_organisation(role, kind).map_err(|m| invalid("role", m))?;
    }
    if let Some(existing) = users::find_by_email(conn, email.as_str()).await? {
        return Ok((existing, false));
    }
    let hash = tokio::task::spawn_blocking(move || passwords::hash(password.expose()))
        .await
        .map_err(|e| AccountError::Hash(e.to_string()))?
        .map_err(|e| AccountError::Hash(e.to_string()))?;
    let user = users::insert(
        conn,
        &NewUser {
            id: Uuid::now_v7(),
            email: email.as_str(),
            name: name.as_str(),
            role: role.as_str(),
            organisation_id: organisation.id,
            council_id: match managed_by {
                ManagedBy::Council(council) => Some(council),
                ManagedBy::Operators => None,
            },
            password_hash: &hash,
        },
    )
    .await?;
    audit_q::record(
        conn,
        &audit::event_by(
            "system",
            None,
            "system",
            "user.created",
            "user",
            user.id,
            Some(serde_json::json!({"email": user.email, "name": user.name, "role": user.role})),
        ),
    )
    .await?;
    Ok((user, true))
}

/// Creates the first admin (and their council) in one transaction.
pub async fn create_admin(
    conn: &mut AsyncPgConnection,
    email: &str,
    name: &str,
    password: &str,
    council: &str,
) -> Result<(User, bool), AccountError> {
    let (email, name, password, council) = (
        email.to_owned(),
        name.to_owned(),
        password.to_owned(),
        council.to_owned(),
    );
    conn.transaction::<_, AccountError, _>(async move |conn| {
        let org = ensure_organisation(conn, &council, OrganisationKind::Council, true).await?;
        ensure_user(
            conn,
            &email,
            &name,
            Role::Admin,
            &org,
            &password,
            ManagedBy::Council(org.id),
        )
        .await
    })
    .await
}

/// The name of the organisation the deployment's operators belong to (made with the first one).
pub const OPERATORS: &str = "Service operators";

/// Creates a deployment operator: an admin outside any council, who manages councils and every
/// council's accounts. Only this command makes one; the API never makes an admin outside a council.
pub async fn create_operator(
    conn: &mut AsyncPgConnection,
    email: &str,
    name: &str,
    password: &str,
) -> Result<(User, bool), AccountError> {
    let (email, name, password) = (email.to_owned(), name.to_owned(), password.to_owned());
    conn.transaction::<_, AccountError, _>(async move |conn| {
        let org = ensure_organisation(conn, OPERATORS, OrganisationKind::Other, false).await?;
        if org.kind != OrganisationKind::Other.as_str() {
            return Err(invalid(
                "organisation",
                format!("\"{OPERATORS}\" exists and is not of kind other"),
            ));
        }
        ensure_user(
            conn,
            &email,
            &name,
            Role::Admin,
            &org,
            &password,
            ManagedBy::Operators,
        )
        .await
    })
    .await
}

/// The demo accounts listed in the README.
pub const DEMO_PASSWORD: &str = "demo-password-2026";
pub const DEMO_COUNCIL: &str = "Stockton-on-Tees Borough Council";
pub const DEMO_POLICE: &str = "Cleveland Police";
/// The council's scrutiny officer: records the review and runs its monitoring.
pub const DEMO_OFFICER: &str = "officer@stockton.example";
/// The police's contributor: writes the police's progress entries.
pub const DEMO_CONTRIBUTOR: &str = "contributor@cleveland-police.example";

pub struct DemoAccount {
    pub email: &'static str,
    pub name: &'static str,
    pub role: Role,
    pub council: bool,
}

pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        email: "admin@stockton.example",
        name: "Demo Admin",
        role: Role::Admin,
        council: true,
    },
    DemoAccount {
        email: DEMO_OFFICER,
        name: "Marc Stephenson",
        role: Role::Officer,
        council: true,
    },
    DemoAccount {
        email: "councillor@stockton.example",
        name: "Demo Councillor",
        role: Role::Viewer,
        council: true,
    },
    DemoAccount {
        email: DEMO_CONTRIBUTOR,
        name: "Demo Police Contributor",
        role: Role::Contributor,
        council: false,
    },
];

/// Runs `f` in a transaction on `conn` (in a savepoint when one is open already): committed when
/// it returns `Ok`, rolled back when it returns `Err`. Unlike `AsyncConnection::transaction` it
/// does not ask `f`'s future to be `Send`, so that it can run the use cases (whose own
/// transactions, `scrutiny_app::Ctx::tx`, then become savepoints of it).
pub async fn in_transaction<R>(
    conn: &mut AsyncPgConnection,
    f: impl AsyncFnOnce(&mut AsyncPgConnection) -> Result<R, AccountError>,
) -> Result<R, AccountError> {
    AnsiTransactionManager::begin_transaction(conn).await?;
    match f(conn).await {
        Ok(value) => {
            AnsiTransactionManager::commit_transaction(conn).await?;
            Ok(value)
        }
        Err(e) => {
            if let Err(rollback) = AnsiTransactionManager::rollback_transaction(conn).await {
                log::warn!("rollback failed after {e}: {rollback}");
            }
            Err(e)
        }
    }
}

/// Loads the demo data set (the accounts, then the review as far as its agreed action plan, see
/// [`crate::demo::load_review`]) in one transaction; running it again changes nothing.
pub async fn load_demo(conn: &mut AsyncPgConnection) -> Result<usize, AccountError> {
    in_transaction(conn, async |conn| {
        let council =
            ensure_organisation(conn, DEMO_COUNCIL, OrganisationKind::Council, true).await?;
        let police = ensure_organisation(conn, DEMO_POLICE, OrganisationKind::Police, true).await?;
        let mut created = 0;
        for account in DEMO_ACCOUNTS {
            let org = if account.council { &council } else { &police };
            let (_, new) = ensure_user(
                conn,
                account.email,
                account.name,
                account.role,
                org,
                DEMO_PASSWORD,
                ManagedBy::Council(council.id),
            )
            .await?;
            created += usize::from(new);
        }
        crate::demo::load_review(conn, &crate::demo::police_communications()).await?;
        Ok(created)
    })
    .await
}
