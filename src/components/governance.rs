//! The Governance view: how each decision area decides (majority, consensus or a named
//! authority) and which reports go to whom, how often (docs/DOMAIN.md checks 5 and 6).

use super::context::{anchor, use_plan, Target};
use super::decision_log::{proposal_anchor, DecisionLog};
use super::widgets::add_item::AddItem;
use super::widgets::fields::{PersonSelect, SelectField, TextField};
use super::widgets::findings::FindingList;
use super::widgets::focus::focus_selector;
use crate::model::assessment::{assess, Finding, Subject, View};
use crate::model::*;
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The audience groups always shown for a report: the ones docs/DOMAIN.md says reports are
/// for. The other groups sit behind "More groups" to keep the row compact.
const MAIN_AUDIENCE: [StakeholderGroup; 8] = [
    StakeholderGroup::Client,
    StakeholderGroup::Sponsor,
    StakeholderGroup::Performer,
    StakeholderGroup::FunctionalManager,
    StakeholderGroup::ProjectManager,
    StakeholderGroup::EngagementManager,
    StakeholderGroup::Sales,
    StakeholderGroup::CustomerService,
];

/// What each method means, in one line (shown above the decision table).
fn method_explanation(method: DecisionMethod) -> &'static str {
    match method {
        DecisionMethod::Majority => "The people involved vote, and more than half decides.",
        DecisionMethod::Consensus => {
            "The people involved talk until everyone can accept the decision; anyone can block it."
        }
        DecisionMethod::Authority => {
            "One named person decides, after hearing the others, and answers for it."
        }
    }
}

/// Select values: the enum's name, or empty for "not set".
fn method_value(method: Option<DecisionMethod>) -> String {
    method.map(|m| format!("{m:?}")).unwrap_or_default()
}

fn frequency_value(frequency: Option<Frequency>) -> String {
    frequency.map(|f| format!("{f:?}")).unwrap_or_default()
}

fn not_set_option() -> (AttrValue, AttrValue) {
    (AttrValue::from(""), AttrValue::from("— not set —"))
}

