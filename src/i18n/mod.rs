//! The text catalogue: French is the source language, English the other.
//!
//! Why not leptos_i18n: a plain struct per locale is checked by the compiler (a key missing in
//! one language does not build), needs no build script, and costs the WASM nothing because only
//! the server renders text; islands receive the few strings they need as props (DESIGN.md).
//! Each capability adds its own section struct here.

mod en;
mod fr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Fr,
    En,
}

/// The cookie that remembers the visitor's choice of language.
pub const LOCALE_COOKIE: &str = "lang";

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Fr, Locale::En];

    pub fn code(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Locale> {
        match code.trim().to_ascii_lowercase().as_str() {
            "fr" => Some(Locale::Fr),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The language's own name, as shown on the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Fr => "Français",
            Locale::En => "English",
        }
    }

    pub fn texts(self) -> &'static Catalogue {
        match self {
            Locale::Fr => &fr::CATALOGUE,
            Locale::En => &en::CATALOGUE,
        }
    }

    /// The cookie first, then the browser's `Accept-Language` (by q-value), then French.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Locale {
        if let Some(locale) = cookie.and_then(Locale::from_code) {
            return locale;
        }
        let Some(header) = accept_language else {
            return Locale::Fr;
        };
        let mut best: Option<(f32, Locale)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let primary = tag.split('-').next().unwrap_or("");
            let Some(locale) = Locale::from_code(primary) else {
                continue;
            };
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if q > 0.0 && best.is_none_or(|(best_q, _)| q > best_q) {
                best = Some((q, locale));
            }
        }
        best.map(|(_, locale)| locale).unwrap_or(Locale::Fr)
    }
}

/// The locale of the page being rendered (provided by the shell from the request).
pub fn use_locale() -> Locale {
    leptos::prelude::use_context::<Locale>().unwrap_or_default()
}

/// The texts of the page being rendered.
pub fn use_texts() -> &'static Catalogue {
    use_locale().texts()
}

pub struct Catalogue {
    pub common: Common,
    pub nav: Nav,
    pub home: Home,
    pub accounts: Accounts,
    pub second_factor: SecondFactor,
    pub alterations: Alterations,
    pub campaigns: Campaigns,
    pub lunch: Lunch,
    pub catering: Catering,
    pub planning: Planning,
    pub privacy: Privacy,
    pub offline: Offline,
    pub not_found: NotFound,
    pub errors: Errors,
}

