//! Forms that come back as they were sent.
//!
//! Forms are plain HTML posts to server functions (they sit outside the islands), so a refusal
//! is always a redirect back to the form's page with the error in the URL (`__path`, `__err`),
//! hydrated or not — and the page used to come back empty. This layer keeps what was typed:
//!
//! 1. a form post refused by its server function leaves a *draft* here: its text fields (never
//!    a password, never a file), kept in memory for [`KEPT_FOR`] under a random id that only this
//!    browser holds (an `HttpOnly` cookie); the redirect gains `#erreurs`, so the page opens at
//!    its error summary (`ui::ErrorNotice`);
//! 2. that page, rendered for that refusal (its URL names the same server function), gets the
//!    values put back into the form that posts to it: text, numbers, dates, choices, ticks;
//! 3. the form's next accepted post forgets the draft.
//!
//! Values go back by rewriting the rendered HTML (lol_html, a streaming HTML rewriter) rather
//! than by giving every field of every page a "value from the draft": one mechanism for all
//! forms, and a new field cannot forget it. In memory rather than in SQLite: a draft lives
//! minutes, holds personal data that has no business on disk, and losing it on a restart only
//! means typing again; its size is bounded ([`MAX_DRAFT_BYTES`], [`MAX_TOTAL_BYTES`]).

