//! The board's grid: one row per function (its name, purpose, required marker, removal
//! and findings) and one cell per role, holding the assignments as chips and, in an
//! Accountable cell nobody holds, the PM's default.

use super::menu::{AssignMenu, MenuFunction};
use crate::components::context::anchor;
use crate::components::widgets::fields::{Commit, HoursField, TextField};
use crate::components::widgets::findings::FindingList;
use crate::components::widgets::focus::focus_selector;
use crate::components::widgets::workload::WorkloadBadge;
use crate::model::assessment::Finding;
use crate::model::*;
use crate::view::board::{role_slug, Slot, Target};
use std::rc::Rc;
use web_sys::HtmlElement;
use yew::prelude::*;

/// One chip's content.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ChipData {
    pub(super) person: PersonId,
    pub(super) name: AttrValue,
    pub(super) hours: Hours,
    /// Assigned and capacity, when over capacity.
    pub(super) over: Option<(Hours, Hours)>,
    pub(super) held: bool,
}

/// The PM default shown in an Accountable cell nobody holds.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PmDefault {
    pub(super) pm: Option<AttrValue>,
    /// The hours a week the PM gave it, once accepted.
    pub(super) accepted: Option<Hours>,
}

#[derive(Properties, PartialEq)]
pub(super) struct BoardRowProps {
    pub(super) engagement: EngagementId,
    pub(super) function: Function,
    pub(super) required: bool,
    pub(super) findings: Vec<Finding>,
    /// The chips of each cell, in `Raci::ALL` order.
    pub(super) cells: Vec<Vec<ChipData>>,
    pub(super) pm: Option<PmDefault>,
    pub(super) functions: Rc<Vec<MenuFunction>>,
    pub(super) on_menu: Callback<(PersonId, Option<Slot>, Target)>,
    pub(super) dispatch: Callback<Action>,
    /// Applies a field's edit and answers with the model's refusal.
    pub(super) try_apply: Commit<Action>,
    pub(super) announce: Callback<String>,
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
pub(super) fn BoardRow(props: &BoardRowProps) -> Html {
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
    let assignments: usize = props.cells.iter().map(Vec::len).sum();

    let rename = {
        let try_apply = props.try_apply.clone();
        let function = f.id;
        Callback::from(move |name: String| {
            try_apply.emit(Action::RenameFunction {
                engagement,
                function,
                name,
            })
        })
    };
    let remove_now = {
        let dispatch = props.dispatch.clone();
        let announce = props.announce.clone();
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
        <>
        <tr id={anchor::function(f.id)} class="function-row" data-function={f.id.to_string()}>
            <th scope="row" class="function-cell">
                <TextField label="Function name" hide_label=true required=true wrap=true value={f.name.clone()}
                    on_commit={rename} testid={AttrValue::from(format!("function-name-{}", f.id))} />
                if props.required {
                    <span class="badge badge-warn required-marker">
                        { "Required" }<span class="visually-hidden">{ ": a contracted engagement needs an accountable owner" }</span>
                    </span>
                }
                <p class="function-purpose">{ f.kind.purpose() }</p>
                { actions }
            </th>
            { for Raci::ALL.iter().zip(props.cells.iter()).map(|(&role, chips)| {
                let slot = Slot { function: f.id, role };
                let fname = AttrValue::from(f.name.clone());
                html! {
                    <BoardCell key={role_slug(role)} {engagement} {slot} function_name={fname}
                        chips={chips.clone()} pm={if role == Raci::Accountable { props.pm.clone() } else { None }}
                        functions={props.functions.clone()} on_menu={props.on_menu.clone()}
                        dispatch={props.dispatch.clone()} try_apply={props.try_apply.clone()} />
                }
            }) }
        </tr>
        if !props.findings.is_empty() {
            <tr class="function-findings-row" data-findings-for={f.id.to_string()}>
                <td colspan="5" aria-label={format!("Findings about {}", f.name)}>
                    <FindingList findings={props.findings.clone()} />
                </td>
            </tr>
        }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct BoardCellProps {
    engagement: EngagementId,
    slot: Slot,
    function_name: AttrValue,
    chips: Vec<ChipData>,
    pm: Option<PmDefault>,
    functions: Rc<Vec<MenuFunction>>,
    on_menu: Callback<(PersonId, Option<Slot>, Target)>,
    dispatch: Callback<Action>,
    /// Applies a field's edit and answers with the model's refusal.
    try_apply: Commit<Action>,
}

/// One cell: a drop target named "<function>: <role>" with its chips, and the PM
/// default in an Accountable cell nobody holds.
#[component]
fn BoardCell(props: &BoardCellProps) -> Html {
    let (engagement, slot) = (props.engagement, props.slot);
    let role = slot.role;
    let fname = &props.function_name;
    let label = format!("{fname}: {}", role.label());

    let chip = |c: &ChipData| {
        let person = c.person;
        let set_hours = {
            let try_apply = props.try_apply.clone();
            Callback::from(move |hours: Hours| {
                try_apply.emit(Action::SetAssignmentHours {
                    engagement,
                    person,
                    function: slot.function,
                    role,
                    hours,
                })
            })
        };
        let unassign = {
            let on_menu = props.on_menu.clone();
            Callback::from(move |_: MouseEvent| on_menu.emit((person, Some(slot), Target::People)))
        };
        let remove_label = format!("Unassign {} from {label}", c.name);
        html! {
            <li class={classes!("chip", c.held.then_some("held"))} key={person.0}
                data-chip={format!("{}-{}-{person}", slot.function, role_slug(role))} data-person={person.to_string()}>
                <button type="button" class="grip" draggable="true" data-person={person.to_string()}
                    data-from-function={slot.function.to_string()} data-from-role={role_slug(role)}
                    aria-label={format!("{} on {label}", c.name)} aria-roledescription="assignment chip"
                    aria-describedby="board-help" aria-pressed={if c.held { "true" } else { "false" }}>
                    <span class="grip-dots" aria-hidden="true">{ "\u{283f}" }</span>
                    <span class="chip-name">{ &c.name }</span>
                </button>
                <span class="chip-tools">
                    <span class="chip-hours">
                        <HoursField label={format!("{} hours on {fname} ({})", c.name, role.label())} hide_label=true
                            value={c.hours} on_commit={set_hours} />
                        <span class="chip-unit" aria-hidden="true">{ "h/wk" }</span>
                    </span>
                    <AssignMenu {person} person_name={c.name.clone()} from={Some(slot)}
                        functions={props.functions.clone()} on_menu={props.on_menu.clone()} />
                    <button type="button" class="chip-remove" aria-label={remove_label.clone()} title={remove_label}
                        onclick={unassign}>{ "\u{2715}" }</button>
                </span>
                if let Some((assigned, capacity)) = c.over {
                    <WorkloadBadge {assigned} {capacity} />
                }
            </li>
        }
    };

    let pm_default = props.pm.as_ref().map(|pm| {
        let function = slot.function;
        let name = pm.pm.clone().map_or_else(|| "no PM named yet".to_string(), |n| n.to_string());
        let set = |accepted: bool| {
            let dispatch = props.dispatch.clone();
            Callback::from(move |_: MouseEvent| {
                dispatch.emit(Action::SetPmAcceptance {
                    engagement,
                    function,
                    accepted,
                })
            })
        };
        if let Some(hours) = pm.accepted {
            let set_hours = {
                let try_apply = props.try_apply.clone();
                Callback::from(move |hours: Hours| {
                    try_apply.emit(Action::SetPmDefaultHours {
                        engagement,
                        function,
                        hours,
                    })
                })
            };
            html! {
                <div class="pm-default pm-accepted" data-testid={format!("pm-default-{function}")}>
                    <span class="badge badge-ok"><span aria-hidden="true">{ "\u{2713} " }</span>{ "Accepted by the PM" }</span>
                    <span class="pm-name">{ format!(" ({name})") }</span>
                    <span class="chip-hours">
                        <HoursField label={format!("{name} hours on {fname} (accepted as PM)")} hide_label=true
                            value={hours} on_commit={set_hours} />
                        <span class="chip-unit" aria-hidden="true">{ "h/wk" }</span>
                    </span>
                    <button type="button" class="link-button" onclick={set(false)}
                        aria-label={format!("Give back {fname}")}>{ "Give back" }</button>
                </div>
            }
        } else if pm.pm.is_none() {
            // Nobody to accept it: say what to do first instead of offering a button
            // the model would refuse.
            html! {
                <div class="pm-default" data-testid={format!("pm-default-{function}")}>
                    <span class="badge badge-warn"><span aria-hidden="true">{ "\u{26a0} " }</span>{ "PM by default" }</span>
                    <span class="pm-name">{ format!(" ({name})") }</span>
                    <span class="pm-hint">{ " Name the project manager on the Overview view to accept it." }</span>
                </div>
            }
        } else {
            html! {
                <div class="pm-default" data-testid={format!("pm-default-{function}")}>
                    <span class="badge badge-warn"><span aria-hidden="true">{ "\u{26a0} " }</span>{ "PM by default" }</span>
                    <span class="pm-name">{ format!(" ({name})") }</span>
                    <button type="button" onclick={set(true)}
                        aria-label={format!("Accept as PM for {fname}")}>{ "Accept as PM" }</button>
                </div>
            }
        }
    });

    html! {
        <td class={classes!("raci-cell", format!("raci-{}", role_slug(role)))} tabindex="-1"
            aria-label={label.clone()} data-function={slot.function.to_string()} data-role={role_slug(role)}>
            if !props.chips.is_empty() {
                <ul class="chips" aria-label={label.clone()}>
                    { for props.chips.iter().map(chip) }
                </ul>
            }
            { pm_default.unwrap_or_default() }
        </td>
    }
}