pub struct Common {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub meta_description: &'static str,
    pub skip_to_content: &'static str,
    pub language: &'static str,
    pub footer: &'static str,
    pub offline_banner: &'static str,
    pub months: [&'static str; 12],
    /// "mardi 1 décembre" from the weekday, day of month and month words.
    pub day_label: fn(&str, i64, &str) -> String,
}

pub struct Nav {
    pub label: &'static str,
    pub home: &'static str,
    pub staff: &'static str,
    pub account: &'static str,
    pub sign_in: &'static str,
    pub alterations: &'static str,
    pub lunch: &'static str,
    pub planning: &'static str,
}

pub struct Home {
    pub title: &'static str,
    pub intro: &'static str,
    pub services_title: &'static str,
    /// Name and description of each coop activity, by the slug of `coop_service`.
    pub service: fn(&str) -> Option<(&'static str, &'static str)>,
    pub hours_title: &'static str,
    pub closed: &'static str,
    pub weekdays: [&'static str; 7],
    pub hours_admin_title: &'static str,
    pub hours_admin_intro: &'static str,
    pub hours_add: &'static str,
    pub hours_remove: &'static str,
    pub hours_service: &'static str,
    pub hours_weekday: &'static str,
    pub hours_opens: &'static str,
    pub hours_closes: &'static str,
    pub visit_title: &'static str,
    pub visit: &'static str,
    pub actions_title: &'static str,
    pub actions: &'static [&'static str],
}

/// The conciergerie: price list, request form, tracking page, staff's pages.
pub struct Alterations {
    pub items_title: &'static str,
    /// The home page's button to the request form.
    pub home_call: &'static str,
    pub activate: &'static str,
    pub back_to_queue: &'static str,
    pub cancel_button: &'static str,
    pub cancel_title: &'static str,
    pub catalogue_intro: &'static str,
    pub catalogue_title: &'static str,
    pub change_items: &'static str,
    pub consent: &'static str,
    pub contact_hint: &'static str,
    pub contact_name: &'static str,
    pub contact_title: &'static str,
    pub continue_button: &'static str,
    pub copied: &'static str,
    pub counts_label: &'static str,
    pub day_sheet_title: &'static str,
    pub deactivate: &'static str,
    pub decisions_title: &'static str,
    pub done_column: &'static str,
    pub dropoff_hint: &'static str,
    pub dropoff_label: &'static str,
    pub dropoff_title: &'static str,
    pub dropoffs_title: &'static str,
    pub email: &'static str,
    pub estimate_hint: &'static str,
    pub estimated_total: &'static str,
    pub filter_all: &'static str,
    pub filter_button: &'static str,
    pub filter_day: &'static str,
    pub filter_status: &'static str,
    pub form_title: &'static str,
    pub garments: &'static str,
    pub inactive: &'static str,
    pub intro: &'static str,
    pub link_hint: &'static str,
    pub link_title: &'static str,
    pub next_cancelled: &'static str,
    pub next_collected: &'static str,
    pub next_declined: &'static str,
    pub next_in_work: &'static str,
    pub next_ready: &'static str,
    pub none: &'static str,
    pub note_hint: &'static str,
    pub note_label: &'static str,
    pub on_quote: &'static str,
    pub partner_label: &'static str,
    pub partner_name: &'static str,
    pub partner_new: &'static str,
    pub partner_none: &'static str,
    pub partners_intro: &'static str,
    pub partners_title: &'static str,
    pub phone: &'static str,
    pub photo_attached: &'static str,
    pub photo_hint: &'static str,
    pub photo_label: &'static str,
    pub pickups_title: &'static str,
    pub price_confirmed: &'static str,
    pub price_estimated: &'static str,
    pub price_hint: &'static str,
    pub price_label: &'static str,
    pub print_hint: &'static str,
    pub quantity: &'static str,
    pub queue_empty: &'static str,
    pub queue_title: &'static str,
    pub reason: &'static str,
    pub reason_hint: &'static str,
    pub reference: &'static str,
    pub request_title: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub send: &'static str,
    pub sent_at: &'static str,
    pub sent_body: &'static str,
    pub sent_title: &'static str,
    pub service_active: &'static str,
    pub service_description: &'static str,
    pub service_name: &'static str,
    pub service_new: &'static str,
    pub service_price_hint: &'static str,
    pub service_turnaround: &'static str,
    pub share: &'static str,
    pub shelf: &'static str,
    pub step_1: &'static str,
    pub step_2: &'static str,
    pub steps_label: &'static str,
    pub timeline_title: &'static str,
    pub title: &'static str,
    pub tracking_title: &'static str,
    pub tracking_unknown: &'static str,
    pub where_text: &'static str,
    pub your_items: &'static str,
    /// A request's status, by its name in `alterations::Status::as_str`.
    pub status: fn(&str) -> &'static str,
    /// A staff decision's button, by `alterations::Decision::as_str`.
    pub decision: fn(&str) -> &'static str,
    /// "Prête en 3 jours environ."
    pub turnaround: fn(i64) -> String,
    /// What happens next, with the drop-off day in words.
    pub next_requested: fn(&str) -> String,
    pub next_accepted: fn(&str) -> String,
}

/// Two-step verification: enrolment in "Mon compte" and the code step of sign-in.
pub struct SecondFactor {
    pub section_title: &'static str,
    pub intro: &'static str,
    pub required_notice: &'static str,
    pub enable: &'static str,
    pub continue_setup: &'static str,
    pub on: &'static str,
    pub codes_left: &'static str,
    pub admin_cannot_disable: &'static str,
    pub disable: &'static str,
    pub disable_password: &'static str,
    pub disabled: &'static str,
    pub enabled: &'static str,
    pub setup_title: &'static str,
    pub setup_step_scan: &'static str,
    pub qr_label: &'static str,
    pub setup_step_type: &'static str,
    pub setup_step_code: &'static str,
    pub code_label: &'static str,
    pub confirm: &'static str,
    pub setup_gone: &'static str,
    pub codes_title: &'static str,
    pub codes_intro: &'static str,
    pub codes_print: &'static str,
    pub codes_done: &'static str,
    pub codes_gone: &'static str,
    pub back_to_account: &'static str,
    pub code_title: &'static str,
    pub code_intro: &'static str,
    pub code_field: &'static str,
    pub code_submit: &'static str,
    pub code_restart: &'static str,
}

pub struct Accounts {
    pub access_title: &'static str,
    pub account_title: &'static str,
    pub audit_empty: &'static str,
    pub audit_filter: &'static str,
    pub audit_object_id: &'static str,
    pub audit_object_type: &'static str,
    pub audit_title: &'static str,
    pub back_to_list: &'static str,
    pub back_to_person: &'static str,
    pub create: &'static str,
    pub deactivate: &'static str,
    pub details_title: &'static str,
    pub email: &'static str,
    pub email_optional: &'static str,
    pub first_name: &'static str,
    pub history_title: &'static str,
    pub inactive: &'static str,
    pub invitation_card_for: &'static str,
    pub invitation_card_gone: &'static str,
    pub invitation_card_steps: &'static str,
    pub invitation_claim: &'static str,
    pub invitation_hello: &'static str,
    pub invitation_intro: &'static str,
    pub invitation_invalid: &'static str,
    pub invitation_issue: &'static str,
    pub invitation_not_me: &'static str,
    pub invitation_print_hint: &'static str,
    pub invitation_qr_label: &'static str,
    pub invitation_staff_intro: &'static str,
    pub invitation_title: &'static str,
    pub invitation_valid_until: &'static str,
    pub last_name: &'static str,
    pub login_label: &'static str,
    pub participant_hint: &'static str,
    pub participant_new: &'static str,
    pub participants_title: &'static str,
    pub password_changed: &'static str,
    pub password_confirm: &'static str,
    pub password_current: &'static str,
    pub password_label: &'static str,
    pub password_new: &'static str,
    pub password_none_yet: &'static str,
    pub password_rules: &'static str,
    pub password_save: &'static str,
    pub password_title: &'static str,
    pub person_title: &'static str,
    pub phone_optional: &'static str,
    pub reactivate: &'static str,
    pub role_admin: &'static str,
    pub role_label: &'static str,
    pub role_participant: &'static str,
    pub role_staff: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub sectors_label: &'static str,
    pub sign_in_button: &'static str,
    pub sign_in_intro: &'static str,
    pub sign_in_title: &'static str,
    pub sign_out: &'static str,
    pub sign_out_everywhere: &'static str,
    pub sign_out_person: &'static str,
    pub signed_out: &'static str,
    pub signed_out_person: &'static str,
    pub staff_new: &'static str,
    pub staff_new_intro: &'static str,
    pub staff_title: &'static str,

