//! The demo's alterations data (`DEMO=true`): what `make run` shows. Kept apart from the rules and
//! the SQL so that a newcomer reads those without it.

use super::{Status, dropoff_days, estimate, format_day, repo};
use crate::{
    accounts::token::{hash_token, new_reference, new_token},
    server::now,
    ui::time::paris_day,
};

/// The demo: the price list and a few requests at different stages.
pub async fn demo(conn: &mut sqlx::SqliteConnection) -> Result<(), sqlx::Error> {
    seed_services(conn).await?;
    let open = repo::open_weekdays(&mut *conn).await?;
    let today = paris_day(now());
    let days = dropoff_days(today + 1, &open);
    let services = repo::list_services(&mut *conn, true).await?;
    let demo: [(&str, &str, usize, u32, &str, Status); 3] = [
        (
            "Fatima B.",
            "06 11 22 33 44",
            0,
            2,
            "Pantalons noirs, raccourcir de 3 cm",
            Status::Requested,
        ),
        (
            "Marc D.",
            "06 22 33 44 55",
            3,
            1,
            "Blouson, fermeture cassée",
            Status::Accepted,
        ),
        (
            "Sophie L.",
            "06 33 44 55 66",
            6,
            4,
            "Chemises blanches",
            Status::Ready,
        ),
    ];
    for (i, (name, phone, service, quantity, note, status)) in demo.into_iter().enumerate() {
        let service = &services[service.min(services.len() - 1)];
        let day = format_day(days.get(i).copied().unwrap_or(today + 1));
        let token = new_token();
        let token_hash = hash_token(&token);
        let estimate = estimate([(service.price_cents, quantity)]);
        let id = repo::insert_request(
            conn,
            &repo::NewRequest {
                reference: &new_reference('R'),
                token_hash: &token_hash,
                contact_name: name,
                phone: Some(phone),
                email: None,
                partner_id: None,
                dropoff_date: &day,
                estimate,
                client_key: None,
            },
            now(),
        )
        .await?;
        repo::insert_item(conn, id, service.id, quantity, service.price_cents, note).await?;
        let path: &[Status] = match status {
            Status::Accepted => &[Status::Accepted],
            Status::Ready => &[Status::Accepted, Status::DroppedOff, Status::Ready],
            _ => &[],
        };
        let mut from = Status::Requested;
        for to in path {
            let fields = repo::DecisionFields {
                confirmed_cents: Some(estimate.total_cents),
                shelf: Some("B2"),
                ..Default::default()
            };
            repo::change_status(conn, id, from, *to, &fields, None, now()).await?;
            from = *to;
        }
    }
    Ok(())
}

/// Coop'Manau's price list, for the demo.
async fn seed_services(conn: &mut sqlx::SqliteConnection) -> Result<(), sqlx::Error> {
    let services: [(&str, &str, Option<i64>, i64); 9] = [
        (
            "Ourlet de pantalon",
            "Raccourcir ou rallonger, finition comme l'origine.",
            Some(900),
            3,
        ),
        (
            "Ourlet de jean",
            "Avec le point d'origine conservé.",
            Some(1200),
            3,
        ),
        (
            "Ourlet de jupe ou de robe",
            "Jupe droite ou robe simple.",
            Some(1200),
            5,
        ),
        (
            "Changement de fermeture éclair",
            "Pantalon, jupe ou veste (fermeture fournie).",
            Some(1500),
            5,
        ),
        (
            "Reprise de taille",
            "Resserrer ou élargir un pantalon ou une jupe.",
            Some(1400),
            5,
        ),
        (
            "Petite réparation",
            "Couture décousue, bouton, petit accroc.",
            Some(500),
            2,
        ),
        (
            "Repassage (la pièce)",
            "Chemise, pantalon, robe…",
            Some(250),
            1,
        ),
        (
            "Retouche sur mesure",
            "Manteau, robe de soirée, doublure… Prix après avoir vu le vêtement.",
            None,
            10,
        ),
        (
            "Inventaire de stock (entreprises)",
            "Comptage et étiquetage de vos textiles, sur place ou chez nous.",
            None,
            10,
        ),
    ];
    for (name, description, price_cents, turnaround_days) in services {
        repo::insert_service(
            conn,
            &repo::ServiceFields {
                name,
                description,
                price_cents,
                turnaround_days,
                active: true,
            },
        )
        .await?;
    }
    Ok(())
}
