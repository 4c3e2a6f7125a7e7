//! What the Roles board's gestures mean, without the DOM: the cells, where a person can
//! be dropped, what a drop does to the plan (one action, a question, or nothing, always
//! with the words that announce it), and the names and selectors of cells and grips.

use crate::model::*;

/// One cell of the board: a function and a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Slot {
    pub function: FunctionId,
    pub role: Raci,
}

/// Where something can be dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Cell(Slot),
    /// The People panel: a chip dropped there is unassigned.
    People,
}

/// A drop on a held Accountable cell, waiting for the user's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub person: PersonId,
    pub from: Option<Slot>,
    pub function: FunctionId,
    pub person_name: String,
    pub holder_name: String,
    pub function_name: String,
}

/// What a drop means for the plan.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Do(Action, String),
    Ask(Pending),
    Nothing(String),
}

/// The role as the board writes it in class names and `data-` attributes.
pub fn role_slug(role: Raci) -> &'static str {
    match role {
        Raci::Responsible => "responsible",
        Raci::Accountable => "accountable",
        Raci::Consulted => "consulted",
        Raci::Informed => "informed",
    }
}

/// The role a `data-role` attribute names.
pub fn role_from_slug(slug: &str) -> Option<Raci> {
    Raci::ALL.into_iter().find(|r| role_slug(*r) == slug)
}

/// "Legal: Accountable", the accessible name of a cell.
pub fn cell_name(e: &Engagement, slot: Slot) -> String {
    let function = e.function(slot.function).map_or("?", |f| f.name.as_str());
    format!("{function}: {}", slot.role.label())
}

/// What dropping `person` (from `from`, or from the People panel) on `to` would do.
/// `default_hours` gives the hours a new assignment starts with in each role.
pub fn resolve(
    w: &Workspace,
    e: &Engagement,
    person: PersonId,
    from: Option<Slot>,
    to: Target,
    default_hours: impl Fn(Raci) -> Hours,
) -> Outcome {
    let name = w.person_name(person).to_string();
    let to = match to {
        Target::People => {
            return match from {
                Some(slot) => Outcome::Do(
                    Action::Unassign {
                        engagement: e.id,
                        person,
                        function: slot.function,
                        role: slot.role,
                    },
                    format!("Unassigned {name} from {}.", cell_name(e, slot)),
                ),
                None => Outcome::Nothing(format!(
                    "{name} is back on the People panel: nothing changed."
                )),
            };
        }
        Target::Cell(to) => to,
    };
    if e.function(to.function).is_none() {
        return Outcome::Nothing("That function no longer exists: nothing changed.".to_string());
    }
    let label = cell_name(e, to);
    if from == Some(to) {
        return Outcome::Nothing(format!("{name} is back on {label}: nothing changed."));
    }
    if e.assignments_on(to.function)
        .any(|a| a.person == person && a.role == to.role)
    {
        return Outcome::Nothing(format!("{name} is already on {label}: nothing changed."));
    }
    if to.role == Raci::Accountable {
        if let Some(holder) = e.accountable(to.function).filter(|h| *h != person) {
            return Outcome::Ask(Pending {
                person,
                from,
                function: to.function,
                person_name: name,
                holder_name: w.person_name(holder).to_string(),
                function_name: e
                    .function(to.function)
                    .map(|f| f.name.clone())
                    .unwrap_or_default(),
            });
        }
    }
    match from {
        Some(slot) => Outcome::Do(
            Action::MoveAssignment {
                engagement: e.id,
                person,
                from: (slot.function, slot.role),
                to: (to.function, to.role),
            },
            format!("Moved {name} from {} to {label}.", cell_name(e, slot)),
        ),
        None => {
            let hours = default_hours(to.role);
            Outcome::Do(
                Action::Assign {
                    engagement: e.id,
                    person,
                    function: to.function,
                    role: to.role,
                    hours,
                },
                format!("Assigned {name} to {label}, {hours} h a week."),
            )
        }
    }
}

pub fn grip_selector(person: PersonId, from: Option<Slot>) -> String {
    match from {
        Some(s) => format!(
            "[data-chip=\"{}-{}-{person}\"] .grip",
            s.function,
            role_slug(s.role)
        ),
        None => format!("[data-card=\"{person}\"] .grip"),
    }
}

pub fn cell_selector(slot: Slot) -> String {
    format!(
        "td.raci-cell[data-function=\"{}\"][data-role=\"{}\"]",
        slot.function,
        role_slug(slot.role)
    )
}

/// Where a pick-up by keyboard starts: a chip on its own cell, a card on the first
/// function's Responsible cell (none when the engagement has no functions).
pub fn start_slot(e: &Engagement, from: Option<Slot>) -> Option<Slot> {
    from.or_else(|| {
        e.functions.first().map(|f| Slot {
            function: f.id,
            role: Raci::Responsible,
        })
    })
}

/// What a keyboard pick-up announces: who is held, the keys, and the cell it starts on.
pub fn pick_up_announcement(
    w: &Workspace,
    e: Option<&Engagement>,
    person: PersonId,
    first: Option<Slot>,
) -> String {
    let name = w.person_name(person);
    let here = match (e, first) {
        (Some(e), Some(slot)) => format!(" {}.", cell_name(e, slot)),
        _ => String::new(),
    };
    format!(
        "Picked up {name}. Arrow keys choose a cell, Space or Enter drops, Escape cancels.{here}"
    )
}

/// What moving to a cell with the keyboard announces while `held` is picked up: the
/// cell's name and, on an Accountable cell someone else holds, that a drop asks first.
pub fn cell_announcement(w: &Workspace, e: &Engagement, slot: Slot, held: PersonId) -> String {
    let mut said = format!("{}.", cell_name(e, slot));
    if slot.role == Raci::Accountable {
        if let Some(h) = e.accountable(slot.function).filter(|h| *h != held) {
            said.push_str(&format!(
                " Held by {}: dropping here asks to replace.",
                w.person_name(h)
            ));
        }
    }
    said
}