    /// What an audit action means, by its code.
    pub audit_action: fn(&str) -> &'static str,
}

pub struct Campaigns {
    pub add_to_calendar: &'static str,
    pub attendance_came: &'static str,
    pub attendance_done: &'static str,
    pub attendance_expected: &'static str,
    pub attendance_no_show: &'static str,
    pub back_to_campaign: &'static str,
    pub back_to_list: &'static str,
    pub book_again: &'static str,
    pub book_button: &'static str,
    pub booked_word: &'static str,
    pub booking_title: &'static str,
    pub bring_hint: &'static str,
    /// A burst's button: "Annuler ces N réservations".
    pub burst_cancel: fn(i64) -> String,
    /// A burst: how many, from when to when.
    pub burst_line: fn(i64, &str, &str) -> String,
    pub bursts_cancelled: fn(i64) -> String,
    pub bursts_hint: &'static str,
    pub bursts_none: &'static str,
    pub bursts_title: &'static str,
    pub cancel_button: &'static str,
    pub cancel_title: &'static str,
    pub cancelled_title: &'static str,
    pub capacity_label: &'static str,
    pub check_in: &'static str,
    pub close_button: &'static str,
    pub close_hint: &'static str,
    pub close_title: &'static str,
    pub closed_notice: &'static str,
    pub closes_label: &'static str,
    pub code_intro: &'static str,
    pub code_label: &'static str,
    pub code_needed: &'static str,
    pub code_submit: &'static str,
    pub confirmed_title: &'static str,
    pub contact_hint: &'static str,
    pub contact_label: &'static str,
    pub count_booked: &'static str,
    pub count_came: &'static str,
    pub count_garments_done: &'static str,
    pub count_no_show: &'static str,
    pub counts_label: &'static str,
    pub create_button: &'static str,
    pub csv_attendance: &'static str,
    pub csv_day: &'static str,
    pub csv_slot: &'static str,
    pub day_sheet_link: &'static str,
    pub days_title: &'static str,
    pub description_label: &'static str,
    pub edit_title: &'static str,
    pub end_label: &'static str,
    pub export_csv: &'static str,
    pub first_day_label: &'static str,
    pub full_notice: &'static str,
    pub garments_label: &'static str,
    pub garments_short: &'static str,
    pub generate_button: &'static str,
    pub generate_hint: &'static str,
    pub generate_title: &'static str,
    pub group_hint: &'static str,
    pub group_label: &'static str,
    pub invite_code_hint: &'static str,
    pub invite_code_label: &'static str,
    pub keep_link: &'static str,
    pub last_day_label: &'static str,
    pub length_label: &'static str,
    pub mark_done: &'static str,
    pub mark_no_show: &'static str,
    pub max_garments_label: &'static str,
    pub move_button: &'static str,
    pub move_legend: &'static str,
    pub move_title: &'static str,
    pub moved_notice: &'static str,
    pub name_label: &'static str,
    pub nearest_title: &'static str,
    pub new_title: &'static str,
    pub no_slots: &'static str,
    pub none_yet: &'static str,
    pub not_open_yet: &'static str,
    pub opens_label: &'static str,
    pub partner_label: &'static str,
    pub partner_none: &'static str,
    pub place_label: &'static str,
    pub places_label: &'static str,
    pub print_hint: &'static str,
    pub public_link: &'static str,
    pub public_title: &'static str,
    pub reference: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub sheet_title: &'static str,
    pub slot_closed: &'static str,
    pub slot_closed_label: &'static str,
    pub slot_empty: &'static str,
    pub slot_full: &'static str,
    pub slots_added: &'static str,
    pub staff_title: &'static str,
    pub start_label: &'static str,
    pub status_closed: &'static str,
    pub status_ended: &'static str,
    pub status_not_open: &'static str,
    pub status_open: &'static str,
    pub step_day: &'static str,
    pub step_details: &'static str,
    pub step_slot: &'static str,
    pub title_label: &'static str,
    pub undo: &'static str,
    pub weekdays_label: &'static str,
    pub when_label: &'static str,
    /// "3 places libres".
    pub places_left: fn(i64) -> String,
}

pub struct Offline {
    pub title: &'static str,
    pub body: &'static str,
    pub retry: &'static str,
}

pub struct NotFound {
    pub title: &'static str,
    pub body: &'static str,
    pub back_home: &'static str,
}

/// Catering for companies: the request form, its private link, the staff's page (src/catering).
pub struct Catering {
    pub title: &'static str,
    pub request_title: &'static str,
    pub staff_title: &'static str,
    pub step_organisation: &'static str,
    pub organisation: &'static str,
    pub siret: &'static str,
    pub siret_hint: &'static str,
    pub contact_name: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub step_event: &'static str,
    pub event_day: &'static str,
    pub event_time: &'static str,
    pub covers: &'static str,
    pub covers_short: &'static str,
    pub formula: &'static str,
    pub choose: &'static str,
    pub place: &'static str,
    pub place_here: &'static str,
    pub place_address: &'static str,
    pub address: &'static str,
    pub address_hint: &'static str,
    pub budget: &'static str,
    pub budget_hint: &'static str,
    pub step_food: &'static str,
    pub diets_hint: &'static str,
    pub diets_title: &'static str,
    pub allergens: &'static str,
    pub message: &'static str,
    pub consent: &'static str,
    pub send: &'static str,
    pub sent_title: &'static str,
    pub sent_body: &'static str,
    pub reference: &'static str,
    pub keep_link: &'static str,
    pub cancel: &'static str,
    pub requests_title: &'static str,
    pub no_request: &'static str,
    pub received: &'static str,
    pub details: &'static str,
    pub rules_title: &'static str,
    pub min_covers: &'static str,
    pub lead_days: &'static str,
    pub formulas_title: &'static str,
    pub formula_off: &'static str,
    pub formula_hide: &'static str,
    pub formula_show: &'static str,
    pub formula_new: &'static str,
    pub formula_add: &'static str,
    /// "From 10 covers…", with the minimum staff set.
    pub intro: fn(i64) -> String,
    pub event_day_hint: fn(i64) -> String,
    pub covers_hint: fn(i64) -> String,
    pub diet: fn(&str) -> &'static str,
    pub status: fn(&str) -> &'static str,
}

/// People's data: the "Vos données" page, a private link's data, erasures (src/privacy).
pub struct Privacy {
    pub title: &'static str,
    pub intro: &'static str,
    pub controller_title: &'static str,
    pub controller: &'static str,
    pub held_title: &'static str,
    pub category_name: fn(crate::privacy::register::Category) -> &'static str,
    pub category_why: fn(crate::privacy::register::Category) -> &'static str,
    /// How long, from the configured periods.
    pub category_kept: fn(crate::privacy::register::Category, &crate::privacy::Retention) -> String,
    pub columns_label: &'static str,
    pub rights_title: &'static str,
    pub rights: [&'static str; 5],
    pub complaint: &'static str,
    pub your_data_link: &'static str,
    pub link_title: &'static str,
    pub personal_title: &'static str,
    pub record_title: &'static str,
    pub photos: fn(u32) -> String,
    /// The label of a held value, by its name (`name`, `phone`, `status`…).
    pub field: fn(&str) -> &'static str,
    pub download_json: &'static str,
    pub erase_title: &'static str,
    pub erase_explain: &'static str,
    pub erase_cancels: &'static str,
    pub erase_confirm: &'static str,
    pub erase_button: &'static str,
    pub erase_wait: &'static str,
    pub erased_notice: fn(&str) -> String,
    pub back_to_link: &'static str,
    pub account_download: &'static str,
    pub account_download_hint: &'static str,
    pub person_erase_title: &'static str,
    pub person_erase_explain: &'static str,
    pub person_erase_confirm: &'static str,
    pub person_erase_button: &'static str,
    pub person_erased: fn(&str) -> String,
    pub deleted_title: &'static str,
    pub pseudonymised_title: &'static str,
    /// A line of an erasure's report: what, and how many.
    pub report_item: fn(&str, u64) -> String,
    pub staff_accounts_note: &'static str,
    pub due_title: &'static str,
    pub due_item: fn(&str, &str) -> String,
    pub due_hint: &'static str,
    /// Shown to staff in place of a name erased by its holder or the purge.
    pub erased_name: &'static str,
}

pub struct Errors {
    pub title: &'static str,
    /// The message shown to a person for an error or field message key.
    pub message: fn(&str) -> &'static str,
    /// "Too many attempts", with how long to wait (seconds, said in seconds or minutes).
    pub retry_in: fn(u64) -> String,
}

impl Errors {
    /// The sentence for an error as a whole: its message, or how long to wait before retrying.
    pub fn sentence(&self, error: &crate::error::AppError) -> String {
        match error {
            crate::error::AppError::RateLimited { retry_after_secs } => {
                (self.retry_in)(*retry_after_secs)
            }
            _ => (self.message)(error.key()).to_owned(),
        }
    }
}

/// Lunch: menus, takeaway pre-orders, the kitchen (src/lunch/).
pub struct Planning {
    pub my_title: &'static str,
    pub planning_of: &'static str,
    pub back_to_week: &'static str,
    pub back_to_staff: &'static str,
    pub back_to_planning: &'static str,
    pub updated_at: fn(&str, &str) -> String,
    pub absence_sent: &'static str,
    pub presence_confirmed_notice: &'static str,
    pub feed_revoked: &'static str,
    pub waiting_title: &'static str,
    pub waiting_hint: &'static str,
    pub sending: &'static str,
    pub no_shift: &'static str,
    pub today: &'static str,
    pub place_label: &'static str,
    pub place_hint: &'static str,
    pub attended: &'static str,
    pub absence_pending: &'static str,
    pub absence_approved: &'static str,
    pub absent: &'static str,
    pub absence_refused: &'static str,
    pub presence_confirmed: &'static str,
    pub reason: fn(&str) -> &'static str,
    pub confirm_button: &'static str,
    pub absence_button: &'static str,
    pub absence_queued: &'static str,
    pub reason_label: &'static str,
    pub details_label: &'static str,
    pub absence_send: &'static str,
    pub feed_title: &'static str,
    pub feed_intro: &'static str,
    pub feed_since: fn(&str) -> String,
    pub feed_reissue: &'static str,
    pub feed_create: &'static str,
    pub feed_revoke: &'static str,
    pub feed_ready: &'static str,
    pub feed_how: &'static str,
    pub feed_subscribe: &'static str,
    pub feed_copy: &'static str,
    pub feed_copied: &'static str,
    pub feed_private: &'static str,
    pub week_title: &'static str,
    pub no_shift_day: &'static str,
    pub filled_of: fn(i64, i64) -> String,
    pub missing: fn(i64) -> String,
    pub week_of: fn(&str) -> String,
    pub week_nav: &'static str,
    pub previous_week: &'static str,
    pub this_week: &'static str,
    pub next_week: &'static str,
    pub absences_link: fn(i64) -> String,
    pub hours_title: &'static str,
    pub sectors_title: &'static str,
    pub week_copied: &'static str,
    pub shift_deleted: &'static str,
    pub week_summary: fn(usize, i64) -> String,
    pub new_shift: &'static str,
    pub sector_label: &'static str,
    pub day_label: &'static str,
    pub starts_label: &'static str,
    pub ends_label: &'static str,
    pub places_label: &'static str,
    pub note_label: &'static str,
    pub create_shift: &'static str,
    pub copy_week: &'static str,
    pub shift_title: &'static str,
    pub shift_created: &'static str,
    pub person_assigned: &'static str,
    pub people_title: &'static str,
    pub nobody: &'static str,
    pub absence_status: fn(&str) -> &'static str,
    pub attendance_label: &'static str,
    pub attendance: fn(&str) -> &'static str,
    pub unassign: &'static str,
    pub assign_title: &'static str,
    pub no_candidate: &'static str,
    pub person_label: &'static str,
    pub assign_button: &'static str,
    pub edit_title: &'static str,
    pub delete_shift: &'static str,
    pub absences_title: &'static str,
    pub absence_decided: &'static str,
    pub no_pending: &'static str,
    pub declared_on: fn(&str) -> String,
    pub approve: &'static str,
    pub refuse: &'static str,
    pub decided_title: &'static str,
    pub month_nav: &'static str,
    pub previous_month: &'static str,
    pub next_month: &'static str,
    pub hours_intro: &'static str,
    pub export_csv: &'static str,
    pub no_hours: &'static str,
    pub hours_columns: [&'static str; 9],
    pub pictogram_label: &'static str,
    pub pictogram_name: fn(&str) -> &'static str,
    pub inactive: &'static str,
    pub sector_name_label: &'static str,
    pub sector_active: &'static str,
    pub new_sector: &'static str,
    pub add_sector: &'static str,
    pub planning_and_calendar: &'static str,
    pub staff_link: &'static str,
}

pub struct Lunch {
    pub title: &'static str,
    pub intro: &'static str,
    pub place: &'static str,
    pub pay_on_site: &'static str,
    pub no_service: &'static str,
    pub allergen_notice: &'static str,
    pub allergens_label: &'static str,
    pub no_allergen: &'static str,
    pub sold_out: &'static str,
    pub menu_coming: &'static str,
    pub order_until: &'static str,
    pub order_button: &'static str,
    pub orders_closed: &'static str,
    pub summary_title: &'static str,
    pub see_menus: &'static str,
    pub order_title: &'static str,
    pub back_to_menus: &'static str,
    pub step_dishes: &'static str,
    pub quantity_hint: &'static str,
    pub step_window: &'static str,
    pub step_contact: &'static str,
    pub name_label: &'static str,
    pub phone_label: &'static str,
    pub phone_hint: &'static str,
    pub confirm_order: &'static str,
    pub window_full: &'static str,
    pub your_order: &'static str,
    pub cancelled_notice: &'static str,
    pub keep_link: &'static str,
    pub cancel_until: &'static str,
    pub cancel_button: &'static str,
    pub reference: &'static str,
    pub status_label: &'static str,
    pub pickup: &'static str,
    pub total: &'static str,
    pub staff_title: &'static str,
    pub back_to_staff: &'static str,
    pub kitchen_title: &'static str,
    pub services_title: &'static str,
    pub closed_suffix: &'static str,
    pub new_service_date: &'static str,
    pub new_service_hint: &'static str,
    pub create_service: &'static str,
    pub days_title: &'static str,
    pub days_intro: &'static str,
    pub day_new: &'static str,
    pub weekday_label: &'static str,
    pub starts_label: &'static str,
    pub ends_label: &'static str,
    pub cutoff_label: &'static str,
    pub window_minutes_label: &'static str,
    pub window_capacity_label: &'static str,
    pub day_active: &'static str,
    pub service_title: &'static str,
    pub back_to_lunch_staff: &'static str,
    pub settings_title: &'static str,
    pub cutoff_datetime_label: &'static str,
    pub service_open: &'static str,
    pub windows_title: &'static str,
    pub capacity_label: &'static str,
    pub window_open: &'static str,
    pub menu_title: &'static str,
    pub delete_dish: &'static str,
    pub dish_new: &'static str,
    pub copy_title: &'static str,
    pub copy_from: &'static str,
    pub copy_button: &'static str,
    pub course_label: &'static str,
    pub dish_name_label: &'static str,
    pub description_label: &'static str,
    pub price_label: &'static str,
    pub portions_label: &'static str,
    pub labels_label: &'static str,
    pub add_dish: &'static str,
    pub other_services: &'static str,
    pub csv_download: &'static str,
    pub to_prepare: &'static str,
    pub count_ordered: &'static str,
    pub totals_title: &'static str,
    pub total_orders: &'static str,
    pub total_portions: &'static str,
    pub total_collected: &'static str,
    pub total_takings: &'static str,
    pub orders_by_window: &'static str,
    pub no_order: &'static str,
    pub mark_ready: &'static str,
    pub mark_collected: &'static str,
    pub allergen: fn(&str) -> &'static str,
    pub course: fn(&str) -> &'static str,
    pub status: fn(&str) -> &'static str,
    pub portions_left: fn(i64) -> String,
    pub places_left: fn(i64) -> String,
    pub booked: fn(i64) -> String,
    pub ordered_of: fn(i64, i64) -> String,
    pub csv_columns: [&'static str; 8],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_wins_over_the_browser() {
        assert_eq!(
            Locale::negotiate(Some("en"), Some("fr-FR,fr;q=0.9")),
            Locale::En
        );
        assert_eq!(Locale::negotiate(Some("xx"), Some("en-GB")), Locale::En);
    }

