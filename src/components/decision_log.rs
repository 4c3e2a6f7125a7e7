//! The decision log of each decision area, on the Governance view (docs/DOMAIN.md,
//! "Decisions taken"): the proposals put to the area, newest first, each with its date,
//! the people who may take part and where each stands (in the words of the area's
//! method), a reason beside each position, and the outcome with its tally and rule.
//!
//! Every change is one model action ([`Action::Propose`], [`Action::EditProposal`],
//! [`Action::SetPosition`], [`Action::RemoveProposal`]) applied through the plan's
//! `try_apply` or `dispatch`; the outcome is the model's ([`Engagement::outcome`]), and a
//! refusal (a block without a reason, someone who may not decide the final deal) is shown
//! beside the field that caused it.

use super::context::use_plan;
use super::pricing::cells::{parse_percent, OptionalPercentField};
use super::widgets::fields::{use_draft, use_field_id, SelectField, TextField};
use super::widgets::focus::focus_selector;
use crate::model::order;
use crate::model::*;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Today on the user's computer, `YYYY-MM-DD`: the model has no clock, so the date of a
/// proposal or an approval comes from here, through the action.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// The element id of a decision area's log, for links to it.
pub fn log_anchor(area: DecisionId) -> String {
    format!("decision-log-{area}")
}

/// The element id of one proposal, for links to it ("Approved in the decision log").
pub fn proposal_anchor(proposal: ProposalId) -> String {
    format!("proposal-{proposal}")
}

/// A proposal's words cut to 40 characters, for the names of its controls.
pub fn short_text(text: &str) -> String {
    if text.chars().count() > 40 {
        format!("{}\u{2026}", text.chars().take(39).collect::<String>())
    } else {
        text.to_string()
    }
}

/// What a stance's select option is valued: its place in [`Stance::ALL`]; empty for none.
fn stance_value(stance: Option<Stance>) -> String {
    stance
        .and_then(|s| Stance::ALL.iter().position(|&x| x == s))
        .map(|i| i.to_string())
        .unwrap_or_default()
}

fn stance_of(value: &str) -> Option<Stance> {
    value
        .parse::<usize>()
        .ok()
        .and_then(|i| Stance::ALL.get(i).copied())
}

/// The outcome of a proposal in words, with its class: "Passed: …", "Failed: …".
fn outcome_line(
    w: &Workspace,
    e: &Engagement,
    area: &DecisionArea,
    p: &Proposal,
) -> (String, &'static str) {
    let name = |id: PersonId| match w.person(id) {
        Some(person) => person.name.clone(),
        None => "a person since removed".to_string(),
    };
    match e.outcome(w, area, p) {
        Some(o) => {
            let class = match o.verdict {
                Verdict::Passed => "outcome-passed",
                Verdict::Failed => "outcome-failed",
                Verdict::Open => "outcome-open",
            };
            (o.summary(name), class)
        }
        None if area.kind == DecisionKind::FinalDeal && e.deal_passed(w, area, p) => (
            "Passed: approved by one of those who decide the final deal \u{2014} no method is chosen yet, so any one of them decides".to_string(),
            "outcome-passed",
        ),
        None => (
            format!(
                "Not decided: {} has no method yet; choose majority, consensus or authority above",
                area.name
            ),
            "outcome-open",
        ),
    }
}

#[derive(Properties, PartialEq)]
pub struct DecisionLogProps {
    pub engagement: EngagementId,
    pub area: DecisionArea,
}

