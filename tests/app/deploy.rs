//! The deployment files (deploy/) agree with the app: the configuration template shows every
//! variable the app reads and no other, the service may write only in its data folder, the
//! proxies forward to the address the app listens on and let its largest form through, each
//! centre of a multi-centre server has its own configuration and folder. Then two processes of
//! the built binary on one machine (two centres) stay apart.

use coop_manau::server::{
    backup::database_file,
    config::{Config, VARIABLES},
};
use std::{
    collections::BTreeSet,
    net::TcpListener,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

fn deploy_file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("deploy")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A line `NAME=value` of the configuration template, set or shown commented out (`# NAME=value`,
/// the default).
struct Setting {
    name: String,
    value: String,
    set: bool,
}

fn env_settings(text: &str) -> Vec<Setting> {
    text.lines()
        .filter_map(|line| {
            let (set, rest) = match line.strip_prefix("# ") {
                Some(rest) => (false, rest),
                None => (true, line),
            };
            let (name, value) = rest.split_once('=')?;
            let is_name = name.starts_with(|c: char| c.is_ascii_uppercase())
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
            is_name.then(|| Setting {
                name: name.to_owned(),
                value: value.trim().to_owned(),
                set,
            })
        })
        .collect()
}

/// The value the template sets for `name` (not a commented-out default).
fn env_value(settings: &[Setting], name: &str) -> String {
    settings
        .iter()
        .find(|s| s.set && s.name == name)
        .map(|s| s.value.clone())
        .unwrap_or_else(|| panic!("deploy/coop-manau.env sets no {name}"))
}

/// The `Key=value` lines of a systemd unit, in order (comments and section headers left out).
fn unit_settings(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with(['#', ';', '[']))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

fn unit_values<'a>(unit: &'a [(String, String)], key: &str) -> Vec<&'a str> {
    unit.iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .collect()
}

/// The one value of `key` in `unit` (named `file` in the failure).
fn unit_value<'a>(unit: &'a [(String, String)], file: &str, key: &str) -> &'a str {
    match unit_values(unit, key).as_slice() {
        [value] => value,
        values => panic!("{file}: expected {key}= once, found {values:?}"),
    }
}

/// The options that restrict what a service may do, which every unit of ours must share.
fn is_sandboxing(key: &str) -> bool {
    [
        "Protect",
        "Private",
        "Restrict",
        "SystemCall",
        "Capability",
        "Ambient",
        "NoNewPrivileges",
        "MemoryDenyWriteExecute",
        "LockPersonality",
        "RemoveIPC",
        "IPAddress",
        "DevicePolicy",
        "UMask",
    ]
    .iter()
    .any(|prefix| key.starts_with(prefix))
}

/// A size as Caddy reads it (`42MiB`, `44MB`, `44040192`): SI and binary units.
fn caddy_bytes(size: &str) -> u64 {
    let digits: String = size.chars().take_while(char::is_ascii_digit).collect();
    let number: u64 = digits.parse().unwrap_or_else(|_| panic!("size {size}"));
    let factor: u64 = match size[digits.len()..].trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "ki" | "kib" => 1 << 10,
        "m" | "mb" => 1_000_000,
        "mi" | "mib" => 1 << 20,
        "g" | "gb" => 1_000_000_000,
        "gi" | "gib" => 1 << 30,
        unit => panic!("unknown unit {unit:?} in {size}"),
    };
    number * factor
}

/// A size as nginx reads it (`42m`, `1024k`, `44040192`); 0 means no limit.
fn nginx_bytes(size: &str) -> u64 {
    let (number, factor) = match size.chars().last() {
        Some('k' | 'K') => (&size[..size.len() - 1], 1 << 10),
        Some('m' | 'M') => (&size[..size.len() - 1], 1 << 20),
        Some('g' | 'G') => (&size[..size.len() - 1], 1 << 30),
        _ => (size, 1),
    };
    match number.parse::<u64>() {
        Ok(0) => u64::MAX,
        Ok(n) => n * factor,
        Err(_) => panic!("size {size}"),
    }
}

