//! The register of personal data: every table of the schema, and which of its columns say
//! something about a person, by category. The "Vos données" page is drawn from it, and a test
//! (tests/app/rights.rs) compares it with the schema: a new table or column that is not
//! described here fails the build's tests.

/// Why a column is held and how long: each category has its paragraph on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    /// Name, phone and e-mail of people who request an alteration, book a hem slot or order lunch.
    PublicContact,
    /// The contact person of a company asking for catering or made-to-order work, what they
    /// wrote, and the people staff note for a client organisation.
    CompanyContact,
    /// What people wrote about their garments, and staff's answers.
    GarmentNotes,
    /// Photos of garments.
    Photos,
    /// A key derived from the connection's address: limits what one connection may book.
    ConnectionKey,
    /// Participants' and staff's accounts: names, contact details, sectors.
    Account,
    /// Shifts, attendance and hours: the planning and the CAPE contract's records.
    Work,
    /// Absences: their reason and details.
    Absences,
    /// The back-to-work pathway: entry, the characteristics funders count, contracts,
    /// trainings, obstacles worked on, exit. Staff only.
    Pathway,
    /// Passwords, sessions, invitations, second factor: signing in safely.
    SignIn,
    /// Who decided what, and when.
    Audit,
}

impl Category {
    pub const ALL: [Category; 11] = [
        Category::PublicContact,
        Category::CompanyContact,
        Category::GarmentNotes,
        Category::Photos,
        Category::ConnectionKey,
        Category::Account,
        Category::Work,
        Category::Absences,
        Category::Pathway,
        Category::SignIn,
        Category::Audit,
    ];
}

/// One table: its personal columns with their category, and the others.
#[derive(Clone, Copy, Debug)]
pub struct Table {
    pub name: &'static str,
    pub personal: &'static [(&'static str, Category)],
    pub other: &'static [&'static str],
}

use Category::*;

