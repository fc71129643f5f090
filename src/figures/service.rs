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

/// The instants of a period of days: from its first midnight to the midnight after its last
/// day (Paris).
fn instants(from: i64, to: i64) -> (i64, i64) {
    (local_to_utc(from, 0), local_to_utc(to + 1, 0))
}

/// The series the charts draw, by month (by year past 24 months), in this order.
const CHARTED: [(&str, &str); 4] = [
    ("hours", "hours"),
    ("meals_served", "count"),
    ("alterations_done", "count"),
    ("catering_events", "count"),
];

/// Sums `rows` (day number, value) into the buckets of `period`.
fn bucketed(period: Period, rows: &[(i64, i64)]) -> Vec<(String, i64)> {
    period
        .buckets()
        .into_iter()
        .map(|(from, to, label)| {
            let sum = rows
                .iter()
                .filter(|(day, _)| (from..=to).contains(day))
                .map(|(_, v)| v)
                .sum();
            (label, sum)
        })
        .collect()
}

/// Every figure of the period. The rows behind hours, meals, alterations and catering events
/// are read once for the whole period, then counted and bucketed here (one query each,
/// whatever the number of months).
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
    let (from_day, to_day) = (period.from_day(), period.to_day());
    // Meals are served: only days already lived count.
    let lived_day = format_date(period.to.min(today));
    let day_of = |day: &str| parse_date(day).unwrap_or_default();
    let worked: Vec<(i64, i64)> = repo::worked(&mut conn, start, end)
        .await?
        .into_iter()
        .map(|(at, minutes)| (paris_day(at), minutes))
        .collect();
    let meals: Vec<(i64, i64)> = repo::meals(&mut conn, &from_day, &lived_day)
        .await?
        .iter()
        .map(|(day, portions)| (day_of(day), *portions))
        .collect();
    let collected: Vec<(i64, i64)> = repo::collected(&mut conn, start, end)
        .await?
        .into_iter()
        .map(|at| (paris_day(at), 1))
        .collect();
    let events: Vec<(i64, i64)> = repo::catering_events(&mut conn, &from_day, &to_day)
        .await?
        .iter()
        .map(|(day, covers)| (day_of(day), *covers))
        .collect();
    let total = |rows: &[(i64, i64)]| rows.iter().map(|(_, v)| v).sum::<i64>();
    let minutes = total(&worked);
    let cape = repo::cape_people(&mut conn, &from_day, &to_day).await?;
    let (people, public) = people_figures(&facts, period, today, cape, minutes, &opening);
    let (students, garments) = repo::hem_received(&mut conn, start, end).await?;
    let jobs = crate::made_to_order::repo::jobs_between(&mut conn, start, end).await?;
    let clients = crate::partners::repo::clients_between(&mut conn, start, end).await?;
    let mut activity = vec![
        Figure::new("alterations_done", collected.len() as i64, "count"),
        Figure::new("hem_students", students, "count"),
        Figure::new("hem_garments", garments, "count"),
        Figure::new("restaurant_services", meals.len() as i64, "count"),
        Figure::new("meals_served", total(&meals), "count"),
        Figure::new("catering_events", events.len() as i64, "count"),
        Figure::new("catering_covers", total(&events), "count"),
        Figure::new("made_to_order_jobs", jobs, "count"),
        Figure::new("client_organisations", clients.clients, "count"),
        Figure::new("regular_organisations", clients.regular, "count"),
    ];
    if period.since_start {
        for figure in &mut activity {
            figure.value += opening.get(&figure.key);
        }
    }
    // "Since the start" is charted from the first pathway, not from the year 2000.
    let charted = if period.since_start {
        let first = facts.iter().map(|f| f.entry).min().unwrap_or(today);
        Period {
            from: first.max(period.from).min(today),
            ..period
        }
    } else {
        period
    };
    let counted = |rows: &[(i64, i64)]| -> Vec<(i64, i64)> {
        rows.iter().map(|(day, _)| (*day, 1)).collect()
    };
    let series = CHARTED
        .iter()
        .map(|(key, unit)| {
            let points = match *key {
                "hours" => bucketed(charted, &worked),
                "meals_served" => bucketed(charted, &meals),
                "alterations_done" => bucketed(charted, &collected),
                _ => bucketed(charted, &counted(&events)),
            };
            Series {
                key: (*key).to_owned(),
                unit: (*unit).to_owned(),
                points,
            }
        })
        .collect();
    Ok(KeyFigures {
        period,
        today,
        people,
        public,
        activity,
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