#[test]
fn the_configuration_template_shows_every_variable_and_only_those() {
    let settings = env_settings(&deploy_file("coop-manau.env"));
    let shown: BTreeSet<&str> = settings.iter().map(|s| s.name.as_str()).collect();
    let read: BTreeSet<&str> = VARIABLES.iter().copied().collect();
    let missing: Vec<&&str> = read.difference(&shown).collect();
    assert!(
        missing.is_empty(),
        "the app reads these variables, deploy/coop-manau.env does not show them: {missing:?}"
    );
    let stale: Vec<&&str> = shown.difference(&read).collect();
    assert!(
        stale.is_empty(),
        "deploy/coop-manau.env shows variables the app does not read: {stale:?}"
    );
    assert_eq!(settings.len(), shown.len(), "a variable is shown twice");

    // The values it sets are valid, and are a production configuration.
    let lookup = |all: bool| {
        let settings = &settings;
        move |name: &str| {
            settings
                .iter()
                .find(|s| s.name == name && (all || s.set))
                .map(|s| s.value.clone())
        }
    };
    let config = Config::from_lookup(lookup(false)).expect("the template's values are valid");
    assert!(config.is_https(), "PUBLIC_URL in https");
    assert!(!config.demo, "no demo data in production");
    assert!(config.trust_proxy, "behind a proxy");
    assert!(config.backup_dir.is_some(), "daily backups on");

    // The commented-out lines say the real defaults.
    let shown_defaults = Config::from_lookup(lookup(true)).expect("every value shown is valid");
    let defaults = Config::from_lookup(|_| None).unwrap();
    assert_eq!(shown_defaults.max_body_bytes, defaults.max_body_bytes);
    assert_eq!(shown_defaults.max_upload_bytes, defaults.max_upload_bytes);
    assert_eq!(shown_defaults.body_idle, defaults.body_idle);
    assert_eq!(shown_defaults.db_readers, defaults.db_readers);
    assert_eq!(shown_defaults.retention, defaults.retention);
}

#[test]
fn the_service_writes_only_in_its_data_folder() {
    let file = "coop-manau.service";
    let unit = unit_settings(&deploy_file(file));
    let value = |key: &str| unit_value(&unit, file, key);
    assert_eq!(value("ProtectSystem"), "strict");
    assert_eq!(value("ProtectHome"), "true");
    assert_eq!(value("PrivateTmp"), "true");
    assert_eq!(value("NoNewPrivileges"), "true");
    assert_eq!(value("User"), "coop-manau");
    assert!(unit_values(&unit, "DynamicUser").is_empty());
    assert_eq!(value("Restart"), "on-failure");
    assert_eq!(value("EnvironmentFile"), "/etc/coop-manau/coop-manau.env");

    // What ProtectSystem=strict leaves writable: the state directory and ReadWritePaths=.
    let data = Path::new("/var/lib").join(value("StateDirectory"));
    assert_eq!(data, Path::new("/var/lib/coop-manau"));
    for key in [
        "CacheDirectory",
        "LogsDirectory",
        "RuntimeDirectory",
        "BindPaths",
    ] {
        assert!(
            unit_values(&unit, key).is_empty(),
            "{file}: {key}= makes more writable"
        );
    }
    for path in unit_values(&unit, "ReadWritePaths")
        .iter()
        .flat_map(|v| v.split_whitespace())
    {
        let path = path.trim_start_matches(['-', '+']);
        assert!(
            Path::new(path).starts_with(&data),
            "{file}: ReadWritePaths={path} is outside {}",
            data.display()
        );
    }

    // The template's database and backups live in that folder, its site in the release.
    let env = env_settings(&deploy_file("coop-manau.env"));
    let database = database_file(&env_value(&env, "DATABASE_URL")).expect("a SQLite file");
    assert!(
        database.is_absolute() && database.starts_with(&data),
        "DATABASE_URL's file {} is outside {}",
        database.display(),
        data.display()
    );
    let backups = PathBuf::from(env_value(&env, "BACKUP_DIR"));
    assert!(
        backups.is_absolute() && backups.starts_with(&data) && backups != data,
        "BACKUP_DIR {} is not a folder inside {}",
        backups.display(),
        data.display()
    );
    let release = Path::new(value("WorkingDirectory"));
    assert_eq!(
        PathBuf::from(value("ExecStart")),
        release.join("coop-manau")
    );
    assert!(Path::new(&env_value(&env, "SITE_ROOT")).starts_with(release));

    // The backup job: the same user, configuration, folder and sandbox, into BACKUP_DIR.
    let job_file = "coop-manau-backup.service";
    let job = unit_settings(&deploy_file(job_file));
    for key in [
        "User",
        "EnvironmentFile",
        "StateDirectory",
        "WorkingDirectory",
    ] {
        assert_eq!(
            unit_value(&job, job_file, key),
            value(key),
            "{job_file}: {key}"
        );
    }
    for (key, expected) in unit.iter().filter(|(k, _)| is_sandboxing(k)) {
        assert!(
            job.iter().any(|(k, v)| k == key && v == expected),
            "{job_file} lacks {key}={expected} of {file}"
        );
    }
    assert_eq!(
        unit_value(&job, job_file, "ExecStart"),
        format!("{} backup --to {}", value("ExecStart"), backups.display())
    );
    let timer = unit_settings(&deploy_file("coop-manau-backup.timer"));
    assert_eq!(
        unit_value(&timer, "coop-manau-backup.timer", "Persistent"),
        "true"
    );
    assert!(unit_value(&timer, "coop-manau-backup.timer", "OnCalendar").contains("03:15"));
}

