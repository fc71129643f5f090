//! Pages of lunch: the public menus and takeaway pre-order (no account), the private link of an
//! order, the staff's service days and menus, and the kitchen's view. All server components:
//! forms post to server functions and work without JavaScript.

use super::{
    ALLERGENS, COURSES, Dish, Kitchen, LunchDay, LunchOrder, LunchService, Menu, PickupWindow,
    api::{
        CancelLunchOrder, CopyLunchMenu, CreateLunchService, DeleteLunchDish, PlaceLunchOrder,
        RestoreLunchOrder, SaveLunchDay, SaveLunchDish, SetLunchOrderStatus, UpdateLunchService,
        UpdateLunchWindow, get_kitchen, get_lunch_admin, get_lunch_order, get_lunch_order_form,
        get_lunch_service, list_lunch_menus,
    },
    format_date, format_hhmm, format_price, paris_hhmm, parse_date, utc_to_paris,
};
use crate::{
    accounts::ui::Refusal,
    error::AppError,
    i18n::{Catalogue, use_texts},
    ui::{
        ErrorNotice,
        forms::{AskOnce, FieldError, TextField},
        pictograms::Pictogram,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn title(t: &Catalogue, page: &str) -> String {
    format!("{page} · {}", t.common.app_name)
}

fn id_param(name: &'static str) -> Option<i64> {
    use_params_map().with_untracked(|p| p.get(name).and_then(|id| id.parse::<i64>().ok()))
}

fn query_flag(name: &'static str) -> bool {
    use_query_map().with_untracked(|q| q.get(name).is_some())
}

/// "mardi 1 décembre".
pub fn service_date(t: &Catalogue, day: &str) -> String {
    match parse_date(day) {
        Ok(days) => crate::ui::time::day_label(t, days),
        Err(_) => day.to_owned(),
    }
}

fn hours(service: &LunchService) -> String {
    format!(
        "{}–{}",
        paris_hhmm(service.starts_at),
        paris_hhmm(service.ends_at)
    )
}

/// "jeudi 10:30" (the cut-off names its day, so nobody reads Tuesday's hour for Thursday), or
/// "lundi 30 novembre 18:00" when the cut-off is not on the service's day.
fn cutoff_text(t: &Catalogue, service: &LunchService) -> String {
    let (day, minutes) = utc_to_paris(service.cutoff_at);
    if format_date(day) == service.day {
        let weekday = t.home.weekdays[(day + 3).rem_euclid(7) as usize];
        format!("{weekday} {}", format_hhmm(minutes))
    } else {
        format!(
            "{} {}",
            service_date(t, &format_date(day)),
            format_hhmm(minutes)
        )
    }
}

// --- Allergens and dishes ---

#[component]
fn Allergens(codes: Vec<String>) -> impl IntoView {
    let t = use_texts();
    if codes.is_empty() {
        return view! { <p class="allergens allergens-none">{t.lunch.no_allergen}</p> }.into_any();
    }
    view! {
        <ul class="allergens" aria-label=t.lunch.allergens_label>
            {codes.into_iter().map(|code| view! {
                <li>
                    <Pictogram key=code.clone() />
                    {(t.lunch.allergen)(&code)}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn DishCard(dish: Dish, #[prop(optional)] show_left: bool) -> impl IntoView {
    let t = use_texts();
    let left = dish.left();
    view! {
        <li class="dish">
            <div class="dish-head">
                <h4>{dish.name.clone()}</h4>
                <span class="price">{format_price(dish.price_cents)}</span>
            </div>
            {(!dish.description.is_empty()).then(|| view! { <p class="dish-description">{dish.description.clone()}</p> })}
            {(!dish.labels.is_empty()).then(|| view! {
                <ul class="labels">{dish.labels.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul>
            })}
            <Allergens codes=dish.allergens.clone() />
            {show_left.then(|| view! {
                <p class="hint">{if left == 0 { t.lunch.sold_out.to_owned() } else { (t.lunch.portions_left)(left) }}</p>
            })}
        </li>
    }
}

/// A menu by course, as the public reads it.
#[component]
fn MenuCourses(dishes: Vec<Dish>, #[prop(optional)] show_left: bool) -> impl IntoView {
    let t = use_texts();
    if dishes.is_empty() {
        return view! { <p>{t.lunch.menu_coming}</p> }.into_any();
    }
    COURSES
        .iter()
        .filter_map(|course| {
            let of_course: Vec<Dish> = dishes.iter().filter(|d| d.course == *course).cloned().collect();
            (!of_course.is_empty()).then(|| view! {
                <h3 class="course">{(t.lunch.course)(course)}</h3>
                <ul class="dishes">
                    {of_course.into_iter().map(|dish| view! { <DishCard dish show_left /> }).collect_view()}
                </ul>
            })
        })
        .collect_view()
        .into_any()
}

// --- Public: menus ---

#[component]
pub fn LunchPage() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text=title(t, t.lunch.title) />
        <section class="page lunch">
            <h1>{t.lunch.title}</h1>
            <p class="lead">{t.lunch.intro}</p>
            <p class="notice notice-info">{t.lunch.pay_on_site}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    match list_lunch_menus().await {
                        Ok(menus) if menus.is_empty() => view! { <p>{t.lunch.no_service}</p> }.into_any(),
                        Ok(menus) => menus.into_iter().map(|menu| view! { <ServiceMenu menu /> }).collect_view().into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
            <p class="hint">{t.lunch.allergen_notice}</p>
            // The kitchen team (staff and participants of the kitchen sector) start here too.
            {crate::accounts::use_request_user().map(|_| view! {
                <p><a href="/cuisine">{t.lunch.kitchen_title}</a></p>
            })}
        </section>
    }
}

#[component]
fn ServiceMenu(menu: Menu) -> impl IntoView {
    let t = use_texts();
    let service = menu.service.clone();
    let heading = service_date(t, &service.day);
    let label = heading.clone();
    view! {
        <article class="card lunch-service" aria-label=label>
            <h2>{heading}</h2>
            <p class="meta">{format!("{} · {}", hours(&service), t.lunch.place)}</p>
            <MenuCourses dishes=menu.dishes />
            {if menu.takes_orders {
                view! {
                    <p class="hint">{format!("{} {}", t.lunch.order_until, cutoff_text(t, &service))}</p>
                    <p><a class="button button-large" href=format!("/dejeuner/{}/commander", service.id)>{t.lunch.order_button}</a></p>
                }.into_any()
            } else {
                view! { <p class="notice notice-warning">{t.lunch.orders_closed}</p> }.into_any()
            }}
        </article>
    }
}

/// The coming services in a few words, for the home page.
#[component]
pub fn LunchSummary() -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="lunch-summary" aria-labelledby="dejeuner-accueil">
            <h2 id="dejeuner-accueil">{t.lunch.summary_title}</h2>
            <Suspense>
                {move || Suspend::new(async move {
                    match list_lunch_menus().await {
                        Ok(menus) if menus.is_empty() => view! { <p>{t.lunch.no_service}</p> }.into_any(),
                        Ok(menus) => view! {
                            <ul class="link-list">
                                {menus.into_iter().take(2).map(|menu| {
                                    let mains: Vec<String> = menu.dishes.iter().filter(|d| d.course == "plat").map(|d| d.name.clone()).collect();
                                    view! {
                                        <li>
                                            <a href="/dejeuner">
                                                <strong>{service_date(t, &menu.service.day)}</strong>
                                                {(!mains.is_empty()).then(|| format!(" : {}", mains.join(", ")))}
                                            </a>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
            <p><a class="button" href="/dejeuner">{t.lunch.see_menus}</a></p>
        </section>
    }
}

// --- Public: the order form ---

#[component]
pub fn LunchOrderFormPage() -> impl IntoView {
    let t = use_texts();
    let id = id_param("id");
    // The form carries a one-time idempotency key: no copy of it may be kept anywhere.
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("private, no-store"),
        );
        response.insert_header(
            http::HeaderName::from_static("offline-keep"),
            http::HeaderValue::from_static("never"),
        );
    }
    let page = Resource::new(
        move || id,
        |id| async move { get_lunch_order_form(id.ok_or(AppError::NotFound)?).await },
    );
    let place = ServerAction::<PlaceLunchOrder>::new();
    let error = move || place.value().get().and_then(Result::err);
    view! {
        <Title text=title(t, t.lunch.order_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => {
                        let menu = page.menu;
                        let service = menu.service.clone();
                        let heading = format!("{} · {}", t.lunch.order_title, service_date(t, &service.day));
                        let offline_label = heading.clone();
                        if !menu.takes_orders {
                            return view! {
                                <section class="page narrow">
                                    <h1>{heading}</h1>
                                    {move || error().map(|error| view! { <ErrorNotice error /> })}
                                    <p class="notice notice-warning" role="status">{t.lunch.orders_closed}</p>
                                    <p><a href="/dejeuner">{t.lunch.back_to_menus}</a></p>
                                </section>
                            }.into_any();
                        }
                        view! {
                            <section class="page narrow lunch-order">
                                <p><a href="/dejeuner">{t.lunch.back_to_menus}</a></p>
                                <h1>{heading}</h1>
                                <p class="lead">{format!("{} {}", t.lunch.order_until, cutoff_text(t, &service))}</p>
                                <p class="notice notice-info">{t.lunch.pay_on_site}</p>
                                {move || error().map(|error| view! { <ErrorNotice error /> })}
                                <ActionForm attr:novalidate=true action=place attr:class="form" attr:data-offline=offline_label>
                                    <input type="hidden" name="service_id" value=service.id />
                                    <input type="hidden" name="idempotency_key" value=page.idempotency_key.clone() />
                                    // The ids are where the error summary's links lead.
                                    <fieldset class="step" id="quantities">
                                        <legend>{t.lunch.step_dishes}</legend>
                                        <p class="hint">{t.lunch.quantity_hint}</p>
                                        <FieldError name="quantities" error=Signal::derive(error) />
                                        {menu.dishes.iter().cloned().map(|dish| view! { <QuantityField dish /> }).collect_view()}
                                    </fieldset>
                                    <fieldset class="step" id="window">
                                        <legend>{t.lunch.step_window}</legend>
                                        <FieldError name="window" error=Signal::derive(error) />
                                        <div class="windows">
                                            {menu.windows.iter().cloned().map(|window| view! { <WindowChoice window /> }).collect_view()}
                                        </div>
                                    </fieldset>
                                    <fieldset class="step">
                                        <legend>{t.lunch.step_contact}</legend>
                                        <TextField name="name" label=t.lunch.name_label kind="text" autocomplete="name" required=true error=Signal::derive(error) />
                                        <TextField name="phone" label=t.lunch.phone_label kind="tel" autocomplete="tel" required=true hint=t.lunch.phone_hint error=Signal::derive(error) />
                                    </fieldset>
                                    <div class="sticky-submit">
                                        <crate::ui::stepper::RunningTotal label=format!("{} :", t.lunch.total) />
                                        <button type="submit" class="button-large">{t.lunch.confirm_order}</button>
                                    </div>
                                </ActionForm>
                            </section>
                        }.into_any()
                    }
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn QuantityField(dish: Dish) -> impl IntoView {
    let t = use_texts();
    let id = format!("qty-{}", dish.id);
    let left = dish.left();
    let title = format!("{} ({})", dish.name, (t.lunch.course)(&dish.course));
    let details = view! {
        <span class="price">{format_price(dish.price_cents)}</span>
        <Allergens codes=dish.allergens.clone() />
    };
    // A sold-out dish sends nothing: `dish[]` and `qty[]` must stay in pairs.
    if left == 0 {
        return view! {
            <div class="quantity sold-out">
                <div class="quantity-text">
                    <span class="dish-title">{title}</span>
                    {details}
                    <span class="hint">{t.lunch.sold_out}</span>
                </div>
            </div>
        }
        .into_any();
    }
    view! {
        <div class="quantity">
            <input type="hidden" name="dish[]" value=dish.id />
            <div class="quantity-text">
                <label for=id.clone()>{title}</label>
                {details}
                <span class="hint">{(t.lunch.portions_left)(left)}</span>
            </div>
            <crate::ui::stepper::Stepper id name="qty[]".to_owned() value=0 min=0 max=left.min(super::MAX_PER_DISH)
                fewer=format!("{} : {}", t.common.fewer, dish.name) more=format!("{} : {}", t.common.more, dish.name)
                price_cents=dish.price_cents />
        </div>
    }
    .into_any()
}

#[component]
fn WindowChoice(window: PickupWindow) -> impl IntoView {
    let t = use_texts();
    let room = window.room_left();
    let id = format!("window-{}", window.id);
    view! {
        <div class="choice window" class:full=room == 0>
            <input type="radio" id=id.clone() name="window_id" value=window.id disabled=room == 0 required=true />
            <label for=id>
                <strong>{paris_hhmm(window.starts_at)}</strong>
                " "
                <span class="hint">{if room == 0 { t.lunch.window_full.to_owned() } else { (t.lunch.places_left)(room) }}</span>
            </label>
        </div>
    }
}

// --- Public: the private link ---

#[component]
pub fn LunchOrderPage() -> impl IntoView {
    let t = use_texts();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let order = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        get_lunch_order,
    );
    let cancel = ServerAction::<CancelLunchOrder>::new();
    let restore = ServerAction::<RestoreLunchOrder>::new();
    let cancel_error = move || {
        cancel
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| restore.value().get().and_then(Result::err))
    };
    view! {
        <Title text=title(t, t.lunch.your_order) />
        <Suspense>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    match order.await {
                        Ok(order) => view! {
                            <section class="page narrow lunch-order">
                                <h1>{t.lunch.your_order}</h1>
                                {move || cancel_error().map(|error| view! { <ErrorNotice error /> })}
                                <OrderSummary order=order.clone() />
                                {if order.status == "cancelled" {
                                    let token = token.clone();
                                    view! {
                                        <p class="notice notice-warning" role="status">{t.lunch.cancelled_notice}</p>
                                        // Minutes to change one's mind, if the portions are still there.
                                        {order.restorable.then(|| view! {
                                            <ActionForm attr:novalidate=true action=restore attr:class="form">
                                                <input type="hidden" name="token" value=token.clone() />
                                                <button type="submit">{t.lunch.restore_button}</button>
                                            </ActionForm>
                                        })}
                                    }.into_any()
                                } else {
                                    view! {
                                        <p class="notice notice-info">{t.lunch.pay_on_site}</p>
                                        <p class="hint">{t.lunch.keep_link}</p>
                                    }.into_any()
                                }}
                                {order.cancellable.then({
                                    let token = token.clone();
                                    let until = format!("{} {}", t.lunch.cancel_until, cutoff_text(t, &order.service));
                                    move || view! {
                                    <p class="hint">{until.clone()}</p>
                                    <AskOnce ask=t.lunch.cancel_button>
                                        <ActionForm attr:novalidate=true action=cancel attr:class="form">
                                            <input type="hidden" name="token" value=token.clone() />
                                            <button type="submit" class="button-danger">{t.common.cancel_yes}</button>
                                        </ActionForm>
                                    </AskOnce>
                                }})}
                                <crate::privacy::ui::YourDataLink kind=crate::privacy::LinkKind::LunchOrder token=token.clone() />
                                <p><a href="/dejeuner">{t.lunch.back_to_menus}</a></p>
                            </section>
                        }.into_any(),
                        Err(error) => view! { <Refusal error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn OrderSummary(order: LunchOrder) -> impl IntoView {
    let t = use_texts();
    view! {
        <dl class="order-summary">
            <div><dt>{t.lunch.reference}</dt><dd class="reference">{order.reference.clone()}</dd></div>
            <div><dt>{t.lunch.status_label}</dt><dd>{(t.lunch.status)(&order.status)}</dd></div>
            <div><dt>{t.lunch.pickup}</dt><dd>{format!("{}, {}", service_date(t, &order.service.day), paris_hhmm(order.window_starts_at))}</dd></div>
            <div><dt>{t.lunch.name_label}</dt><dd>{order.name.clone()}</dd></div>
        </dl>
        <ul class="order-lines">
            {order.lines.iter().map(|l| view! {
                <li>{format!("{} × {}", l.quantity, l.name)}<span class="price">{format_price(l.quantity * l.unit_price_cents)}</span></li>
            }).collect_view()}
            <li class="total">{t.lunch.total}<span class="price">{format_price(order.total_cents)}</span></li>
        </ul>
    }
}

// --- Staff: service days and services ---

#[component]
pub fn StaffLunchPage() -> impl IntoView {
    let t = use_texts();
    let data = Resource::new(|| (), |_| get_lunch_admin());
    let save_day = ServerAction::<SaveLunchDay>::new();
    let create = ServerAction::<CreateLunchService>::new();
    let error = move || {
        save_day
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| create.value().get().and_then(Result::err))
    };
    let saved = query_flag("enregistre");
    view! {
        <Title text=title(t, t.lunch.staff_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(admin) => {
                        let configured: Vec<u8> = admin.days.iter().map(|d| d.weekday).collect();
                        view! {
                            <section class="page">
                                <p><a href="/equipe">{t.lunch.back_to_staff}</a></p>
                                <h1>{t.lunch.staff_title}</h1>
                                {saved.then(|| view! { <p class="notice notice-ok" role="status">{t.accounts.saved}</p> })}
                                {move || error().map(|error| view! { <ErrorNotice error /> })}
                                <p><a href="/cuisine">{t.lunch.kitchen_title}</a></p>

                                <h2>{t.lunch.services_title}</h2>
                                {if admin.services.is_empty() {
                                    view! { <p>{t.lunch.no_service}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="link-list">
                                            {admin.services.iter().map(|s| view! {
                                                <li><a href=format!("/equipe/dejeuner/{}", s.id)>
                                                    {format!("{} · {}{}", service_date(t, &s.day), hours(s), if s.open { "" } else { t.lunch.closed_suffix })}
                                                </a></li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                <ActionForm attr:novalidate=true action=create attr:class="form">
                                    <TextField name="day" label=t.lunch.new_service_date kind="date" autocomplete="off" required=true hint=t.lunch.new_service_hint error=Signal::derive(error) />
                                    <button type="submit">{t.lunch.create_service}</button>
                                </ActionForm>

                                <h2>{t.lunch.days_title}</h2>
                                <p>{t.lunch.days_intro}</p>
                                {admin.days.into_iter().map(|day| view! { <DayForm day action=save_day is_new=false /> }).collect_view()}
                                <h3>{t.lunch.day_new}</h3>
                                {(1..=7u8).find(|d| !configured.contains(d)).map(|weekday| view! {
                                    <DayForm day=LunchDay { weekday, starts: "12:00".into(), ends: "14:00".into(), cutoff: "10:30".into(), window_minutes: 15, window_capacity: 8, active: true } action=save_day is_new=true />
                                })}
                            </section>
                        }.into_any()
                    }
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DayForm(day: LunchDay, action: ServerAction<SaveLunchDay>, is_new: bool) -> impl IntoView {
    let t = use_texts();
    let prefix = format!("day{}", day.weekday);
    let weekday_name = t.home.weekdays[usize::from(day.weekday.clamp(1, 7) - 1)];
    let input =
        move |name: &'static str, label: &'static str, kind: &'static str, value: String| {
            let id = format!("{prefix}-{name}");
            view! {
                <div class="field">
                    <label for=id.clone()>{label}</label>
                    <input id=id name=name type=kind value=value required=true />
                </div>
            }
        };
    view! {
        <ActionForm attr:novalidate=true action attr:class="form card day-form">
            {if is_new {
                view! {
                    <div class="field">
                        <label for="new-weekday">{t.lunch.weekday_label}</label>
                        <select id="new-weekday" name="weekday">
                            {(1..=7u8).map(|d| view! { <option value=d selected=d == day.weekday>{t.home.weekdays[usize::from(d - 1)]}</option> }).collect_view()}
                        </select>
                    </div>
                }.into_any()
            } else {
                view! {
                    <h3>{weekday_name}</h3>
                    <input type="hidden" name="weekday" value=day.weekday />
                }.into_any()
            }}
            {input("starts", t.lunch.starts_label, "time", day.starts.clone())}
            {input("ends", t.lunch.ends_label, "time", day.ends.clone())}
            {input("cutoff", t.lunch.cutoff_label, "time", day.cutoff.clone())}
            {input("window_minutes", t.lunch.window_minutes_label, "number", day.window_minutes.to_string())}
            {input("window_capacity", t.lunch.window_capacity_label, "number", day.window_capacity.to_string())}
            <label class="choice">
                <input type="checkbox" name="active" value="on" checked=day.active />
                {t.lunch.day_active}
            </label>
            <button type="submit">{t.accounts.save}</button>
        </ActionForm>
    }
}

// --- Staff: one service ---

#[component]
pub fn StaffLunchServicePage() -> impl IntoView {
    let t = use_texts();
    let id = id_param("id");
    let data = Resource::new(
        move || id,
        |id| async move { get_lunch_service(id.ok_or(AppError::NotFound)?).await },
    );
    let update = ServerAction::<UpdateLunchService>::new();
    let window = ServerAction::<UpdateLunchWindow>::new();
    let save_dish = ServerAction::<SaveLunchDish>::new();
    let delete = ServerAction::<DeleteLunchDish>::new();
    let copy = ServerAction::<CopyLunchMenu>::new();
    let error = move || {
        update
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| window.value().get().and_then(Result::err))
            .or_else(|| save_dish.value().get().and_then(Result::err))
            .or_else(|| delete.value().get().and_then(Result::err))
            .or_else(|| copy.value().get().and_then(Result::err))
    };
    let saved = query_flag("enregistre");
    view! {
        <Title text=title(t, t.lunch.service_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(admin) => {
                        let menu = admin.menu;
                        let service = menu.service.clone();
                        let (cutoff_day, cutoff_minutes) = utc_to_paris(service.cutoff_at);
                        let cutoff_value = format!("{}T{}", format_date(cutoff_day), format_hhmm(cutoff_minutes));
                        view! {
                            <section class="page">
                                <p><a href="/equipe/dejeuner">{t.lunch.back_to_lunch_staff}</a></p>
                                <h1>{format!("{} · {}", t.lunch.service_title, service_date(t, &service.day))}</h1>
                                <p class="lead">{hours(&service)}</p>
                                {saved.then(|| view! { <p class="notice notice-ok" role="status">{t.accounts.saved}</p> })}
                                {move || error().map(|error| view! { <ErrorNotice error /> })}
                                <p><a href=format!("/cuisine/{}", service.id)>{t.lunch.kitchen_title}</a></p>

                                <h2>{t.lunch.settings_title}</h2>
                                <ActionForm attr:novalidate=true action=update attr:class="form">
                                    <input type="hidden" name="id" value=service.id />
                                    <TextField name="cutoff" label=t.lunch.cutoff_datetime_label kind="datetime-local" autocomplete="off" required=true value=cutoff_value error=Signal::derive(error) />
                                    <label class="choice">
                                        <input type="checkbox" name="open" value="on" checked=service.open />
                                        {t.lunch.service_open}
                                    </label>
                                    <button type="submit">{t.accounts.save}</button>
                                </ActionForm>

                                <h2 id="creneaux">{t.lunch.windows_title}</h2>
                                <ul class="windows-admin">
                                    {menu.windows.iter().cloned().map(|w| view! {
                                        <li>
                                            <ActionForm attr:novalidate=true action=window attr:class="form-row">
                                                <input type="hidden" name="id" value=w.id />
                                                <strong>{paris_hhmm(w.starts_at)}</strong>
                                                <span class="hint">{(t.lunch.booked)(w.booked)}</span>
                                                <label>
                                                    {t.lunch.capacity_label}
                                                    " "
                                                    <input type="number" name="capacity" min="0" max="200" value=w.capacity class="small-number" />
                                                </label>
                                                <label class="choice">
                                                    <input type="checkbox" name="open" value="on" checked=w.open />
                                                    {t.lunch.window_open}
                                                </label>
                                                <button type="submit" class="button-secondary">{t.accounts.save}</button>
                                            </ActionForm>
                                        </li>
                                    }).collect_view()}
                                </ul>

                                <h2 id="menu">{t.lunch.menu_title}</h2>
                                {menu.dishes.iter().cloned().map(|dish| {
                                    let dish_id = dish.id;
                                    view! {
                                        <details class="card dish-admin">
                                            <summary>{format!("{} · {} · {} · {}", (t.lunch.course)(&dish.course), dish.name, format_price(dish.price_cents), (t.lunch.ordered_of)(dish.ordered, dish.portions))}</summary>
                                            <DishForm service_id=service.id dish=Some(dish) action=save_dish />
                                            <ActionForm attr:novalidate=true action=delete attr:class="form-inline">
                                                <input type="hidden" name="id" value=dish_id />
                                                <button type="submit" class="button-danger">{t.lunch.delete_dish}</button>
                                            </ActionForm>
                                        </details>
                                    }
                                }).collect_view()}
                                <h3>{t.lunch.dish_new}</h3>
                                <DishForm service_id=service.id dish=None action=save_dish />

                                <h3>{t.lunch.copy_title}</h3>
                                <ActionForm attr:novalidate=true action=copy attr:class="form">
                                    <input type="hidden" name="service_id" value=service.id />
                                    <div class="field">
                                        <label for="copy-from">{t.lunch.copy_from}</label>
                                        <select id="copy-from" name="from">
                                            {admin.others.iter().map(|s| view! { <option value=s.id>{service_date(t, &s.day)}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <FieldError name="from" error=Signal::derive(error) />
                                    <button type="submit" class="button-secondary">{t.lunch.copy_button}</button>
                                </ActionForm>
                            </section>
                        }.into_any()
                    }
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DishForm(
    service_id: i64,
    dish: Option<Dish>,
    action: ServerAction<SaveLunchDish>,
) -> impl IntoView {
    let t = use_texts();
    let prefix = dish
        .as_ref()
        .map_or("new".to_owned(), |d| format!("dish{}", d.id));
    let dish_id = dish.as_ref().map(|d| d.id);
    let d = dish.unwrap_or(Dish {
        id: 0,
        course: "plat".into(),
        name: String::new(),
        description: String::new(),
        price_cents: 0,
        portions: 20,
        ordered: 0,
        allergens: Vec::new(),
        labels: Vec::new(),
    });
    let course_id = format!("{prefix}-course");
    let field = move |name: &'static str,
                      label: &'static str,
                      kind: &'static str,
                      value: String,
                      required: bool| {
        let id = format!("{prefix}-{name}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id name=name type=kind value=value required=required />
            </div>
        }
    };
    let price = if dish_id.is_some() {
        format_price(d.price_cents)
            .trim_end_matches(" €")
            .to_owned()
    } else {
        String::new()
    };
    view! {
        <ActionForm attr:novalidate=true action attr:class="form">
            <input type="hidden" name="service_id" value=service_id />
            {dish_id.map(|id| view! { <input type="hidden" name="dish_id" value=id /> })}
            <div class="field">
                <label for=course_id.clone()>{t.lunch.course_label}</label>
                <select id=course_id name="course">
                    {COURSES.iter().map(|c| view! { <option value=*c selected=d.course == *c>{(t.lunch.course)(c)}</option> }).collect_view()}
                </select>
            </div>
            {field("name", t.lunch.dish_name_label, "text", d.name.clone(), true)}
            {field("description", t.lunch.description_label, "text", d.description.clone(), false)}
            {field("price", t.lunch.price_label, "text", price, true)}
            {field("portions", t.lunch.portions_label, "number", d.portions.to_string(), true)}
            <fieldset class="choices allergen-choices">
                <legend>{t.lunch.allergens_label}</legend>
                {ALLERGENS.iter().map(|code| view! {
                    <label class="choice">
                        <input type="checkbox" name="allergens[]" value=*code checked=d.allergens.iter().any(|a| a == code) />
                        <Pictogram key=(*code).to_owned() />
                        " "
                        {(t.lunch.allergen)(code)}
                    </label>
                }).collect_view()}
            </fieldset>
            {field("labels", t.lunch.labels_label, "text", d.labels.join(", "), false)}
            <button type="submit">{if dish_id.is_some() { t.accounts.save } else { t.lunch.add_dish }}</button>
        </ActionForm>
    }
}

// --- The kitchen ---

#[component]
pub fn KitchenPage() -> impl IntoView {
    let t = use_texts();
    let id = id_param("id");
    let data = Resource::new(move || id, get_kitchen);
    let status = ServerAction::<SetLunchOrderStatus>::new();
    let error = move || status.value().get().and_then(Result::err);
    view! {
        <Title text=title(t, t.lunch.kitchen_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(kitchen) => view! { <KitchenView kitchen status error=Signal::derive(error) /> }.into_any(),
                    Err(AppError::NotFound) if id.is_none() => view! {
                        <section class="page"><h1>{t.lunch.kitchen_title}</h1><p>{t.lunch.no_service}</p></section>
                    }.into_any(),
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn KitchenView(
    kitchen: Kitchen,
    status: ServerAction<SetLunchOrderStatus>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let t = use_texts();
    let service = kitchen.menu.service.clone();
    let totals = kitchen.totals;
    let orders = kitchen.orders;
    let windows: Vec<PickupWindow> = kitchen.menu.windows.clone();
    view! {
        <section class="page kitchen">
            <h1>{format!("{} · {}", t.lunch.kitchen_title, service_date(t, &service.day))}</h1>
            <p class="lead">{hours(&service)}</p>
            {move || error.get().map(|error| view! { <ErrorNotice error /> })}
            <nav class="service-switch no-print" aria-label=t.lunch.other_services>
                <ul>
                    {kitchen.services.iter().map(|s| view! {
                        <li><a href=format!("/cuisine/{}", s.id) aria-current=(s.id == service.id).then_some("page")>{service_date(t, &s.day)}</a></li>
                    }).collect_view()}
                </ul>
            </nav>
            <p class="no-print"><a class="button button-secondary" href=format!("/cuisine/{}/commandes.csv", service.id) download>{t.lunch.csv_download}</a></p>

            <h2>{t.lunch.to_prepare}</h2>
            <table class="dish-counts">
                <thead><tr><th scope="col">{t.lunch.dish_name_label}</th><th scope="col">{t.lunch.count_ordered}</th><th scope="col">{t.lunch.portions_label}</th></tr></thead>
                <tbody>
                    {kitchen.menu.dishes.iter().map(|d| view! {
                        <tr><th scope="row">{format!("{} ({})", d.name, (t.lunch.course)(&d.course))}</th><td class="count">{d.ordered}</td><td>{d.portions}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>

            <h2>{t.lunch.totals_title}</h2>
            <dl class="totals">
                <div><dt>{t.lunch.total_orders}</dt><dd>{totals.orders}</dd></div>
                <div><dt>{t.lunch.total_portions}</dt><dd>{totals.portions}</dd></div>
                <div><dt>{t.lunch.total_collected}</dt><dd>{totals.collected}</dd></div>
                <div><dt>{t.lunch.total_takings}</dt><dd>{format_price(totals.takings_cents)}</dd></div>
            </dl>

            <h2>{t.lunch.orders_by_window}</h2>
            // Windows without orders fold into one line: the screen shows what there is to do.
            {windows.iter().filter_map(|w| {
                let of_window: Vec<LunchOrder> = orders.iter().filter(|o| o.window_id == w.id).cloned().collect();
                (!of_window.is_empty()).then(|| view! {
                    <section class="kitchen-window" aria-label=format!("{} {}", t.lunch.pickup, paris_hhmm(w.starts_at))>
                        <h3>{format!("{} · {}", paris_hhmm(w.starts_at), (t.lunch.booked)(w.booked))}</h3>
                        <ul class="kitchen-orders">
                            {of_window.into_iter().map(|o| view! { <KitchenOrderCard order=o status /> }).collect_view()}
                        </ul>
                    </section>
                })
            }).collect_view()}
            {
                let empty: Vec<String> = windows.iter()
                    .filter(|w| !orders.iter().any(|o| o.window_id == w.id))
                    .map(|w| paris_hhmm(w.starts_at))
                    .collect();
                (!empty.is_empty()).then(|| view! {
                    <p class="hint kitchen-empty-windows">{format!("{} : {}", t.lunch.windows_without_orders, empty.join(", "))}</p>
                })
            }
            // New orders appear by themselves while the screen is on.
            <crate::ui::KeepFresh seconds=45 />
        </section>
    }
}

#[component]
fn KitchenOrderCard(order: LunchOrder, status: ServerAction<SetLunchOrderStatus>) -> impl IntoView {
    let t = use_texts();
    let id = order.id;
    let state = order.status.clone();
    let button = move |target: &'static str, label: &'static str| {
        view! {
            <ActionForm attr:novalidate=true action=status attr:class="form-inline">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="status" value=target />
                <button type="submit" class="button-secondary">{label}</button>
            </ActionForm>
        }
    };
    view! {
        <li class="card kitchen-order" class:cancelled=state == "cancelled" id=format!("commande-{id}")>
            <p>
                <strong class="reference">{order.reference.clone()}</strong>
                {format!(" · {} · {}", crate::privacy::ui::or_erased(&order.name), order.phone)}
            </p>
            <p class="meta">{format!("{} : {}", t.lunch.status_label, (t.lunch.status)(&state))}</p>
            <ul>
                {order.lines.iter().map(|l| view! { <li>{format!("{} × {}", l.quantity, l.name)}</li> }).collect_view()}
            </ul>
            <div class="no-print">
                {(state == "placed").then(|| button("ready", t.lunch.mark_ready))}
                {(state == "placed" || state == "ready").then(|| button("collected", t.lunch.mark_collected))}
                {(state == "collected").then(|| button("ready", t.lunch.undo_collected))}
            </div>
        </li>
    }
}
