//! The key figures of a period, read from every capability's tables, and the opening balance.

use super::{
    Facts, Figure, KeyFigures, OPENING_FIELDS, Opening, OpeningInput, Period, Series,
    people_figures, repo,
};
use crate::{
    accounts::{CurrentUser, audit},
    error::AppError,
    server::{AppState, now},
    ui::time::{format_date, local_to_utc, paris_day, parse_date},
};
use sqlx::SqliteConnection;

/// The instants of a period of days: from its first midnight to the midnight after its last
/// day (Paris).
fn instants(from: i64, to: i64) -> (i64, i64) {
    (local_to_utc(from, 0), local_to_utc(to + 1, 0))
}

/// The activity of [from, to] (days), as figures.
async fn activity(
    conn: &mut SqliteConnection,
    from: i64,
    to: i64,
) -> Result<Vec<Figure>, sqlx::Error> {
    let (start, end) = instants(from, to);
    let (from_day, to_day) = (format_date(from), format_date(to));
    let (students, garments) = repo::hem_received(conn, start, end).await?;
    let (services, meals) = repo::restaurant(conn, &from_day, &to_day).await?;
    let (events, covers) = crate::catering::repo::events_between(conn, &from_day, &to_day).await?;
    let jobs = crate::made_to_order::repo::jobs_between(conn, start, end).await?;
    let clients = crate::partners::repo::clients_between(conn, start, end).await?;
    Ok(vec![
        Figure::new(
            "alterations_done",
            repo::alterations_done(conn, start, end).await?,
            "count",
        ),
        Figure::new("hem_students", students, "count"),
        Figure::new("hem_garments", garments, "count"),
        Figure::new("restaurant_services", services, "count"),
        Figure::new("meals_served", meals, "count"),
        Figure::new("catering_events", events, "count"),
        Figure::new("catering_covers", covers, "count"),
        Figure::new("made_to_order_jobs", jobs, "count"),
        Figure::new("client_organisations", clients.clients, "count"),
        Figure::new("regular_organisations", clients.regular, "count"),
    ])
}

/// The monthly series the charts draw (yearly past 24 months).
const CHARTED: [(&str, &str); 4] = [
    ("hours", "hours"),
    ("meals_served", "count"),
    ("alterations_done", "count"),
    ("catering_events", "count"),
];

pub async fn key_figures(state: &AppState, period: Period) -> Result<KeyFigures, AppError> {
    let mut conn = state.db.reader.acquire().await?;
    let today = paris_day(now());
    let opening = repo::opening(&mut conn).await?;
    let facts: Vec<Facts> = repo::pathways(&mut conn)
        .await?
        .into_iter()
        .filter_map(|p| {
            Some(Facts {
                entry: parse_date(&p.entry_day).ok()?,
                exit: p.exit_day.as_deref().and_then(|d| parse_date(d).ok()),
                characteristics: p.characteristics(),
                outcome: p.exit_outcome,
            })
        })
        .collect();
    let (start, end) = instants(period.from, period.to);
    let cape = repo::cape_people(&mut conn, &period.from_day(), &period.to_day()).await?;
    let minutes = repo::minutes_worked(&mut conn, start, end).await?;
    let (people, public) = people_figures(&facts, period, today, cape, minutes, &opening);
    let mut activity_figures = activity(&mut conn, period.from, period.to).await?;
    if period.since_start {
        for figure in &mut activity_figures {
            figure.value += opening.get(&figure.key);
        }
    }
    let mut series: Vec<Series> = CHARTED
        .iter()
        .map(|(key, unit)| Series {
            key: (*key).to_owned(),
            unit: (*unit).to_owned(),
            points: Vec::new(),
        })
        .collect();
    // "Since the start" is charted from the first pathway or order, not from the year 2000.
    let charted = if period.since_start {
        let first = facts.iter().map(|f| f.entry).min().unwrap_or(today);
        Period {
            from: first.max(period.from).min(today),
            ..period
        }
    } else {
        period
    };
    for (from, to, label) in charted.buckets() {
        let (a, b) = instants(from, to);
        let values = [
            repo::minutes_worked(&mut conn, a, b).await?,
            repo::restaurant(&mut conn, &format_date(from), &format_date(to))
                .await?
                .1,
            repo::alterations_done(&mut conn, a, b).await?,
            crate::catering::repo::events_between(&mut conn, &format_date(from), &format_date(to))
                .await?
                .0,
        ];
        for (s, value) in series.iter_mut().zip(values) {
            s.points.push((label.clone(), value));
        }
    }
    Ok(KeyFigures {
        period,
        today,
        people,
        public,
        activity: activity_figures,
        series,
        opening,
    })
}

/// The opening balance, checked whole (every field a count, the day the app starts counting).
pub async fn save_opening(
    state: &AppState,
    actor: &CurrentUser,
    input: &OpeningInput,
) -> Result<(), AppError> {
    let opening = Opening::try_from(input).map_err(AppError::Validation)?;
    let mut tx = state.db.begin_write().await?;
    repo::save_opening(&mut tx, &opening, now()).await?;
    let detail = OPENING_FIELDS
        .iter()
        .map(|f| format!("{f}={}", opening.get(f)))
        .collect::<Vec<_>>()
        .join(" ");
    audit::record(
        &mut tx,
        actor,
        "figures.opening",
        "figures",
        1,
        Some(&detail),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