#[test]
fn the_proxies_forward_to_the_app_and_let_its_largest_form_through() {
    let env = env_settings(&deploy_file("coop-manau.env"));
    let site_addr = env_value(&env, "SITE_ADDR");
    let largest = Config::from_lookup(|_| None).unwrap().max_upload_bytes as u64;

    // Caddy: the lines that are not comments (the second centre's block is commented out).
    let caddyfile = deploy_file("Caddyfile");
    let caddy: Vec<Vec<&str>> = caddyfile
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split_whitespace().collect())
        .collect();
    let caddy_args = |directive: &str| {
        caddy
            .iter()
            .filter(|words| words.first() == Some(&directive))
            .map(|words| words.get(1).copied().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    assert_eq!(caddy_args("reverse_proxy"), [site_addr.as_str()]);
    let sizes = caddy_args("max_size");
    assert_eq!(sizes.len(), 1, "Caddyfile: one request_body max_size");
    assert!(
        caddy_bytes(sizes[0]) >= largest,
        "Caddyfile: max_size {} is below MAX_UPLOAD_BYTES ({largest})",
        sizes[0]
    );
    assert!(
        caddy_args("encode").is_empty(),
        "the app compresses its own answers"
    );

    // nginx: directives without their `;`, comments left out.
    let conf = deploy_file("nginx.conf");
    let nginx: Vec<Vec<&str>> = conf
        .lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty())
        .map(|l| l.trim_end_matches(';').split_whitespace().collect())
        .collect();
    let nginx_args = |directive: &str| {
        nginx
            .iter()
            .filter(|words| words.first() == Some(&directive))
            .map(|words| words[1..].to_vec())
            .collect::<Vec<_>>()
    };
    let upstream = format!("http://{site_addr}");
    assert_eq!(nginx_args("proxy_pass"), [[upstream.as_str()]]);
    let sizes = nginx_args("client_max_body_size");
    assert_eq!(sizes.len(), 1, "nginx.conf: one client_max_body_size");
    assert!(
        nginx_bytes(sizes[0][0]) >= largest,
        "nginx.conf: client_max_body_size {} is below MAX_UPLOAD_BYTES ({largest})",
        sizes[0][0]
    );
    // The app takes the last X-Forwarded-For entry: nginx must overwrite the header with the
    // address it saw, never pass on (or append to) what a client sent.
    let forwarded: Vec<Vec<&str>> = nginx_args("proxy_set_header")
        .into_iter()
        .filter(|args| {
            args.first()
                .is_some_and(|h| h.eq_ignore_ascii_case("X-Forwarded-For"))
        })
        .collect();
    assert_eq!(forwarded, [["X-Forwarded-For", "$remote_addr"]]);
    assert!(
        !nginx
            .iter()
            .flatten()
            .any(|word| word.contains("$proxy_add_x_forwarded_for")),
        "nginx.conf appends to the client's X-Forwarded-For"
    );
}