#[component]
pub fn GovernanceView() -> Html {
    let plan = use_plan();
    let Some(e) = plan.current() else {
        return html! {
            <section class="view governance-view" aria-labelledby="governance-title">
                <h2 id="governance-title">{ "Governance" }</h2>
                <p class="empty">{ "Choose or start an engagement to agree how decisions are made and who gets which report." }</p>
            </section>
        };
    };
    let assessment = assess(&plan.workspace, e.id);
    let engagement = e.id;
    // Who approves the deal, by the model's one rule, shown on the final deal's row.
    let deal_deciders = AttrValue::from(match e.final_deal_deciders_text(&plan.workspace) {
        Some(who) => format!("Who approves the deal on the Pricing view: {who}."),
        None => "Nobody may approve the deal yet: make someone Accountable for engagement management, or give a sponsor a role in this engagement, on the Roles view.".to_string(),
    });
    // The deal's approval, when the final deal's log took it: "Approved in the decision
    // log on <date>", linked to the decision.
    let deal_decision = e.pricing.deal.and_then(|ws| {
        let p = e.deal_decision(&plan.workspace, ws)?;
        let name = e.pricing.worksheet(ws)?.name.clone();
        Some(DealDecision {
            text: AttrValue::from(format!(
                "The deal \u{201c}{name}\u{201d} was approved in the decision log on {}.",
                p.date
            )),
            proposal: p.id,
        })
    });
    let missing: Vec<DecisionKind> = DecisionKind::STANDARD
        .into_iter()
        .filter(|&k| !e.decisions.iter().any(|d| d.kind == k))
        .collect();
    let findings_for = |subject: Subject| -> Vec<Finding> {
        assessment
            .for_subject(&subject)
            .into_iter()
            .cloned()
            .collect()
    };

    let add_decision = {
        let try_apply = plan.try_apply.clone();
        let announce = plan.announce.clone();
        Callback::from(move |name: String| {
            let message = format!("Added decision area {name} at the end of the table.");
            try_apply.emit(Action::AddDecisionArea { engagement, name })?;
            announce.emit(message);
            Ok(())
        })
    };
    let add_report = {
        let try_apply = plan.try_apply.clone();
        let announce = plan.announce.clone();
        Callback::from(move |name: String| {
            let message = format!("Added report {name} at the end of the table.");
            try_apply.emit(Action::AddReport { engagement, name })?;
            announce.emit(message);
            Ok(())
        })
    };

    html! {
        <section class="view governance-view" aria-labelledby="governance-title">
            <h2 id="governance-title">{ "Governance" }</h2>
            <p class="view-intro">{ "Everyone must be clear about who has final authority, how decisions are made and what reporting is required." }</p>

            <section class="panel governance-decisions" aria-labelledby="decisions-title">
                <h3 id="decisions-title">{ "Decision areas" }</h3>
                <dl class="method-help">
                    { for DecisionMethod::ALL.iter().map(|&m| html! {
                        <div class="method-help-item">
                            <dt>{ m.label() }</dt>
                            <dd>{ method_explanation(m) }</dd>
                        </div>
                    }) }
                </dl>
                <FindingList findings={findings_for(Subject::Decisions)} />
                if e.decisions.is_empty() {
                    <p class="empty">{ "No decision areas yet. Add scope change, final deal, acceptance and escalation to start." }</p>
                } else {
                    <div class="table-scroll">
                        <table class="table decisions-table">
                            <caption>{ format!("How decisions are made in {}", e.name) }</caption>
                            <colgroup>
                                <col class="decisions-col-name" />
                                <col class="decisions-col-method" />
                                <col class="decisions-col-authority" />
                                <col class="col-actions" />
                            </colgroup>
                            <thead>
                                <tr>
                                    <th scope="col">{ "Decision area" }</th>
                                    <th scope="col">{ "Method" }</th>
                                    <th scope="col">{ "Authority" }</th>
                                    <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                { for e.decisions.iter().map(|d| html! {
                                    <DecisionRow key={d.id.0} {engagement} decision={d.clone()}
                                        findings={findings_for(Subject::Decision(d.id))}
                                        deciders={(d.kind == DecisionKind::FinalDeal).then(|| deal_deciders.clone())}
                                        deal_decision={(d.kind == DecisionKind::FinalDeal).then(|| deal_decision.clone()).flatten()} />
                                }) }
                            </tbody>
                        </table>
                    </div>
                }
                <AddItem label="New decision area" button="Add decision area" testid="new-decision-name" on_add={add_decision} />
                if !missing.is_empty() {
                    <div class="restore-standard" data-testid="restore-decisions">
                        <span>{ "Standard decision areas this engagement no longer has: " }</span>
                        { for missing.iter().map(|&kind| {
                            let dispatch = plan.dispatch.clone();
                            html! {
                                <button type="button" onclick={move |_| dispatch.emit(Action::RestoreDecisionArea { engagement, kind })}
                                    aria-label={format!("Restore the {} decision area", kind.default_name())}>
                                    { format!("Restore {}", kind.default_name()) }
                                </button>
                            }
                        }) }
                    </div>
                }
            </section>

            if !e.decisions.is_empty() {
                <section class="panel governance-log" aria-labelledby="decision-log-title">
                    <h3 id="decision-log-title">{ "Decisions taken" }</h3>
                    <p class="section-help">{ "Put a proposal to a decision area and record where each person stands: the outcome is worked out under the area's method. On the final deal, a proposal that names a pricing worksheet approves it once it passes." }</p>
                    { for e.decisions.iter().map(|d| html! {
                        <DecisionLog key={d.id.0} {engagement} area={d.clone()} />
                    }) }
                </section>
            }

            <section class="panel governance-reports" id={anchor::REPORTING} aria-labelledby="reports-title">
                <h3 id="reports-title">{ "Reports" }</h3>
                <p class="section-help">{ "Each report needs an owner, an audience and a frequency; the client and the sponsor should each receive at least one." }</p>
                <FindingList findings={findings_for(Subject::Reporting)} />
                if e.reports.is_empty() {
                    <p class="empty">{ "No reports yet. A status report for the client and the sponsor is a good start." }</p>
                } else {
                    <div class="table-scroll">
                        <table class="table reports-table">
                            <caption>{ format!("Reports of {}", e.name) }</caption>
                            <colgroup>
                                <col class="reports-col-name" />
                                <col class="reports-col-owner" />
                                <col class="reports-col-audience" />
                                <col class="reports-col-frequency" />
                                <col class="col-actions" />
                            </colgroup>
                            <thead>
                                <tr>
                                    <th scope="col">{ "Report" }</th>
                                    <th scope="col">{ "Owner" }</th>
                                    <th scope="col">{ "Audience" }</th>
                                    <th scope="col">{ "Frequency" }</th>
                                    <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                { for e.reports.iter().map(|r| html! {
                                    <ReportRow key={r.id.0} {engagement} report={r.clone()}
                                        findings={findings_for(Subject::Report(r.id))} />
                                }) }
                            </tbody>
                        </table>
                    </div>
                }
                <AddItem label="New report" button="Add report" testid="new-report-name" on_add={add_report} />
            </section>
        </section>
    }
}

