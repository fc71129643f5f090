//! The application: its routes inside the shared layout. Every route renders completely on the
//! server before it is sent (`SsrMode::Async`): people without JavaScript get the whole page, and
//! only islands hydrate.

use crate::{
    accounts::ui::{
        AccountPage, AuditPage, InvitationCardPage, InvitationPage, ParticipantsPage, PersonPage,
        RecoveryCodesPage, SecondFactorSetupPage, SignInCodePage, SignInPage, StaffHomePage,
        StaffListPage,
    },
    alterations::ui::{
        AlterationsPage, CataloguePage, DaySheetPage as AlterationsDayPage, QueuePage,
        RequestFormPage, RequestPage, TrackingPage,
    },
    campaigns::ui::{
        BookingPage, CampaignAdminPage, CampaignPublicPage, CampaignsPage, CodePage,
        DaySheetPage as CampaignDayPage,
    },
    catering::ui::{CateringFormPage, CateringRequestPage, StaffCateringPage},
    counter::ui::{CounterPage, TicketPage},
    figures::ui::KeyFiguresPage,
    home::ui::{HomePage, HoursPage},
    lunch::ui::{
        KitchenPage, LunchOrderFormPage, LunchOrderPage, LunchPage, StaffLunchPage,
        StaffLunchServicePage,
    },
    made_to_order::ui::{
        MadeToOrderFormPage, MadeToOrderRequestPage, StaffMadeToOrderPage,
        StaffMadeToOrderRequestPage,
    },
    partners::ui::{OrganisationPage, OrganisationsPage},
    pathway::ui::{PathwayPage, PathwaysPage},
    planning::ui::{
        AbsencesPage, CalendarLinkPage, MonthHoursPage, MyPlanningPage, PersonPlanningPage,
        PlanningWeekPage, SectorsPage, ShiftPage,
    },
    privacy::ui::{LinkDataPage, PrivacyPage},
    quotes::ui::{ClientQuotePage, StaffQuotePrintPage, StaffQuotesPage},
    ui::{NotFoundPage, layout::Layout, offline::OfflinePage},
};
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::{
    SsrMode,
    components::{Outlet, ParentRoute, Route, Router, Routes},
    path,
};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // The layout is a route itself: only views inside <Routes> see the errors that a form post
    // without JavaScript brings back in the URL (the language switch in the header needs them).
    view! {
        <Router>
            <Routes fallback=|| view! { <Layout><NotFoundPage /></Layout> }>
                <ParentRoute path=path!("") view=|| view! { <Layout><Outlet /></Layout> } ssr=SsrMode::Async>
                    <Route path=path!("") view=HomePage />
                    <Route path=path!("offline") view=OfflinePage />
                    <Route path=path!("connexion") view=SignInPage />
                    <Route path=path!("connexion/code") view=SignInCodePage />
                    <Route path=path!("compte") view=AccountPage />
                    <Route path=path!("compte/double-authentification") view=SecondFactorSetupPage />
                    <Route path=path!("compte/double-authentification/codes") view=RecoveryCodesPage />
                    <Route path=path!("invitation/:token") view=InvitationPage />
                    <Route path=path!("equipe") view=StaffHomePage />
                    <Route path=path!("equipe/personnes") view=ParticipantsPage />
                    <Route path=path!("equipe/personnes/:id") view=PersonPage />
                    <Route path=path!("equipe/personnel") view=StaffListPage />
                    <Route path=path!("equipe/invitation/:token") view=InvitationCardPage />
                    <Route path=path!("equipe/journal") view=AuditPage />
                    <Route path=path!("retouches") view=AlterationsPage />
                    <Route path=path!("retouches/demande") view=RequestFormPage />
                    <Route path=path!("retouches/suivi/:token") view=TrackingPage />
                    <Route path=path!("equipe/retouches") view=QueuePage />
                    <Route path=path!("equipe/retouches/jour") view=AlterationsDayPage />
                    <Route path=path!("equipe/retouches/catalogue") view=CataloguePage />
                    <Route path=path!("equipe/retouches/:id") view=RequestPage />
                    <Route path=path!("equipe/partenaires") view=OrganisationsPage />
                    <Route path=path!("equipe/horaires") view=HoursPage />
                    <Route path=path!("ourlets") view=CodePage />
                    <Route path=path!("ourlets/reservation/:token") view=BookingPage />
                    <Route path=path!("ourlets/:slug") view=CampaignPublicPage />
                    <Route path=path!("equipe/ourlets") view=CampaignsPage />
                    <Route path=path!("equipe/ourlets/:id") view=CampaignAdminPage />
                    <Route path=path!("equipe/ourlets/:id/jour/:day") view=CampaignDayPage />
                    <Route path=path!("dejeuner") view=LunchPage />
                    <Route path=path!("dejeuner/:id/commander") view=LunchOrderFormPage />
                    <Route path=path!("dejeuner/commande/:token") view=LunchOrderPage />
                    <Route path=path!("equipe/dejeuner") view=StaffLunchPage />
                    <Route path=path!("equipe/dejeuner/:id") view=StaffLunchServicePage />
                    <Route path=path!("traiteur") view=CateringFormPage />
                    <Route path=path!("traiteur/demande/:token") view=CateringRequestPage />
                    <Route path=path!("traiteur/demande/:token/devis/:number") view=|| view! { <ClientQuotePage kind="traiteur" /> } />
                    <Route path=path!("equipe/traiteur") view=StaffCateringPage />
                    <Route path=path!("equipe/traiteur/:id") view=StaffQuotesPage />
                    <Route path=path!("equipe/devis/:id") view=StaffQuotePrintPage />
                    <Route path=path!("sur-mesure") view=MadeToOrderFormPage />
                    <Route path=path!("sur-mesure/demande/:token") view=MadeToOrderRequestPage />
                    <Route path=path!("sur-mesure/demande/:token/devis/:number") view=|| view! { <ClientQuotePage kind="sur-mesure" /> } />
                    <Route path=path!("equipe/sur-mesure") view=StaffMadeToOrderPage />
                    <Route path=path!("equipe/sur-mesure/:id") view=StaffMadeToOrderRequestPage />
                    <Route path=path!("equipe/organisations") view=OrganisationsPage />
                    <Route path=path!("equipe/organisations/:id") view=OrganisationPage />
                    <Route path=path!("equipe/parcours") view=PathwaysPage />
                    <Route path=path!("equipe/parcours/:id") view=PathwayPage />
                    <Route path=path!("equipe/chiffres") view=KeyFiguresPage />
                    <Route path=path!("equipe/guichet") view=CounterPage />
                    <Route path=path!("guichet/ticket/:kind/:token") view=TicketPage />
                    <Route path=path!("cuisine") view=KitchenPage />
                    <Route path=path!("cuisine/:id") view=KitchenPage />
                    <Route path=path!("planning") view=MyPlanningPage />
                    <Route path=path!("planning/agenda/:token") view=CalendarLinkPage />
                    <Route path=path!("vos-donnees") view=PrivacyPage />
                    <Route path=path!("vos-donnees/:kind/:token") view=LinkDataPage />
                    <Route path=path!("equipe/planning") view=PlanningWeekPage />
                    <Route path=path!("equipe/planning/creneau/:id") view=ShiftPage />
                    <Route path=path!("equipe/planning/absences") view=AbsencesPage />
                    <Route path=path!("equipe/planning/heures") view=MonthHoursPage />
                    <Route path=path!("equipe/planning/secteurs") view=SectorsPage />
                    <Route path=path!("equipe/planning/personne/:id") view=PersonPlanningPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
