//! The application: its routes inside the shared layout. Every route renders completely on the
//! server before it is sent (`SsrMode::Async`): people without JavaScript get the whole page, and
//! only islands hydrate.

use crate::{
    home::ui::HomePage,
    ui::{NotFoundPage, layout::Layout, offline::OfflinePage},
};
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("offline") view=OfflinePage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
