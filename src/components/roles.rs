//! The Roles view: who is Responsible, Accountable, Consulted and Informed for each
//! function of the selected engagement, edited in an accessible table.
//!
//! The markup is a board in waiting. Each RACI cell (`data-function`, `data-role`) holds
//! a list of person chips (`data-person`), so a later drag-and-drop board can make the
//! cells drop zones and the chips draggable cards without changing what screen readers
//! and tests find. The controls in each cell stay as the way to do every change without
//! dragging (WCAG 2.2, 2.5.7).
//!
//! The small pieces shared with the Governance view (a finding list for a row, an "add"
//! form) live here too.

use super::context::{anchor, use_plan};
use super::fields::{HoursField, PersonSelect, TextField};
use super::findings::SeverityBadge;
use crate::model::assessment::{assess, Finding, Subject};
use crate::model::*;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Hours per week a new assignment starts with, until someone edits the chip.
///
/// Doing the work (Responsible) or holding final authority over it (Accountable) takes
/// real time every week, so both start at 4 hours (half a day): a cautious placeholder
/// that already counts toward the person's workload, so an overload shows up early
/// rather than late. Being asked (Consulted) or told (Informed) starts at 0 hours.
pub fn default_hours(role: Raci) -> Hours {
    match role {
        Raci::Responsible | Raci::Accountable => Hours::from_whole(4),
        Raci::Consulted | Raci::Informed => Hours(0),
    }
}

/// People whose assigned hours, across every engagement, exceed their capacity:
/// `(assigned, capacity)` for each (DOMAIN.md check 9).
fn overloaded_people(w: &Workspace) -> BTreeMap<PersonId, (Hours, Hours)> {
    let load = w.workload();
    w.people
        .iter()
        .filter_map(|p| {
            let assigned = load.get(&p.id).copied().unwrap_or_default();
            (assigned > p.capacity).then_some((p.id, (assigned, p.capacity)))
        })
        .collect()
}

/// Everything each person does in this engagement, for the people who do more than one
/// thing, sorted by name.
///
/// A role here is a title of the engagement (PM, engagement manager, sales role or
/// champion, documenter of agreements), a function the person does or owns (Responsible
/// or Accountable: being consulted or informed is not playing a role), or a function
/// the PM has accepted by default.
pub fn people_in_several_roles(w: &Workspace, e: &Engagement) -> Vec<(PersonId, Vec<String>)> {
    let mut roles: BTreeMap<PersonId, Vec<String>> = BTreeMap::new();
    for (person, title) in [
        (e.pm, "Project manager"),
        (e.engagement_manager, "Engagement manager"),
        (e.champion, "Sales role or champion"),
        (e.agreement_documenter, "Documents agreements"),
    ] {
        if let Some(p) = person {
            roles.entry(p).or_default().push(title.to_string());
        }
    }
    for f in &e.functions {
        let mut on_function: BTreeMap<PersonId, Vec<Raci>> = BTreeMap::new();
        for a in e.assignments_on(f.id) {
            if matches!(a.role, Raci::Responsible | Raci::Accountable) {
                on_function.entry(a.person).or_default().push(a.role);
            }
        }
        for (p, mut rs) in on_function {
            rs.sort();
            let labels: Vec<&str> = rs.iter().map(|r| r.label()).collect();
            roles
                .entry(p)
                .or_default()
                .push(format!("{} ({})", f.name, labels.join(", ")));
        }
        if let Some(pm) = e.pm {
            if e.accountable(f.id).is_none() && e.pm_accepted.contains(&f.id) {
                roles
                    .entry(pm)
                    .or_default()
                    .push(format!("{} (accepted by the PM)", f.name));
            }
        }
    }
    let mut several: Vec<(PersonId, Vec<String>)> =
        roles.into_iter().filter(|(_, r)| r.len() > 1).collect();
    several.sort_by_key(|(p, _)| w.person_name(*p).to_lowercase());
    several
}