#[test]
fn each_centre_has_its_own_configuration_and_data_folder() {
    let file = "coop-manau@.service";
    let unit = unit_settings(&deploy_file(file));
    let value = |key: &str| unit_value(&unit, file, key);
    assert!(value("EnvironmentFile").contains("%i"));
    assert_eq!(value("EnvironmentFile"), "/etc/coop-manau/%i.env");
    assert!(value("StateDirectory").contains("%i"));
    assert_eq!(value("StateDirectory"), "coop-manau/%i");
    assert_eq!(value("Restart"), "on-failure");
    // The same sandbox as the single service.
    let single = unit_settings(&deploy_file("coop-manau.service"));
    for (key, expected) in single.iter().filter(|(k, _)| is_sandboxing(k)) {
        assert!(
            unit.iter().any(|(k, v)| k == key && v == expected),
            "{file} lacks {key}={expected} of coop-manau.service"
        );
    }
    for key in ["ReadWritePaths", "BindPaths"] {
        assert!(unit_values(&unit, key).is_empty(), "{file}: {key}=");
    }
}

/// A process of the built server, killed when dropped (also when the test fails).
struct Server {
    child: Child,
    port: u16,
    database: PathBuf,
    dir: tempfile::TempDir,
}

impl Server {
    fn start(demo: bool, port: u16) -> Server {
        let dir = tempfile::tempdir().expect("temporary folder");
        let database = dir.path().join("coop-manau.db");
        let root = dir.path().to_owned();
        Server::start_in(dir, &root, database, demo, port)
    }

