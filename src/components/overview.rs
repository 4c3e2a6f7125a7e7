//! The Overview view: the selected engagement's facts, key people, formality, sponsor
//! value, compliance items, the sign-offs of the defined process, and a count of what
//! the assessment found.

use super::context::{anchor, use_plan, Target};
use super::widgets::fields::{Checkbox, Commit, MoneyField, PersonSelect, SelectField, TextField};
use super::widgets::findings::SeverityBadge;
use super::widgets::focus::use_focus_request;
use super::widgets::options::{from_index, index_of, option_values};
use crate::model::assessment::{assess, Assessment, Severity, Subject, View};
use crate::model::limits::TEXT_MAX;
use crate::model::order;
use crate::model::{
    currency, format_money, Action, ComplianceEdit, ComplianceId, ComplianceStatus, DealPrice,
    Engagement, EngagementEdit, EngagementId, Money, PersonId, Relationship, SignOffParty,
    SignOffStatus, Stage, Workspace,
};
use std::rc::Rc;
use yew::prelude::*;

/// What each relationship means for formality (docs/DOMAIN.md, "Relationship and formality").
pub fn relationship_explanation(relationship: Relationship) -> &'static str {
    match relationship {
        Relationship::Contracted => "Client and provider are separate companies: procurement, accounting and legal matters must be formal and precise, to avoid needless conflict and to manage the conflict that does arise.",
        Relationship::InHouse => "Client and provider are one organization: no legal requirement forces formality, so it takes more discipline. Someone (the PM, a PMO or quality management) must make sure agreements are clearly documented and decisions are made objectively.",
    }
}

/// The findings about one subject, as short notes beside the fields they concern.
fn notes(assessment: &Assessment, subjects: &[Subject]) -> Html {
    let found: Vec<_> = assessment
        .findings
        .iter()
        .filter(|f| subjects.contains(&f.subject))
        .collect();
    if found.is_empty() {
        return html! {};
    }
    html! {
        <ul class="overview-notes">
            { for found.iter().map(|f| html! {
                <li>
                    <SeverityBadge severity={f.severity} />
                    { " " }{ &f.message }
                </li>
            }) }
        </ul>
    }
}

/// The deal's price beside the sponsors' expected benefits and budget (docs/DOMAIN.md check
/// 11: the benefits cover the price, and the price is within the budget), each row
/// with its verdict, so a room sees at once where the price stands.
fn sponsor_comparison(e: &Engagement, open_pricing: Callback<MouseEvent>) -> Html {
    let cur = currency(&e.currency);
    let money = |m: Money| format_money(m, &cur);
    let value = &e.sponsor_value;
    let deal = e.deal_price();
    let price_cell = match deal {
        DealPrice::Priced(ws, price) => html! {
            <>
                <td class="number" data-testid="sponsor-price">{ money(price) }</td>
                <td>{ format!("net price of \u{201c}{}\u{201d}", ws.name) }</td>
            </>
        },
        unpriced => {
            let (why, action) = match unpriced {
                DealPrice::Unpriced(ws) => (
                    format!("\u{201c}{}\u{201d} has no price yet", ws.name),
                    "Price it on the Pricing view",
                ),
                DealPrice::NoDealChosen => (
                    "no scenario is chosen as the deal".to_string(),
                    "Choose the deal on the Pricing view",
                ),
                _ => (
                    "no pricing worksheet yet".to_string(),
                    "Price the deal on the Pricing view",
                ),
            };
            html! {
                <>
                    <td class="number" data-testid="sponsor-price">{ "not priced" }</td>
                    <td>
                        { format!("{why} ") }
                        <button type="button" class="link-button" onclick={open_pricing}>{ action }</button>
                    </td>
                </>
            }
        }
    };
    let price = deal.price();
    let ok =
        |text: String| html! { <span class="badge badge-ok">{ format!("\u{2713} {text}") }</span> };
    let short = |text: String| html! { <span class="badge badge-warn">{ format!("\u{2717} {text}") }</span> };
    let unknown = || html! { <span class="overview-explain">{ "compared once the price and the amount are known" }</span> };
    let stated = |m: Option<Money>| m.map(money).unwrap_or_else(|| "not stated".to_string());
    let benefits = match (value.expected_benefits, price) {
        (Some(b), Some(p)) => match value.benefits_shortfall(p) {
            Some(gap) => short(format!("{} short of the price", money(gap))),
            None => ok(format!(
                "cover the price ({} to spare)",
                money(Money(b.0 - p.0))
            )),
        },
        _ => unknown(),
    };
    let budget = match (value.expected_budget, price) {
        (Some(b), Some(p)) => match value.over_budget(p) {
            Some(over) => short(format!("the price is {} over it", money(over))),
            None => ok(format!(
                "the price is within it ({} left)",
                money(Money(b.0 - p.0))
            )),
        },
        _ => unknown(),
    };
    html! {
        <table class="table overview-sponsor-compare" data-testid="sponsor-compare">
            <caption>{ "The deal's price against the sponsors' value" }</caption>
            <tbody>
                <tr>
                    <th scope="row">{ "Deal price" }</th>
                    { price_cell }
                </tr>
                <tr>
                    <th scope="row">{ "Expected benefits" }</th>
                    <td class="number">{ stated(value.expected_benefits) }</td>
                    <td data-testid="sponsor-benefits-verdict">{ benefits }</td>
                </tr>
                <tr>
                    <th scope="row">{ "Expected budget" }</th>
                    <td class="number">{ stated(value.expected_budget) }</td>
                    <td data-testid="sponsor-budget-verdict">{ budget }</td>
                </tr>
            </tbody>
        </table>
    }
}