/// Focuses the first element matching `selector` in the document, if there is one.
pub(crate) fn focus_selector(selector: &str) {
    if let Ok(Some(el)) = gloo::utils::document().query_selector(selector) {
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            let _ = el.focus();
        }
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct FindingListProps {
    pub findings: Vec<Finding>,
}

/// The assessment's findings about one row (or one section), severity first, in words.
#[component]
pub(crate) fn FindingList(props: &FindingListProps) -> Html {
    if props.findings.is_empty() {
        return html! {};
    }
    html! {
        <ul class="row-findings">
            { for props.findings.iter().map(|f| {
                html! {
                    <li class={classes!("row-finding", format!("row-finding-{}", f.severity.label().to_lowercase()))}>
                        <SeverityBadge severity={f.severity} />
                        { " " }
                        <span class="row-finding-message">{ &f.message }</span>
                        { " " }
                        <span class="row-finding-fix">{ &f.fix }</span>
                    </li>
                }
            }) }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct AddItemProps {
    /// The text field's label ("New function").
    pub label: AttrValue,
    /// The button's text ("Add function").
    pub button: AttrValue,
    /// The text field's `data-testid`.
    pub testid: AttrValue,
    /// Called with the trimmed, non-empty name.
    pub on_add: Callback<String>,
}

/// A name and an "Add …" button: Enter in the field or the button adds, and the field
/// empties for the next one. An empty name is refused at the field.
#[component]
pub(crate) fn AddItem(props: &AddItemProps) -> Html {
    let draft = use_state(String::new);
    let error = use_state(|| None::<String>);
    let on_commit = {
        let draft = draft.clone();
        let error = error.clone();
        Callback::from(move |value: String| {
            error.set(None);
            draft.set(value);
        })
    };
    let onsubmit = {
        let draft = draft.clone();
        let error = error.clone();
        let on_add = props.on_add.clone();
        let label = props.label.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // Read the field itself: Enter can submit before its change event has been
            // rendered into `draft`.
            let form: Element = e.target_unchecked_into();
            let input = form
                .query_selector("input[type=text]")
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<HtmlInputElement>().ok());
            let value = input
                .as_ref()
                .map(|i| i.value())
                .unwrap_or_else(|| (*draft).clone());
            let name = value.trim().to_string();
            if name.is_empty() {
                error.set(Some(format!(
                    "Type a name in \u{201c}{label}\u{201d} first."
                )));
                return;
            }
            error.set(None);
            on_add.emit(name);
            if let Some(input) = input {
                input.set_value("");
            }
            draft.set(String::new());
        })
    };
    html! {
        <form class="add-item" {onsubmit}>
            <TextField label={props.label.clone()} value={AttrValue::from((*draft).clone())} {on_commit}
                testid={props.testid.clone()} />
            <button type="submit" class="primary">{ &props.button }</button>
            if let Some(message) = &*error {
                <p class="field-error" role="alert">{ message }</p>
            }
        </form>
    }
}

