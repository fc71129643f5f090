use super::*;

pub static CATALOGUE: Catalogue = Catalogue {
    common: Common {
        app_name: "Coop'Manau",
        tagline: "La coopérative de quartier de Blanchemaille, à Roubaix",
        meta_description: "Coop'Manau, coopérative de quartier à Roubaix : retouches, repassage, \
            restaurant le mardi et le jeudi, traiteur pour les entreprises.",
        skip_to_content: "Aller au contenu",
        language: "Langue",
        footer: "Coop'Manau, une activité du centre social Alma, Blanchemaille, Roubaix.",
        offline_banner: "Pas de connexion : vous voyez la dernière version enregistrée.",
    },
    nav: Nav {
        label: "Navigation principale",
        home: "Accueil",
    },
    home: Home {
        title: "Bienvenue à Coop'Manau",
        intro: "Des habitantes et des habitants du quartier y travaillent, accompagnés par le \
            centre social Alma. En faisant appel à nous, vous soutenez leur retour à l'emploi.",
        services_title: "Ce que fait la coopérative",
        service: |slug| match slug {
            "conciergerie" => Some((
                "Conciergerie",
                "Retouches (ourlets, fermetures éclair), repassage et inventaire de stock, pour \
                 les habitants et les salariés des entreprises partenaires.",
            )),
            "restaurant" => Some((
                "Restaurant",
                "Déjeuner le mardi et le jeudi, sur place ou à emporter. Ouvert à toutes et à tous.",
            )),
            "traiteur" => Some((
                "Traiteur",
                "Repas et buffets pour les entreprises, à partir de 10 couverts.",
            )),
            "textile" => Some((
                "Atelier textile",
                "Prototypes textiles et broderie numérique.",
            )),
            "palettes" => Some((
                "Mobilier en palettes",
                "Meubles sur mesure en bois de palette.",
            )),
            _ => None,
        },
        hours_title: "Horaires",
        closed: "Fermé",
        weekdays: [
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        ],
        visit_title: "Nous trouver",
        visit: "Coop'Manau, Blanchemaille, Roubaix. Entrée libre aux heures d'ouverture.",
        actions_title: "Ce que vous pouvez faire",
        actions: &[
            "Déposer un vêtement à retoucher ou à repasser à la conciergerie.",
            "Venir déjeuner le mardi ou le jeudi, ou emporter votre repas.",
            "Demander un devis traiteur pour votre entreprise (dès 10 couverts).",
        ],
    },
    offline: Offline {
        title: "Pas de connexion",
        body: "Cette page n'est pas encore enregistrée sur votre téléphone. Vérifiez votre \
            connexion internet, puis réessayez.",
        retry: "Réessayer",
    },
    not_found: NotFound {
        title: "Page introuvable",
        body: "Cette page n'existe pas ou n'existe plus.",
        back_home: "Retour à l'accueil",
    },
    errors: Errors {
        title: "Un problème est survenu",
        message: |key| match key {
            "not_found" => "Introuvable.",
            "unauthorized" => "Veuillez vous connecter.",
            "forbidden" => "Vous n'avez pas accès à cette page.",
            "validation" => "Certaines informations sont à corriger.",
            "bad_request" => "La demande est illisible. Rechargez la page et réessayez.",
            "rate_limited" => "Trop d'essais. Patientez un peu avant de réessayer.",
            "network" => "Pas de connexion au serveur. Réessayez dans un moment.",
            "internal" => "Un problème est survenu de notre côté. Réessayez plus tard.",
            "locale_unknown" => "Cette langue n'est pas disponible.",
            _ => "Une erreur est survenue.",
        },
    },
};