/// The selected engagement at a glance.
#[component]
pub fn OverviewView() -> Html {
    let plan = use_plan();
    let assessment = use_memo((plan.workspace.clone(), plan.engagement), |(w, id)| {
        id.map(|id| assess(w, id)).unwrap_or_default()
    });
    let Some(e) = plan.current() else {
        return html! {
            <section class="view overview-view" aria-labelledby="overview-title">
                <h2 id="overview-title">{ "Overview" }</h2>
                <p class="empty">{ "No engagement is selected." }</p>
            </section>
        };
    };
    let id = e.id;
    let edit = {
        let try_apply = plan.try_apply.clone();
        move |edit: EngagementEdit| {
            try_apply.emit(Action::EditEngagement {
                engagement: id,
                edit,
            })
        }
    };
    // A commit that applies an edit made from the new value, unless it is the value
    // the plan already has; the model's refusal goes back to the field.
    let on = |make: fn(String) -> Option<EngagementEdit>| {
        let edit = edit.clone();
        Callback::from(move |v: String| make(v).map_or(Ok(()), &edit))
    };
    let text = |current: &str, make: fn(String) -> EngagementEdit| {
        let edit = edit.clone();
        let current = current.to_string();
        Callback::from(move |v: String| {
            if v.trim() != current {
                edit(make(v))
            } else {
                Ok(())
            }
        })
    };
    let person = |current: Option<PersonId>, make: fn(Option<PersonId>) -> EngagementEdit| {
        let edit = edit.clone();
        Callback::from(
            move |p: Option<PersonId>| {
                if p != current {
                    edit(make(p))
                } else {
                    Ok(())
                }
            },
        )
    };
    let money = |current: Option<Money>, make: fn(Option<Money>) -> EngagementEdit| {
        let edit = edit.clone();
        Callback::from(
            move |m: Option<Money>| {
                if m != current {
                    edit(make(m))
                } else {
                    Ok(())
                }
            },
        )
    };

    let health = {
        let navigate = plan.navigate.clone();
        let open = Callback::from(move |_: MouseEvent| navigate.emit(Target::view(View::Health)));
        let counts: Vec<(Severity, usize)> = Severity::ALL
            .iter()
            .map(|&s| (s, assessment.count(s)))
            .filter(|(_, n)| *n > 0)
            .collect();
        html! {
            <section class="panel overview-health" aria-labelledby="overview-health-title">
                <h3 id="overview-health-title">{ "Health" }</h3>
                if counts.is_empty() {
                    <p data-testid="health-summary"><span class="badge badge-ok">{ "✓ No findings" }</span></p>
                } else {
                    <p data-testid="health-summary">
                        { for counts.iter().map(|(s, n)| html! {
                            <SeverityBadge severity={*s} text={AttrValue::from(format!("{n} {}", s.label().to_lowercase()))} />
                        }) }
                    </p>
                }
                <button type="button" class="link-button" onclick={open}>{ "Open Health" }</button>
            </section>
        }
    };

    let functions_note = {
        let navigate = plan.navigate.clone();
        let open = Callback::from(move |_: MouseEvent| navigate.emit(Target::view(View::Roles)));
        let n = e.functions.len();
        html! {
            <p class="overview-functions">
                { format!("{n} {} ", if n == 1 { "function" } else { "functions" }) }
                <button type="button" class="link-button" onclick={open}>{ "Edit functions on the Roles view" }</button>
            </p>
        }
    };

    // The client is the engagement's account: a name already an account links to it, a
    // new name opens an account (the accounts are on the Portfolio view).
    let client = plan.workspace.client_name(e).to_string();
    let facts = html! {
        <section id={anchor::ENGAGEMENT} class="panel overview-facts" aria-labelledby="overview-facts-title">
            <h3 id="overview-facts-title">{ "Engagement" }</h3>
            <div class="overview-grid">
                <TextField label="Engagement name" required=true value={AttrValue::from(e.name.clone())}
                    on_commit={text(&e.name, EngagementEdit::Name)} />
                <TextField label="Client" value={AttrValue::from(client.clone())}
                    on_commit={text(&client, EngagementEdit::Client)}
                    suggestions={plan.workspace.accounts.iter().map(|a| AttrValue::from(a.name.clone())).collect::<Vec<_>>()} />
                <TextField label="Provider" value={AttrValue::from(e.provider.clone())}
                    on_commit={text(&e.provider, EngagementEdit::Provider)} />
                <TextField label="Currency (ISO code)" value={AttrValue::from(e.currency.clone())} max_length=3
                    placeholder="EUR" on_commit={text(&e.currency, EngagementEdit::Currency)} testid={AttrValue::from("currency")} />
            </div>
            <div class="overview-relationship">
                <SelectField label="Relationship" options={option_values(&Relationship::ALL, Relationship::label)}
                    selected={index_of(&Relationship::ALL, &e.relationship)}
                    on_change={on(|v| from_index(&Relationship::ALL, &v).map(EngagementEdit::Relationship))} />
                <p class="overview-explain" data-testid="relationship-explanation">{ relationship_explanation(e.relationship) }</p>
            </div>
            { stage(e, on(|v| from_index(&Stage::ALL, &v).map(EngagementEdit::Stage))) }
            { functions_note }
            { notes(&assessment, &[Subject::Engagement]) }
        </section>
    };

    let key_people = html! {
        <section class="panel overview-people" aria-labelledby="overview-people-title">
            <h3 id="overview-people-title">{ "Key people" }</h3>
            <div class="overview-grid">
                <PersonSelect label="Project manager (PM)" value={e.pm} testid={AttrValue::from("pm")}
                    on_change={person(e.pm, EngagementEdit::Pm)} />
                <PersonSelect label="Engagement manager" value={e.engagement_manager} testid={AttrValue::from("engagement-manager")}
                    on_change={person(e.engagement_manager, EngagementEdit::EngagementManager)} />
                <PersonSelect label="Sales role or in-house champion" value={e.champion} testid={AttrValue::from("champion")}
                    on_change={person(e.champion, EngagementEdit::Champion)} />
            </div>
            <p class="overview-explain">
                { "If nobody is named for engagement management or customer service, they fall to the PM by default. The engagement manager holds the engagement together; the sales role (in-house: a champion) sells sponsors and clients on the solution." }
            </p>
        </section>
    };

    let formality = match e.relationship {
        Relationship::Contracted => html! {
            <section class="panel overview-formality" aria-labelledby="overview-formality-title">
                <h3 id="overview-formality-title">{ "Agreements" }</h3>
                <Checkbox label="Agreement recorded formally" checked={e.agreement_formal}
                    on_change={{
                        let edit = edit.clone();
                        let current = e.agreement_formal;
                        Callback::from(move |v: bool| if v != current { edit(EngagementEdit::AgreementFormal(v)) } else { Ok(()) })
                    }} />
                <p class="overview-explain">{ "Contracted: procurement, legal and administration/finance each need an accountable owner, and the agreement must be recorded formally." }</p>
            </section>
        },
        Relationship::InHouse => html! {
            <section class="panel overview-formality" aria-labelledby="overview-formality-title">
                <h3 id="overview-formality-title">{ "Agreements" }</h3>
                <PersonSelect label="Who documents agreements" value={e.agreement_documenter} testid={AttrValue::from("documenter")}
                    on_change={person(e.agreement_documenter, EngagementEdit::AgreementDocumenter)} />
                <p class="overview-explain">{ "In-house: the PM, a PMO or quality management should be accountable for documenting agreements." }</p>
            </section>
        },
    };

    let sponsor = html! {
        <section id={anchor::SPONSOR_VALUE} class="panel overview-sponsor" aria-labelledby="overview-sponsor-title">
            <h3 id="overview-sponsor-title">{ "Sponsor value" }</h3>
            <p class="overview-explain">{ "Sponsors are satisfied when the organization gets value: the desired benefits are realized at an acceptable and expected cost. The expected benefits must cover the deal's price, and the price must be within the expected budget." }</p>
            <div class="overview-grid">
                <MoneyField label="Expected benefits" value={e.sponsor_value.expected_benefits}
                    currency={AttrValue::from(e.currency.clone())}
                    on_commit={money(e.sponsor_value.expected_benefits, EngagementEdit::ExpectedBenefits)} />
                <MoneyField label="Expected budget" value={e.sponsor_value.expected_budget}
                    currency={AttrValue::from(e.currency.clone())}
                    on_commit={money(e.sponsor_value.expected_budget, EngagementEdit::ExpectedBudget)} />
            </div>
            <TextField label="Benefits description" multiline=true max_length={TEXT_MAX as u32}
                value={AttrValue::from(e.sponsor_value.benefits_description.clone())}
                on_commit={{
                    let edit = edit.clone();
                    let current = e.sponsor_value.benefits_description.clone();
                    Callback::from(move |v: String| if v != current { edit(EngagementEdit::BenefitsDescription(v)) } else { Ok(()) })
                }} />
            { sponsor_comparison(e, {
                let navigate = plan.navigate.clone();
                Callback::from(move |_: MouseEvent| navigate.emit(Target::view(View::Pricing)))
            }) }
            { notes(&assessment, &[Subject::SponsorValue]) }
        </section>
    };

    let signoffs = html! {
        <section class="panel overview-signoffs" aria-labelledby="overview-signoffs-title">
            <h3 id="overview-signoffs-title">{ "Sign-off of the defined process" }</h3>
            <p class="overview-explain">{ "Define the process with the involvement and buy-in of the sales, customer service and delivery groups: record who signed it off for each, from that group. A sign-off covers the roles and governance as they are on its date; when they change, it must be confirmed again." }</p>
            <ul class="overview-signoff-list">
                { for e.sign_off_statuses(&plan.workspace.people).into_iter().map(|(party, status)| {
                    sign_off_item(&plan.workspace, e, party, status, &plan.dispatch, &plan.try_apply)
                }) }
            </ul>
            { notes(&assessment, &SignOffParty::ALL.map(Subject::SignOff)) }
        </section>
    };

    html! {
        <section class="view overview-view" aria-labelledby="overview-title">
            <h2 id="overview-title">{ "Overview" }</h2>
            <div class="overview-layout">
                <div class="overview-main">
                    { facts }
                    <super::account::AccountPanel engagement={id} />
                    { key_people }
                    { formality }
                    { sponsor }
                    <ComplianceList engagement={id} assessment={assessment.clone()} />
                    { signoffs }
                </div>
                <aside class="overview-side" aria-label="Engagement health">
                    { health }
                </aside>
            </div>
        </section>
    }
}

