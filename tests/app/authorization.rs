//! The authorization matrix: every server function, called as each kind of caller, answers as
//! this table says, and writes nothing when it refuses. A server function missing from the
//! table fails the test: each issue adds its own rows.

use crate::helpers::{TestApp, spawn_app};
use coop_manau::{
    accounts::{Role, service},
    lunch::service as lunch,
};
use reqwest::StatusCode;
use std::collections::BTreeSet;

/// Who calls.
#[derive(Debug, Clone, Copy)]
enum Caller {
    Anonymous,
    Participant,
    /// Another participant than the one the call is about.
    OtherParticipant,
    Staff,
    Admin,
}

const CALLERS: [Caller; 5] = [
    Caller::Anonymous,
    Caller::Participant,
    Caller::OtherParticipant,
    Caller::Staff,
    Caller::Admin,
];

/// The people and objects the calls are about.
struct World {
    participant: i64,
    other_participant: i64,
    staff: i64,
    admin: i64,
    /// A participant that staff act upon.
    target: i64,
    /// A staff member whose role the admin changes.
    target_staff: i64,
    card_token: String,
    /// Lunch: a service with a dish, a window and an order. `participant` works in the kitchen
    /// sector, `other_participant` does not.
    lunch_service: i64,
    lunch_other_service: i64,
    lunch_window: i64,
    lunch_dish: i64,
    lunch_order: i64,
    lunch_order_token: String,
    lunch_day: String,
    /// Opération ourlets: the demo campaign, two of its slots, a booking and its private link.
    campaign: Campaign,
    planning: Planning,
}

/// The planning: `participant` is on a coming shift (and has a calendar feed), on another with
/// an absence waiting, and on one that has begun; empty shifts to assign to and to delete; a
/// week far ahead to copy; `target` on a shift staff take them off, with a feed staff revoke.
struct Planning {
    assignment: i64,
    absence: i64,
    started_assignment: i64,
    open_shift: i64,
    empty_shift: i64,
    copy_week: String,
    removable_assignment: i64,
    feed_token: String,
}

struct Campaign {
    id: i64,
    slot: i64,
    other_slot: i64,
    day: String,
    booking: i64,
    token: String,
}