/// One decision area's log: the "Propose" form and the proposals, newest first.
#[component]
pub fn DecisionLog(props: &DecisionLogProps) -> Html {
    let plan = use_plan();
    let Some(e) = plan.workspace.engagement(props.engagement) else {
        return html! {};
    };
    let area = &props.area;
    let heading_id = format!("{}-title", log_anchor(area.id));
    let how = match area.method {
        Some(m) => format!("Decided by {}", m.label().to_lowercase()),
        None => "No method chosen yet".to_string(),
    };
    let how = match (area.method, area.authority) {
        (Some(DecisionMethod::Authority), Some(a)) => {
            format!(
                "{how}: {} decides, everyone else advises",
                plan.workspace.person_name(a)
            )
        }
        (Some(DecisionMethod::Authority), None) => format!("{how}, but nobody is named to decide"),
        _ => how,
    };
    html! {
        <section class="decision-log" id={log_anchor(area.id)} aria-labelledby={heading_id.clone()}
            data-testid={format!("decision-log-{}", area.id)}>
            <h4 id={heading_id}>{ &area.name }<span class="decision-log-how">{ format!(" \u{2014} {how}") }</span></h4>
            <ProposeForm engagement={props.engagement} area={area.clone()} />
            if area.log.is_empty() {
                <p class="empty">{ format!("No decisions in {} yet.", area.name) }</p>
            } else {
                <ol class="proposals" aria-label={format!("Decisions in {}, newest first", area.name)}>
                    { for area.log.iter().rev().map(|p| html! {
                        <ProposalItem key={p.id.0} engagement={e.id} area={area.clone()} proposal={p.clone()} />
                    }) }
                </ol>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ProposeFormProps {
    engagement: EngagementId,
    area: DecisionArea,
}

/// Puts a proposal to the area: its words, its date (today unless changed), under
/// majority an optional quorum, and on the final deal the worksheet it approves.
#[component]
fn ProposeForm(props: &ProposeFormProps) -> Html {
    let plan = use_plan();
    let id = use_field_id("propose");
    let text = use_node_ref();
    let date = use_node_ref();
    let quorum = use_node_ref();
    let worksheet = use_node_ref();
    let error = use_state(|| None::<String>);
    let area = &props.area;
    let (engagement, decision) = (props.engagement, area.id);
    let majority = area.method == Some(DecisionMethod::Majority);
    let final_deal = area.kind == DecisionKind::FinalDeal;
    let worksheets: Vec<(WorksheetId, String)> = plan
        .workspace
        .engagement(engagement)
        .map(|e| {
            e.pricing
                .worksheets
                .iter()
                .map(|ws| (ws.id, ws.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let onsubmit = {
        let (text, date, quorum, worksheet) = (
            text.clone(),
            date.clone(),
            quorum.clone(),
            worksheet.clone(),
        );
        let error = error.clone();
        let try_apply = plan.try_apply.clone();
        let announce = plan.announce.clone();
        let area_name = area.name.clone();
        Callback::from(move |ev: SubmitEvent| {
            ev.prevent_default();
            let read = |r: &NodeRef| {
                r.cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            let words = read(&text);
            let quorum_text = read(&quorum);
            let quorum_value = if quorum_text.trim().is_empty() {
                None
            } else {
                match parse_percent("Quorum", &quorum_text) {
                    Ok(q) => Some(q),
                    Err(message) => {
                        error.set(Some(message));
                        return;
                    }
                }
            };
            let chosen = worksheet
                .cast::<HtmlSelectElement>()
                .and_then(|s| s.value().parse::<u32>().ok())
                .map(WorksheetId);
            let result = try_apply.emit(Action::Propose {
                engagement,
                decision,
                text: words.clone(),
                date: read(&date),
                quorum: quorum_value,
                worksheet: chosen,
            });
            match result {
                Ok(()) => {
                    error.set(None);
                    for r in [&text, &quorum] {
                        if let Some(i) = r.cast::<HtmlInputElement>() {
                            i.set_value("");
                        }
                    }
                    announce.emit(format!(
                        "Proposed in {area_name}: \u{201c}{}\u{201d}. Record where each person stands below.",
                        words.trim()
                    ));
                }
                Err(err) => error.set(Some(err.to_string())),
            }
        })
    };
    let error_id = format!("{id}-error");
    let described = error.is_some().then(|| error_id.clone());
    html! {
        <form class="propose-form" {onsubmit} aria-label={format!("Propose a decision in {}", area.name)}
            data-testid={format!("propose-{}", area.id)}>
            <div class="field propose-text">
                <label class="field-label" for={format!("{id}-text")}>{ format!("Proposal in {}", area.name) }</label>
                <input id={format!("{id}-text")} ref={text} type="text" maxlength="200" required=true
                    placeholder="What is proposed" aria-invalid={error.is_some().then_some("true")}
                    aria-describedby={described.clone()} />
            </div>
            <div class="field propose-date">
                <label class="field-label" for={format!("{id}-date")}>{ "Date" }</label>
                <input id={format!("{id}-date")} ref={date} type="date" value={today()} />
            </div>
            if majority {
                <div class="field field-percent propose-quorum">
                    <label class="field-label" for={format!("{id}-quorum")}>{ "Quorum (%), optional" }</label>
                    <input id={format!("{id}-quorum")} ref={quorum} type="text" inputmode="decimal" />
                </div>
            }
            if final_deal {
                <div class="field propose-worksheet">
                    <label class="field-label" for={format!("{id}-worksheet")}>{ "Approves worksheet" }</label>
                    <select id={format!("{id}-worksheet")} ref={worksheet}>
                        <option value="">{ "— none —" }</option>
                        { for worksheets.iter().map(|(ws, name)| html! {
                            <option value={ws.to_string()}>{ name }</option>
                        }) }
                    </select>
                </div>
            }
            <button type="submit" class="primary">{ "Propose" }</button>
            if let Some(message) = (*error).clone() {
                <p class="field-error propose-error" id={error_id} role="alert">{ message }</p>
            }
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct ProposalItemProps {
    engagement: EngagementId,
    area: DecisionArea,
    proposal: Proposal,
}

/// One proposal: its words, date, quorum and worksheet (editable), the outcome, and the
/// positions of everyone who may take part.
#[component]
fn ProposalItem(props: &ProposalItemProps) -> Html {
    let plan = use_plan();
    let Some(e) = plan.workspace.engagement(props.engagement) else {
        return html! {};
    };
    let w = &plan.workspace;
    let (area, p) = (&props.area, &props.proposal);
    let (engagement, decision, proposal) = (props.engagement, area.id, p.id);
    let edit = |make: Rc<dyn Fn(String) -> Result<ProposalEdit, ModelError>>| {
        let try_apply = plan.try_apply.clone();
        Callback::from(move |value: String| {
            let edit = make(value)?;
            try_apply.emit(Action::EditProposal {
                engagement,
                decision,
                proposal,
                edit,
            })
        })
    };
    let on_text = edit(Rc::new(|v| Ok(ProposalEdit::Text(v))));
    let on_date = edit(Rc::new(|v| Ok(ProposalEdit::Date(v))));
    let on_quorum = {
        let try_apply = plan.try_apply.clone();
        Callback::from(move |q: Option<Bps>| {
            try_apply
                .emit(Action::EditProposal {
                    engagement,
                    decision,
                    proposal,
                    edit: ProposalEdit::Quorum(q),
                })
                .map_err(|e| e.to_string())
        })
    };
    let on_worksheet = edit(Rc::new(|v: String| {
        Ok(ProposalEdit::Worksheet(
            v.parse::<u32>().ok().map(WorksheetId),
        ))
    }));
    let on_remove = {
        let dispatch = plan.dispatch.clone();
        let announce = plan.announce.clone();
        let words = p.text.clone();
        let area_name = area.name.clone();
        let form = format!("[data-testid=propose-{decision}] input[type=text]");
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::RemoveProposal {
                engagement,
                decision,
                proposal,
            });
            announce.emit(format!(
                "Removed the proposal \u{201c}{words}\u{201d} from {area_name}. Undo with Ctrl+Z."
            ));
            focus_selector(&form);
        })
    };
    let (summary, class) = outcome_line(w, e, area, p);
    // Everyone who may take part, then anyone whose recorded position stands although
    // they no longer may (the record stands).
    let mut people: Vec<PersonId> = e.eligible(w, area);
    order::sort_by_key(&mut people, |&id| (w.person_name(id).to_lowercase(), id));
    for pos in &p.positions {
        if !people.contains(&pos.person) {
            people.push(pos.person);
        }
    }
    let authority = area
        .authority
        .filter(|_| area.method == Some(DecisionMethod::Authority));
    let mut worksheets = vec![(AttrValue::from(""), AttrValue::from("— none —"))];
    worksheets.extend(e.pricing.worksheets.iter().map(|ws| {
        (
            AttrValue::from(ws.id.to_string()),
            AttrValue::from(ws.name.clone()),
        )
    }));
    let approved_here = p
        .worksheet
        .and_then(|ws| e.deal_decision(w, ws).filter(|d| d.id == p.id).map(|_| ws))
        .and_then(|ws| e.pricing.worksheet(ws))
        .map(|ws| ws.name.clone());
    let short = AttrValue::from(short_text(&p.text));
    html! {
        <li class="proposal" id={proposal_anchor(p.id)} data-testid={format!("proposal-{}", p.id)}>
            <div class="proposal-fields">
                <div class="proposal-text">
                    <TextField label="Proposal" required=true value={p.text.clone()} on_commit={on_text}
                        testid={AttrValue::from(format!("proposal-text-{}", p.id))} />
                </div>
                <div class="proposal-date">
                    <TextField label="Date" value={p.date.clone()} on_commit={on_date} max_length={10}
                        testid={AttrValue::from(format!("proposal-date-{}", p.id))} />
                </div>
                if area.method == Some(DecisionMethod::Majority) || p.quorum.is_some() {
                    <div class="proposal-quorum">
                        <OptionalPercentField label="Quorum" value={p.quorum} on_commit={on_quorum}
                            help={AttrValue::from("Empty: no quorum")}
                            testid={AttrValue::from(format!("proposal-quorum-{}", p.id))} />
                    </div>
                }
                if area.kind == DecisionKind::FinalDeal {
                    <div class="proposal-worksheet">
                        <SelectField label="Approves worksheet" options={worksheets}
                            selected={AttrValue::from(p.worksheet.map(|w| w.to_string()).unwrap_or_default())}
                            on_change={on_worksheet}
                            testid={AttrValue::from(format!("proposal-worksheet-{}", p.id))} />
                    </div>
                }
                <div class="proposal-actions">
                    <button type="button" class="link-button danger" onclick={on_remove}
                        aria-label={format!("Remove the proposal \u{201c}{short}\u{201d}")}>{ "Remove" }</button>
                </div>
            </div>
            <p class={classes!("outcome", class)} data-testid={format!("outcome-{}", p.id)}>{ summary }</p>
            if let Some(name) = approved_here {
                <p class="outcome-link" data-testid={format!("proposal-approves-{}", p.id)}>
                    { format!("This decision approved the worksheet \u{201c}{name}\u{201d} on the Pricing view.") }
                </p>
            }
            if people.is_empty() {
                <p class="empty">{ if area.kind == DecisionKind::FinalDeal {
                    "Nobody may decide the final deal yet: make someone Accountable for engagement management, or give a sponsor a role in this engagement, on the Roles view."
                } else {
                    "Nobody takes part yet: give people a role in this engagement on the Roles view."
                } }</p>
            } else {
                <table class="table positions-table">
                    <caption class="visually-hidden">{ format!("Positions on \u{201c}{}\u{201d}", p.text) }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Person" }</th>
                            <th scope="col">{ "Position" }</th>
                            <th scope="col">{ "Reason" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for people.iter().map(|&person| html! {
                            <PositionRow key={person.0} {engagement} area={area.clone()} proposal={p.clone()} {person}
                                short={short.clone()}
                                role={if Some(person) == authority { Some(AttrValue::from("decides")) }
                                      else if authority.is_some() { Some(AttrValue::from("advice")) }
                                      else { None }} />
                        }) }
                    </tbody>
                </table>
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct PositionRowProps {
    engagement: EngagementId,
    area: DecisionArea,
    proposal: Proposal,
    person: PersonId,
    /// The proposal's words, shortened, for the controls' names.
    short: AttrValue,
    /// Under authority: "decides" for the authority, "advice" for everyone else.
    role: Option<AttrValue>,
}

/// One person's position and reason. A position that the model refuses (a block without
/// a reason) stays chosen, with the refusal beside the reason, until a reason is given.
#[component]
fn PositionRow(props: &PositionRowProps) -> Html {
    let plan = use_plan();
    let id = use_field_id("position");
    let reason_ref = use_node_ref();
    // A stance chosen but refused, waiting for a reason.
    let pending = use_state(|| None::<Stance>);
    let error = use_state(|| None::<String>);
    let (area, p, person) = (&props.area, &props.proposal, props.person);
    let (engagement, decision, proposal) = (props.engagement, area.id, p.id);
    let method = area.method.unwrap_or(DecisionMethod::Majority);
    let recorded = p.position_of(person);
    let stance = (*pending).or(recorded.map(|x| x.stance));
    let name = plan
        .workspace
        .person(person)
        .map_or_else(|| "A person since removed".to_string(), |x| x.name.clone());
    let set = {
        let try_apply = plan.try_apply.clone();
        let pending = pending.clone();
        let error = error.clone();
        Rc::new(move |stance: Option<Stance>, reason: String| {
            match try_apply.emit(Action::SetPosition {
                engagement,
                decision,
                proposal,
                person,
                stance,
                reason,
            }) {
                Ok(()) => {
                    pending.set(None);
                    error.set(None);
                }
                Err(err) => {
                    pending.set(stance);
                    error.set(Some(err.to_string()));
                }
            }
        })
    };
    let on_stance = {
        let set = set.clone();
        let reason_ref = reason_ref.clone();
        Callback::from(move |ev: Event| {
            let value = ev.target_unchecked_into::<HtmlSelectElement>().value();
            let reason = reason_ref
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            set(stance_of(&value), reason);
        })
    };
    let on_reason = {
        let set = set.clone();
        Callback::from(move |ev: Event| {
            let reason = ev.target_unchecked_into::<HtmlInputElement>().value();
            // The reason goes with the position chosen; with none, it waits for one.
            if stance.is_some() {
                set(stance, reason);
            }
        })
    };
    let error_id = format!("{id}-error");
    let described = error.is_some().then(|| error_id.clone());
    let reason = recorded.map(|x| x.reason.clone()).unwrap_or_default();
    // What is typed stays until the recorded reason changes (a re-render of the row
    // would otherwise put the recorded one back).
    let (shown, oninput) = use_draft(&reason);
    let select_ref = use_node_ref();
    {
        // Keep the select showing the position (an undo, another tab's edit).
        let select_ref = select_ref.clone();
        let value = stance_value(stance);
        use_effect_with(value.clone(), move |_| {
            if let Some(s) = select_ref.cast::<HtmlSelectElement>() {
                s.set_value(&value);
            }
        });
    }
    let on = format!("on \u{201c}{}\u{201d}", props.short);
    let reason_label = if method == DecisionMethod::Consensus {
        format!("Reason of {name} {on} (required for a block)")
    } else {
        format!("Reason of {name} {on}")
    };
    html! {
        <tr class={classes!("position-row", stance.map(|s| format!("stance-{}", stance_value(Some(s)))))}
            data-person={person.to_string()}>
            <th scope="row">
                { &name }
                if let Some(role) = props.role.clone() {
                    <span class={classes!("position-role", (role == "decides").then_some("position-decides"))}>{ format!(" ({role})") }</span>
                }
            </th>
            <td>
                <select id={format!("{id}-stance")} ref={select_ref} onchange={on_stance}
                    aria-label={format!("Position of {name} {on}")} aria-describedby={described.clone()}
                    data-testid={format!("position-{}-{}", p.id, person)}>
                    <option value="" selected={stance.is_none()}>{ "— no position —" }</option>
                    { for Stance::ALL.iter().map(|&s| html! {
                        <option value={stance_value(Some(s))} selected={stance == Some(s)}>{ s.word(method) }</option>
                    }) }
                </select>
            </td>
            <td class="reason-cell">
                <input id={format!("{id}-reason")} ref={reason_ref} type="text" maxlength="500" value={shown}
                    {oninput} onchange={on_reason} aria-label={reason_label}
                    aria-invalid={error.is_some().then_some("true")} aria-describedby={described}
                    data-testid={format!("reason-{}-{}", p.id, person)} />
                if let Some(message) = (*error).clone() {
                    <span class="field-error" id={error_id} role="alert">{ message }</span>
                }
            </td>
        </tr>
    }
}
