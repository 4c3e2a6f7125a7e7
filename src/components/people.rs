//! The People view: the workspace roster, shared by every engagement of the portfolio.
//!
//! Each person's workload is summed across all engagements (docs/DOMAIN.md check 9), so the
//! roster is where overload shows. Everything a row needs (workload, where the person
//! is named) is indexed once per change of the workspace, not searched for per row, so
//! the view stays quick with hundreds of people.

use super::context::{anchor, use_plan};
use super::widgets::fields::{use_field_id, HoursField, SelectField, TextField};
use super::widgets::focus::{use_focus_request, FocusRequest};
use super::widgets::options::{from_index, index_of, option_values};
use super::widgets::pager::Pager;
use crate::model::order;
use crate::model::{
    Action, Hours, ModelError, Person, PersonEdit, PersonId, PersonRef, Side, StakeholderGroup,
    Workspace,
};
use crate::view::paging::{Page, PAGE_SIZE};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

/// Where a person is named in one engagement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngagementUses {
    pub engagement: String,
    /// What the person is there (see [`PersonRef::describe`]): "PM",
    /// "Legal: Accountable (4 h)", "signatory for Sales".
    pub roles: Vec<String>,
}

/// Everything the roster shows that depends on the whole workspace, computed in one
/// pass over it.
#[derive(Debug, Default, PartialEq)]
pub struct RosterIndex {
    /// Hours assigned to each person across all engagements.
    pub workload: std::collections::BTreeMap<PersonId, Hours>,
    /// Where each person is named, per engagement in portfolio order; people named
    /// nowhere are absent.
    pub uses: HashMap<PersonId, Rc<Vec<EngagementUses>>>,
    /// The roster sorted by name (case-insensitive), with the lower-cased text the
    /// filter matches against.
    pub sorted: Vec<(PersonId, String)>,
}

