//! `coop-manau check`: whether the configuration, the database, the backup folder and the public
//! address are right, said in plain words, one line each. Exit status 1 when something is wrong.

use super::{backup, config::Config};
use std::{path::Path, time::Duration};

/// One finding: fine, worth a look, or wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    Ok(String),
    Warning(String),
    Problem(String),
}

impl Finding {
    pub fn line(&self) -> String {
        match self {
            Finding::Ok(text) => format!("ok       {text}"),
            Finding::Warning(text) => format!("warning  {text}"),
            Finding::Problem(text) => format!("PROBLEM  {text}"),
        }
    }
}

pub async fn run(config: &Config) -> Vec<Finding> {
    let mut findings = configuration(config);
    findings.extend(database(config).await);
    findings.extend(backups(config));
    findings.extend(site_files(&config.site_root));
    findings.extend(public_address(config).await);
    findings
}

fn configuration(config: &Config) -> Vec<Finding> {
    let mut findings = vec![Finding::Ok(
        "the configuration reads (every variable has a valid value)".into(),
    )];
    let local = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
        .iter()
        .any(|prefix| config.public_url.starts_with(prefix));
    if !config.is_https() && !local {
        findings.push(Finding::Problem(format!(
            "PUBLIC_URL is {}: people would send passwords unencrypted; use https://",
            config.public_url
        )));
    }
    if config.is_https() && config.demo {
        findings.push(Finding::Warning(
            "DEMO is on for a public address: a new database would get demo accounts with known passwords".into(),
        ));
    }
    if config.is_https() && !config.trust_proxy {
        findings.push(Finding::Warning(
            "TRUST_PROXY is off: behind Caddy or nginx every visitor would share one address for the limits".into(),
        ));
    }
    findings
}

async fn database(config: &Config) -> Vec<Finding> {
    let file = match backup::database_file(&config.database_url) {
        Ok(file) => file,
        Err(error) => return vec![Finding::Problem(error.to_string())],
    };
    if !file.exists() {
        let parent = file.parent().unwrap_or(Path::new("."));
        return vec![if writable(parent) {
            Finding::Ok(format!(
                "no database yet at {}: it is created at the first start",
                file.display()
            ))
        } else {
            Finding::Problem(format!(
                "the database folder {} cannot be written: the app could not create its database",
                parent.display()
            ))
        }];
    }
    let mut findings = Vec::new();
    match backup::check_copy(&file).await {
        Ok(schema) if schema > backup::known_schema() => findings.push(Finding::Problem(format!(
            "the database {} was made by a newer version of the app (schema {schema}): this version cannot open it",
            file.display()
        ))),
        Ok(schema) => findings.push(Finding::Ok(format!(
            "the database {} is whole (schema {schema}{})",
            file.display(),
            if schema < backup::known_schema() {
                ", updated at the next start"
            } else {
                ", up to date"
            }
        ))),
        Err(error) => findings.push(Finding::Problem(format!("the database {}: {error}", file.display()))),
    }
    let parent = file.parent().unwrap_or(Path::new("."));
    if !writable(parent) {
        findings.push(Finding::Problem(format!(
            "the database folder {} cannot be written (SQLite writes its journal beside the file)",
            parent.display()
        )));
    }
    findings
}

fn backups(config: &Config) -> Vec<Finding> {
    let Some(dir) = &config.backup_dir else {
        return vec![Finding::Warning(
            "BACKUP_DIR is not set: the server makes no daily backup (unless a timer runs `coop-manau backup`)".into(),
        )];
    };
    if std::fs::create_dir_all(dir).is_err() || !writable(dir) {
        return vec![Finding::Problem(format!(
            "the backup folder {} cannot be written",
            dir.display()
        ))];
    }
    match backup::list(dir)
        .ok()
        .and_then(|copies| copies.into_iter().next())
    {
        None => vec![Finding::Warning(format!(
            "no backup in {} yet (the server makes one within the hour after it starts)",
            dir.display()
        ))],
        Some((path, modified)) => {
            let hours = modified.elapsed().unwrap_or_default().as_secs() / 3600;
            if hours > 26 {
                vec![Finding::Problem(format!(
                    "the newest backup, {}, is {hours} hours old: backups have stopped",
                    path.display()
                ))]
            } else {
                vec![Finding::Ok(format!(
                    "the newest backup, {}, is {hours} hours old",
                    path.display()
                ))]
            }
        }
    }
}

fn site_files(site_root: &Path) -> Vec<Finding> {
    let pkg = site_root.join("pkg");
    let built = std::fs::read_dir(&pkg)
        .map(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().ends_with(".wasm"))
        })
        .unwrap_or(false);
    vec![if built {
        Finding::Ok(format!("the site's files are in {}", site_root.display()))
    } else {
        Finding::Problem(format!(
            "no built site in {} (SITE_ROOT): pages would come without style or islands",
            site_root.display()
        ))
    }]
}

async fn public_address(config: &Config) -> Vec<Finding> {
    let rest = config
        .public_url
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    let authority = rest.split('/').next().unwrap_or_default();
    let default_port = if config.is_https() { 443 } else { 80 };
    let address = if authority
        .rsplit_once(':')
        .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
    {
        authority.to_owned()
    } else {
        format!("{authority}:{default_port}")
    };
    let reach = tokio::time::timeout(
        Duration::from_secs(5),
        tokio::net::TcpStream::connect(&address),
    )
    .await;
    vec![match reach {
        Ok(Ok(_)) => Finding::Ok(format!("{} answers", config.public_url)),
        Ok(Err(error)) => Finding::Problem(format!(
            "{} cannot be reached ({error}): check the DNS name, the proxy and the firewall",
            config.public_url
        )),
        Err(_) => Finding::Problem(format!(
            "{} does not answer within 5 seconds: check the proxy and the firewall",
            config.public_url
        )),
    }]
}

fn writable(dir: &Path) -> bool {
    let probe = dir.join(format!(".coop-manau-check-{}", std::process::id()));
    let ok = std::fs::write(&probe, b"").is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}
