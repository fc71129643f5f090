//! The demo's campaigns data (`DEMO=true`): what `make run` shows. Kept apart from the rules and
//! the SQL so that a newcomer reads those without it.

use super::{SlotPlan, repo};
use crate::{
    server::{db::is_unique_violation, now},
    ui::time::{civil, days_from_civil},
};

/// One campaign for the Lycée Hôtelier, open now, slots on the next five weekdays from the day
/// after tomorrow (dates computed from now: the demo is always in the future).
pub async fn demo(conn: &mut sqlx::SqliteConnection) -> Result<(), sqlx::Error> {
    let now = now();
    let partner: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM partner WHERE name = 'Lycée Hôtelier International de Lille'",
    )
    .fetch_optional(&mut *conn)
    .await?;
    let fields = repo::CampaignFields {
        title: "Opération ourlets — Lycée Hôtelier",
        partner_id: partner,
        description: "Les ourlets de votre uniforme faits à l'atelier couture de Coop'Manau. \
            Réservez un créneau, venez avec votre uniforme propre et vos chaussures de service.",
        place: "Atelier couture de Coop'Manau, Blanchemaille, Roubaix",
        opens_at: now - 24 * 3600,
        closes_at: now + 45 * 24 * 3600,
        invite_code: Some("OURLETS-LHIL"),
        max_garments: 3,
    };
    let id = match repo::insert_campaign(conn, "lycee-hotelier", &fields, now).await {
        Ok(id) => id,
        Err(error) if is_unique_violation(&error) => return Ok(()),
        Err(error) => return Err(error),
    };
    let (year, month, day) = civil(now.div_euclid(86_400) + 2);
    let (ly, lm, ld) = civil(days_from_civil(year, month, day) + 8);
    let plan = SlotPlan::parse(
        &format!("{year:04}-{month:02}-{day:02}"),
        &format!("{ly:04}-{lm:02}-{ld:02}"),
        &["1", "2", "3", "4", "5"].map(String::from),
        "09:00",
        "12:00",
        "20",
        "4",
    )
    .map_err(|(_, key)| sqlx::Error::Protocol(key.into()))?;
    let slots = plan
        .slots(&crate::home::calendar::Closed::default())
        .map_err(|key| sqlx::Error::Protocol(key.into()))?;
    repo::insert_slots(conn, id, &slots, plan.places).await?;
    Ok(())
}
