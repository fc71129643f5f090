use super::{ClientCounts, Contact, HistoryEntry, Organisation, Partner, is_regular, orders_since};
use sqlx::{SqliteConnection, SqliteExecutor};

#[derive(sqlx::FromRow)]
struct PartnerRow {
    id: i64,
    name: String,
    active: bool,
}

impl From<PartnerRow> for Partner {
    fn from(row: PartnerRow) -> Self {
        Partner {
            id: row.id,
            name: row.name,
            active: row.active,
        }
    }
}

/// Every partner, active ones first, by name (staff see all; forms offer the active ones).
pub async fn list(db: impl SqliteExecutor<'_>) -> Result<Vec<Partner>, sqlx::Error> {
    let rows: Vec<PartnerRow> = sqlx::query_as(
        "SELECT id, name, active FROM partner ORDER BY active DESC, name COLLATE NOCASE",
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(Partner::from).collect())
}

/// An active partner by id: what a form may name.
pub async fn find_active(
    db: impl SqliteExecutor<'_>,
    id: i64,
) -> Result<Option<Partner>, sqlx::Error> {
    let row: Option<PartnerRow> =
        sqlx::query_as("SELECT id, name, active FROM partner WHERE id = ? AND active = 1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(row.map(Partner::from))
}

pub async fn insert(conn: &mut SqliteConnection, name: &str, now: i64) -> Result<i64, sqlx::Error> {
    let result = sqlx::query("INSERT INTO partner (name, created_at) VALUES (?, ?)")
        .bind(name)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(result.last_insert_rowid())
}

pub async fn set_active(
    conn: &mut SqliteConnection,
    id: i64,
    active: bool,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query("UPDATE partner SET active = ? WHERE id = ?")
        .bind(active)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(result.rows_affected() == 1)
}

/// The organisation a public request names: the one with this SIRET, else the one with this
/// name (any case), else a new one. A request never changes what staff entered.
pub async fn find_or_create(
    conn: &mut SqliteConnection,
    name: &str,
    siret: Option<&str>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    // Requests take 120 characters, the list 100 (the partner table's CHECK): the list keeps
    // the beginning, the request the whole name.
    let name: String = name.chars().take(100).collect();
    let name = name.as_str();
    if let Some(siret) = siret {
        let by_siret: Option<i64> = sqlx::query_scalar("SELECT id FROM partner WHERE siret = ?")
            .bind(siret)
            .fetch_optional(&mut *conn)
            .await?;
        if let Some(id) = by_siret {
            return Ok(id);
        }
    }
    let by_name: Option<i64> =
        sqlx::query_scalar("SELECT id FROM partner WHERE name = ? COLLATE NOCASE")
            .bind(name)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some(id) = by_name {
        return Ok(id);
    }
    sqlx::query_scalar(
        "INSERT INTO partner (name, siret, created_at) VALUES (?, ?, ?) RETURNING id",
    )
    .bind(name)
    .bind(siret)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Every order of every organisation, as (organisation, time): the rule of `HistoryEntry`.
const ORDERS: &str = "
    SELECT r.partner_id AS partner_id, min(q.answered_at) AS at FROM quote q
        JOIN catering_request r ON r.id = q.catering_request_id
        WHERE q.status = 'accepted' AND r.partner_id IS NOT NULL GROUP BY r.id
    UNION ALL
    SELECT r.partner_id, min(q.answered_at) FROM quote q
        JOIN made_to_order_request r ON r.id = q.made_to_order_request_id
        WHERE q.status = 'accepted' AND r.partner_id IS NOT NULL GROUP BY r.id
    UNION ALL
    SELECT partner_id, created_at FROM alteration_request
        WHERE partner_id IS NOT NULL AND status NOT IN ('declined', 'cancelled')
    UNION ALL
    SELECT partner_id, created_at FROM campaign WHERE partner_id IS NOT NULL";

pub async fn regular_orders(conn: &mut SqliteConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT regular_orders FROM partner_settings WHERE id = 1")
        .fetch_one(conn)
        .await
}

pub async fn save_regular_orders(conn: &mut SqliteConnection, n: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE partner_settings SET regular_orders = ? WHERE id = 1")
        .bind(n)
        .execute(conn)
        .await?;
    Ok(())
}

/// Each organisation's order times.
async fn order_times(
    conn: &mut SqliteConnection,
) -> Result<std::collections::HashMap<i64, Vec<i64>>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(&format!("SELECT partner_id, at FROM ({ORDERS})"))
        .fetch_all(conn)
        .await?;
    let mut times = std::collections::HashMap::<i64, Vec<i64>>::new();
    for (partner, at) in rows {
        times.entry(partner).or_default().push(at);
    }
    Ok(times)
}

#[derive(sqlx::FromRow)]
struct OrganisationRow {
    id: i64,
    name: String,
    kind: String,
    siret: Option<String>,
    active: bool,
}

fn organisation(row: OrganisationRow, times: &[i64], now: i64, threshold: i64) -> Organisation {
    Organisation {
        id: row.id,
        name: row.name,
        kind: row.kind,
        siret: row.siret,
        active: row.active,
        orders: times.len() as i64,
        orders_last_year: orders_since(times, now - super::REGULAR_WINDOW_SECS),
        regular: is_regular(times, now, threshold),
    }
}

/// Every organisation with its orders: clients first (most orders over the year first), then
/// the others by name.
pub async fn organisations(
    conn: &mut SqliteConnection,
    now: i64,
) -> Result<(Vec<Organisation>, ClientCounts), sqlx::Error> {
    let threshold = regular_orders(conn).await?;
    let times = order_times(conn).await?;
    let rows: Vec<OrganisationRow> = sqlx::query_as(
        "SELECT id, name, kind, siret, active FROM partner ORDER BY name COLLATE NOCASE",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut list: Vec<Organisation> = rows
        .into_iter()
        .map(|row| {
            let mine = times.get(&row.id).map(Vec::as_slice).unwrap_or(&[]);
            organisation(row, mine, now, threshold)
        })
        .collect();
    list.sort_by_key(|o| (o.orders == 0, -o.orders_last_year));
    let counts = ClientCounts {
        clients: list.iter().filter(|o| o.orders > 0).count() as i64,
        regular: list.iter().filter(|o| o.regular).count() as i64,
        regular_orders: threshold,
    };
    Ok((list, counts))
}

/// The client counts alone (for the key figures).
pub async fn client_counts(
    conn: &mut SqliteConnection,
    now: i64,
) -> Result<ClientCounts, sqlx::Error> {
    Ok(organisations(conn, now).await?.1)
}

pub async fn find_organisation(
    conn: &mut SqliteConnection,
    id: i64,
    now: i64,
) -> Result<Option<Organisation>, sqlx::Error> {
    let threshold = regular_orders(conn).await?;
    let row: Option<OrganisationRow> =
        sqlx::query_as("SELECT id, name, kind, siret, active FROM partner WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(row) = row else { return Ok(None) };
    let times: Vec<i64> =
        sqlx::query_scalar(&format!("SELECT at FROM ({ORDERS}) WHERE partner_id = ?"))
            .bind(id)
            .fetch_all(conn)
            .await?;
    Ok(Some(organisation(row, &times, now, threshold)))
}

pub async fn update(
    conn: &mut SqliteConnection,
    id: i64,
    name: &str,
    kind: &str,
    siret: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query("UPDATE partner SET name = ?, kind = ?, siret = ? WHERE id = ?")
        .bind(name)
        .bind(kind)
        .bind(siret)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn contacts(
    conn: &mut SqliteConnection,
    partner_id: i64,
) -> Result<Vec<Contact>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT id, name, role, email, phone FROM partner_contact WHERE partner_id = ?
         ORDER BY name COLLATE NOCASE",
    )
    .bind(partner_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, role, email, phone)| Contact {
            id,
            name,
            role,
            email,
            phone,
        })
        .collect())
}

