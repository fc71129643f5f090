use super::*;

pub static CATALOGUE: Catalogue = Catalogue {
    common: Common {
        app_name: "Coop'Manau",
        tagline: "The neighbourhood cooperative of Blanchemaille, Roubaix",
        meta_description: "Coop'Manau, a neighbourhood cooperative in Roubaix: alterations, \
            ironing, lunch on Tuesdays and Thursdays, catering for companies.",
        skip_to_content: "Skip to content",
        language: "Language",
        footer: "Coop'Manau, run by the Alma social centre, Blanchemaille, Roubaix.",
        offline_banner: "No connection: you are seeing the last saved version.",
    },
    nav: Nav {
        label: "Main navigation",
        home: "Home",
    },
    home: Home {
        title: "Welcome to Coop'Manau",
        intro: "Residents of the neighbourhood work here, coached by the Alma social centre. \
            By using our services, you support their way back to work.",
        services_title: "What the cooperative does",
        service: |slug| match slug {
            "conciergerie" => Some((
                "Conciergerie",
                "Alterations (hems, zips), ironing and stock inventory, for residents and for \
                 employees of partner companies.",
            )),
            "restaurant" => Some((
                "Restaurant",
                "Lunch on Tuesdays and Thursdays, dine-in or takeaway. Open to everyone.",
            )),
            "traiteur" => Some((
                "Catering",
                "Meals and buffets for companies, from 10 covers.",
            )),
            "textile" => Some((
                "Textile workshop",
                "Textile prototypes and digital embroidery.",
            )),
            "palettes" => Some((
                "Pallet furniture",
                "Made-to-measure furniture from pallet wood.",
            )),
            _ => None,
        },
        hours_title: "Opening hours",
        closed: "Closed",
        weekdays: [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ],
        visit_title: "Find us",
        visit: "Coop'Manau, Blanchemaille, Roubaix. Walk in during opening hours.",
        actions_title: "What you can do",
        actions: &[
            "Bring a garment to alter or iron to the conciergerie.",
            "Come for lunch on Tuesday or Thursday, or take your meal away.",
            "Ask for a catering quote for your company (from 10 covers).",
        ],
    },
    offline: Offline {
        title: "No connection",
        body: "This page is not saved on your phone yet. Check your internet connection, then \
            try again.",
        retry: "Try again",
    },
    not_found: NotFound {
        title: "Page not found",
        body: "This page does not exist, or no longer does.",
        back_home: "Back to the home page",
    },
    errors: Errors {
        title: "Something went wrong",
        message: |key| match key {
            "not_found" => "Not found.",
            "unauthorized" => "Please sign in.",
            "forbidden" => "You do not have access to this page.",
            "validation" => "Some details need correcting.",
            "bad_request" => "The request could not be read. Reload the page and try again.",
            "rate_limited" => "Too many attempts. Please wait before trying again.",
            "network" => "Cannot reach the server. Try again in a moment.",
            "internal" => "Something went wrong on our side. Try again later.",
            "locale_unknown" => "This language is not available.",
            _ => "An error occurred.",
        },
    },
};