struct Row {
    path: &'static str,
    /// Form fields (POST) or query (GET).
    args: fn(&World) -> Vec<(&'static str, String)>,
    /// Anonymous, participant, other participant, staff, admin.
    expect: [u16; 5],
}

const OK: u16 = 200;
const PUBLIC: [u16; 5] = [OK; 5];
const SIGNED_IN: [u16; 5] = [401, OK, OK, OK, OK];
const STAFF: [u16; 5] = [401, 403, 403, OK, OK];
const ADMIN: [u16; 5] = [401, 403, 403, 403, OK];
/// Staff, and participants of the kitchen sector.
const KITCHEN: [u16; 5] = [401, OK, 403, OK, OK];

fn rows() -> Vec<Row> {
    vec![
        // Foundation.
        Row {
            path: "/api/set_locale",
            args: |_| vec![("locale", "en".into())],
            expect: PUBLIC,
        },
        Row {
            path: "/api/list_service_hours",
            args: |_| vec![],
            expect: PUBLIC,
        },
        // Accounts. Reads before the writes that would change what they read.
        Row {
            path: "/api/get_current_user",
            args: |_| vec![],
            expect: PUBLIC,
        },
        Row {
            path: "/api/get_invitation",
            args: |w| vec![("token", w.card_token.clone())],
            expect: PUBLIC,
        },
        Row {
            path: "/api/get_invitation_card",
            args: |w| vec![("token", w.card_token.clone())],
            expect: STAFF,
        },
        Row {
            path: "/api/list_participants",
            args: |_| vec![],
            expect: STAFF,
        },
        Row {
            path: "/api/list_staff",
            args: |_| vec![],
            expect: ADMIN,
        },
        Row {
            path: "/api/list_sectors",
            args: |_| vec![],
            expect: STAFF,
        },
        Row {
            path: "/api/get_person",
            args: |w| vec![("id", w.target.to_string())],
            expect: STAFF,
        },
        Row {
            path: "/api/list_audit",
            args: |_| vec![("object_type", "person".into())],
            expect: STAFF,
        },
        Row {
            path: "/api/sign_in",
            args: |_| {
                vec![
                    ("login", "matrix@test.example".into()),
                    ("password", "fil rouge de Roubaix".into()),
                ]
            },
            expect: PUBLIC,
        },
        Row {
            path: "/api/sign_out",
            args: |_| vec![],
            expect: PUBLIC,
        },
        Row {
            path: "/api/sign_out_everywhere",
            args: |_| vec![],
            expect: SIGNED_IN,
        },
        Row {
            path: "/api/change_password",
            args: |_| {
                vec![
                    ("current", String::new()),
                    ("new", "Une phrase de passe".into()),
                    ("confirm", "Une phrase de passe".into()),
                ]
            },
            expect: SIGNED_IN,
        },
        // An unknown invitation: nobody signs in with it, whoever they are.
        Row {
            path: "/api/claim_invitation",
            args: |_| vec![("token", "x".repeat(43))],
            expect: [404; 5],
        },
        Row {
            path: "/api/create_participant",
            args: |_| {
                vec![
                    ("first_name", "Nouvelle".into()),
                    ("last_name", "Personne".into()),
                    ("phone", String::new()),
                    ("email", String::new()),
                ]
            },
            expect: STAFF,
        },
        Row {
            path: "/api/update_person",
            args: |w| {
                vec![
                    ("id", w.target.to_string()),
                    ("first_name", "Cible".into()),
                    ("last_name", "Modifiée".into()),
                    ("phone", String::new()),
                    ("email", String::new()),
                ]
            },
            expect: STAFF,
        },
        Row {
            path: "/api/sign_out_person",
            args: |w| vec![("id", w.target.to_string())],
            expect: STAFF,
        },
        Row {
            path: "/api/set_person_active",
            args: |w| vec![("id", w.target.to_string()), ("active", "true".into())],
            expect: STAFF,
        },
        Row {
            path: "/api/issue_invitation",
            args: |w| vec![("id", w.target.to_string())],
            expect: STAFF,
        },
        Row {
            path: "/api/create_staff",
            args: |_| {
                vec![
                    ("first_name", "Nouveau".into()),
                    ("last_name", "Collègue".into()),
                    ("email", "nouveau@test.example".into()),
                    ("role", "staff".into()),
                ]
            },
            expect: ADMIN,
        },
        Row {
            path: "/api/change_role",
            args: |w| vec![("id", w.target_staff.to_string()), ("role", "staff".into())],
            expect: ADMIN,
        },
        // The second factor: staff and admins enrol; the admin of this table is enrolled
        // already (helpers::session_for), the staff member is not.
        Row {
            path: "/api/get_second_factor_status",
            args: |_| vec![],
            expect: STAFF,
        },
        Row {
            path: "/api/start_second_factor",
            args: |_| vec![],
            expect: [401, 403, 403, OK, 409],
        },
        Row {
            path: "/api/get_second_factor_setup",
            args: |_| vec![],
            expect: [401, 403, 403, OK, 404],
        },
        // Not six digits: wrong for anyone's secret.
        Row {
            path: "/api/confirm_second_factor",
            args: |_| vec![("code", "abcdef".into())],
            expect: [401, 403, 403, 422, 404],
        },
        // Nothing to show once the page was acknowledged, or before a confirmation.
        Row {
            path: "/api/get_recovery_codes",
            args: |_| vec![],
            expect: [401, 403, 403, 404, 404],
        },
        Row {
            path: "/api/acknowledge_recovery_codes",
            args: |_| vec![],
            expect: STAFF,
        },
        // A wrong password for staff; an admin cannot turn it off at all.
        Row {
            path: "/api/disable_second_factor",
            args: |_| vec![("password", "pas le bon".into())],
            expect: [401, 403, 403, 422, 409],
        },
        // No pending sign-in's cookie: nobody gets past the code step, whoever they are.
        Row {
            path: "/api/verify_sign_in_code",
            args: |_| vec![("code", "123456".into())],
            expect: [409; 5],
        },
        // Opération ourlets. Public reads, then staff, then the students' writes (the private
        // link's token is what grants them; cancel last).
        Row {
            path: "/api/get_campaign_page",
            args: |_| {
                vec![
                    ("slug", "lycee-hotelier".into()),
                    ("code", "OURLETS-LHIL".into()),
                ]
            },
            expect: PUBLIC,
        },
        Row {
            path: "/api/get_campaign_booking",
            args: |w| vec![("token", w.campaign.token.clone())],
            expect: PUBLIC,
        },
        Row {
            path: "/api/find_campaign_by_code",
            args: |_| vec![("code", "ourlets-lhil".into())],
            expect: PUBLIC,
        },
        Row {
            path: "/api/list_campaigns",
            args: |_| vec![],
            expect: STAFF,
        },
        Row {
            path: "/api/get_campaign",
            args: |w| vec![("id", w.campaign.id.to_string())],
            expect: STAFF,
        },
        Row {
            path: "/api/get_day_sheet",
            args: |w| {
                vec![
                    ("campaign_id", w.campaign.id.to_string()),
                    ("day", w.campaign.day.clone()),
                ]
            },
            expect: STAFF,
        },
        Row {
            path: "/api/create_campaign",
            args: |_| {
                vec![
                    ("title", "Ourlets matrice".into()),
                    ("partner_id", String::new()),
                    ("description", String::new()),
                    ("place", "Atelier".into()),
                    ("opens_at", "2026-01-01T08:00".into()),
                    ("closes_at", "2026-01-31T18:00".into()),
                    ("invite_code", String::new()),
                    ("max_garments", "2".into()),
                ]
            },
            expect: STAFF,
        },
        Row {
            path: "/api/update_campaign",
            args: |w| {
                vec![
                    ("id", w.campaign.id.to_string()),
                    ("title", "Opération ourlets — Lycée Hôtelier".into()),
                    ("partner_id", String::new()),
                    ("description", String::new()),
                    ("place", "Atelier couture".into()),
                    ("opens_at", "2026-01-01T08:00".into()),
                    ("closes_at", "2036-01-31T18:00".into()),
                    ("invite_code", "OURLETS-LHIL".into()),
                    ("max_garments", "3".into()),
                ]
            },
            expect: STAFF,
        },
        Row {
            path: "/api/generate_campaign_slots",
            args: |w| {
                vec![
                    ("campaign_id", w.campaign.id.to_string()),
                    ("first_day", w.campaign.day.clone()),
                    ("last_day", w.campaign.day.clone()),
                    ("weekdays[]", "1".into()),
                    ("weekdays[]", "2".into()),
                    ("weekdays[]", "3".into()),
                    ("weekdays[]", "4".into()),
                    ("weekdays[]", "5".into()),
                    ("weekdays[]", "6".into()),
                    ("weekdays[]", "7".into()),
                    ("start", "14:00".into()),
                    ("end", "15:00".into()),
                    ("length_minutes", "30".into()),
                    ("places", "2".into()),
                ]
            },
            expect: STAFF,
        },
        Row {
            path: "/api/update_campaign_slot",
            args: |w| {
                vec![
                    ("slot_id", w.campaign.other_slot.to_string()),
                    ("capacity", "6".into()),
                ]
            },
            expect: STAFF,
        },
        Row {
            path: "/api/set_booking_attendance",
            args: |w| {
                vec![
                    ("booking_id", w.campaign.booking.to_string()),
                    ("attendance", "came".into()),
                ]
            },
            expect: STAFF,
        },
        // The same idempotency key each time: the first caller books, the others get it back.
        Row {
            path: "/api/book_campaign_slot",
            args: |w| {
                vec![
                    ("campaign", "lycee-hotelier".into()),
                    ("code", "OURLETS-LHIL".into()),
                    ("slot_id", w.campaign.slot.to_string()),
                    ("name", "Matrice".into()),
                    ("group_name", "2nde A".into()),
                    ("garments", "1".into()),
                    ("contact", "matrice@lycee.example".into()),
                    ("idempotency_key", "k".repeat(43)),
                ]
            },
            expect: PUBLIC,
        },
        Row {
            path: "/api/move_campaign_booking",
            args: |w| {
                vec![
                    ("token", w.campaign.token.clone()),
                    ("slot_id", w.campaign.other_slot.to_string()),
                ]
            },
            expect: PUBLIC,
        },
        Row {
            path: "/api/cancel_campaign_booking",
            args: |w| vec![("token", w.campaign.token.clone())],
            expect: PUBLIC,
        },
        // An unknown link: the world's booking stays as the rows after it expect.
        Row {
            path: "/api/restore_campaign_booking",
            args: |_| vec![("token", "x".repeat(43))],
            expect: [404; 5],
        },
        // No burst in the world: staff cancel none (200), the others are refused first.
        Row {
            path: "/api/cancel_booking_burst",
            args: |w| {
                vec![
                    ("campaign_id", w.campaign.id.to_string()),
                    ("client_key", "0123456789abcdef".into()),
                    ("until", coop_manau::server::now().to_string()),
                ]
            },
            expect: STAFF,
        },
        Row {
            path: "/api/close_campaign",
            args: |w| vec![("id", w.campaign.id.to_string())],
            expect: STAFF,
        },
        // People's data: a private link's holder reads and erases (an unknown link here, so
        // the world's order stays); staff erase participants (the box unticked: 422, nothing
        // written) and see the accounts the purge will erase.
        Row {
            path: "/api/get_retention",
            args: |_| vec![],
            expect: PUBLIC,
        },
        Row {
            path: "/api/get_link_data",
            args: |w| {
                vec![
                    ("kind", "dejeuner".into()),
                    ("token", w.lunch_order_token.clone()),
                ]
            },
            expect: PUBLIC,
        },
        Row {
            path: "/api/erase_link_data",
            args: |_| {
                vec![
                    ("kind", "dejeuner".into()),
                    ("token", "x".repeat(43)),
                    ("confirm", "oui".into()),
                ]
            },
            expect: [404; 5],
        },
        Row {
            path: "/api/get_person_erasure",
            args: |w| vec![("person_id", w.target.to_string())],
            expect: STAFF,
        },
        Row {
            path: "/api/erase_participant",
            args: |w| vec![("person_id", w.target.to_string())],
            expect: [401, 403, 403, 422, 422],
        },
        Row {
            path: "/api/list_accounts_due",
            args: |_| vec![],
            expect: STAFF,
        },
        // Catering: public requests (the first call records it, the others are replays of the
        // same form), the private link (an unknown one here), the staff's page and rules.
        Row {
            path: "/api/get_catering_form",
            args: |_| vec![],
            expect: PUBLIC,
        },
        Row {
            path: "/api/send_catering_request",
            args: |_| {
                let day = coop_manau::ui::time::format_date(
                    coop_manau::ui::time::paris_day(coop_manau::server::now()) + 30,
                );
                vec![
                    ("idempotency_key", "c".repeat(43)),
                    ("organisation", "Lycée hôtelier".into()),
                    ("contact_name", "M. Diallo".into()),
                    ("email", "intendance@lycee.example".into()),
                    ("phone", "03 20 00 00 00".into()),
                    ("event_day", day),
                    ("event_time", "12:00".into()),
                    ("covers", "40".into()),
                    ("formula_id", "1".into()),
                    ("place", "blanchemaille".into()),
                    ("consent", "oui".into()),
                ]
            },
            expect: PUBLIC,
        },
        Row {
            path: "/api/get_catering_request",
            args: |_| vec![("token", "x".repeat(43))],
            expect: [404; 5],
        },
        Row {
            path: "/api/cancel_catering_request",
            args: |_| vec![("token", "x".repeat(43))],
            expect: [404; 5],
        },
        Row {
            path: "/api/get_catering_admin",
            args: |_| vec![],
            expect: STAFF,
        },
        Row {
            path: "/api/save_catering_settings",
            args: |_| vec![("min_covers", "10".into()), ("lead_days", "7".into())],
            expect: STAFF,
        },
        Row {
            path: "/api/add_catering_formula",
            args: |_| vec![("name", " ".into())],
            expect: [401, 403, 403, 422, 422],
        },
        Row {
            path: "/api/set_catering_formula_active",
            args: |_| vec![("id", "999999".into()), ("active", "false".into())],
            expect: [401, 403, 403, 404, 404],
        },
        // Quotes: the staff's functions on a request or quote that does not exist (staff pass
        // the gate and get 404); the client's, behind an unknown link.
        Row {
            path: "/api/get_request_quotes",
            args: |_| vec![("kind", "traiteur".into()), ("request_id", "999999".into())],
            expect: [401, 403, 403, 404, 404],
        },
        Row {
            path: "/api/new_quote_draft",
            args: |_| {
                vec![
                    ("kind", "sur-mesure".into()),
                    ("request_id", "999999".into()),
                ]
            },
            expect: [401, 403, 403, 404, 404],
        },
        Row {
            path: "/api/add_quote_line",
            args: |_| {
                vec![
                    ("request_id", "999999".into()),
                    ("quote_id", "999999".into()),
                    ("designation", "Buffet".into()),
                    ("quantity", "25".into()),
                    ("unit", "couverts".into()),
                    ("unit_price", "18,50".into()),
                    ("vat", "1000".into()),
                ]
            },
            expect: [401, 403, 403, 404, 404],
        },
        Row {
            path: "/api/remove_quote_line",
            args: |_| {
                vec![
                    ("request_id", "999999".into()),
                    ("quote_id", "999999".into()),
                    ("line_id", "1".into()),
                ]
            },
            expect: [401, 403, 403, 404, 404],
        },
        Row {
            path: "/api/save_quote_terms",
            args: |_| {
                vec![
                    ("request_id", "999999".into()),
                    ("quote_id", "999999".into()),
                    (
                        "valid_until",
                        coop_manau::ui::time::format_date(
                            coop_manau::ui::time::paris_day(coop_manau::server::now()) + 30,
                        ),
                    ),
                    ("discount", "".into()),
                    ("deposit", "".into()),
                    ("payment_terms", "À 30 jours".into()),
                ]
            },
            expect: [401, 403, 403, 404, 404],
        },
        Row {
            path: "/api/send_quote",
            args: |_| {
                vec![
                    ("request_id", "999999".into()),
                    ("quote_id", "999999".into()),
                ]
            },
            expect: [401, 403, 403, 404, 404],
        },
        Row {
            path: "/api/cancel_quote",
            args: |_| {
                vec![
                    ("request_id", "999999".into()),
                    ("quote_id", "999999".into()),
                ]
            },
            expect: [401, 403, 403, 404, 404],
        },
        Row {
            path: "/api/record_quote_answer",
            args: |_| {
                vec![
                    ("request_id", "999999".into()),
                    ("quote_id", "999999".into()),
                    ("answer", "accept".into()),
                    ("channel", "phone".into()),
                    ("name", "M. Diallo".into()),
                    ("reason", "".into()),
                ]
            },
            expect: [401, 403, 403, 404, 404],
        },
        Row {
            path: "/api/get_quote_document",
            args: |_| vec![("quote_id", "999999".into())],
            expect: [401, 403, 403, 404, 404],
        },
        Row {
            path: "/api/get_seller",
            args: |_| vec![],
            expect: STAFF,
        },
        Row {
            path: "/api/save_seller",
            args: |_| {
                vec![
                    ("seller_name", "Centre social Alma".into()),
                    ("legal_form", "Association loi 1901".into()),
                    ("seller_address", "Roubaix".into()),
                    ("siret", "73282932000074".into()),
                    ("vat_note", "TVA non applicable, art. 293 B du CGI".into()),
                    ("penalty_rate", "trois fois le taux légal".into()),
                    ("payment_terms", "À 30 jours".into()),
                ]
            },
            expect: STAFF,
        },
        Row {
            path: "/api/get_link_quotes",
            args: |_| vec![("kind", "traiteur".into()), ("token", "x".repeat(43))],
            expect: [404; 5],
        },
        Row {
            path: "/api/get_link_quote",
            args: |_| {
                vec![
                    ("kind", "sur-mesure".into()),
                    ("token", "x".repeat(43)),
                    ("number", "DEV-2026-0001".into()),
                ]
            },
            expect: [404; 5],
        },
        Row {
            path: "/api/answer_quote",
            args: |_| {
                vec![
                    ("kind", "traiteur".into()),
                    ("token", "x".repeat(43)),
                    ("number", "DEV-2026-0001".into()),
                    ("answer", "accept".into()),
                    ("name", "M. Diallo".into()),
                    ("confirm", "oui".into()),
                ]
            },
            expect: [404; 5],
        },
        // Made to order: the public form (multipart only, as for alterations), the private link
        // (an unknown one), the staff's pages on a request that does not exist.
        Row {
            path: "/api/get_made_to_order_form",
            args: |_| vec![],
            expect: PUBLIC,
        },
        Row {
            path: "/api/send_made_to_order_request",
            args: |_| vec![("idempotency_key", "x".repeat(43))],
            expect: [415; 5],
        },
        Row {
            path: "/api/get_made_to_order_request",
            args: |_| vec![("token", "x".repeat(43))],
            expect: [404; 5],
        },
        Row {
            path: "/api/cancel_made_to_order_request",
            args: |_| vec![("token", "x".repeat(43))],
            expect: [404; 5],
        },
        Row {
            path: "/api/get_made_to_order_admin",
            args: |_| vec![],
            expect: STAFF,
        },
        Row {
            path: "/api/get_made_to_order_staff",
            args: |_| vec![("id", "999999".into())],
            expect: [401, 403, 403, 404, 404],
        },
        Row {
            path: "/api/save_made_to_order_settings",
            args: |_| vec![("lead_days", "14".into())],
            expect: STAFF,
        },
        Row {
            path: "/api/advance_made_to_order_job",
            args: |_| vec![("id", "999999".into()), ("from", "to_start".into())],
            expect: [401, 403, 403, 404, 404],
        },
        // Client organisations (staff only).
        Row {
            path: "/api/list_organisations",
            args: |_| vec![],
            expect: STAFF,
        },
        Row {
            path: "/api/get_organisation",
            args: |_| vec![("id", "1".into())],
            expect: STAFF,
        },
        Row {
            path: "/api/save_organisation",
            args: |_| {
                vec![
                    ("id", "999999".into()),
                    ("name", "Inconnue".into()),
                    ("kind", "company".into()),
                    ("siret", "".into()),
                ]
            },
            expect: [401, 403, 403, 404, 404],
        },
        Row {
            path: "/api/add_organisation_contact",
            args: |_| {
                vec![
                    ("id", "999999".into()),
                    ("contact_name", "Mme Martin".into()),
                    ("role", "".into()),
                    ("email", "".into()),
                    ("phone", "".into()),
                ]
            },
            expect: [401, 403, 403, 404, 404],
        },
        Row {
            path: "/api/remove_organisation_contact",
            args: |_| vec![("id", "1".into()), ("contact_id", "999999".into())],
            expect: [401, 403, 403, 404, 404],
        },
        Row {
            path: "/api/save_regular_rule",
            args: |_| vec![("regular_orders", "2".into())],
            expect: STAFF,
        },
        // Pathways: staff only; on a person who is not a participant (the target here is one).
        Row {
            path: "/api/list_pathways",
            args: |_| vec![],
            expect: STAFF,
        },
        Row {
            path: "/api/get_pathway",
            args: |w| vec![("person_id", w.target.to_string())],
            expect: STAFF,
        },
        Row {
            path: "/api/save_pathway_entry",
            args: |w| {
                vec![
                    ("person_id", w.target.to_string()),
                    ("entry_day", "2026-03-02".into()),
                    ("characteristics[]", "woman".into()),
                ]
            },
            expect: STAFF,
        },
        Row {
            path: "/api/add_pathway_contract",
            args: |w| {
                vec![
                    ("person_id", w.target.to_string()),
                    ("kind", "cape".into()),
                    ("label", "".into()),
                    ("start_day", "2026-03-02".into()),
                    ("end_day", "".into()),
                    ("weekly_hours", "26".into()),
                ]
            },
            expect: STAFF,
        },
        Row {
            path: "/api/add_pathway_step",
            args: |w| {
                vec![
                    ("person_id", w.target.to_string()),
                    ("kind", "immersion".into()),
                    ("title", "Mise en situation en boulangerie".into()),
                    ("organisation", "".into()),
                    ("start_day", "2026-04-01".into()),
                    ("end_day", "".into()),
                ]
            },
            expect: STAFF,
        },
        Row {
            path: "/api/remove_pathway_item",
            args: |w| {
                vec![
                    ("person_id", w.target.to_string()),
                    ("what", "step".into()),
                    ("id", "999999".into()),
                ]
            },
            expect: [401, 403, 403, 404, 404],
        },
        Row {
            path: "/api/save_pathway_obstacles",
            args: |w| {
                vec![
                    ("person_id", w.target.to_string()),
                    ("obstacles[]", "1".into()),
                ]
            },
            expect: STAFF,
        },
        Row {
            path: "/api/record_pathway_exit",
            args: |_| {
                vec![
                    ("person_id", "999999".into()),
                    ("exit_day", "2026-06-30".into()),
                    ("outcome", "cdi".into()),
                ]
            },
            expect: [401, 403, 403, 404, 404],
        },
        Row {
            path: "/api/cancel_pathway_exit",
            args: |_| vec![("person_id", "999999".into())],
            expect: [401, 403, 403, 404, 404],
        },
        Row {
            path: "/api/add_obstacle",
            args: |_| vec![("name", " ".into())],
            expect: [401, 403, 403, 422, 422],
        },
        Row {
            path: "/api/set_obstacle_active",
            args: |_| vec![("id", "999999".into()), ("active", "false".into())],
            expect: [401, 403, 403, 404, 404],
        },
        // The counter: staff, and participants of the sectors that run one (`participant` is in
        // the kitchen; `other_participant` in none).
        Row {
            path: "/api/get_counter",
            args: |_| vec![],
            expect: [401, 200, 403, 200, 200],
        },
        Row {
            path: "/api/set_counter_mode",
            args: |_| vec![("on", "non".into())],
            expect: [401, 200, 403, 200, 200],
        },
        Row {
            path: "/api/get_counter_ticket",
            args: |_| vec![("kind", "retouche".into()), ("token", "x".repeat(43))],
            expect: [401, 404, 403, 404, 404],
        },
        // The inbox: staff only.
        Row {
            path: "/api/get_inbox",
            args: |_| vec![("secteur", "textile".into())],
            expect: STAFF,
        },
        Row {
            path: "/api/claim_inbox_item",
            args: |_| {
                vec![
                    ("kind", "alteration_to_answer".into()),
                    ("id", "1".into()),
                    ("take", "oui".into()),
                ]
            },
            expect: STAFF,
        },
        // Key figures: staff only.
        Row {
            path: "/api/get_key_figures",
            args: |_| vec![("du", "2026-01-01".into()), ("au", "2026-06-30".into())],
            expect: STAFF,
        },
        Row {
            path: "/api/save_figures_opening",
            args: |_| {
                vec![
                    ("as_of", "2026-01-01".into()),
                    ("accompanied", "56".into()),
                    ("cape", "52".into()),
                    ("dynamic_exits", "13".into()),
                    ("catering_events", "160".into()),
                    ("restaurant_services", "162".into()),
                    ("client_organisations", "61".into()),
                    ("regular_organisations", "18".into()),
                ]
            },
            expect: STAFF,
        },
        // Lunch. Public reads and orders; staff menus; the kitchen.
        Row {
            path: "/api/list_lunch_menus",
            args: |_| vec![],
            expect: PUBLIC,
        },
        Row {
            path: "/api/get_lunch_order_form",
            args: |w| vec![("service_id", w.lunch_service.to_string())],
            expect: PUBLIC,
        },
        Row {
            path: "/api/get_lunch_order",
            args: |w| vec![("token", w.lunch_order_token.clone())],
            expect: PUBLIC,
        },
        // The first call records the order; the others are replays of the same form.
        Row {
            path: "/api/place_lunch_order",
            args: |w| {
                vec![
                    ("service_id", w.lunch_service.to_string()),
                    ("window_id", w.lunch_window.to_string()),
                    ("name", "Léa".into()),
                    ("phone", "06 12 34 56 78".into()),
                    ("idempotency_key", "m".repeat(43)),
                    ("dish[]", w.lunch_dish.to_string()),
                    ("qty[]", "1".into()),
                ]
            },
            expect: PUBLIC,
        },
        Row {
            path: "/api/cancel_lunch_order",
            args: |_| vec![("token", "x".repeat(43))],
            expect: [404; 5],
        },
        Row {
            path: "/api/restore_lunch_order",
            args: |_| vec![("token", "x".repeat(43))],
            expect: [404; 5],
        },
        Row {
            path: "/api/get_lunch_admin",
            args: |_| vec![],
            expect: STAFF,
        },
        Row {
            path: "/api/get_lunch_service",
            args: |w| vec![("id", w.lunch_service.to_string())],
            expect: STAFF,
        },
        Row {
            path: "/api/save_lunch_day",
            args: |_| {
                vec![
                    ("weekday", "4".into()),
                    ("starts", "12:00".into()),
                    ("ends", "14:00".into()),
                    ("cutoff", "10:30".into()),
                    ("window_minutes", "15".into()),
                    ("window_capacity", "8".into()),
                    ("active", "on".into()),
                ]
            },
            expect: STAFF,
        },
        // The service exists already: staff are sent to it, nothing is written.
        Row {
            path: "/api/create_lunch_service",
            args: |w| vec![("day", w.lunch_day.clone())],
            expect: STAFF,
        },
        Row {
            path: "/api/update_lunch_service",
            args: |w| {
                vec![
                    ("id", w.lunch_service.to_string()),
                    ("cutoff", format!("{}T10:30", w.lunch_day)),
                    ("open", "on".into()),
                ]
            },
            expect: STAFF,
        },
        Row {
            path: "/api/update_lunch_window",
            args: |w| {
                vec![
                    ("id", w.lunch_window.to_string()),
                    ("capacity", "8".into()),
                    ("open", "on".into()),
                ]
            },
            expect: STAFF,
        },
        Row {
            path: "/api/save_lunch_dish",
            args: |w| {
                vec![
                    ("service_id", w.lunch_service.to_string()),
                    ("dish_id", w.lunch_dish.to_string()),
                    ("course", "plat".into()),
                    ("name", "Couscous".into()),
                    ("description", String::new()),
                    ("price", "8,50".into()),
                    ("portions", "20".into()),
                    ("allergens[]", "gluten".into()),
                    ("labels", "végétarien".into()),
                ]
            },
            expect: STAFF,
        },
        // An ordered dish stays: staff get a conflict, nobody else gets that far.
        Row {
            path: "/api/delete_lunch_dish",
            args: |w| vec![("id", w.lunch_dish.to_string())],
            expect: [401, 403, 403, 409, 409],
        },
        Row {
            path: "/api/copy_lunch_menu",
            args: |w| {
                vec![
                    ("service_id", w.lunch_other_service.to_string()),
                    ("from", w.lunch_service.to_string()),
                ]
            },
            expect: STAFF,
        },
        Row {
            path: "/api/get_kitchen",
            args: |w| vec![("service_id", w.lunch_service.to_string())],
            expect: KITCHEN,
        },
        Row {
            path: "/api/set_lunch_order_status",
            args: |w| {
                vec![
                    ("id", w.lunch_order.to_string()),
                    ("status", "ready".into()),
                ]
            },
            expect: KITCHEN,
        },
        // Conciergerie. Public reads and the private link (an unknown token is 404 for anyone).
        Row {
            path: "/api/list_alteration_services",
            args: |_| vec![],
            expect: PUBLIC,
        },
        Row {
            path: "/api/get_alteration_draft",
            args: |_| vec![("choices", "1:2".into())],
            expect: PUBLIC,
        },
        // Public, but this table sends url-encoded bodies: not the multipart form it reads, so
        // 400 for everyone (tests/app/alterations.rs sends the real form).
        Row {
            path: "/api/submit_alteration_request",
            // Posted here as an url-encoded form: the photo form takes multipart only.
            args: |_| vec![("idempotency_key", "x".repeat(43))],
            expect: [415; 5],
        },
        Row {
            path: "/api/get_alteration_tracking",
            args: |_| vec![("token", "t".repeat(43))],
            expect: [404; 5],
        },
        Row {
            path: "/api/cancel_alteration_request",
            args: |_| vec![("token", "t".repeat(43))],
            expect: [404; 5],
        },
        Row {
            path: "/api/restore_alteration_request",
            args: |_| vec![("token", "x".repeat(43))],
            expect: [404; 5],
        },
        Row {
            path: "/api/list_alteration_queue",
            args: |_| vec![("status", "requested".into())],
            expect: STAFF,
        },
        Row {
            path: "/api/get_alteration_request",
            args: |_| vec![("id", "1".into())],
            expect: STAFF,
        },
        Row {
            path: "/api/get_alteration_day_sheet",
            args: |_| vec![],
            expect: STAFF,
        },
        Row {
            path: "/api/list_alteration_catalogue",
            args: |_| vec![],
            expect: STAFF,
        },
        Row {
            path: "/api/list_partners",
            args: |_| vec![],
            expect: STAFF,
        },
        // Staff decline the demo request; the admin's call comes second, when it is already
        // declined: the state machine refuses it (409).
        Row {
            path: "/api/decide_alteration_request",
            args: |_| {
                vec![
                    ("id", "1".into()),
                    ("decision", "decline".into()),
                    ("reason", "Tissu trop fragile".into()),
                ]
            },
            expect: [401, 403, 403, OK, 409],
        },
        Row {
            path: "/api/save_alteration_service",
            args: |_| {
                vec![
                    ("id", "1".into()),
                    ("name", "Ourlet de pantalon".into()),
                    ("price", "9".into()),
                    ("turnaround_days", "3".into()),
                    ("active", "oui".into()),
                ]
            },
            expect: STAFF,
        },
        // The admin's call comes second: the name is taken by then (422).
        Row {
            path: "/api/create_partner",
            args: |_| vec![("name", "Partenaire de la matrice".into())],
            expect: [401, 403, 403, OK, 422],
        },
        Row {
            path: "/api/set_partner_active",
            args: |_| vec![("id", "1".into()), ("active", "true".into())],
            expect: STAFF,
        },
        // Opening hours (the conciergerie's are its drop-off days): staff change them. The
        // admin's call comes second, when the range exists already (422 overlap).
        Row {
            path: "/api/add_opening_hours",
            args: |_| {
                vec![
                    ("service", "palettes".into()),
                    ("weekday", "6".into()),
                    ("opens", "10:00".into()),
                    ("closes", "12:00".into()),
                ]
            },
            expect: [401, 403, 403, OK, 422],
        },
        // Removing it: staff remove it, then there is nothing left for the admin (404).
        Row {
            path: "/api/remove_opening_hours",
            args: |_| {
                vec![
                    ("service", "palettes".into()),
                    ("weekday", "6".into()),
                    ("opens", "10:00".into()),
                ]
            },
            expect: [401, 403, 403, OK, 404],
        },
        // Closures: anyone reads the calendar; staff enter and remove closures (none has this id).
        Row {
            path: "/api/get_calendar",
            args: |_| vec![],
            expect: PUBLIC,
        },
        Row {
            path: "/api/add_closure",
            args: |_| {
                let day = coop_manau::ui::time::format_date(
                    coop_manau::ui::time::paris_day(coop_manau::server::now()) + 300,
                );
                vec![
                    ("first_day", day.clone()),
                    ("last_day", day),
                    ("label", "Inventaire".into()),
                ]
            },
            expect: [401, 403, 403, OK, OK],
        },
        Row {
            path: "/api/remove_closure",
            args: |_| vec![("id", "999999".into())],
            expect: [401, 403, 403, 404, 404],
        },
        // The planning. Reads first; the link page before the feed is re-issued.
        Row {
            path: "/api/get_calendar_link",
            args: |w| vec![("token", w.planning.feed_token.clone())],
            expect: [401, OK, 404, OK, OK],
        },
        Row {
            path: "/api/list_planning_sectors",
            args: |_| vec![],
            expect: STAFF,
        },
        Row {
            path: "/api/get_planning_week",
            args: |_| vec![],
            expect: STAFF,
        },
        Row {
            path: "/api/get_shift",
            args: |w| vec![("id", w.planning.open_shift.to_string())],
            expect: STAFF,
        },
        Row {
            path: "/api/list_absences",
            args: |_| vec![],
            expect: STAFF,
        },
        Row {
            path: "/api/get_month_hours",
            args: |_| vec![],
            expect: STAFF,
        },
        // Someone else's planning is not found; staff read anyone's.
        Row {
            path: "/api/get_my_planning",
            args: |w| vec![("person_id", w.participant.to_string())],
            expect: [401, OK, 404, OK, OK],
        },
        // The admin's call comes second: the name is taken by then (422).
        Row {
            path: "/api/save_sector",
            args: |_| vec![("name", "Repassage".into()), ("pictogram", "shirt".into())],
            expect: [401, 403, 403, OK, 422],
        },
        Row {
            path: "/api/create_shift",
            args: |_| {
                vec![
                    ("sector", "menuiserie".into()),
                    ("day", "2027-06-01".into()),
                    ("starts", "09:00".into()),
                    ("ends", "12:00".into()),
                    ("places", "2".into()),
                    ("place", "Atelier".into()),
                    ("note", String::new()),
                ]
            },
            expect: STAFF,
        },
        Row {
            path: "/api/update_shift",
            args: |w| {
                vec![
                    ("id", w.planning.open_shift.to_string()),
                    ("places", "3".into()),
                    ("place", "Cuisine".into()),
                    ("note", "Tablier".into()),
                ]
            },
            expect: STAFF,
        },
        // Staff delete the empty shift; then there is nothing left for the admin (404).
        Row {
            path: "/api/delete_shift",
            args: |w| vec![("id", w.planning.empty_shift.to_string())],
            expect: [401, 403, 403, OK, 404],
        },
        // The admin's copy comes second: the next week has shifts by then (409).
        Row {
            path: "/api/copy_planning_week",
            args: |w| vec![("week", w.planning.copy_week.clone())],
            expect: [401, 403, 403, OK, 409],
        },
        // The admin's call comes second: already on it (409).
        Row {
            path: "/api/assign_to_shift",
            args: |w| {
                vec![
                    ("shift_id", w.planning.open_shift.to_string()),
                    ("person_id", w.target.to_string()),
                ]
            },
            expect: [401, 403, 403, OK, 409],
        },
        Row {
            path: "/api/unassign_from_shift",
            args: |w| vec![("assignment_id", w.planning.removable_assignment.to_string())],
            expect: [401, 403, 403, OK, 404],
        },
        Row {
            path: "/api/mark_attendance",
            args: |w| {
                vec![
                    ("assignment_id", w.planning.started_assignment.to_string()),
                    ("attendance", "attended".into()),
                ]
            },
            expect: STAFF,
        },
        // The admin's decision comes second: already decided (409).
        Row {
            path: "/api/decide_absence",
            args: |w| {
                vec![
                    ("id", w.planning.absence.to_string()),
                    ("decision", "approve".into()),
                ]
            },
            expect: [401, 403, 403, OK, 409],
        },
        // The participant's own forms: another participant sending them is refused (a form
        // filled under another account), staff do not declare for them.
        Row {
            path: "/api/confirm_presence",
            args: |w| {
                vec![
                    ("person_id", w.participant.to_string()),
                    ("assignment_id", w.planning.assignment.to_string()),
                ]
            },
            expect: [401, OK, 409, 403, 403],
        },
        Row {
            path: "/api/declare_absence",
            args: |w| {
                vec![
                    ("person_id", w.participant.to_string()),
                    ("assignment_id", w.planning.assignment.to_string()),
                    ("reason", "sick".into()),
                    ("details", String::new()),
                    ("idempotency_key", "p".repeat(43)),
                ]
            },
            expect: [401, OK, 409, 403, 403],
        },
        Row {
            path: "/api/issue_calendar_feed",
            args: |w| vec![("person_id", w.participant.to_string())],
            expect: [401, OK, 404, OK, OK],
        },
        // The target's feed: participants cannot revoke it; staff do, then it is gone (404).
        Row {
            path: "/api/revoke_calendar_feed",
            args: |w| vec![("person_id", w.target.to_string())],
            expect: [401, 404, 404, OK, 404],
        },
    ]
}

async fn world(app: &TestApp) -> World {
    let staff = app
        .person(Role::Staff, "Claire", Some("claire@test.example"), None)
        .await;
    let admin = app
        .person(Role::Admin, "Nadia", Some("nadia@test.example"), None)
        .await;
    let target = app.person(Role::Participant, "Cible", None, None).await;
    let actor = coop_manau::accounts::CurrentUser {
        id: staff,
        role: Role::Staff,
        first_name: "Claire".into(),
        last_name: "Test".into(),
        has_password: false,
    };
    let card_token = service::issue_invitation(&app.state, &actor, target)
        .await
        .unwrap();
    app.person(
        Role::Staff,
        "Matrix",
        Some("matrix@test.example"),
        Some("fil rouge de Roubaix"),
    )
    .await;
    let participant = app.person(Role::Participant, "Aïcha", None, None).await;
    sqlx::query("INSERT INTO person_sector (person_id, sector_slug) VALUES (?, 'cuisine')")
        .bind(participant)
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    let lunch_days = coop_manau::lunch::next_days(coop_manau::server::now() + 60 * 86_400, &[2], 2);
    let lunch_day = coop_manau::lunch::format_date(lunch_days[0]);
    let lunch_service = lunch::create_service(&app.state, &actor, &lunch_day)
        .await
        .unwrap();
    let lunch_other_service = lunch::create_service(
        &app.state,
        &actor,
        &coop_manau::lunch::format_date(lunch_days[1]),
    )
    .await
    .unwrap();
    let dish = coop_manau::lunch::repo::NewDish {
        course: "plat".into(),
        name: "Couscous".into(),
        description: String::new(),
        price_cents: 850,
        portions: 20,
        allergens: 1,
        labels: vec![],
    };
    lunch::save_dish(&app.state, &actor, lunch_service, None, dish)
        .await
        .unwrap();
    let menu = lunch::menu(&app.state, lunch_service).await.unwrap();
    let (lunch_dish, lunch_window) = (menu.dishes[0].id, menu.windows[0].id);
    let lunch_order_token = coop_manau::accounts::token::new_token();
    lunch::place_order(
        &app.state,
        lunch::OrderForm {
            service_id: lunch_service,
            window_id: lunch_window,
            lines: vec![(lunch_dish, 2)],
            name: "Léa".into(),
            phone: "06 12 34 56 78".into(),
            token: lunch_order_token.clone(),
            client_key: None,
        },
    )
    .await
    .unwrap();
    let lunch_order = app.count("SELECT max(id) FROM lunch_order").await;
    World {
        lunch_service,
        lunch_other_service,
        lunch_window,
        lunch_dish,
        lunch_order,
        lunch_order_token,
        lunch_day,
        participant,
        other_participant: app.person(Role::Participant, "Jean", None, None).await,
        staff,
        admin,
        target,
        target_staff: app
            .person(Role::Staff, "Karim", Some("karim@test.example"), None)
            .await,
        card_token,
        campaign: campaign_world(&app.state).await,
        planning: planning_world(&app.state, &actor, participant, target).await,
    }
}

async fn planning_world(
    state: &coop_manau::server::AppState,
    actor: &coop_manau::accounts::CurrentUser,
    participant: i64,
    target: i64,
) -> Planning {
    use coop_manau::planning::{ShiftForm, service as planning};
    use coop_manau::ui::time::{local_to_utc, utc_to_paris};
    let today = utc_to_paris(coop_manau::server::now()).0;
    let shift = |starts_at: i64, ends_at: i64| ShiftForm {
        sector: "cuisine".into(),
        starts_at,
        ends_at,
        places: 2,
        place: String::new(),
        note: String::new(),
    };
    let at = |days: i64| {
        (
            local_to_utc(today + days, 9 * 60),
            local_to_utc(today + days, 12 * 60),
        )
    };
    let mut ids = Vec::new();
    for days in [2, 3, 4, 5, 6] {
        let (starts, ends) = at(days);
        ids.push(
            planning::create_shift(state, actor, shift(starts, ends))
                .await
                .unwrap(),
        );
    }
    let began = coop_manau::server::now() - 3600;
    let started = planning::create_shift(state, actor, shift(began, began + 3 * 3600))
        .await
        .unwrap();
    let far = coop_manau::ui::time::parse_date("2027-09-08").unwrap();
    planning::create_shift(
        state,
        actor,
        shift(local_to_utc(far, 540), local_to_utc(far, 720)),
    )
    .await
    .unwrap();
    for shift_id in [ids[0], ids[1], started] {
        planning::assign(state, actor, shift_id, participant)
            .await
            .unwrap();
    }
    planning::assign(state, actor, ids[4], target)
        .await
        .unwrap();
    let assignment_of = |shift_id: i64, person: i64| {
        sqlx::query_scalar::<_, i64>(
            "SELECT id FROM assignment WHERE shift_id = ? AND person_id = ?",
        )
        .bind(shift_id)
        .bind(person)
        .fetch_one(&state.db.reader)
    };
    let assignment = assignment_of(ids[0], participant).await.unwrap();
    let absent = assignment_of(ids[1], participant).await.unwrap();
    let started_assignment = assignment_of(started, participant).await.unwrap();
    let removable_assignment = assignment_of(ids[4], target).await.unwrap();
    let me = coop_manau::accounts::CurrentUser {
        id: participant,
        role: Role::Participant,
        first_name: "Aïcha".into(),
        last_name: "Test".into(),
        has_password: false,
    };
    planning::declare_absence(
        state,
        &me,
        participant,
        absent,
        "transport",
        "",
        &coop_manau::accounts::token::new_token(),
    )
    .await
    .unwrap();
    let absence = sqlx::query_scalar("SELECT max(id) FROM absence")
        .fetch_one(&state.db.reader)
        .await
        .unwrap();
    let feed_token = planning::issue_feed(state, &me, participant).await.unwrap();
    planning::issue_feed(state, actor, target).await.unwrap();
    Planning {
        assignment,
        absence,
        started_assignment,
        open_shift: ids[2],
        empty_shift: ids[3],
        copy_week: "2027-09-06".into(),
        removable_assignment,
        feed_token,
    }
}

/// A booking in the demo campaign, made as a student would.
async fn campaign_world(state: &coop_manau::server::AppState) -> Campaign {
    use coop_manau::campaigns::{BookingOutcome, repo, service as campaigns};
    let campaign = repo::find_campaign_by_slug(&state.db.reader, "lycee-hotelier")
        .await
        .unwrap()
        .expect("the demo campaign");
    let slots = repo::list_slots(&state.db.reader, campaign.id, coop_manau::server::now())
        .await
        .unwrap();
    let key = coop_manau::accounts::token::new_token();
    let outcome = campaigns::book(
        state,
        "192.0.2.1",
        campaigns::BookingRequest {
            slug: "lycee-hotelier",
            pass: campaigns::Pass {
                code: Some("OURLETS-LHIL"),
                key: None,
            },
            slot_id: &slots[0].id.to_string(),
            name: "Inès",
            group_name: "2nde B",
            garments: "2",
            contact: "ines@lycee.example",
            idempotency_key: &key,
        },
    )
    .await
    .unwrap();
    let BookingOutcome::Booked { link, .. } = outcome else {
        panic!("booked")
    };
    let booking = sqlx::query_scalar("SELECT max(id) FROM campaign_booking")
        .fetch_one(&state.db.reader)
        .await
        .unwrap();
    Campaign {
        id: campaign.id,
        slot: slots[1].id,
        other_slot: slots[2].id,
        day: slots[0].day(),
        booking,
        token: link.rsplit('/').next().unwrap().to_owned(),
    }
}

#[tokio::test]
async fn every_server_function_answers_each_caller_as_the_table_says() {
    let app = spawn_app().await;
    let world = world(&app).await;
    let rows = rows();

    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    let covered: BTreeSet<String> = rows.iter().map(|row| row.path.to_owned()).collect();
    let missing: Vec<_> = registered.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "server functions missing from the authorization matrix: {missing:?}"
    );
    let unknown: Vec<_> = covered.difference(&registered).collect();
    assert!(
        unknown.is_empty(),
        "rows for server functions that do not exist: {unknown:?}"
    );

