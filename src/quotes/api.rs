//! Server functions of quotes: thin — authorize, call the service, redirect.

use super::{QuoteClient, QuoteDocument, QuoteView, Seller};
use crate::error::AppError;
use leptos::{prelude::*, server_fn::codec::GetUrl};
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{
        Subject,
        service::{self, AnswerForm, LineForm, Link},
    },
    crate::{
        accounts::auth,
        server::{response, state},
    },
};

// --- Staff ---

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestQuotes {
    pub client: QuoteClient,
    pub quotes: Vec<QuoteView>,
    pub seller: Seller,
}

/// `kind`: "traiteur" or "sur-mesure" (the request's table).
#[cfg(feature = "ssr")]
fn subject(kind: &str, request_id: i64) -> Result<Subject, AppError> {
    Subject::parse(kind, request_id).ok_or(AppError::NotFound)
}

#[server(prefix = "/api", endpoint = "get_request_quotes", input = GetUrl)]
pub async fn get_request_quotes(kind: String, request_id: i64) -> Result<RequestQuotes, AppError> {
    auth::require_staff()?;
    let (client, quotes, seller) =
        service::for_request(&state()?, subject(&kind, request_id)?).await?;
    Ok(RequestQuotes {
        client,
        quotes,
        seller,
    })
}

/// Back to the page of the request the quote answers.
#[cfg(feature = "ssr")]
async fn back_to(quote_id: i64) -> Result<(), AppError> {
    let subject = service::subject_of(&state()?, quote_id).await?;
    response::redirect(&subject.staff_path());
    Ok(())
}

#[server(prefix = "/api", endpoint = "new_quote_draft")]
pub async fn new_quote_draft(kind: String, request_id: i64) -> Result<i64, AppError> {
    let actor = auth::require_staff()?;
    let subject = subject(&kind, request_id)?;
    let id = service::new_draft(&state()?, &actor, subject).await?;
    response::redirect(&subject.staff_path());
    Ok(id)
}

#[server(prefix = "/api", endpoint = "add_quote_line")]
pub async fn add_quote_line(
    quote_id: i64,
    designation: String,
    quantity: String,
    unit: String,
    unit_price: String,
    vat: String,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let form = LineForm {
        designation,
        quantity,
        unit,
        unit_price,
        vat,
    };
    service::add_line(&state()?, &actor, quote_id, &form).await?;
    back_to(quote_id).await
}

#[server(prefix = "/api", endpoint = "remove_quote_line")]
pub async fn remove_quote_line(quote_id: i64, line_id: i64) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::remove_line(&state()?, &actor, quote_id, line_id).await?;
    back_to(quote_id).await
}

#[server(prefix = "/api", endpoint = "save_quote_terms")]
pub async fn save_quote_terms(
    quote_id: i64,
    valid_until: String,
    discount: String,
    deposit: String,
    payment_terms: String,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::save_terms(
        &state()?,
        &actor,
        quote_id,
        &valid_until,
        &discount,
        &deposit,
        &payment_terms,
    )
    .await?;
    back_to(quote_id).await
}

#[server(prefix = "/api", endpoint = "send_quote")]
pub async fn send_quote(quote_id: i64) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::send(&state()?, &actor, quote_id).await?;
    back_to(quote_id).await
}

#[server(prefix = "/api", endpoint = "cancel_quote")]
pub async fn cancel_quote(quote_id: i64) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::cancel(&state()?, &actor, quote_id).await?;
    back_to(quote_id).await
}

/// An answer received by purchase order, phone or e-mail, recorded by staff.
#[server(prefix = "/api", endpoint = "record_quote_answer")]
pub async fn record_quote_answer(
    quote_id: i64,
    answer: String,
    channel: String,
    name: String,
    reason: String,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let form = AnswerForm {
        accept: answer == "accept",
        channel: &channel,
        name: &name,
        reason: &reason,
    };
    service::record_answer(&state()?, &actor, quote_id, &form).await?;
    back_to(quote_id).await
}

#[server(prefix = "/api", endpoint = "get_quote_document", input = GetUrl)]
pub async fn get_quote_document(quote_id: i64) -> Result<QuoteDocument, AppError> {
    auth::require_staff()?;
    service::document_for_staff(&state()?, quote_id).await
}

#[server(prefix = "/api", endpoint = "get_seller", input = GetUrl)]
pub async fn get_seller() -> Result<Seller, AppError> {
    auth::require_staff()?;
    let mut conn = state()?.db.reader.acquire().await?;
    Ok(super::repo::seller(&mut conn).await?)
}

#[server(prefix = "/api", endpoint = "save_seller")]
pub async fn save_seller(
    seller_name: String,
    legal_form: String,
    seller_address: String,
    siret: String,
    vat_note: String,
    penalty_rate: String,
    payment_terms: String,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let siret =
        crate::catering::parse_siret(&siret).map_err(|key| AppError::invalid("siret", key))?;
    let seller = Seller {
        name: seller_name,
        legal_form,
        address: seller_address,
        siret,
        vat_note,
        penalty_rate,
        payment_terms,
    };
    service::save_seller(&state()?, &actor, seller).await?;
    response::redirect("/equipe/traiteur?enregistre=1");
    Ok(())
}

// --- The client, through the request's private link ---

/// `kind` is the link's first segment: "traiteur" or "sur-mesure".
#[server(prefix = "/api", endpoint = "get_link_quotes", input = GetUrl)]
pub async fn get_link_quotes(kind: String, token: String) -> Result<Vec<QuoteView>, AppError> {
    service::for_link(&state()?, &kind, &token).await
}

#[server(prefix = "/api", endpoint = "get_link_quote", input = GetUrl)]
pub async fn get_link_quote(
    kind: String,
    token: String,
    number: String,
) -> Result<QuoteDocument, AppError> {
    let link = Link {
        kind: &kind,
        token: &token,
        number: &number,
    };
    service::document_by_link(&state()?, &link).await
}

/// "Bon pour accord" (the name and the box) or a refusal with a reason.
#[server(prefix = "/api", endpoint = "answer_quote")]
pub async fn answer_quote(
    kind: String,
    token: String,
    number: String,
    answer: String,
    name: Option<String>,
    confirm: Option<String>,
    reason: Option<String>,
) -> Result<(), AppError> {
    let accept = answer == "accept";
    if accept && confirm.as_deref() != Some("oui") {
        return Err(AppError::invalid("confirm", "quote_confirm_required"));
    }
    let name = name.unwrap_or_default();
    let reason = reason.unwrap_or_default();
    let form = AnswerForm {
        accept,
        channel: "link",
        name: &name,
        reason: &reason,
    };
    let link = Link {
        kind: &kind,
        token: &token,
        number: &number,
    };
    service::answer_by_link(&state()?, &link, &form).await?;
    response::redirect(&format!("/{kind}/demande/{token}/devis/{number}"));
    Ok(())
}
