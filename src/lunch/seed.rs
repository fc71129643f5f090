//! The demo's lunch data (`DEMO=true`): what `make run` shows. Kept apart from the rules and
//! the SQL so that a newcomer reads those without it.

use super::{LunchDay, next_days, repo, repo::NewDish, service::insert_service_for, weekday};
use crate::server::now;
use sqlx::SqliteConnection;

/// The next two services (computed from now) with their menus.
pub async fn demo(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    let days: Vec<LunchDay> = repo::list_days(conn)
        .await?
        .into_iter()
        .filter(|d| d.active)
        .collect();
    let weekdays: Vec<u8> = days.iter().map(|d| d.weekday).collect();
    let menus: [&[DemoDish]; 2] = [
        &[
            (
                "entree",
                "Soupe de potiron",
                "Potiron du jardin partagé, crème",
                300,
                20,
                &["lait", "celeri"],
                "végétarien",
            ),
            (
                "entree",
                "Salade de lentilles",
                "Lentilles, échalote, vinaigrette à la moutarde",
                300,
                15,
                &["moutarde"],
                "végétarien",
            ),
            (
                "plat",
                "Couscous aux légumes",
                "Semoule, pois chiches, légumes de saison",
                850,
                25,
                &["gluten", "celeri"],
                "végétarien, fait maison",
            ),
            (
                "plat",
                "Poulet yassa, riz",
                "Poulet mariné au citron et aux oignons",
                900,
                20,
                &["moutarde"],
                "fait maison",
            ),
            (
                "dessert",
                "Tarte aux pommes",
                "Pâte brisée maison",
                300,
                15,
                &["gluten", "oeufs", "lait"],
                "fait maison",
            ),
            (
                "boisson",
                "Jus de bissap",
                "Fleur d'hibiscus, menthe",
                200,
                30,
                &[],
                "",
            ),
        ],
        &[
            (
                "entree",
                "Houmous et crudités",
                "Pois chiches, tahini, carottes",
                300,
                20,
                &["sesame"],
                "végétarien",
            ),
            (
                "plat",
                "Carbonnade flamande, frites",
                "Bœuf à la bière et au pain d'épices",
                900,
                20,
                &["gluten", "sulfites", "moutarde"],
                "fait maison",
            ),
            (
                "plat",
                "Tajine de pois chiches",
                "Pois chiches, courge, abricots secs",
                850,
                20,
                &["fruits_a_coque"],
                "végétarien",
            ),
            (
                "dessert",
                "Riz au lait",
                "À la vanille",
                250,
                20,
                &["lait"],
                "",
            ),
            (
                "boisson",
                "Citronnade",
                "Citron, gingembre",
                200,
                30,
                &[],
                "",
            ),
        ],
    ];
    // Holidays are skipped (the public menus hide them).
    let open_days = next_days(now(), &weekdays, 8)
        .into_iter()
        .filter(|day| crate::home::calendar::public_holiday(*day).is_none());
    for (days_number, menu) in open_days.zip(menus) {
        let Some(config) = days.iter().find(|d| d.weekday == weekday(days_number)) else {
            continue;
        };
        let id = insert_service_for(conn, days_number, config)
            .await
            .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        for (course, name, description, price_cents, portions, allergens, labels) in menu {
            let codes: Vec<String> = allergens.iter().map(|a| (*a).to_owned()).collect();
            let dish = NewDish {
                course: (*course).to_owned(),
                name: (*name).to_owned(),
                description: (*description).to_owned(),
                price_cents: *price_cents,
                portions: *portions,
                allergens: super::allergen_mask(&codes)
                    .map_err(|e| sqlx::Error::Protocol(e.into()))?,
                labels: super::parse_labels(labels).map_err(|e| sqlx::Error::Protocol(e.into()))?,
            };
            repo::insert_dish(conn, id, &dish).await?;
        }
    }
    Ok(())
}

type DemoDish = (
    &'static str,
    &'static str,
    &'static str,
    i64,
    i64,
    &'static [&'static str],
    &'static str,
);
