use super::*;

pub static CATALOGUE: Catalogue = Catalogue {
    common: Common {
        keep: "Non, revenir",
        fewer: "Un de moins",
        more: "Un de plus",
        cancel_question: "Annuler vraiment ?",
        cancel_yes: "Oui, annuler",
        app_name: "Coop'Manau",
        tagline: "La coopérative de quartier de Blanchemaille, à Roubaix",
        meta_description: "Coop'Manau, coopérative de quartier à Roubaix : retouches, repassage, \
            restaurant le mardi et le jeudi, traiteur pour les entreprises.",
        skip_to_content: "Aller au contenu",
        language: "Langue",
        footer: "Coop'Manau, une activité du centre social Alma, Blanchemaille, Roubaix.",
        offline_banner: "Pas de connexion : vous voyez la dernière version enregistrée.",
        months: [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        day_label: |weekday, day, month| format!("{weekday} {day} {month}"),
    },
    nav: Nav {
        label: "Navigation principale",
        home: "Accueil",
        staff: "Équipe",
        account: "Mon compte",
        sign_in: "Connexion",
        alterations: "Retouches",
        lunch: "Déjeuner",
        planning: "Mon planning",
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
        hours_admin_title: "Horaires d'ouverture",
        hours_admin_intro: "Les jours et heures d'ouverture de chaque activité. Ceux de la conciergerie sont les jours de dépôt proposés dans le formulaire de retouche.",
        hours_add: "Ajouter un horaire",
        hours_remove: "Retirer",
        hours_service: "Activité",
        hours_weekday: "Jour",
        hours_opens: "Ouverture",
        hours_closes: "Fermeture",
        closures_title: "Fermetures",
        closures_intro: "Les jours fériés sont comptés tout seuls. Ajoutez ici les fermetures \
            (été, Noël) : aucun jour de dépôt, déjeuner ni créneau d'ourlets n'y est proposé, et \
            la page d'accueil les annonce.",
        closures_none: "Aucune fermeture à venir.",
        closure_first: "Premier jour fermé",
        closure_last: "Dernier jour fermé",
        closure_label: "Motif (affiché au public)",
        closure_add: "Ajouter la fermeture",
        closure_text: |first, last, label| {
            if first == last {
                format!("Fermé le {first} : {label}")
            } else {
                format!("Fermé du {first} au {last} : {label}")
            }
        },
        holidays_title: "Jours fériés à venir",
        holiday: |key| match key {
            "new_year" => "Jour de l'an",
            "easter_monday" => "Lundi de Pâques",
            "labour_day" => "Fête du Travail",
            "victory_1945" => "Victoire 1945",
            "ascension" => "Ascension",
            "whit_monday" => "Lundi de Pentecôte",
            "national_day" => "Fête nationale",
            "assumption" => "Assomption",
            "all_saints" => "Toussaint",
            "armistice" => "Armistice 1918",
            "christmas" => "Noël",
            _ => "Jour férié",
        },
        visit_title: "Nous trouver",
        visit: "Coop'Manau, Blanchemaille, Roubaix. Entrée libre aux heures d'ouverture.",
        actions_title: "Ce que vous pouvez faire",
        actions: &[
            "Déposer un vêtement à retoucher ou à repasser à la conciergerie.",
            "Venir déjeuner le mardi ou le jeudi, ou emporter votre repas.",
            "Demander un devis traiteur pour votre entreprise (dès 10 couverts).",
        ],
    },
    second_factor: SecondFactor {
        section_title: "Double authentification",
        intro: "Un code à 6 chiffres de votre téléphone, en plus du mot de passe, à chaque connexion.",
        required_notice: "Obligatoire pour les administrateurs : sans elle, les pages d'administration restent fermées.",
        enable: "Activer la double authentification",
        continue_setup: "Reprendre l'activation",
        on: "La double authentification est activée.",
        codes_left: "Codes de secours restants :",
        admin_cannot_disable: "Les administrateurs ne peuvent pas la désactiver.",
        disable: "Désactiver la double authentification",
        disable_password: "Votre mot de passe actuel",
        disabled: "La double authentification est désactivée.",
        enabled: "La double authentification est activée. Gardez vos codes de secours en lieu sûr.",
        setup_title: "Activer la double authentification",
        setup_step_scan: "1. Dans une application d'authentification (par exemple FreeOTP, Aegis ou Google Authenticator), scannez ce code :",
        qr_label: "QR code à scanner avec l'application d'authentification",
        setup_step_type: "Ou tapez cette clé dans l'application :",
        setup_step_code: "2. Tapez le code à 6 chiffres que l'application affiche :",
        code_label: "Code à 6 chiffres",
        confirm: "Confirmer",
        setup_gone: "Rien à activer ici : commencez depuis Mon compte.",
        codes_title: "Vos codes de secours",
        codes_intro: "Chacun remplace une fois le code du téléphone, si vous le perdez. Ils ne seront plus jamais affichés.",
        codes_print: "Notez-les ou imprimez-les, puis rangez-les en lieu sûr.",
        codes_done: "C'est noté",
        codes_gone: "Ces codes ont déjà été affichés. Ils restent valables jusqu'à leur utilisation.",
        back_to_account: "Retour à Mon compte",
        code_title: "Code de connexion",
        code_intro: "Tapez le code à 6 chiffres de votre application d'authentification, ou un de vos codes de secours.",
        code_field: "Code",
        code_submit: "Se connecter",
        code_restart: "Recommencer avec le mot de passe",
    },
    alterations: Alterations {
        items_title: "Vêtements",
        home_call: "Demander une retouche",
        activate: "Réactiver",
        back_to_queue: "← Toutes les demandes de retouche",
        cancel_button: "Annuler ma demande",
        cancel_title: "Changer d'avis ?",
        catalogue_intro: "Les prestations proposées dans le formulaire de demande. Une prestation sans prix est « sur devis ».",
        catalogue_title: "Tarifs de la conciergerie",
        change_items: "← Modifier mon choix",
        consent: "J'accepte que Coop'Manau me contacte au sujet de cette demande (et seulement pour elle).",
        contact_hint: "Un numéro de téléphone ou une adresse e-mail, pour vous prévenir.",
        contact_name: "Nom",
        contact_title: "3. Vos coordonnées",
        continue_button: "Continuer",
        copied: "Lien copié.",
        counts_label: "Nombre de demandes par étape",
        day_sheet_title: "Dépôts et retraits du jour",
        deactivate: "Désactiver",
        decisions_title: "Décision",
        done_column: "Fait",
        dropoff_hint: "Les jours où la conciergerie est ouverte.",
        dropoff_label: "Jour de dépôt",
        dropoff_title: "2. Quand déposer vos vêtements",
        dropoffs_title: "Dépôts attendus",
        email: "E-mail",
        estimate_hint: "Le prix est confirmé par l'équipe quand elle accepte la demande. Paiement sur place.",
        estimated_total: "Total estimé :",
        filter_all: "Toutes",
        filter_button: "Afficher",
        filter_day: "Jour de dépôt",
        filter_status: "Étape",
        form_title: "Ma demande de retouche",
        garments: "vêtement(s)",
        inactive: "désactivé",
        intro: "Ourlets, fermetures éclair, petites réparations, repassage : choisissez ce qu'il vous faut, puis déposez vos vêtements à la conciergerie de Blanchemaille.",
        link_hint: "Gardez ce lien : il permet de suivre votre demande. Ne le donnez qu'aux personnes de confiance.",
        link_title: "Votre lien de suivi",
        next_cancelled: "Vous avez annulé cette demande.",
        next_collected: "Vous avez récupéré vos vêtements. Merci et à bientôt !",
        next_declined: "Nous ne pouvons pas faire cette retouche. Motif :",
        next_in_work: "Vos vêtements sont chez nous, la retouche est en cours.",
        next_ready: "Vos vêtements sont prêts ! Venez les chercher à la conciergerie, aux heures d'ouverture. Paiement sur place.",
        none: "Aucun.",
        note_hint: "Quelques mots, par exemple : pantalon bleu, raccourcir de 3 cm.",
        note_label: "Précisions (facultatif)",
        on_quote: "sur devis",
        partner_label: "Entreprise ou établissement partenaire",
        partner_name: "Nom",
        partner_new: "Ajouter un partenaire",
        partner_none: "Aucun (particulier)",
        partners_intro: "Les entreprises et établissements dont les salariés ou les élèves utilisent la conciergerie.",
        partners_title: "Partenaires",
        phone: "Téléphone",
        photo_attached: "Photo jointe",
        photo_hint: "Facultatif. JPEG, PNG ou WebP, 8 Mo au plus.",
        restore_button: "Finalement, je garde ma demande",
        photo_kept: "✓ Photo déjà reçue : elle sera jointe à la demande. Choisissez-en une autre \
            seulement pour la remplacer.",
        photo_label: "Photo",
        pickups_title: "Prêtes à retirer",
        price_confirmed: "Prix confirmé :",
        price_estimated: "Prix estimé :",
        price_hint: "En euros, par exemple 18 ou 12,50.",
        price_label: "Prix",
        print_hint: "Pour imprimer cette liste, utilisez « Imprimer » dans le menu de votre navigateur.",
        quantity: "Nombre",
        queue_empty: "Aucune demande ici.",
        queue_title: "Demandes de retouche",
        reason: "Motif",
        reason_hint: "La personne verra ce motif sur sa page de suivi.",
        reference: "Référence",
        request_title: "Demande",
        save: "Enregistrer",
        saved: "Enregistré.",
        send: "Envoyer ma demande",
        sent_at: "Envoyée le",
        sent_body: "Nous vous contactons pour confirmer le prix et le jour de dépôt. Gardez le lien de cette page pour suivre votre demande.",
        sent_title: "Demande envoyée !",
        service_active: "Proposée dans le formulaire",
        service_description: "Description courte",
        service_name: "Nom de la prestation",
        service_new: "Nouvelle prestation",
        service_price_hint: "En euros. Laissez vide pour « sur devis ».",
        service_turnaround: "Délai (jours)",
        share: "Partager ce lien",
        shelf: "Étagère",
        step_1: "Étape 1 sur 2 : choisissez vos retouches",
        step_2: "Étape 2 sur 2 : précisions, jour de dépôt, coordonnées",
        timeline_title: "Étapes de votre demande",
        title: "Retouches et repassage",
        tracking_title: "Suivi de ma retouche",
        tracking_unknown: "Ce lien de suivi n'existe pas. Vérifiez qu'il est complet, ou contactez la conciergerie.",
        where_text: "Conciergerie Coop'Manau, Blanchemaille, Roubaix.",
        your_items: "1. Vos vêtements",
        status: |status| match status {
            "requested" => "Envoyée",
            "accepted" => "Acceptée",
            "declined" => "Refusée",
            "cancelled" => "Annulée",
            "dropped_off" => "Déposée",
            "in_progress" => "En cours",
            "ready" => "Prête",
            "collected" => "Récupérée",
            _ => "",
        },
        decision: |decision| match decision {
            "accept" => "Accepter",
            "decline" => "Refuser",
            "drop_off" => "Vêtements déposés",
            "start" => "Commencer la retouche",
            "mark_ready" => "Prête",
            "collect" => "Récupérée par la personne",
            _ => "",
        },
        turnaround: |days| match days {
            0 => "Prêt le jour même.".to_owned(),
            1 => "Prêt en 1 jour environ.".to_owned(),
            days => format!("Prêt en {days} jours environ."),
        },
        next_requested: |day| {
            format!(
                "Nous étudions votre demande. Nous vous contactons pour confirmer le prix et le jour de dépôt (vous avez choisi le {day})."
            )
        },
        next_accepted: |day| {
            format!(
                "Demande acceptée : déposez vos vêtements le {day} à la conciergerie, aux heures d'ouverture."
            )
        },
    },
    accounts: Accounts {
        access_title: "Accès",
        account_title: "Mon compte",
        audit_empty: "Aucune décision enregistrée.",
        audit_filter: "Filtrer",
        audit_object_id: "Numéro de l'objet",
        audit_object_type: "Type d'objet (ex. : person)",
        audit_title: "Journal des décisions",
        back_to_list: "← Retour à la liste",
        back_to_person: "← Retour à la fiche",
        create: "Créer",
        deactivate: "Désactiver le compte",
        details_title: "Coordonnées",
        email: "Adresse e-mail",
        email_optional: "Adresse e-mail (facultatif)",
        first_name: "Prénom",
        history_title: "Historique",
        inactive: "compte désactivé",
        invitation_card_for: "Carte de connexion de",
        invitation_card_gone: "Cette carte n'est plus valable (déjà utilisée, expirée ou remplacée). Créez-en une nouvelle depuis la fiche de la personne.",
        invitation_card_steps: "Ouvrez l'appareil photo de votre téléphone, visez le carré, puis touchez le lien. Appuyez ensuite sur « C'est moi, me connecter ».",
        invitation_claim: "C'est moi, me connecter",
        invitation_hello: "Bonjour",
        invitation_intro: "Ce lien vous connecte à Coop'Manau sur ce téléphone. Vous resterez connecté pendant 90 jours.",
        invitation_invalid: "Ce lien n'est plus valable : il a déjà servi ou il a expiré. Demandez une nouvelle carte à l'équipe.",
        invitation_issue: "Créer une carte de connexion",
        invitation_not_me: "Ce n'est pas vous ? Fermez cette page et rendez la carte à l'équipe.",
        invitation_print_hint: "Imprimez cette carte ou montrez le code à la personne. Elle ne sert qu'une fois et pendant 7 jours.",
        invitation_qr_label: "Code QR du lien de connexion",
        invitation_staff_intro: "Une carte avec un code QR permet de se connecter sur son téléphone sans mot de passe. Une nouvelle carte remplace l'ancienne.",
        invitation_title: "Carte de connexion",
        invitation_valid_until: "Valable jusqu'au",
        last_name: "Nom",
        login_label: "Adresse e-mail ou numéro de téléphone",
        participant_hint: "Coopératrice ou coopérateur ? Utilisez la carte de connexion remise par l'équipe.",
        participant_new: "Ajouter une coopératrice ou un coopérateur",
        participants_title: "Coopératrices et coopérateurs",
        password_changed: "Votre mot de passe est enregistré.",
        password_confirm: "Nouveau mot de passe, encore une fois",
        password_current: "Mot de passe actuel",
        password_label: "Mot de passe",
        password_new: "Nouveau mot de passe",
        password_none_yet: "Vous n'avez pas encore de mot de passe. Choisissez-en un pour vous connecter aussi depuis un autre appareil.",
        password_rules: "Au moins 8 caractères. Une petite phrase est facile à retenir.",
        password_save: "Enregistrer le mot de passe",
        password_title: "Mot de passe",
        person_title: "Fiche",
        phone_optional: "Téléphone (facultatif)",
        reactivate: "Réactiver le compte",
        role_admin: "Administration",
        role_label: "Rôle",
        role_participant: "Coopératrice ou coopérateur",
        role_staff: "Équipe encadrante",
        save: "Enregistrer",
        saved: "Modifications enregistrées.",
        sectors_label: "Secteurs",
        sign_in_button: "Se connecter",
        sign_in_intro: "Pour l'équipe encadrante, et pour les coopérateurs qui ont choisi un mot de passe.",
        sign_in_title: "Connexion",
        sign_out: "Se déconnecter",
        sign_out_everywhere: "Se déconnecter de tous les appareils",
        sign_out_person: "Déconnecter de tous les appareils",
        signed_out: "Vous êtes déconnecté.",
        signed_out_person: "La personne est déconnectée de tous ses appareils.",
        staff_new: "Ajouter un membre de l'équipe",
        staff_new_intro: "La personne reçoit une carte de connexion, puis choisit son mot de passe dans « Mon compte ».",
        staff_title: "Équipe encadrante",
        audit_action: |code| match code {
            "second_factor_on" => "double authentification activée",
            "second_factor_off" => "double authentification désactivée",
            "create" => "création",
            "update" => "modification",
            "invite" => "carte de connexion créée",
            "deactivate" => "compte désactivé",
            "reactivate" => "compte réactivé",
            "sign_out_everywhere" => "déconnexion de tous les appareils",
            "change_role" => "changement de rôle",
            "close" => "campagne fermée",
            "generate_slots" => "créneaux ajoutés",
            "update_slot" => "créneau modifié",
            "attendance" => "pointage",
            "lunch_day_saved" => "jour de service du déjeuner enregistré",
            "lunch_service_created" => "service du déjeuner créé",
            "lunch_service_updated" => "service du déjeuner modifié",
            "lunch_window_updated" => "créneau de retrait modifié",
            "lunch_dish_saved" => "plat enregistré",
            "lunch_dish_deleted" => "plat retiré",
            "lunch_menu_copied" => "menu copié",
            "lunch_order_ready" => "commande prête",
            "lunch_order_collected" => "commande récupérée",
            _ => "décision",
        },
    },
    campaigns: Campaigns {
        add_to_calendar: "Ajouter à mon agenda",
        attendance_came: "Arrivé·e",
        attendance_done: "Ourlets faits",
        attendance_expected: "Attendu·e",
        attendance_no_show: "Absent·e",
        back_to_campaign: "← Retour à la campagne",
        back_to_list: "← Retour aux campagnes",
        book_again: "Réserver un autre créneau",
        restore_button: "Finalement, je garde ma réservation",
        book_button: "Réserver ce créneau",
        booked_word: "réservé(s)",
        booking_title: "Ma réservation",
        bring_hint: "Venez avec votre uniforme propre et vos chaussures de service.",
        burst_cancel: |n| format!("Annuler ces {n} réservations"),
        burst_line: |n, first, last| format!("{n} réservations, du {first} au {last}"),
        bursts_cancelled: |n| match n {
            0 => "Aucune réservation à annuler : elles l'étaient déjà.".to_owned(),
            1 => "1 réservation annulée : sa place est libre.".to_owned(),
            n => format!("{n} réservations annulées : leurs places sont libres."),
        },
        bursts_hint: "Chaque ligne est une même connexion qui tient 5 réservations ou plus. \
            Une classe qui réserve sur le Wi-Fi de son lycée en fait aussi partie : \
            regardez les noms sur la feuille du jour avant d'annuler.",
        bursts_none: "Aucune connexion ne tient 5 réservations ou plus.",
        bursts_title: "Réservations en rafale",
        cancel_button: "Annuler ma réservation",
        cancel_title: "Annuler",
        cancelled_title: "Réservation annulée",
        capacity_label: "Places",
        check_in: "Arrivé·e",
        close_button: "Fermer la campagne maintenant",
        close_hint: "Plus personne ne pourra réserver. Les réservations déjà faites sont gardées.",
        close_title: "Fermer la campagne",
        closed_notice: "Les réservations sont fermées pour cette campagne.",
        closes_label: "Fin des réservations",
        code_intro: "Entrez le code donné par votre établissement.",
        code_label: "Code d'invitation",
        code_needed: "Cette campagne est réservée. Entrez le code d'invitation donné par votre établissement.",
        code_submit: "Continuer",
        confirmed_title: "C'est réservé !",
        contact_hint: "Votre numéro de portable ou votre e-mail, pour vous prévenir en cas de changement.",
        contact_label: "Téléphone ou e-mail",
        count_booked: "Inscrits",
        count_came: "Venus",
        count_garments_done: "Vêtements faits",
        count_no_show: "Absents",
        counts_label: "Compteurs de la journée",
        create_button: "Créer la campagne",
        csv_attendance: "Présence",
        csv_day: "Jour",
        csv_slot: "Créneau",
        day_sheet_link: "Feuille du jour",
        days_title: "Jours et créneaux",
        description_label: "Description (facultatif)",
        edit_title: "Modifier la campagne",
        end_label: "Fin de la journée",
        export_csv: "Télécharger pour Excel (CSV)",
        first_day_label: "Premier jour",
        full_notice: "Désolé, ce créneau est complet. Voici les créneaux libres les plus proches.",
        garments_label: "Nombre de vêtements",
        garments_short: "vêt.",
        generate_button: "Créer les créneaux",
        generate_hint: "Des créneaux de même durée, les jours choisis entre deux dates. Chaque créneau se modifie ensuite un par un.",
        generate_title: "Ajouter des créneaux",
        group_hint: "Par exemple : 2nde B, BTS 1.",
        group_label: "Classe ou groupe",
        invite_code_hint: "Facultatif. Lettres, chiffres et tirets, 8 caractères au moins. \
                           Un code est proposé.",
        invite_code_label: "Code d'invitation",
        keep_link: "Gardez l'adresse de cette page : elle permet de changer de créneau ou d'annuler.",
        last_day_label: "Dernier jour",
        length_label: "Durée d'un créneau (minutes)",
        mark_done: "Fait",
        mark_no_show: "Absent·e",
        max_garments_label: "Vêtements au plus par réservation",
        move_button: "Changer pour ce créneau",
        move_legend: "Choisissez le nouveau créneau",
        move_title: "Changer de créneau",
        moved_notice: "C'est fait : votre réservation est sur le nouveau créneau.",
        name_label: "Prénom et nom",
        nearest_title: "Créneaux libres les plus proches",
        new_title: "Nouvelle campagne",
        no_slots: "Aucun créneau pour le moment.",
        none_yet: "Aucune campagne pour le moment.",
        not_open_yet: "Les réservations ouvrent le",
        opens_label: "Ouverture des réservations",
        partner_label: "Organisation partenaire",
        partner_none: "Aucune",
        place_label: "Lieu",
        places_label: "Places par créneau",
        print_hint: "Pour imprimer la feuille, utilisez « Imprimer » dans le menu du navigateur.",
        public_link: "Lien à partager",
        public_title: "Opération ourlets",
        home_call: "Opération ourlets : j'ai un code",
        reference: "Référence",
        save: "Enregistrer",
        saved: "Modifications enregistrées.",
        sheet_title: "Feuille du jour",
        slot_closed: "fermé",
        slot_closed_label: "Fermé",
        slot_empty: "Personne pour le moment.",
        slot_full: "complet",
        slots_added: "Créneaux ajoutés :",
        staff_title: "Opérations ourlets",
        start_label: "Début de la journée",
        status_closed: "Fermée",
        status_ended: "Terminée",
        status_not_open: "Pas encore ouverte",
        status_open: "Ouverte",
        step_day: "1. Choisissez un jour",
        step_details: "2. Choisissez un créneau et donnez vos coordonnées",
        step_slot: "Créneaux du",
        title_label: "Titre",
        undo: "Annuler le pointage",
        weekdays_label: "Jours de la semaine",
        when_label: "Quand",
        places_left: |n| {
            if n == 1 {
                "1 place libre".to_owned()
            } else {
                format!("{n} places libres")
            }
        },
    },
    lunch: Lunch {
        title: "Déjeuner",
        intro: "Le restaurant de la coopérative sert le déjeuner dans la salle de Blanchemaille. \
            Tout le monde est bienvenu. Vous pouvez aussi commander votre repas à emporter, sans \
            créer de compte.",
        place: "salle de Blanchemaille",
        pay_on_site: "Paiement sur place, au moment du retrait (espèces ou carte).",
        no_service: "Aucun service prévu pour le moment.",
        allergen_notice: "Les 14 allergènes à déclarer (règlement européen 1169/2011) sont \
            indiqués pour chaque plat. Une question ? Demandez à l'équipe en cuisine.",
        allergens_label: "Allergènes",
        no_allergen: "Aucun des 14 allergènes à déclarer.",
        sold_out: "Épuisé",
        menu_coming: "Le menu arrive bientôt.",
        order_until: "Commande à emporter possible jusqu'à",
        order_button: "Commander à emporter",
        orders_closed: "Les commandes à emporter sont closes pour ce service.",
        summary_title: "Au menu du restaurant",
        see_menus: "Voir les menus et commander",
        order_title: "Commander à emporter",
        back_to_menus: "← Retour aux menus",
        step_dishes: "1. Vos plats",
        quantity_hint: "Indiquez le nombre de chaque plat (10 au plus par plat).",
        step_window: "2. L'heure de retrait",
        step_contact: "3. Vos coordonnées",
        name_label: "Nom",
        phone_label: "Téléphone",
        phone_hint: "Pour vous prévenir en cas de problème. Exemple : 06 12 34 56 78",
        confirm_order: "Valider la commande",
        window_full: "complet",
        your_order: "Votre commande",
        cancelled_notice: "Cette commande est annulée.",
        restore_button: "Finalement, je garde ma commande",
        keep_link: "Gardez cette page (ou notez la référence) : elle permet de voir et \
            d'annuler votre commande.",
        cancel_until: "Vous pouvez annuler jusqu'à",
        cancel_button: "Annuler ma commande",
        reference: "Référence",
        status_label: "État",
        pickup: "Retrait",
        total: "Total à payer sur place",
        staff_title: "Déjeuner : services et menus",
        back_to_staff: "← Retour à l'espace équipe",
        kitchen_title: "Vue cuisine",
        services_title: "Services",
        closed_suffix: " (fermé)",
        new_service_date: "Date d'un nouveau service",
        new_service_hint: "Un jour de service configuré ci-dessous ; ses horaires et créneaux \
            sont repris.",
        create_service: "Créer le service",
        days_title: "Jours de service",
        days_intro: "Chaque jour de service donne ses horaires, l'heure limite de commande et \
            les créneaux de retrait aux nouveaux services de ce jour.",
        day_new: "Ajouter un jour de service",
        weekday_label: "Jour",
        starts_label: "Début du service",
        ends_label: "Fin du service",
        cutoff_label: "Heure limite de commande (le matin même)",
        window_minutes_label: "Durée d'un créneau de retrait (minutes)",
        window_capacity_label: "Commandes par créneau au plus",
        day_active: "Service assuré ce jour-là",
        service_title: "Service",
        back_to_lunch_staff: "← Retour aux services",
        settings_title: "Réglages du service",
        cutoff_datetime_label: "Heure limite de commande",
        service_open: "Service ouvert au public",
        windows_title: "Créneaux de retrait",
        capacity_label: "Commandes au plus",
        window_open: "Ouvert",
        menu_title: "Menu",
        delete_dish: "Retirer ce plat",
        dish_new: "Ajouter un plat",
        copy_title: "Reprendre le menu d'un autre service",
        copy_from: "Service à copier",
        copy_button: "Copier ce menu",
        course_label: "Catégorie",
        dish_name_label: "Plat",
        description_label: "Description courte",
        price_label: "Prix en euros (ex. : 8,50)",
        portions_label: "Portions prévues",
        labels_label: "Étiquettes, séparées par des virgules (ex. : végétarien)",
        add_dish: "Ajouter le plat",
        other_services: "Autres services",
        csv_download: "Télécharger les commandes (CSV)",
        to_prepare: "À préparer",
        count_ordered: "Commandé",
        totals_title: "Totaux du service",
        total_orders: "Commandes",
        total_portions: "Portions",
        total_collected: "Commandes récupérées",
        total_takings: "Montant",
        orders_by_window: "Commandes par créneau",
        no_order: "Aucune commande.",
        mark_ready: "Prête",
        mark_collected: "Récupérée",
        undo_collected: "Pas encore récupérée (annuler)",
        windows_without_orders: "Créneaux sans commande",
        allergen: |code| match code {
            "gluten" => "Gluten",
            "crustaces" => "Crustacés",
            "oeufs" => "Œufs",
            "poissons" => "Poissons",
            "arachides" => "Arachides",
            "soja" => "Soja",
            "lait" => "Lait",
            "fruits_a_coque" => "Fruits à coque",
            "celeri" => "Céleri",
            "moutarde" => "Moutarde",
            "sesame" => "Graines de sésame",
            "sulfites" => "Sulfites",
            "lupin" => "Lupin",
            "mollusques" => "Mollusques",
            _ => "Allergène",
        },
        course: |code| match code {
            "entree" => "Entrée",
            "plat" => "Plat",
            "dessert" => "Dessert",
            "boisson" => "Boisson",
            _ => "Autre",
        },
        status: |code| match code {
            "placed" => "Commandée",
            "ready" => "Prête",
            "collected" => "Récupérée",
            "cancelled" => "Annulée",
            _ => "Inconnu",
        },
        portions_left: |n| match n {
            1 => "Dernière portion".to_owned(),
            n => format!("{n} portions restantes"),
        },
        places_left: |n| match n {
            1 => "1 place".to_owned(),
            n => format!("{n} places"),
        },
        booked: |n| match n {
            0 | 1 => format!("{n} commande"),
            n => format!("{n} commandes"),
        },
        ordered_of: |ordered, portions| format!("{ordered} commandé(s) sur {portions}"),
        csv_columns: [
            "Créneau",
            "Référence",
            "Nom",
            "Téléphone",
            "État",
            "Plats",
            "Portions",
            "Total (€)",
        ],
    },
    planning: Planning {
        my_title: "Mon planning",
        planning_of: "Planning",
        back_to_week: "← Planning de la semaine",
        back_to_staff: "← Espace équipe",
        back_to_planning: "← Retour au planning",
        updated_at: |day, time| format!("Mis à jour le {day} à {time}"),
        absence_sent: "Votre absence est envoyée à l'équipe. Elle reste « en attente » jusqu'à sa réponse.",
        presence_confirmed_notice: "Merci ! Votre présence est confirmée.",
        feed_revoked: "Le lien d'agenda est arrêté : il ne marche plus.",
        no_shift: "Aucun créneau prévu pour vous cette semaine ni la suivante.",
        today: "Aujourd'hui",
        place_label: "Lieu",
        place_hint: "Par exemple : cuisine du centre social",
        attended: "✔ Présent·e",
        absence_pending: "⏳ Absence en attente de réponse",
        absence_approved: "Absence acceptée",
        absent: "Absent·e",
        absence_refused: "Absence refusée : vous êtes attendu·e",
        presence_confirmed: "✔ Présence confirmée",
        reason: |reason| match reason {
            "sick" => "Malade",
            "medical" => "Rendez-vous médical",
            "family" => "Enfant ou famille",
            "transport" => "Problème de transport",
            "paperwork" => "Démarche administrative",
            _ => "Autre raison",
        },
        confirm_button: "Je serai là",
        absence_button: "Je ne pourrai pas venir",
        absence_queued: "Absence",
        reason_label: "Pourquoi ?",
        details_label: "Un mot pour l'équipe (facultatif)",
        absence_send: "Prévenir l'équipe",
        feed_title: "Mon planning dans mon agenda",
        feed_intro: "Un lien privé à ajouter dans l'agenda de votre téléphone (Google, Apple) : vos créneaux y apparaissent tout seuls.",
        feed_since: |day| format!("Un lien d'agenda existe depuis le {day}."),
        feed_reissue: "Nouveau lien (l'ancien s'arrête)",
        feed_create: "Créer mon lien d'agenda",
        feed_revoke: "Arrêter le lien",
        feed_ready: "Votre lien d'agenda est prêt.",
        feed_how: "Touchez « S'abonner » sur votre téléphone, ou copiez le lien dans votre agenda (Google Agenda : « Autres agendas », « À partir de l'URL »).",
        feed_subscribe: "S'abonner dans mon agenda",
        feed_copy: "Copier le lien",
        feed_copied: "Lien copié.",
        feed_private: "Ce lien est privé : ne le partagez pas. Il n'est montré qu'une fois ; en cas de perte, créez-en un nouveau.",
        week_title: "Planning de la semaine",
        no_shift_day: "Aucun créneau.",
        filled_of: |filled, places| format!("{filled} / {places} places"),
        missing: |n| {
            if n == 1 {
                "il manque 1 personne".to_owned()
            } else {
                format!("il manque {n} personnes")
            }
        },
        week_of: |day| format!("Planning · semaine du {day}"),
        week_nav: "Changer de semaine",
        previous_week: "← Semaine d'avant",
        this_week: "Cette semaine",
        next_week: "Semaine d'après →",
        absences_link: |n| {
            if n == 0 {
                "Absences déclarées".to_owned()
            } else {
                format!("Absences à traiter ({n})")
            }
        },
        hours_title: "Heures et présences",
        sectors_title: "Secteurs",
        week_copied: "La semaine est copiée : voici la semaine suivante.",
        shift_deleted: "Le créneau est supprimé.",
        week_summary: |shifts, gaps| match (shifts, gaps) {
            (0, _) => "Aucun créneau cette semaine.".to_owned(),
            (s, 0) => format!("{s} créneau(x), tous complets."),
            (s, g) => format!("{s} créneau(x) ; il manque {g} personne(s) au total."),
        },
        new_shift: "Créer un créneau",
        sector_label: "Secteur",
        day_label: "Jour",
        starts_label: "Début",
        ends_label: "Fin",
        places_label: "Nombre de personnes",
        note_label: "Note (facultatif)",
        create_shift: "Créer le créneau",
        copy_week: "Copier cette semaine sur la semaine suivante",
        shift_title: "Créneau",
        shift_created: "Le créneau est créé. Inscrivez maintenant les personnes.",
        person_assigned: "La personne est inscrite sur ce créneau.",
        people_title: "Personnes inscrites",
        nobody: "Personne pour l'instant.",
        absence_status: |status| match status {
            "pending" => "Absence en attente",
            "approved" => "Absence acceptée",
            _ => "Absence refusée",
        },
        attendance_label: "Présence",
        attendance: |value| match value {
            "attended" => "Présent·e",
            "excused" => "Absent·e excusé·e",
            _ => "Absent·e non excusé·e",
        },
        unassign: "Retirer du créneau",
        assign_title: "Inscrire quelqu'un",
        no_candidate: "Toutes les personnes actives sont déjà inscrites.",
        person_label: "Personne",
        assign_button: "Inscrire",
        edit_title: "Modifier le créneau",
        delete_shift: "Supprimer le créneau",
        absences_title: "Absences déclarées",
        absence_decided: "Réponse enregistrée : la personne la voit dans son planning.",
        no_pending: "Aucune absence en attente.",
        declared_on: |at| format!("Déclarée le {at}"),
        approve: "Accepter",
        refuse: "Refuser",
        decided_title: "Décidées récemment",
        month_nav: "Changer de mois",
        previous_month: "← Mois d'avant",
        next_month: "Mois d'après →",
        hours_intro: "Pour le suivi des contrats : heures prévues (créneaux inscrits), heures faites (présences pointées) et absences, par personne.",
        export_csv: "Télécharger pour Excel (CSV)",
        no_hours: "Aucun créneau ce mois-ci.",
        hours_columns: [
            "Mois",
            "Personne",
            "Créneaux",
            "Heures prévues",
            "Heures faites",
            "Heures faites (décimal)",
            "Absences excusées",
            "Absences non excusées",
            "À pointer",
        ],
        pictogram_label: "Pictogramme",
        pictogram_name: |key| match key {
            "cook" => "poêle",
            "plate" => "assiette",
            "thread" => "fil",
            "bell" => "sonnette",
            "hammer" => "marteau",
            "shirt" => "tee-shirt",
            "box" => "carton",
            "broom" => "balai",
            "leaf" => "plante",
            "computer" => "ordinateur",
            _ => "étoile",
        },
        inactive: "inactif",
        sector_name_label: "Nom du secteur",
        sector_active: "Actif (proposé pour les nouveaux créneaux)",
        new_sector: "Ajouter un secteur",
        add_sector: "Ajouter",
        planning_and_calendar: "Son planning et son lien d'agenda",
        staff_link: "Planning des participants",
    },
    catering: Catering {
        title: "Demander un devis traiteur",
        request_title: "Votre demande de devis traiteur",
        staff_title: "Traiteur : demandes de devis",
        step_organisation: "1. Votre organisation",
        organisation: "Nom de l'entreprise ou de l'organisation",
        siret: "SIRET (facultatif)",
        siret_hint: "14 chiffres, sur vos factures ou sur annuaire-entreprises.data.gouv.fr.",
        contact_name: "Votre nom",
        email: "E-mail",
        phone: "Téléphone",
        step_event: "2. Votre événement",
        event_day: "Date",
        event_time: "Heure du repas",
        covers: "Nombre de couverts",
        covers_short: "couverts",
        formula: "Formule",
        choose: "Choisissez…",
        place: "Lieu",
        place_here: "Chez nous, à Blanchemaille",
        place_address: "À une autre adresse",
        address: "Adresse de l'événement",
        address_hint: "Seulement si ce n'est pas à Blanchemaille.",
        budget: "Budget par personne, en euros (facultatif)",
        budget_hint: "Par exemple : 15 ou 18,50.",
        step_food: "3. Les repas",
        diets_hint: "Combien de personnes pour chaque régime ? Laissez 0 si personne.",
        diets_title: "Régimes",
        allergens: "Allergènes à éviter",
        message: "Message (facultatif)",
        consent: "J'accepte que Coop'Manau garde ces informations pour préparer le devis (voir « Vos données »).",
        send: "Envoyer la demande",
        sent_title: "Demande envoyée.",
        sent_body: "Nous vous répondons par e-mail ou par téléphone, en général sous 3 jours ouvrés. Gardez ce lien : il montre votre demande et, plus tard, le devis.",
        reference: "Référence",
        keep_link: "Gardez ce lien : c'est le seul moyen de revoir votre demande.",
        cancel: "Retirer ma demande",
        requests_title: "Demandes reçues",
        no_request: "Aucune demande pour l'instant.",
        received: "reçue le",
        details: "Tout voir",
        rules_title: "Règles du formulaire",
        min_covers: "Nombre minimum de couverts",
        lead_days: "Délai minimum, en jours",
        formulas_title: "Formules proposées",
        formula_off: "masquée",
        formula_hide: "Masquer",
        formula_show: "Proposer à nouveau",
        formula_new: "Nouvelle formule",
        formula_add: "Ajouter la formule",
        intro: |min| {
            format!(
                "Repas, buffets et cocktails pour les entreprises et les organisations, à partir \
                 de {min} couverts, cuisinés par les salariés en insertion de Coop'Manau. \
                 Décrivez votre événement : nous vous envoyons un devis."
            )
        },
        event_day_hint: |days| format!("Au moins {days} jours à l'avance."),
        covers_hint: |min| format!("À partir de {min} couverts."),
        diet: |field| match field {
            "vegetarian" => "Végétarien",
            "vegan" => "Végétalien (vegan)",
            "no_pork" => "Sans porc",
            "gluten_free" => "Sans gluten",
            _ => "Autre",
        },
        status: |status| match status {
            "requested" => "Reçue : nous préparons votre devis.",
            "cancelled" => "Retirée.",
            "declined" => "Nous ne pouvons pas y répondre.",
            _ => "",
        },
    },
    made_to_order: MadeToOrder {
        title: "Demander un devis sur mesure",
        intro: "Nos ateliers fabriquent pour vous : prototypes et petites séries textiles, \
            broderie numérique, meubles et objets en bois de palette. Décrivez votre projet, \
            nous vous répondons avec un devis.",
        request_title: "Votre demande sur mesure",
        staff_title: "Sur mesure : demandes et fabrications",
        step_project: "1. Votre projet",
        kind: "Type de travail",
        description: "Décrivez ce que vous voulez",
        description_hint: "Matière, taille, couleur, usage… tout ce qui nous aide à chiffrer.",
        quantity: "Quantité",
        wished_day: "Date souhaitée (facultatif)",
        budget: "Budget total, en euros (facultatif)",
        photos: "Photos ou croquis (facultatif)",
        step_contact: "2. Vous",
        organisation: "Entreprise ou organisation (facultatif)",
        organisation_hint: "Laissez vide si vous demandez pour vous-même.",
        consent: "J'accepte que Coop'Manau garde ces informations pour préparer le devis (voir « Vos données »).",
        send: "Envoyer ma demande",
        sent_body: "Nous étudions votre projet et vous envoyons un devis sur cette page. Gardez-la.",
        no_date: "Pas de date souhaitée",
        pieces: "pièce(s)",
        job_title: "Fabrication",
        back_to_list: "← Toutes les demandes sur mesure",
        lead_days: "Délai minimum avant la date souhaitée (jours)",
        photo_alt: "Photo envoyée avec la demande",
        kind_name: |kind| match kind {
            "prototype" => "Prototype textile",
            "mini_series" => "Petite série textile",
            "embroidery" => "Broderie numérique",
            "pallet" => "Meuble ou objet en palette",
            _ => "Autre",
        },
        wished_day_hint: |days| {
            format!("Au moins {days} jours à l'avance. Laissez vide si vous n'avez pas de date.")
        },
        photos_hint: |n| format!("{n} photos au plus, 8 Mo chacune (JPEG, PNG ou WebP)."),
        photos_kept: |n| {
            match n {
            1 => "✓ 1 photo déjà reçue : elle sera jointe à la demande. En choisir d'autres la remplace.".into(),
            n => format!("✓ {n} photos déjà reçues : elles seront jointes à la demande. En choisir d'autres les remplace."),
        }
        },
        step: |step| match step {
            crate::made_to_order::Step::ToStart => "À lancer",
            crate::made_to_order::Step::InProduction => "En fabrication",
            crate::made_to_order::Step::Ready => "Prêt",
            crate::made_to_order::Step::Delivered => "Livré",
        },
        advance: |step| match step {
            crate::made_to_order::Step::ToStart => "À lancer",
            crate::made_to_order::Step::InProduction => "Lancer la fabrication",
            crate::made_to_order::Step::Ready => "Marquer prêt",
            crate::made_to_order::Step::Delivered => "Marquer livré",
        },
    },
    organisations: Organisations {
        title: "Organisations clientes",
        kind: "Type",
        name: "Nom",
        orders: "Commandes depuis le début",
        orders_last_year: "Sur 12 mois",
        regular: "Régulière",
        new_title: "Ajouter une organisation",
        rule_title: "Organisation régulière",
        rule_label: "Nombre de commandes sur 12 mois pour être « régulière »",
        back: "← Toutes les organisations",
        history_title: "Historique",
        no_history: "Rien encore.",
        counted: "Compte comme commande",
        contacts_title: "Personnes à contacter",
        remove_contact: "Retirer",
        requesters: "Ont écrit les demandes :",
        add_contact: "Ajouter une personne",
        role: "Fonction (facultatif)",
        edit_title: "Modifier",
        kind_name: |kind| match kind {
            "company" => "Entreprise",
            "association" => "Association",
            "school" => "École",
            "public_body" => "Organisme public",
            _ => "Autre",
        },
        counts: |clients, regular| {
            format!("{clients} organisations clientes, dont {regular} régulières")
        },
        counts_rule: |n| {
            format!(
                "Cliente : au moins une commande (devis traiteur ou sur mesure accepté, retouche, \
             opération ourlets). Régulière : au moins {n} commandes sur les 12 derniers mois."
            )
        },
        orders_line: |all, year| format!("{all} commande(s) depuis le début, {year} sur 12 mois"),
        capability: |c| match c {
            "catering" => "Traiteur",
            "made_to_order" => "Sur mesure",
            "alteration" => "Retouche",
            _ => "Opération ourlets",
        },
        history_status: |s| match s {
            "requested" => "demandée",
            "draft" => "devis en préparation",
            "sent" => "devis envoyé",
            "accepted" => "accepté",
            "declined" => "refusé",
            "expired" => "devis expiré",
            "cancelled" => "annulée",
            "superseded" => "remplacé",
            "open" => "ouverte",
            "closed" => "fermée",
            "collected" => "récupérée",
            "ready" => "prête",
            "in_progress" => "en cours",
            "dropped_off" => "déposée",
            _ => "en cours",
        },
    },
    pathway: PathwayTexts {
        title: "Parcours",
        list_title: "Parcours des participants",
        staff_only: "Seule l'équipe voit ces pages. Chaque changement est inscrit au journal.",
        back: "← Tous les parcours",
        account_link: "Compte et coordonnées",
        person: "Personne",
        entry: "Date d'entrée",
        entry_title: "Entrée",
        no_entry: "Entrée à saisir",
        characteristics: "À l'entrée (ce que demandent les financeurs)",
        contract: "Contrat",
        contracts_title: "Contrats",
        contract_add: "Ajouter un contrat",
        contract_label: "Précision (obligatoire pour « Autre »)",
        start: "Début",
        end: "Fin (facultatif)",
        ongoing: "en cours",
        weekly_hours: "Heures par semaine (ex. : 26 ou 20,5)",
        week: "semaine",
        hours_worked: "Heures travaillées (planning, présences) :",
        sectors: "Secteurs :",
        work_title: "Travail",
        steps_title: "Formations et immersions",
        step_add: "Ajouter une formation ou une immersion",
        step_kind_label: "Type",
        step_title: "Intitulé",
        step_organisation: "Organisme ou entreprise (facultatif)",
        obstacles_title: "Freins travaillés",
        obstacles_hint: "Cochez ce qui est travaillé en ce moment (pas de données de santé).",
        obstacle_new: "Nouveau frein",
        obstacle_add: "Ajouter",
        exit: "Sortie",
        exit_title: "Sortie",
        exit_day: "Date de sortie",
        exit_record: "Enregistrer la sortie",
        exit_cancel: "Annuler la sortie (le parcours continue)",
        none_yet: "Rien encore.",
        remove: "Retirer",
        characteristic: |c| match c {
            "woman" => "Femme",
            "under_26" => "Moins de 26 ans",
            "over_50" => "50 ans et plus",
            "rsa" => "Bénéficiaire du RSA",
            "long_term_jobseeker" => "Demandeur d'emploi de longue durée",
            "rqth" => "RQTH",
            "qpv" => "Habite un quartier prioritaire (QPV)",
            _ => "Autre",
        },
        contract_kind: |k| match k {
            "cape" => "CAPE (avec la CAE)",
            "cddi" => "CDDI",
            _ => "Autre contrat",
        },
        step_kind: |k| match k {
            "training" => "Formation",
            _ => "Immersion (PMSMP)",
        },
        outcome: |o| match o {
            "cdi" => "CDI",
            "cdd_long" => "CDD ou intérim de 6 mois ou plus",
            "business_creation" => "Création d'entreprise",
            "cdd_short" => "CDD ou intérim de moins de 6 mois",
            "subsidised" => "Contrat aidé",
            "training" => "Formation qualifiante",
            "other_inclusion" => "Autre structure d'insertion",
            _ => "Autre sortie",
        },
        category: |c| match c {
            crate::pathway::ExitCategory::Sustainable => "Emploi durable",
            crate::pathway::ExitCategory::Transition => "Emploi de transition",
            crate::pathway::ExitCategory::Positive => "Sortie positive",
            crate::pathway::ExitCategory::Other => "Autres sorties",
        },
    },
    figures: FiguresTexts {
        title: "Chiffres clés",
        periods: "Période",
        this_year: "Cette année",
        last_year: "L'an dernier",
        since_start: "Depuis le début",
        from: "Du",
        to: "Au",
        show: "Afficher",
        people_title: "Les personnes accompagnées",
        public_title: "Le public à l'entrée",
        public_hint: "Parmi les personnes accompagnées sur la période, cochées par l'équipe à l'entrée.",
        activity_title: "L'activité",
        monthly_title: "Mois par mois",
        month: "Mois",
        download_csv: "Télécharger (CSV pour Excel)",
        print_hint: "Imprimer la page donne un rapport A4 pour un financeur.",
        opening_title: "Chiffres d'avant l'application",
        opening_hint: "Saisis une fois : ils s'ajoutent aux chiffres « depuis le début ».",
        as_of: "L'application compte à partir du",
        csv_columns: ["Partie", "Chiffre", "Valeur", "Période"],
        quarter: |q, year| format!("T{q} {year}"),
        period_heading: |from, to| format!("Du {from} au {to}"),
        since_start_heading: |_| "Depuis le début".to_owned(),
        opening_note: |as_of| {
            format!(
                "Avant le {as_of} : les chiffres saisis par l'équipe ; depuis : comptés par l'application."
            )
        },
        label: |key| match key {
            "accompanied" => "Personnes accompagnées",
            "entries" => "Entrées",
            "cape" => "Personnes en contrat CAPE",
            "exits" => "Sorties",
            "exits_sustainable" => "Sorties en emploi durable",
            "exits_transition" => "Sorties en emploi de transition",
            "exits_positive" => "Sorties positives",
            "exits_other" => "Autres sorties",
            "exits_opening" => "Sorties dynamiques d'avant l'application",
            "dynamic_exits" => "Sorties dynamiques",
            "dynamic_rate" => "Taux de sorties dynamiques",
            "hours" => "Heures travaillées",
            "fte" => "Équivalents temps plein",
            "average_length" => "Durée moyenne d'un parcours",
            "woman" => "Femmes",
            "under_26" => "Moins de 26 ans",
            "over_50" => "50 ans et plus",
            "rsa" => "Bénéficiaires du RSA",
            "long_term_jobseeker" => "Demandeurs d'emploi de longue durée",
            "rqth" => "RQTH",
            "qpv" => "Habitants d'un QPV",
            "alterations_done" => "Retouches faites",
            "hem_students" => "Élèves reçus (opérations ourlets)",
            "hem_garments" => "Vêtements des opérations ourlets",
            "restaurant_services" => "Services du restaurant",
            "meals_served" => "Repas servis",
            "catering_events" => "Prestations traiteur",
            "catering_covers" => "Couverts traiteur",
            "made_to_order_jobs" => "Travaux sur mesure",
            "client_organisations" => "Organisations clientes",
            "regular_organisations" => "Organisations clientes régulières",
            _ => "Autre",
        },
        definition: |key| match key {
            "accompanied" => {
                "Participants dont le parcours touche la période : entrés avant sa fin, sortis après son début (ou pas sortis)."
            }
            "entries" => "Parcours dont la date d'entrée est dans la période.",
            "cape" => "Personnes ayant eu un contrat CAPE en cours pendant la période.",
            "exits" => "Parcours dont la date de sortie est dans la période.",
            "exits_sustainable" => "CDI, CDD ou intérim de 6 mois ou plus, création d'entreprise.",
            "exits_transition" => "CDD ou intérim de moins de 6 mois, contrat aidé.",
            "exits_positive" => "Formation qualifiante, autre structure d'insertion.",
            "exits_other" => "Toutes les autres sorties.",
            "exits_opening" => "Saisies par l'équipe pour la période d'avant l'application.",
            "dynamic_rate" => {
                "Sorties en emploi durable, de transition et positives, divisées par toutes les sorties."
            }
            "hours" => {
                "Durée des créneaux du planning où la présence est notée, commencés dans la période."
            }
            "fte" => {
                "Heures travaillées divisées par 1 607 heures par an, au prorata des jours écoulés de la période."
            }
            "average_length" => {
                "De l'entrée à la sortie, pour les sorties de la période (mois de 30,4 jours)."
            }
            "woman" | "under_26" | "over_50" | "rsa" | "long_term_jobseeker" | "rqth" | "qpv" => {
                "Parmi les personnes accompagnées, case cochée à l'entrée."
            }
            "alterations_done" => {
                "Demandes de retouche dont les vêtements ont été récupérés dans la période."
            }
            "hem_students" => {
                "Réservations des opérations ourlets venues à leur créneau dans la période."
            }
            "hem_garments" => "Vêtements de ces réservations.",
            "restaurant_services" => {
                "Jours de restaurant de la période avec au moins une commande non annulée."
            }
            "meals_served" => "Portions des commandes non annulées de ces services.",
            "catering_events" => {
                "Demandes traiteur au devis accepté dont la date est dans la période."
            }
            "catering_covers" => "Couverts de ces prestations.",
            "made_to_order_jobs" => "Devis sur mesure acceptés dans la période.",
            "client_organisations" => {
                "Organisations avec au moins une commande dans la période (devis accepté, retouche, opération ourlets)."
            }
            "regular_organisations" => {
                "Organisations avec au moins le nombre de commandes fixé par l'équipe sur les 12 mois avant la fin de la période."
            }
            _ => "",
        },
        unit: |unit| match unit {
            "hours" => " h",
            "hundredths" => " ETP",
            "months" => " mois",
            _ => "",
        },
    },
    inbox: InboxTexts {
        sector: "Secteur",
        all_sectors: "Tous",
        for_me: "Ce que j'ai pris",
        filter: "Filtrer",
        empty: "Rien à faire pour le moment.",
        take: "Je m'en occupe",
        leave: "Je laisse",
        all_pages: "Toutes les pages",
        title: |n| match n {
            0 => "À faire".to_owned(),
            n => format!("À faire ({n})"),
        },
        sector_name: |s| match s {
            "textile" => "Textile et conciergerie",
            _ => "Alimentation",
        },
        kind: |k| match k {
            "alteration_to_answer" => "Retouche à accepter ou refuser",
            "dropoff_today" => "Dépôt prévu aujourd'hui",
            "pickup_waiting" => "Retouche prête à récupérer",
            "absence_to_decide" => "Absence à valider",
            "catering_to_quote" => "Traiteur : devis à faire",
            "made_to_order_to_quote" => "Sur mesure : devis à faire",
            "quote_waiting" => "Devis sans réponse depuis plus de 7 jours",
            "lunch_to_prepare" => "Commandes à préparer",
            "hem_day_today" => "Opération ourlets aujourd'hui",
            "shift_missing_people" => "Créneau où il manque du monde",
            "attendance_to_mark" => "Présences à noter",
            _ => "À faire",
        },
        count: |k, n| match k {
            "catering_to_quote" => format!("{n} couverts"),
            "made_to_order_to_quote" => format!("{n} pièce(s)"),
            "lunch_to_prepare" => format!("{n} commande(s)"),
            "hem_day_today" => format!("{n} réservation(s)"),
            "shift_missing_people" => format!("{n} place(s) libre(s)"),
            "attendance_to_mark" => format!("{n} personne(s)"),
            _ => n.to_string(),
        },
        since: |at| format!("Depuis le {at}"),
        taken_by: |name| format!("pris par {name}"),
    },
    counter: CounterTexts {
        title: "Au guichet",
        intro: "Pour la personne venue à la coopérative sans smartphone : prenez sa demande avec \
            les formulaires du site, aux mêmes règles et places, puis imprimez son ticket.",
        on: "Mode guichet : les demandes sont prises pour la personne au guichet, puis le ticket s'affiche.",
        off: "Le mode guichet est arrêté sur ce navigateur.",
        start: "Commencer au guichet",
        stop: "Arrêter le mode guichet",
        ticket_title: "Ticket",
        print_hint: "Imprimez ce ticket (menu du navigateur, « Imprimer ») et donnez-le à la personne.",
        price: "Prix :",
        from: "à partir de",
        hours: "Horaires :",
        qr_label: "Code QR du lien de suivi",
        next: "Personne suivante",
        take: |kind| match kind {
            crate::counter::Kind::Alteration => "Une retouche",
            crate::counter::Kind::Lunch => "Un déjeuner",
            crate::counter::Kind::Hem => "Un créneau ourlets",
        },
        kind_name: |kind| match kind {
            crate::counter::Kind::Alteration => "Retouche",
            crate::counter::Kind::Lunch => "Déjeuner",
            crate::counter::Kind::Hem => "Opération ourlets",
        },
        when: |kind| match kind {
            crate::counter::Kind::Alteration => "Dépôt :",
            crate::counter::Kind::Lunch => "Retrait :",
            crate::counter::Kind::Hem => "Rendez-vous :",
        },
    },
    quotes: Quotes {
        document_title: "Devis",
        version: "Version",
        issued_on: "Établi le",
        valid_until: "Valable jusqu'au",
        client: "Client",
        attention_of: "À l'attention de",
        service: "Prestation",
        lines_caption: "Les lignes du devis",
        designation: "Désignation",
        quantity: "Quantité",
        unit_price: "Prix unitaire HT",
        vat: "TVA",
        amount: "Montant HT",
        total_lines: "Total HT",
        discount: "Remise",
        total_net: "Total HT après remise",
        total_gross: "Total TTC",
        deposit: "Acompte à la commande",
        balance: "Reste à payer",
        payment_terms: "Conditions de paiement :",
        recovery_indemnity: "Pour les professionnels, tout retard de paiement entraîne une indemnité forfaitaire pour frais de recouvrement de 40 € (art. L441-10 et D441-5 du code de commerce).",
        agreement_title: "Bon pour accord",
        agreement_hint: "Date, nom, signature, et la mention « Bon pour accord ».",
        agreement_fields: "Date : ……………  Nom : ……………………  Signature :",
        your_quotes: "Vos devis",
        back_to_request: "Retour à la demande",
        print_hint: "Pour un PDF : Imprimer, puis « Enregistrer au format PDF ».",
        accept_title: "Accepter ce devis",
        accept_name: "Votre nom",
        accept_confirm: "Bon pour accord : j'accepte ce devis au nom de mon organisation",
        accept_button: "Accepter le devis",
        decline_title: "Ou refuser ce devis",
        decline_reason: "Pourquoi ? (facultatif)",
        decline_button: "Refuser le devis",
        staff_title: "Devis",
        back_to_list: "Retour aux demandes",
        seller_incomplete: "Les mentions du vendeur sont incomplètes (SIRET, TVA…) : complétez-les sur la page Traiteur avant d'envoyer un devis.",
        new_quote: "Préparer un devis",
        revise: "Réviser (nouvelle version)",
        draft_title: "Brouillon",
        remove_line: "Retirer",
        add_line: "Ajouter la ligne",
        quantity_hint: "Par exemple 25, ou 2,5 pour des heures.",
        unit: "Unité (facultatif)",
        unit_hint: "couverts, heures, pièces…",
        unit_price_label: "Prix unitaire HT, en euros",
        terms_title: "Conditions",
        valid_until_label: "Valable jusqu'au",
        discount_label: "Remise, en % (facultatif)",
        deposit_label: "Acompte, en euros (facultatif)",
        preview: "Voir et imprimer",
        send: "Envoyer le devis au client",
        versions_title: "Devis envoyés",
        record_title: "Enregistrer une réponse reçue ou annuler",
        record_answer: "Réponse",
        record_accept: "Accepté",
        record_decline: "Refusé",
        record_channel: "Reçue par",
        record_name: "Nom de la personne (pour un accord)",
        record_button: "Enregistrer la réponse",
        cancel: "Annuler ce devis",
        seller_title: "Mentions des devis",
        seller_hint: "Elles figurent sur chaque devis. Un devis ne part pas sans elles.",
        seller_name: "Nom du vendeur",
        legal_form: "Forme juridique",
        seller_address: "Adresse",
        seller_siret: "SIRET",
        vat_note: "TVA",
        vat_note_hint: "Par exemple : « TVA non applicable, art. 293 B du CGI » ou votre numéro de TVA.",
        penalty_rate: "Taux des pénalités de retard",
        quotes_link: "Devis",
        download_pdf: "Télécharger le devis (PDF)",
        vat_line: |rate, base| format!("TVA {rate} sur {base}"),
        penalties: |rate| {
            format!("Pénalités de retard : {rate}, exigibles dès le lendemain de l'échéance.")
        },
        accepted_by: |name, at| format!("Accepté par {name} le {at}."),
        declined_because: |reason| {
            if reason.is_empty() {
                "Refusé.".to_owned()
            } else {
                format!("Refusé : {reason}")
            }
        },
        status: |status| {
            use crate::quotes::Status::*;
            match status {
                Draft => "Brouillon (le client ne le voit pas).",
                Sent => "Envoyé : en attente de réponse.",
                Accepted => "Accepté.",
                Declined => "Refusé.",
                Expired => "Expiré : sa date de validité est passée.",
                Cancelled => "Annulé.",
                Superseded => "Remplacé par une nouvelle version.",
            }
        },
        vat_option: |rate, bp| match bp {
            2000 => format!("{rate} (taux normal)"),
            1000 => format!("{rate} (restauration sur place ou à emporter)"),
            550 => format!("{rate} (produits alimentaires, boissons sans alcool)"),
            210 => format!("{rate} (presse, médicaments remboursables)"),
            _ => "0 % (pas de TVA)".to_owned(),
        },
        channel: |c| match c {
            "purchase_order" => "Bon de commande",
            "phone" => "Téléphone",
            "email" => "E-mail",
            _ => "Lien du devis",
        },
    },
    privacy: Privacy {
        title: "Vos données",
        intro: "Ce que l'application de Coop'Manau garde sur vous, pourquoi, combien de temps, \
            et comment le voir ou l'effacer. Nous ne vendons rien et ne partageons rien : vos \
            données servent seulement à vous rendre le service demandé.",
        controller_title: "Qui en est responsable",
        controller: "Le centre social Alma, pour Coop'Manau, Blanchemaille, Roubaix. Pour toute \
            question, adressez-vous à l'accueil de Coop'Manau ou à la responsable du projet.",
        held_title: "Ce que nous gardons, pourquoi, combien de temps",
        category_name: |c| {
            use crate::privacy::register::Category::*;
            match c {
                PublicContact => "Votre nom, votre téléphone, votre e-mail",
                CompanyContact => "La personne à contacter dans une entreprise",
                GarmentNotes => "Ce que vous écrivez sur vos vêtements",
                Photos => "Les photos de vos vêtements",
                ConnectionKey => "Une clé tirée de votre connexion",
                Account => "Les comptes des participants et de l'équipe",
                Work => "Le planning et les heures de travail",
                Absences => "Les absences",
                Pathway => "Le parcours vers l'emploi",
                SignIn => "Mots de passe et connexions",
                Audit => "Qui a décidé quoi",
            }
        },
        category_why: |c| {
            use crate::privacy::register::Category::*;
            match c {
                PublicContact => {
                    "Pour préparer votre retouche, votre créneau ou votre repas, \
                    et vous prévenir quand c'est prêt."
                }
                CompanyContact => "Pour préparer le devis du traiteur et en parler avec vous.",
                GarmentNotes => "Pour faire la bonne retouche.",
                Photos => "Pour voir le vêtement avant que vous veniez.",
                ConnectionKey => {
                    "Pour qu'une seule connexion ne prenne pas toutes les places. \
                    Ce n'est pas votre adresse, seulement une clé qui en est tirée."
                }
                Account => "Pour se connecter et organiser le travail de chacun.",
                Work => {
                    "Pour le planning, et parce que les heures du contrat (CAPE) doivent \
                    être gardées."
                }
                Absences => "Pour prévenir l'équipe et justifier une absence.",
                Pathway => {
                    "Pour accompagner chacun vers l'emploi et rendre compte aux financeurs \
                    (Ville, Département, programme « 100 % inclusion ») sans nom : seule \
                    l'équipe le voit, aucune donnée de santé n'y est écrite."
                }
                SignIn => "Pour que personne d'autre ne puisse se connecter à votre place.",
                Audit => "Pour savoir qui a pris une décision, en cas de question.",
            }
        },
        category_kept: |c, r| {
            use crate::privacy::register::Category::*;
            let months = |days: u32| match days {
                d if d % 365 == 0 => {
                    format!("{} an{}", d / 365, if d / 365 > 1 { "s" } else { "" })
                }
                d if d % 30 == 0 || d % 30 > 25 => format!("{} mois", d.div_ceil(30)),
                d => format!("{d} jours"),
            };
            match c {
                PublicContact | GarmentNotes | ConnectionKey => format!(
                    "{} après la fin de votre demande, de votre créneau ou du repas, puis effacé.",
                    months(r.public_days)
                ),
                CompanyContact => format!(
                    "{} après notre dernier échange, puis effacé.",
                    months(r.company_days)
                ),
                Photos => format!(
                    "{} après que vous avez récupéré le vêtement, puis effacées.",
                    months(r.photo_days)
                ),
                Account => format!(
                    "Tant que le compte sert. {} sans activité, il est effacé (l'équipe est \
                     prévenue 30 jours avant).",
                    months(r.account_days)
                ),
                Work => "Gardé avec le compte. Quand un compte est effacé, les heures restent \
                    sous un numéro, sans le nom."
                    .to_owned(),
                Absences => "Gardé avec le compte. Quand un compte est effacé, la raison et le \
                    détail sont effacés ; la date reste."
                    .to_owned(),
                Pathway => "Gardé avec le compte. Quand un compte est effacé, le parcours reste \
                    sous un numéro, sans le nom, pour les chiffres des financeurs."
                    .to_owned(),
                SignIn => format!(
                    "Jusqu'à la fin de la connexion, puis {} au plus.",
                    months(r.session_days)
                ),
                Audit => "Gardé pour suivre les décisions. Quand un compte est effacé, il n'y \
                    reste qu'un numéro."
                    .to_owned(),
            }
        },
        columns_label: "Dans la base de données",
        rights_title: "Vos droits, et comment faire",
        rights: [
            "Voir et télécharger : le lien reçu pour votre retouche, votre créneau ou votre \
             commande mène à « Vos données ». Avec un compte : « Mon compte », « Télécharger mes \
             données ».",
            "Effacer : depuis « Vos données » de votre lien. Si c'est encore à venir, c'est \
             d'abord annulé. Pour un compte de participant, demandez à l'équipe.",
            "Corriger : dites-le à l'équipe, à l'accueil ou au téléphone.",
            "Vous opposer ou limiter : dites-le à l'équipe ; nous répondons dans le mois.",
            "Sans lien ni compte (vous avez perdu le lien) : venez à l'accueil avec votre numéro \
             de référence.",
        ],
        complaint: "Si vous n'êtes pas satisfait de notre réponse, vous pouvez vous adresser à \
            la CNIL (www.cnil.fr).",
        your_data_link: "Vos données : les voir, les télécharger, les effacer",
        link_title: "Ce que nous gardons",
        personal_title: "À votre sujet",
        record_title: "Le reste, gardé sans votre nom pour nos chiffres",
        photos: |n| match n {
            0 => "Aucune photo.".to_owned(),
            1 => "1 photo.".to_owned(),
            n => format!("{n} photos."),
        },
        field: |name| match name {
            "name" => "Nom",
            "phone" => "Téléphone",
            "email" => "E-mail",
            "contact" => "Téléphone ou e-mail",
            "note" => "Note sur un vêtement",
            "decline_reason" => "Raison du refus",
            "status" => "État",
            "dropoff_date" => "Jour de dépôt",
            "estimated_cents" => "Prix estimé (centimes)",
            "confirmed_cents" => "Prix confirmé (centimes)",
            "partner" => "Entreprise partenaire",
            "garment" => "Vêtement",
            "campaign" => "Opération",
            "slot" => "Créneau",
            "group" => "Classe",
            "garments" => "Nombre de vêtements",
            "attendance" => "Présence",
            "service_day" => "Jour du repas",
            "pickup" => "Heure de retrait",
            "dish" => "Plat",
            "total_cents" => "Total (centimes)",
            "message" => "Message",
            "organisation" => "Organisation",
            "event_day" => "Date et heure",
            "covers" => "Couverts",
            "formula" => "Formule",
            "address" => "Adresse",
            "made_to_order_kind" => "Type de travail",
            "quantity" => "Quantité",
            "wished_day" => "Date souhaitée",
            "description" => "Description",
            _ => "Autre",
        },
        download_json: "Télécharger (fichier JSON)",
        erase_title: "Effacer mes données",
        erase_explain: "Votre nom, votre téléphone, votre e-mail, vos notes et vos photos seront \
            effacés pour toujours. Le reste est gardé sans votre nom, pour compter ce que fait \
            la coopérative.",
        erase_cancels: "Ce n'est pas encore passé : ce sera d'abord annulé.",
        erase_confirm: "Oui, je veux effacer mes données",
        erase_button: "Effacer",
        erase_wait: "Vous ne pouvez pas effacer tout de suite :",
        erased_notice: |date| format!("Vos données ont été effacées le {date}."),
        back_to_link: "Retour",
        account_download: "Télécharger mes données",
        account_download_hint: "Un fichier JSON avec tout ce que l'application garde sur vous : \
            compte, connexions, créneaux, heures, absences, journal.",
        person_erase_title: "Effacer cette personne",
        person_erase_explain: "À faire quand la personne le demande. Son nom et ses \
            coordonnées sont effacés, ses connexions aussi. Ses créneaux et ses heures restent \
            sous un numéro (ce sont des données du contrat de travail) ; la raison de ses \
            absences est effacée.",
        person_erase_confirm: "Je confirme : la personne l'a demandé",
        person_erase_button: "Effacer cette personne",
        person_erased: |date| format!("Cette personne a été effacée le {date}."),
        deleted_title: "Effacé",
        pseudonymised_title: "Gardé sous un numéro (obligation légale)",
        report_item: |key, n| {
            let what = match key {
                "sessions" => "connexions",
                "invitations" => "invitations",
                "sign_in_attempts" => "connexions en cours",
                "recovery_codes" => "codes de secours",
                "second_factor" => "double authentification",
                "calendar_link" => "lien d'agenda",
                "absence_reasons" => "raisons d'absence",
                "contact_details" => "nom, e-mail, téléphone, mot de passe",
                "account" => "compte",
                "shifts" => "créneaux et heures",
                "audit_entries" => "lignes du journal",
                _ => "autre",
            };
            format!("{what} : {n}")
        },
        staff_accounts_note: "Les comptes de l'équipe sont effacés automatiquement après deux \
            ans sans activité.",
        due_title: "Comptes bientôt effacés",
        due_item: |name, date| format!("{name} : effacé le {date}, faute d'activité"),
        due_hint: "Une connexion ou un créneau travaillé garde le compte.",
        erased_name: "(données effacées)",
    },
    offline: Offline {
        title: "Pas de connexion",
        body: "Cette page n'est pas encore enregistrée sur votre téléphone. Vérifiez votre \
            connexion internet, puis réessayez.",
        retry: "Réessayer",
        waiting_title: "Pas encore envoyé (pas de connexion) :",
        waiting_hint: "Ce sera envoyé tout seul dès que le téléphone aura du réseau. Gardez cette page ouverte ou revenez-y.",
        sending: "Envoi en cours…",
        sent_elsewhere: "Envoyé :",
        dont_send: "Ne pas envoyer",
    },
    not_found: NotFound {
        title: "Page introuvable",
        body: "Cette page n'existe pas ou n'existe plus.",
        back_home: "Retour à l'accueil",
    },
    errors: Errors {
        title: "Un problème est survenu",
        retry_in,
        to_correct: |n| match n {
            1 => "Il y a 1 chose à corriger".to_owned(),
            n => format!("Il y a {n} choses à corriger"),
        },
        message: |key| match key {
            "not_found" => "Introuvable.",
            "unauthorized" => "Veuillez vous connecter.",
            "forbidden" => "Vous n'avez pas accès à cette page.",
            "validation" => "Certaines informations sont à corriger.",
            "bad_request" => "La demande est illisible. Rechargez la page et réessayez.",
            "rate_limited" => "Trop d'essais. Patientez un peu avant de réessayer.",
            "network" => "Pas de connexion au serveur. Réessayez dans un moment.",
            "internal" => "Un problème est survenu de notre côté. Réessayez plus tard.",
            // The disk is full, or every photo decoder is taken: either way, later.
            "unavailable" => {
                "Impossible d'enregistrer pour le moment : le service est très demandé. \
                 Réessayez dans quelques minutes."
            }
            "second_factor_required" => {
                "Activez la double authentification dans Mon compte pour les pages d'administration."
            }
            "second_factor_code_wrong" => {
                "Ce code n'est pas le bon. Vérifiez l'heure du téléphone et tapez le code affiché maintenant."
            }
            "second_factor_already_on" => "La double authentification est déjà activée.",
            "second_factor_admin_required" => {
                "Les administrateurs ne peuvent pas désactiver la double authentification."
            }
            "sign_in_code_expired" => {
                "Cette connexion a expiré. Recommencez avec votre mot de passe."
            }
            "sign_in_code_too_many" => {
                "Trop de codes erronés. Recommencez avec votre mot de passe."
            }
            "locale_unknown" => "Cette langue n'est pas disponible.",
            "sign_in_failed" => "Identifiant ou mot de passe incorrect.",
            "password_too_short" => "Le mot de passe doit faire au moins 8 caractères.",
            "password_too_long" => "Le mot de passe doit faire au plus 128 caractères.",
            "password_common" => "Ce mot de passe est trop courant. Choisissez-en un autre.",
            "sign_in_again" => {
                "Pour choisir un mot de passe, reconnectez-vous d'abord avec votre carte de \
                 connexion (l'équipe peut vous en donner une nouvelle)."
            }
            "password_wrong" => "Le mot de passe actuel est incorrect.",
            "password_mismatch" => "Les deux mots de passe ne sont pas identiques.",
            "name_required" => "Ce champ est obligatoire.",
            "name_too_long" => "60 caractères au plus.",
            "email_invalid" => {
                "Cette adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr)."
            }
            "email_required" => "L'adresse e-mail est obligatoire.",
            "email_taken" => "Cette adresse e-mail est déjà utilisée par un autre compte.",
            "phone_taken" => "Ce numéro est déjà celui d'un autre compte.",
            "phone_invalid" => "Ce numéro n'est pas valide (exemple : 06 12 34 56 78).",
            "sector_unknown" => "Ce secteur n'existe pas.",
            "role_invalid" => "Ce rôle n'est pas possible ici.",
            "person_inactive" => "Ce compte est désactivé.",
            "cannot_change_self" => "Vous ne pouvez pas faire cela sur votre propre compte.",
            "service_unavailable" => {
                "Cette prestation n'est plus proposée. Revenez au choix des retouches."
            }
            "items_required" => "Choisissez au moins une retouche (nombre 1 ou plus).",
            "quantity_invalid" => "Le nombre doit être entre 1 et 20.",
            "note_too_long" => "200 caractères au plus.",
            "photo_too_large" => "Cette photo est trop lourde : 8 Mo au plus.",
            "photo_not_image" => "Ce fichier n'est pas une photo JPEG, PNG ou WebP.",
            "photo_too_many_pixels" => {
                "Cette photo est trop grande en pixels : 50 mégapixels au plus. Envoyez-la en taille réduite."
            }
            "too_many_photos" => "5 photos au plus par demande.",
            "dropoff_day_invalid" => {
                "Choisissez un jour d'ouverture de la conciergerie, aujourd'hui ou plus tard."
            }
            "partner_unknown" => "Ce partenaire n'existe pas.",
            "contact_required" => "Donnez un numéro de téléphone ou une adresse e-mail.",
            "consent_required" => "Cochez cette case pour que nous puissions vous contacter.",
            "text_too_long" => "Ce texte est trop long.",
            "cancel_too_late" => {
                "Vos vêtements sont déjà déposés : la demande ne peut plus être annulée ici. Appelez la conciergerie."
            }
            "transition_not_allowed" => {
                "Cette étape n'est pas possible pour cette demande (elle a peut-être déjà changé : rechargez la page)."
            }
            "price_invalid" => "Prix non valide (exemple : 12,50).",
            "reason_required" => "Donnez un motif : la personne le verra.",
            "shelf_required" => "Indiquez l'étagère.",
            "service_name_invalid" => "Donnez un nom de 80 caractères au plus.",
            "service_name_taken" => "Une prestation porte déjà ce nom.",
            "turnaround_invalid" => "Le délai doit être entre 0 et 60 jours.",
            "partner_name_invalid" => "Donnez un nom de 100 caractères au plus.",
            "partner_name_taken" => "Ce partenaire existe déjà.",
            "hours_invalid" => "Horaire non valide (exemple : 09:00 à 12:30).",
            "hours_overlap" => "Cet horaire chevauche un horaire existant ce jour-là.",
            "date_invalid" => "Cette date n'est pas valide.",
            "date_order" => "Cette date doit venir après la première.",
            "invite_code_format" => "Le code : 8 à 40 lettres, chiffres ou tirets.",
            "invite_code_too_short" => {
                "Le code doit faire au moins 8 lettres ou chiffres (sans compter les tirets) : \
                 un code court se devine."
            }
            "max_garments_invalid" => "Choisissez un nombre entre 1 et 20.",
            "weekdays_required" => "Cochez au moins un jour de la semaine.",
            "time_invalid" => "Cette heure n'est pas valide (exemple : 09:00).",
            "time_order" => "La fin doit venir après le début.",
            "slot_length_invalid" => {
                "La durée doit être de 5 à 480 minutes et tenir dans la journée."
            }
            "capacity_invalid" => "Choisissez un nombre de places entre 0 et 200.",
            "too_many_slots" => "Cela ferait plus de 2000 créneaux. Réduisez les dates.",
            "no_slots" => "Aucun créneau ne correspond à ces jours.",
            "capacity_below_booked" => "Impossible : plus de places sont déjà réservées.",
            "invite_code_wrong" => "Ce code d'invitation n'est pas le bon.",
            "campaign_not_open" => "Les réservations ne sont pas encore ouvertes.",
            "campaign_closed" => "Les réservations sont fermées pour cette campagne.",
            "garments_over_max" => "Trop de vêtements pour une réservation.",
            "garments_invalid" => "Indiquez un nombre de vêtements (1 au moins).",
            "contact_invalid" => {
                "Ce numéro ou cet e-mail n'est pas valide (exemple : 06 12 34 56 78)."
            }
            "slot_required" => "Choisissez un créneau.",
            "slot_closed" => "Ce créneau n'est plus disponible.",
            "slot_unknown" => "Ce créneau n'existe pas.",
            "slot_full" => "Ce créneau est complet. Choisissez-en un autre.",
            "booking_exists" => {
                "Vous avez déjà une réservation pour cette opération : utilisez le lien reçu pour la déplacer."
            }
            "address_share_campaign" => {
                "Trop de réservations ont été faites depuis cette connexion pour cette opération. \
                 Pour un groupe, adressez-vous à l'équipe de Coop'Manau."
            }
            "address_share_lunch" => {
                "4 commandes au plus par connexion pour ce déjeuner. \
                 Pour une commande de groupe, adressez-vous à l'équipe de Coop'Manau."
            }
            "address_share_alterations" => {
                "10 demandes au plus par connexion en 24 heures. \
                 Réessayez demain ou passez à la conciergerie."
            }
            "booking_locked" => "Ce créneau a commencé : la réservation ne peut plus changer.",
            "booking_cancelled" => "Cette réservation est annulée.",
            "attendance_invalid" => "Ce pointage n'existe pas.",
            // Lunch.
            "allergen_unknown" => "Cet allergène n'existe pas dans la liste européenne.",
            "date_past" => "Cette date est passée.",
            "closure_label_invalid" => {
                "Donnez un motif de 80 caractères au plus (il est affiché au public)."
            }
            "closure_order" => "Le dernier jour doit être le premier jour ou après.",
            "closure_too_long" => {
                "Une fermeture dure 3 mois au plus : ajoutez-en une autre pour la suite."
            }
            "restore_too_late" => {
                "Il est trop tard pour revenir sur cette annulation : passez une nouvelle commande."
            }
            "restore_booking_too_late" => {
                "Il est trop tard pour revenir sur cette annulation : réservez un nouveau créneau."
            }
            "restore_slot_taken" => "Ce créneau a été pris entre-temps : réservez-en un autre.",
            "restore_request_too_late" => {
                "Il est trop tard pour revenir sur cette annulation : faites une nouvelle demande."
            }
            "restore_day_gone" => {
                "Ce jour de dépôt n'est plus proposé : faites une nouvelle demande."
            }
            "restore_no_room" => {
                "Les places ou les portions ont été prises entre-temps : passez une nouvelle commande."
            }
            "day_closed" => {
                "Ce jour-là, la coopérative est fermée (jour férié ou fermeture). Choisissez un autre jour."
            }
            "labels_invalid" => "5 étiquettes au plus, de 30 caractères au plus.",
            "dish_quantity_invalid" => "Indiquez un nombre de plats (0 si vous n'en voulez pas).",
            "quantity_max" => "10 portions au plus par plat.",
            "order_empty" => "Choisissez au moins un plat.",
            "weekday_invalid" => "Ce jour n'existe pas.",
            "hours_order" => "La fin du service doit venir après son début.",
            "cutoff_after_start" => "L'heure limite doit être avant le début du service.",
            "window_minutes_range" => "Un créneau dure de 5 à 120 minutes.",
            "capacity_range" => "Entre 0 et 200 commandes.",
            "lunch_day_not_served" => {
                "Le déjeuner n'est pas servi ce jour-là. Ajoutez d'abord ce jour de service."
            }
            "cutoff_invalid" => "Date et heure limites non valables.",
            "cutoff_after_end" => "L'heure limite doit être avant la fin du service.",
            "portions_below_ordered" => "Il y a déjà plus de portions commandées.",
            "dish_has_orders" => {
                "Ce plat a déjà été commandé : il reste au menu. Mettez ses portions à 0."
            }
            "menu_same_service" => "Choisissez un autre service que celui-ci.",
            "menu_empty" => "Ce service n'a aucun plat à copier.",
            "lunch_closed" => "Ce service ne prend pas de commande.",
            "lunch_cutoff_passed" => "L'heure limite de commande est passée pour ce service.",
            "window_required" => "Choisissez une heure de retrait.",
            "sector_required" => "Choisissez un secteur.",
            "places_invalid" => "Indiquez un nombre de personnes entre 1 et 30.",
            "shift_ends_before_start" => "La fin doit venir après le début.",
            "shift_too_long" => "Un créneau dure 12 heures au plus.",
            "month_invalid" => "Ce mois n'est pas valide (exemple : 2026-11).",
            "absence_reason_required" => "Choisissez une raison dans la liste.",
            "sector_name_required" => "Donnez un nom au secteur (2 lettres au moins).",
            "sector_name_taken" => "Un secteur porte déjà ce nom.",
            "pictogram_required" => "Choisissez un pictogramme.",
            "places_below_assigned" => {
                "Il y a plus de personnes inscrites que ce nombre : retirez-en d'abord."
            }
            "shift_has_people" => {
                "Des personnes sont inscrites sur ce créneau : retirez-les d'abord."
            }
            "next_week_not_empty" => {
                "La semaine suivante a déjà des créneaux : rien n'a été copié."
            }
            "week_empty" => "Cette semaine n'a aucun créneau à copier.",
            "participant_inactive" => {
                "Cette personne est désactivée : elle ne peut pas être inscrite."
            }
            "participant_required" => "Choisissez une personne participante.",
            "already_assigned" => "Cette personne est déjà inscrite sur ce créneau.",
            "shift_overlap" => "Cette personne est déjà sur un autre créneau à la même heure.",
            "shift_full" => "Ce créneau est complet.",
            "assignment_attended" => {
                "Cette personne est venue : elle reste inscrite pour ses heures."
            }
            "shift_not_started" => "La présence se note une fois le créneau commencé.",
            "absence_already_decided" => "Cette absence a déjà reçu une réponse.",
            "sent_under_other_account" => {
                "Ceci a été préparé sous un autre compte : ce n'est pas envoyé."
            }
            "shift_over" => "Ce créneau est terminé.",
            "absence_already_declared" => "Une absence est déjà déclarée pour ce créneau.",
            "window_unknown" => "Ce créneau n'existe pas pour ce service.",
            "window_full" => "Ce créneau est complet ou fermé. Choisissez une autre heure.",
            "dish_unknown" => "Ce plat n'est pas au menu de ce service.",
            "dish_sold_out" => {
                "Il ne reste pas assez de portions d'un des plats choisis. Rechargez la page pour voir ce qui reste."
            }
            "order_retry" => "La commande n'a pas pu être enregistrée. Réessayez.",
            "order_not_cancellable" => {
                "Cette commande est déjà prête ou récupérée : elle ne peut plus être annulée."
            }
            "status_invalid" => "État non valable.",
            "order_cancelled" => "Cette commande a été annulée.",
            "order_collected" => "Cette commande est déjà récupérée.",
            "course_invalid" => "Choisissez entrée, plat, dessert ou boisson.",
            "dish_name_invalid" => "Le nom du plat est obligatoire (80 caractères au plus).",
            "description_too_long" => "300 caractères au plus.",
            "portions_invalid" => "Un nombre de portions entre 0 et 500.",
            "siret_invalid" => "Un SIRET a 14 chiffres.",
            "siret_key_wrong" => "Ce SIRET n'existe pas : vérifiez les chiffres.",
            "organisation_required" => "Indiquez le nom de l'organisation.",
            "made_to_order_kind_required" => "Choisissez le type de travail.",
            "description_required" => "Décrivez votre projet en quelques mots.",
            "made_to_order_quantity_invalid" => "Une quantité entre 1 et 100 000.",
            "made_to_order_too_soon" => {
                "Cette date est trop proche : voyez le délai indiqué sous le champ."
            }
            "address_share_made_to_order" => {
                "5 demandes au plus par connexion en 24 heures. Appelez-nous pour les autres."
            }
            "made_to_order_not_cancellable" => "Cette demande a déjà reçu une réponse.",
            "lead_days_range_made_to_order" => "Entre 0 et 180 jours.",
            "job_step_done" => "Ce travail est déjà livré.",
            "job_step_moved" => "Ce travail a déjà changé d'étape : rechargez la page.",
            "erase_made_to_order_under_way" => {
                "Votre commande est en fabrication : nous avons besoin de vous joindre pour la remettre. Effacez vos données après la livraison."
            }
            "organisation_kind_required" => "Choisissez le type d'organisation.",
            "siret_taken" => "Une autre organisation a déjà ce SIRET.",
            "regular_orders_range" => "Entre 1 et 100 commandes.",
            "characteristic_unknown" => "Cochez seulement les cases proposées.",
            "age_both" => "Moins de 26 ans et 50 ans et plus : une seule des deux.",
            "end_before_start" => "La fin est avant le début.",
            "contract_kind_required" => "Choisissez le contrat.",
            "contract_label_required" => "Précisez le contrat.",
            "weekly_hours_invalid" => "Entre 1 et 48 heures par semaine.",
            "step_kind_required" => "Choisissez formation ou immersion.",
            "step_title_required" => "Indiquez l'intitulé (120 caractères au plus).",
            "pathway_entry_first" => "Enregistrez d'abord la date d'entrée.",
            "entry_after_exit" => "L'entrée serait après la sortie.",
            "exit_before_entry" => "La sortie est avant l'entrée.",
            "exit_outcome_required" => "Choisissez la sortie.",
            "obstacle_unknown" => "Ce frein n'est pas dans la liste.",
            "obstacle_name_invalid" => "Le nom : 1 à 60 caractères.",
            "obstacle_name_taken" => "Ce frein est déjà dans la liste.",
            "budget_too_high" => "1 000 € par personne au plus : vérifiez le montant.",
            "regular_above_clients" => {
                "Les régulières sont comprises dans les clientes : pas plus qu'elles."
            }
            "opening_above_accompanied" => "Pas plus que le nombre de personnes accompagnées.",
            "catering_too_soon" => {
                "Cette date est trop proche : voyez le délai indiqué sous le champ."
            }
            "date_too_far" => "Cette date est à plus de deux ans.",
            "covers_invalid" => "Indiquez un nombre de couverts.",
            "covers_below_minimum" => {
                "Le traiteur commence à un nombre minimum de couverts, indiqué sous le champ. Pour moins de personnes, venez déjeuner au restaurant !"
            }
            "formula_required" => "Choisissez une formule.",
            "place_required" => "Choisissez le lieu.",
            "address_required" => "Indiquez l'adresse de l'événement.",
            "count_invalid" => "Indiquez un nombre (0 si personne).",
            "diet_above_covers" => "C'est plus que le nombre de couverts.",
            "message_too_long" => "2000 caractères au plus.",
            "address_share_catering" => {
                "5 demandes au plus par connexion en 24 heures. Appelez-nous pour les autres."
            }
            "catering_not_cancellable" => "Cette demande a déjà reçu une réponse.",
            "min_covers_range" => "Entre 1 et 500 couverts.",
            "lead_days_range" => "Entre 0 et 90 jours.",
            "formula_name_invalid" => "Le nom : 1 à 60 caractères.",
            "formula_name_taken" => "Cette formule existe déjà.",
            "quote_superseded" => {
                "Ce devis a été remplacé par une nouvelle version : répondez à la dernière."
            }
            "quote_expired" => "Ce devis a expiré : demandez-nous une nouvelle version.",
            "quote_already_answered" => "Ce devis a déjà reçu une réponse.",
            "quote_transition_not_allowed" => {
                "Ce n'est pas possible pour ce devis dans son état actuel."
            }
            "quote_not_draft" => {
                "Ce devis est envoyé : il ne change plus. Faites une nouvelle version."
            }
            "quote_no_lines" => "Ajoutez au moins une ligne avant d'envoyer le devis.",
            "seller_incomplete" => "Complétez d'abord les mentions du vendeur (SIRET, TVA…).",
            "designation_invalid" => "Décrivez la ligne (200 caractères au plus).",
            "quote_quantity_invalid" => {
                "Une quantité plus grande que 0, deux décimales au plus (exemple : 2,5)."
            }
            "vat_rate_invalid" => "Choisissez un taux de TVA de la liste.",
            "quote_too_many_lines" => "100 lignes au plus par devis.",
            "valid_until_invalid" => "Une date à venir, dans l'année.",
            "discount_invalid" => "Une remise entre 0 et 100 %.",
            "payment_terms_invalid" => {
                "Indiquez les conditions de paiement (300 caractères au plus)."
            }
            "deposit_over_total" => "L'acompte dépasse le total TTC.",
            "channel_invalid" => "Choisissez comment la réponse est arrivée.",
            "quote_confirm_required" => "Cochez « Bon pour accord » pour accepter.",
            "field_required" => "Ce champ est obligatoire.",
            "erase_confirm_required" => "Cochez la case pour confirmer.",
            "erase_garments_here" => {
                "Vos vêtements sont encore chez nous : vous pourrez effacer vos données après \
                 les avoir récupérés."
            }
            "erase_after_service" => {
                "Votre repas est en préparation : vous pourrez effacer vos données après le service."
            }
            "erase_after_slot" => {
                "Votre créneau est en cours : vous pourrez effacer vos données après."
            }
            "erase_participants_only" => {
                "Seuls les comptes des participants s'effacent ici. Ceux de l'équipe s'effacent \
                 après deux ans sans activité."
            }
            _ => "Une erreur est survenue.",
        },
    },
};

/// "Trop d'essais. Réessayez dans 2 minutes." (minutes rounded up: never promise too soon).
fn retry_in(secs: u64) -> String {
    let wait = match secs {
        0 | 1 => "1 seconde".to_owned(),
        2..=59 => format!("{secs} secondes"),
        _ => match secs.div_ceil(60) {
            1 => "1 minute".to_owned(),
            minutes => format!("{minutes} minutes"),
        },
    };
    format!("Trop d'essais. Réessayez dans {wait}.")
}
