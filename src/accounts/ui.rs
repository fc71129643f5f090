//! Pages of accounts: sign-in, "Mon compte", the invitation link, and the staff space
//! (participants, staff, invitation cards, audit log). Every page asks its server function,
//! which decides who may see it; a refusal renders as a French message with its HTTP status.

use super::{
    AuditEntry, Person, Role,
    api::{
        AcknowledgeRecoveryCodes, ChangePassword, ChangeRole, ClaimInvitation, ConfirmSecondFactor,
        CreateParticipant, CreateStaff, DisableSecondFactor, IssueInvitation, SecondFactorStatus,
        SetPersonActive, SignIn, SignOut, SignOutEverywhere, SignOutPerson, StartSecondFactor,
        UpdatePerson, VerifySignInCode, get_current_user, get_invitation, get_invitation_card,
        get_person, get_recovery_codes, get_second_factor_setup, get_second_factor_status,
        list_audit, list_participants, list_sectors, list_staff,
    },
};
use crate::{
    error::AppError,
    i18n::{Catalogue, use_texts},
    planning::Sector,
    ui::{
        ErrorNotice,
        forms::{FieldError, TextField},
        respond_with_status,
        time::format_paris,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A page's answer when its server function refused: the right status and French words.
#[component]
pub fn Refusal(error: AppError) -> impl IntoView {
    respond_with_status(error.status());
    let t = use_texts();
    let sign_in = (error == AppError::Unauthorized).then(|| {
        view! {
            <p>
                <a class="button" href="/connexion">{t.accounts.sign_in_title}</a>
            </p>
        }
    });
    // An admin who has not enrolled yet: the way to do it.
    let enrol = (error == AppError::SecondFactorRequired).then(|| {
        view! {
            <p>
                <a class="button" href="/compte">{t.accounts.account_title}</a>
            </p>
        }
    });
    view! {
        <section class="page">
            <h1>{t.errors.title}</h1>
            <ErrorNotice error />
            {sign_in}
            {enrol}
        </section>
    }
}

fn query_flag(name: &'static str) -> bool {
    use_query_map().with_untracked(|q| q.get(name).is_some())
}

fn title(t: &Catalogue, page: &str) -> String {
    format!("{page} · {}", t.common.app_name)
}

fn role_name(t: &Catalogue, role: Role) -> &'static str {
    match role {
        Role::Admin => t.accounts.role_admin,
        Role::Staff => t.accounts.role_staff,
        Role::Participant => t.accounts.role_participant,
    }
}

// --- Sign-in ---

#[component]
pub fn SignInPage() -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<SignIn>::new();
    let error = move || action.value().get().and_then(Result::err);
    let signed_out = query_flag("sortie");
    view! {
        <Title text=title(t, t.accounts.sign_in_title) />
        <section class="page narrow">
            <h1>{t.accounts.sign_in_title}</h1>
            {signed_out.then(|| view! { <p class="notice notice-ok" role="status">{t.accounts.signed_out}</p> })}
            <p>{t.accounts.sign_in_intro}</p>
            {move || error().map(|error| view! { <ErrorNotice error /> })}
            <ActionForm attr:novalidate=true action attr:class="form">
                <TextField name="login" label=t.accounts.login_label kind="text" autocomplete="username" required=true error=Signal::derive(error) />
                <TextField name="password" label=t.accounts.password_label kind="password" autocomplete="current-password" required=true error=Signal::derive(error) />
                <button type="submit">{t.accounts.sign_in_button}</button>
            </ActionForm>
            <p class="hint">{t.accounts.participant_hint}</p>
        </section>
    }
}

// --- Mon compte ---

