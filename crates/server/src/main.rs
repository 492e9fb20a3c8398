//! `scrutiny`: serve the API, migrate, create the first admin, load demo data, print the OpenAPI document.
use clap::{Parser, Subcommand};
use scrutiny_server::settings::{Environment, Settings};
use scrutiny_server::{accounts, jobs, logging, startup};
use secrecy::ExposeSecret;
use std::io::BufRead;
use std::net::TcpListener;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "scrutiny",
    version,
    about = "The scrutiny recommendation tracker"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API (and the built frontend). The default.
    Serve,
    /// Create the database if needed and apply migrations, then exit.
    Migrate,
    /// Create the first admin. The password is read from SCRUTINY_ADMIN_PASSWORD or standard input.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// The council the admin belongs to (created when missing).
        #[arg(long)]
        council: String,
    },
    /// Create a deployment operator: an admin outside any council, who manages councils and every
    /// council's accounts. The password is read from SCRUTINY_ADMIN_PASSWORD or standard input.
    CreateOperator {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
    /// Load the demo data set (idempotent). Refused in production.
    Demo,
    /// Print the OpenAPI document this build serves.
    Openapi,
    /// Background jobs: reminders, chasers, digests and the email outbox.
    Jobs {
        #[command(subcommand)]
        command: JobsCommand,
    },
}

#[derive(Subcommand)]
enum JobsCommand {
    /// Run the reminder scheduler, every due job and every due email once, then exit.
    RunOnce,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Command::Openapi) = cli.command {
        print!("{}", scrutiny_api::openapi_json());
        return ExitCode::SUCCESS;
    }
    logging::init();
    let settings = match Settings::load() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings).await,
        Command::Migrate => startup::prepare_database(&settings)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Command::CreateAdmin {
            email,
            name,
            council,
        } => create_admin(&settings, &email, &name, Some(&council)).await,
        Command::CreateOperator { email, name } => {
            create_admin(&settings, &email, &name, None).await
        }
        Command::Demo => demo(&settings).await,
        Command::Openapi => Ok(()),
        Command::Jobs {
            command: JobsCommand::RunOnce,
        } => jobs_run_once(&settings).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            log::error!("{message}");
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(settings: Settings) -> Result<(), String> {
    let pool = startup::prepare_database(&settings)
        .await
        .map_err(|e| e.to_string())?;
    bootstrap_admin(&settings, &pool).await?;
    let jwt_secret = startup::jwt_secret(&settings, &pool).await?;
    if settings.jwt_secret.is_none() {
        log::info!(
            "signing tokens with the secret generated for this database; set SCRUTINY_JWT_SECRET to choose one"
        );
    }
    let state = startup::build_state(&settings, pool, &jwt_secret);
    let listener = TcpListener::bind(&settings.bind)
        .map_err(|e| format!("cannot listen on {}: {e}", settings.bind))?;
    log::info!(
        "listening on http://{}",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    startup::spawn_housekeeping(state.clone());
    let worker = jobs::start(&settings, state.pool.clone())?;
    let served = startup::run(listener, state, &settings)
        .map_err(|e| e.to_string())?
        .await
        .map_err(|e| e.to_string());
    // The HTTP server has stopped (SIGINT/SIGTERM): let the current job or email finish.
    if let Some(worker) = worker {
        worker.stop(jobs::STOP_GRACE).await;
    }
    served
}

async fn jobs_run_once(settings: &Settings) -> Result<(), String> {
    let pool = startup::prepare_database(settings)
        .await
        .map_err(|e| e.to_string())?;
    let report = jobs::run_once(settings, pool).await?;
    println!(
        "jobs run: {} done, {} failed; emails: {} queued, {} sent, {} failed attempts",
        report.jobs_done,
        report.jobs_failed,
        report.emails_queued,
        report.emails_sent,
        report.emails_failed
    );
    Ok(())
}

/// The one-time first admin from the environment, when no admin exists yet.
async fn bootstrap_admin(settings: &Settings, pool: &scrutiny_db::DbPool) -> Result<(), String> {
    let (Some(email), Some(password)) = (
        &settings.bootstrap_admin_email,
        &settings.bootstrap_admin_password,
    ) else {
        return Ok(());
    };
    let mut conn = scrutiny_db::pool::unbound(pool)
        .await
        .map_err(|e| e.to_string())?;
    if scrutiny_db::queries::users::count_admins(&mut conn, None)
        .await
        .map_err(|e| e.to_string())?
        > 0
    {
        return Ok(());
    }
    let name = settings
        .bootstrap_admin_name
        .as_deref()
        .unwrap_or("Administrator");
    let council = settings
        .bootstrap_organisation
        .as_deref()
        .unwrap_or("Council");
    accounts::create_admin(&mut conn, email, name, password.expose_secret(), council)
        .await
        .map_err(|e| e.to_string())?;
    log::info!("created the first admin {email}; remove SCRUTINY_BOOTSTRAP_ADMIN_PASSWORD from the environment");
    Ok(())
}

/// Creates a council's admin (`council`), or a deployment operator (no council).
async fn create_admin(
    settings: &Settings,
    email: &str,
    name: &str,
    council: Option<&str>,
) -> Result<(), String> {
    let password = match std::env::var("SCRUTINY_ADMIN_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            eprintln!("password for {email} (at least 12 characters), then Enter:");
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| e.to_string())?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let pool = startup::prepare_database(settings)
        .await
        .map_err(|e| e.to_string())?;
    let mut conn = scrutiny_db::pool::unbound(&pool)
        .await
        .map_err(|e| e.to_string())?;
    let (user, created) = match council {
        Some(council) => accounts::create_admin(&mut conn, email, name, &password, council).await,
        None => accounts::create_operator(&mut conn, email, name, &password).await,
    }
    .map_err(|e| e.to_string())?;
    let what = if council.is_some() {
        "admin"
    } else {
        "operator"
    };
    if created {
        println!("created {what} {} ({})", user.email, user.id);
    } else {
        println!("{} already exists; nothing changed", user.email);
    }
    Ok(())
}

async fn demo(settings: &Settings) -> Result<(), String> {
    if settings.env == Environment::Production {
        return Err("demo data is not loaded in production".into());
    }
    let pool = startup::prepare_database(settings)
        .await
        .map_err(|e| e.to_string())?;
    let mut conn = scrutiny_db::pool::unbound(&pool)
        .await
        .map_err(|e| e.to_string())?;
    let created = accounts::load_demo(&mut conn)
        .await
        .map_err(|e| e.to_string())?;
    let loaded = scrutiny_server::demo_progress::load_progress(
        &mut conn,
        &scrutiny_server::demo::police_communications(),
    )
    .await
    .map_err(|e| e.to_string())?;
    if loaded {
        println!("demo progress loaded: the November 2022 round, accepted, and the next round");
    }
    println!(
        "demo data loaded ({created} new accounts); every demo account's password is {}",
        accounts::DEMO_PASSWORD
    );
    Ok(())
}
