//! Pages of campaigns. Students (no account, on a phone): the code page, the campaign page (pick
//! a day, then a slot and fill in the form) and the private link of their booking. Staff: the
//! campaigns, one campaign with its slots, and the printable day sheet. Everything is plain
//! server-rendered HTML with forms: it works the same with JavaScript off.

use super::{
    BookingView, CampaignAccess, CampaignStatus, PublicCampaign, SheetBooking, Slot,
    api::{
        BookCampaignSlot, CancelBookingBurst, CancelCampaignBooking, CloseCampaign, CreateCampaign,
        FindCampaignByCode, GenerateCampaignSlots, MoveCampaignBooking, RestoreCampaignBooking,
        SetBookingAttendance, UpdateCampaign, UpdateCampaignSlot, get_campaign,
        get_campaign_booking, get_campaign_page, get_day_sheet, list_campaigns,
    },
    hour_of, local_datetime_value, nearest_free, parse_date,
};
use crate::{
    accounts::ui::Refusal,
    error::AppError,
    i18n::{Catalogue, use_texts},
    partners::Partner,
    ui::{
        ErrorNotice,
        forms::{FieldError, TextField},
        time::format_paris,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn title(t: &Catalogue, page: &str) -> String {
    format!("{page} · {}", t.common.app_name)
}

fn query(name: &'static str) -> Option<String> {
    use_query_map().with_untracked(|q| q.get(name).filter(|v| !v.is_empty()))
}

/// "mardi 1 décembre", from `YYYY-MM-DD`.
pub fn day_label(t: &Catalogue, day: &str) -> String {
    match parse_date(day) {
        Some((year, month, d)) => {
            crate::ui::time::day_label(t, crate::ui::time::days_from_civil(year, month, d))
        }
        None => day.to_owned(),
    }
}

fn slot_hours(slot: &Slot) -> String {
    format!("{} – {}", hour_of(slot.starts_at), hour_of(slot.ends_at))
}

/// "3 places libres", "1 place libre", "complet", "fermé".
fn slot_state(t: &Catalogue, slot: &Slot) -> String {
    if slot.closed {
        t.campaigns.slot_closed.to_owned()
    } else if slot.remaining() == 0 {
        t.campaigns.slot_full.to_owned()
    } else {
        (t.campaigns.places_left)(slot.remaining())
    }
}

/// Slots grouped by Paris day, in order.
fn by_day(slots: &[Slot]) -> Vec<(String, Vec<Slot>)> {
    let mut days: Vec<(String, Vec<Slot>)> = Vec::new();
    for slot in slots {
        let day = slot.day();
        match days.last_mut() {
            Some((last, list)) if *last == day => list.push(slot.clone()),
            _ => days.push((day, vec![slot.clone()])),
        }
    }
    days
}

/// Radio buttons for slots: full and closed ones are shown but cannot be chosen.
#[component]
fn SlotChoices(slots: Vec<Slot>, now: i64, legend: String) -> impl IntoView {
    let t = use_texts();
    view! {
        <fieldset class="choices slot-choices">
            <legend>{legend}</legend>
            {slots.into_iter().map(|slot| {
                let bookable = slot.bookable(now);
                let id = format!("creneau-{}", slot.id);
                view! {
                    <label class="choice slot-choice" class:unavailable=!bookable for=id.clone()>
                        <input type="radio" name="slot_id" id=id.clone() value=slot.id.to_string() disabled=!bookable required=true />
                        <span class="slot-hours">{format!("{} · {}", day_label(t, &slot.day()), slot_hours(&slot))}</span>
                        <span class="slot-state">{slot_state(t, &slot)}</span>
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

// --- Public: the code page ---

#[component]
pub fn CodePage() -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<FindCampaignByCode>::new();
    let error = move || action.value().get().and_then(Result::err);
    view! {
        <Title text=title(t, t.campaigns.public_title) />
        <section class="page narrow">
            <h1>{t.campaigns.public_title}</h1>
            <p>{t.campaigns.code_intro}</p>
            {move || error().map(|error| view! { <ErrorNotice error /> })}
            <ActionForm attr:novalidate=true action attr:class="form">
                <TextField name="code" label=t.campaigns.code_label kind="text" autocomplete="off" required=true error=Signal::derive(error) />
                <button type="submit" class="button-large">{t.campaigns.code_submit}</button>
            </ActionForm>
        </section>
    }
}

// --- Public: a campaign ---

#[component]
pub fn CampaignPublicPage() -> impl IntoView {
    let t = use_texts();
    let slug = use_params_map().with_untracked(|p| p.get("slug").unwrap_or_default());
    let code = query("code");
    let cle = query("cle");
    let data = Resource::new(
        {
            let (slug, code, cle) = (slug.clone(), code.clone(), cle.clone());
            move || (slug.clone(), code.clone(), cle.clone())
        },
        |(slug, code, cle)| get_campaign_page(slug, code, cle),
    );
    view! {
        <Title text=title(t, t.campaigns.public_title) />
        <Suspense>
            {move || {
                let pass = Pass { code: code.clone(), cle: cle.clone() };
                Suspend::new(async move {
                    match data.await {
                        Ok(CampaignAccess::Granted(campaign)) => view! { <CampaignBooking campaign=*campaign pass /> }.into_any(),
                        Ok(CampaignAccess::CodeRequired) => view! { <CodeGate error=None /> }.into_any(),
                        Err(error @ AppError::Validation(_)) => view! { <CodeGate error=Some(error) /> }.into_any(),
                        Err(error) => view! { <Refusal error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The invite code, asked on the campaign's own address (a GET form: the code stays in the URL
/// the student can share with the class).
#[component]
fn CodeGate(error: Option<AppError>) -> impl IntoView {
    let t = use_texts();
    if error.is_some() {
        crate::ui::respond_with_status(422);
    }
    let error = Signal::stored(error);
    view! {
        <section class="page narrow">
            <h1>{t.campaigns.public_title}</h1>
            <p>{t.campaigns.code_needed}</p>
            <form method="get" class="form">
                <TextField name="code" label=t.campaigns.code_label kind="text" autocomplete="off" required=true error />
                <button type="submit" class="button-large">{t.campaigns.code_submit}</button>
            </form>
        </section>
    }
}

/// What let the student in, carried to the next page and the booking form: the shared link's
/// key (`cle`), or the code they typed.
#[derive(Clone, Default)]
struct Pass {
    code: Option<String>,
    cle: Option<String>,
}

impl Pass {
    /// `cle=…&` or `code=…&`, for the links of the page.
    fn query(&self) -> String {
        let encode = |s: &str| {
            s.bytes()
                .filter(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
                .map(char::from)
                .collect::<String>()
        };
        match (&self.cle, &self.code) {
            (Some(cle), _) if !cle.is_empty() => format!("cle={}&", encode(cle)),
            (_, Some(code)) if !code.is_empty() => format!("code={}&", encode(code)),
            _ => String::new(),
        }
    }
}

#[component]
fn CampaignBooking(campaign: PublicCampaign, pass: Pass) -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<BookCampaignSlot>::new();
    let error = move || action.value().get().and_then(Result::err);
    let chosen_day = query("jour");
    let full_slot: Option<i64> = query("complet").and_then(|s| s.parse().ok());
    let now = campaign.now;
    let days = by_day(&campaign.slots);
    let code_param = pass.query();
    // After "complet": the nearest free slots; else the chosen day's slots.
    let (form_slots, legend) = match (full_slot, &chosen_day) {
        (Some(full), None) => {
            let wanted = campaign
                .slots
                .iter()
                .find(|s| s.id == full)
                .map(|s| s.starts_at)
                .unwrap_or(now);
            (
                nearest_free(&campaign.slots, wanted, now, 3),
                t.campaigns.nearest_title.to_owned(),
            )
        }
        (_, Some(day)) => (
            days.iter()
                .find(|(d, _)| d == day)
                .map(|(_, slots)| slots.clone())
                .unwrap_or_default(),
            format!("{} {}", t.campaigns.step_slot, day_label(t, day)),
        ),
        (None, None) => (Vec::new(), String::new()),
    };
    let status_notice = match campaign.status {
        CampaignStatus::Open => None,
        CampaignStatus::NotYetOpen => Some(format!(
            "{} {}",
            t.campaigns.not_open_yet,
            format_paris(campaign.opens_at)
        )),
        CampaignStatus::Ended | CampaignStatus::ClosedEarly => {
            Some(t.campaigns.closed_notice.to_owned())
        }
    };
    let open = campaign.status == CampaignStatus::Open;
    view! {
        <section class="page narrow campaign">
            <h1>{campaign.title.clone()}</h1>
            {campaign.partner_name.clone().map(|p| view! { <p class="lead">{p}</p> })}
            {(!campaign.description.is_empty()).then(|| view! { <p>{campaign.description.clone()}</p> })}
            <p><strong>{t.campaigns.place_label}</strong>" : "{campaign.place.clone()}</p>
            {status_notice.map(|text| view! { <p class="notice notice-error" role="alert">{text}</p> })}
            {full_slot.map(|_| view! {
                <div class="notice notice-error" role="alert">
                    <p>{t.campaigns.full_notice}</p>
                </div>
            })}
            {open.then(|| view! {
                <h2>{t.campaigns.step_day}</h2>
                {days.is_empty().then(|| view! { <p>{t.campaigns.no_slots}</p> })}
                <ul class="day-list">
                    {days.iter().map(|(day, slots)| {
                        let free: i64 = slots.iter().filter(|s| s.bookable(now)).map(Slot::remaining).sum();
                        let current = chosen_day.as_deref() == Some(day.as_str());
                        view! {
                            <li>
                                // `#reserver`: the day's slots open in view, not below the list.
                                <a class="day-link" class:full=free == 0 href=format!("?{code_param}jour={day}#reserver") aria-current=current.then_some("true")>
                                    <span>{day_label(t, day)}</span>
                                    <span class="slot-state">{if free == 0 { t.campaigns.slot_full.to_owned() } else { (t.campaigns.places_left)(free) }}</span>
                                </a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {(open && !form_slots.is_empty()).then(|| view! {
                <h2 id="reserver">{t.campaigns.step_details}</h2>
                {move || error().map(|error| view! { <ErrorNotice error /> })}
                <ActionForm attr:novalidate=true action attr:class="form" attr:data-offline=campaign.title.clone()>
                    <input type="hidden" name="campaign" value=campaign.slug.clone() />
                    <input type="hidden" name="code" value=pass.code.clone().unwrap_or_default() />
                    <input type="hidden" name="cle" value=pass.cle.clone().unwrap_or_default() />
                    <input type="hidden" name="idempotency_key" value=campaign.idempotency_key.clone() />
                    // `slot_id`: where the error summary's link leads.
                    <div id="slot_id">
                        <SlotChoices slots=form_slots.clone() now legend=legend.clone() />
                    </div>
                    <FieldError name="slot_id" error=Signal::derive(error) />
                    <TextField name="name" label=t.campaigns.name_label kind="text" autocomplete="name" required=true error=Signal::derive(error) />
                    <TextField name="group_name" label=t.campaigns.group_label kind="text" autocomplete="off" required=true hint=t.campaigns.group_hint error=Signal::derive(error) />
                    <div class="field">
                        <label for="garments">{format!("{} (1 – {})", t.campaigns.garments_label, campaign.max_garments)}</label>
                        <input id="garments" name="garments" type="number" inputmode="numeric" min="1" max=campaign.max_garments.to_string() value="1" required=true />
                        <FieldError name="garments" error=Signal::derive(error) />
                    </div>
                    <TextField name="contact" label=t.campaigns.contact_label kind="text" autocomplete="tel" required=true hint=t.campaigns.contact_hint error=Signal::derive(error) />
                    <button type="submit" class="button-large">{t.campaigns.book_button}</button>
                </ActionForm>
            })}
        </section>
    }
}

// --- Public: the private link ---

#[component]
pub fn BookingPage() -> impl IntoView {
    let t = use_texts();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let booking = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        get_campaign_booking,
    );
    view! {
        <Title text=title(t, t.campaigns.booking_title) />
        <Suspense>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    match booking.await {
                        Ok(booking) => view! { <BookingDetails booking token /> }.into_any(),
                        Err(error) => view! { <Refusal error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn BookingDetails(booking: BookingView, token: String) -> impl IntoView {
    let t = use_texts();
    let cancel = ServerAction::<CancelCampaignBooking>::new();
    let moved = ServerAction::<MoveCampaignBooking>::new();
    let restore = ServerAction::<RestoreCampaignBooking>::new();
    let error = move || {
        cancel
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| moved.value().get().and_then(Result::err))
            .or_else(|| restore.value().get().and_then(Result::err))
    };
    let is_new = query("nouvelle").is_some();
    let was_moved = query("deplacee").is_some();
    let heading = if booking.cancelled {
        t.campaigns.cancelled_title
    } else if is_new {
        t.campaigns.confirmed_title
    } else {
        t.campaigns.booking_title
    };
    let when = format!(
        "{}, {}",
        day_label(t, &booking.slot.day()),
        slot_hours(&booking.slot)
    );
    let ics = format!("/ourlets/reservation/{token}/agenda.ics");
    let now_slots = booking.other_slots.clone();
    let cancel_token = token.clone();
    let restore_token = token.clone();
    let data_token = token.clone();
    view! {
        <section class="page narrow booking">
            <h1>{heading}</h1>
            {was_moved.then(|| view! { <p class="notice notice-ok" role="status">{t.campaigns.moved_notice}</p> })}
            {move || error().map(|error| view! { <ErrorNotice error /> })}
            <dl class="booking-facts">
                <div><dt>{t.campaigns.reference}</dt><dd class="reference">{booking.reference.clone()}</dd></div>
                <div><dt>{t.campaigns.when_label}</dt><dd>{when}</dd></div>
                <div><dt>{t.campaigns.place_label}</dt><dd>{booking.place.clone()}</dd></div>
                <div><dt>{t.campaigns.name_label}</dt><dd>{format!("{} ({})", booking.name, booking.group_name)}</dd></div>
                <div><dt>{t.campaigns.garments_label}</dt><dd>{booking.garments}</dd></div>
            </dl>
            <p class="hint">{booking.campaign_title.clone()}</p>
            // Moving and cancelling, named near the top: the forms are further down.
            {booking.changeable.then(|| view! {
                <p class="booking-actions">
                    {(!now_slots.is_empty()).then(|| view! { <a class="button button-secondary" href="#changer">{t.campaigns.move_title}</a> })}
                    " "
                    <a class="button button-secondary" href="#annulation">{t.campaigns.cancel_title}</a>
                </p>
            })}
            {booking.restorable.then(|| view! {
                <ActionForm attr:novalidate=true action=restore attr:class="form">
                    <input type="hidden" name="token" value=restore_token.clone() />
                    <button type="submit">{t.campaigns.restore_button}</button>
                </ActionForm>
            })}
            {booking.cancelled.then(|| view! {
                <p><a class="button" href=booking.book_again.clone()>{t.campaigns.book_again}</a></p>
            })}
            {(!booking.cancelled).then(|| view! {
                <p><a class="button button-large" href=ics.clone() download="ourlets-coop-manau.ics">{t.campaigns.add_to_calendar}</a></p>
                <p class="notice notice-ok">{t.campaigns.keep_link}</p>
                <p class="hint">{t.campaigns.bring_hint}</p>
            })}
            {(booking.changeable && !now_slots.is_empty()).then(|| view! {
                <h2 id="changer">{t.campaigns.move_title}</h2>
                <p class="hint">{t.campaigns.move_legend}</p>
                <ActionForm attr:novalidate=true action=moved attr:class="form">
                    <input type="hidden" name="token" value=token.clone() />
                    // One fold per day: a long campaign's slots do not push the button away.
                    {by_day(&now_slots).into_iter().map(|(day, slots)| view! {
                        <details class="day-fold">
                            <summary>{day_label(t, &day)}</summary>
                            <SlotChoices slots now=0 legend=day_label(t, &day) />
                        </details>
                    }).collect_view()}
                    <button type="submit">{t.campaigns.move_button}</button>
                </ActionForm>
            })}
            {booking.changeable.then(|| view! {
                <h2 id="annulation">{t.campaigns.cancel_title}</h2>
                <crate::ui::forms::AskOnce ask=t.campaigns.cancel_button>
                    <ActionForm attr:novalidate=true action=cancel attr:class="form-inline">
                        <input type="hidden" name="token" value=cancel_token.clone() />
                        <button type="submit" class="button-danger">{t.common.cancel_yes}</button>
                    </ActionForm>
                </crate::ui::forms::AskOnce>
            })}
            <crate::privacy::ui::YourDataLink kind=crate::privacy::LinkKind::HemBooking token=data_token />
        </section>
    }
}

// --- Staff: campaigns ---

#[component]
fn PartnerSelect(partners: Vec<Partner>, chosen: Option<i64>) -> impl IntoView {
    let t = use_texts();
    view! {
        <div class="field">
            <label for="partner_id">{t.campaigns.partner_label}</label>
            <select id="partner_id" name="partner_id">
                <option value="" selected=chosen.is_none()>{t.campaigns.partner_none}</option>
                {partners.into_iter().filter(|p| p.active || Some(p.id) == chosen).map(|p| view! {
                    <option value=p.id.to_string() selected=Some(p.id) == chosen>{p.name}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// The fields of a campaign, empty or filled with `campaign`.
#[component]
fn CampaignFields(
    partners: Vec<Partner>,
    campaign: Option<super::Campaign>,
    error: Signal<Option<AppError>>,
    /// A new campaign's code, made by the server (staff may keep it, change it or clear it).
    #[prop(optional)]
    proposed_code: Option<String>,
) -> impl IntoView {
    let t = use_texts();
    let c = campaign.clone();
    let value = move |f: fn(&super::Campaign) -> String| c.as_ref().map(f).unwrap_or_default();
    let description = value(|c| c.description.clone());
    let invite_code = match &campaign {
        Some(c) => c.invite_code.clone().unwrap_or_default(),
        None => proposed_code.unwrap_or_default(),
    };
    view! {
        <TextField name="title" label=t.campaigns.title_label kind="text" autocomplete="off" required=true value=value(|c| c.title.clone()) error />
        <PartnerSelect partners chosen=campaign.as_ref().and_then(|c| c.partner_id) />
        <div class="field">
            <label for="description">{t.campaigns.description_label}</label>
            <textarea id="description" name="description" rows="3">{description}</textarea>
            <FieldError name="description" error />
        </div>
        <TextField name="place" label=t.campaigns.place_label kind="text" autocomplete="off" required=true value=value(|c| c.place.clone()) error />
        <TextField name="opens_at" label=t.campaigns.opens_label kind="datetime-local" autocomplete="off" required=true value=value(|c| local_datetime_value(c.opens_at)) error />
        <TextField name="closes_at" label=t.campaigns.closes_label kind="datetime-local" autocomplete="off" required=true value=value(|c| local_datetime_value(c.closes_at)) error />
        <TextField name="invite_code" label=t.campaigns.invite_code_label kind="text" autocomplete="off" hint=t.campaigns.invite_code_hint value=invite_code error />
        <TextField name="max_garments" label=t.campaigns.max_garments_label kind="number" autocomplete="off" required=true value=value(|c| c.max_garments.to_string()) error />
    }
}

fn status_word(t: &Catalogue, status: CampaignStatus) -> &'static str {
    match status {
        CampaignStatus::NotYetOpen => t.campaigns.status_not_open,
        CampaignStatus::Open => t.campaigns.status_open,
        CampaignStatus::Ended => t.campaigns.status_ended,
        CampaignStatus::ClosedEarly => t.campaigns.status_closed,
    }
}

#[component]
pub fn CampaignsPage() -> impl IntoView {
    let t = use_texts();
    let data = Resource::new(|| (), |_| list_campaigns());
    let create = ServerAction::<CreateCampaign>::new();
    let error = move || create.value().get().and_then(Result::err);
    view! {
        <Title text=title(t, t.campaigns.staff_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => view! {
                        <section class="page">
                            <h1>{t.campaigns.staff_title}</h1>
                            {list.campaigns.is_empty().then(|| view! { <p>{t.campaigns.none_yet}</p> })}
                            <ul class="people">
                                {list.campaigns.iter().map(|c| view! {
                                    <li class="card person">
                                        <a href=format!("/equipe/ourlets/{}", c.id)>{c.title.clone()}</a>
                                        <span class="meta">
                                            {status_word(t, c.status(list.now))}
                                            {c.partner_name.clone().map(|p| format!(" · {p}"))}
                                            {format!(" · {} → {}", format_paris(c.opens_at), format_paris(c.closes_at))}
                                        </span>
                                    </li>
                                }).collect_view()}
                            </ul>
                            <h2 id="nouvelle">{t.campaigns.new_title}</h2>
                            {move || error().map(|error| view! { <ErrorNotice error /> })}
                            <ActionForm attr:novalidate=true action=create attr:class="form">
                                <CampaignFields partners=list.partners.clone() campaign=None error=Signal::derive(error) proposed_code=list.proposed_code.clone() />
                                <button type="submit">{t.campaigns.create_button}</button>
                            </ActionForm>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn CampaignAdminPage() -> impl IntoView {
    let t = use_texts();
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let data = Resource::new(
        move || id,
        |id| async move { get_campaign(id.ok_or(AppError::NotFound)?).await },
    );
    let update = ServerAction::<UpdateCampaign>::new();
    let close = ServerAction::<CloseCampaign>::new();
    let generate = ServerAction::<GenerateCampaignSlots>::new();
    let slot = ServerAction::<UpdateCampaignSlot>::new();
    let burst = ServerAction::<CancelBookingBurst>::new();
    let update_error = move || update.value().get().and_then(Result::err);
    let generate_error = move || generate.value().get().and_then(Result::err);
    let other_error = move || {
        close
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| slot.value().get().and_then(Result::err))
            .or_else(|| burst.value().get().and_then(Result::err))
    };
    let saved = query("enregistre").is_some();
    let added = query("ajoutes");
    let cancelled = query("annulees").and_then(|n| n.parse::<i64>().ok());
    view! {
        <Title text=title(t, t.campaigns.staff_title) />
        <Suspense>
            {move || {
                let added = added.clone();
                Suspend::new(async move {
                match data.await {
                    Ok(detail) => {
                        let c = detail.campaign.clone();
                        let campaign_id = c.id;
                        let closed_at = c.closed_at;
                        let status = c.status(detail.now);
                        let link = detail.share_link.clone();
                        let days = by_day(&detail.slots);
                        let bursts = detail.bursts.clone();
                        view! {
                            <section class="page">
                                <p><a href="/equipe/ourlets">{t.campaigns.back_to_list}</a></p>
                                <h1>{c.title.clone()}</h1>
                                <p class="lead">{status_word(t, status)}</p>
                                <p class="public-link">{t.campaigns.public_link}" : "<a href=link.clone()>{link.clone()}</a></p>
                                {saved.then(|| view! { <p class="notice notice-ok" role="status">{t.campaigns.saved}</p> })}
                                {added.map(|n| view! { <p class="notice notice-ok" role="status">{format!("{} {n}", t.campaigns.slots_added)}</p> })}
                                {cancelled.map(|n| view! { <p class="notice notice-ok" role="status">{(t.campaigns.bursts_cancelled)(n)}</p> })}
                                {move || other_error().map(|error| view! { <ErrorNotice error /> })}

                                <h2 id="rafales">{t.campaigns.bursts_title}</h2>
                                <p class="hint">{t.campaigns.bursts_hint}</p>
                                {bursts.is_empty().then(|| view! { <p>{t.campaigns.bursts_none}</p> })}
                                <ul class="booking-bursts">
                                    {bursts.into_iter().map(|b| view! {
                                        <li class="card">
                                            <p>{(t.campaigns.burst_line)(b.bookings, &format_paris(b.first_at), &format_paris(b.last_at))}</p>
                                            <ActionForm attr:novalidate=true action=burst attr:class="form-inline">
                                                <input type="hidden" name="campaign_id" value=campaign_id.to_string() />
                                                <input type="hidden" name="client_key" value=b.client_key.clone() />
                                                <input type="hidden" name="until" value=b.last_at.to_string() />
                                                <button type="submit" class="button-danger">{(t.campaigns.burst_cancel)(b.bookings)}</button>
                                            </ActionForm>
                                        </li>
                                    }).collect_view()}
                                </ul>

                                <h2>{t.campaigns.days_title}</h2>
                                {days.is_empty().then(|| view! { <p>{t.campaigns.no_slots}</p> })}
                                {days.into_iter().map(|(day, slots)| {
                                    let booked: i64 = slots.iter().map(|s| s.booked).sum();
                                    let capacity: i64 = slots.iter().filter(|s| !s.closed).map(|s| s.capacity).sum();
                                    view! {
                                        <details class="card day">
                                            <summary>
                                                {format!("{} · {booked} / {capacity}", day_label(t, &day))}
                                            </summary>
                                            <p><a class="button" href=format!("/equipe/ourlets/{}/jour/{day}", c.id)>{t.campaigns.day_sheet_link}</a></p>
                                            <ul class="slot-admin">
                                                {slots.into_iter().map(|s| { let hours = slot_hours(&s); view! {
                                                    <li id=format!("creneau-{}", s.id)>
                                                        <ActionForm attr:novalidate=true action=slot attr:class="slot-form">
                                                            <input type="hidden" name="slot_id" value=s.id.to_string() />
                                                            <span class="slot-hours">{hours}</span>
                                                            <span class="slot-state">{format!("{} {}", s.booked, t.campaigns.booked_word)}</span>
                                                            <label>
                                                                {t.campaigns.capacity_label}" "
                                                                <input type="number" name="capacity" min=s.booked.to_string() max="200" value=s.capacity.to_string() class="capacity" />
                                                            </label>
                                                            <label class="choice">
                                                                <input type="checkbox" name="closed" checked=s.closed />
                                                                {t.campaigns.slot_closed_label}
                                                            </label>
                                                            <button type="submit" class="button-secondary">{t.campaigns.save}</button>
                                                        </ActionForm>
                                                    </li>
                                                }}).collect_view()}
                                            </ul>
                                        </details>
                                    }
                                }).collect_view()}

                                <h2>{t.campaigns.generate_title}</h2>
                                <p class="hint">{t.campaigns.generate_hint}</p>
                                {move || generate_error().map(|error| view! { <ErrorNotice error /> })}
                                <ActionForm attr:novalidate=true action=generate attr:class="form">
                                    <input type="hidden" name="campaign_id" value=c.id.to_string() />
                                    <TextField name="first_day" label=t.campaigns.first_day_label kind="date" autocomplete="off" required=true error=Signal::derive(generate_error) />
                                    <TextField name="last_day" label=t.campaigns.last_day_label kind="date" autocomplete="off" required=true error=Signal::derive(generate_error) />
                                    <fieldset class="choices">
                                        <legend>{t.campaigns.weekdays_label}</legend>
                                        {(1..=7).map(|d| view! {
                                            <label class="choice">
                                                <input type="checkbox" name="weekdays[]" value=d.to_string() checked=d <= 5 />
                                                {t.home.weekdays[d - 1]}
                                            </label>
                                        }).collect_view()}
                                    </fieldset>
                                    <FieldError name="weekdays" error=Signal::derive(generate_error) />
                                    <TextField name="start" label=t.campaigns.start_label kind="time" autocomplete="off" required=true value="09:00" error=Signal::derive(generate_error) />
                                    <TextField name="end" label=t.campaigns.end_label kind="time" autocomplete="off" required=true value="12:00" error=Signal::derive(generate_error) />
                                    <TextField name="length_minutes" label=t.campaigns.length_label kind="number" autocomplete="off" required=true value="20" error=Signal::derive(generate_error) />
                                    <TextField name="places" label=t.campaigns.places_label kind="number" autocomplete="off" required=true value="4" error=Signal::derive(generate_error) />
                                    <button type="submit">{t.campaigns.generate_button}</button>
                                </ActionForm>

                                <h2>{t.campaigns.edit_title}</h2>
                                {move || update_error().map(|error| view! { <ErrorNotice error /> })}
                                <ActionForm attr:novalidate=true action=update attr:class="form">
                                    <input type="hidden" name="id" value=c.id.to_string() />
                                    <CampaignFields partners=detail.partners.clone() campaign=Some(c.clone()) error=Signal::derive(update_error) />
                                    <button type="submit">{t.campaigns.save}</button>
                                </ActionForm>

                                {closed_at.is_none().then(|| view! {
                                    <h2>{t.campaigns.close_title}</h2>
                                    <p class="hint">{t.campaigns.close_hint}</p>
                                    <ActionForm attr:novalidate=true action=close attr:class="form-inline">
                                        <input type="hidden" name="id" value=campaign_id.to_string() />
                                        <button type="submit" class="button-danger">{t.campaigns.close_button}</button>
                                    </ActionForm>
                                })}
                            </section>
                        }.into_any()
                    }
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

// --- Staff: the day sheet ---

fn attendance_word(t: &Catalogue, attendance: super::Attendance) -> &'static str {
    use super::Attendance::*;
    match attendance {
        Expected => t.campaigns.attendance_expected,
        Came => t.campaigns.attendance_came,
        Done => t.campaigns.attendance_done,
        NoShow => t.campaigns.attendance_no_show,
    }
}

#[component]
fn SheetRow(booking: SheetBooking, action: ServerAction<SetBookingAttendance>) -> impl IntoView {
    let t = use_texts();
    let name = crate::privacy::ui::or_erased(&booking.name);
    let id = booking.id;
    let button = |value: &'static str, label: &'static str, current: bool| {
        let aria = format!("{label} : {}", &name);
        view! {
            <ActionForm attr:novalidate=true action attr:class="form-inline">
                <input type="hidden" name="booking_id" value=id.to_string() />
                <input type="hidden" name="attendance" value=value />
                <button type="submit" class="button-secondary" aria-pressed=current.to_string()
                    aria-label=aria>{label}</button>
            </ActionForm>
        }
    };
    use super::Attendance::*;
    let a = booking.attendance;
    view! {
        <li class="card sheet-booking" id=format!("inscription-{}", booking.id) data-attendance=a.as_str()>
            <p class="sheet-name">
                <strong>{name.clone()}</strong>
                {format!(" · {} · {} {} · {}", booking.group_name, booking.garments, t.campaigns.garments_short, booking.reference)}
            </p>
            <p class="sheet-state">{attendance_word(t, a)}</p>
            <div class="sheet-actions no-print">
                {button("came", t.campaigns.check_in, a == Came)}
                {button("done", t.campaigns.mark_done, a == Done)}
                {button("no_show", t.campaigns.mark_no_show, a == NoShow)}
                {(a != Expected).then(|| button("expected", t.campaigns.undo, false))}
            </div>
        </li>
    }
}

#[component]
pub fn DaySheetPage() -> impl IntoView {
    let t = use_texts();
    let (id, day) = use_params_map().with_untracked(|p| {
        (
            p.get("id").and_then(|id| id.parse::<i64>().ok()),
            p.get("day").unwrap_or_default(),
        )
    });
    let data = Resource::new(
        move || (id, day.clone()),
        |(id, day)| async move { get_day_sheet(id.ok_or(AppError::NotFound)?, day).await },
    );
    let action = ServerAction::<SetBookingAttendance>::new();
    let error = move || action.value().get().and_then(Result::err);
    view! {
        <Title text=title(t, t.campaigns.sheet_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(sheet) => {
                        let counts = sheet.counts;
                        view! {
                            <section class="page day-sheet">
                                <p class="no-print"><a href=format!("/equipe/ourlets/{}", sheet.campaign_id)>{t.campaigns.back_to_campaign}</a></p>
                                <h1>{format!("{} · {}", t.campaigns.sheet_title, day_label(t, &sheet.day))}</h1>
                                <p class="lead">{sheet.campaign_title.clone()}</p>
                                <dl class="counts">
                                    <div><dt>{t.campaigns.count_booked}</dt><dd>{counts.booked}</dd></div>
                                    <div><dt>{t.campaigns.count_came}</dt><dd>{counts.came}</dd></div>
                                    <div><dt>{t.campaigns.count_garments_done}</dt><dd>{counts.garments_done}</dd></div>
                                    <div><dt>{t.campaigns.count_no_show}</dt><dd>{counts.no_show}</dd></div>
                                </dl>
                                <p class="no-print">
                                    <a class="button button-secondary" href=format!("/equipe/ourlets/{}/jour/{}/export.csv", sheet.campaign_id, sheet.day) download="">{t.campaigns.export_csv}</a>
                                </p>
                                <p class="hint no-print">{t.campaigns.print_hint}</p>
                                {move || error().map(|error| view! { <ErrorNotice error /> })}
                                {sheet.slots.is_empty().then(|| view! { <p>{t.campaigns.no_slots}</p> })}
                                {sheet.slots.into_iter().map(|s| view! {
                                    <section class="sheet-slot">
                                        <h2>{format!("{} · {} / {}", slot_hours(&s.slot), s.slot.booked, s.slot.capacity)}</h2>
                                        {s.bookings.is_empty().then(|| view! { <p class="hint">{t.campaigns.slot_empty}</p> })}
                                        <ul class="sheet-bookings">
                                            {s.bookings.into_iter().map(|booking| view! { <SheetRow booking action /> }).collect_view()}
                                        </ul>
                                    </section>
                                }).collect_view()}
                            </section>
                        }.into_any()
                    }
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_named_in_french() {
        let t = crate::i18n::Locale::Fr.texts();
        assert_eq!(day_label(t, "2026-12-01"), "mardi 1 décembre");
        assert_eq!(crate::campaigns::day_of(0), "1970-01-01");
    }
}