use super::state::AppState;
use axum::{
    body::{Body, to_bytes},
    extract::{Request, State},
    http::{HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::Response,
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use std::{
    cell::RefCell,
    collections::{HashMap, VecDeque},
    rc::Rc,
    sync::Mutex,
    time::{Duration, Instant},
};

pub const COOKIE: &str = "brouillon";
/// Long enough to read the message, find the right number and send again.
pub const KEPT_FOR: Duration = Duration::from_secs(15 * 60);
/// A form's text is a few hundred bytes; a draft larger than this is not kept.
pub const MAX_DRAFT_BYTES: usize = 32 * 1024;
/// All drafts together: past this, the oldest are forgotten first.
pub const MAX_TOTAL_BYTES: usize = 8 * 1024 * 1024;
/// A page larger than this is sent as rendered (no page of the app comes near it).
const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;
/// Where the page opens after a refusal: its error summary.
pub const SUMMARY_ID: &str = "erreurs";

/// Passwords are never kept, even for a minute: the names of the app's password fields.
/// (`confirm` is also the tick of "I confirm the erasure": asked again on purpose.)
const NEVER_KEPT: &[&str] = &["password", "current", "new", "confirm"];

/// What a refused form post carried.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// The server function the form posts to (its `action`).
    pub server_fn: String,
    pub fields: Vec<(String, String)>,
}

impl Draft {
    fn size(&self) -> usize {
        self.server_fn.len()
            + self
                .fields
                .iter()
                .map(|(k, v)| k.len() + v.len())
                .sum::<usize>()
    }
}

#[derive(Default)]
pub struct Drafts {
    store: Mutex<Store>,
}

#[derive(Default)]
struct Store {
    by_id: HashMap<String, (Draft, Instant)>,
    /// Ids, oldest first (an id replaced or taken stays here until it reaches the front).
    order: VecDeque<String>,
    bytes: usize,
}

impl Drafts {
    /// Keeps `draft` and returns its id, or `None` when it is too large to keep.
    pub fn keep(&self, draft: Draft) -> Option<String> {
        self.keep_at(draft, Instant::now())
    }

    fn keep_at(&self, draft: Draft, now: Instant) -> Option<String> {
        let size = draft.size();
        if size > MAX_DRAFT_BYTES {
            return None;
        }
        let id = URL_SAFE_NO_PAD.encode(super::signing::new_key());
        let mut store = self.store.lock().unwrap_or_else(|e| e.into_inner());
        store.forget_expired(now);
        while store.bytes + size > MAX_TOTAL_BYTES {
            let Some(oldest) = store.order.pop_front() else {
                break;
            };
            store.remove(&oldest);
        }
        store.bytes += size;
        store.order.push_back(id.clone());
        store.by_id.insert(id.clone(), (draft, now));
        Some(id)
    }

    /// The draft `id` left by a refused post to `server_fn`, if it is still kept.
    pub fn find(&self, id: &str, server_fn: &str) -> Option<Draft> {
        self.find_at(id, server_fn, Instant::now())
    }

    fn find_at(&self, id: &str, server_fn: &str, now: Instant) -> Option<Draft> {
        let store = self.store.lock().unwrap_or_else(|e| e.into_inner());
        store
            .by_id
            .get(id)
            .filter(|(draft, at)| draft.server_fn == server_fn && now - *at < KEPT_FOR)
            .map(|(draft, _)| draft.clone())
    }

    pub fn forget(&self, id: &str) {
        self.store
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(id);
    }

    pub fn bytes(&self) -> usize {
        self.store.lock().unwrap_or_else(|e| e.into_inner()).bytes
    }
}

impl Store {
    fn remove(&mut self, id: &str) {
        if let Some((draft, _)) = self.by_id.remove(id) {
            self.bytes -= draft.size();
        }
    }

    fn forget_expired(&mut self, now: Instant) {
        while let Some(oldest) = self.order.front() {
            match self.by_id.get(oldest) {
                Some((_, at)) if now - *at < KEPT_FOR => break,
                _ => {
                    let oldest = self.order.pop_front().unwrap_or_default();
                    self.remove(&oldest);
                }
            }
        }
    }
}

/// Files a refused form already carried (a photo, re-encoded), kept for the same form: the
/// corrected form need not ask for them again. Keyed by the form's idempotency key (it comes back
/// with the form's draft) and the field's name; bounded like the drafts, in bytes.
pub struct Kept<T> {
    store: Mutex<VecDeque<KeptFile<T>>>,
    max_bytes: usize,
}

struct KeptFile<T> {
    form_key: String,
    field: String,
    value: T,
    bytes: usize,
    at: Instant,
}

impl<T: Clone> Kept<T> {
    pub fn new(max_bytes: usize) -> Kept<T> {
        Kept {
            store: Mutex::new(VecDeque::new()),
            max_bytes,
        }
    }

    /// Keeps `value` (`bytes` long) for `field` of the form `form_key`, replacing what was kept.
    pub fn keep(&self, form_key: &str, field: &str, value: T, bytes: usize) {
        self.keep_at(form_key, field, value, bytes, Instant::now());
    }

    fn keep_at(&self, form_key: &str, field: &str, value: T, bytes: usize, now: Instant) {
        let mut store = self.store.lock().unwrap_or_else(|e| e.into_inner());
        store.retain(|f| now - f.at < KEPT_FOR && !(f.form_key == form_key && f.field == field));
        if bytes > self.max_bytes {
            return;
        }
        let mut total: usize = store.iter().map(|f| f.bytes).sum();
        while total + bytes > self.max_bytes {
            let Some(oldest) = store.pop_front() else {
                break;
            };
            total -= oldest.bytes;
        }
        store.push_back(KeptFile {
            form_key: form_key.to_owned(),
            field: field.to_owned(),
            value,
            bytes,
            at: now,
        });
    }

    /// What is kept for `field` of the form `form_key`.
    pub fn find(&self, form_key: &str, field: &str) -> Option<T> {
        let now = Instant::now();
        let store = self.store.lock().unwrap_or_else(|e| e.into_inner());
        store
            .iter()
            .find(|f| f.form_key == form_key && f.field == field && now - f.at < KEPT_FOR)
            .map(|f| f.value.clone())
    }

    /// The form was accepted: what it kept goes.
    pub fn forget(&self, form_key: &str) {
        let mut store = self.store.lock().unwrap_or_else(|e| e.into_inner());
        store.retain(|f| f.form_key != form_key);
    }

    pub fn bytes(&self) -> usize {
        let store = self.store.lock().unwrap_or_else(|e| e.into_inner());
        store.iter().map(|f| f.bytes).sum()
    }
}

/// The value of field `name` of the draft this request's browser holds for `server_fn`, if any:
/// how a page finds, for instance, the idempotency key its refused form was sent with.
pub fn draft_field(state: &AppState, server_fn: &str, name: &str) -> Option<String> {
    let id = super::response::cookie(COOKIE)?;
    let draft = state.drafts.find(&id, server_fn)?;
    draft
        .fields
        .into_iter()
        .find(|(field, _)| field == name)
        .map(|(_, value)| value)
}

/// The layer (see the module's comment). Placed inside `check_body`: bodies are already read,
/// bounded and screened when they reach it.
pub async fn keep_typed(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let draft_id = super::request::cookie(request.headers(), COOKIE);
    if request.method() == Method::POST && path.starts_with("/api/") && is_form_post(&request) {
        let server_fn = path.to_owned();
        let (parts, body) = request.into_parts();
        let Ok(bytes) = to_bytes(body, state.config.max_upload_bytes).await else {
            return super::security::refusal(StatusCode::BAD_REQUEST, "Formulaire illisible.");
        };
        let content_type = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let fields = form_fields(&content_type, bytes.clone()).await;
        let response = next
            .run(Request::from_parts(parts, Body::from(bytes)))
            .await;
        return after_post(&state, response, server_fn, fields, draft_id);
    }
    let refused_fn = refused_server_fn(request.uri().query().unwrap_or_default());
    let draft = match (request.method(), draft_id, refused_fn) {
        (&Method::GET, Some(id), Some(server_fn)) => state.drafts.find(&id, &server_fn),
        _ => None,
    };
    let response = next.run(request).await;
    match draft {
        Some(draft) => refill_page(response, &draft).await,
        None => response,
    }
}

/// A browser's own form post (it asks for a page back), not a script's `fetch`.
fn is_form_post(request: &Request) -> bool {
    request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

fn after_post(
    state: &AppState,
    mut response: Response,
    server_fn: String,
    fields: Vec<(String, String)>,
    previous: Option<String>,
) -> Response {
    let Some(location) = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
    else {
        return response;
    };
    if let Some(previous) = &previous {
        state.drafts.forget(previous);
    }
    let refused = refused_server_fn(location.split_once('?').map_or("", |(_, q)| q))
        .is_some_and(|path| path == server_fn);
    let secure = if state.config.is_https() {
        "; Secure"
    } else {
        ""
    };
    let cookie = if refused {
        let kept = state.drafts.keep(Draft { server_fn, fields });
        let at_summary = if location.contains('#') {
            location
        } else {
            format!("{location}#{SUMMARY_ID}")
        };
        if let Ok(value) = HeaderValue::from_str(&at_summary) {
            response.headers_mut().insert(header::LOCATION, value);
        }
        kept.map(|id| {
            format!(
                "{COOKIE}={id}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{secure}",
                KEPT_FOR.as_secs()
            )
        })
    } else {
        // Accepted: nothing typed is kept any longer.
        previous.map(|_| format!("{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}"))
    };
    if let Some(value) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// The server function a redirect's query string says refused (`__path`, with `__err`).
fn refused_server_fn(query: &str) -> Option<String> {
    let mut path = None;
    let mut error = false;
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "__path" => path = Some(value.into_owned()),
            "__err" => error = true,
            _ => {}
        }
    }
    path.filter(|_| error)
}

/// The text fields of a form body, url-encoded or multipart (files skipped).
async fn form_fields(content_type: &str, bytes: axum::body::Bytes) -> Vec<(String, String)> {
    let keep = |name: &str| !NEVER_KEPT.contains(&name);
    if content_type.starts_with("multipart/form-data") {
        let Ok(boundary) = multer::parse_boundary(content_type) else {
            return Vec::new();
        };
        let mut multipart = multer::Multipart::new(Body::from(bytes).into_data_stream(), boundary);
        let mut fields = Vec::new();
        while let Ok(Some(field)) = multipart.next_field().await {
            // A photo is never read here (multer skips what is not read).
            if field.file_name().is_some() {
                continue;
            }
            let name = field.name().unwrap_or_default().to_owned();
            match field.text().await {
                Ok(value) if keep(&name) => fields.push((name, value)),
                Ok(_) => {}
                Err(_) => break,
            }
        }
        fields
    } else {
        form_urlencoded::parse(&bytes)
            .filter(|(name, _)| keep(name))
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect()
    }
}

/// The page, with the draft's values put back into the form that posts to its server function.
async fn refill_page(response: Response, draft: &Draft) -> Response {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_PAGE_BYTES).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let page = String::from_utf8_lossy(&bytes);
    match refill(&page, draft) {
        Ok(page) => {
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(page))
        }
        Err(_) => Response::from_parts(parts, Body::from(bytes)),
    }
}

