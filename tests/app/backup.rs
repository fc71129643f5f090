//! Backups: bookings keep being acknowledged while a copy is made, a restored copy holds every
//! acknowledged booking and the app starts on it; the restore refuses what it must.

use crate::{
    campaigns::{Booking, book_from, campaign, outcome, staff, token_of},
    helpers::spawn_app,
};
use coop_manau::{
    campaigns::BookingOutcome,
    server::{
        backup::{self, BackupError},
        build_state,
        config::Config,
    },
};

fn config_for(database_url: &str, site: &std::path::Path) -> Config {
    let site = site.display().to_string();
    Config::from_lookup(|name| match name {
        "DATABASE_URL" => Some(database_url.to_owned()),
        "SITE_ROOT" => Some(site.clone()),
        _ => None,
    })
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn bookings_flow_during_backups_and_a_restored_copy_has_every_acknowledged_one() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (_, slug, slots) = campaign(&app, &actor, "Ourlets rentrée", "K7QM-3XTP", 40).await;
    let folder = tempfile::tempdir().unwrap();
    let backups = folder.path().join("backups");

    // 160 students from 160 addresses book while three copies are made.
    let bookings = (0..160).map(|n| {
        let app = &app;
        let slug = slug.clone();
        let slot = slots[n % slots.len()];
        async move {
            let booking = Booking::new(&slug, "K7QM-3XTP", slot, n);
            let response =
                book_from(app, &booking, &format!("10.1.{}.{}", n / 200, n % 200 + 1)).await;
            match outcome(response).await {
                BookingOutcome::Booked { link, .. } => token_of(&link),
                other => panic!("not booked: {other:?}"),
            }
        }
    });
    let copies = (0..3).map(|_| backup::backup(&app.state.db, &backups, 30));
    let (tokens, copies) = tokio::join!(
        futures_util::future::join_all(bookings),
        futures_util::future::join_all(copies)
    );
    for copy in copies {
        copy.expect("a backup during the rush");
    }
    assert_eq!(tokens.len(), 160);

    // The copy made after the last acknowledgement, restored into a fresh folder.
    let last = backup::backup(&app.state.db, &backups, 2).await.unwrap();
    assert_eq!(
        backup::list(&backups).unwrap().len(),
        2,
        "only the newest 2 are kept"
    );
    assert_eq!(backup::list(&backups).unwrap()[0].0, last);
    let fresh = folder.path().join("restored/coop-manau.db");
    let url = format!("sqlite://{}", fresh.display());
    let restored = backup::restore(&last, &url).await.unwrap();
    assert!(restored.set_aside.is_none());
    let state = build_state(config_for(&url, folder.path())).await.unwrap();
    for token in &tokens {
        coop_manau::campaigns::service::booking_view(&state, token)
            .await
            .expect("every acknowledged booking is in the restored copy");
    }
}

#[tokio::test]
async fn the_restore_refuses_newer_broken_or_busy_databases() {
    let app = spawn_app().await;
    let folder = tempfile::tempdir().unwrap();
    let copy = backup::backup(&app.state.db, folder.path(), 30)
        .await
        .unwrap();
    let target = folder.path().join("live/coop-manau.db");
    let url = format!("sqlite://{}", target.display());
    backup::restore(&copy, &url).await.unwrap();
    let before = std::fs::read(&target).unwrap();

    // A copy from a newer app version.
    let newer = folder.path().join("newer.db");
    std::fs::copy(&copy, &newer).unwrap();
    {
        use sqlx::Connection;
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", newer.display()))
            .await
            .unwrap();
        sqlx::query("INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (99991231000001, 'future', 1, x'00', 0)")
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
    }
    assert!(matches!(
        backup::restore(&newer, &url).await,
        Err(BackupError::NewerSchema { .. })
    ));

    // Not a database at all.
    let broken = folder.path().join("broken.db");
    std::fs::write(
        &broken,
        b"not a database, only bytes that look like nothing".repeat(100),
    )
    .unwrap();
    assert!(backup::restore(&broken, &url).await.is_err());

    // A server running on it.
    let running = backup::hold_running_lock(&target).unwrap();
    assert!(matches!(
        backup::restore(&copy, &url).await,
        Err(BackupError::ServerRunning)
    ));
    drop(running);
    assert_eq!(
        std::fs::read(&target).unwrap(),
        before,
        "nothing was touched"
    );

    // Stopped: the copy goes in, the database in place is kept aside.
    let restored = backup::restore(&copy, &url).await.unwrap();
    assert!(restored.set_aside.unwrap().exists());
}