    #[test]
    fn accept_language_is_read_by_quality() {
        assert_eq!(
            Locale::negotiate(None, Some("de-DE,en;q=0.8,fr;q=0.5")),
            Locale::En
        );
        assert_eq!(
            Locale::negotiate(None, Some("en;q=0.3, fr-BE;q=0.7")),
            Locale::Fr
        );
        assert_eq!(Locale::negotiate(None, Some("de, es")), Locale::Fr);
        assert_eq!(Locale::negotiate(None, Some("en;q=0")), Locale::Fr);
        assert_eq!(Locale::negotiate(None, None), Locale::Fr);
    }

    #[test]
    fn a_wait_is_said_in_seconds_then_whole_minutes() {
        let fr = &Locale::Fr.texts().errors;
        let wait = |secs| (fr.retry_in)(secs);
        assert_eq!(wait(1), "Trop d'essais. Réessayez dans 1 seconde.");
        assert_eq!(wait(45), "Trop d'essais. Réessayez dans 45 secondes.");
        assert_eq!(wait(60), "Trop d'essais. Réessayez dans 1 minute.");
        assert_eq!(wait(61), "Trop d'essais. Réessayez dans 2 minutes.");
        assert_eq!(wait(900), "Trop d'essais. Réessayez dans 15 minutes.");
        assert_eq!(
            fr.sentence(&crate::error::AppError::RateLimited {
                retry_after_secs: 120
            }),
            "Trop d'essais. Réessayez dans 2 minutes."
        );
        assert_eq!(
            fr.sentence(&crate::error::AppError::NotFound),
            "Introuvable."
        );
        assert_eq!(
            (Locale::En.texts().errors.retry_in)(30),
            "Too many attempts. Try again in 30 seconds."
        );
    }

