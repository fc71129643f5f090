use coop_manau::{
    accounts::{CurrentUser, Role, repo, session},
    server::{
        AppState,
        assets::Assets,
        build_state,
        config::Config,
        now,
        router::router,
        serve::{ConnectionLimits, serve},
    },
};
use std::path::Path;
use tempfile::TempDir;

/// A running app on its own port with its own database and site folder.
pub struct TestApp {
    pub address: String,
    pub state: AppState,
    /// Cookie-less, redirect-less client: each test says what it sends.
    pub client: reqwest::Client,
    _dir: TempDir,
}

/// The size limit the test app runs with, small so 413 is cheap to provoke.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// The bound of forms with photos in the test app: one 8 MB photo fits, a few more do not.
pub const MAX_UPLOAD_BYTES: usize = 12 * 1024 * 1024;

/// The second factor's secret of admins given a session by [`TestApp::session_for`] (base32 of
/// RFC 6238's "12345678901234567890").
pub const ADMIN_TOTP_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/// The content hash of the fake built stylesheet.
pub const CSS_HASH: &str = "0123abcd";

pub async fn spawn_app() -> TestApp {
    spawn_app_with(true).await
}

pub async fn spawn_app_with(demo: bool) -> TestApp {
    spawn(demo, None, ConnectionLimits::for_this_process(false)).await
}

/// An app (without demo data) whose database lives in `db_dir`: a small tmpfs, for a full disk.
pub async fn spawn_app_in(db_dir: &Path) -> TestApp {
    spawn(
        false,
        Some(db_dir),
        ConnectionLimits::for_this_process(false),
    )
    .await
}

/// An app served with these connection limits (the connection tests use short ones).
pub async fn spawn_app_limited(demo: bool, limits: ConnectionLimits) -> TestApp {
    spawn(demo, None, limits).await
}

async fn spawn(demo: bool, db_dir: Option<&Path>, limits: ConnectionLimits) -> TestApp {
    let dir = tempfile::tempdir().expect("temporary directory");
    let site_root = dir.path().join("site");
    write_fake_site(&site_root);
    let database = db_dir.unwrap_or(dir.path()).join("test.db");
    let database_url = format!("sqlite://{}", database.display());
    let config = Config::from_lookup(|name| match name {
        "DATABASE_URL" => Some(database_url.clone()),
        "SITE_ROOT" => Some(site_root.display().to_string()),
        "DEMO" => Some(demo.to_string()),
        "MAX_BODY_BYTES" => Some(MAX_BODY_BYTES.to_string()),
        "MAX_UPLOAD_BYTES" => Some(MAX_UPLOAD_BYTES.to_string()),
        "SITE_ADDR" => Some("127.0.0.1:0".into()),
        "BODY_IDLE_SECS" => Some("1".into()),
        // As behind the production proxy: a test plays several clients with X-Forwarded-For
        // (requests without it are 127.0.0.1, as before).
        "TRUST_PROXY" => Some("true".into()),
        _ => None,
    })
    .expect("test configuration");
    // As if cargo-leptos had hashed the bundle (the test binary has no hash.txt beside it).
    let state = build_state(config)
        .await
        .expect("state")
        .with_assets(Assets::from_hashes(
            "coop-manau",
            Some(&format!("css: {CSS_HASH}\njs: 1\nwasm: 2")),
        ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("port");
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(serve(
        listener,
        router(state.clone()),
        limits,
        std::future::pending(),
    ));
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        // A stalled answer fails its test with a message instead of hanging the suite.
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .expect("client");
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        state,
        client,
        _dir: dir,
    }
}

fn write_fake_site(root: &Path) {
    std::fs::create_dir_all(root.join("pkg")).unwrap();
    std::fs::create_dir_all(root.join("icons")).unwrap();
    std::fs::write(
        root.join(format!("pkg/coop-manau.{CSS_HASH}.css")),
        "body { color: black; }".repeat(20),
    )
    .unwrap();
    // What `cargo leptos build --precompress` writes beside a file (the bytes need not be real
    // brotli: the server only picks the file), and a wasm-bindgen by-product never to publish.
    std::fs::write(root.join("pkg/coop-manau.1.js"), "export default 1;").unwrap();
    std::fs::write(root.join("pkg/coop-manau.1.js.br"), "brotli bytes").unwrap();
    std::fs::write(root.join("pkg/coop-manau.d.ts"), "export {};").unwrap();
    std::fs::write(
        root.join("manifest.webmanifest"),
        r#"{"name":"Coop'Manau"}"#,
    )
    .unwrap();
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// A form post as a browser on this site sends it.
    /// Posts a form as a script would: JSON back, with the real status (not a redirect).
    pub async fn post_for_json(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.post_form(path, form)
            .header("accept", "application/json")
            .send()
            .await
            .unwrap()
    }

    pub fn post_form(&self, path: &str, form: &[(&str, &str)]) -> reqwest::RequestBuilder {
        self.post_form_with(&self.client, path, form)
    }

    /// A client whose requests come from another loopback address (`127.0.0.2`…): another
    /// visitor as per-address limits see it.
    pub fn client_from(&self, ip: &str) -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .local_address(ip.parse::<std::net::IpAddr>().expect("an address"))
            .build()
            .expect("client")
    }

    /// [`TestApp::post_form`] through `client`.
    pub fn post_form_with(
        &self,
        client: &reqwest::Client,
        path: &str,
        form: &[(&str, &str)],
    ) -> reqwest::RequestBuilder {
        client
            .post(self.url(path))
            .header("sec-fetch-site", "same-origin")
            .header("origin", &self.address)
            .form(form)
    }
}