impl RosterIndex {
    pub fn new(w: &Workspace) -> RosterIndex {
        let mut uses: HashMap<PersonId, Vec<EngagementUses>> = HashMap::new();
        for e in &w.engagements {
            // This engagement's roles per person, in the order people are first met.
            let mut here: Vec<(PersonId, Vec<String>)> = Vec::new();
            let mut at: HashMap<PersonId, usize> = HashMap::new();
            // Every field that names a person, then the functions the PM accepted by
            // default (the PM's through the PM field, with their hours).
            let accepted = e.pm.into_iter().flat_map(|pm| {
                e.pm_accepted.iter().map(move |(f, h)| {
                    let function = e.function(*f).map_or("?", |f| f.name.as_str());
                    (pm, format!("{function}: accepted as PM ({h} h)"))
                })
            });
            let named = e.person_refs().map(|(r, person)| {
                let mut role = r.describe(e);
                if let PersonRef::Assignment(i) = r {
                    if let Some(a) = e.assignments.get(i).filter(|a| a.hours > Hours(0)) {
                        role = format!("{role} ({} h)", a.hours);
                    }
                }
                (person, role)
            });
            for (person, role) in named.chain(accepted) {
                match at.get(&person) {
                    // The approval and its log often say the same thing twice.
                    Some(&i) if here[i].1.contains(&role) => {}
                    Some(&i) => here[i].1.push(role),
                    None => {
                        at.insert(person, here.len());
                        here.push((person, vec![role]));
                    }
                }
            }
            for (person, roles) in here {
                uses.entry(person).or_default().push(EngagementUses {
                    engagement: e.name.clone(),
                    roles,
                });
            }
        }
        let mut sorted: Vec<(PersonId, String, String)> = w
            .people
            .iter()
            .map(|p| {
                let name = p.name.to_lowercase();
                let text = format!("{name}\n{}", p.group.label().to_lowercase());
                (p.id, name, text)
            })
            .collect();
        order::sort_by(&mut sorted, |a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        RosterIndex {
            workload: w.workload(),
            uses: uses.into_iter().map(|(k, v)| (k, Rc::new(v))).collect(),
            sorted: sorted.into_iter().map(|(id, _, text)| (id, text)).collect(),
        }
    }
}

/// "a", "a and b", "a, b and c"; long lists end with "and N more".
pub fn join_and(items: &[String], limit: usize) -> String {
    let shown: Vec<&str> = items.iter().take(limit).map(String::as_str).collect();
    let rest = items.len().saturating_sub(limit);
    let mut parts: Vec<String> = shown.iter().map(|s| s.to_string()).collect();
    if rest > 0 {
        parts.push(format!("{rest} more"));
    }
    match parts.len() {
        0 => String::new(),
        1 => parts.remove(0),
        n => format!("{} and {}", parts[..n - 1].join(", "), parts[n - 1]),
    }
}

fn remove_button_id(id: PersonId) -> String {
    format!("remove-person-{id}")
}

const NEW_NAME: &str = "[data-testid=\"new-person-name\"]";

/// What the add form holds until "Add person". Kept outside Yew state so a value
/// committed by Enter is seen by the submit that Enter triggers in the same event.
#[derive(Clone)]
struct Draft {
    name: String,
    side: Side,
    group: StakeholderGroup,
    capacity: Hours,
}

impl Default for Draft {
    fn default() -> Draft {
        Draft {
            name: String::new(),
            side: Side::Provider,
            group: StakeholderGroup::Performer,
            capacity: Person::DEFAULT_CAPACITY,
        }
    }
}

#[component]
fn AddPersonForm() -> Html {
    let plan = use_plan();
    let draft = use_mut_ref(Draft::default);
    // Bumped after each add to re-create the fields empty.
    let generation = use_state(|| 0u32);
    let error = use_state(|| None::<String>);
    let form = use_node_ref();
    let focus = use_focus_request();

    let onsubmit = {
        let draft = draft.clone();
        let generation = generation.clone();
        let error = error.clone();
        let form = form.clone();
        let focus = focus.clone();
        let try_apply = plan.try_apply.clone();
        let announce = plan.announce.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let refused = form
                .cast::<web_sys::Element>()
                .and_then(|f| f.query_selector("[aria-invalid=\"true\"]").ok().flatten())
                .is_some();
            if refused {
                error.set(Some("Correct the highlighted field first.".into()));
                return;
            }
            let d = draft.borrow().clone();
            let name = d.name.trim().to_string();
            if name.is_empty() {
                error.set(Some("Enter a name to add a person.".into()));
                focus.focus(NEW_NAME);
                return;
            }
            let added = try_apply.emit(Action::AddPerson {
                name: name.clone(),
                side: d.side,
                group: d.group,
                capacity: d.capacity,
            });
            if let Err(refused) = added {
                error.set(Some(refused.to_string()));
                return;
            }
            error.set(None);
            announce.emit(format!("Added {name} to the roster."));
            draft.borrow_mut().name.clear();
            generation.set(generation.wrapping_add(1));
            focus.focus(NEW_NAME);
        })
    };

    let d = draft.borrow().clone();
    let set = |f: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            f(&mut draft.borrow_mut(), v);
            Ok(())
        })
    };
    let on_name = set(|d, v| d.name = v);
    let on_side = set(|d, v| {
        if let Some(s) = from_index(&Side::ALL, &v) {
            d.side = s;
        }
    });
    let on_group = set(|d, v| {
        if let Some(g) = from_index(&StakeholderGroup::ALL, &v) {
            d.group = g;
        }
    });
    let on_capacity = {
        let draft = draft.clone();
        Callback::from(move |h: Hours| {
            draft.borrow_mut().capacity = h;
            Ok(())
        })
    };

    html! {
        <form class="panel people-add" ref={form} {onsubmit} aria-labelledby="people-add-title" novalidate=true>
            <h3 id="people-add-title">{ "Add a person" }</h3>
            <div class="people-add-fields" key={generation.to_string()}>
                <TextField label="Name" value={AttrValue::from(d.name.clone())} on_commit={on_name}
                    testid={AttrValue::from("new-person-name")} />
                <SelectField label="Side" options={option_values(&Side::ALL, Side::label)}
                    selected={index_of(&Side::ALL, &d.side)} on_change={on_side}
                    testid={AttrValue::from("new-person-side")} />
                <SelectField label="Stakeholder group" options={option_values(&StakeholderGroup::ALL, StakeholderGroup::label)}
                    selected={index_of(&StakeholderGroup::ALL, &d.group)} on_change={on_group}
                    testid={AttrValue::from("new-person-group")} />
                <HoursField label="Capacity (hours/week)" value={d.capacity} on_commit={on_capacity}
                    testid={AttrValue::from("new-person-capacity")} />
                <button type="submit" class="primary">{ "Add person" }</button>
            </div>
            if let Some(message) = &*error {
                <p class="field-error" role="alert">{ message }</p>
            }
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct PersonRowProps {
    person: Person,
    load: Hours,
    uses: Rc<Vec<EngagementUses>>,
    /// The question to ask before removing, while it is being asked.
    confirm: Option<AttrValue>,
    /// Applies an edit of the person and answers with the model's refusal.
    try_apply: Callback<Action, Result<(), ModelError>>,
    on_remove: Callback<PersonId>,
    on_confirm: Callback<PersonId>,
    on_keep: Callback<PersonId>,
}

#[component]
fn PersonRow(props: &PersonRowProps) -> Html {
    let p = &props.person;
    let id = p.id;
    let keep_ref = use_node_ref();
    {
        // Asking moves the focus to the safe answer, which carries the question as its
        // description, so a screen reader reads both.
        let keep_ref = keep_ref.clone();
        use_effect_with(props.confirm.is_some(), move |asking| {
            if *asking {
                if let Some(button) = keep_ref.cast::<HtmlElement>() {
                    let _ = button.focus();
                }
            }
        });
    }
    // Each commit applies one edit of the person, unless nothing changed, and answers
    // with the model's refusal for the field to show.
    let apply = {
        let try_apply = props.try_apply.clone();
        move |edit: Option<PersonEdit>| match edit {
            Some(edit) => try_apply.emit(Action::EditPerson { person: id, edit }),
            None => Ok(()),
        }
    };
    let current = p.name.clone();
    let on_name = {
        let apply = apply.clone();
        Callback::from(move |v: String| apply((v.trim() != current).then_some(PersonEdit::Name(v))))
    };
    let side = p.side;
    let on_side = {
        let apply = apply.clone();
        Callback::from(move |v: String| {
            apply(
                from_index(&Side::ALL, &v)
                    .filter(|s| *s != side)
                    .map(PersonEdit::Side),
            )
        })
    };
    let on_group = {
        let apply = apply.clone();
        Callback::from(move |v: String| {
            apply(from_index(&StakeholderGroup::ALL, &v).map(PersonEdit::Group))
        })
    };
    let capacity = p.capacity;
    let on_capacity =
        Callback::from(move |h: Hours| apply((h != capacity).then_some(PersonEdit::Capacity(h))));

    let over = props.load > p.capacity;
    let workload = html! {
        <td class={classes!("people-workload", over.then_some("is-over"))} data-testid={format!("workload-{id}")}>
            <span class="people-load-text">{ format!("{} h of {} h", props.load, p.capacity) }</span>
            if over {
                { " " }
                <span class="badge badge-danger">
                    <span aria-hidden="true">{ "⚠ " }</span>
                    { format!("Over by {} h", Hours(props.load.0 - p.capacity.0)) }
                </span>
            }
            <span class="people-load-bar" aria-hidden="true">
                <svg viewBox="0 0 100 1" preserveAspectRatio="none" focusable="false">
                    <rect width={load_percent(props.load, p.capacity).to_string()} height="1" />
                </svg>
            </span>
        </td>
    };
    let uses = if props.uses.is_empty() {
        html! { <td class="people-uses"><span class="muted">{ "Not on any engagement" }</span></td> }
    } else {
        html! {
            <td class="people-uses">
                <ul>
                    { for props.uses.iter().map(|u| html! {
                        <li><strong>{ &u.engagement }</strong>{ ": " }{ u.roles.join(", ") }</li>
                    }) }
                </ul>
            </td>
        }
    };
    let name = p.name.clone();
    let actions = if props.confirm.is_some() {
        html! { <td><span class="muted">{ "Confirm below" }</span></td> }
    } else {
        let on_remove = props.on_remove.clone();
        html! {
            <td>
                <div class="row-actions">
                    <button type="button" class="danger" id={remove_button_id(id)} aria-label={format!("Remove {name}")}
                        onclick={Callback::from(move |_: MouseEvent| on_remove.emit(id))}>{ "Remove" }</button>
                </div>
            </td>
        }
    };
    let confirm = props.confirm.as_ref().map(|question| {
        let message_id = format!("person-{id}-confirm-message");
        let on_confirm = props.on_confirm.clone();
        let on_keep = props.on_keep.clone();
        let on_keep_key = props.on_keep.clone();
        let onkeydown = Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                on_keep_key.emit(id);
            }
        });
        html! {
            <tr class="people-confirm-row" key="confirm">
                <td colspan="7">
                    <div class="people-confirm" role="group" aria-labelledby={message_id.clone()} {onkeydown}>
                        <p id={message_id.clone()}>{ question }</p>
                        <button type="button" class="danger" data-testid="confirm-remove-person"
                            onclick={Callback::from(move |_: MouseEvent| on_confirm.emit(id))}>{ format!("Remove {name}") }</button>
                        <button type="button" ref={keep_ref.clone()} data-testid="keep-person" aria-describedby={message_id}
                            onclick={Callback::from(move |_: MouseEvent| on_keep.emit(id))}>{ "Keep" }</button>
                    </div>
                </td>
            </tr>
        }
    });
    html! {
        <>
            <tr id={anchor::person(id)} key="row" class={classes!(over.then_some("is-over"))}>
                <th scope="row">
                    <TextField label={format!("Name of {}", p.name)} hide_label=true required=true
                        value={AttrValue::from(p.name.clone())} on_commit={on_name} />
                </th>
                <td>
                    <SelectField label={format!("Side of {}", p.name)} hide_label=true
                        options={option_values(&Side::ALL, Side::label)} selected={index_of(&Side::ALL, &p.side)}
                        on_change={on_side} />
                </td>
                <td>
                    <SelectField label={format!("Stakeholder group of {}", p.name)} hide_label=true
                        options={option_values(&StakeholderGroup::ALL, StakeholderGroup::label)}
                        selected={index_of(&StakeholderGroup::ALL, &p.group)} on_change={on_group} />
                </td>
                <td>
                    <HoursField label={format!("Capacity of {} (hours/week)", p.name)} hide_label=true
                        value={p.capacity} on_commit={on_capacity} />
                </td>
                { workload }
                { uses }
                { actions }
            </tr>
            { for confirm }
        </>
    }
}

