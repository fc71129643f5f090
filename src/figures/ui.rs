//! `/equipe/chiffres`: the key figures of a period, each with how it is counted; monthly charts
//! drawn as SVG on the server, each followed by the same numbers as a table; the CSV; the
//! opening balance. A print stylesheet makes an A4 report of it.

use super::{
    Figure, KeyFigures, OPENING_FIELDS, Series,
    api::{SaveFiguresOpening, get_key_figures},
    format_value,
};
use crate::{
    accounts::ui::Refusal,
    i18n::{Catalogue, use_texts},
    ui::{
        ErrorNotice,
        forms::TextField,
        time::{civil, days_from_civil, format_date},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// "12 décembre 2026".
fn long_date(t: &Catalogue, day: i64) -> String {
    let (y, m, d) = civil(day);
    format!("{d} {} {y}", t.common.months[(m - 1) as usize])
}

#[component]
fn FigureList(figures: Vec<Figure>) -> impl IntoView {
    let t = use_texts();
    let f = &t.figures;
    view! {
        <dl class="figures">
            {figures.into_iter().map(|figure| view! {
                <div class="figure">
                    <dt>{(f.label)(&figure.key)}</dt>
                    <dd class="figure-value">{format_value(figure.value, &figure.unit)}{(f.unit)(&figure.unit)}</dd>
                    <dd class="figure-definition">{(f.definition)(&figure.key)}</dd>
                </div>
            }).collect_view()}
        </dl>
    }
}

/// A bar chart of a series, then its table: the same numbers for those who cannot see it.
#[component]
fn Chart(series: Series) -> impl IntoView {
    let t = use_texts();
    let f = &t.figures;
    let title = (f.label)(&series.key);
    let id = format!("chart-{}", series.key);
    let (width, height, base) = (320.0_f32, 150.0_f32, 130.0_f32);
    let n = series.points.len().max(1) as f32;
    let max = series
        .points
        .iter()
        .map(|(_, v)| *v)
        .max()
        .unwrap_or(0)
        .max(1) as f32;
    let slot = (width - 10.0) / n;
    let bars = series
        .points
        .iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let h = (*value as f32 / max) * (base - 10.0);
            let x = 5.0 + i as f32 * slot + slot * 0.15;
            let short = label.rsplit('-').next().unwrap_or(label).to_owned();
            // Every label while they fit, else every other one.
            let show = n <= 12.0 || i % 2 == 0;
            view! {
                <rect x=format!("{x:.1}") y=format!("{:.1}", base - h) width=format!("{:.1}", slot * 0.7) height=format!("{h:.1}") class="bar" />
                {show.then(|| view! {
                    <text x=format!("{:.1}", x + slot * 0.35) y="146" text-anchor="middle" class="axis">{short}</text>
                })}
            }
        })
        .collect_view();
    view! {
        <figure class="chart" aria-labelledby=id.clone()>
            <figcaption id=id.clone()>{title}</figcaption>
            <svg viewBox=format!("0 0 {width} {height}") width="100%" role="img" aria-label=title focusable="false">
                <line x1="5" y1=base.to_string() x2=(width - 5.0).to_string() y2=base.to_string() class="baseline" />
                {bars}
            </svg>
            <div class="table-scroll" tabindex="0" role="region" aria-label=title>
                <table class="data-table">
                    <caption class="visually-hidden">{title}</caption>
                    <thead><tr><th scope="col">{f.month}</th><th scope="col">{title}</th></tr></thead>
                    <tbody>
                        {series.points.iter().map(|(label, value)| view! {
                            <tr><th scope="row">{label.clone()}</th><td>{format_value(*value, &series.unit)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </figure>
    }
}

/// `/equipe/chiffres`.
#[component]
pub fn KeyFiguresPage() -> impl IntoView {
    let t = use_texts();
    let (du, au, depuis, saved) = use_query_map().with_untracked(|q| {
        (
            q.get("du"),
            q.get("au"),
            q.get("depuis"),
            q.get("enregistre").is_some(),
        )
    });
    let query = {
        let mut parts = Vec::new();
        if let Some(du) = &du {
            parts.push(format!("du={du}"));
        }
        if let Some(au) = &au {
            parts.push(format!("au={au}"));
        }
        if let Some(depuis) = &depuis {
            parts.push(format!("depuis={depuis}"));
        }
        parts.join("&")
    };
    let data = Resource::new(
        move || (du.clone(), au.clone(), depuis.clone()),
        |(du, au, depuis)| get_key_figures(du, au, depuis),
    );
    let opening = ServerAction::<SaveFiguresOpening>::new();
    let error = Signal::derive(move || opening.value().get().and_then(Result::err));
    view! {
        <Title text=format!("{} · {}", t.figures.title, t.common.app_name) />
        <Suspense>
            {move || {
                let query = query.clone();
                Suspend::new(async move {
                    let figures: KeyFigures = match data.await {
                        Ok(figures) => figures,
                        Err(error) => return view! { <Refusal error /> }.into_any(),
                    };
                    let f = &t.figures;
                    let period = figures.period;
                    let (year, _, _) = civil(figures.today);
                    let quarter = move |q: i64| {
                        let from = days_from_civil(year, 3 * q - 2, 1);
                        let to = days_from_civil(year + q / 4, (3 * q) % 12 + 1, 1) - 1;
                        format!("/equipe/chiffres?du={}&au={}", format_date(from), format_date(to))
                    };
                    let heading = if period.since_start {
                        (f.since_start_heading)(&figures.opening.as_of)
                    } else {
                        (f.period_heading)(&long_date(t, period.from), &long_date(t, period.to))
                    };
                    let csv = format!("/equipe/chiffres/export.csv?{query}");
                    let o = figures.opening.clone();
                    view! {
                        <section class="page key-figures">
                            <h1>{f.title}</h1>
                            {saved.then(|| view! { <p class="notice notice-ok no-print" role="status">{t.accounts.saved}</p> })}
                            {move || error.get().map(|error| view! { <div class="no-print"><ErrorNotice error /></div> })}
                            <nav class="period-links no-print" aria-label=f.periods>
                                <ul class="link-list">
                                    <li><a href=format!("/equipe/chiffres?du={year}-01-01")>{f.this_year}</a></li>
                                    <li><a href=format!("/equipe/chiffres?du={}-01-01&au={}-12-31", year - 1, year - 1)>{f.last_year}</a></li>
                                    {(1..=4).map(|q| view! { <li><a href=quarter(q)>{(f.quarter)(q, year)}</a></li> }).collect_view()}
                                    <li><a href="/equipe/chiffres?depuis=debut">{f.since_start}</a></li>
                                </ul>
                                <form method="get" action="/equipe/chiffres" class="filters">
                                    <div class="field">
                                        <label for="du">{f.from}</label>
                                        <input id="du" name="du" type="date" value=period.from_day() />
                                    </div>
                                    <div class="field">
                                        <label for="au">{f.to}</label>
                                        <input id="au" name="au" type="date" value=period.to_day() />
                                    </div>
                                    <button type="submit" class="button-secondary">{f.show}</button>
                                </form>
                            </nav>
                            <h2 class="period-heading">{heading}</h2>
                            {period.since_start.then(|| view! { <p class="hint">{(f.opening_note)(&o.as_of)}</p> })}

                            <h2>{f.people_title}</h2>
                            <FigureList figures=figures.people.clone() />
                            <h2>{f.public_title}</h2>
                            <p class="hint">{f.public_hint}</p>
                            <FigureList figures=figures.public.clone() />
                            <h2>{f.activity_title}</h2>
                            <FigureList figures=figures.activity.clone() />

                            <h2>{f.monthly_title}</h2>
                            <div class="charts">
                                {figures.series.clone().into_iter().map(|series| view! { <Chart series /> }).collect_view()}
                            </div>

                            <p class="no-print"><a class="button" href=csv download="">{f.download_csv}</a></p>
                            <p class="no-print hint">{f.print_hint}</p>

                            <details class="no-print">
                                <summary>{f.opening_title}</summary>
                                <p class="hint">{f.opening_hint}</p>
                                <ActionForm attr:novalidate=true action=opening attr:class="form">
                                    <TextField name="as_of" label=f.as_of kind="date" autocomplete="off" required=true value=o.as_of.clone() error />
                                    {OPENING_FIELDS.iter().map(|field| view! {
                                        <TextField name=field label=(f.label)(field) kind="number" autocomplete="off" value=o.get(field).to_string() error />
                                    }).collect_view()}
                                    <button type="submit">{t.accounts.save}</button>
                                </ActionForm>
                            </details>
                        </section>
                    }.into_any()
                })
            }}
        </Suspense>
    }
}