/// The decision in the final deal's log that approved the deal's worksheet.
#[derive(Clone, PartialEq)]
struct DealDecision {
    text: AttrValue,
    proposal: ProposalId,
}

#[derive(Properties, PartialEq)]
struct DecisionRowProps {
    engagement: EngagementId,
    decision: DecisionArea,
    findings: Vec<Finding>,
    /// The final deal's row: who approves the deal, in words.
    #[prop_or_default]
    deciders: Option<AttrValue>,
    /// The final deal's row: the decision in its log that approved the deal.
    #[prop_or_default]
    deal_decision: Option<DealDecision>,
}

#[component]
fn DecisionRow(props: &DecisionRowProps) -> Html {
    let plan = use_plan();
    let d = &props.decision;
    let (engagement, decision) = (props.engagement, d.id);
    let edit = |make: fn(String) -> Option<DecisionEdit>| {
        let try_apply = plan.try_apply.clone();
        Callback::from(move |value: String| match make(value) {
            Some(edit) => try_apply.emit(Action::EditDecisionArea {
                engagement,
                decision,
                edit,
            }),
            None => Ok(()),
        })
    };
    let rename = edit(|name| Some(DecisionEdit::Name(name)));
    let set_method = edit(|value| {
        let method = DecisionMethod::ALL
            .into_iter()
            .find(|m| format!("{m:?}") == value);
        Some(DecisionEdit::Method(method))
    });
    let set_authority = {
        let try_apply = plan.try_apply.clone();
        Callback::from(move |person: Option<PersonId>| {
            try_apply.emit(Action::EditDecisionArea {
                engagement,
                decision,
                edit: DecisionEdit::Authority(person),
            })
        })
    };
    let remove = {
        let dispatch = plan.dispatch.clone();
        let announce = plan.announce.clone();
        let name = d.name.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::RemoveDecisionArea {
                engagement,
                decision,
            });
            announce.emit(format!("Removed decision area {name}."));
            focus_selector("[data-testid=new-decision-name]");
        })
    };

    let mut options = vec![not_set_option()];
    options.extend(DecisionMethod::ALL.iter().map(|m| {
        (
            AttrValue::from(format!("{m:?}")),
            AttrValue::from(m.label()),
        )
    }));
    let by_authority = d.method == Some(DecisionMethod::Authority);
    let authority_note = match d.method {
        Some(DecisionMethod::Authority) if d.authority.is_none() => Some(html! {
            <span class="badge badge-warn"><span aria-hidden="true">{ "\u{26a0} " }</span>{ "Required: name who decides" }</span>
        }),
        Some(DecisionMethod::Authority) => None,
        Some(m) => Some(
            html! { <span class="muted">{ format!("Not needed: decided by {}.", m.label().to_lowercase()) }</span> },
        ),
        None => Some(html! { <span class="muted">{ "Only for the Authority method." }</span> }),
    };

    html! {
        <tr id={anchor::decision(d.id)} class="decision-row" data-decision={d.id.to_string()}>
            <th scope="row">
                <TextField label="Decision area name" hide_label=true required=true wrap=true value={d.name.clone()}
                    on_commit={rename} testid={AttrValue::from(format!("decision-name-{}", d.id))} />
                <FindingList findings={props.findings.clone()} />
            </th>
            <td>
                <SelectField label={format!("Method for {}", d.name)} hide_label=true {options}
                    selected={AttrValue::from(method_value(d.method))} on_change={set_method}
                    testid={AttrValue::from(format!("decision-method-{}", d.id))} />
            </td>
            <td class="authority-cell">
                // A disabled fieldset disables the select inside it: the authority only
                // applies to the Authority method, but a name chosen earlier stays visible.
                <fieldset class="bare" disabled={!by_authority}>
                    <PersonSelect label={format!("Authority for {}", d.name)} hide_label=true value={d.authority}
                        on_change={set_authority} none_label="— choose who decides —"
                        testid={AttrValue::from(format!("decision-authority-{}", d.id))} />
                </fieldset>
                { authority_note.unwrap_or_default() }
                if let Some(who) = props.deciders.clone() {
                    <p class="final-deal-deciders" data-testid="final-deal-deciders">{ who }</p>
                }
                if let Some(decided) = props.deal_decision.clone() {
                    <p class="final-deal-decision" data-testid="final-deal-decision">
                        { decided.text.clone() }{ " " }
                        <button type="button" class="link-button" onclick={{
                            let navigate = plan.navigate.clone();
                            move |_: MouseEvent| navigate.emit(Target::focus(View::Governance, proposal_anchor(decided.proposal)))
                        }}>{ "See the decision" }</button>
                    </p>
                }
            </td>
            <td class="actions-cell"><div class="row-actions">
                <button type="button" class="link-button danger" onclick={remove}
                    aria-label={format!("Remove decision area {}", d.name)}>{ "Remove" }</button>
            </div></td>
        </tr>
    }
}