/// How full a person's week is, for the bar (capped at 100).
fn load_percent(load: Hours, capacity: Hours) -> u32 {
    if capacity.0 == 0 {
        return if load.0 > 0 { 100 } else { 0 };
    }
    ((u64::from(load.0) * 100 / u64::from(capacity.0)).min(100)) as u32
}

/// What the row callbacks need of the latest render.
struct Latest {
    plan: super::context::Plan,
    index: Rc<RosterIndex>,
    /// The people shown, in order, so a removal can move the focus to a neighbour.
    shown: Vec<PersonId>,
}

/// Removes a person (one undoable action) and moves the focus to the next person's
/// Remove button, or the previous one's, or the add form when no one is left.
fn remove(latest: &RefCell<Latest>, focus: &FocusRequest, id: PersonId) {
    // Nothing stays borrowed while the plan is told, whatever it does in return.
    let (plan, order) = {
        let latest = latest.borrow();
        (latest.plan.clone(), latest.shown.clone())
    };
    let neighbour = order.iter().position(|p| *p == id).and_then(|i| {
        order
            .get(i + 1)
            .or_else(|| i.checked_sub(1).and_then(|j| order.get(j)))
    });
    match neighbour {
        Some(n) => focus.focus(format!("#{}", remove_button_id(*n))),
        None => focus.focus(NEW_NAME),
    }
    let name = plan.workspace.person_name(id).to_string();
    plan.dispatch.emit(Action::RemovePerson { person: id });
    plan.announce
        .emit(format!("Removed {name}. Undo with Ctrl+Z."));
}

