//! The demo's accounts data (`DEMO=true`): what `make run` shows. Kept apart from the rules and
//! the SQL so that a newcomer reads those without it.

use super::{Role, password, repo};
use crate::server::now;

/// Role, first and last name, email, phone, password, sectors.
type DemoPerson = (
    Role,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    &'static [&'static str],
);

/// The demo's people: an admin, the two coaches, two participants (one with a password).
/// Their sign-ins are printed by `make run`.
pub async fn demo(conn: &mut sqlx::SqliteConnection) -> Result<(), sqlx::Error> {
    let people: [DemoPerson; 5] = [
        (
            Role::Admin,
            "Nadia",
            "Benali",
            Some("nadia@coopmanau.example"),
            None,
            Some(DEMO_STAFF_PASSWORD),
            &[],
        ),
        (
            Role::Staff,
            "Claire",
            "Dubois",
            Some("claire@coopmanau.example"),
            None,
            Some(DEMO_STAFF_PASSWORD),
            &["couture", "conciergerie"],
        ),
        (
            Role::Staff,
            "Karim",
            "Haddad",
            Some("karim@coopmanau.example"),
            None,
            Some(DEMO_STAFF_PASSWORD),
            &["cuisine", "salle"],
        ),
        (
            Role::Participant,
            "Aïcha",
            "Diallo",
            None,
            Some("06 11 22 33 44"),
            None,
            &["couture", "conciergerie"],
        ),
        (
            Role::Participant,
            "Jean",
            "Lefebvre",
            None,
            Some("06 55 66 77 88"),
            Some(DEMO_PARTICIPANT_PASSWORD),
            &["cuisine", "salle"],
        ),
    ];
    for (role, first_name, last_name, email, phone, secret, sectors) in people {
        let hash = match secret {
            Some(secret) => Some(
                password::hash(secret.to_owned())
                    .await
                    .map_err(sqlx::Error::Protocol)?,
            ),
            None => None,
        };
        let person = repo::NewPerson {
            role,
            first_name,
            last_name,
            email,
            phone,
            password_hash: hash.as_deref(),
        };
        let id = repo::insert_person(conn, &person, now()).await?;
        let sectors: Vec<String> = sectors.iter().map(|s| (*s).to_owned()).collect();
        repo::set_sectors(conn, id, &sectors).await?;
    }
    Ok(())
}

pub const DEMO_STAFF_PASSWORD: &str = "Blanchemaille-2026";
pub const DEMO_PARTICIPANT_PASSWORD: &str = "Jean-Roubaix-2026";