#[component]
pub fn RolesView() -> Html {
    let plan = use_plan();
    let Some(e) = plan.current() else {
        return html! {
            <section class="view roles-view" aria-labelledby="roles-title">
                <h2 id="roles-title">{ "Roles" }</h2>
                <p class="empty">{ "Choose or start an engagement to agree who does what." }</p>
            </section>
        };
    };
    let w = &plan.workspace;
    let assessment = assess(w, e.id);
    let overloaded = Rc::new(overloaded_people(w));
    let contracted = e.relationship == Relationship::Contracted;
    let several = people_in_several_roles(w, e);
    let general: Vec<Finding> = assessment
        .for_subject(&Subject::Functions)
        .into_iter()
        .cloned()
        .collect();

    let missing: Vec<FunctionKind> = FunctionKind::NINE
        .into_iter()
        .filter(|&k| e.function_of_kind(k).is_none())
        .collect();
    let on_add = {
        let dispatch = plan.dispatch.clone();
        let announce = plan.announce.clone();
        let engagement = e.id;
        Callback::from(move |name: String| {
            announce.emit(format!("Added function {name} at the end of the table."));
            dispatch.emit(Action::AddFunction { engagement, name });
        })
    };

    html! {
        <section class="view roles-view" aria-labelledby="roles-title">
            <h2 id="roles-title">{ "Roles" }</h2>
            <p class="view-intro">
                { "Who is " }<strong>{ "Responsible" }</strong>{ " (does the work), " }
                <strong>{ "Accountable" }</strong>{ " (has final authority: exactly one per function), " }
                <strong>{ "Consulted" }</strong>{ " (is asked) and " }
                <strong>{ "Informed" }</strong>{ " (is told) for each function. A function nobody is accountable for falls to the PM." }
            </p>

            <section class="panel several-roles" aria-labelledby="several-roles-title" data-testid="several-roles">
                <h3 id="several-roles-title">{ "People in several roles" }</h3>
                if several.is_empty() {
                    <p class="empty">{ "Nobody plays more than one role in this engagement yet." }</p>
                } else {
                    <ul>
                        { for several.iter().map(|(p, roles)| html! {
                            <li data-person={p.to_string()}>
                                <strong>{ w.person_name(*p) }</strong>{ ": " }{ roles.join("; ") }
                                if let Some((assigned, capacity)) = overloaded.get(p) {
                                    { " " }<WorkloadBadge assigned={*assigned} capacity={*capacity} />
                                }
                            </li>
                        }) }
                    </ul>
                }
            </section>

            <FindingList findings={general} />

            if e.functions.is_empty() {
                <p class="empty">{ "This engagement has no functions yet. Add one below." }</p>
            } else {
                <div class="table-scroll">
                    <table class="table roles-table">
                        <caption>{ format!("Roles for each function of {}", e.name) }</caption>
                        <colgroup>
                            <col class="roles-col-function" />
                            { for Raci::ALL.iter().map(|_| html! { <col class="roles-col-raci" /> }) }
                        </colgroup>
                        <thead>
                            <tr>
                                <th scope="col">{ "Function" }</th>
                                { for Raci::ALL.iter().map(|r| html! { <th scope="col">{ r.label() }</th> }) }
                            </tr>
                        </thead>
                        <tbody>
                            { for e.functions.iter().map(|f| {
                                let findings: Vec<Finding> = assessment.for_subject(&Subject::Function(f.id)).into_iter().cloned().collect();
                                html! {
                                    <FunctionRow key={f.id.0} engagement={e.id} function={f.clone()}
                                        required={contracted && f.kind.required_when_contracted()}
                                        {findings} overloaded={overloaded.clone()} />
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }

            <AddItem label="New function" button="Add function" testid="new-function-name" {on_add} />
            if !missing.is_empty() {
                <div class="restore-standard" data-testid="restore-functions">
                    <span>{ "Standard functions this engagement no longer has: " }</span>
                    { for missing.iter().map(|&kind| {
                        let dispatch = plan.dispatch.clone();
                        let engagement = e.id;
                        html! {
                            <button type="button" onclick={move |_| dispatch.emit(Action::RestoreFunction { engagement, kind })}
                                aria-label={format!("Restore the {} function", kind.default_name())}>
                                { format!("Restore {}", kind.default_name()) }
                            </button>
                        }
                    }) }
                </div>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct WorkloadBadgeProps {
    assigned: Hours,
    capacity: Hours,
}

/// "Over capacity: 50 of 40 h a week", across every engagement.
#[component]
fn WorkloadBadge(props: &WorkloadBadgeProps) -> Html {
    html! {
        <span class="badge badge-danger workload-badge" data-testid="workload-badge">
            <span aria-hidden="true">{ "\u{26a0} " }</span>
            { format!("Over capacity: {} of {} h a week", props.assigned, props.capacity) }
        </span>
    }
}

#[derive(Properties, PartialEq)]
struct FunctionRowProps {
    engagement: EngagementId,
    function: Function,
    /// A contracted engagement requires an accountable owner for this function.
    required: bool,
    findings: Vec<Finding>,
    overloaded: Rc<BTreeMap<PersonId, (Hours, Hours)>>,
}

/// Where the row's removal question stands; focus follows it.
#[derive(Clone, Copy, PartialEq)]
enum Removal {
    Idle,
    Asking,
    /// The question was just cancelled: focus goes back to the Remove button.
    Cancelled,
}

#[component]
fn FunctionRow(props: &FunctionRowProps) -> Html {
    let plan = use_plan();
    let removal = use_state(|| Removal::Idle);
    let confirm_ref = use_node_ref();
    let remove_ref = use_node_ref();
    {
        let confirm_ref = confirm_ref.clone();
        let remove_ref = remove_ref.clone();
        use_effect_with(*removal, move |removal| {
            let target = match removal {
                Removal::Asking => confirm_ref.cast::<HtmlElement>(),
                Removal::Cancelled => remove_ref.cast::<HtmlElement>(),
                Removal::Idle => None,
            };
            if let Some(el) = target {
                let _ = el.focus();
            }
        });
    }
    let f = &props.function;
    let engagement = props.engagement;
    let assignments = plan
        .workspace
        .engagement(engagement)
        .map(|e| e.assignments_on(f.id).count())
        .unwrap_or(0);

    let rename = {
        let dispatch = plan.dispatch.clone();
        let function = f.id;
        Callback::from(move |name: String| {
            dispatch.emit(Action::RenameFunction {
                engagement,
                function,
                name,
            })
        })
    };
    let remove_now = {
        let dispatch = plan.dispatch.clone();
        let announce = plan.announce.clone();
        let function = f.id;
        let name = f.name.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::RemoveFunction {
                engagement,
                function,
            });
            let lost = match assignments {
                0 => String::new(),
                1 => " and its assignment".to_string(),
                n => format!(" and its {n} assignments"),
            };
            announce.emit(format!("Removed function {name}{lost}."));
            focus_selector("[data-testid=new-function-name]");
        })
    };
    let ask = {
        let removal = removal.clone();
        let remove_now = remove_now.clone();
        Callback::from(move |e: MouseEvent| {
            if assignments == 0 {
                remove_now.emit(e);
            } else {
                removal.set(Removal::Asking);
            }
        })
    };
    let cancel = {
        let removal = removal.clone();
        Callback::from(move |_: MouseEvent| removal.set(Removal::Cancelled))
    };

    let actions = if *removal == Removal::Asking {
        let people = if assignments == 1 {
            "1 assignment".to_string()
        } else {
            format!("{assignments} assignments")
        };
        html! {
            <div class="row-actions confirm" role="group" aria-label={format!("Confirm removing function {}", f.name)}>
                <p>{ format!("Remove {} and its {people}?", f.name) }</p>
                <button type="button" class="danger" ref={confirm_ref} onclick={remove_now}
                    aria-label={format!("Yes, remove function {}", f.name)}>{ "Yes, remove" }</button>
                <button type="button" onclick={cancel} aria-label={format!("Keep function {}", f.name)}>{ "Keep" }</button>
            </div>
        }
    } else {
        html! {
            <div class="row-actions">
                <button type="button" class="link-button danger" ref={remove_ref} onclick={ask}
                    aria-label={format!("Remove function {}", f.name)}>{ "Remove" }</button>
            </div>
        }
    };

    html! {
        <tr id={anchor::function(f.id)} class="function-row" data-function={f.id.to_string()}>
            <th scope="row" class="function-cell">
                <TextField label="Function name" hide_label=true required=true value={f.name.clone()}
                    on_commit={rename} testid={AttrValue::from(format!("function-name-{}", f.id))} />
                if props.required {
                    <span class="badge badge-warn required-marker">
                        { "Required" }<span class="visually-hidden">{ ": a contracted engagement needs an accountable owner" }</span>
                    </span>
                }
                <p class="function-purpose">{ f.kind.purpose() }</p>
                <FindingList findings={props.findings.clone()} />
                { actions }
            </th>
            { for Raci::ALL.iter().map(|&role| html! {
                <RaciCell key={role.label()} {engagement} function={f.id} function_name={AttrValue::from(f.name.clone())}
                    {role} overloaded={props.overloaded.clone()} />
            }) }
        </tr>
    }
}

#[derive(Properties, PartialEq)]
struct RaciCellProps {
    engagement: EngagementId,
    function: FunctionId,
    function_name: AttrValue,
    role: Raci,
    overloaded: Rc<BTreeMap<PersonId, (Hours, Hours)>>,
}

/// One RACI cell: the people in that role as chips, the PM default for an Accountable
/// cell nobody holds, and a control to assign someone.
#[component]
fn RaciCell(props: &RaciCellProps) -> Html {
    let plan = use_plan();
    let cell_ref = use_node_ref();
    let Some(e) = plan.workspace.engagement(props.engagement) else {
        return html! { <td /> };
    };
    let (engagement, function, role) = (props.engagement, props.function, props.role);
    let fname = props.function_name.clone();
    let chips: Vec<&Assignment> = e
        .assignments_on(function)
        .filter(|a| a.role == role)
        .collect();
    let taken = role == Raci::Accountable && !chips.is_empty();

    let chip = |a: &Assignment| {
        let person = a.person;
        let name = plan.workspace.person_name(person).to_string();
        let set_hours = {
            let dispatch = plan.dispatch.clone();
            Callback::from(move |hours: Hours| {
                dispatch.emit(Action::SetAssignmentHours {
                    engagement,
                    person,
                    function,
                    role,
                    hours,
                })
            })
        };
        let unassign = {
            let dispatch = plan.dispatch.clone();
            let announce = plan.announce.clone();
            let cell_ref = cell_ref.clone();
            let message = format!("Unassigned {name} from {fname}: {}.", role.label());
            Callback::from(move |_: MouseEvent| {
                dispatch.emit(Action::Unassign {
                    engagement,
                    person,
                    function,
                    role,
                });
                announce.emit(message.clone());
                // The button goes away with the chip; keep focus in the cell.
                if let Some(select) = cell_ref
                    .cast::<Element>()
                    .and_then(|td| td.query_selector("select").ok().flatten())
                    .and_then(|el| el.dyn_into::<HtmlElement>().ok())
                {
                    let _ = select.focus();
                }
            })
        };
        let remove_label = format!("Unassign {name} from {fname}: {}", role.label());
        html! {
            <li class="chip" key={person.0} data-person={person.to_string()}>
                <span class="chip-name">{ &name }</span>
                <span class="chip-hours">
                    <HoursField label={format!("{name} hours on {fname} ({})", role.label())} hide_label=true
                        value={a.hours} on_commit={set_hours} />
                    <span class="chip-unit" aria-hidden="true">{ "h/wk" }</span>
                </span>
                if let Some((assigned, capacity)) = props.overloaded.get(&person) {
                    <WorkloadBadge assigned={*assigned} capacity={*capacity} />
                }
                <button type="button" class="chip-remove" aria-label={remove_label.clone()} title={remove_label}
                    onclick={unassign}>{ "\u{2715}" }</button>
            </li>
        }
    };

    let pm_default = if role == Raci::Accountable && chips.is_empty() {
        let accepted = e.pm_accepted.contains(&function);
        let pm = match e.pm {
            Some(p) => plan.workspace.person_name(p).to_string(),
            None => "no PM named yet".to_string(),
        };
        let set = |accepted: bool| {
            let dispatch = plan.dispatch.clone();
            Callback::from(move |_: MouseEvent| {
                dispatch.emit(Action::SetPmAcceptance {
                    engagement,
                    function,
                    accepted,
                })
            })
        };
        Some(if accepted {
            html! {
                <div class="pm-default pm-accepted" data-testid={format!("pm-default-{function}")}>
                    <span class="badge badge-ok"><span aria-hidden="true">{ "\u{2713} " }</span>{ "Accepted by the PM" }</span>
                    <span class="pm-name">{ format!(" ({pm})") }</span>
                    <button type="button" class="link-button" onclick={set(false)}
                        aria-label={format!("Give back {fname}")}>{ "Give back" }</button>
                </div>
            }
        } else {
            html! {
                <div class="pm-default" data-testid={format!("pm-default-{function}")}>
                    <span class="badge badge-warn"><span aria-hidden="true">{ "\u{26a0} " }</span>{ "PM by default" }</span>
                    <span class="pm-name">{ format!(" ({pm})") }</span>
                    <button type="button" onclick={set(true)}
                        aria-label={format!("Accept {fname} as PM")}>{ "Accept as PM" }</button>
                </div>
            }
        })
    } else {
        None
    };

    html! {
        <td ref={cell_ref.clone()} class={classes!("raci-cell", format!("raci-{}", role.label().to_lowercase()))}
            data-function={function.to_string()} data-role={role.label().to_lowercase()}>
            if !chips.is_empty() {
                <ul class="chips" aria-label={format!("{fname}: {}", role.label())}>
                    { for chips.iter().map(|a| chip(a)) }
                </ul>
            }
            { pm_default.unwrap_or_default() }
            if taken {
                <p class="raci-note">{ "One Accountable per function: unassign to change." }</p>
            } else {
                <AssignControl {engagement} {function} function_name={fname.clone()} {role} />
            }
        </td>
    }
}

#[derive(Properties, PartialEq)]
struct AssignControlProps {
    engagement: EngagementId,
    function: FunctionId,
    function_name: AttrValue,
    role: Raci,
}

/// Choose a person, then "Assign": one Assign action with the role's default hours.
#[component]
fn AssignControl(props: &AssignControlProps) -> Html {
    let plan = use_plan();
    let chosen = use_state(|| None::<PersonId>);
    let wrapper = use_node_ref();
    let (engagement, function, role) = (props.engagement, props.function, props.role);
    let label = format!("{}: {}", props.function_name, role.label());

    let on_change = {
        let chosen = chosen.clone();
        Callback::from(move |p: Option<PersonId>| chosen.set(p))
    };
    let onclick = {
        let chosen = chosen.clone();
        let dispatch = plan.dispatch.clone();
        let announce = plan.announce.clone();
        let workspace = plan.workspace.clone();
        let wrapper = wrapper.clone();
        let label = label.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(person) = *chosen else { return };
            let hours = default_hours(role);
            // Announce only what the model will accept; a refusal is shown by the app.
            let accepted = workspace.engagement(engagement).is_some_and(|e| {
                !e.assignments_on(function)
                    .any(|a| a.person == person && a.role == role)
                    && (role != Raci::Accountable || e.accountable(function).is_none())
            });
            dispatch.emit(Action::Assign {
                engagement,
                person,
                function,
                role,
                hours,
            });
            if accepted {
                announce.emit(format!(
                    "Assigned {} to {label}, {hours} h a week.",
                    workspace.person_name(person)
                ));
            }
            chosen.set(None);
            // The select keeps what the user picked unless told otherwise.
            if let Some(select) = wrapper
                .cast::<Element>()
                .and_then(|w| w.query_selector("select").ok().flatten())
                .and_then(|el| el.dyn_into::<HtmlSelectElement>().ok())
            {
                select.set_value("");
            }
        })
    };
    let slug = role.label().to_lowercase();
    html! {
        <div class="assign" ref={wrapper}>
            <PersonSelect label={label.clone()} hide_label=true value={*chosen} {on_change}
                none_label="— choose —"
                testid={AttrValue::from(format!("assign-{function}-{slug}"))} />
            <button type="button" class="assign-button" disabled={chosen.is_none()} {onclick}
                aria-label={format!("Assign to {label}")}>{ "Assign" }</button>
        </div>
    }
}