    #[test]
    fn every_error_key_has_a_message_in_both_languages() {
        for key in [
            "not_found",
            "unauthorized",
            "forbidden",
            "validation",
            "bad_request",
            "rate_limited",
            "network",
            "internal",
            "unavailable",
            "locale_unknown",
            "sign_in_failed",
            "password_too_short",
            "password_too_long",
            "password_common",
            "password_wrong",
            "sign_in_again",
            "password_mismatch",
            "name_required",
            "name_too_long",
            "email_invalid",
            "email_required",
            "email_taken",
            "phone_invalid",
            "phone_taken",
            "sector_unknown",
            "role_invalid",
            "person_inactive",
            "cannot_change_self",
            "service_unavailable",
            "items_required",
            "quantity_invalid",
            "note_too_long",
            "photo_too_large",
            "photo_not_image",
            "photo_too_many_pixels",
            "too_many_photos",
            "dropoff_day_invalid",
            "partner_unknown",
            "contact_required",
            "consent_required",
            "text_too_long",
            "cancel_too_late",
            "transition_not_allowed",
            "price_invalid",
            "reason_required",
            "shelf_required",
            "service_name_invalid",
            "service_name_taken",
            "turnaround_invalid",
            "partner_name_invalid",
            "partner_name_taken",
            "hours_invalid",
            "hours_overlap",
            "date_invalid",
            "date_order",
            "invite_code_format",
            "max_garments_invalid",
            "weekdays_required",
            "time_invalid",
            "time_order",
            "slot_length_invalid",
            "capacity_invalid",
            "too_many_slots",
            "no_slots",
            "capacity_below_booked",
            "invite_code_wrong",
            "invite_code_too_short",
            "campaign_not_open",
            "campaign_closed",
            "second_factor_required",
            "second_factor_code_wrong",
            "second_factor_already_on",
            "second_factor_admin_required",
            "sign_in_code_expired",
            "sign_in_code_too_many",
            "garments_over_max",
            "garments_invalid",
            "contact_invalid",
            "slot_required",
            "slot_closed",
            "slot_unknown",
            "slot_full",
            "booking_exists",
            "address_share_campaign",
            "address_share_lunch",
            "address_share_alterations",
            "booking_locked",
            "booking_cancelled",
            "attendance_invalid",
            "allergen_unknown",
            "date_past",
            "labels_invalid",
            "quantity_max",
            "order_empty",
            "weekday_invalid",
            "hours_order",
            "cutoff_after_start",
            "window_minutes_range",
            "capacity_range",
            "lunch_day_not_served",
            "cutoff_invalid",
            "cutoff_after_end",
            "portions_below_ordered",
            "dish_has_orders",
            "menu_same_service",
            "menu_empty",
            "lunch_closed",
            "lunch_cutoff_passed",
            "window_required",
            "window_unknown",
            "sector_required",
            "places_invalid",
            "shift_ends_before_start",
            "shift_too_long",
            "month_invalid",
            "absence_reason_required",
            "sector_name_required",
            "sector_name_taken",
            "pictogram_required",
            "places_below_assigned",
            "shift_has_people",
            "next_week_not_empty",
            "week_empty",
            "participant_inactive",
            "participant_required",
            "already_assigned",
            "shift_overlap",
            "shift_full",
            "assignment_attended",
            "shift_not_started",
            "absence_already_decided",
            "sent_under_other_account",
            "shift_over",
            "absence_already_declared",
            "window_full",
            "dish_unknown",
            "dish_sold_out",
            "order_retry",
            "order_not_cancellable",
            "status_invalid",
            "order_cancelled",
            "order_collected",
            "course_invalid",
            "dish_name_invalid",
            "description_too_long",
            "portions_invalid",
            "dish_quantity_invalid",
            "erase_confirm_required",
            "erase_garments_here",
            "erase_after_service",
            "erase_after_slot",
            "erase_participants_only",
            "siret_invalid",
            "siret_key_wrong",
            "organisation_required",
            "text_too_long",
            "catering_too_soon",
            "date_too_far",
            "covers_invalid",
            "covers_below_minimum",
            "formula_required",
            "place_required",
            "address_required",
            "count_invalid",
            "diet_above_covers",
            "message_too_long",
            "address_share_catering",
            "catering_not_cancellable",
            "min_covers_range",
            "lead_days_range",
            "formula_name_invalid",
            "formula_name_taken",
        ] {
            for locale in Locale::ALL {
                let message = (locale.texts().errors.message)(key);
                assert_ne!(
                    message,
                    (locale.texts().errors.message)("no such key"),
                    "{key}"
                );
            }
        }
    }
}