    let methods: std::collections::HashMap<String, http::Method> =
        leptos::server_fn::axum::server_fn_paths()
            .map(|(path, method)| (path.to_owned(), method))
            .collect();
    let mut failures = Vec::new();
    for row in &rows {
        for (caller, expected) in CALLERS.iter().zip(row.expect) {
            let person = match caller {
                Caller::Anonymous => None,
                Caller::Participant => Some(world.participant),
                Caller::OtherParticipant => Some(world.other_participant),
                Caller::Staff => Some(world.staff),
                Caller::Admin => Some(world.admin),
            };
            let cookie = match person {
                Some(id) => Some(app.session_for(id).await),
                None => None,
            };
            let args = (row.args)(&world);
            let mut request = if methods[row.path] == http::Method::GET {
                app.client.get(app.url(row.path)).query(&args)
            } else {
                app.client
                    .post(app.url(row.path))
                    .header("sec-fetch-site", "same-origin")
                    .form(&args)
            };
            if let Some(cookie) = &cookie {
                request = request.header("cookie", cookie);
            }
            let writes_before = app.writes().await;
            let status = request.send().await.unwrap().status();
            let wrote = app.writes().await != writes_before;
            if status.as_u16() != expected {
                failures.push(format!(
                    "{} as {caller:?}: {status}, expected {expected}",
                    row.path
                ));
            }
            if status.is_client_error() && wrote {
                failures.push(format!(
                    "{} as {caller:?}: refused with {status} but wrote",
                    row.path
                ));
            }
            assert!(
                !status.is_server_error() || status == StatusCode::SERVICE_UNAVAILABLE,
                "{} as {caller:?}: {status}",
                row.path
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A file route (photo, CSV, calendar), with its parameters filled in from the world.
struct FileRow {
    pattern: &'static str,
    url: fn(&World) -> String,
    expect: [u16; 5],
}

fn file_rows() -> Vec<FileRow> {
    vec![
        // No photo in the world: staff are let through to a 404, everybody else stops before.
        FileRow {
            pattern: "/equipe/retouches/photo/{item_id}",
            url: |_| "/equipe/retouches/photo/999999".into(),
            expect: [401, 403, 403, 404, 404],
        },
        // Private links: the token is the key, whoever holds it.
        FileRow {
            pattern: "/ourlets/reservation/{token}/agenda.ics",
            url: |w| format!("/ourlets/reservation/{}/agenda.ics", w.campaign.token),
            expect: PUBLIC,
        },
        FileRow {
            pattern: "/agenda/{token}/planning.ics",
            url: |w| format!("/agenda/{}/planning.ics", w.planning.feed_token),
            expect: PUBLIC,
        },
        FileRow {
            pattern: "/equipe/ourlets/{id}/jour/{day}/export.csv",
            url: |w| {
                format!(
                    "/equipe/ourlets/{}/jour/{}/export.csv",
                    w.campaign.id, w.campaign.day
                )
            },
            expect: STAFF,
        },
        FileRow {
            pattern: "/cuisine/{id}/commandes.csv",
            url: |w| format!("/cuisine/{}/commandes.csv", w.lunch_service),
            expect: KITCHEN,
        },
        FileRow {
            pattern: "/equipe/planning/heures/{month}/export.csv",
            url: |w| format!("/equipe/planning/heures/{}/export.csv", &w.lunch_day[..7]),
            expect: STAFF,
        },
        FileRow {
            pattern: "/vos-donnees/{kind}/{token}/donnees.json",
            url: |w| format!("/vos-donnees/dejeuner/{}/donnees.json", w.lunch_order_token),
            expect: PUBLIC,
        },
        // A quote's PDF: an unknown link (404 for all), an unknown quote (staff get to the 404).
        FileRow {
            pattern: "/traiteur/demande/{token}/devis/{number}/devis.pdf",
            url: |_| {
                format!(
                    "/traiteur/demande/{}/devis/DEV-2026-0001/devis.pdf",
                    "x".repeat(43)
                )
            },
            expect: [404; 5],
        },
        FileRow {
            pattern: "/sur-mesure/demande/{token}/devis/{number}/devis.pdf",
            url: |_| {
                format!(
                    "/sur-mesure/demande/{}/devis/DEV-2026-0001/devis.pdf",
                    "x".repeat(43)
                )
            },
            expect: [404; 5],
        },
        FileRow {
            pattern: "/equipe/sur-mesure/photo/{photo_id}",
            url: |_| "/equipe/sur-mesure/photo/999999".into(),
            expect: [401, 403, 403, 404, 404],
        },
        FileRow {
            pattern: "/equipe/chiffres/export.csv",
            url: |_| "/equipe/chiffres/export.csv?du=2026-01-01&au=2026-06-30".into(),
            expect: STAFF,
        },
        FileRow {
            pattern: "/equipe/devis/{id}/devis.pdf",
            url: |_| "/equipe/devis/999999/devis.pdf".into(),
            expect: [401, 403, 403, 404, 404],
        },
        // Each signed-in person gets their own rows (tests/app/rights.rs checks whose).
        FileRow {
            pattern: "/compte/mes-donnees.json",
            url: |_| "/compte/mes-donnees.json".into(),
            expect: [401, 200, 200, 200, 200],
        },
    ]
}

#[tokio::test]
async fn every_file_route_answers_each_caller_as_the_table_says() {
    let app = spawn_app().await;
    let world = world(&app).await;
    let rows = file_rows();
    let registered: BTreeSet<&str> = coop_manau::server::router::file_routes()
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    let covered: BTreeSet<&str> = rows.iter().map(|row| row.pattern).collect();
    assert_eq!(
        registered, covered,
        "every file route has its row, and only those"
    );

    let mut failures = Vec::new();
    for row in &rows {
        let url = (row.url)(&world);
        for (caller, expected) in CALLERS.iter().zip(row.expect) {
            let person = match caller {
                Caller::Anonymous => None,
                Caller::Participant => Some(world.participant),
                Caller::OtherParticipant => Some(world.other_participant),
                Caller::Staff => Some(world.staff),
                Caller::Admin => Some(world.admin),
            };
            let mut request = app.client.get(app.url(&url));
            if let Some(id) = person {
                request = request.header("cookie", app.session_for(id).await);
            }
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            if status != expected {
                failures.push(format!(
                    "{url} as {caller:?}: {status}, expected {expected}"
                ));
            }
            if response.status().is_client_error() {
                let text = response.text().await.unwrap_or_default();
                if text.is_empty() {
                    failures.push(format!("{url} as {caller:?}: a refusal without words"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
