//! A full disk (issue 13): while the database's disk is full every write answers a French 503
//! with `Retry-After`, never a 500, reads keep working and `/healthz` says writes fail; once
//! space returns, sign-in, bookings and orders work again without a restart.

use crate::{
    campaigns::{self, Booking},
    helpers::{TestApp, spawn_app_in},
    lunch,
};
use coop_manau::{
    accounts::{Role, token::new_token},
    campaigns::BookingOutcome,
    error::AppError,
    i18n::Locale,
};
use reqwest::{StatusCode, header};
use std::{
    io::Write,
    path::{Path, PathBuf},
    process::Command,
};

const EMAIL: &str = "claire@disque.example";
const PASSWORD: &str = "fil rouge de Roubaix";

/// A tmpfs mounted on a temporary directory, unmounted when dropped (even when the test fails).
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// `None` (and why, on stderr) where mounting is not allowed; on CI it must work.
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().expect("temporary directory");
        let output = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output();
        let why = match output {
            Ok(output) if output.status.success() => return Some(Tmpfs { dir }),
            Ok(output) => String::from_utf8_lossy(&output.stderr).into_owned(),
            Err(error) => error.to_string(),
        };
        assert!(
            std::env::var_os("CI").is_none(),
            "CI runs as root and must run the full-disk test: mount failed: {why}"
        );
        eprintln!("skipped: cannot mount a tmpfs (needs root): {why}");
        None
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn resize(&self, size: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,size={size}")])
            .arg(self.path())
            .status()
            .expect("mount");
        assert!(status.success(), "remount to {size}");
    }

    /// Takes every free byte with a file beside the database.
    fn fill(&self) -> PathBuf {
        let path = self.path().join("filler");
        let mut file = std::fs::File::create(&path).expect("filler");
        for size in [64 * 1024, 512, 1] {
            let chunk = vec![0xA5u8; size];
            loop {
                match file.write_all(&chunk) {
                    Ok(()) => continue,
                    Err(error) if error.kind() == std::io::ErrorKind::StorageFull => break,
                    Err(error) => panic!("filling the disk: {error}"),
                }
            }
        }
        path
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        // Lazy: the app's threads may still hold the database open.
        let _ = Command::new("umount").arg("-l").arg(self.path()).status();
    }
}

async fn sign_in(app: &TestApp) -> reqwest::Response {
    app.post_form("/api/sign_in", &[("login", EMAIL), ("password", PASSWORD)])
        .send()
        .await
        .unwrap()
}

/// A write refused for the full disk: 503, `Retry-After`, the error that says "retry later".
async fn assert_unavailable(what: &str, response: reqwest::Response) {
    let status = response.status();
    let retry_after = response
        .headers()
        .get(header::RETRY_AFTER)
        .map(|v| v.to_str().unwrap().to_owned());
    let body = response.text().await.unwrap();
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{what}: {body}");
    assert!(
        retry_after
            .as_deref()
            .and_then(|v| v.parse::<u64>().ok())
            .is_some_and(|secs| secs > 0),
        "{what}: Retry-After {retry_after:?}"
    );
    assert!(
        matches!(
            serde_json::from_str::<AppError>(&body),
            Ok(AppError::Unavailable { .. })
        ),
        "{what}: {body}"
    );
}