pub const TABLES: &[Table] = &[
    Table {
        name: "alteration_request",
        personal: &[
            ("contact_name", PublicContact),
            ("phone", PublicContact),
            ("email", PublicContact),
            ("decline_reason", GarmentNotes),
            ("client_key", ConnectionKey),
        ],
        other: &[
            "id",
            "reference",
            "token_hash",
            "status",
            "consent_at",
            "partner_id",
            "dropoff_date",
            "estimated_cents",
            "has_quote_items",
            "confirmed_cents",
            "shelf",
            "created_at",
            "updated_at",
            "erased_at",
        ],
    },
    Table {
        name: "alteration_item",
        personal: &[("note", GarmentNotes)],
        other: &["id", "request_id", "service_id", "quantity", "unit_cents"],
    },
    Table {
        name: "alteration_photo",
        personal: &[("jpeg", Photos)],
        other: &["item_id", "width", "height"],
    },
    Table {
        name: "alteration_event",
        personal: &[("actor_id", Audit)],
        other: &["id", "request_id", "status", "at"],
    },
    Table {
        name: "campaign_booking",
        personal: &[
            ("name", PublicContact),
            ("contact", PublicContact),
            ("client_key", ConnectionKey),
        ],
        other: &[
            "id",
            "campaign_id",
            "slot_id",
            "reference",
            "token_hash",
            "group_name",
            "garments",
            "status",
            "attendance",
            "created_at",
            "updated_at",
            "self_cancelled_at",
            "erased_at",
        ],
    },
    Table {
        name: "catering_request",
        personal: &[
            ("contact_name", CompanyContact),
            ("email", CompanyContact),
            ("phone", CompanyContact),
            ("message", CompanyContact),
            ("client_key", ConnectionKey),
        ],
        other: &[
            "id",
            "reference",
            "token_hash",
            "status",
            "organisation",
            "siret",
            "partner_id",
            "event_day",
            "event_time",
            "covers",
            "formula_id",
            "address",
            "budget_cents_per_person",
            "vegetarian",
            "vegan",
            "no_pork",
            "gluten_free",
            "allergens",
            "consent_at",
            "created_at",
            "updated_at",
            "erased_at",
        ],
    },
    Table {
        name: "lunch_order",
        personal: &[
            ("name", PublicContact),
            ("phone", PublicContact),
            ("client_key", ConnectionKey),
        ],
        other: &[
            "id",
            "service_id",
            "window_id",
            "reference",
            "token_hash",
            "status",
            "total_cents",
            "created_at",
            "updated_at",
            "erased_at",
        ],
    },
    Table {
        name: "person",
        personal: &[
            ("first_name", Account),
            ("last_name", Account),
            ("email", Account),
            ("phone", Account),
            ("password_hash", SignIn),
            ("last_active_at", Account),
        ],
        other: &["id", "role", "active", "created_at", "erased_at"],
    },
    Table {
        name: "person_sector",
        personal: &[("person_id", Account)],
        other: &["sector_slug"],
    },
    Table {
        name: "assignment",
        personal: &[
            ("person_id", Work),
            ("confirmed_at", Work),
            ("attendance", Work),
        ],
        other: &["id", "shift_id", "created_at"],
    },
    Table {
        name: "absence",
        personal: &[
            ("reason", Absences),
            ("details", Absences),
            ("decided_by", Audit),
        ],
        other: &[
            "id",
            "assignment_id",
            "status",
            "key_hash",
            "declared_at",
            "decided_at",
        ],
    },
    Table {
        name: "shift",
        personal: &[("created_by", Audit)],
        other: &[
            "id",
            "sector_slug",
            "starts_at",
            "ends_at",
            "places",
            "place",
            "note",
            "created_at",
        ],
    },
    Table {
        name: "calendar_feed",
        personal: &[("person_id", SignIn), ("token_hash", SignIn)],
        other: &["created_at"],
    },
    Table {
        name: "session",
        personal: &[("person_id", SignIn), ("token_hash", SignIn)],
        other: &["created_at", "renewed_at", "expires_at", "lifetime_secs"],
    },
    Table {
        name: "invitation",
        personal: &[
            ("person_id", SignIn),
            ("token_hash", SignIn),
            ("created_by", Audit),
        ],
        other: &["created_at", "expires_at", "used_at"],
    },
    Table {
        name: "pending_sign_in",
        personal: &[("person_id", SignIn), ("token_hash", SignIn)],
        other: &["expires_at", "failures"],
    },
    Table {
        name: "second_factor",
        personal: &[
            ("person_id", SignIn),
            ("secret", SignIn),
            ("codes_to_show", SignIn),
        ],
        other: &[
            "created_at",
            "confirmed_at",
            "last_step",
            "codes_shown_until",
        ],
    },
    Table {
        name: "recovery_code",
        personal: &[("person_id", SignIn), ("code_hash", SignIn)],
        other: &[],
    },
    Table {
        name: "audit_log",
        personal: &[("actor_id", Audit), ("object_id", Audit), ("detail", Audit)],
        other: &["id", "at", "action", "object_type"],
    },
    // Nothing about a person below: the coop's own settings and anonymous counts.
    Table {
        name: "alteration_service",
        personal: &[],
        other: &[
            "id",
            "name",
            "description",
            "price_cents",
            "turnaround_days",
            "active",
            "position",
        ],
    },
    Table {
        name: "campaign",
        personal: &[],
        other: &[
            "id",
            "slug",
            "title",
            "partner_id",
            "description",
            "place",
            "opens_at",
            "closes_at",
            "invite_code",
            "max_garments",
            "closed_at",
            "created_at",
        ],
    },
    Table {
        name: "campaign_slot",
        personal: &[],
        other: &[
            "id",
            "campaign_id",
            "starts_at",
            "ends_at",
            "capacity",
            "booked",
            "closed",
        ],
    },
    Table {
        name: "coop_service",
        personal: &[],
        other: &["slug", "position"],
    },
    Table {
        name: "demo_seed",
        personal: &[],
        other: &["part", "seeded_at"],
    },
    Table {
        name: "lunch_day",
        personal: &[],
        other: &[
            "weekday",
            "starts",
            "ends",
            "cutoff",
            "window_minutes",
            "window_capacity",
            "active",
        ],
    },
    Table {
        name: "lunch_dish",
        personal: &[],
        other: &[
            "id",
            "service_id",
            "course",
            "name",
            "description",
            "price_cents",
            "portions",
            "ordered",
            "allergens",
            "labels",
        ],
    },
    Table {
        name: "lunch_order_line",
        personal: &[],
        other: &["order_id", "dish_id", "quantity", "unit_price_cents"],
    },
    Table {
        name: "lunch_service",
        personal: &[],
        other: &[
            "id",
            "day",
            "starts_at",
            "ends_at",
            "cutoff_at",
            "open",
            "created_at",
        ],
    },
    Table {
        name: "lunch_window",
        personal: &[],
        other: &[
            "id",
            "service_id",
            "starts_at",
            "capacity",
            "booked",
            "open",
        ],
    },
    Table {
        name: "closure",
        personal: &[],
        other: &["id", "first_day", "last_day", "label", "created_at"],
    },
    Table {
        name: "opening_hours",
        personal: &[],
        other: &["id", "service_slug", "weekday", "opens", "closes"],
    },
    Table {
        name: "quote",
        personal: &[
            ("answer_name", CompanyContact),
            ("answer_reason", CompanyContact),
            ("created_by", Audit),
            ("answered_by", Audit),
        ],
        other: &[
            "id",
            "number",
            "year",
            "seq",
            "catering_request_id",
            "made_to_order_request_id",
            "version",
            "status",
            "valid_until",
            "discount_bp",
            "deposit_cents",
            "payment_terms",
            "created_at",
            "sent_at",
            "answered_at",
            "answer_channel",
            "accepted_copy",
            "shift_id",
        ],
    },
    Table {
        name: "quote_line",
        personal: &[],
        other: &[
            "id",
            "quote_id",
            "designation",
            "quantity",
            "unit",
            "unit_price_cents",
            "vat_bp",
        ],
    },
    // The coop's own legal details.
    Table {
        name: "seller",
        personal: &[],
        other: &[
            "id",
            "name",
            "legal_form",
            "address",
            "siret",
            "vat_note",
            "penalty_rate",
            "payment_terms",
        ],
    },
    Table {
        name: "catering_formula",
        personal: &[],
        other: &["id", "name", "active", "position"],
    },
    Table {
        name: "catering_settings",
        personal: &[],
        other: &["id", "min_covers", "lead_days"],
    },
    Table {
        name: "pathway",
        personal: &[
            ("entry_day", Pathway),
            ("woman", Pathway),
            ("under_26", Pathway),
            ("over_50", Pathway),
            ("rsa", Pathway),
            ("long_term_jobseeker", Pathway),
            ("rqth", Pathway),
            ("qpv", Pathway),
            ("exit_day", Pathway),
            ("exit_outcome", Pathway),
        ],
        other: &["person_id", "updated_at"],
    },
    Table {
        name: "pathway_contract",
        personal: &[
            ("kind", Pathway),
            ("label", Pathway),
            ("start_day", Pathway),
            ("end_day", Pathway),
            ("weekly_minutes", Pathway),
        ],
        other: &["id", "person_id", "created_at"],
    },
    Table {
        name: "pathway_step",
        personal: &[
            ("kind", Pathway),
            ("title", Pathway),
            ("organisation", Pathway),
            ("start_day", Pathway),
            ("end_day", Pathway),
        ],
        other: &["id", "person_id", "created_at"],
    },
    Table {
        name: "pathway_obstacle",
        personal: &[("obstacle_id", Pathway)],
        other: &["person_id"],
    },
    // Which staff member took which item of the inbox.
    Table {
        name: "inbox_claim",
        personal: &[("person_id", Audit)],
        other: &["kind", "item_id", "claimed_at"],
    },
    // Counts only.
    Table {
        name: "figures_opening",
        personal: &[],
        other: &[
            "id",
            "as_of",
            "accompanied",
            "cape",
            "dynamic_exits",
            "catering_events",
            "restaurant_services",
            "client_organisations",
            "regular_organisations",
            "updated_at",
        ],
    },
    Table {
        name: "obstacle",
        personal: &[],
        other: &["id", "name", "active", "position"],
    },
    // An organisation's name, type and SIRET; its people are in partner_contact.
    Table {
        name: "partner",
        personal: &[],
        other: &["id", "name", "active", "created_at", "kind", "siret"],
    },
    Table {
        name: "partner_contact",
        personal: &[
            ("name", CompanyContact),
            ("role", CompanyContact),
            ("email", CompanyContact),
            ("phone", CompanyContact),
        ],
        other: &["id", "partner_id", "created_at"],
    },
    Table {
        name: "partner_settings",
        personal: &[],
        other: &["id", "regular_orders"],
    },
    Table {
        name: "made_to_order_request",
        personal: &[
            ("contact_name", CompanyContact),
            ("email", CompanyContact),
            ("phone", CompanyContact),
            ("description", CompanyContact),
            ("client_key", ConnectionKey),
        ],
        other: &[
            "id",
            "reference",
            "token_hash",
            "status",
            "kind",
            "organisation",
            "siret",
            "partner_id",
            "quantity",
            "wished_day",
            "budget_cents",
            "consent_at",
            "created_at",
            "updated_at",
            "erased_at",
        ],
    },
    Table {
        name: "made_to_order_photo",
        personal: &[("jpeg", Photos)],
        other: &["id", "request_id", "width", "height"],
    },
    Table {
        name: "made_to_order_job",
        personal: &[],
        other: &[
            "id",
            "request_id",
            "quote_id",
            "status",
            "created_at",
            "started_at",
            "ready_at",
            "delivered_at",
        ],
    },
    Table {
        name: "made_to_order_settings",
        personal: &[],
        other: &["id", "lead_days"],
    },
    Table {
        name: "sector",
        personal: &[],
        other: &["slug", "position", "name", "pictogram", "active"],
    },
    Table {
        name: "server_secret",
        personal: &[],
        other: &["id", "secret", "created_at"],
    },
];

/// The personal columns of one category, as `table.column`.
pub fn columns_of(category: Category) -> Vec<String> {
    TABLES
        .iter()
        .flat_map(|table| {
            table
                .personal
                .iter()
                .filter(move |(_, c)| *c == category)
                .map(move |(column, _)| format!("{}.{column}", table.name))
        })
        .collect()
}
