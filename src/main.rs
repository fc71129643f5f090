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
    // Shared by every server on this database; `coop-manau restore` needs it alone.
    let _running = match coop_manau::server::backup::database_file(&config.database_url)
        .map_err(|e| e.to_string())
        .and_then(|file| {
            coop_manau::server::backup::hold_running_lock(&file).map_err(|e| e.to_string())
        }) {
        Ok(lock) => lock,
        Err(error) => {
            tracing::error!(%error, "cannot lock the database");
            return ExitCode::FAILURE;
        }
    };
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
    coop_manau::privacy::retention::spawn_daily(state.clone());
    coop_manau::server::backup::spawn_daily(state.clone());
    coop_manau::quotes::service::spawn_expiry(state.clone());
    serve(listener, router(state), limits, shutdown_signal()).await;
    tracing::info!("stopped");
    ExitCode::SUCCESS
}

const USAGE: &str = "usage:
  coop-manau                          serve (the configuration comes from the environment)
  coop-manau admin create --email EMAIL --first-name FIRST --last-name LAST
  coop-manau backup --to DIR [--keep N]   copy the database into DIR, checked
  coop-manau restore FILE                 put a backup back (the server must be stopped)
  coop-manau purge                        apply the retention periods now
  coop-manau check                        say whether the installation is right
  coop-manau history --years N [--scale large]   add N years of generated history (demo, benchmark)";

/// The commands beside serving: the first admin, backups, the purge, the check.
#[cfg(feature = "ssr")]
async fn run_command(
    config: coop_manau::server::config::Config,
    args: &[String],
) -> std::process::ExitCode {
    use coop_manau::server::{backup, build_state, check};
    use std::process::ExitCode;
    let option = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let usage = || {
        eprintln!("{USAGE}");
        ExitCode::from(2)
    };
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["check"] => {
            let findings = check::run(&config).await;
            for finding in &findings {
                println!("{}", finding.line());
            }
            if findings
                .iter()
                .any(|f| matches!(f, check::Finding::Problem(_)))
            {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        ["restore", from] => {
            match backup::restore(std::path::Path::new(from), &config.database_url).await {
                Ok(restored) => {
                    println!("Restored {from} (schema {}).", restored.schema);
                    if let Some(aside) = restored.set_aside {
                        println!(
                            "The database that was in place is kept as {}.",
                            aside.display()
                        );
                    }
                    println!("Start the server: pending migrations run at start.");
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("restore refused: {error}");
                    ExitCode::FAILURE
                }
            }
        }
        ["backup", ..] | ["purge"] | ["admin", "create", ..] | ["history", ..] => {
            let keep = match option("--keep").map(|k| k.parse::<usize>()) {
                None => config.backup_keep,
                Some(Ok(keep)) => keep,
                Some(Err(_)) => return usage(),
            };
            let state = match build_state(config).await {
                Ok(state) => state,
                Err(error) => {
                    eprintln!("database: {error}");
                    return ExitCode::FAILURE;
                }
            };
            match words[0] {
                "backup" => {
                    let Some(dir) = option("--to") else {
                        return usage();
                    };
                    match backup::backup(&state.db, std::path::Path::new(&dir), keep).await {
                        Ok(path) => {
                            println!("Backup made and checked: {}", path.display());
                            ExitCode::SUCCESS
                        }
                        Err(error) => {
                            eprintln!("backup failed: {error}");
                            ExitCode::FAILURE
                        }
                    }
                }
                "history" => {
                    use coop_manau::server::history::{Scale, generate};
                    let Some(Ok(years)) = option("--years").map(|y| y.parse::<i64>()) else {
                        return usage();
                    };
                    let scale = match option("--scale").as_deref() {
                        None | Some("demo") => Scale::demo(years),
                        Some("large") => Scale::large(years),
                        Some(_) => return usage(),
                    };
                    let started = std::time::Instant::now();
                    let result = async {
                        let mut tx = state.db.begin_write().await?;
                        generate(&mut tx, scale, coop_manau::server::now()).await?;
                        tx.commit().await
                    };
                    match result.await {
                        Ok(()) => {
                            println!(
                                "History added ({scale:?}) in {:.1} s.",
                                started.elapsed().as_secs_f64()
                            );
                            ExitCode::SUCCESS
                        }
                        Err(error) => {
                            eprintln!("history failed: {error}");
                            ExitCode::FAILURE
                        }
                    }
                }
                "purge" => {
                    let now = coop_manau::server::now();
                    match coop_manau::privacy::retention::purge(
                        &state.db,
                        &state.config.retention,
                        now,
                    )
                    .await
                    {
                        Ok(purged) => {
                            println!("Purged: {purged:?}");
                            ExitCode::SUCCESS
                        }
                        Err(error) => {
                            eprintln!("purge failed: {error}");
                            ExitCode::FAILURE
                        }
                    }
                }
                _ => {
                    create_admin(
                        &state,
                        option("--email"),
                        option("--first-name"),
                        option("--last-name"),
                    )
                    .await
                }
            }
        }
        _ => usage(),
    }
}

/// `coop-manau admin create --email E --first-name F --last-name L`: the first admin.
#[cfg(feature = "ssr")]
async fn create_admin(
    state: &coop_manau::server::AppState,
    email: Option<String>,
    first: Option<String>,
    last: Option<String>,
) -> std::process::ExitCode {
    use std::process::ExitCode;
    let (Some(email), Some(first), Some(last)) = (email, first, last) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match coop_manau::accounts::service::create_admin(state, &email, &first, &last).await {
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
