//! Campaign rules that need the database. Every decision is one BEGIN IMMEDIATE transaction on
//! the single writer; the capacity itself is decided by the database (triggers + CHECK).

use super::{
    Attendance, BookingForm, BookingOutcome, BookingView, Campaign, CampaignAccess, CampaignDetail,
    CampaignList, CampaignStatus, DayCounts, DaySheet, MIN_INVITE_CODE, PublicCampaign, SheetSlot,
    Slot, SlotPlan, batch::Refusal, day_of, invite_code_from, nearest_free, normalize_code,
    parse_date, parse_local_datetime, repo, slugify,
};
use crate::{
    accounts::{CurrentUser, audit, token},
    error::{AppError, FieldErrors},
    server::{AppState, now},
    ui::time::{civil, days_from_civil, paris_to_utc},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// How many free slots a "complet" answer offers.
const ALTERNATIVES: usize = 3;

fn field_errors(errors: &[(&'static str, &'static str)]) -> AppError {
    AppError::Validation(
        errors
            .iter()
            .map(|(field, key)| ((*field).to_owned(), (*key).to_owned()))
            .collect::<FieldErrors>(),
    )
}

// --- Staff: campaigns ---

/// A campaign as staff type it, validated.
pub struct CampaignForm {
    pub title: String,
    pub partner_id: Option<i64>,
    pub description: String,
    pub place: String,
    pub opens_at: i64,
    pub closes_at: i64,
    pub invite_code: Option<String>,
    pub max_garments: i64,
}

impl CampaignForm {
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        title: &str,
        partner_id: &str,
        description: &str,
        place: &str,
        opens_at: &str,
        closes_at: &str,
        invite_code: &str,
        max_garments: &str,
    ) -> Result<CampaignForm, AppError> {
        let mut errors: Vec<(&'static str, &'static str)> = Vec::new();
        let title = title.trim();
        if title.is_empty() {
            errors.push(("title", "name_required"));
        } else if title.chars().count() > 120 {
            errors.push(("title", "text_too_long"));
        }
        let partner_id = if partner_id.trim().is_empty() {
            None
        } else {
            match partner_id.trim().parse::<i64>() {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.push(("partner_id", "partner_unknown"));
                    None
                }
            }
        };
        let description = description.trim().replace("\r\n", "\n");
        if description.chars().count() > 2000 {
            errors.push(("description", "text_too_long"));
        }
        let place = place.trim();
        if place.is_empty() {
            errors.push(("place", "name_required"));
        } else if place.chars().count() > 200 {
            errors.push(("place", "text_too_long"));
        }
        let opens = parse_local_datetime(opens_at);
        if opens.is_none() {
            errors.push(("opens_at", "date_invalid"));
        }
        let closes = parse_local_datetime(closes_at);
        match (opens, closes) {
            (_, None) => errors.push(("closes_at", "date_invalid")),
            (Some(o), Some(c)) if c <= o => errors.push(("closes_at", "date_order")),
            _ => {}
        }
        // Kept as typed (capitals, spaces as dashes) for reading; compared normalized.
        let code = invite_code
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("-")
            .to_uppercase();
        let invite_code = if code.is_empty() {
            None
        } else if code.len() > 40 || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            errors.push(("invite_code", "invite_code_format"));
            None
        } else if normalize_code(&code).len() < MIN_INVITE_CODE {
            // Short codes can be guessed: the throttle lets a class's typos through freely.
            errors.push(("invite_code", "invite_code_too_short"));
            None
        } else {
            Some(code)
        };
        let max_garments = match max_garments.trim().parse::<i64>() {
            Ok(n) if (1..=20).contains(&n) => n,
            _ => {
                errors.push(("max_garments", "max_garments_invalid"));
                0
            }
        };
        if !errors.is_empty() {
            return Err(field_errors(&errors));
        }
        Ok(CampaignForm {
            title: title.to_owned(),
            partner_id,
            description,
            place: place.to_owned(),
            opens_at: opens.unwrap_or_default(),
            closes_at: closes.unwrap_or_default(),
            invite_code,
            max_garments,
        })
    }

    fn fields(&self) -> repo::CampaignFields<'_> {
        repo::CampaignFields {
            title: &self.title,
            partner_id: self.partner_id,
            description: &self.description,
            place: &self.place,
            opens_at: self.opens_at,
            closes_at: self.closes_at,
            invite_code: self.invite_code.as_deref(),
            max_garments: self.max_garments,
        }
    }
}

