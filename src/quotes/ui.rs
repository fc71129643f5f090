//! Pages of quotes: the staff's page of one request (drafts, lines, terms, sending, answers,
//! revisions), the quote document (every mention a French devis carries, A4 print stylesheet),
//! and the client's copy behind the private link with "Bon pour accord" or a refusal.

use super::{
    ClientService, QuoteClient, QuoteDocument, QuoteView, Status, Subject, VAT_RATES,
    api::{
        AddQuoteLine, AnswerQuote, CancelQuote, NewQuoteDraft, RecordQuoteAnswer, RemoveQuoteLine,
        SaveQuoteTerms, SaveSeller, SendQuote, get_link_quote, get_link_quotes, get_quote_document,
        get_request_quotes, get_seller,
    },
    format_quantity, format_rate,
};
use crate::{
    accounts::ui::Refusal,
    alterations::format_euros,
    error::AppError,
    i18n::{Catalogue, use_texts},
    lunch::ui::service_date,
    ui::{
        ErrorNotice,
        forms::{FieldError, TextField},
        time::{format_paris, parse_date},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn title(t: &Catalogue, page: &str) -> String {
    format!("{page} · {}", t.common.app_name)
}

fn param(name: &'static str) -> String {
    use_params_map().with_untracked(|p| p.get(name).unwrap_or_default())
}

/// "12 décembre 2026" from YYYY-MM-DD.
fn long_date(t: &Catalogue, day: &str) -> String {
    match parse_date(day) {
        Ok(days) => {
            let (y, m, d) = crate::ui::time::civil(days);
            format!("{d} {} {y}", t.common.months[(m - 1) as usize])
        }
        Err(_) => day.to_owned(),
    }
}

/// "Mardi 12 janvier, 12:00 · Chez nous, à Blanchemaille", or the day wished.
fn when_where(t: &Catalogue, client: &QuoteClient) -> String {
    let when = match (&client.day, &client.time) {
        (Some(day), Some(time)) => format!("{}, {time}", service_date(t, day)),
        (Some(day), None) => service_date(t, day),
        (None, _) => t.made_to_order.no_date.to_owned(),
    };
    let place = client
        .address
        .clone()
        .unwrap_or_else(|| t.catering.place_here.to_owned());
    format!("{when} · {place}")
}

/// "25 couverts · Buffet", or "Broderie numérique · 40 pièces".
pub fn service_text(t: &Catalogue, service: &ClientService) -> String {
    match service {
        ClientService::Catering { covers, formula } => {
            format!("{covers} {} · {formula}", t.catering.covers_short)
        }
        ClientService::MadeToOrder { kind, quantity } => format!(
            "{} · {quantity} {}",
            (t.made_to_order.kind_name)(kind),
            t.made_to_order.pieces
        ),
    }
}

fn status_text(t: &Catalogue, quote: &QuoteView) -> String {
    let q = &t.quotes;
    match quote.status {
        Status::Accepted => (q.accepted_by)(
            quote.answer_name.as_deref().unwrap_or(""),
            &quote.answered_at.map(format_paris).unwrap_or_default(),
        ),
        Status::Declined => (q.declined_because)(quote.answer_reason.as_deref().unwrap_or("")),
        status => (q.status)(status).to_owned(),
    }
}

/// The quote itself, as printed or saved as PDF from the browser.
#[component]
pub fn QuoteDocumentView(document: QuoteDocument) -> impl IntoView {
    let t = use_texts();
    let q = &t.quotes;
    let QuoteDocument {
        quote,
        client,
        seller,
    } = document;
    let issued = quote.sent_at.unwrap_or(quote.created_at);
    let totals = quote.totals.clone();
    view! {
        <article class="quote-document" aria-labelledby="quote-title">
            <header class="quote-head">
                <div>
                    <p><strong>{seller.name.clone()}</strong></p>
                    <p>{seller.legal_form.clone()}</p>
                    <p>{seller.address.clone()}</p>
                    <p>{format!("SIRET : {}", seller.siret.clone().unwrap_or_default())}</p>
                    <p>{seller.vat_note.clone()}</p>
                </div>
                <div>
                    <h1 id="quote-title">{format!("{} {}", q.document_title, quote.number)}</h1>
                    <p>{format!("{} {}", q.version, quote.version)}</p>
                    <p>{format!("{} {}", q.issued_on, format_paris(issued))}</p>
                    <p><strong>{format!("{} {}", q.valid_until, long_date(t, &quote.valid_until))}</strong></p>
                </div>
            </header>
            <section class="quote-client">
                <h2>{q.client}</h2>
                {(!client.organisation.is_empty()).then(|| view! { <p><strong>{client.organisation.clone()}</strong></p> })}
                {client.siret.clone().map(|s| view! { <p>{format!("SIRET : {s}")}</p> })}
                <p>{format!("{} {}", q.attention_of, crate::privacy::ui::or_erased(&client.contact_name))}</p>
                <p>{format!("{} · {}", client.email, client.phone)}</p>
            </section>
            <section class="quote-service">
                <h2>{q.service}</h2>
                <p>{format!("{} · {}", client.reference, when_where(t, &client))}</p>
                <p>{service_text(t, &client.service)}</p>
            </section>
            // Focusable, so a keyboard can scroll it sideways on a narrow phone.
            <div class="table-scroll" tabindex="0" role="region" aria-label=q.lines_caption>
                <table class="quote-lines">
                    <caption class="visually-hidden">{q.lines_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"N°"</th>
                            <th scope="col">{q.designation}</th>
                            <th scope="col">{q.quantity}</th>
                            <th scope="col">{q.unit_price}</th>
                            <th scope="col">{q.vat}</th>
                            <th scope="col">{q.amount}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {quote.lines.iter().enumerate().map(|(i, (_, line))| view! {
                            <tr>
                                <td>{i + 1}</td>
                                <td>{line.designation.clone()}</td>
                                <td>{format!("{} {}", format_quantity(line.quantity), line.unit)}</td>
                                <td class="price">{format_euros(line.unit_price_cents)}</td>
                                <td>{format_rate(line.vat_bp)}</td>
                                <td class="price">{format_euros(line.amount_cents())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <dl class="quote-totals">
                <div><dt>{q.total_lines}</dt><dd>{format_euros(totals.lines_cents)}</dd></div>
                {(totals.discount_cents > 0).then(|| view! {
                    <div><dt>{format!("{} ({})", q.discount, format_rate(quote.discount_bp))}</dt><dd>{format_euros(-totals.discount_cents)}</dd></div>
                    <div><dt>{q.total_net}</dt><dd>{format_euros(totals.net_cents)}</dd></div>
                })}
                {totals.vat.iter().map(|part| view! {
                    <div><dt>{(q.vat_line)(&format_rate(part.rate_bp), &format_euros(part.base_cents))}</dt><dd>{format_euros(part.vat_cents)}</dd></div>
                }).collect_view()}
                <div class="grand-total"><dt>{q.total_gross}</dt><dd>{format_euros(totals.gross_cents)}</dd></div>
                {(totals.deposit_cents > 0).then(|| view! {
                    <div><dt>{q.deposit}</dt><dd>{format_euros(totals.deposit_cents)}</dd></div>
                    <div><dt>{q.balance}</dt><dd>{format_euros(totals.balance_cents)}</dd></div>
                })}
            </dl>
            <section class="quote-terms">
                <p>{format!("{} {}", q.payment_terms, quote.payment_terms)}</p>
                <p>{(q.penalties)(&seller.penalty_rate)}</p>
                <p>{q.recovery_indemnity}</p>
            </section>
            <section class="quote-agreement">
                <h2>{q.agreement_title}</h2>
                <p>{q.agreement_hint}</p>
                <p class="signature-box">{q.agreement_fields}</p>
            </section>
            <p class="quote-status" role="status">{status_text(t, &quote)}</p>
        </article>
    }
}

/// On the request's private link: the quotes sent so far.
/// `kind`: the link's first segment, "traiteur" or "sur-mesure".
#[component]
pub fn LinkQuotes(kind: &'static str, token: String) -> impl IntoView {
    let t = use_texts();
    let quotes = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        move |token| get_link_quotes(kind.to_owned(), token),
    );
    view! {
        <Suspense>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    let Ok(quotes) = quotes.await else { return ().into_any() };
                    if quotes.is_empty() {
                        return ().into_any();
                    }
                    view! {
                        <h2>{t.quotes.your_quotes}</h2>
                        <ul class="link-list">
                            {quotes.into_iter().map(|quote| view! {
                                <li>
                                    <a href=format!("/{kind}/demande/{token}/devis/{}", quote.number)>
                                        {format!("{} · {} · {}", quote.number, format_euros(quote.totals.gross_cents), status_text(t, &quote))}
                                    </a>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })
            }}
        </Suspense>
    }
}

/// `/{kind}/demande/{token}/devis/{number}`: the client's copy, and their answer. `kind` is
/// "traiteur" or "sur-mesure".
#[component]
pub fn ClientQuotePage(kind: &'static str) -> impl IntoView {
    let t = use_texts();
    let (token, number) = (param("token"), param("number"));
    let document = Resource::new(
        {
            let (token, number) = (token.clone(), number.clone());
            move || (token.clone(), number.clone())
        },
        move |(token, number)| get_link_quote(kind.to_owned(), token, number),
    );
    let answer = ServerAction::<AnswerQuote>::new();
    let error = Signal::derive(move || answer.value().get().and_then(Result::err));
    view! {
        <Title text=title(t, t.quotes.document_title) />
        <Suspense>
            {move || {
                let (token, number) = (token.clone(), number.clone());
                Suspend::new(async move {
                    let document = match document.await {
                        Ok(document) => document,
                        Err(error) => return view! { <Refusal error /> }.into_any(),
                    };
                    let q = &t.quotes;
                    let waiting = document.quote.status == Status::Sent;
                    let back = format!("/{kind}/demande/{token}");
                    let pdf = format!("/{kind}/demande/{token}/devis/{number}/devis.pdf");
                    let (accept_token, accept_number) = (token.clone(), number.clone());
                    let (decline_token, decline_number) = (token.clone(), number.clone());
                    view! {
                        <section class="page quote-page">
                            <p class="no-print"><a href=back>{q.back_to_request}</a></p>
                            {move || error.get().map(|error| view! { <div class="no-print"><ErrorNotice error /></div> })}
                            <QuoteDocumentView document />
                            <p class="no-print"><a class="button button-secondary" href=pdf download="">{q.download_pdf}</a></p>
                            <p class="no-print hint">{q.print_hint}</p>
                            {waiting.then(move || view! {
                                <section class="no-print quote-answer">
                                    <h2>{q.accept_title}</h2>
                                    <ActionForm attr:novalidate=true action=answer attr:class="form">
                                        <input type="hidden" name="kind" value=kind />
                                        <input type="hidden" name="token" value=accept_token />
                                        <input type="hidden" name="number" value=accept_number />
                                        <input type="hidden" name="answer" value="accept" />
                                        <TextField name="name" label=q.accept_name kind="text" autocomplete="name" required=true error />
                                        <div class="field field-check">
                                            <input type="checkbox" id="confirm" name="confirm" value="oui" required=true />
                                            <label for="confirm">{q.accept_confirm}</label>
                                            <FieldError name="confirm" error />
                                        </div>
                                        <button type="submit" class="button-large">{q.accept_button}</button>
                                    </ActionForm>
                                    <h2>{q.decline_title}</h2>
                                    <ActionForm attr:novalidate=true action=answer attr:class="form">
                                        <input type="hidden" name="kind" value=kind />
                                        <input type="hidden" name="token" value=decline_token />
                                        <input type="hidden" name="number" value=decline_number />
                                        <input type="hidden" name="answer" value="decline" />
                                        <div class="field">
                                            <label for="reason">{q.decline_reason}</label>
                                            <textarea id="reason" name="reason" rows="3" maxlength="300"></textarea>
                                        </div>
                                        <button type="submit" class="button-secondary">{q.decline_button}</button>
                                    </ActionForm>
                                </section>
                            })}
                        </section>
                    }.into_any()
                })
            }}
        </Suspense>
    }
}

/// `/equipe/devis/{id}`: the staff's print view.
#[component]
pub fn StaffQuotePrintPage() -> impl IntoView {
    let t = use_texts();
    let id = param("id").parse::<i64>().ok();
    let document = Resource::new(
        move || id,
        |id| async move { get_quote_document(id.ok_or(AppError::NotFound)?).await },
    );
    view! {
        <Title text=title(t, t.quotes.document_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match document.await {
                    Ok(document) => {
                        let back = document.client.subject.staff_path();
                        let pdf = format!("/equipe/devis/{}/devis.pdf", document.quote.id);
                        view! {
                            <section class="page quote-page">
                                <p class="no-print"><a href=back>{t.quotes.back_to_request}</a></p>
                                <QuoteDocumentView document />
                                <p class="no-print"><a class="button button-secondary" href=pdf download="">{t.quotes.download_pdf}</a></p>
                                <p class="no-print hint">{t.quotes.print_hint}</p>
                            </section>
                        }.into_any()
                    }
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/equipe/traiteur/{id}`: one catering request and its quotes.
#[component]
pub fn StaffQuotesPage() -> impl IntoView {
    let t = use_texts();
    match param("id").parse::<i64>() {
        Ok(id) => view! {
            <Title text=title(t, t.quotes.staff_title) />
            <section class="page">
                <p><a href="/equipe/traiteur">{t.quotes.back_to_list}</a></p>
                <QuotesEditor subject=Subject::Catering(id) heading=true />
            </section>
        }
        .into_any(),
        Err(_) => view! { <Refusal error=AppError::NotFound /> }.into_any(),
    }
}

/// A request's quotes as staff write them: the draft (lines, terms, sending), the versions
/// sent and the answers staff record. `heading`: the request's title and service above.
#[component]
pub fn QuotesEditor(subject: Subject, #[prop(optional)] heading: bool) -> impl IntoView {
    let t = use_texts();
    let data = Resource::new(
        move || subject,
        |subject| get_request_quotes(subject.kind().to_owned(), subject.id()),
    );
    let new_draft = ServerAction::<NewQuoteDraft>::new();
    let add = ServerAction::<AddQuoteLine>::new();
    let remove = ServerAction::<RemoveQuoteLine>::new();
    let terms = ServerAction::<SaveQuoteTerms>::new();
    let send = ServerAction::<SendQuote>::new();
    let cancel = ServerAction::<CancelQuote>::new();
    let record = ServerAction::<RecordQuoteAnswer>::new();
    let error = Signal::derive(move || {
        new_draft
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| add.value().get().and_then(Result::err))
            .or_else(|| remove.value().get().and_then(Result::err))
            .or_else(|| terms.value().get().and_then(Result::err))
            .or_else(|| send.value().get().and_then(Result::err))
            .or_else(|| cancel.value().get().and_then(Result::err))
            .or_else(|| record.value().get().and_then(Result::err))
    });
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let data = match data.await {
                    Ok(data) => data,
                    Err(error) => return view! { <Refusal error /> }.into_any(),
                };
                let q = &t.quotes;
                let draft = data.quotes.iter().find(|quote| quote.status == Status::Draft).cloned();
                let can_draft = draft.is_none() && data.client.status == "requested";
                let first_quote = data.quotes.is_empty();
                let client = data.client.clone();
                view! {
                    <section class="quotes-editor" aria-labelledby="quotes-title">
                        {heading.then(|| view! {
                            <h1>{format!("{} · {} · {}", q.staff_title, client.reference, client.organisation)}</h1>
                            <p>{format!("{} · {}", when_where(t, &client), service_text(t, &client.service))}</p>
                        })}
                        <h2 id="quotes-title" class=if heading { "visually-hidden" } else { "" }>{q.quotes_link}</h2>
                        {move || error.get().map(|error| view! { <ErrorNotice error /> })}
                        {(!data.seller.is_complete()).then(|| view! { <p class="notice notice-warning">{q.seller_incomplete}</p> })}
                        {can_draft.then(|| view! {
                            <ActionForm attr:novalidate=true action=new_draft attr:class="form-inline">
                                <input type="hidden" name="kind" value=subject.kind() />
                                <input type="hidden" name="request_id" value=subject.id() />
                                <button type="submit">{if first_quote { q.new_quote } else { q.revise }}</button>
                            </ActionForm>
                        })}
                        {draft.map(|quote| view! {
                            <section class="card quote-draft">
                                <h2>{format!("{} {} · {} {}", q.draft_title, quote.number, q.version, quote.version)}</h2>
                                <ul class="quote-draft-lines">
                                    {quote.lines.clone().into_iter().map(|(line_id, line)| view! {
                                        <li>
                                            {format!("{} · {} {} × {} · {}", line.designation, format_quantity(line.quantity), line.unit, format_euros(line.unit_price_cents), format_rate(line.vat_bp))}
                                            <ActionForm attr:novalidate=true action=remove attr:class="form-inline">
                                                <input type="hidden" name="quote_id" value=quote.id />
                                                <input type="hidden" name="line_id" value=line_id />
                                                <button type="submit" class="button-secondary" aria-label=format!("{} : {}", q.remove_line, line.designation)>{q.remove_line}</button>
                                            </ActionForm>
                                        </li>
                                    }).collect_view()}
                                </ul>
                                <p><strong>{format!("{} {}", q.total_gross, format_euros(quote.totals.gross_cents))}</strong></p>
                                <h3>{q.add_line}</h3>
                                <ActionForm attr:novalidate=true action=add attr:class="form">
                                    <input type="hidden" name="quote_id" value=quote.id />
                                    <TextField name="designation" label=q.designation kind="text" autocomplete="off" required=true error />
                                    <TextField name="quantity" label=q.quantity kind="text" autocomplete="off" required=true hint=q.quantity_hint error />
                                    <TextField name="unit" label=q.unit kind="text" autocomplete="off" hint=q.unit_hint error />
                                    <TextField name="unit_price" label=q.unit_price_label kind="text" autocomplete="off" required=true error />
                                    <div class="field">
                                        <label for="vat">{q.vat}</label>
                                        <select id="vat" name="vat" required=true>
                                            <option value="">{t.catering.choose}</option>
                                            {VAT_RATES.iter().map(|bp| view! { <option value=*bp>{(q.vat_option)(&format_rate(*bp), *bp)}</option> }).collect_view()}
                                        </select>
                                        <FieldError name="vat" error />
                                    </div>
                                    <button type="submit">{q.add_line}</button>
                                </ActionForm>
                                <h3>{q.terms_title}</h3>
                                <ActionForm attr:novalidate=true action=terms attr:class="form">
                                    <input type="hidden" name="quote_id" value=quote.id />
                                    <TextField name="valid_until" label=q.valid_until_label kind="date" autocomplete="off" required=true value=quote.valid_until.clone() error />
                                    <TextField name="discount" label=q.discount_label kind="text" autocomplete="off" value=format_rate(quote.discount_bp).trim_end_matches(" %").to_owned() error />
                                    <TextField name="deposit" label=q.deposit_label kind="text" autocomplete="off" value=format_euros(quote.totals.deposit_cents).trim_end_matches(" €").to_owned() error />
                                    <TextField name="payment_terms" label=q.payment_terms kind="text" autocomplete="off" required=true value=quote.payment_terms.clone() error />
                                    <button type="submit">{t.accounts.save}</button>
                                </ActionForm>
                                <p><a href=format!("/equipe/devis/{}", quote.id)>{q.preview}</a></p>
                                <ActionForm attr:novalidate=true action=send attr:class="form-inline">
                                    <input type="hidden" name="quote_id" value=quote.id />
                                    <button type="submit" class="button-large">{q.send}</button>
                                </ActionForm>
                            </section>
                        })}
                        <h2>{q.versions_title}</h2>
                        <ul class="cards">
                            {data.quotes.into_iter().filter(|quote| quote.status != Status::Draft).map(|quote| {
                                let waiting = quote.status == Status::Sent;
                                view! {
                                    <li class="card">
                                        <p>
                                            <a href=format!("/equipe/devis/{}", quote.id)><strong>{quote.number.clone()}</strong></a>
                                            {format!(" · {} {} · {} · {}", q.version, quote.version, format_euros(quote.totals.gross_cents), status_text(t, &quote))}
                                        </p>
                                        {waiting.then(|| view! {
                                            <details>
                                                <summary>{q.record_title}</summary>
                                                <ActionForm attr:novalidate=true action=record attr:class="form">
                                                    <input type="hidden" name="quote_id" value=quote.id />
                                                    <fieldset class="choices">
                                                        <legend>{q.record_answer}</legend>
                                                        <label class="choice"><input type="radio" name="answer" value="accept" required=true />" "{q.record_accept}</label>
                                                        <label class="choice"><input type="radio" name="answer" value="decline" />" "{q.record_decline}</label>
                                                    </fieldset>
                                                    <div class="field">
                                                        <label for=format!("channel-{}", quote.id)>{q.record_channel}</label>
                                                        <select id=format!("channel-{}", quote.id) name="channel" required=true>
                                                            <option value="">{t.catering.choose}</option>
                                                            {["purchase_order", "phone", "email"].into_iter().map(|c| view! { <option value=c>{(q.channel)(c)}</option> }).collect_view()}
                                                        </select>
                                                    </div>
                                                    <div class="field">
                                                        <label for=format!("name-{}", quote.id)>{q.record_name}</label>
                                                        <input id=format!("name-{}", quote.id) name="name" type="text" autocomplete="off" />
                                                    </div>
                                                    <div class="field">
                                                        <label for=format!("reason-{}", quote.id)>{q.decline_reason}</label>
                                                        <input id=format!("reason-{}", quote.id) name="reason" type="text" autocomplete="off" />
                                                    </div>
                                                    <button type="submit">{q.record_button}</button>
                                                </ActionForm>
                                                <ActionForm attr:novalidate=true action=cancel attr:class="form-inline">
                                                    <input type="hidden" name="quote_id" value=quote.id />
                                                    <button type="submit" class="button-danger">{q.cancel}</button>
                                                </ActionForm>
                                            </details>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// On the staff's catering page: the seller's mentions every quote carries.
#[component]
pub fn SellerForm() -> impl IntoView {
    let t = use_texts();
    let seller = Resource::new(|| (), |_| get_seller());
    let save = ServerAction::<SaveSeller>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let Ok(seller) = seller.await else { return ().into_any() };
                let q = &t.quotes;
                view! {
                    <h2>{q.seller_title}</h2>
                    <p class="hint">{q.seller_hint}</p>
                    <ActionForm attr:novalidate=true action=save attr:class="form">
                        <TextField name="seller_name" label=q.seller_name kind="text" autocomplete="off" required=true value=seller.name.clone() error />
                        <TextField name="legal_form" label=q.legal_form kind="text" autocomplete="off" required=true value=seller.legal_form.clone() error />
                        <TextField name="seller_address" label=q.seller_address kind="text" autocomplete="off" required=true value=seller.address.clone() error />
                        <TextField name="siret" label=q.seller_siret kind="text" autocomplete="off" required=true value=seller.siret.clone().unwrap_or_default() error />
                        <TextField name="vat_note" label=q.vat_note kind="text" autocomplete="off" required=true hint=q.vat_note_hint value=seller.vat_note.clone() error />
                        <TextField name="penalty_rate" label=q.penalty_rate kind="text" autocomplete="off" required=true value=seller.penalty_rate.clone() error />
                        <TextField name="payment_terms" label=q.payment_terms kind="text" autocomplete="off" required=true value=seller.payment_terms.clone() error />
                        <button type="submit">{t.accounts.save}</button>
                    </ActionForm>
                }.into_any()
            })}
        </Suspense>
    }
}