#[component]
pub fn AccountPage() -> impl IntoView {
    let t = use_texts();
    let user = Resource::new(|| (), |_| get_current_user());
    // Staff and admins only: the second factor's state.
    let factor = Resource::new(
        || (),
        |_| async {
            match get_current_user().await? {
                Some(user) if user.role.is_staff() => get_second_factor_status().await.map(Some),
                _ => Ok::<_, AppError>(None),
            }
        },
    );
    let sign_out = ServerAction::<SignOut>::new();
    let everywhere = ServerAction::<SignOutEverywhere>::new();
    let change = ServerAction::<ChangePassword>::new();
    let change_error = move || change.value().get().and_then(Result::err);
    let password_changed = query_flag("mot-de-passe");
    view! {
        <Title text=title(t, t.accounts.account_title) />
        <Suspense>
            {move || Suspend::new(async move {
                let factor = match factor.await {
                    Ok(factor) => factor,
                    Err(error) => return view! { <Refusal error /> }.into_any(),
                };
                match user.await {
                    Ok(Some(user)) => view! {
                        <section class="page narrow">
                            <h1>{t.accounts.account_title}</h1>
                            <p class="lead">{format!("{} {}", user.first_name, user.last_name)}</p>
                            <p>{role_name(t, user.role)}</p>
                            <ActionForm attr:novalidate=true action=sign_out attr:class="form-inline">
                                <button type="submit">{t.accounts.sign_out}</button>
                            </ActionForm>
                            <ActionForm attr:novalidate=true action=everywhere attr:class="form-inline">
                                <button type="submit" class="button-secondary">{t.accounts.sign_out_everywhere}</button>
                            </ActionForm>

                            <h2>{t.accounts.password_title}</h2>
                            {password_changed.then(|| view! { <p class="notice notice-ok" role="status">{t.accounts.password_changed}</p> })}
                            {(!user.has_password).then(|| view! { <p>{t.accounts.password_none_yet}</p> })}
                            {move || change_error().map(|error| view! { <ErrorNotice error /> })}
                            <ActionForm attr:novalidate=true action=change attr:class="form">
                                {if user.has_password {
                                    view! { <TextField name="current" label=t.accounts.password_current kind="password" autocomplete="current-password" required=true error=Signal::derive(change_error) /> }.into_any()
                                } else {
                                    view! { <input type="hidden" name="current" value="" /> }.into_any()
                                }}
                                <TextField name="new" label=t.accounts.password_new kind="password" autocomplete="new-password" required=true hint=t.accounts.password_rules error=Signal::derive(change_error) />
                                <TextField name="confirm" label=t.accounts.password_confirm kind="password" autocomplete="new-password" required=true error=Signal::derive(change_error) />
                                <button type="submit">{t.accounts.password_save}</button>
                            </ActionForm>
                            {factor.map(|status| view! { <SecondFactorSection status /> })}
                            <h2>{t.privacy.title}</h2>
                            <p>{t.privacy.account_download_hint}</p>
                            <p><a class="button button-secondary" href="/compte/mes-donnees.json" download="">{t.privacy.account_download}</a></p>
                        </section>
                    }.into_any(),
                    Ok(None) => view! { <Refusal error=AppError::Unauthorized /> }.into_any(),
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

// --- Second factor ---

/// "Mon compte", for staff and admins: turn the second factor on (or off, staff only).
#[component]
fn SecondFactorSection(status: SecondFactorStatus) -> impl IntoView {
    let t = use_texts();
    let f = &t.second_factor;
    let start = ServerAction::<StartSecondFactor>::new();
    let disable = ServerAction::<DisableSecondFactor>::new();
    let error = move || {
        start
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| disable.value().get().and_then(Result::err))
    };
    let enabled = query_flag("double-authentification");
    let disabled = query_flag("double-authentification-desactivee");
    let body = if status.confirmed {
        let disable_form = if status.required {
            view! { <p>{f.admin_cannot_disable}</p> }.into_any()
        } else {
            view! {
                <ActionForm attr:novalidate=true action=disable attr:class="form">
                    <TextField name="password" label=f.disable_password kind="password" autocomplete="current-password" required=true error=Signal::derive(error) />
                    <button type="submit" class="button-secondary">{f.disable}</button>
                </ActionForm>
            }
            .into_any()
        };
        view! {
            <p>{f.on}</p>
            <p>{format!("{} {}", f.codes_left, status.recovery_codes_left)}</p>
            {disable_form}
        }
        .into_any()
    } else {
        view! {
            <p>{f.intro}</p>
            {status.required.then(|| view! { <p class="notice notice-error" role="alert">{f.required_notice}</p> })}
            {status.started.then(|| view! { <p><a href="/compte/double-authentification">{f.continue_setup}</a></p> })}
            <ActionForm attr:novalidate=true action=start attr:class="form-inline">
                <button type="submit">{f.enable}</button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <h2 id="double-authentification">{f.section_title}</h2>
        {enabled.then(|| view! { <p class="notice notice-ok" role="status">{f.enabled}</p> })}
        {disabled.then(|| view! { <p class="notice notice-ok" role="status">{f.disabled}</p> })}
        {move || error().map(|error| view! { <ErrorNotice error /> })}
        {body}
    }
}

/// The QR code and the key of an unconfirmed factor, and the field for its first code.
#[component]
pub fn SecondFactorSetupPage() -> impl IntoView {
    let t = use_texts();
    let f = &t.second_factor;
    let setup = Resource::new(|| (), |_| get_second_factor_setup());
    let confirm = ServerAction::<ConfirmSecondFactor>::new();
    let error = move || confirm.value().get().and_then(Result::err);
    view! {
        <Title text=title(t, f.setup_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match setup.await {
                    Ok(setup) => view! {
                        <section class="page narrow">
                            <h1>{f.setup_title}</h1>
                            <p>{f.setup_step_scan}</p>
                            <div class="qr" role="img" aria-label=f.qr_label inner_html=setup.qr_svg></div>
                            <p>{f.setup_step_type}</p>
                            <p class="lead"><code class="secret" dir="ltr">{setup.secret}</code></p>
                            <p>{f.setup_step_code}</p>
                            {move || error().map(|error| view! { <ErrorNotice error /> })}
                            <ActionForm attr:novalidate=true action=confirm attr:class="form">
                                <TextField name="code" label=f.code_label kind="text" autocomplete="one-time-code" required=true error=Signal::derive(error) />
                                <button type="submit">{f.confirm}</button>
                            </ActionForm>
                            <p><a href="/compte">{f.back_to_account}</a></p>
                        </section>
                    }.into_any(),
                    Err(AppError::NotFound) => view! {
                        <section class="page narrow">
                            <h1>{f.setup_title}</h1>
                            <p>{f.setup_gone}</p>
                            <p><a href="/compte">{f.back_to_account}</a></p>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The 10 recovery codes, right after confirmation, until "C'est noté".
#[component]
pub fn RecoveryCodesPage() -> impl IntoView {
    let t = use_texts();
    let f = &t.second_factor;
    let codes = Resource::new(|| (), |_| get_recovery_codes());
    let done = ServerAction::<AcknowledgeRecoveryCodes>::new();
    view! {
        <Title text=title(t, f.codes_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match codes.await {
                    Ok(codes) => view! {
                        <section class="page narrow">
                            <h1>{f.codes_title}</h1>
                            <p>{f.codes_intro}</p>
                            <p class="notice notice-ok" role="status"><strong>{f.codes_print}</strong></p>
                            <ol class="recovery-codes" dir="ltr">
                                {codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
                            </ol>
                            <ActionForm attr:novalidate=true action=done attr:class="form-inline no-print">
                                <button type="submit">{f.codes_done}</button>
                            </ActionForm>
                        </section>
                    }.into_any(),
                    Err(AppError::NotFound) => view! {
                        <section class="page narrow">
                            <h1>{f.codes_title}</h1>
                            <p>{f.codes_gone}</p>
                            <p><a href="/compte">{f.back_to_account}</a></p>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// After a right password, for someone with a second factor: the code (or a recovery code).
#[component]
pub fn SignInCodePage() -> impl IntoView {
    let t = use_texts();
    let f = &t.second_factor;
    let action = ServerAction::<VerifySignInCode>::new();
    let error = move || action.value().get().and_then(Result::err);
    view! {
        <Title text=title(t, f.code_title) />
        <section class="page narrow">
            <h1>{f.code_title}</h1>
            <p>{f.code_intro}</p>
            {move || error().map(|error| view! { <ErrorNotice error /> })}
            <ActionForm attr:novalidate=true action attr:class="form">
                <TextField name="code" label=f.code_field kind="text" autocomplete="one-time-code" required=true error=Signal::derive(error) />
                <button type="submit">{f.code_submit}</button>
            </ActionForm>
            <p><a href="/connexion">{f.code_restart}</a></p>
        </section>
    }
}

// --- The invitation link ---

#[component]
pub fn InvitationPage() -> impl IntoView {
    let t = use_texts();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let preview = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        get_invitation,
    );
    let claim = ServerAction::<ClaimInvitation>::new();
    view! {
        <Title text=title(t, t.accounts.invitation_title) />
        <Suspense>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    let claim_error = claim.value().get().and_then(Result::err);
                    match (preview.await, claim_error) {
                        (Ok(preview), None) => view! {
                            <section class="page narrow">
                                <h1>{format!("{} {}", t.accounts.invitation_hello, preview.first_name)}</h1>
                                <p>{t.accounts.invitation_intro}</p>
                                <ActionForm attr:novalidate=true action=claim attr:class="form">
                                    <input type="hidden" name="token" value=token />
                                    <button type="submit" class="button-large">{t.accounts.invitation_claim}</button>
                                </ActionForm>
                                <p class="hint">{t.accounts.invitation_not_me}</p>
                            </section>
                        }.into_any(),
                        (Err(AppError::NotFound), _) | (_, Some(AppError::NotFound)) => {
                            respond_with_status(404);
                            view! {
                                <section class="page narrow">
                                    <h1>{t.accounts.invitation_title}</h1>
                                    <p class="notice notice-error" role="alert">{t.accounts.invitation_invalid}</p>
                                </section>
                            }.into_any()
                        }
                        (Err(error), _) | (_, Some(error)) => view! { <Refusal error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

// --- Staff space ---

#[component]
pub fn StaffHomePage() -> impl IntoView {
    let t = use_texts();
    let user = Resource::new(|| (), |_| get_current_user());
    view! {
        <Title text=title(t, t.nav.staff) />
        <Suspense>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(user)) if user.role.is_staff() => view! {
                        <section class="page">
                            <h1>{t.nav.staff}</h1>
                            <crate::privacy::ui::AccountsDueNotice />
                            <crate::inbox::ui::Inbox />
                            <h2>{t.inbox.all_pages}</h2>
                            <ul class="link-list">
                                <li><a href="/equipe/guichet">{t.counter.title}</a></li>
                                <li><a href="/equipe/retouches">{t.alterations.queue_title}</a></li>
                                <li><a href="/equipe/horaires">{t.home.hours_admin_title}</a></li>
                                <li><a href="/equipe/personnes">{t.accounts.participants_title}</a></li>
                                <li><a href="/equipe/parcours">{t.pathway.list_title}</a></li>
                                <li><a href="/equipe/chiffres">{t.figures.title}</a></li>
                                {(user.role == Role::Admin).then(|| view! { <li><a href="/equipe/personnel">{t.accounts.staff_title}</a></li> })}
                                <li><a href="/equipe/journal">{t.accounts.audit_title}</a></li>
                                <li><a href="/equipe/ourlets">{t.campaigns.staff_title}</a></li>
                                <li><a href="/equipe/dejeuner">{t.lunch.staff_title}</a></li>
                                <li><a href="/equipe/traiteur">{t.catering.staff_title}</a></li>
                                <li><a href="/equipe/sur-mesure">{t.made_to_order.staff_title}</a></li>
                                <li><a href="/equipe/organisations">{t.organisations.title}</a></li>
                                <li><a href="/cuisine">{t.lunch.kitchen_title}</a></li>
                                <li><a href="/equipe/planning">{t.planning.staff_link}</a></li>
                            </ul>
                        </section>
                    }.into_any(),
                    Ok(Some(_)) => view! { <Refusal error=AppError::Forbidden /> }.into_any(),
                    Ok(None) => view! { <Refusal error=AppError::Unauthorized /> }.into_any(),
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PeopleTable(people: Vec<Person>, #[prop(optional)] sectors: Vec<Sector>) -> impl IntoView {
    let t = use_texts();
    view! {
        <ul class="people">
            {people.into_iter().map(|person| view! {
                <li class="card person" class:inactive=!person.active>
                    <a href=format!("/equipe/personnes/{}", person.id)>
                        {format!("{} {}", person.first_name, person.last_name)}
                    </a>
                    <span class="meta">
                        {role_name(t, person.role)}
                        {(!person.active).then(|| format!(" · {}", t.accounts.inactive))}
                        {(!person.sectors.is_empty()).then(|| format!(" · {}", person.sectors.iter().map(|slug| sector_name(&sectors, slug)).collect::<Vec<_>>().join(", ")))}
                    </span>
                </li>
            }).collect_view()}
        </ul>
    }
}

fn sector_name(sectors: &[Sector], slug: &str) -> String {
    sectors
        .iter()
        .find(|s| s.slug == slug)
        .map_or_else(|| slug.to_owned(), |s| s.name.clone())
}

/// The active sectors, and those the person is in already (even if no longer active).
#[component]
fn SectorChoices(sectors: Vec<Sector>, chosen: Vec<String>) -> impl IntoView {
    let t = use_texts();
    view! {
        <fieldset class="choices">
            <legend>{t.accounts.sectors_label}</legend>
            {sectors.into_iter().filter(|s| s.active || chosen.contains(&s.slug)).map(|sector| {
                let checked = chosen.contains(&sector.slug);
                view! {
                    <label class="choice">
                        <input type="checkbox" name="sectors[]" value=sector.slug.clone() checked=checked />
                        {sector.name}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
pub fn ParticipantsPage() -> impl IntoView {
    let t = use_texts();
    let data = Resource::new(
        || (),
        |_| async { Ok::<_, AppError>((list_participants().await?, list_sectors().await?)) },
    );
    let create = ServerAction::<CreateParticipant>::new();
    let error = move || create.value().get().and_then(Result::err);
    view! {
        <Title text=title(t, t.accounts.participants_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((people, sectors)) => view! {
                        <section class="page">
                            <h1>{t.accounts.participants_title}</h1>
                            <PeopleTable people sectors=sectors.clone() />
                            <h2 id="nouveau">{t.accounts.participant_new}</h2>
                            {move || error().map(|error| view! { <ErrorNotice error /> })}
                            <ActionForm attr:novalidate=true action=create attr:class="form">
                                <TextField name="first_name" label=t.accounts.first_name kind="text" autocomplete="off" required=true error=Signal::derive(error) />
                                <TextField name="last_name" label=t.accounts.last_name kind="text" autocomplete="off" required=true error=Signal::derive(error) />
                                <TextField name="phone" label=t.accounts.phone_optional kind="tel" autocomplete="off" error=Signal::derive(error) />
                                <TextField name="email" label=t.accounts.email_optional kind="email" autocomplete="off" error=Signal::derive(error) />
                                <SectorChoices sectors chosen=Vec::new() />
                                <FieldError name="sectors" error=Signal::derive(error) />
                                <button type="submit">{t.accounts.create}</button>
                            </ActionForm>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn StaffListPage() -> impl IntoView {
    let t = use_texts();
    let people = Resource::new(|| (), |_| list_staff());
    let create = ServerAction::<CreateStaff>::new();
    let error = move || create.value().get().and_then(Result::err);
    view! {
        <Title text=title(t, t.accounts.staff_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match people.await {
                    Ok(people) => view! {
                        <section class="page">
                            <h1>{t.accounts.staff_title}</h1>
                            <PeopleTable people />
                            <h2>{t.accounts.staff_new}</h2>
                            <p>{t.accounts.staff_new_intro}</p>
                            {move || error().map(|error| view! { <ErrorNotice error /> })}
                            <ActionForm attr:novalidate=true action=create attr:class="form">
                                <TextField name="first_name" label=t.accounts.first_name kind="text" autocomplete="off" required=true error=Signal::derive(error) />
                                <TextField name="last_name" label=t.accounts.last_name kind="text" autocomplete="off" required=true error=Signal::derive(error) />
                                <TextField name="email" label=t.accounts.email kind="email" autocomplete="off" required=true error=Signal::derive(error) />
                                <label class="field">
                                    <span>{t.accounts.role_label}</span>
                                    <select name="role">
                                        <option value="staff">{t.accounts.role_staff}</option>
                                        <option value="admin">{t.accounts.role_admin}</option>
                                    </select>
                                </label>
                                <button type="submit">{t.accounts.create}</button>
                            </ActionForm>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn PersonPage() -> impl IntoView {
    let t = use_texts();
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let data = Resource::new(
        move || id,
        |id| async move {
            let id = id.ok_or(AppError::NotFound)?;
            let person = get_person(id).await?;
            let sectors = list_sectors().await?;
            let user = get_current_user().await?;
            let history = list_audit(Some("person".into()), Some(id.to_string())).await?;
            Ok::<_, AppError>((person, sectors, user, history))
        },
    );
    let update = ServerAction::<UpdatePerson>::new();
    let invite = ServerAction::<IssueInvitation>::new();
    let sign_out = ServerAction::<SignOutPerson>::new();
    let activate = ServerAction::<SetPersonActive>::new();
    let role = ServerAction::<ChangeRole>::new();
    let error = move || {
        update
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| invite.value().get().and_then(Result::err))
            .or_else(|| sign_out.value().get().and_then(Result::err))
            .or_else(|| activate.value().get().and_then(Result::err))
            .or_else(|| role.value().get().and_then(Result::err))
    };
    let saved = query_flag("enregistre");
    let signed_out = query_flag("deconnecte");
    view! {
        <Title text=title(t, t.accounts.person_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((person, sectors, user, history)) => {
                        let is_admin = user.as_ref().is_some_and(|u| u.role == Role::Admin);
                        let is_self = user.as_ref().is_some_and(|u| u.id == person.id);
                        let name = format!("{} {}", person.first_name, person.last_name);
                        view! {
                            <section class="page">
                                <p><a href=if person.role.is_staff() { "/equipe/personnel" } else { "/equipe/personnes" }>{t.accounts.back_to_list}</a></p>
                                <h1>{name}</h1>
                                <p class="lead">
                                    {role_name(t, person.role)}
                                    {(!person.active).then(|| format!(" · {}", t.accounts.inactive))}
                                </p>
                                {(person.role == Role::Participant).then(|| view! {
                                    <p><a href=format!("/equipe/planning/personne/{}", person.id)>{t.planning.planning_and_calendar}</a></p>
                                    {(person.role == Role::Participant).then(|| view! { <p><a href=format!("/equipe/parcours/{}", person.id)>{t.pathway.title}</a></p> })}
                                })}
                                {saved.then(|| view! { <p class="notice notice-ok" role="status">{t.accounts.saved}</p> })}
                                {signed_out.then(|| view! { <p class="notice notice-ok" role="status">{t.accounts.signed_out_person}</p> })}
                                {move || error().map(|error| view! { <ErrorNotice error /> })}

                                {person.active.then(|| view! {
                                    <h2>{t.accounts.invitation_title}</h2>
                                    <p>{t.accounts.invitation_staff_intro}</p>
                                    <ActionForm attr:novalidate=true action=invite attr:class="form-inline">
                                        <input type="hidden" name="id" value=person.id />
                                        <button type="submit">{t.accounts.invitation_issue}</button>
                                    </ActionForm>
                                })}

                                <h2>{t.accounts.details_title}</h2>
                                <ActionForm attr:novalidate=true action=update attr:class="form">
                                    <input type="hidden" name="id" value=person.id />
                                    <TextField name="first_name" label=t.accounts.first_name kind="text" autocomplete="off" required=true value=person.first_name.clone() error=Signal::derive(error) />
                                    <TextField name="last_name" label=t.accounts.last_name kind="text" autocomplete="off" required=true value=person.last_name.clone() error=Signal::derive(error) />
                                    <TextField name="phone" label=t.accounts.phone_optional kind="tel" autocomplete="off" value=person.phone.clone().unwrap_or_default() error=Signal::derive(error) />
                                    <TextField name="email" label=if person.role.is_staff() { t.accounts.email } else { t.accounts.email_optional } kind="email" autocomplete="off" value=person.email.clone().unwrap_or_default() error=Signal::derive(error) />
                                    <SectorChoices sectors chosen=person.sectors.clone() />
                                    <button type="submit">{t.accounts.save}</button>
                                </ActionForm>

                                {(is_admin && person.role.is_staff() && !is_self).then(|| view! {
                                    <h2>{t.accounts.role_label}</h2>
                                    <ActionForm attr:novalidate=true action=role attr:class="form-inline">
                                        <input type="hidden" name="id" value=person.id />
                                        <select name="role" aria-label=t.accounts.role_label>
                                            <option value="staff" selected=person.role == Role::Staff>{t.accounts.role_staff}</option>
                                            <option value="admin" selected=person.role == Role::Admin>{t.accounts.role_admin}</option>
                                        </select>
                                        <button type="submit">{t.accounts.save}</button>
                                    </ActionForm>
                                })}

                                {(!is_self).then(|| view! {
                                    <h2>{t.accounts.access_title}</h2>
                                    <ActionForm attr:novalidate=true action=sign_out attr:class="form-inline">
                                        <input type="hidden" name="id" value=person.id />
                                        <button type="submit" class="button-secondary">{t.accounts.sign_out_person}</button>
                                    </ActionForm>
                                    <ActionForm attr:novalidate=true action=activate attr:class="form-inline">
                                        <input type="hidden" name="id" value=person.id />
                                        <input type="hidden" name="active" value=(!person.active).to_string() />
                                        <button type="submit" class=if person.active { "button-danger" } else { "" }>
                                            {if person.active { t.accounts.deactivate } else { t.accounts.reactivate }}
                                        </button>
                                    </ActionForm>
                                })}

                                <crate::privacy::ui::PersonErasureSection person_id=person.id />

                                <h2>{t.accounts.history_title}</h2>
                                <AuditList entries=history />
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
pub fn InvitationCardPage() -> impl IntoView {
    let t = use_texts();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let card = Resource::new(move || token.clone(), get_invitation_card);
    view! {
        <Title text=title(t, t.accounts.invitation_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match card.await {
                    Ok(card) => view! {
                        <section class="page">
                            <p class="no-print"><a href=format!("/equipe/personnes/{}", card.person_id)>{t.accounts.back_to_person}</a></p>
                            <article class="invitation-card" aria-labelledby="card-title">
                                <h1 id="card-title">{format!("{} {} {}", t.accounts.invitation_card_for, card.first_name, card.last_name)}</h1>
                                <div class="qr" role="img" aria-label=t.accounts.invitation_qr_label inner_html=card.qr_svg></div>
                                <p>{t.accounts.invitation_card_steps}</p>
                                <p class="link"><a href=card.link.clone()>{card.link.clone()}</a></p>
                                <p class="hint">{format!("{} {}", t.accounts.invitation_valid_until, format_paris(card.expires_at))}</p>
                            </article>
                            <p class="hint no-print">{t.accounts.invitation_print_hint}</p>
                        </section>
                    }.into_any(),
                    Err(AppError::NotFound) => {
                        respond_with_status(404);
                        view! {
                            <section class="page">
                                <h1>{t.accounts.invitation_title}</h1>
                                <p class="notice notice-error" role="alert">{t.accounts.invitation_card_gone}</p>
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
fn AuditList(entries: Vec<AuditEntry>) -> impl IntoView {
    let t = use_texts();
    if entries.is_empty() {
        return view! { <p>{t.accounts.audit_empty}</p> }.into_any();
    }
    view! {
        <ol class="audit">
            {entries.into_iter().map(|entry| view! {
                <li>
                    <time>{format_paris(entry.at)}</time>
                    " · "
                    <strong>{entry.actor.unwrap_or_default()}</strong>
                    " · "
                    {(t.accounts.audit_action)(&entry.action)}
                    " · "
                    <a href=format!("/equipe/journal?object_type={}&object_id={}", entry.object_type, entry.object_id)>
                        {format!("{} #{}", entry.object_type, entry.object_id)}
                    </a>
                    {entry.detail.map(|d| format!(" ({d})"))}
                </li>
            }).collect_view()}
        </ol>
    }.into_any()
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let filter = query.with_untracked(|q| (q.get("object_type"), q.get("object_id")));
    let entries = Resource::new(
        move || filter.clone(),
        |(object_type, object_id)| list_audit(object_type, object_id),
    );
    let (object_type, object_id) = query.with_untracked(|q| {
        (
            q.get("object_type").unwrap_or_default(),
            q.get("object_id").unwrap_or_default(),
        )
    });
    view! {
        <Title text=title(t, t.accounts.audit_title) />
        <Suspense>
            {move || {
                let (object_type, object_id) = (object_type.clone(), object_id.clone());
                Suspend::new(async move {
                    match entries.await {
                        Ok(entries) => view! {
                            <section class="page">
                                <h1>{t.accounts.audit_title}</h1>
                                <form method="get" class="form filters">
                                    <TextField name="object_type" label=t.accounts.audit_object_type kind="text" autocomplete="off" value=object_type />
                                    <TextField name="object_id" label=t.accounts.audit_object_id kind="text" autocomplete="off" value=object_id />
                                    <button type="submit">{t.accounts.audit_filter}</button>
                                </form>
                                <AuditList entries />
                            </section>
                        }.into_any(),
                        Err(error) => view! { <Refusal error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