/// Today on the user's computer, `YYYY-MM-DD`. The model has no clock: the date of a
/// sign-off comes from here, through the action.
fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// One group's sign-off: who signed (a choice of the people of that group only), when,
/// and whether it still covers the process; "Confirm again" dates it today.
fn sign_off_item(
    w: &Workspace,
    e: &Engagement,
    party: SignOffParty,
    status: SignOffStatus,
    dispatch: &Callback<Action>,
    try_apply: &Commit<Action>,
) -> Html {
    let engagement = e.id;
    let current = e.signoffs.get(party);
    let group = party.label().to_lowercase();
    let mut people: Vec<_> = w.people.iter().filter(|p| party.accepts(p.group)).collect();
    order::sort_by_key(&mut people, |p| p.name.to_lowercase());
    let mut options = vec![(AttrValue::from(""), AttrValue::from("— not yet —"))];
    options.extend(people.iter().map(|p| {
        (
            AttrValue::from(p.id.to_string()),
            AttrValue::from(format!("{} ({})", p.name, p.group.label())),
        )
    }));
    // A signer of another group (from an older plan) is shown, so the choice shows
    // the plan; picking them again is not offered.
    if let SignOffStatus::WrongGroup {
        person,
        group: theirs,
    } = &status
    {
        options.push((
            AttrValue::from(person.to_string()),
            AttrValue::from(format!(
                "{} ({}: not {})",
                w.person_name(*person),
                theirs.label(),
                party.who()
            )),
        ));
    }
    let on_change = {
        let try_apply = try_apply.clone();
        Callback::from(move |v: String| match v.parse::<u32>().ok().map(PersonId) {
            Some(person) if Some(person) != current => try_apply.emit(Action::SignOff {
                engagement,
                party,
                person,
                date: today(),
            }),
            None if current.is_some() => {
                try_apply.emit(Action::WithdrawSignOff { engagement, party })
            }
            _ => Ok(()),
        })
    };
    let confirm = |person: PersonId| {
        let dispatch = dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::SignOff {
                engagement,
                party,
                person,
                date: today(),
            })
        });
        html! {
            <button type="button" class="link-button" {onclick}
                aria-label={format!("Confirm again the {group} sign-off by {}, dated today", w.person_name(person))}>
                { "Confirm again" }
            </button>
        }
    };
    let state = match &status {
        SignOffStatus::Missing => html! {
            <>
                <span class="badge badge-warn">{ "⚠ Not signed off yet" }</span>
                if people.is_empty() {
                    <span class="signoff-hint">{ format!(" Nobody on the roster can sign off for {group}: add {} on the People view.", party.who()) }</span>
                }
            </>
        },
        SignOffStatus::Current { person, date } => html! {
            <span class="badge badge-ok">{ format!("✓ Signed off by {} on {date}", w.person_name(*person)) }</span>
        },
        SignOffStatus::OutOfDate { person, date } => html! {
            <>
                <span class="badge badge-warn">{ format!("⚠ Out of date: the roles or governance changed since {date}") }</span>
                <span class="signoff-hint">{ format!(" Signed off by {}. ", w.person_name(*person)) }</span>
                { confirm(*person) }
            </>
        },
        SignOffStatus::Undated { person } => html! {
            <>
                <span class="badge badge-warn">{ format!("⚠ Signed off by {} with no date (an older plan)", w.person_name(*person)) }</span>
                { " " }{ confirm(*person) }
            </>
        },
        SignOffStatus::WrongGroup {
            person,
            group: theirs,
        } => html! {
            <span class="badge badge-danger">{ format!("⚠ {} is in the {} group: the {group} sign-off must come from {}", w.person_name(*person), theirs.label(), party.who()) }</span>
        },
    };
    let selected = current.map(|p| p.to_string()).unwrap_or_default();
    html! {
        <li id={anchor::signoff(party)} class="overview-signoff">
            <SelectField label={format!("Signed off for {}", party.label())} {options}
                selected={AttrValue::from(selected)} {on_change}
                testid={AttrValue::from(format!("{}-person", anchor::signoff(party)))} />
            <p class="signoff-state" data-testid={format!("{}-state", anchor::signoff(party))}>{ state }</p>
        </li>
    }
}