/// Puts `draft`'s values into the fields of the form whose `action` is its server function.
/// Several fields of one name (quote lines) take the values in order; ticks and choices are set
/// from the values sent, so an unticked box comes back unticked.
pub fn refill(page: &str, draft: &Draft) -> Result<String, lol_html::errors::RewritingError> {
    use lol_html::{RewriteStrSettings, element, html_content::ContentType, rewrite_str};
    let values = |name: &str| -> Vec<&str> {
        draft
            .fields
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    let sent = |name: &str| draft.fields.iter().any(|(n, _)| n == name);
    // The n-th field of a name takes the n-th value.
    let taken: Rc<RefCell<HashMap<String, usize>>> = Default::default();
    let next_value = |name: &str| -> Option<String> {
        let mut taken = taken.borrow_mut();
        let n = taken.entry(name.to_owned()).or_default();
        let value = values(name).get(*n).map(|v| (*v).to_owned());
        *n += 1;
        value
    };
    // The values chosen in the select being read (options follow their select).
    let current_select: Rc<RefCell<Option<Vec<String>>>> = Default::default();
    // Server function paths are `/api/` and a name; anything else is not put in a selector.
    if !draft
        .server_fn
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'_')
    {
        return Ok(page.to_owned());
    }
    let form = format!("form[action=\"{}\"]", draft.server_fn);
    rewrite_str(
        page,
        RewriteStrSettings::new()
            .append_element_content_handler(element!(format!("{form} input[name]"), |el| {
                let name = el.get_attribute("name").unwrap_or_default();
                let kind = el.get_attribute("type").unwrap_or_default();
                let one_time = el
                    .get_attribute("autocomplete")
                    .is_some_and(|a| a.contains("one-time-code") || a.contains("password"));
                match kind.as_str() {
                    "hidden" | "password" | "file" | "submit" | "button" | "reset" | "image" => {}
                    _ if one_time || !sent(&name) && kind != "checkbox" => {}
                    "checkbox" | "radio" => {
                        let value = el.get_attribute("value").unwrap_or_else(|| "on".into());
                        if values(&name).contains(&value.as_str()) {
                            el.set_attribute("checked", "")?;
                        } else {
                            el.remove_attribute("checked");
                        }
                    }
                    _ => {
                        if let Some(value) = next_value(&name) {
                            // lol_html escapes the quotes, not the ampersands: a typed
                            // "&amp;" must not come back as "&".
                            el.set_attribute("value", &value.replace('&', "&amp;"))?;
                        }
                    }
                }
                Ok(())
            }))
            .append_element_content_handler(element!(format!("{form} textarea[name]"), |el| {
                let name = el.get_attribute("name").unwrap_or_default();
                if let Some(value) = next_value(&name) {
                    el.set_inner_content(&value, ContentType::Text);
                }
                Ok(())
            }))
            .append_element_content_handler(element!(format!("{form} select[name]"), |el| {
                let name = el.get_attribute("name").unwrap_or_default();
                *current_select.borrow_mut() = if el.has_attribute("multiple") {
                    sent(&name).then(|| values(&name).iter().map(|v| (*v).to_owned()).collect())
                } else {
                    next_value(&name).map(|value| vec![value])
                };
                Ok(())
            }))
            .append_element_content_handler(element!(format!("{form} select option"), |el| {
                if let Some(chosen) = current_select.borrow().as_ref() {
                    let value = el.get_attribute("value").unwrap_or_default();
                    if chosen.contains(&value) {
                        el.set_attribute("selected", "")?;
                    } else {
                        el.remove_attribute("selected");
                    }
                }
                Ok(())
            })),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(fields: &[(&str, &str)]) -> Draft {
        Draft {
            server_fn: "/api/order".into(),
            fields: fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn the_refused_form_gets_back_every_kind_of_field() {
        let page = r#"<form action="/api/order" method="post">
            <input type="hidden" name="token" value="fresh">
            <input name="name" value="">
            <input type="tel" name="phone">
            <input type="number" name="qty" value="0"><input type="number" name="qty" value="0">
            <input type="checkbox" name="consent" value="oui">
            <input type="checkbox" name="ticked" value="oui" checked>
            <input type="radio" name="slot" value="1" checked><input type="radio" name="slot" value="2">
            <input type="password" name="secret">
            <select name="day"><option value="">Choisissez…</option><option value="2026-12-03">jeudi</option></select>
            <select name="allergens" multiple><option value="gluten">G</option><option value="lait">L</option></select>
            <textarea name="notes"></textarea>
        </form>
        <form action="/api/other"><input name="name" value="untouched"></form>"#;
        let sent = draft(&[
            ("token", "old"),
            ("name", "Aïcha <Diallo> & \"co\""),
            ("phone", "06 12"),
            ("qty", "2"),
            ("qty", "3"),
            ("consent", "oui"),
            ("slot", "2"),
            ("secret", "s3cret"),
            ("day", "2026-12-03"),
            ("allergens", "lait"),
            ("notes", "ourlet </textarea> 2 cm"),
        ]);
        let page = refill(page, &sent).unwrap();
        assert!(
            page.contains(r#"name="token" value="fresh""#),
            "hidden fields stay as rendered"
        );
        assert!(
            page.contains(r#"value="Aïcha <Diallo> &amp; &quot;co&quot;""#),
            "{page}"
        );
        assert!(page.contains(r#"name="phone" value="06 12""#));
        assert!(page.contains(r#"name="qty" value="2"><input type="number" name="qty" value="3""#));
        assert!(page.contains(r#"name="consent" value="oui" checked=""#));
        assert!(
            !page.contains(r#"name="ticked" value="oui" checked"#),
            "unticked comes back unticked"
        );
        assert!(
            page.contains(r#"name="slot" value="1">"#) && page.contains(r#"value="2" checked=""#)
        );
        assert!(!page.contains("s3cret"), "never a password");
        assert!(page.contains(r#"<option value="2026-12-03" selected="">"#));
        assert!(page.contains(r#"<option value="">Choisissez…</option>"#));
        assert!(
            page.contains(r#"<option value="lait" selected="">"#)
                && !page.contains(r#""gluten" selected"#)
        );
        assert!(page.contains("ourlet &lt;/textarea&gt; 2 cm</textarea>"));
        assert!(
            page.contains(r#"value="untouched""#),
            "another form keeps its own values"
        );
    }

    #[test]
    fn drafts_are_found_only_for_their_server_function_and_only_for_a_while() {
        let drafts = Drafts::default();
        let t0 = Instant::now();
        let id = drafts.keep_at(draft(&[("name", "Aïcha")]), t0).unwrap();
        assert_eq!(id.len(), 43, "32 random bytes");
        assert!(drafts.find_at(&id, "/api/order", t0).is_some());
        assert!(drafts.find_at(&id, "/api/other", t0).is_none());
        assert!(drafts.find_at("guess", "/api/order", t0).is_none());
        assert!(drafts.find_at(&id, "/api/order", t0 + KEPT_FOR).is_none());
        drafts.forget(&id);
        assert!(drafts.find_at(&id, "/api/order", t0).is_none());
        assert_eq!(drafts.bytes(), 0);
    }

    #[test]
    fn drafts_cost_bounded_memory() {
        let drafts = Drafts::default();
        let big = "x".repeat(MAX_DRAFT_BYTES);
        assert!(
            drafts.keep(draft(&[("notes", &big)])).is_none(),
            "too large to keep"
        );
        let t0 = Instant::now();
        let value = "x".repeat(MAX_DRAFT_BYTES / 2);
        let first = drafts.keep_at(draft(&[("notes", &value)]), t0).unwrap();
        for _ in 0..2 * MAX_TOTAL_BYTES / value.len() {
            drafts.keep_at(draft(&[("notes", &value)]), t0).unwrap();
        }
        assert!(drafts.bytes() <= MAX_TOTAL_BYTES);
        assert!(
            drafts.find_at(&first, "/api/order", t0).is_none(),
            "the oldest went first"
        );
        // Expired drafts are dropped by the next keep.
        drafts
            .keep_at(draft(&[("name", "a")]), t0 + KEPT_FOR)
            .unwrap();
        assert!(drafts.bytes() < 100);
    }

    #[test]
    fn kept_files_are_found_for_their_form_and_field_within_their_bytes() {
        let kept = Kept::new(100);
        let t0 = Instant::now();
        kept.keep_at("form-a", "item_photo_0", 1, 40, t0);
        kept.keep_at("form-a", "item_photo_1", 2, 40, t0);
        assert_eq!(kept.find("form-a", "item_photo_0"), Some(1));
        assert_eq!(kept.find("form-b", "item_photo_0"), None);
        kept.keep_at("form-a", "item_photo_0", 3, 40, t0);
        assert_eq!(kept.find("form-a", "item_photo_0"), Some(3), "replaced");
        kept.keep_at("form-b", "item_photo_0", 4, 40, t0);
        assert!(kept.bytes() <= 100);
        assert_eq!(
            kept.find("form-a", "item_photo_1"),
            None,
            "the oldest went first"
        );
        kept.keep_at("form-c", "x", 5, 101, t0);
        assert_eq!(kept.find("form-c", "x"), None, "too large to keep");
        kept.forget("form-b");
        assert_eq!(kept.find("form-b", "item_photo_0"), None);
    }

    #[test]
    fn only_a_refusal_names_a_server_function() {
        assert_eq!(
            refused_server_fn("__path=%2Fapi%2Forder&__err=abc").as_deref(),
            Some("/api/order")
        );
        assert_eq!(refused_server_fn("__path=%2Fapi%2Forder"), None);
        assert_eq!(refused_server_fn("jour=2026-12-03"), None);
    }
}
