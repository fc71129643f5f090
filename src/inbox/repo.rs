//! One query per kind of item, over each capability's own tables, and the claims.

use super::{ATTENDANCE_DAYS, Item, QUOTE_WAIT_DAYS, sector_of};
use crate::ui::time::{format_date, local_to_utc, paris_day, weekday};
use sqlx::SqliteConnection;
use std::collections::HashMap;

/// A row every kind's query answers: id, since, detail, day (YYYY-MM-DD), an instant whose
/// Paris day is the day instead, count, sector (a planning sector or an inbox one).
type Row = (
    i64,
    i64,
    String,
    Option<String>,
    Option<i64>,
    i64,
    Option<String>,
);

async fn rows(
    conn: &mut SqliteConnection,
    sql: &str,
    binds: &[&str],
) -> Result<Vec<Row>, sqlx::Error> {
    let mut query = sqlx::query_as::<_, Row>(sql);
    for value in binds {
        query = query.bind(*value);
    }
    query.fetch_all(conn).await
}

/// Everything to do at `now` (`today` is its Paris day), unfiltered.
pub async fn items(
    conn: &mut SqliteConnection,
    now: i64,
    today: i64,
) -> Result<Vec<Item>, sqlx::Error> {
    let today_s = format_date(today);
    let day_start = local_to_utc(today, 0).to_string();
    let day_end = local_to_utc(today + 1, 0).to_string();
    // The week ends on the Monday after today.
    let week_end = local_to_utc(today + 8 - i64::from(weekday(today)), 0).to_string();
    let now_s = now.to_string();
    let quote_before = (now - QUOTE_WAIT_DAYS * 86_400).to_string();
    let attendance_after = (now - ATTENDANCE_DAYS * 86_400).to_string();
    // (kind, SQL, binds, link pattern with {id} and {day}).
    let kinds: [(&str, &str, Vec<&str>, &str); 11] = [
        (
            "alteration_to_answer",
            "SELECT id, created_at, reference || ' · ' || contact_name, dropoff_date, NULL, 0, 'textile'
             FROM alteration_request WHERE status = 'requested'",
            vec![],
            "/equipe/retouches/{id}",
        ),
        (
            "dropoff_today",
            "SELECT id, updated_at, reference || ' · ' || contact_name, dropoff_date, NULL, 0, 'textile'
             FROM alteration_request WHERE status = 'accepted' AND dropoff_date = ?",
            vec![&today_s],
            "/equipe/retouches/{id}",
        ),
        (
            "pickup_waiting",
            "SELECT id, updated_at, reference || ' · ' || contact_name, NULL, NULL, 0, 'textile'
             FROM alteration_request WHERE status = 'ready'",
            vec![],
            "/equipe/retouches/{id}",
        ),
        (
            "absence_to_decide",
            "SELECT a.id, a.declared_at, p.first_name || ' ' || p.last_name,
                    NULL, sh.starts_at, 0, sh.sector_slug
             FROM absence a JOIN assignment s ON s.id = a.assignment_id
             JOIN shift sh ON sh.id = s.shift_id JOIN person p ON p.id = s.person_id
             WHERE a.status = 'pending'",
            vec![],
            "/equipe/planning/absences",
        ),
        (
            "catering_to_quote",
            "SELECT r.id, r.created_at, r.reference || ' · ' || r.organisation, r.event_day, NULL, r.covers,
                    'alimentation'
             FROM catering_request r WHERE r.status = 'requested' AND NOT EXISTS (
                 SELECT 1 FROM quote q WHERE q.catering_request_id = r.id
                 AND q.status IN ('sent', 'accepted'))",
            vec![],
            "/equipe/traiteur/{id}",
        ),
        (
            "made_to_order_to_quote",
            "SELECT r.id, r.created_at, r.reference || CASE WHEN r.organisation = '' THEN ''
                    ELSE ' · ' || r.organisation END, r.wished_day, NULL, r.quantity,
                    CASE WHEN r.kind = 'pallet' THEN NULL ELSE 'textile' END
             FROM made_to_order_request r WHERE r.status = 'requested' AND NOT EXISTS (
                 SELECT 1 FROM quote q WHERE q.made_to_order_request_id = r.id
                 AND q.status IN ('sent', 'accepted'))",
            vec![],
            "/equipe/sur-mesure/{id}",
        ),
        (
            "quote_waiting",
            "SELECT q.id, q.sent_at, q.number || ' · ' || coalesce(c.organisation, m.reference),
                    q.valid_until, NULL, 0,
                    CASE WHEN q.catering_request_id IS NOT NULL THEN 'alimentation'
                         WHEN m.kind = 'pallet' THEN NULL ELSE 'textile' END
             FROM quote q LEFT JOIN catering_request c ON c.id = q.catering_request_id
             LEFT JOIN made_to_order_request m ON m.id = q.made_to_order_request_id
             WHERE q.status = 'sent' AND q.sent_at < ? AND q.valid_until >= ?",
            vec![&quote_before, &today_s],
            "/equipe/devis/{id}",
        ),
        (
            "lunch_to_prepare",
            "SELECT s.id, min(o.created_at), '', s.day, NULL, count(*), 'alimentation'
             FROM lunch_service s JOIN lunch_order o ON o.service_id = s.id
             WHERE s.day = (SELECT min(day) FROM lunch_service WHERE day >= ?)
               AND o.status = 'placed'
             GROUP BY s.id",
            vec![&today_s],
            "/cuisine/{id}",
        ),
        (
            "hem_day_today",
            "SELECT c.id, min(sl.starts_at), c.title, ?, NULL, sum(sl.booked), 'textile'
             FROM campaign c JOIN campaign_slot sl ON sl.campaign_id = c.id
             WHERE sl.starts_at >= ? AND sl.starts_at < ?
             GROUP BY c.id",
            vec![&today_s, &day_start, &day_end],
            "/equipe/ourlets/{id}/jour/{day}",
        ),
        (
            "shift_missing_people",
            "SELECT sh.id, sh.starts_at, se.name,
                    NULL, sh.starts_at,
                    sh.places - (SELECT count(*) FROM assignment a WHERE a.shift_id = sh.id
                        AND (a.attendance IS NULL OR a.attendance = 'attended')),
                    sh.sector_slug
             FROM shift sh JOIN sector se ON se.slug = sh.sector_slug
             WHERE sh.starts_at >= ? AND sh.starts_at < ?
               AND sh.places > (SELECT count(*) FROM assignment a WHERE a.shift_id = sh.id
                        AND (a.attendance IS NULL OR a.attendance = 'attended'))",
            vec![&now_s, &week_end],
            "/equipe/planning/creneau/{id}",
        ),
        (
            "attendance_to_mark",
            "SELECT sh.id, sh.ends_at, se.name,
                    NULL, sh.starts_at, count(*),
                    sh.sector_slug
             FROM shift sh JOIN sector se ON se.slug = sh.sector_slug
             JOIN assignment a ON a.shift_id = sh.id
             WHERE sh.ends_at < ? AND sh.ends_at >= ? AND a.attendance IS NULL
             GROUP BY sh.id",
            vec![&now_s, &attendance_after],
            "/equipe/planning/creneau/{id}",
        ),
    ];
    let claims = claims(conn).await?;
    let mut items = Vec::new();
    for (kind, sql, binds, link) in kinds {
        for (id, since, detail, day, at, count, sector) in rows(conn, sql, &binds).await? {
            let day = day.or_else(|| at.map(|at| format_date(paris_day(at))));
            let sector = sector.and_then(|s| match s.as_str() {
                "textile" | "alimentation" => Some(s),
                planning => sector_of(planning).map(str::to_owned),
            });
            items.push(Item {
                kind: kind.to_owned(),
                id,
                since,
                link: link
                    .replace("{id}", &id.to_string())
                    .replace("{day}", day.as_deref().unwrap_or_default()),
                detail,
                day,
                count,
                sector,
                taken_by: claims.get(&(kind.to_owned(), id)).cloned(),
            });
        }
    }
    Ok(items)
}

/// Who took what.
async fn claims(
    conn: &mut SqliteConnection,
) -> Result<HashMap<(String, i64), (i64, String)>, sqlx::Error> {
    let rows: Vec<(String, i64, i64, String)> = sqlx::query_as(
        "SELECT c.kind, c.item_id, p.id, p.first_name FROM inbox_claim c
         JOIN person p ON p.id = c.person_id",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(kind, id, person, name)| ((kind, id), (person, name)))
        .collect())
}

/// Takes an item for `person_id` (taking it from a colleague is allowed: they are told by the
/// name shown).
pub async fn take(
    conn: &mut SqliteConnection,
    kind: &str,
    item_id: i64,
    person_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO inbox_claim (kind, item_id, person_id, claimed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (kind, item_id) DO UPDATE SET person_id = excluded.person_id,
             claimed_at = excluded.claimed_at",
    )
    .bind(kind)
    .bind(item_id)
    .bind(person_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn release(
    conn: &mut SqliteConnection,
    kind: &str,
    item_id: i64,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query("DELETE FROM inbox_claim WHERE kind = ? AND item_id = ?")
        .bind(kind)
        .bind(item_id)
        .execute(conn)
        .await?;
    Ok(result.rows_affected() == 1)
}
