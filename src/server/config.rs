//! Configuration from environment variables, with defaults that run the demo on a laptop.
//! Every variable is documented in the README.

use std::{net::SocketAddr, path::PathBuf};

#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`: a SQLite file (created when missing).
    pub database_url: String,
    /// `SITE_ADDR`: where the server listens.
    pub site_addr: SocketAddr,
    /// `PUBLIC_URL`: the address people use; decides the `Secure` cookie flag and the allowed
    /// `Origin` of form posts.
    pub public_url: String,
    /// `DEMO`: seed the demo data into a new database (on for `make run`, off in production).
    pub demo: bool,
    /// `DEMO_HISTORY_YEARS`: with `DEMO`, also a generated history of this many years
    /// (src/server/history.rs; `make run` asks for 2), so the key figures are alive.
    pub demo_history_years: i64,
    /// `SITE_ROOT`: the folder cargo-leptos built the static site into.
    pub site_root: PathBuf,
    /// `MAX_BODY_BYTES`: request bodies beyond this size are refused with 413.
    pub max_body_bytes: usize,
    /// `MAX_UPLOAD_BYTES`: the bound for forms that carry photos (5 photos of 8 MB, and text).
    pub max_upload_bytes: usize,
    /// `BODY_IDLE_SECS`: the longest a client may pause while sending a request body (408 after).
    pub body_idle: std::time::Duration,
    /// `DB_READERS`: connections in the read pool (writes always go through one connection).
    pub db_readers: u32,
    /// `TRUST_PROXY`: behind a reverse proxy, take the client's address from `X-Forwarded-For`.
    pub trust_proxy: bool,
    /// `LOG_FORMAT`: `json` for machines, anything else for people.
    pub log_json: bool,
    /// `BACKUP_DIR`: when set, the server copies the database there once a day (src/server/backup.rs).
    pub backup_dir: Option<PathBuf>,
    /// `BACKUP_KEEP`: how many copies to keep (copies older than 30 days go anyway).
    pub backup_keep: usize,
    /// `RETENTION_*_DAYS`: how long personal data is kept (src/privacy/retention.rs).
    pub retention: crate::privacy::Retention,
}

/// Every environment variable the app reads (deploy/coop-manau.env documents each one).
pub const VARIABLES: &[&str] = &[
    "DATABASE_URL",
    "SITE_ADDR",
    "PUBLIC_URL",
    "DEMO",
    "DEMO_HISTORY_YEARS",
    "SITE_ROOT",
    "MAX_BODY_BYTES",
    "MAX_UPLOAD_BYTES",
    "BODY_IDLE_SECS",
    "DB_READERS",
    "TRUST_PROXY",
    "LOG_FORMAT",
    "BACKUP_DIR",
    "BACKUP_KEEP",
    "RETENTION_PUBLIC_DAYS",
    "RETENTION_PHOTO_DAYS",
    "RETENTION_ACCOUNT_DAYS",
    "RETENTION_SESSION_DAYS",
    "RETENTION_COMPANY_DAYS",
];

#[derive(Debug, thiserror::Error)]
#[error("invalid value for {name}: {value:?} ({reason})")]
pub struct ConfigError {
    name: &'static str,
    value: String,
    reason: String,
}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `lookup`, so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        fn parse<T: std::str::FromStr>(
            lookup: &impl Fn(&str) -> Option<String>,
            name: &'static str,
            default: &str,
        ) -> Result<T, ConfigError>
        where
            T::Err: std::fmt::Display,
        {
            let value = lookup(name).unwrap_or_else(|| default.to_owned());
            value.trim().parse().map_err(|e: T::Err| ConfigError {
                name,
                value: value.clone(),
                reason: e.to_string(),
            })
        }
        let site_addr: SocketAddr = parse(&lookup, "SITE_ADDR", "127.0.0.1:3000")?;
        let public_url = lookup("PUBLIC_URL").unwrap_or_else(|| format!("http://{site_addr}"));
        let public_url = public_url.trim_end_matches('/').to_owned();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(ConfigError {
                name: "PUBLIC_URL",
                value: public_url,
                reason: "must start with http:// or https://".into(),
            });
        }
        let flag = |name: &'static str| match lookup(name).as_deref().map(str::trim) {
            None | Some("" | "0" | "false" | "no" | "off") => Ok(false),
            Some("1" | "true" | "yes" | "on") => Ok(true),
            Some(other) => Err(ConfigError {
                name,
                value: other.into(),
                reason: "expected true or false".into(),
            }),
        };
        let demo = flag("DEMO")?;
        let trust_proxy = flag("TRUST_PROXY")?;
        Ok(Config {
            database_url: lookup("DATABASE_URL")
                .unwrap_or_else(|| "sqlite://data/coop-manau.db".into()),
            site_addr,
            public_url,
            demo,
            demo_history_years: parse(&lookup, "DEMO_HISTORY_YEARS", "0")?,
            site_root: lookup("SITE_ROOT")
                .unwrap_or_else(|| "target/site".into())
                .into(),
            max_body_bytes: parse(&lookup, "MAX_BODY_BYTES", "1048576")?,
            max_upload_bytes: parse(&lookup, "MAX_UPLOAD_BYTES", "42991616")?,
            body_idle: std::time::Duration::from_secs(parse(&lookup, "BODY_IDLE_SECS", "15")?),
            db_readers: parse(&lookup, "DB_READERS", "4")?,
            trust_proxy,
            log_json: lookup("LOG_FORMAT").is_some_and(|f| f == "json"),
            backup_dir: lookup("BACKUP_DIR")
                .map(|dir| dir.trim().to_owned())
                .filter(|dir| !dir.is_empty())
                .map(PathBuf::from),
            backup_keep: parse(&lookup, "BACKUP_KEEP", "30")?,
            retention: crate::privacy::Retention {
                public_days: parse(&lookup, "RETENTION_PUBLIC_DAYS", "365")?,
                photo_days: parse(&lookup, "RETENTION_PHOTO_DAYS", "90")?,
                account_days: parse(&lookup, "RETENTION_ACCOUNT_DAYS", "730")?,
                session_days: parse(&lookup, "RETENTION_SESSION_DAYS", "7")?,
                company_days: parse(&lookup, "RETENTION_COMPANY_DAYS", "1095")?,
            },
        })
    }

    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::from_lookup(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn defaults_serve_the_demo_locally_without_demo_data() {
        let config = with(&[]).unwrap();
        assert_eq!(config.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.public_url, "http://127.0.0.1:3000");
        assert!(!config.demo);
        assert!(!config.is_https());
    }

    #[test]
    fn every_variable_read_is_listed() {
        let read = std::cell::RefCell::new(Vec::new());
        Config::from_lookup(|name| {
            read.borrow_mut().push(name.to_owned());
            None
        })
        .unwrap();
        let mut read = read.into_inner();
        read.sort();
        read.dedup();
        let mut listed: Vec<String> = VARIABLES.iter().map(|v| v.to_string()).collect();
        listed.sort();
        assert_eq!(read, listed);
    }

    #[test]
    fn bad_values_are_refused_with_their_name() {
        let error = with(&[("SITE_ADDR", "nowhere")]).unwrap_err();
        assert!(error.to_string().contains("SITE_ADDR"));
        assert!(with(&[("DEMO", "maybe")]).is_err());
        assert!(with(&[("PUBLIC_URL", "example.org")]).is_err());
        assert!(
            with(&[("PUBLIC_URL", "https://coop.example/"), ("DEMO", "1")])
                .is_ok_and(|c| c.is_https() && c.demo && c.public_url == "https://coop.example")
        );
    }
}