async fn check_partner(state: &AppState, partner_id: Option<i64>) -> Result<(), AppError> {
    if let Some(id) = partner_id
        && crate::partners::repo::find_active(&state.db.reader, id)
            .await?
            .is_none()
    {
        return Err(AppError::invalid("partner_id", "partner_unknown"));
    }
    Ok(())
}

pub async fn list_campaigns(state: &AppState) -> Result<CampaignList, AppError> {
    use rand::{Rng, rngs::OsRng};
    Ok(CampaignList {
        campaigns: repo::list_campaigns(&state.db.reader).await?,
        proposed_code: invite_code_from(|n| OsRng.gen_range(0..n)),
        partners: crate::partners::repo::list(&state.db.reader).await?,
        now: now(),
    })
}

pub async fn campaign_detail(state: &AppState, id: i64) -> Result<CampaignDetail, AppError> {
    let campaign = repo::find_campaign(&state.db.reader, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(CampaignDetail {
        share_link: share_link(state, &campaign),
        slots: repo::list_slots(&state.db.reader, id, 0).await?,
        bursts: repo::list_bursts(&state.db.reader, id, super::BURST_MIN).await?,
        campaign,
        partners: crate::partners::repo::list(&state.db.reader).await?,
        now: now(),
    })
}

pub async fn create_campaign(
    state: &AppState,
    actor: &CurrentUser,
    form: CampaignForm,
) -> Result<i64, AppError> {
    check_partner(state, form.partner_id).await?;
    let base = slugify(&form.title);
    let mut tx = state.db.begin_write().await?;
    let mut slug = base.clone();
    let mut n = 2;
    while repo::slug_taken(&mut *tx, &slug).await? {
        slug = format!("{base}-{n}");
        n += 1;
    }
    let id = repo::insert_campaign(&mut tx, &slug, &form.fields(), now()).await?;
    audit::record(&mut tx, actor, "create", "campaign", id, Some(&slug)).await?;
    tx.commit().await?;
    state.open_campaigns.invalidate();
    Ok(id)
}

pub async fn update_campaign(
    state: &AppState,
    actor: &CurrentUser,
    id: i64,
    form: CampaignForm,
) -> Result<(), AppError> {
    check_partner(state, form.partner_id).await?;
    let mut tx = state.db.begin_write().await?;
    if !repo::update_campaign(&mut tx, id, &form.fields()).await? {
        return Err(AppError::NotFound);
    }
    audit::record(&mut tx, actor, "update", "campaign", id, None).await?;
    tx.commit().await?;
    state.open_campaigns.invalidate();
    Ok(())
}

pub async fn close_campaign(
    state: &AppState,
    actor: &CurrentUser,
    id: i64,
) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    if repo::find_campaign(&mut *tx, id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    // Closing a closed campaign again changes nothing (a double tap).
    if repo::close_campaign(&mut tx, id, now()).await? {
        audit::record(&mut tx, actor, "close", "campaign", id, None).await?;
    }
    tx.commit().await?;
    state.open_campaigns.invalidate();
    Ok(())
}

/// Adds the plan's slots to a campaign (slots already there at the same time are kept as they
/// are). Returns how many were added.
pub async fn generate_slots(
    state: &AppState,
    actor: &CurrentUser,
    campaign_id: i64,
    plan: SlotPlan,
) -> Result<u64, AppError> {
    let mut tx = state.db.begin_write().await?;
    let closed = crate::home::service::closed(&mut *tx).await?;
    let slots = plan
        .slots(&closed)
        .map_err(|key| AppError::invalid("first_day", key))?;
    if repo::find_campaign(&mut *tx, campaign_id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let added = repo::insert_slots(&mut tx, campaign_id, &slots, plan.places).await?;
    audit::record(
        &mut tx,
        actor,
        "generate_slots",
        "campaign",
        campaign_id,
        Some(&added.to_string()),
    )
    .await?;
    tx.commit().await?;
    state.open_campaigns.invalidate();
    Ok(added)
}

/// New capacity (never below the places booked) and open or closed. Returns the campaign id.
pub async fn update_slot(
    state: &AppState,
    actor: &CurrentUser,
    slot_id: i64,
    capacity: i64,
    closed: bool,
) -> Result<i64, AppError> {
    if !(0..=super::MAX_SLOT_CAPACITY).contains(&capacity) {
        return Err(AppError::invalid("capacity", "capacity_invalid"));
    }
    let mut tx = state.db.begin_write().await?;
    let (campaign_id, slot) = repo::find_slot(&mut *tx, slot_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if capacity < slot.booked {
        return Err(AppError::invalid("capacity", "capacity_below_booked"));
    }
    repo::update_slot(&mut tx, slot_id, capacity, closed).await?;
    audit::record(
        &mut tx,
        actor,
        "update_slot",
        "campaign_slot",
        slot_id,
        Some(&format!(
            "{capacity}{}",
            if closed { ", closed" } else { "" }
        )),
    )
    .await?;
    tx.commit().await?;
    state.open_campaigns.invalidate();
    Ok(campaign_id)
}

// --- Public: the invite code ---

const LINK_PURPOSE: &str = "campaign-link";

/// What the shared link's key signs: the campaign and its current code, so that changing the
/// code revokes the links given out before.
fn link_message(campaign: &Campaign, code: &str) -> String {
    format!("{}\0{}", campaign.id, normalize_code(code))
}

/// The link staff hand to a class: `/ourlets/<slug>?cle=<signature>` when the campaign has a
/// code. Opening it needs no code and never counts as a guess.
pub fn share_link(state: &AppState, campaign: &Campaign) -> String {
    match &campaign.invite_code {
        Some(code) => format!(
            "/ourlets/{}?cle={}",
            campaign.slug,
            state
                .signer
                .sign(LINK_PURPOSE, &link_message(campaign, code))
        ),
        None => format!("/ourlets/{}", campaign.slug),
    }
}

/// What a student comes with: a typed code (or an old `?code=` link), or a shared link's key.
#[derive(Clone, Copy, Default)]
pub struct Pass<'a> {
    pub code: Option<&'a str>,
    pub key: Option<&'a str>,
}

/// Refused (429) only on strong evidence of guessing from this address (hundreds of wrong
/// codes): with 8 symbols out of 31, a class's typos and a prankster's tries cannot find a code,
/// so the right one is not refused because of them.
fn code_gate(state: &AppState, ip: &str) -> Result<(), AppError> {
    state
        .limits
        .campaign_code_strong
        .check(ip)
        .map_err(|retry_after_secs| AppError::RateLimited { retry_after_secs })
}

/// A wrong code (or a tampered key): counted against the address. Past a few, the answer is a
/// wait that grows with each further one (429 with `Retry-After`) instead of "wrong code".
fn code_failed(state: &AppState, ip: &str) -> AppError {
    tracing::info!("campaign invite code refused");
    let _ = state.limits.campaign_code_strong.fail(ip);
    match state.limits.campaign_code_ip.fail(ip) {
        Err(retry_after_secs) => AppError::RateLimited { retry_after_secs },
        Ok(()) => AppError::invalid("code", "invite_code_wrong"),
    }
}

/// Checks what a student brings for a campaign. A valid key is never counted nor slowed; a
/// right code only waits on strong evidence of an attack; a wrong code or key counts.
/// `Ok(false)`: a code is needed and none was given.
fn check_access(
    state: &AppState,
    ip: &str,
    campaign: &Campaign,
    pass: Pass<'_>,
) -> Result<bool, AppError> {
    let Some(expected) = &campaign.invite_code else {
        return Ok(true);
    };
    let key = pass.key.map(str::trim).filter(|k| !k.is_empty());
    if key.is_some_and(|key| {
        state
            .signer
            .verify(LINK_PURPOSE, &link_message(campaign, expected), key)
    }) {
        return Ok(true);
    }
    let code = pass.code.map(normalize_code).filter(|c| !c.is_empty());
    if key.is_none() && code.is_none() {
        return Ok(false);
    }
    code_gate(state, ip)?;
    if code.is_some_and(|code| code == normalize_code(expected)) {
        return Ok(true);
    }
    Err(code_failed(state, ip))
}

/// The campaign whose code a student typed (the "enter the invite code" page): its slug and its
/// code as staff wrote it (capitals, digits, dashes: safe in a URL, whatever the student typed).
pub async fn find_by_code(
    state: &AppState,
    ip: &str,
    code: &str,
) -> Result<(String, String), AppError> {
    let code = normalize_code(code);
    if code.is_empty() {
        return Err(AppError::invalid("code", "invite_code_wrong"));
    }
    code_gate(state, ip)?;
    let found = if code.len() <= 40 {
        repo::find_campaign_by_code(&state.db.reader, &code).await?
    } else {
        None
    };
    match found {
        Some(Campaign {
            slug,
            invite_code: Some(code),
            ..
        }) => Ok((slug, code)),
        _ => Err(code_failed(state, ip)),
    }
}

pub async fn public_campaign(
    state: &AppState,
    ip: &str,
    slug: &str,
    pass: Pass<'_>,
) -> Result<CampaignAccess, AppError> {
    let campaign = repo::find_campaign_by_slug(&state.db.reader, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if !check_access(state, ip, &campaign, pass)? {
        return Ok(CampaignAccess::CodeRequired);
    }
    let now = now();
    let slots = repo::list_slots(&state.db.reader, campaign.id, now).await?;
    Ok(CampaignAccess::Granted(Box::new(PublicCampaign {
        status: campaign.status(now),
        slug: campaign.slug,
        title: campaign.title,
        partner_name: campaign.partner_name,
        description: campaign.description,
        place: campaign.place,
        opens_at: campaign.opens_at,
        closes_at: campaign.closes_at,
        max_garments: campaign.max_garments,
        slots: slots.into_iter().filter(|s| s.starts_at > now).collect(),
        idempotency_key: token::new_token(),
        now,
    })))
}

// --- Public: booking ---

/// The private link's token of the booking made with `idempotency_key`: derived from it, so a
/// replayed submission leads to the same link while the database keeps only hashes of both.
fn link_token(idempotency_key: &str) -> String {
    let digest = Sha256::digest(format!(
        "coop-manau campaign booking link\0{idempotency_key}"
    ));
    URL_SAFE_NO_PAD.encode(digest)
}

pub fn booking_path(token: &str) -> String {
    format!("/ourlets/reservation/{token}")
}

/// What a student submits.
pub struct BookingRequest<'a> {
    pub slug: &'a str,
    pub pass: Pass<'a>,
    pub slot_id: &'a str,
    pub name: &'a str,
    pub group_name: &'a str,
    pub garments: &'a str,
    pub contact: &'a str,
    pub idempotency_key: &'a str,
}

pub async fn book(
    state: &AppState,
    ip: &str,
    request: BookingRequest<'_>,
) -> Result<BookingOutcome, AppError> {
    // Keys come from our forms (256 random bits); anything else is not a form of ours.
    if !token::is_well_formed(request.idempotency_key) {
        return Err(AppError::BadRequest);
    }
    // The private link is derived from the key, so its hash also finds a replayed form.
    let link = link_token(request.idempotency_key);
    let token_hash = token::hash_token(&link);
    let slot_id = request.slot_id.trim().parse::<i64>().ok();
    // In a rush the campaign and the slot come from memory and nothing is read before the
    // insert; otherwise one read: the replay, the campaign and the slot together.
    let remembered = remembered_context(state, request.slug, slot_id).await?;
    let from_memory = remembered.is_some();
    let context = match remembered {
        Some(context) => context,
        None => repo::booking_context(&state.db.reader, &token_hash, request.slug, slot_id).await?,
    };
    // A replay (double tap, flaky network) gets the booking it already made, whatever changed since.
    if let Some(reference) = context.replayed {
        return Ok(BookingOutcome::Booked {
            reference,
            link: booking_path(&link),
        });
    }
    let outcome = decide_and_book(state, ip, &request, context, slot_id, &link, &token_hash).await;
    // From memory the replay was not looked up: a form that is not booked now may be one that
    // was booked before (its slot since full or closed, the campaign since closed).
    if from_memory
        && !matches!(outcome, Ok(BookingOutcome::Booked { .. }))
        && let Some(booking) = repo::find_booking_by_token(&state.db.reader, &token_hash).await?
    {
        return Ok(BookingOutcome::Booked {
            reference: booking.reference,
            link: booking_path(&link),
        });
    }
    outcome
}

/// The campaigns open for booking and their slots, kept in memory (`AppState::open_campaigns`,
/// forgotten on every staff write to a campaign or a slot).
pub struct OpenCampaign {
    campaign: Campaign,
    slots: HashMap<i64, Slot>,
}

pub type OpenCampaigns = HashMap<String, OpenCampaign>;

async fn load_open_campaigns(state: &AppState) -> Result<OpenCampaigns, sqlx::Error> {
    let now = now();
    let mut open = OpenCampaigns::new();
    for campaign in repo::list_campaigns(&state.db.reader).await? {
        if campaign.closed_at.is_some() || campaign.closes_at <= now {
            continue;
        }
        let slots = repo::list_slots(&state.db.reader, campaign.id, now).await?;
        let slots = slots.into_iter().map(|slot| (slot.id, slot)).collect();
        open.insert(campaign.slug.clone(), OpenCampaign { campaign, slots });
    }
    Ok(open)
}

/// The campaign and the slot of a booking from memory, without its replay (`None`: not in
/// memory, ask the database). Only the slot's campaign and start are used: its places and
/// whether it is closed are decided by the database at the insert.
async fn remembered_context(
    state: &AppState,
    slug: &str,
    slot_id: Option<i64>,
) -> Result<Option<repo::BookingContext>, AppError> {
    let open = state
        .open_campaigns
        .get_or_load(async || load_open_campaigns(state).await)
        .await?;
    let Some(open) = open.get(slug) else {
        return Ok(None);
    };
    let Some(slot) = slot_id.and_then(|id| open.slots.get(&id)) else {
        return Ok(None);
    };
    Ok(Some(repo::BookingContext {
        replayed: None,
        campaign: Some(open.campaign.clone()),
        slot: Some(slot.clone()),
    }))
}

/// The rules of a booking on its campaign and slot, then the insert (group commit).
async fn decide_and_book(
    state: &AppState,
    ip: &str,
    request: &BookingRequest<'_>,
    context: repo::BookingContext,
    slot_id: Option<i64>,
    link: &str,
    token_hash: &str,
) -> Result<BookingOutcome, AppError> {
    let campaign = context.campaign.ok_or(AppError::NotFound)?;
    if !check_access(state, ip, &campaign, request.pass)? {
        return Err(AppError::invalid("code", "invite_code_wrong"));
    }
    let now = now();
    if let Some(key) = campaign.booking_refusal(now) {
        return Err(AppError::Conflict(key.into()));
    }
    let form = BookingForm::parse(
        request.name,
        request.group_name,
        request.garments,
        request.contact,
        campaign.max_garments,
    )
    .map_err(|errors| field_errors(&errors))?;
    let slot_id = slot_id.ok_or_else(|| AppError::invalid("slot_id", "slot_required"))?;
    // The slot is read only when it belongs to this campaign.
    let slot = context
        .slot
        .ok_or_else(|| AppError::invalid("slot_id", "slot_required"))?;
    let slot_campaign = campaign.id;
    if slot.starts_at <= now {
        return Err(AppError::Conflict("slot_closed".into()));
    }
    // A place of this address's share of the campaign, given back if the booking fails.
    let client_key = crate::server::request::client_key(ip);
    let share = match &client_key {
        Some(key) => Some(
            state
                .campaign_shares
                .take(&state.db, slot_campaign, key)
                .await?
                .ok_or_else(|| AppError::Conflict("address_share_campaign".into()))?,
        ),
        None => None,
    };
    // The writer commits this booking with the others of the moment (group commit): one
    // INSERT decided by the database, answered once the commit is durable.
    let answer = state
        .bookings
        .book(super::batch::Job {
            campaign_id: slot_campaign,
            slot_id,
            token_hash: token_hash.to_owned(),
            name: form.name,
            group_name: form.group_name,
            garments: form.garments,
            contact: form.contact,
            client_key,
            now,
        })
        .await;
    match answer {
        Ok(reference) => {
            if let Some(place) = share {
                place.keep();
            }
            Ok(BookingOutcome::Booked {
                reference,
                link: booking_path(link),
            })
        }
        Err(Refusal::Key("slot_full")) => {
            let slots = repo::list_slots(&state.db.reader, campaign.id, now).await?;
            Ok(BookingOutcome::Full {
                alternatives: nearest_free(&slots, slot.starts_at, now, ALTERNATIVES),
            })
        }
        // A concurrent replay committed first: whichever rule noticed it (the contact's, checked
        // before the key's, or the key's), the booking is the one that key made.
        Err(Refusal::Key(key @ ("replayed" | "booking_exists"))) => {
            if let Some(booking) = repo::find_booking_by_token(&state.db.reader, token_hash).await?
            {
                return Ok(BookingOutcome::Booked {
                    reference: booking.reference,
                    link: booking_path(link),
                });
            }
            if key == "replayed" {
                return Err(AppError::internal("replayed key without its booking"));
            }
            // 409: the form is fine, the contact already holds its booking.
            Err(AppError::Conflict(key.into()))
        }
        Err(Refusal::Key(key @ ("slot_closed" | "slot_unknown"))) => {
            Err(AppError::Conflict(key.into()))
        }
        Err(Refusal::Key(key)) => Err(AppError::internal(key)),
        Err(Refusal::Internal(cause)) => Err(AppError::internal(cause)),
        Err(Refusal::Unavailable(cause)) => Err(AppError::unavailable(cause)),
    }
}

/// The booking behind a private link, with what it may still do.
async fn booking_by_token(
    state: &AppState,
    raw_token: &str,
) -> Result<(repo::BookingRow, Campaign, Slot), AppError> {
    if !token::is_well_formed(raw_token) {
        return Err(AppError::NotFound);
    }
    let booking = repo::find_booking_by_token(&state.db.reader, &token::hash_token(raw_token))
        .await?
        .ok_or(AppError::NotFound)?;
    let campaign = repo::find_campaign(&state.db.reader, booking.campaign_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (_, slot) = repo::find_slot(&state.db.reader, booking.slot_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((booking, campaign, slot))
}

pub async fn booking_view(state: &AppState, raw_token: &str) -> Result<BookingView, AppError> {
    let (booking, campaign, slot) = booking_by_token(state, raw_token).await?;
    let now = now();
    let cancelled = booking.status != "confirmed";
    let changeable = !cancelled && slot.starts_at > now;
    let restorable = restorable(&booking, &campaign, &slot, now);
    let other_slots = if changeable && campaign.status(now) == CampaignStatus::Open {
        repo::list_slots(&state.db.reader, campaign.id, now)
            .await?
            .into_iter()
            .filter(|s| s.id != slot.id && s.starts_at > now)
            .collect()
    } else {
        Vec::new()
    };
    let book_again = share_link(state, &campaign);
    Ok(BookingView {
        book_again,
        reference: booking.reference,
        campaign_slug: campaign.slug,
        campaign_title: campaign.title,
        place: campaign.place,
        name: booking.name,
        group_name: booking.group_name,
        garments: booking.garments,
        contact: booking.contact,
        cancelled,
        restorable,
        slot,
        changeable,
        other_slots,
    })
}

/// The calendar file of a booking.
pub async fn booking_calendar(state: &AppState, raw_token: &str) -> Result<String, AppError> {
    let view = booking_view(state, raw_token).await?;
    if view.cancelled {
        return Err(AppError::NotFound);
    }
    let url = format!("{}{}", state.config.public_url, booking_path(raw_token));
    let texts = crate::i18n::Locale::Fr.texts();
    let description = format!(
        "{} {}. {} : {}. {}\n{}",
        texts.campaigns.reference,
        view.reference,
        texts.campaigns.garments_label,
        view.garments,
        texts.campaigns.bring_hint,
        url
    );
    Ok(crate::server::ics::calendar(
        "Opération ourlets",
        &[crate::server::ics::Event {
            uid: &format!("{}@coop-manau", view.reference),
            starts_at: view.slot.starts_at,
            ends_at: view.slot.ends_at,
            stamp: now(),
            summary: &format!("{} · Coop'Manau", view.campaign_title),
            location: &view.place,
            description: &description,
            url: &url,
            cancelled: false,
        }],
    ))
}

/// Cancels the booking of a private link (again: nothing more happens).
pub async fn cancel(state: &AppState, raw_token: &str) -> Result<(), AppError> {
    let (booking, _, slot) = booking_by_token(state, raw_token).await?;
    if booking.status != "confirmed" {
        return Ok(());
    }
    if slot.starts_at <= now() {
        return Err(AppError::Conflict("booking_locked".into()));
    }
    let mut tx = state.db.begin_write().await?;
    repo::cancel_booking(&mut tx, booking.id, now()).await?;
    tx.commit().await?;
    // The address's share gets that place back.
    state.campaign_shares.forget(booking.campaign_id);
    Ok(())
}

/// The student undoes a cancellation made through the private link, minutes after it, while the
/// campaign takes bookings and the slot is to come and still has a place (someone may have taken
/// it since): the same booking, reference and link.
pub async fn restore(state: &AppState, raw_token: &str) -> Result<(), AppError> {
    let (booking, campaign, slot) = booking_by_token(state, raw_token).await?;
    if booking.status == "confirmed" {
        // A double tap: restored once.
        return Ok(());
    }
    let now = now();
    if !restorable(&booking, &campaign, &slot, now) {
        return Err(AppError::Conflict("restore_booking_too_late".into()));
    }
    if slot.closed {
        return Err(AppError::Conflict("restore_slot_taken".into()));
    }
    // A place of the address's share, as for a new booking (given back if refused below).
    let share = match &booking.client_key {
        Some(key) => Some(
            state
                .campaign_shares
                .take(&state.db, campaign.id, key)
                .await?
                .ok_or_else(|| AppError::Conflict("address_share_campaign".into()))?,
        ),
        None => None,
    };
    let mut tx = state.db.begin_write().await?;
    let restored = match repo::restore_booking(&mut tx, booking.id, now).await {
        Ok(restored) => restored,
        Err(error) => {
            return Err(match repo::refusal_key(&error) {
                Some("slot_full") => AppError::Conflict("restore_slot_taken".into()),
                Some("booking_exists") => AppError::Conflict("booking_exists".into()),
                _ => error.into(),
            });
        }
    };
    if !restored {
        return Err(AppError::Conflict("restore_booking_too_late".into()));
    }
    tx.commit().await?;
    if let Some(share) = share {
        share.keep();
    }
    Ok(())
}

/// How long after cancelling a booking its link can undo it.
pub const RESTORE_SECS: i64 = 10 * 60;

fn restorable(booking: &repo::BookingRow, campaign: &Campaign, slot: &Slot, now: i64) -> bool {
    booking.status == "cancelled"
        && booking
            .self_cancelled_at
            .is_some_and(|at| now < at + RESTORE_SECS)
        && slot.starts_at > now
        && campaign.booking_refusal(now).is_none()
}

/// Moves the booking of a private link to another slot of its campaign. One statement: the old
/// place is given back only if the new one is taken.
pub async fn move_to(state: &AppState, raw_token: &str, slot_id: &str) -> Result<(), AppError> {
    let (booking, campaign, slot) = booking_by_token(state, raw_token).await?;
    let now = now();
    if booking.status != "confirmed" {
        return Err(AppError::Conflict("booking_cancelled".into()));
    }
    if slot.starts_at <= now {
        return Err(AppError::Conflict("booking_locked".into()));
    }
    if let Some(key) = campaign.booking_refusal(now) {
        return Err(AppError::Conflict(key.into()));
    }
    let slot_id: i64 = slot_id
        .trim()
        .parse()
        .map_err(|_| AppError::invalid("slot_id", "slot_required"))?;
    if slot_id == booking.slot_id {
        return Ok(());
    }
    let (target_campaign, target) = repo::find_slot(&state.db.reader, slot_id)
        .await?
        .ok_or_else(|| AppError::invalid("slot_id", "slot_required"))?;
    if target_campaign != campaign.id {
        return Err(AppError::invalid("slot_id", "slot_required"));
    }
    if target.starts_at <= now {
        return Err(AppError::Conflict("slot_closed".into()));
    }
    let mut tx = state.db.begin_write().await?;
    match repo::move_booking(&mut tx, booking.id, slot_id, now).await {
        Ok(true) => {
            tx.commit().await?;
            Ok(())
        }
        Ok(false) => Err(AppError::Conflict("booking_cancelled".into())),
        Err(error) => match repo::refusal_key(&error) {
            Some(key @ ("slot_full" | "slot_closed" | "slot_unknown")) => {
                Err(AppError::Conflict(key.into()))
            }
            _ => Err(error.into()),
        },
    }
}

/// Staff cancel, in one transaction, the confirmed bookings one address made in a campaign up
/// to `until` (the last one they saw listed). Audited; returns how many were cancelled.
pub async fn cancel_booking_burst(
    state: &AppState,
    actor: &CurrentUser,
    campaign_id: i64,
    client_key: &str,
    until: i64,
) -> Result<u64, AppError> {
    // Keys are 16 hex digits (server::request::client_key); anything else is not from our page.
    if client_key.len() != 16 || !client_key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::BadRequest);
    }
    let mut tx = state.db.begin_write().await?;
    if repo::find_campaign(&mut *tx, campaign_id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let cancelled = repo::cancel_burst(&mut tx, campaign_id, client_key, until, now()).await?;
    if cancelled > 0 {
        audit::record(
            &mut tx,
            actor,
            "cancel_burst",
            "campaign",
            campaign_id,
            Some(&format!("{cancelled} bookings from {client_key}")),
        )
        .await?;
    }
    tx.commit().await?;
    state.campaign_shares.forget(campaign_id);
    Ok(cancelled)
}

// --- Staff: the day sheet ---

/// The day written canonically, and [start, end) of that Paris day in Unix seconds.
fn day_bounds(day: &str) -> Option<(String, i64, i64)> {
    let (year, month, d) = parse_date(day)?;
    let (ny, nm, nd) = civil(days_from_civil(year, month, d) + 1);
    Some((
        format!("{year:04}-{month:02}-{d:02}"),
        paris_to_utc(year, month, d, 0, 0),
        paris_to_utc(ny, nm, nd, 0, 0),
    ))
}

pub async fn day_sheet(
    state: &AppState,
    campaign_id: i64,
    day: &str,
) -> Result<DaySheet, AppError> {
    let (day, from, to) = day_bounds(day).ok_or(AppError::NotFound)?;
    let campaign = repo::find_campaign(&state.db.reader, campaign_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let slots = repo::slots_between(&state.db.reader, campaign_id, from, to).await?;
    let mut bookings = repo::sheet_bookings(&state.db.reader, campaign_id, from, to).await?;
    let slots: Vec<SheetSlot> = slots
        .into_iter()
        .map(|slot| {
            let mine = bookings
                .extract_if(.., |(slot_id, _)| *slot_id == slot.id)
                .map(|(_, b)| b)
                .collect();
            SheetSlot {
                slot,
                bookings: mine,
            }
        })
        .collect();
    Ok(DaySheet {
        campaign_id,
        campaign_title: campaign.title,
        day,
        counts: DayCounts::of(&slots),
        slots,
    })
}

/// Checks a student in, marks their garments done, or marks a no-show (which frees nothing: the
/// slot is past or under way). Returns (campaign id, day) for the way back.
pub async fn set_attendance(
    state: &AppState,
    actor: &CurrentUser,
    booking_id: i64,
    attendance: Attendance,
) -> Result<(i64, String), AppError> {
    let mut tx = state.db.begin_write().await?;
    let campaign_id = repo::set_attendance(&mut tx, booking_id, attendance, now())
        .await?
        .ok_or(AppError::NotFound)?;
    let starts_at = repo::booking_slot_start(&mut *tx, booking_id)
        .await?
        .ok_or(AppError::NotFound)?;
    audit::record(
        &mut tx,
        actor,
        "attendance",
        "campaign_booking",
        booking_id,
        Some(attendance.as_str()),
    )
    .await?;
    tx.commit().await?;
    Ok((campaign_id, day_of(starts_at)))
}