impl TestApp {
    /// A new person of `role`, with a password when given.
    pub async fn person(
        &self,
        role: Role,
        first_name: &str,
        email: Option<&str>,
        password: Option<&str>,
    ) -> i64 {
        let hash = match password {
            Some(p) => Some(
                coop_manau::accounts::password::hash(p.to_owned())
                    .await
                    .unwrap(),
            ),
            None => None,
        };
        let mut tx = self.state.db.begin_write().await.unwrap();
        let id = repo::insert_person(
            &mut tx,
            &repo::NewPerson {
                role,
                first_name,
                last_name: "Test",
                email,
                phone: None,
                password_hash: hash.as_deref(),
            },
            now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        id
    }

    /// A fresh session for `person_id`, as the `Cookie` header a browser would send. An admin
    /// gets a confirmed second factor first (secret [`ADMIN_TOTP_SECRET`]): tests act as an
    /// enrolled admin, as admins' pages require (tests of admins without one sign in with a
    /// password instead).
    pub async fn session_for(&self, person_id: i64) -> String {
        let mut tx = self.state.db.begin_write().await.unwrap();
        sqlx::query(
            "INSERT OR IGNORE INTO second_factor (person_id, secret, created_at, confirmed_at)
             SELECT id, ?, ?, ? FROM person WHERE id = ? AND role = 'admin'",
        )
        .bind(ADMIN_TOTP_SECRET)
        .bind(now())
        .bind(now())
        .bind(person_id)
        .execute(&mut *tx)
        .await
        .unwrap();
        let set_cookie = session::start(&mut tx, person_id, session::STAFF_LIFETIME, false)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        set_cookie.split(';').next().unwrap().to_owned()
    }

    /// A same-site form post with a session cookie.
    pub async fn post_as(
        &self,
        path: &str,
        form: &[(&str, &str)],
        cookie: &str,
    ) -> reqwest::Response {
        self.post_form(path, form)
            .header("cookie", cookie)
            .send()
            .await
            .expect("POST")
    }

    /// Who the server thinks `cookie` is.
    pub async fn whoami(&self, cookie: &str) -> Option<CurrentUser> {
        self.client
            .get(self.url("/api/get_current_user"))
            .header("cookie", cookie)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// How many rows the app has written so far: every write goes through the one writer
    /// connection, whose `total_changes()` counts them. Equal before and after = nothing written.
    pub async fn writes(&self) -> i64 {
        sqlx::query_scalar("SELECT total_changes()")
            .fetch_one(&self.state.db.writer)
            .await
            .unwrap()
    }

    pub async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(&self.state.db.reader)
            .await
            .unwrap()
    }
}

/// The `brouillon=…` cookie a response sets (a refused form's draft), if any, whole.
pub fn draft_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("brouillon="))
        .map(str::to_owned)
}