/// The roster of the workspace.
#[component]
pub fn PeopleView() -> Html {
    let plan = use_plan();
    let index = use_memo(plan.workspace.clone(), |w| RosterIndex::new(w));
    let filter = use_state(String::new);
    let confirming = use_state(|| None::<PersonId>);
    let focus = use_focus_request();
    let filter_id = use_field_id("people-filter");
    // A long roster is shown a page at a time (see view::paging); the filter searches
    // everyone, and "Show all" puts every row on one page for the browser's find.
    let page_asked = use_mut_ref(|| 0usize);
    let show_all = use_state(|| false);
    let newest_known = use_mut_ref(|| None::<PersonId>);
    let redraw = use_force_update();

    let query = filter.trim().to_lowercase();
    let shown: Vec<PersonId> = index
        .sorted
        .iter()
        .filter(|(_, text)| query.is_empty() || text.contains(&query))
        .map(|(id, _)| *id)
        .collect();
    // Someone just added (ids only grow) is shown on their page, wherever the name sorts.
    {
        let newest = plan.workspace.people.iter().map(|p| p.id).max();
        let mut known = newest_known.borrow_mut();
        if let (Some(before), Some(now)) = (*known, newest) {
            if now > before {
                if let Some(row) = shown.iter().position(|id| *id == now) {
                    *page_asked.borrow_mut() = Page::holding(shown.len(), PAGE_SIZE, row).index;
                }
            }
        }
        *known = newest;
    }
    let page = Page::of(shown.len(), PAGE_SIZE, *page_asked.borrow());
    *page_asked.borrow_mut() = page.index;
    let on_page = {
        let page_asked = page_asked.clone();
        let redraw = redraw.clone();
        Callback::from(move |n: usize| {
            *page_asked.borrow_mut() = n;
            redraw.force_update();
        })
    };
    let on_show_all = {
        let show_all = show_all.clone();
        Callback::from(move |()| show_all.set(true))
    };
    let on_show_pages = {
        let show_all = show_all.clone();
        Callback::from(move |_: MouseEvent| show_all.set(false))
    };

    // After a removal the focus goes to the next person's Remove button (or the
    // previous one's, or the add form when the list is empty).
    // The row callbacks are made once and read the latest plan from here, so a row
    // re-renders only when its own person, workload or question changes, not on
    // every change anywhere in the plan.
    let latest = use_mut_ref(|| Latest {
        plan: plan.clone(),
        index: index.clone(),
        shown: Vec::new(),
    });
    {
        let mut latest = latest.borrow_mut();
        latest.plan = plan.clone();
        latest.index = index.clone();
        latest.shown = shown.clone();
    }
    let try_apply = {
        let latest = latest.clone();
        use_callback((), move |action: Action, _| {
            let try_apply = latest.borrow().plan.try_apply.clone();
            try_apply.emit(action)
        })
    };
    let on_remove = {
        let latest = latest.clone();
        let confirming = confirming.clone();
        let focus = focus.clone();
        use_callback((), move |id: PersonId, _| {
            let referenced = latest.borrow().index.uses.contains_key(&id);
            if referenced {
                confirming.set(Some(id));
            } else {
                remove(&latest, &focus, id);
            }
        })
    };
    let on_confirm = {
        let latest = latest.clone();
        let confirming = confirming.clone();
        let focus = focus.clone();
        use_callback((), move |id: PersonId, _| {
            confirming.set(None);
            remove(&latest, &focus, id);
        })
    };
    let on_keep = {
        let confirming = confirming.clone();
        let focus = focus.clone();
        use_callback((), move |id: PersonId, _| {
            confirming.set(None);
            focus.focus(format!("#{}", remove_button_id(id)));
        })
    };
    let on_filter = {
        let filter = filter.clone();
        let page_asked = page_asked.clone();
        Callback::from(move |e: InputEvent| {
            *page_asked.borrow_mut() = 0;
            filter.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };

    let people: HashMap<PersonId, &Person> =
        plan.workspace.people.iter().map(|p| (p.id, p)).collect();
    let total = plan.workspace.people.len();
    let over_count = plan
        .workspace
        .people
        .iter()
        .filter(|p| index.workload.get(&p.id).copied().unwrap_or_default() > p.capacity)
        .count();
    let empty_uses: Rc<Vec<EngagementUses>> = Rc::default();

    let on_page_rows = match *show_all {
        true => &shown[..],
        false => &shown[page.start..page.end],
    };
    let rows = on_page_rows.iter().filter_map(|id| people.get(id)).map(|p| {
        let confirm = (*confirming == Some(p.id)).then(|| {
            let uses = plan.workspace.uses_of_person(p.id);
            let (records, live): (Vec<_>, Vec<_>) = plan
                .workspace
                .refs_to_person(p.id)
                .partition(|(_, r)| r.is_record());
            let name = &p.name;
            let mut question = match uses.is_empty() {
                true => format!("Remove {name}?"),
                false => format!("{name} is {}.", join_and(&uses, 8)),
            };
            if !live.is_empty() {
                question.push_str(&format!(" Remove {name} and these assignments?"));
            } else if !records.is_empty() {
                question.push_str(&format!(" Remove {name}?"));
            }
            if !records.is_empty() {
                question.push_str(" The approval history keeps their decisions, as a removed person's.");
            }
            AttrValue::from(question)
        });
        html! {
            <PersonRow key={p.id.0} person={(*p).clone()}
                load={index.workload.get(&p.id).copied().unwrap_or_default()}
                uses={index.uses.get(&p.id).cloned().unwrap_or_else(|| empty_uses.clone())}
                {confirm} try_apply={try_apply.clone()}
                on_remove={on_remove.clone()} on_confirm={on_confirm.clone()} on_keep={on_keep.clone()} />
        }
    });

    let summary = if total == 0 {
        String::new()
    } else if query.is_empty() {
        format!(
            "{} {} on the roster{}.",
            total,
            if total == 1 { "person" } else { "people" },
            match over_count {
                0 => String::new(),
                1 => ", 1 over capacity".to_string(),
                n => format!(", {n} over capacity"),
            }
        )
    } else {
        format!("Showing {} of {} people.", shown.len(), total)
    };

    html! {
        <section class="view people-view" aria-labelledby="people-title">
            <h2 id="people-title">{ "People" }</h2>
            <p class="view-intro">
                { "The roster is shared by every engagement. Workload adds up each person's assigned hours across all engagements; more than their capacity is overload." }
            </p>
            <AddPersonForm />
            if total == 0 {
                <p class="empty">
                    { "No people yet. Add everyone around the engagement: client and sponsors, performers and managers, sales and customer service, legal, procurement and finance." }
                </p>
            } else {
                <div class="people-toolbar">
                    <div class="field people-filter">
                        <label class="field-label" for={filter_id.clone()}>{ "Filter people" }</label>
                        <input id={filter_id} type="search" value={(*filter).clone()} oninput={on_filter}
                            placeholder="Name or stakeholder group" data-testid="people-filter" />
                    </div>
                    <p class="people-summary" data-testid="people-summary">{ summary }</p>
                </div>
                if shown.is_empty() {
                    <p class="empty">{ format!("No one matches \u{201c}{}\u{201d}.", filter.trim()) }</p>
                } else {
                    if page.is_split() && !*show_all {
                        <Pager {page} label="Pages of the roster" plural="people"
                            {on_page} {on_show_all} />
                    } else if page.is_split() {
                        <p class="pager">
                            <span class="pager-status">{ format!("All {} people", shown.len()) }</span>
                            <button type="button" class="link-button" onclick={on_show_pages}>
                                { format!("Show {PAGE_SIZE} at a time") }
                            </button>
                        </p>
                    }
                    <div class="people-table-wrap">
                        <table class="table people-table">
                            <caption>{ "The roster, sorted by name" }</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{ "Name" }</th>
                                    <th scope="col">{ "Side" }</th>
                                    <th scope="col">{ "Stakeholder group" }</th>
                                    <th scope="col">{ "Capacity (h/week)" }</th>
                                    <th scope="col">{ "Workload (all engagements)" }</th>
                                    <th scope="col">{ "Engagements and roles" }</th>
                                    <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                                </tr>
                            </thead>
                            <tbody>{ for rows }</tbody>
                        </table>
                    </div>
                }
            }
        </section>
    }
}
