//! The organization's standard in the Health view (`model::standard`): beside each
//! departure (a check-16 finding) "Apply the standard here" and "Accept departure…" with
//! its reason; "Apply the whole standard" when there are several; the departures
//! accepted so far, with their reasons and "Withdraw acceptance"; and the standard of the
//! engagement's kind itself, with the sign-offs it requires, making this engagement's
//! process the standard (after a confirmation), and putting back the built-in one.
//!
//! Every change goes through the plan's `try_apply`, so a refusal shows where it was
//! asked for, and the status line says what happened.

use super::context::{use_plan, Plan};
use super::widgets::fields::Checkbox;
use super::widgets::focus::use_focus_request;
use crate::model::limits::TEXT_MAX;
use crate::model::standard::{departures, Standard};
use crate::model::{Action, DepartureKey, EngagementId, SignOffParty};
use crate::view::health::{
    accept_label, adopt_warning, applied_all_words, applied_words, apply_label, departure_anchor,
    method_text, report_text, standard_title, withdraw_label,
};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

/// The selector of the Health view's summary, where the focus goes when nothing nearer
/// is left.
pub const SUMMARY: &str = "[data-testid=health-summary]";

/// Focuses the first of several elements (CSS selectors, in order of preference) that
/// exists after the next render. Held by the Health view, which stays while the finding
/// that asked disappears.
#[hook]
pub fn use_focus_first() -> Callback<Vec<String>> {
    let state = use_state(|| (0u32, Vec::<String>::new()));
    let seq = use_mut_ref(|| 0u32);
    use_effect_with((*state).clone(), |(_, selectors)| {
        let document = gloo::utils::document();
        let found = selectors.iter().find_map(|s| {
            document
                .query_selector(s)
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<HtmlElement>().ok())
        });
        if let Some(el) = found {
            let _ = el.focus();
        }
    });
    let setter = state.setter();
    use_callback((), move |selectors: Vec<String>, _| {
        let mut n = seq.borrow_mut();
        *n = n.wrapping_add(1);
        setter.set((*n, selectors));
    })
}

/// Applies an action through `try_apply`: on success clears the refusal shown and
/// announces `said`; on a refusal shows it in `error`. Answers whether it was applied.
fn apply_and_say(
    plan: &Plan,
    error: &UseStateHandle<Option<String>>,
    action: Action,
    said: String,
) -> bool {
    match plan.try_apply.emit(action) {
        Ok(()) => {
            error.set(None);
            plan.announce.emit(said);
            true
        }
        Err(refused) => {
            error.set(Some(refused.to_string()));
            false
        }
    }
}

fn id_selector(id: String) -> String {
    format!("#{id}")
}

