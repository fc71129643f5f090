//! Server entry: configuration -> database -> router -> serve. Thin on purpose.

#[cfg(feature = "ssr")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    use coop_manau::server::{
        build_state,
        config::Config,
        router::router,
        serve::{ConnectionLimits, serve},
    };
    use std::process::ExitCode;

    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("configuration: {error}");
            return ExitCode::from(2);
        }
    };
    init_tracing(config.log_json);
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.is_empty() {
        return run_command(config, &args).await;
    }
    let addr = config.site_addr;
    let public_url = config.public_url.clone();
    let state = match build_state(config).await {
        Ok(state) => state,
        Err(error) => {
            tracing::error!(%error, "start-up failed");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(error) => {
            tracing::error!(%error, %addr, "cannot listen");
            return ExitCode::FAILURE;
        }
    };
    let limits = ConnectionLimits::for_this_process(state.config.trust_proxy);
    tracing::info!(%addr, url = %public_url, max_connections = limits.max_connections, "Coop'Manau is listening");
    coop_manau::accounts::session::spawn_purge(state.clone());
    serve(listener, router(state), limits, shutdown_signal()).await;
    tracing::info!("stopped");
    ExitCode::SUCCESS
}

/// `coop-manau admin create --email E --first-name F --last-name L`: the first admin.
#[cfg(feature = "ssr")]
async fn run_command(
    config: coop_manau::server::config::Config,
    args: &[String],
) -> std::process::ExitCode {
    use std::process::ExitCode;
    let usage =
        "usage: coop-manau [admin create --email EMAIL --first-name FIRST --last-name LAST]";
    let option = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    if args.get(..2) != Some(&["admin".to_owned(), "create".to_owned()]) {
        eprintln!("{usage}");
        return ExitCode::from(2);
    }
    let (Some(email), Some(first), Some(last)) = (
        option("--email"),
        option("--first-name"),
        option("--last-name"),
    ) else {
        eprintln!("{usage}");
        return ExitCode::from(2);
    };
    let state = match coop_manau::server::build_state(config).await {
        Ok(state) => state,
        Err(error) => {
            eprintln!("database: {error}");
            return ExitCode::FAILURE;
        }
    };
    match coop_manau::accounts::service::create_admin(&state, &email, &first, &last).await {
        Ok(password) => {
            println!("Admin account created for {email}.");
            println!("One-time password: {password}");
            println!(
                "Sign in at {}/connexion and choose your own password in \"Mon compte\".",
                state.config.public_url
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("could not create the admin: {error:?}");
            ExitCode::FAILURE
        }
    }
}

/// Ctrl-C or SIGTERM: stop accepting, finish the requests in flight, then exit.
#[cfg(feature = "ssr")]
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

#[cfg(feature = "ssr")]
fn init_tracing(json: bool) {
    use tracing_subscriber::{EnvFilter, fmt};
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    if json {
        fmt().with_env_filter(filter).json().init();
    } else {
        fmt().with_env_filter(filter).init();
    }
}

/// The browser build has no binary: its entry point is `hydrate()` in lib.rs.
#[cfg(not(feature = "ssr"))]
fn main() {}
