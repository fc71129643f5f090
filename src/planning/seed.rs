//! The demo's planning data (`DEMO=true`): what `make run` shows. Kept apart from the rules and
//! the SQL so that a newcomer reads those without it.

use super::{ShiftForm, monday_of, repo};
use crate::{
    server::now,
    ui::time::{local_to_utc, utc_to_paris},
};

/// A weekly shift of the demo: weekdays from Monday = 0, minutes after midnight.
struct DemoShift {
    weekdays: &'static [i64],
    sector: &'static str,
    starts: i64,
    ends: i64,
    places: i64,
    place: &'static str,
    note: &'static str,
}

/// This week and next: kitchen and dining room on lunch days (Tuesday, Thursday), sewing on
/// Monday, Wednesday and Friday mornings, the conciergerie every weekday afternoon; the demo
/// participants on the shifts of their sectors.
pub async fn demo(conn: &mut sqlx::SqliteConnection) -> Result<(), sqlx::Error> {
    let monday = monday_of(utc_to_paris(now()).0);
    let people: Vec<(i64, String)> = sqlx::query_as(
        "SELECT ps.person_id, ps.sector_slug FROM person_sector ps JOIN person p ON p.id = ps.person_id
         WHERE p.role = 'participant' AND p.active = 1 ORDER BY ps.person_id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let plan = [
        DemoShift {
            weekdays: &[1, 3],
            sector: "cuisine",
            starts: 9 * 60,
            ends: 14 * 60 + 30,
            places: 3,
            place: "Cuisine du centre social",
            note: "Tenue de cuisine fournie.",
        },
        DemoShift {
            weekdays: &[1, 3],
            sector: "salle",
            starts: 11 * 60 + 30,
            ends: 14 * 60 + 30,
            places: 2,
            place: "Salle de Blanchemaille",
            note: "",
        },
        DemoShift {
            weekdays: &[0, 2, 4],
            sector: "couture",
            starts: 9 * 60,
            ends: 12 * 60 + 30,
            places: 2,
            place: "Atelier couture",
            note: "",
        },
        DemoShift {
            weekdays: &[0, 1, 2, 3, 4],
            sector: "conciergerie",
            starts: 13 * 60 + 30,
            ends: 16 * 60 + 30,
            places: 1,
            place: "Accueil conciergerie",
            note: "",
        },
    ];
    let at = now();
    for week in [monday, monday + 7] {
        for DemoShift {
            weekdays,
            sector,
            starts,
            ends,
            places,
            place,
            note,
        } in &plan
        {
            for weekday in *weekdays {
                let day = week + weekday;
                let form = ShiftForm {
                    sector: (*sector).to_owned(),
                    starts_at: local_to_utc(day, *starts),
                    ends_at: local_to_utc(day, *ends),
                    places: *places,
                    place: (*place).to_owned(),
                    note: (*note).to_owned(),
                };
                let id = repo::insert_shift(conn, &form, Some(1), at).await?;
                let mut filled = 0;
                for (person_id, _) in people.iter().filter(|(_, s)| s == sector) {
                    if filled < *places
                        && !repo::has_overlap(conn, *person_id, form.starts_at, form.ends_at)
                            .await?
                    {
                        repo::insert_assignment(conn, id, *person_id, at).await?;
                        filled += 1;
                    }
                }
            }
        }
    }
    Ok(())
}