pub async fn add_contact(
    conn: &mut SqliteConnection,
    partner_id: i64,
    contact: &Contact,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO partner_contact (partner_id, name, role, email, phone, created_at)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(partner_id)
    .bind(&contact.name)
    .bind(&contact.role)
    .bind(&contact.email)
    .bind(&contact.phone)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn remove_contact(
    conn: &mut SqliteConnection,
    partner_id: i64,
    contact_id: i64,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query("DELETE FROM partner_contact WHERE id = ? AND partner_id = ?")
        .bind(contact_id)
        .bind(partner_id)
        .execute(conn)
        .await?;
    Ok(result.rows_affected() == 1)
}

/// The people who wrote the organisation's requests, latest first (erased ones left out).
pub async fn requesters(
    conn: &mut SqliteConnection,
    partner_id: i64,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT contact_name FROM (
             SELECT contact_name, created_at FROM catering_request
                 WHERE partner_id = ?1 AND erased_at IS NULL
             UNION ALL
             SELECT contact_name, created_at FROM made_to_order_request
                 WHERE partner_id = ?1 AND erased_at IS NULL)
         GROUP BY contact_name ORDER BY max(created_at) DESC LIMIT 20",
    )
    .bind(partner_id)
    .fetch_all(conn)
    .await
}