#[derive(Properties, PartialEq)]
struct ReportRowProps {
    engagement: EngagementId,
    report: Report,
    findings: Vec<Finding>,
}

#[component]
fn ReportRow(props: &ReportRowProps) -> Html {
    let plan = use_plan();
    let r = &props.report;
    let (engagement, report) = (props.engagement, r.id);
    // Field edits answer with the model's refusal; the audience checkboxes, which have
    // no field of their own to show one, leave it to the app's notice.
    let try_edit = {
        let try_apply = plan.try_apply.clone();
        Callback::from(move |edit: ReportEdit| {
            try_apply.emit(Action::EditReport {
                engagement,
                report,
                edit,
            })
        })
    };
    let dispatch_edit = {
        let dispatch = plan.dispatch.clone();
        Callback::from(move |edit: ReportEdit| {
            dispatch.emit(Action::EditReport {
                engagement,
                report,
                edit,
            })
        })
    };
    let rename = try_edit.reform(ReportEdit::Name);
    let set_owner = try_edit.reform(ReportEdit::Owner);
    let set_frequency = try_edit.reform(|value: String| {
        ReportEdit::Frequency(
            Frequency::ALL
                .into_iter()
                .find(|f| format!("{f:?}") == value),
        )
    });
    let remove = {
        let dispatch = plan.dispatch.clone();
        let announce = plan.announce.clone();
        let name = r.name.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::RemoveReport { engagement, report });
            announce.emit(format!("Removed report {name}."));
            focus_selector("[data-testid=new-report-name]");
        })
    };

    // Each checkbox is named "<report> to <group>" so it makes sense on its own, while
    // its visible text is just the group (which the name contains, WCAG 2.5.3).
    // The new audience is what is ticked in the row's boxes when one changes, not the
    // audience of the last render: a second tick that comes before the row re-renders
    // (Yew yields mid-render on a slow engine; WebKit was) must not undo the first.
    let checkbox = |group: StakeholderGroup| {
        let on_change = {
            let audience = r.audience.clone();
            let dispatch_edit = dispatch_edit.clone();
            Callback::from(move |e: Event| {
                let input = e.target_unchecked_into::<HtmlInputElement>();
                let ticked = |fieldset: web_sys::Element| -> BTreeSet<StakeholderGroup> {
                    StakeholderGroup::ALL
                        .into_iter()
                        .enumerate()
                        .filter(|(i, _)| {
                            fieldset
                                .query_selector(&format!("input[data-group=\"{i}\"]"))
                                .ok()
                                .flatten()
                                .and_then(|el| el.dyn_into::<HtmlInputElement>().ok())
                                .is_some_and(|b| b.checked())
                        })
                        .map(|(_, g)| g)
                        .collect()
                };
                let next = match input.closest("fieldset").ok().flatten() {
                    Some(fieldset) => ticked(fieldset),
                    None => {
                        let mut next: BTreeSet<StakeholderGroup> = audience.clone();
                        if input.checked() {
                            next.insert(group);
                        } else {
                            next.remove(&group);
                        }
                        next
                    }
                };
                dispatch_edit.emit(ReportEdit::Audience(next));
            })
        };
        let index = StakeholderGroup::ALL
            .iter()
            .position(|g| *g == group)
            .unwrap_or_default();
        html! {
            <label class="audience-option" key={group.label()}>
                <input type="checkbox" checked={r.audience.contains(&group)} onchange={on_change}
                    data-group={index.to_string()}
                    aria-label={format!("{} to {}", r.name, group.label())} />
                <span>{ group.label() }</span>
            </label>
        }
    };
    let more: Vec<StakeholderGroup> = StakeholderGroup::ALL
        .into_iter()
        .filter(|g| !MAIN_AUDIENCE.contains(g))
        .collect();
    let more_chosen = more.iter().filter(|g| r.audience.contains(g)).count();

    let mut frequencies = vec![not_set_option()];
    frequencies.extend(Frequency::ALL.iter().map(|f| {
        (
            AttrValue::from(format!("{f:?}")),
            AttrValue::from(f.label()),
        )
    }));

    html! {
        <tr id={anchor::report(r.id)} class="report-row" data-report={r.id.to_string()}>
            <th scope="row">
                <TextField label="Report name" hide_label=true required=true wrap=true value={r.name.clone()}
                    on_commit={rename} testid={AttrValue::from(format!("report-name-{}", r.id))} />
                <FindingList findings={props.findings.clone()} />
            </th>
            <td>
                <PersonSelect label={format!("Owner of {}", r.name)} hide_label=true value={r.owner}
                    on_change={set_owner} testid={AttrValue::from(format!("report-owner-{}", r.id))} />
            </td>
            <td>
                <fieldset class="audience" data-testid={format!("report-audience-{}", r.id)}>
                    <legend class="visually-hidden">{ format!("Audience of {}", r.name) }</legend>
                    <div class="audience-options">
                        { for MAIN_AUDIENCE.into_iter().map(checkbox) }
                    </div>
                    <details class="audience-more" open={more_chosen > 0}>
                        <summary>
                            { "More groups" }
                            if more_chosen > 0 { { format!(" ({more_chosen} chosen)") } }
                        </summary>
                        <div class="audience-options">
                            { for more.into_iter().map(checkbox) }
                        </div>
                    </details>
                </fieldset>
            </td>
            <td>
                <SelectField label={format!("Frequency of {}", r.name)} hide_label=true options={frequencies}
                    selected={AttrValue::from(frequency_value(r.frequency))} on_change={set_frequency}
                    testid={AttrValue::from(format!("report-frequency-{}", r.id))} />
            </td>
            <td class="actions-cell"><div class="row-actions">
                <button type="button" class="link-button danger" onclick={remove}
                    aria-label={format!("Remove report {}", r.name)}>{ "Remove" }</button>
            </div></td>
        </tr>
    }
}
