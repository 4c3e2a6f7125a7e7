//! The Roles view: who is Responsible, Accountable, Consulted and Informed for each
//! function of the selected engagement, edited in an accessible table.
//!
//! The grid itself is the drag-and-drop board of `board.rs`; this view frames it with
//! the people who play several roles, the findings about functions in general, and the
//! forms that add or restore functions.

use super::board::Board;
use super::context::use_plan;
use super::widgets::add_item::AddItem;
use super::widgets::findings::FindingList;
use super::widgets::workload::WorkloadBadge;
use crate::model::assessment::{assess, Finding, Subject};
use crate::model::order;
use crate::model::*;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

/// People whose assigned hours, across every engagement, exceed their capacity:
/// `(assigned, capacity)` for each (docs/DOMAIN.md check 9).
fn overloaded_people(
    w: &Workspace,
    load: &BTreeMap<PersonId, Hours>,
) -> BTreeMap<PersonId, (Hours, Hours)> {
    w.people
        .iter()
        .filter_map(|p| {
            let assigned = load.get(&p.id).copied().unwrap_or_default();
            (assigned > p.capacity).then_some((p.id, (assigned, p.capacity)))
        })
        .collect()
}

/// The titles of the engagement and who holds them: PM, engagement manager, sales role
/// or champion, documenter of agreements.
pub(crate) fn engagement_titles(e: &Engagement) -> impl Iterator<Item = (PersonId, &'static str)> {
    [
        (e.pm, "Project manager"),
        (e.engagement_manager, "Engagement manager"),
        (e.champion, "Sales role or champion"),
        (e.agreement_documenter, "Documents agreements"),
    ]
    .into_iter()
    .filter_map(|(person, title)| person.map(|p| (p, title)))
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
    for (p, title) in engagement_titles(e) {
        roles.entry(p).or_default().push(title.to_string());
    }
    for f in &e.functions {
        let mut on_function: BTreeMap<PersonId, Vec<Raci>> = BTreeMap::new();
        for a in e.assignments_on(f.id) {
            if matches!(a.role, Raci::Responsible | Raci::Accountable) {
                on_function.entry(a.person).or_default().push(a.role);
            }
        }
        for (p, mut rs) in on_function {
            order::sort(&mut rs);
            let labels: Vec<&str> = rs.iter().map(|r| r.label()).collect();
            roles
                .entry(p)
                .or_default()
                .push(format!("{} ({})", f.name, labels.join(", ")));
        }
        if let Some(pm) = e.pm {
            if e.accountable(f.id).is_none() && e.pm_accepted.contains_key(&f.id) {
                roles
                    .entry(pm)
                    .or_default()
                    .push(format!("{} (accepted by the PM)", f.name));
            }
        }
    }
    let mut several: Vec<(PersonId, Vec<String>)> =
        roles.into_iter().filter(|(_, r)| r.len() > 1).collect();
    order::sort_by_key(&mut several, |(p, _)| w.person_name(*p).to_lowercase());
    several
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
    // Worked out once here for the view and its board.
    let assessment = assess(w, e.id);
    let load = Rc::new(w.workload());
    let overloaded = Rc::new(overloaded_people(w, &load));
    let several = people_in_several_roles(w, e);
    let findings_of = |subject: Subject| -> Vec<Finding> {
        assessment
            .for_subject(&subject)
            .into_iter()
            .cloned()
            .collect()
    };
    let general = findings_of(Subject::Functions);
    let function_findings: Rc<BTreeMap<FunctionId, Vec<Finding>>> = Rc::new(
        e.functions
            .iter()
            .map(|f| (f.id, findings_of(Subject::Function(f.id))))
            .collect(),
    );

    let missing: Vec<FunctionKind> = FunctionKind::NINE
        .into_iter()
        .filter(|&k| e.function_of_kind(k).is_none())
        .collect();
    let on_add = {
        let try_apply = plan.try_apply.clone();
        let announce = plan.announce.clone();
        let engagement = e.id;
        Callback::from(move |name: String| {
            let message = format!("Added function {name} at the end of the table.");
            try_apply.emit(Action::AddFunction { engagement, name })?;
            announce.emit(message);
            Ok(())
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

            <FindingList findings={general} />

            <Board findings={function_findings} {load} overloaded={overloaded.clone()} />

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