/// Everything the organisation asked for, latest first.
pub async fn history(
    conn: &mut SqliteConnection,
    partner_id: i64,
) -> Result<Vec<HistoryEntry>, sqlx::Error> {
    let rows: Vec<(String, i64, i64, String, String, i64)> = sqlx::query_as(
        "SELECT 'catering', r.id, r.created_at, r.reference,
                coalesce((SELECT q.status FROM quote q WHERE q.catering_request_id = r.id
                          ORDER BY q.version DESC LIMIT 1), r.status),
                EXISTS (SELECT 1 FROM quote q WHERE q.catering_request_id = r.id
                        AND q.status = 'accepted')
             FROM catering_request r WHERE r.partner_id = ?1
         UNION ALL
         SELECT 'made_to_order', r.id, r.created_at, r.reference,
                coalesce((SELECT q.status FROM quote q WHERE q.made_to_order_request_id = r.id
                          ORDER BY q.version DESC LIMIT 1), r.status),
                EXISTS (SELECT 1 FROM quote q WHERE q.made_to_order_request_id = r.id
                        AND q.status = 'accepted')
             FROM made_to_order_request r WHERE r.partner_id = ?1
         UNION ALL
         SELECT 'alteration', id, created_at, reference, status,
                status NOT IN ('declined', 'cancelled')
             FROM alteration_request WHERE partner_id = ?1
         UNION ALL
         SELECT 'campaign', id, created_at, title, CASE WHEN closed_at IS NULL THEN 'open'
                ELSE 'closed' END, 1
             FROM campaign WHERE partner_id = ?1
         ORDER BY 3 DESC LIMIT 200",
    )
    .bind(partner_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(capability, id, at, reference, status, order)| {
            let link = match capability.as_str() {
                "catering" => format!("/equipe/traiteur/{id}"),
                "made_to_order" => format!("/equipe/sur-mesure/{id}"),
                "alteration" => format!("/equipe/retouches/{id}"),
                _ => format!("/equipe/ourlets/{id}"),
            };
            HistoryEntry {
                capability,
                at,
                reference,
                status,
                order: order == 1,
                link,
            }
        })
        .collect())
}

/// Deletes the people noted for organisations that ordered and asked nothing since `before`
/// (the company contacts' period, as for catering requests).
pub async fn purge_contacts(conn: &mut SqliteConnection, before: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "DELETE FROM partner_contact WHERE created_at < ?1 AND partner_id NOT IN (
             SELECT partner_id FROM catering_request WHERE partner_id IS NOT NULL AND updated_at >= ?1
             UNION SELECT partner_id FROM made_to_order_request
                 WHERE partner_id IS NOT NULL AND updated_at >= ?1
             UNION SELECT partner_id FROM alteration_request
                 WHERE partner_id IS NOT NULL AND updated_at >= ?1
             UNION SELECT partner_id FROM campaign WHERE partner_id IS NOT NULL AND closes_at >= ?1)",
    )
    .bind(before)
    .execute(conn)
    .await?
    .rows_affected())
}

/// Client organisations for a period (Unix times, `to` excluded): those with an order in it,
/// and the regular ones at its end (at least the threshold's orders over the 12 months before).
pub async fn clients_between(
    conn: &mut SqliteConnection,
    from: i64,
    to: i64,
) -> Result<ClientCounts, sqlx::Error> {
    let threshold = regular_orders(conn).await?;
    let times = order_times(conn).await?;
    let clients = times
        .values()
        .filter(|t| t.iter().any(|at| (from..to).contains(at)))
        .count() as i64;
    let regular = times
        .values()
        .filter(|t| {
            let before: Vec<i64> = t.iter().copied().filter(|at| *at < to).collect();
            is_regular(&before, to, threshold)
        })
        .count() as i64;
    Ok(ClientCounts {
        clients,
        regular,
        regular_orders: threshold,
    })
}
