//! The approval section of a pricing worksheet: its status, who decides the final deal,
//! submit, approve, reject and reopen as a chosen person, and the approval log; and the
//! approval status in words and as a badge, which the tabs and the comparison show too.
//! An approval is the final deal's decision: it is recorded in the final deal's decision
//! log, which the panel links to.

use super::Run;
use crate::components::context::{use_plan, Target};
use crate::components::decision_log::{proposal_anchor, today};
use crate::components::widgets::fields::SelectField;
use crate::model::assessment::View;
use crate::model::order;
use crate::model::{Approval, ApprovalStep, EngagementId, PersonId, PricingAction, Worksheet};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct ApprovalPanelProps {
    pub(super) engagement: EngagementId,
    pub(super) worksheet: Rc<Worksheet>,
    pub(super) run: Run,
}

/// Draft → Submitted → Approved or Rejected, decided "as" a chosen person. Those who
/// decide the final deal (the model's one rule) come first; the model refuses anyone
/// else, naming who may.
#[component]
pub(super) fn ApprovalPanel(props: &ApprovalPanelProps) -> Html {
    let plan = use_plan();
    let decider = use_state(|| None::<PersonId>);
    // The note is read from its input when a step is taken: a change event from leaving
    // the field and the click that follows it come before any re-render.
    let note = use_node_ref();
    let error = use_state(|| None::<String>);
    let Some(engagement) = plan.workspace.engagement(props.engagement) else {
        return html! {};
    };
    let ws = &props.worksheet;
    let wid = ws.id;
    let person_name = |id: PersonId| {
        plan.workspace
            .person(id)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| "a removed person".to_string())
    };
    // Those who decide the final deal first, with why; then everyone else.
    let deciders = engagement.final_deal_deciders(&plan.workspace);
    let deciders_text = engagement.final_deal_deciders_text(&plan.workspace);
    let mut people: Vec<_> = plan
        .workspace
        .people
        .iter()
        .filter(|p| !deciders.iter().any(|&(d, _)| d == p.id))
        .collect();
    order::sort_by_key(&mut people, |p| p.name.to_lowercase());
    let mut options = vec![(
        AttrValue::from(""),
        AttrValue::from("— choose who decides —"),
    )];
    options.extend(deciders.iter().map(|&(p, why)| {
        (
            AttrValue::from(p.to_string()),
            AttrValue::from(format!("{} ({})", person_name(p), why.label())),
        )
    }));
    options.extend(people.iter().map(|p| {
        (
            AttrValue::from(p.id.to_string()),
            AttrValue::from(format!("{} ({}, may not decide)", p.name, p.group.label())),
        )
    }));
    let who_decides = match &deciders_text {
        Some(who) => format!("Who decides the final deal: {who}."),
        None => format!(
            "Nobody may decide the final deal yet: on the {} view, make someone Accountable for engagement management, or give a sponsor a role in this engagement.",
            View::Roles.label()
        ),
    };
    let choose_first = match &deciders_text {
        Some(who) => format!("Choose who decides first: {who}."),
        None => who_decides.clone(),
    };
    let decider_id = (*decider).filter(|id| plan.workspace.person(*id).is_some());
    let on_decider = {
        let decider = decider.clone();
        let error = error.clone();
        Callback::from(move |v: String| {
            decider.set(v.parse::<u32>().ok().map(PersonId));
            error.set(None);
            Ok(())
        })
    };
    let step = |make: Rc<dyn Fn(Option<PersonId>, String) -> Option<PricingAction>>| {
        let run = props.run.clone();
        let error = error.clone();
        let note = note.clone();
        let choose_first = choose_first.clone();
        Callback::from(move |_: MouseEvent| {
            let input = note.cast::<web_sys::HtmlInputElement>();
            let text = input
                .as_ref()
                .map(|i| i.value().trim().to_string())
                .unwrap_or_default();
            match make(decider_id, text) {
                None => error.set(Some(choose_first.clone())),
                Some(action) => match run.emit(action) {
                    Ok(()) => {
                        error.set(None);
                        if let Some(input) = &input {
                            input.set_value("");
                        }
                    }
                    Err(message) => error.set(Some(message)),
                },
            }
        })
    };
    let on_submit = step(Rc::new(move |_, _| {
        Some(PricingAction::Submit { worksheet: wid })
    }));
    let on_approve = step(Rc::new(move |by, _| {
        by.map(|by| PricingAction::Approve {
            worksheet: wid,
            by,
            date: today(),
        })
    }));
    let on_reject = step(Rc::new(move |by, note| {
        by.map(|by| PricingAction::Reject {
            worksheet: wid,
            by,
            note,
        })
    }));
    let on_reopen = step(Rc::new(move |by, note| {
        by.map(|by| PricingAction::Reopen {
            worksheet: wid,
            by,
            note,
        })
    }));
    let can_submit = matches!(ws.approval, Approval::Draft | Approval::Rejected { .. });
    let deciding = matches!(ws.approval, Approval::Submitted);
    let approved = matches!(ws.approval, Approval::Approved { .. });
    let status = match &ws.approval {
        Approval::Approved { by } => format!("Approved by {}", person_name(*by)),
        Approval::Rejected { by } => format!("Rejected by {}", person_name(*by)),
        other => approval_words(other).to_string(),
    };
    // The decision in the final deal's log that approved it.
    let decided = engagement
        .deal_decision(&plan.workspace, wid)
        .map(|p| (p.id, p.date.clone()));
    let on_see_decision = decided.as_ref().map(|(p, _)| {
        let navigate = plan.navigate.clone();
        let anchor = proposal_anchor(*p);
        Callback::from(move |_: MouseEvent| {
            navigate.emit(Target::focus(View::Governance, anchor.clone()))
        })
    });
    let step_words = |s: ApprovalStep| match s {
        ApprovalStep::Submitted => "Submitted",
        ApprovalStep::Approved => "Approved",
        ApprovalStep::Rejected => "Rejected",
        ApprovalStep::Reopened => "Reopened",
    };
    html! {
        <section class="approval" aria-labelledby="approval-title" data-testid="approval">
            <h4 id="approval-title">{ "Approval" }</h4>
            <p>{ "Status: " }<strong data-testid="approval-status">{ status }</strong></p>
            if let Some((_, date)) = &decided {
                <p class="approval-decision" data-testid="approval-decision">
                    { format!("Approved in the decision log on {date}. ") }
                    <button type="button" class="link-button" onclick={on_see_decision.clone().unwrap_or_default()}>
                        { "See the decision on the Governance view" }</button>
                </p>
            }
            <p class="approval-deciders" data-testid="approval-deciders">{ who_decides }</p>
            <div class="approval-controls">
                <button type="button" onclick={on_submit} disabled={!can_submit}>{ "Submit for approval" }</button>
                <SelectField label="Decide as" options={options}
                    selected={AttrValue::from(decider_id.map(|p| p.to_string()).unwrap_or_default())} on_change={on_decider} />
                <div class="field">
                    <label class="field-label" for="approval-note">{ "Note (optional)" }</label>
                    <input id="approval-note" ref={note} type="text" maxlength="500" />
                </div>
                <button type="button" class="primary" onclick={on_approve} disabled={!deciding}>{ "Approve" }</button>
                <button type="button" class="danger" onclick={on_reject} disabled={!deciding}>{ "Reject" }</button>
                <button type="button" onclick={on_reopen} disabled={!approved}>{ "Reopen" }</button>
            </div>
            if let Some(message) = (*error).clone() {
                <p class="field-error approval-error" role="alert" data-testid="approval-error">{ message }</p>
            }
            if ws.log.is_empty() {
                <p class="empty">{ "No approval steps yet." }</p>
            } else {
                <ol class="approval-log" aria-label="Approval log" data-testid="approval-log">
                    { for ws.log.iter().map(|ev| html! {
                        <li>
                            <strong>{ step_words(ev.step) }</strong>
                            { ev.by.map(|p| format!(" by {}", person_name(p))).unwrap_or_default() }
                            if !ev.note.is_empty() { { format!(": {}", ev.note) } }
                        </li>
                    }) }
                </ol>
            }
        </section>
    }
}

pub(super) fn approval_words(a: &Approval) -> &'static str {
    match a {
        Approval::Draft => "Draft",
        Approval::Submitted => "Submitted",
        Approval::Approved { .. } => "Approved",
        Approval::Rejected { .. } => "Rejected",
    }
}

pub(super) fn approval_badge(a: &Approval) -> Html {
    let class = match a {
        Approval::Draft => "badge",
        Approval::Submitted => "badge-advice",
        Approval::Approved { .. } => "badge-ok",
        Approval::Rejected { .. } => "badge-danger",
    };
    html! { <span class={classes!("badge", class)}>{ approval_words(a) }</span> }
}