/// The five stages as a stepper, with a select to change the stage.
fn stage(e: &Engagement, on_change: Commit<String>) -> Html {
    html! {
        <div class="overview-stage">
            <ol class="stage-stepper" aria-label="Engagement stages">
                { for Stage::ALL.iter().map(|&s| {
                    let current = s == e.stage;
                    let past = s < e.stage;
                    html! {
                        <li class={classes!(current.then_some("is-current"), past.then_some("is-past"))}
                            aria-current={current.then_some("step")}>
                            if past { <span aria-hidden="true">{ "✓ " }</span> }
                            if current { <span aria-hidden="true">{ "▶ " }</span> }
                            { s.label() }
                            if current { <span class="visually-hidden">{ " (current stage)" }</span> }
                        </li>
                    }
                }) }
            </ol>
            <SelectField label="Stage" options={option_values(&Stage::ALL, Stage::label)}
                selected={index_of(&Stage::ALL, &e.stage)} {on_change} testid={AttrValue::from("stage")} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ComplianceListProps {
    engagement: EngagementId,
    assessment: Rc<Assessment>,
}

/// Rules, protocols and regulations to follow, each with an owner and a status
/// (docs/DOMAIN.md check 12).
#[component]
fn ComplianceList(props: &ComplianceListProps) -> Html {
    let plan = use_plan();
    let id = props.engagement;
    let draft = use_mut_ref(String::new);
    let generation = use_state(|| 0u32);
    let error = use_state(|| None::<String>);
    let focus = use_focus_request();
    let assessment = &props.assessment;
    let Some(e) = plan.workspace.engagement(id) else {
        return html! {};
    };
    const NEW_RULE: &str = "[data-testid=\"new-compliance-rule\"]";

    let onsubmit = {
        let draft = draft.clone();
        let generation = generation.clone();
        let error = error.clone();
        let focus = focus.clone();
        let try_apply = plan.try_apply.clone();
        Callback::from(move |ev: SubmitEvent| {
            ev.prevent_default();
            let rule = draft.borrow().trim().to_string();
            if rule.is_empty() {
                error.set(Some("Enter the rule, protocol or regulation first.".into()));
                focus.focus(NEW_RULE);
                return;
            }
            let added = try_apply.emit(Action::AddComplianceItem {
                engagement: id,
                rule,
            });
            if let Err(refused) = added {
                error.set(Some(refused.to_string()));
                return;
            }
            error.set(None);
            draft.borrow_mut().clear();
            generation.set(generation.wrapping_add(1));
            focus.focus(NEW_RULE);
        })
    };
    let on_draft = {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            *draft.borrow_mut() = v;
            Ok(())
        })
    };
    let order: Vec<ComplianceId> = e.compliance.iter().map(|c| c.id).collect();

    let rows = e.compliance.iter().enumerate().map(|(i, c)| {
        let item = c.id;
        let edit = {
            let try_apply = plan.try_apply.clone();
            move |edit: ComplianceEdit| try_apply.emit(Action::EditComplianceItem { engagement: id, item, edit })
        };
        let on_rule = {
            let edit = edit.clone();
            let current = c.rule.clone();
            Callback::from(move |v: String| if v.trim() != current { edit(ComplianceEdit::Rule(v)) } else { Ok(()) })
        };
        let on_owner = {
            let edit = edit.clone();
            let current = c.owner;
            Callback::from(move |p: Option<PersonId>| if p != current { edit(ComplianceEdit::Owner(p)) } else { Ok(()) })
        };
        let on_status = {
            let current = c.status;
            Callback::from(move |v: String| {
                match from_index(&ComplianceStatus::ALL, &v).filter(|s| *s != current) {
                    Some(s) => edit(ComplianceEdit::Status(s)),
                    None => Ok(()),
                }
            })
        };
        let on_remove = {
            let dispatch = plan.dispatch.clone();
            let announce = plan.announce.clone();
            let focus = focus.clone();
            let rule = c.rule.clone();
            // The focus goes to the next item's Remove button, or the previous one's,
            // or the add field.
            let neighbour = order.get(i + 1).or_else(|| i.checked_sub(1).and_then(|j| order.get(j))).copied();
            Callback::from(move |_: MouseEvent| {
                match neighbour {
                    Some(n) => focus.focus(format!("#remove-compliance-{n}")),
                    None => focus.focus(NEW_RULE),
                }
                dispatch.emit(Action::RemoveComplianceItem { engagement: id, item });
                announce.emit(format!("Removed compliance item {rule}. Undo with Ctrl+Z."));
            })
        };
        html! {
            <tr id={anchor::compliance(item)} key={item.0}>
                <th scope="row">
                    <TextField label={format!("Rule: {}", c.rule)} hide_label=true required=true wrap=true
                        value={AttrValue::from(c.rule.clone())} on_commit={on_rule} />
                </th>
                <td>
                    <PersonSelect label={format!("Owner of {}", c.rule)} hide_label=true value={c.owner} on_change={on_owner} />
                </td>
                <td>
                    <SelectField label={format!("Status of {}", c.rule)} hide_label=true
                        options={option_values(&ComplianceStatus::ALL, ComplianceStatus::label)}
                        selected={index_of(&ComplianceStatus::ALL, &c.status)} on_change={on_status} />
                    { notes(assessment, &[Subject::Compliance(item)]) }
                </td>
                <td>
                    <div class="row-actions">
                        <button type="button" class="danger" id={format!("remove-compliance-{item}")}
                            aria-label={format!("Remove {}", c.rule)} onclick={on_remove}>{ "Remove" }</button>
                    </div>
                </td>
            </tr>
        }
    });

    html! {
        <section id="compliance-items" class="panel overview-compliance" aria-labelledby="overview-compliance-title">
            <h3 id="overview-compliance-title">{ "Compliance items" }</h3>
            <p class="overview-explain">{ "Regulators, accountants, lawyers and procurement specialists are satisfied when rules, protocols and regulations are followed: give each one an owner and a status." }</p>
            if e.compliance.is_empty() {
                <p class="empty">{ "No compliance items yet." }</p>
            } else {
                <table class="table overview-compliance-table">
                    <caption>{ "Rules, protocols and regulations" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Rule" }</th>
                            <th scope="col">{ "Owner" }</th>
                            <th scope="col">{ "Status" }</th>
                            <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
            <form class="overview-add" {onsubmit} novalidate=true>
                <div class="overview-add-fields" key={generation.to_string()}>
                    <TextField label="New compliance item (rule, protocol or regulation)" value=""
                        on_commit={on_draft} testid={AttrValue::from("new-compliance-rule")} />
                    <button type="submit">{ "Add compliance item" }</button>
                </div>
                if let Some(message) = &*error {
                    <p class="field-error" role="alert">{ message }</p>
                }
            </form>
        </section>
    }
}