    /// A server on `database` (its folder may not exist yet: the server makes it), configured
    /// from `root`, logging in `dir` (dropped with the server).
    fn start_in(
        dir: tempfile::TempDir,
        root: &Path,
        database: PathBuf,
        demo: bool,
        port: u16,
    ) -> Server {
        let log = std::fs::File::create(dir.path().join("server.log")).expect("log file");
        let child = cli(root, &database, port)
            .env("DEMO", demo.to_string())
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log file"))
            .stderr(log)
            .spawn()
            .expect("start the server binary");
        Server {
            child,
            port,
            database,
            dir,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    /// Waits until `/healthz` answers 200 (20 s at most).
    async fn wait_healthy(&mut self, client: &reqwest::Client) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(answer) = client.get(self.url("/healthz")).send().await
                && answer.status() == reqwest::StatusCode::OK
            {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("the server stopped ({status}):\n{}", self.log());
            }
            assert!(
                Instant::now() < deadline,
                "no 200 from {} within 20 s:\n{}",
                self.url("/healthz"),
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The built binary with only the configuration of a centre in `dir` (nothing from the
/// developer's environment: a BACKUP_DIR, a DATABASE_URL...).
fn cli(dir: &Path, database: &Path, port: u16) -> Command {
    let site = dir.join("site");
    std::fs::create_dir_all(&site).expect("site folder");
    let mut command = Command::new(env!("CARGO_BIN_EXE_coop-manau"));
    command
        .env_clear()
        .env("DATABASE_URL", format!("sqlite://{}", database.display()))
        .env("SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("PUBLIC_URL", format!("http://127.0.0.1:{port}"))
        .env("SITE_ROOT", site)
        .env("BACKUP_DIR", dir.join("backups"))
        .env("RUST_LOG", "warn");
    command
}

/// Runs a command of the binary to its end: (success, stdout, stderr).
fn run(mut command: Command, args: &[&str]) -> (bool, String, String) {
    let output = command.args(args).output().expect("run the binary");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Two ports nobody listens on (both held while they are chosen, so they differ).
fn two_free_ports() -> (u16, u16) {
    let a = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let b = TcpListener::bind("127.0.0.1:0").expect("a free port");
    (
        a.local_addr().unwrap().port(),
        b.local_addr().unwrap().port(),
    )
}

/// What docs/multi-centre.md describes: one process and one database per centre, on one machine.
/// A few seconds (two start-ups, one with demo data).
#[tokio::test]
async fn two_centres_run_side_by_side_without_sharing_anything() {
    let (demo_port, plain_port) = two_free_ports();
    let mut demo = Server::start(true, demo_port);
    let mut plain = Server::start(false, plain_port);
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    demo.wait_healthy(&client).await;
    plain.wait_healthy(&client).await;

    let menu = |server: &Server| {
        let url = server.url("/dejeuner");
        let client = client.clone();
        async move {
            let answer = client
                .get(url.as_str())
                .send()
                .await
                .expect("GET /dejeuner");
            assert_eq!(answer.status(), reqwest::StatusCode::OK, "{url}");
            answer.text().await.expect("the page")
        }
    };
    let demo_dish = "Couscous aux légumes";
    let demo_menu = menu(&demo).await;
    assert!(
        demo_menu.contains(demo_dish),
        "the demo centre shows its demo menu"
    );
    let plain_menu = menu(&plain).await;
    assert!(
        !plain_menu.contains(demo_dish),
        "the other centre has none of the demo's data"
    );

    assert!(demo.database.is_file(), "{}", demo.database.display());
    assert!(plain.database.is_file(), "{}", plain.database.display());
    assert_ne!(
        demo.database.canonicalize().unwrap(),
        plain.database.canonicalize().unwrap()
    );
    drop(demo);
    // The other centre keeps serving when one stops.
    let answer = client.get(plain.url("/healthz")).send().await.expect("GET");
    assert_eq!(answer.status(), reqwest::StatusCode::OK);
}

/// The README's commands around a running server: a fresh machine (no data folder yet), a
/// backup while it serves, `check`, a restore refused while it runs and done once it stopped,
/// the server again on the restored copy, the purge.
#[tokio::test]
async fn backup_check_and_restore_work_around_a_running_server() {
    let (port, port_again) = two_free_ports();
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path().to_owned();
    let database = root.join("data/coop-manau.db");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    let logs = tempfile::tempdir().expect("temporary folder");
    let mut server = Server::start_in(logs, &root, database.clone(), true, port);
    server.wait_healthy(&client).await;

    let (ok, out, err) = run(
        cli(&root, &database, port),
        &[
            "backup",
            "--to",
            &root.join("backups").display().to_string(),
        ],
    );
    assert!(ok, "{out}{err}");
    assert!(out.contains("Backup made and checked"), "{out}");
    let copy = coop_manau::server::backup::list(&root.join("backups")).unwrap()[0]
        .0
        .clone();

    let (ok, out, _) = run(cli(&root, &database, port), &["check"]);
    for line in [
        "ok       the configuration reads",
        "ok       the database",
        "ok       the newest backup",
        "ok       http://127.0.0.1",
    ] {
        assert!(out.contains(line), "{line} in:\n{out}");
    }
    // The test's site folder is empty: check says so, and fails.
    assert!(!ok && out.contains("PROBLEM  no built site"), "{out}");

    let (ok, _, err) = run(
        cli(&root, &database, port),
        &["restore", &copy.display().to_string()],
    );
    assert!(!ok && err.contains("the server is running"), "{err}");

    drop(server);
    let (ok, out, err) = run(
        cli(&root, &database, port),
        &["restore", &copy.display().to_string()],
    );
    assert!(ok, "{out}{err}");
    assert!(out.contains("is kept as"), "{out}");
    let (ok, out, err) = run(cli(&root, &database, port), &["purge"]);
    assert!(ok && out.contains("Purged"), "{out}{err}");

    let logs = tempfile::tempdir().expect("temporary folder");
    let mut again = Server::start_in(logs, &root, database, false, port_again);
    again.wait_healthy(&client).await;
    let menu = client
        .get(again.url("/dejeuner"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        menu.contains("Couscous aux légumes"),
        "the restored copy holds the demo's menus"
    );
}