async fn health(app: &TestApp) -> (StatusCode, String) {
    let response = app.get("/healthz").await;
    (response.status(), response.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_refuses_writes_with_a_french_503_and_they_work_again_once_space_returns() {
    let Some(disk) = Tmpfs::mount("3m") else {
        return;
    };
    let app = spawn_app_in(disk.path()).await;
    // What the writes need exists before the disk fills.
    let claire = app
        .person(Role::Staff, "Claire", Some(EMAIL), Some(PASSWORD))
        .await;
    let actor = campaigns::staff(&app).await;
    let (_, slug, slots) = campaigns::campaign(&app, &actor, "Rentrée", "DISQUE-2027", 5).await;
    let actor = lunch::staff(&app).await;
    let (service_id, dish, windows) = lunch::service_with_dish(&app, &actor, 6, 10).await;
    assert_eq!(health(&app).await.0, StatusCode::OK);

    let filler = disk.fill();
    let booking = Booking::new(&slug, "disque-2027", slots[0], 1);
    let order_key = new_token();
    let order = lunch::order_form(
        service_id,
        windows[0],
        dish,
        "2",
        "06 12 34 56 78",
        &order_key,
    );
    // Twice each: the first failure must not wedge the writer for the next ones.
    for _ in 0..2 {
        assert_unavailable("sign-in", sign_in(&app).await).await;
        assert_unavailable("booking", campaigns::book(&app, &booking).await).await;
        assert_unavailable(
            "order",
            lunch::post(&app, "/api/place_lunch_order", &order).await,
        )
        .await;
    }

    // Without JavaScript the form comes back with the French sentence.
    let response = app
        .post_form("/api/sign_in", &[("login", EMAIL), ("password", PASSWORD)])
        .header("accept", "text/html")
        .header("referer", app.url("/connexion"))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection(), "{}", response.status());
    let location = response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(location.contains("__err="), "{location}");
    let page = app.client.get(&location).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK, "reads still work");
    let page = page.text().await.unwrap().replace("&#x27;", "'");
    let french = (Locale::Fr.texts().errors.message)("unavailable");
    assert!(french.contains("Réessayez"), "{french}");
    assert!(page.contains(french), "{page}");

    let (status, body) = health(&app).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(body.contains(r#""status":"writes failing""#), "{body}");

    // Space returns (the filler stays): no restart.
    disk.resize("64m");
    let signed_in = sign_in(&app).await;
    assert_eq!(signed_in.status(), StatusCode::OK);
    let cookie = signed_in.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(app.whoami(&cookie).await.map(|u| u.id), Some(claire));
    let booked = campaigns::book(&app, &booking).await;
    assert_eq!(booked.status(), StatusCode::OK);
    assert!(matches!(
        booked.json::<BookingOutcome>().await.unwrap(),
        BookingOutcome::Booked { .. }
    ));
    let ordered = lunch::post(&app, "/api/place_lunch_order", &order).await;
    assert_eq!(ordered.status(), StatusCode::OK);
    assert_eq!(
        ordered.headers()[header::LOCATION],
        format!("/dejeuner/commande/{order_key}").as_str()
    );
    // The refused attempts left nothing behind: one booking, two portions.
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM campaign_booking WHERE slot_id = {}",
            slots[0]
        ))
        .await,
        1
    );
    assert_eq!(
        app.count(&format!("SELECT ordered FROM lunch_dish WHERE id = {dish}"))
            .await,
        2
    );
    // Those commits cleared the failure themselves, before any health check probed. (The pool
    // takes the connection back in a task of its own: a query on the writer waits for it.)
    app.writes().await;
    assert_eq!(app.state.db.writes_failing_since(), None);
    assert_eq!(
        health(&app).await,
        (StatusCode::OK, r#"{"status":"ok"}"#.to_owned())
    );
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&app.state.db.writer)
        .await
        .unwrap();
    assert_eq!(check, "ok");
    std::fs::remove_file(filler).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_finds_by_itself_that_space_came_back() {
    let Some(disk) = Tmpfs::mount("3m") else {
        return;
    };
    let app = spawn_app_in(disk.path()).await;
    app.person(Role::Staff, "Claire", Some(EMAIL), Some(PASSWORD))
        .await;
    disk.fill();
    assert_unavailable("sign-in", sign_in(&app).await).await;
    // Its probe is a real write: still failing while the disk is full…
    for _ in 0..2 {
        assert_eq!(health(&app).await.0, StatusCode::SERVICE_UNAVAILABLE);
    }
    // …and ok once there is room, before any user write succeeded.
    disk.resize("64m");
    assert_eq!(health(&app).await.0, StatusCode::OK);
    assert_eq!(app.state.db.writes_failing_since(), None);
    assert_eq!(sign_in(&app).await.status(), StatusCode::OK);
}