/// Where the focus goes once a departure is gone: the next open departure's "Apply"
/// button, or the one before, or the summary.
fn after_departure(key: &DepartureKey, open: &[DepartureKey]) -> Vec<String> {
    let at = open.iter().position(|k| k == key).unwrap_or(open.len());
    let after = open.iter().skip(at + 1);
    let before = open.iter().take(at).rev();
    after
        .chain(before)
        .map(|k| id_selector(format!("{}-apply", departure_anchor(k))))
        .chain([SUMMARY.to_string()])
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct DepartureActionsProps {
    pub engagement: EngagementId,
    pub departure: DepartureKey,
    /// The finding's message, for the buttons' names.
    pub message: AttrValue,
    /// The engagement's open departures in the order shown, for where the focus goes.
    pub open: Vec<DepartureKey>,
    /// The Health view's [`use_focus_first`].
    pub focus: Callback<Vec<String>>,
    /// Shown after the two buttons, on their line (the finding's "Fix in …" link).
    #[prop_or_default]
    pub children: Html,
}

/// A departure's two ways out, beside its finding: apply the standard here, or accept
/// the departure with a reason (an inline field; an empty reason is refused beside it).
#[component]
pub fn DepartureActions(props: &DepartureActionsProps) -> Html {
    let plan = use_plan();
    let accepting = use_state_eq(|| false);
    let error = use_state_eq(|| None::<String>);
    let reason_error = use_state_eq(|| None::<String>);
    let local_focus = use_focus_request();
    let anchor = departure_anchor(&props.departure);
    let message_id = format!("{anchor}-message");
    let reason_id = format!("{anchor}-reason");

    let on_apply = {
        let plan = plan.clone();
        let key = props.departure.clone();
        let engagement = props.engagement;
        let error = error.clone();
        let focus = props.focus.clone();
        let next = after_departure(&props.departure, &props.open);
        Callback::from(move |_: MouseEvent| {
            let action = Action::ApplyStandard {
                engagement,
                departure: Some(key.clone()),
            };
            if apply_and_say(&plan, &error, action, applied_words(&key)) {
                focus.emit(next.clone());
            }
        })
    };
    let on_open = {
        let accepting = accepting.clone();
        let reason_error = reason_error.clone();
        let local_focus = local_focus.clone();
        let reason = id_selector(reason_id.clone());
        Callback::from(move |_: MouseEvent| {
            reason_error.set(None);
            accepting.set(true);
            local_focus.focus(reason.clone());
        })
    };
    let cancel = {
        let accepting = accepting.clone();
        let reason_error = reason_error.clone();
        let local_focus = local_focus.clone();
        let back = id_selector(format!("{anchor}-accept"));
        Callback::from(move |()| {
            reason_error.set(None);
            accepting.set(false);
            local_focus.focus(back.clone());
        })
    };
    let on_cancel = cancel.reform(|_: MouseEvent| ());
    // Escape in the reason form is its Cancel.
    let on_key = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            cancel.emit(());
        }
    });
    let on_accept = {
        let plan = plan.clone();
        let key = props.departure.clone();
        let engagement = props.engagement;
        let accepting = accepting.clone();
        let reason_error = reason_error.clone();
        let focus = props.focus.clone();
        let withdraw = id_selector(format!("{anchor}-withdraw"));
        let message = props.message.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let form: web_sys::Element = e.target_unchecked_into();
            let reason = form
                .query_selector("input")
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<HtmlInputElement>().ok())
                .map(|i| i.value())
                .unwrap_or_default();
            let result = plan.try_apply.emit(Action::AcceptDeparture {
                engagement,
                departure: key.clone(),
                reason,
            });
            match result {
                Ok(()) => {
                    reason_error.set(None);
                    accepting.set(false);
                    plan.announce.emit(format!(
                        "Accepted the departure: {} The reason is kept with the plan.",
                        message.trim()
                    ));
                    focus.emit(vec![withdraw.clone(), SUMMARY.to_string()]);
                }
                Err(refused) => reason_error.set(Some(refused.to_string())),
            }
        })
    };

    let reason_error_id = format!("{reason_id}-error");
    let describedby = match &*reason_error {
        Some(_) => format!("{reason_error_id} {message_id}"),
        None => message_id.clone(),
    };
    html! {
        <div class="departure-actions no-print" data-testid="departure-actions">
            <div class="departure-buttons">
                <button type="button" class="primary" id={format!("{anchor}-apply")}
                    aria-label={apply_label(&props.departure)} onclick={on_apply}>
                    { "Apply the standard here" }
                </button>
                <button type="button" id={format!("{anchor}-accept")} aria-label={accept_label(&props.message)}
                    aria-expanded={if *accepting { "true" } else { "false" }} onclick={on_open}>
                    { "Accept departure\u{2026}" }
                </button>
                { props.children.clone() }
            </div>
            if let Some(message) = &*error {
                <p class="field-error" role="alert">{ message }</p>
            }
            if *accepting {
                <form class="departure-reason" onsubmit={on_accept} onkeydown={on_key}>
                    <div class="field">
                        <label class="field-label" for={reason_id.clone()}>{ "Why this engagement departs" }</label>
                        <input id={reason_id.clone()} type="text" maxlength={TEXT_MAX.to_string()}
                            aria-invalid={reason_error.is_some().then_some("true")}
                            aria-describedby={describedby} />
                        if let Some(message) = &*reason_error {
                            <span class="field-error" id={reason_error_id} role="alert">{ message }</span>
                        }
                    </div>
                    <button type="submit" class="primary">{ "Accept" }</button>
                    <button type="button" onclick={on_cancel}>{ "Cancel" }</button>
                </form>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ApplyAllProps {
    pub engagement: EngagementId,
    /// How many departures are open.
    pub open: usize,
    pub focus: Callback<Vec<String>>,
}

/// "Apply the whole standard": every open departure fixed in one undoable step. Shown
/// when there are two or more.
#[component]
pub fn ApplyAll(props: &ApplyAllProps) -> Html {
    let plan = use_plan();
    let error = use_state_eq(|| None::<String>);
    if props.open < 2 {
        return html! {};
    }
    let onclick = {
        let plan = plan.clone();
        let engagement = props.engagement;
        let n = props.open;
        let error = error.clone();
        let focus = props.focus.clone();
        Callback::from(move |_: MouseEvent| {
            let name = plan
                .workspace
                .engagement(engagement)
                .map(|e| e.name.clone())
                .unwrap_or_default();
            let action = Action::ApplyStandard {
                engagement,
                departure: None,
            };
            if apply_and_say(&plan, &error, action, applied_all_words(n, &name)) {
                focus.emit(vec![SUMMARY.to_string()]);
            }
        })
    };
    html! {
        <div class="standard-apply-all no-print">
            <p>
                { format!("{} departures from the organization's standard are open. ", props.open) }
                <button type="button" class="primary" {onclick}>{ "Apply the whole standard" }</button>
            </p>
            if let Some(message) = &*error {
                <p class="field-error" role="alert">{ message }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct AcceptedDeparturesProps {
    pub engagement: EngagementId,
    pub focus: Callback<Vec<String>>,
}

/// The departures accepted so far: what departs, why, and "Withdraw acceptance".
#[component]
pub fn AcceptedDepartures(props: &AcceptedDeparturesProps) -> Html {
    let plan = use_plan();
    let error = use_state_eq(|| None::<String>);
    let Some(e) = plan.workspace.engagement(props.engagement) else {
        return html! {};
    };
    let accepted: Vec<_> = departures(&plan.workspace, e)
        .into_iter()
        .filter(|d| d.accepted.is_some())
        .collect();
    if accepted.is_empty() {
        return html! {};
    }
    // Counted from the departures there are: an acceptance whose departure has gone
    // since (the item brought in line by hand) is neither listed nor counted.
    let count = accepted.len();
    let items = accepted.into_iter().map(|d| {
        let anchor = departure_anchor(&d.key);
        let onclick = {
            let plan = plan.clone();
            let engagement = props.engagement;
            let key = d.key.clone();
            let error = error.clone();
            let focus = props.focus.clone();
            let message = d.message.clone();
            let apply = id_selector(format!("{anchor}-apply"));
            Callback::from(move |_: MouseEvent| {
                let action = Action::WithdrawAcceptance {
                    engagement,
                    departure: key.clone(),
                };
                let said = format!(
                    "Withdrew the acceptance: {} It is a finding again.",
                    message.trim()
                );
                if apply_and_say(&plan, &error, action, said) {
                    focus.emit(vec![apply.clone(), SUMMARY.to_string()]);
                }
            })
        };
        html! {
            <li key={anchor.clone()} class="accepted-departure" data-testid="accepted-departure">
                <p class="accepted-what">{ &d.message }</p>
                <p class="accepted-reason"><strong>{ "Reason: " }</strong>{ d.accepted.clone().unwrap_or_default() }</p>
                <button type="button" class="no-print" id={format!("{anchor}-withdraw")}
                    aria-label={withdraw_label(&d.message)} {onclick}>{ "Withdraw acceptance" }</button>
            </li>
        }
    });
    html! {
        <section class="accepted-departures" aria-labelledby="accepted-departures-title">
            <h3 id="accepted-departures-title">
                { format!("Accepted departures from the standard ({count})") }
            </h3>
            <p class="accepted-intro">{ "These differ from the organization's standard on purpose; check 16 does not report them." }</p>
            if let Some(message) = &*error {
                <p class="field-error" role="alert">{ message }</p>
            }
            <ul class="accepted-list">{ for items }</ul>
        </section>
    }
}

/// The organization's standard for the current engagement's kind: what it requires,
/// the sign-offs it requires (checkboxes), making this engagement's process the
/// standard (after a confirmation) and putting back the built-in one.
#[component]
pub fn StandardSection() -> Html {
    let plan = use_plan();
    let confirming = use_state_eq(|| false);
    let error = use_state_eq(|| None::<String>);
    let focus = use_focus_request();
    let Some(e) = plan.current() else {
        return html! {};
    };
    let engagement = e.id;
    let relationship = e.relationship;
    let kind = crate::model::standard::variant_label(relationship);
    let process = plan.workspace.standard.process(relationship);
    let built_in = process == Standard::built_in().process(relationship);

    let signoffs = SignOffParty::ALL.iter().map(|&party| {
        let on_change = {
            let plan = plan.clone();
            Callback::from(move |required: bool| {
                plan.try_apply.emit(Action::SetStandardSignOff {
                    relationship,
                    party,
                    required,
                })?;
                plan.announce.emit(format!(
                    "The {kind} standard {} {}'s sign-off.",
                    if required { "now requires" } else { "no longer requires" },
                    party.label()
                ));
                Ok(())
            })
        };
        html! {
            <Checkbox label={party.label()} checked={process.signoffs.contains(&party)} {on_change} />
        }
    });

    // Opens or closes the confirmation, with the focus on its first button or back on
    // the button that opened it.
    let confirm = |open: bool| {
        let confirming = confirming.clone();
        let focus = focus.clone();
        let target = if open {
            "#standard-adopt-confirm"
        } else {
            "#standard-adopt"
        };
        Callback::from(move |_: MouseEvent| {
            confirming.set(open);
            focus.focus(target);
        })
    };
    let on_ask = confirm(true);
    let on_cancel = confirm(false);
    let on_adopt = {
        let plan = plan.clone();
        let confirming = confirming.clone();
        let error = error.clone();
        let focus = focus.clone();
        let name = e.name.clone();
        Callback::from(move |_: MouseEvent| {
            let action = Action::AdoptStandard { from: engagement };
            let said = format!("{name}'s process is now the standard for {kind} engagements.");
            if apply_and_say(&plan, &error, action, said) {
                confirming.set(false);
                focus.focus("#standard-title");
            }
        })
    };
    let on_reset = {
        let plan = plan.clone();
        let error = error.clone();
        let focus = focus.clone();
        Callback::from(move |_: MouseEvent| {
            let action = Action::ResetStandard { relationship };
            let said = format!("Put back the built-in standard for {kind} engagements.");
            if apply_and_say(&plan, &error, action, said) {
                focus.focus("#standard-title");
            }
        })
    };

    html! {
        <section class="standard-section" aria-labelledby="standard-title" data-testid="standard-section">
            <h3 id="standard-title" tabindex="-1">{ standard_title(relationship) }</h3>
            <p class="standard-intro">
                { format!("What the organization requires of every {kind} engagement. New {kind} engagements start from it, and check 16 compares {} with it. ", e.name) }
                { if built_in { "This is the built-in standard." } else { "The organization has defined its own." } }
            </p>
            <div class="standard-lists">
                <section aria-labelledby="standard-functions">
                    <h4 id="standard-functions">{ format!("Functions ({})", process.functions.len()) }</h4>
                    <ul>{ for process.functions.iter().map(|f| html! { <li>{ &f.name }</li> }) }</ul>
                </section>
                <section aria-labelledby="standard-decisions">
                    <h4 id="standard-decisions">{ format!("Decision areas ({})", process.decisions.len()) }</h4>
                    <ul>{ for process.decisions.iter().map(|d| html! {
                        <li><span class="standard-name">{ &d.name }</span>{ ": " }<span class="standard-detail">{ method_text(d.method) }</span></li>
                    }) }</ul>
                </section>
                <section aria-labelledby="standard-reports">
                    <h4 id="standard-reports">{ format!("Reports ({})", process.reports.len()) }</h4>
                    <ul>{ for process.reports.iter().map(|r| html! {
                        <li><span class="standard-name">{ &r.name }</span>{ ": " }<span class="standard-detail">{ report_text(r) }</span></li>
                    }) }</ul>
                </section>
            </div>
            <fieldset class="standard-signoffs">
                <legend>{ "Sign-offs the standard requires (check 14)" }</legend>
                { for signoffs }
            </fieldset>
            <div class="standard-actions no-print">
                <button type="button" id="standard-adopt" aria-expanded={if *confirming { "true" } else { "false" }} onclick={on_ask}>
                    { format!("Make this engagement's process the standard for {kind} engagements") }
                </button>
                <button type="button" onclick={on_reset} disabled={built_in}>{ "Put back the built-in standard" }</button>
            </div>
            if *confirming {
                <div class="standard-confirm no-print" role="group" aria-labelledby="standard-confirm-text">
                    <p id="standard-confirm-text">{ adopt_warning(relationship, e) }</p>
                    <button type="button" class="primary" id="standard-adopt-confirm"
                        aria-describedby="standard-confirm-text" onclick={on_adopt}>
                        { format!("Make it the {kind} standard") }
                    </button>
                    <button type="button" onclick={on_cancel}>{ "Cancel" }</button>
                </div>
            }
            if let Some(message) = &*error {
                <p class="field-error" role="alert">{ message }</p>
            }
        </section>
    }
}
