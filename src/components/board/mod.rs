//! The Roles board: people as cards, functions as rows, Responsible / Accountable /
//! Consulted / Informed as columns, and assignments as chips in the cells.
//!
//! Every gesture ends in exactly one [`Action`] (so one undo puts it back):
//! - **mouse**: HTML5 drag and drop of a card or chip onto a cell, or of a chip back
//!   onto the People panel;
//! - **touch and pen**: pointer events on the card's or chip's grip (HTML5 drag and drop
//!   does not fire on touch screens); the grip alone has `touch-action: none`, so the
//!   page still scrolls everywhere else;
//! - **keyboard** (and a plain click or tap): the grip is a button that picks the person
//!   up; arrow keys move between cells, Space or Enter drops, Escape cancels, and every
//!   step is announced; Delete on a chip unassigns;
//! - **without dragging** (WCAG 2.2, 2.5.7): an "Assign…" menu on every card and chip
//!   that lists the cells.
//!
//! Dropping on an Accountable cell someone else holds asks whether to replace them;
//! dropping where the person already is changes nothing and says so.
//!
//! For speed on large plans, the board listens once at its root (event delegation) and
//! reads everything it needs from `data-` attributes, so rows, cells, chips and cards
//! carry no drag handlers and are only re-rendered when their own content changes.

use super::context::{anchor, use_plan};
use super::fields::{HoursField, TextField};
use super::roles::{default_hours, engagement_titles, focus_selector, FindingList, WorkloadBadge};
use crate::model::assessment::Finding;
use crate::model::*;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, Element, HtmlElement, HtmlInputElement, KeyboardEvent, PointerEvent};
use yew::prelude::*;

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

/// How the current pick-up started: it decides what ends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    /// HTML5 drag and drop (mouse).
    Drag,
    /// Pointer events (touch or pen).
    Pointer,
    /// Picked up by Space, Enter, a click or a tap; dropped the same way.
    Pick,
}

/// What is being moved: a person from the People panel (`from` is none) or a chip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Grab {
    person: PersonId,
    from: Option<Slot>,
    how: How,
}

/// A drop on a held Accountable cell, waiting for the user's answer.
#[derive(Debug, Clone, PartialEq)]
struct Pending {
    person: PersonId,
    from: Option<Slot>,
    function: FunctionId,
    person_name: String,
    holder_name: String,
    function_name: String,
}

/// What a drop means for the plan.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Do(Action, String),
    Ask(Pending),
    Nothing(String),
}

fn role_slug(role: Raci) -> &'static str {
    match role {
        Raci::Responsible => "responsible",
        Raci::Accountable => "accountable",
        Raci::Consulted => "consulted",
        Raci::Informed => "informed",
    }
}

fn role_from_slug(slug: &str) -> Option<Raci> {
    Raci::ALL.into_iter().find(|r| role_slug(*r) == slug)
}

/// "Legal: Accountable", the accessible name of a cell.
fn cell_name(e: &Engagement, slot: Slot) -> String {
    let function = e.function(slot.function).map_or("?", |f| f.name.as_str());
    format!("{function}: {}", slot.role.label())
}

/// What dropping `person` (from `from`, or from the People panel) on `to` would do.
fn resolve(
    w: &Workspace,
    e: &Engagement,
    person: PersonId,
    from: Option<Slot>,
    to: Target,
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

/// The element (or its closest ancestor) matching `selector`, from an event target.
fn closest(target: Option<web_sys::EventTarget>, selector: &str) -> Option<Element> {
    let el: Element = target?.dyn_into().ok()?;
    el.closest(selector).ok().flatten()
}

/// The drop target an element is in, if any.
fn target_of(el: &Element) -> Option<Target> {
    if let Ok(Some(cell)) = el.closest("td.raci-cell") {
        return slot_of(&cell, "data-function", "data-role").map(Target::Cell);
    }
    el.closest(".people-panel")
        .ok()
        .flatten()
        .map(|_| Target::People)
}

fn slot_of(el: &Element, function: &str, role: &str) -> Option<Slot> {
    let function = FunctionId(el.get_attribute(function)?.parse().ok()?);
    let role = role_from_slug(&el.get_attribute(role)?)?;
    Some(Slot { function, role })
}

/// The person and origin a grip button carries.
fn grip_of(el: &Element) -> Option<(PersonId, Option<Slot>)> {
    let person = PersonId(el.get_attribute("data-person")?.parse().ok()?);
    Some((person, slot_of(el, "data-from-function", "data-from-role")))
}

fn grip_selector(person: PersonId, from: Option<Slot>) -> String {
    match from {
        Some(s) => format!(
            "[data-chip=\"{}-{}-{person}\"] .grip",
            s.function,
            role_slug(s.role)
        ),
        None => format!("[data-card=\"{person}\"] .grip"),
    }
}

fn cell_selector(slot: Slot) -> String {
    format!(
        "td.raci-cell[data-function=\"{}\"][data-role=\"{}\"]",
        slot.function,
        role_slug(slot.role)
    )
}

/// Everything the board's handlers read, kept current on every render so that the
/// handlers themselves can be made once.
struct Live {
    workspace: Rc<Workspace>,
    engagement: EngagementId,
    grab: Option<Grab>,
    /// The cell currently marked as the drop target under a mouse or finger.
    over: Option<Element>,
    /// A touch or pen press on a grip that has not moved far enough to be a drag.
    press: Option<(i32, f64, f64, PersonId, Option<Slot>)>,
    /// Until when (`Date.now()`, ms) a click is the tail of a pointer drag, not a pick-up.
    /// A time, not a flag: when no click follows the drag, the next real one still counts.
    swallow_click_until: f64,
    /// Where focus goes after the next render.
    focus_after: Option<String>,
}

/// The board's handles on the app and its own state, made once.
#[derive(Clone)]
struct Controls {
    live: Rc<RefCell<Live>>,
    dispatch: Callback<Action>,
    announce: Callback<String>,
    grab: UseStateHandle<Option<Grab>>,
    pending: UseStateHandle<Option<Pending>>,
    ghost: NodeRef,
}

impl Controls {
    fn set_grab(&self, grab: Option<Grab>) {
        self.live.borrow_mut().grab = grab;
        self.grab.set(grab);
    }

    fn mark_over(&self, el: Option<Element>) {
        let mut live = self.live.borrow_mut();
        if live.over.as_ref() == el.as_ref() {
            return;
        }
        if let Some(old) = live.over.take() {
            let _ = old.class_list().remove_1("drop-over");
        }
        if let Some(el) = &el {
            let _ = el.class_list().add_1("drop-over");
        }
        live.over = el;
    }

    fn pick_up(&self, person: PersonId, from: Option<Slot>, how: How) {
        // A chip starts from its own cell; a card from the first function's Responsible.
        let (name, first, here) = {
            let live = self.live.borrow();
            let w = &live.workspace;
            let e = w.engagement(live.engagement);
            let first = from.or_else(|| {
                e.and_then(|e| e.functions.first()).map(|f| Slot {
                    function: f.id,
                    role: Raci::Responsible,
                })
            });
            let here = match (e, first) {
                (Some(e), Some(slot)) => format!(" {}.", cell_name(e, slot)),
                _ => String::new(),
            };
            (w.person_name(person).to_string(), first, here)
        };
        self.set_grab(Some(Grab { person, from, how }));
        if how == How::Pick {
            self.announce.emit(format!(
                "Picked up {name}. Arrow keys choose a cell, Space or Enter drops, Escape cancels.{here}"
            ));
            if let Some(slot) = first {
                self.live.borrow_mut().focus_after = Some(cell_selector(slot));
            }
        }
    }

    fn cancel(&self, say: bool) {
        let grab = self.live.borrow().grab;
        self.mark_over(None);
        self.hide_ghost();
        if let Some(g) = grab {
            self.set_grab(None);
            if say {
                self.announce
                    .emit("Cancelled: nothing changed.".to_string());
            }
            if g.how == How::Pick {
                self.live.borrow_mut().focus_after = Some(grip_selector(g.person, g.from));
            }
        }
    }

    /// Drops what is held on `to`.
    fn drop_on(&self, to: Target) {
        let Some(grab) = self.live.borrow().grab else {
            return;
        };
        self.mark_over(None);
        self.hide_ghost();
        self.set_grab(None);
        let keys = grab.how == How::Pick;
        self.settle(grab.person, grab.from, to, keys, keys);
    }

    /// Carries out a drop (or a menu choice) of `person` from `from` on `to`. A keyboard
    /// drop is announced as one (`dropped`); with `follow`, focus goes where the person
    /// went.
    fn settle(
        &self,
        person: PersonId,
        from: Option<Slot>,
        to: Target,
        dropped: bool,
        follow: bool,
    ) {
        let outcome = {
            let live = self.live.borrow();
            let Some(e) = live.workspace.engagement(live.engagement) else {
                return;
            };
            resolve(&live.workspace, e, person, from, to)
        };
        let dropped = if dropped { "Dropped. " } else { "" };
        match outcome {
            Outcome::Do(action, message) => {
                // A keyboard or menu user follows the person to where they went; a mouse
                // or finger is already there, and moving focus would cost a layout.
                if follow {
                    self.live.borrow_mut().focus_after = Some(match to {
                        Target::Cell(slot) => grip_selector(person, Some(slot)),
                        Target::People => grip_selector(person, None),
                    });
                }
                self.dispatch.emit(action);
                self.announce.emit(format!("{dropped}{message}"));
            }
            Outcome::Ask(pending) => {
                self.announce.emit(format!(
                    "{dropped}{} already has {} as Accountable: replace?",
                    pending.function_name, pending.holder_name
                ));
                self.pending.set(Some(pending));
            }
            Outcome::Nothing(message) => {
                if follow {
                    self.live.borrow_mut().focus_after = Some(grip_selector(person, from));
                }
                self.announce.emit(format!("{dropped}{message}"));
            }
        }
    }

    /// The answer to the replace question: make the person Accountable in place of the
    /// holder (one action), or keep the holder.
    fn answer(&self, p: &Pending, replace: bool) {
        if replace {
            let engagement = self.live.borrow().engagement;
            let to = Slot {
                function: p.function,
                role: Raci::Accountable,
            };
            self.live.borrow_mut().focus_after = Some(grip_selector(p.person, Some(to)));
            self.dispatch.emit(Action::ReplaceAccountable {
                engagement,
                person: p.person,
                function: p.function,
                from: p.from.map(|s| (s.function, s.role)),
                hours: default_hours(Raci::Accountable),
            });
            self.announce.emit(format!(
                "{} is now Accountable for {} in place of {}.",
                p.person_name, p.function_name, p.holder_name
            ));
        } else {
            self.live.borrow_mut().focus_after = Some(grip_selector(p.person, p.from));
            self.announce.emit(format!(
                "Kept {} as Accountable for {}: nothing changed.",
                p.holder_name, p.function_name
            ));
        }
        self.pending.set(None);
    }

    fn show_ghost(&self, text: &str, x: f64, y: f64) {
        if let Some(ghost) = self.ghost.cast::<HtmlElement>() {
            ghost.set_text_content(Some(text));
            let style = ghost.style();
            let _ = style.set_property("left", &format!("{x}px"));
            let _ = style.set_property("top", &format!("{y}px"));
            ghost.set_hidden(false);
        }
    }

    fn hide_ghost(&self) {
        if let Some(ghost) = self.ghost.cast::<HtmlElement>() {
            ghost.set_hidden(true);
        }
    }
}

/// A function of the engagement as the "Assign…" menus list it.
#[derive(Debug, Clone, PartialEq)]
pub struct MenuFunction {
    pub id: FunctionId,
    pub name: AttrValue,
}

#[derive(Properties, PartialEq)]
pub struct BoardProps {
    /// The assessment's findings about each function of the engagement.
    pub findings: Rc<BTreeMap<FunctionId, Vec<Finding>>>,
    /// Assigned hours per person, across every engagement.
    pub load: Rc<BTreeMap<PersonId, Hours>>,
    /// The people over capacity: (assigned, capacity).
    pub overloaded: Rc<BTreeMap<PersonId, (Hours, Hours)>>,
}

/// The board for one engagement: the People panel and the grid.
#[component]
pub fn Board(props: &BoardProps) -> Html {
    let plan = use_plan();
    let grab = use_state(|| None::<Grab>);
    let pending = use_state(|| None::<Pending>);
    let filter = use_state(String::new);
    let ghost = use_node_ref();
    let confirm_ref = use_node_ref();
    let engagement_id = plan.engagement.unwrap_or(EngagementId(0));
    let live = use_mut_ref(|| Live {
        workspace: plan.workspace.clone(),
        engagement: engagement_id,
        grab: None,
        over: None,
        press: None,
        swallow_click_until: 0.0,
        focus_after: None,
    });
    {
        let mut l = live.borrow_mut();
        l.workspace = plan.workspace.clone();
        l.engagement = engagement_id;
    }
    let controls = {
        let live = live.clone();
        let dispatch = plan.dispatch.clone();
        let announce = plan.announce.clone();
        let grab = grab.clone();
        let pending = pending.clone();
        let ghost = ghost.clone();
        use_memo((), move |_| Controls {
            live,
            dispatch,
            announce,
            grab,
            pending,
            ghost,
        })
    };
    // Focus what the last gesture asked for, once the plan it changed is on screen.
    {
        let live = live.clone();
        use_effect(move || {
            if let Some(selector) = live.borrow_mut().focus_after.take() {
                focus_selector(&selector);
            }
        });
    }
    // The replace question takes focus while it is open.
    {
        let confirm_ref = confirm_ref.clone();
        use_effect_with(pending.is_some(), move |open| {
            if *open {
                if let Some(el) = confirm_ref.cast::<HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }

    let Some(e) = plan.current() else {
        return html! {};
    };
    let w = &plan.workspace;

    // ---- Handlers, made once; they read the live plan. ----
    let on_menu = {
        let c = (*controls).clone();
        use_callback(
            (),
            move |(person, from, to): (PersonId, Option<Slot>, Target), _| {
                c.cancel(false);
                c.settle(person, from, to, false, true);
            },
        )
    };
    let ondragstart = {
        let c = (*controls).clone();
        use_callback((), move |ev: DragEvent, _| {
            let Some(grip) = closest(ev.target(), ".grip") else {
                return;
            };
            let Some((person, from)) = grip_of(&grip) else {
                return;
            };
            if let Some(dt) = ev.data_transfer() {
                let name = c.live.borrow().workspace.person_name(person).to_string();
                let _ = dt.set_data("text/plain", &name);
                dt.set_effect_allowed("move");
            }
            c.pick_up(person, from, How::Drag);
        })
    };
    let ondragover = {
        let c = (*controls).clone();
        use_callback((), move |ev: DragEvent, _| {
            if c.live.borrow().grab.is_none() {
                return;
            }
            let el: Option<Element> = ev.target().and_then(|t| t.dyn_into().ok());
            let target = el.as_ref().and_then(target_of);
            if target.is_some() {
                // Accept the drop here.
                ev.prevent_default();
                if let Some(dt) = ev.data_transfer() {
                    dt.set_drop_effect("move");
                }
            }
            let cell = el.and_then(|el| el.closest("td.raci-cell, .people-panel").ok().flatten());
            c.mark_over(cell);
        })
    };
    let ondrop = {
        let c = (*controls).clone();
        use_callback((), move |ev: DragEvent, _| {
            let el: Option<Element> = ev.target().and_then(|t| t.dyn_into().ok());
            if let Some(target) = el.as_ref().and_then(target_of) {
                ev.prevent_default();
                c.drop_on(target);
            }
        })
    };
    let ondragend = {
        let c = (*controls).clone();
        use_callback((), move |_: DragEvent, _| {
            // A drop has already settled and cleared the grab; anything else is a cancel.
            c.cancel(false);
        })
    };
    let onclick = {
        let c = (*controls).clone();
        use_callback((), move |ev: MouseEvent, _| {
            let tail = js_sys::Date::now() < c.live.borrow().swallow_click_until;
            c.live.borrow_mut().swallow_click_until = 0.0;
            if tail {
                return;
            }
            let grab = c.live.borrow().grab;
            if let Some(grip) = closest(ev.target(), ".grip") {
                if let Some((person, from)) = grip_of(&grip) {
                    match grab {
                        Some(g) if g.person == person && g.from == from => c.cancel(true),
                        _ => c.pick_up(person, from, How::Pick),
                    }
                }
                return;
            }
            if !grab.is_some_and(|g| g.how == How::Pick) {
                return;
            }
            // A click on another control in a cell is that control's, not a drop.
            if closest(ev.target(), "button, input, select, a, [role=menu]").is_some() {
                return;
            }
            let el: Option<Element> = ev.target().and_then(|t| t.dyn_into().ok());
            if let Some(target) = el.as_ref().and_then(target_of) {
                c.drop_on(target);
            }
        })
    };
    let onkeydown = {
        let c = (*controls).clone();
        use_callback((), move |ev: KeyboardEvent, _| {
            let key = ev.key();
            let grab = c.live.borrow().grab;
            // Delete or Backspace on a chip's grip unassigns it.
            if grab.is_none() && (key == "Delete" || key == "Backspace") {
                if let Some((person, Some(from))) =
                    closest(ev.target(), ".grip").as_ref().and_then(grip_of)
                {
                    ev.prevent_default();
                    c.settle(person, Some(from), Target::People, false, true);
                }
                return;
            }
            let Some(g) = grab else {
                return;
            };
            if key == "Escape" {
                ev.prevent_default();
                c.cancel(true);
                return;
            }
            if g.how != How::Pick {
                return;
            }
            let Some(cell) = closest(ev.target(), "td.raci-cell") else {
                return;
            };
            let next = match key.as_str() {
                " " | "Enter" => {
                    ev.prevent_default();
                    if let Some(slot) = slot_of(&cell, "data-function", "data-role") {
                        c.drop_on(Target::Cell(slot));
                    }
                    return;
                }
                "ArrowLeft" => cell
                    .previous_element_sibling()
                    .filter(|el| el.matches("td.raci-cell").unwrap_or(false)),
                "ArrowRight" => cell.next_element_sibling(),
                "ArrowUp" | "ArrowDown" => {
                    let mut other = cell.parent_element();
                    loop {
                        other = other.and_then(|r| {
                            if key == "ArrowUp" {
                                r.previous_element_sibling()
                            } else {
                                r.next_element_sibling()
                            }
                        });
                        match &other {
                            Some(r) if !r.matches("tr.function-row").unwrap_or(false) => continue,
                            _ => break,
                        }
                    }
                    let role = cell.get_attribute("data-role").unwrap_or_default();
                    other.and_then(|r| {
                        r.query_selector(&format!("td.raci-cell[data-role=\"{role}\"]"))
                            .ok()
                            .flatten()
                    })
                }
                "Tab" => {
                    // Leaving the grid puts the person back.
                    c.cancel(true);
                    return;
                }
                _ => return,
            };
            ev.prevent_default();
            if let Some(next) = next.and_then(|n| n.dyn_into::<HtmlElement>().ok()) {
                let _ = next.focus();
                let live = c.live.borrow();
                if let (Some(e), Some(slot)) = (
                    live.workspace.engagement(live.engagement),
                    slot_of(&next, "data-function", "data-role"),
                ) {
                    let mut said = format!("{}.", cell_name(e, slot));
                    if slot.role == Raci::Accountable {
                        if let Some(h) = e.accountable(slot.function).filter(|h| *h != g.person) {
                            said.push_str(&format!(
                                " Held by {}: dropping here asks to replace.",
                                live.workspace.person_name(h)
                            ));
                        }
                    }
                    c.announce.emit(said);
                }
            }
        })
    };
    let onpointerdown = {
        let c = (*controls).clone();
        use_callback((), move |ev: PointerEvent, _| {
            if ev.pointer_type() == "mouse" || !ev.is_primary() {
                return;
            }
            if let Some((person, from)) = closest(ev.target(), ".grip").as_ref().and_then(grip_of) {
                c.live.borrow_mut().press = Some((
                    ev.pointer_id(),
                    f64::from(ev.client_x()),
                    f64::from(ev.client_y()),
                    person,
                    from,
                ));
            }
        })
    };
    let onpointermove = {
        let c = (*controls).clone();
        use_callback((), move |ev: PointerEvent, _| {
            let press = c.live.borrow().press;
            let Some((id, x0, y0, person, from)) = press else {
                return;
            };
            if ev.pointer_id() != id {
                return;
            }
            let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
            let dragging = c.live.borrow().grab.is_some_and(|g| g.how == How::Pointer);
            if !dragging {
                if (x - x0).abs() + (y - y0).abs() < 8.0 {
                    return;
                }
                if let Some(grip) = closest(ev.target(), ".grip") {
                    let _ = grip.set_pointer_capture(id);
                }
                c.pick_up(person, from, How::Pointer);
            }
            ev.prevent_default();
            let name = c.live.borrow().workspace.person_name(person).to_string();
            c.show_ghost(&name, x + 12.0, y + 12.0);
            let under = gloo::utils::document()
                .element_from_point(x as f32, y as f32)
                .and_then(|el| el.closest("td.raci-cell, .people-panel").ok().flatten());
            c.mark_over(under);
        })
    };
    let onpointerup = {
        let c = (*controls).clone();
        use_callback((), move |ev: PointerEvent, _| {
            let press = c.live.borrow_mut().press.take();
            if press.is_none_or(|p| p.0 != ev.pointer_id()) {
                return;
            }
            if !c.live.borrow().grab.is_some_and(|g| g.how == How::Pointer) {
                // A tap: the click that follows picks up.
                return;
            }
            c.live.borrow_mut().swallow_click_until = js_sys::Date::now() + 400.0;
            let under = gloo::utils::document()
                .element_from_point(ev.client_x() as f32, ev.client_y() as f32)
                .as_ref()
                .and_then(target_of);
            match under {
                Some(target) => c.drop_on(target),
                None => c.cancel(true),
            }
        })
    };
    let onpointercancel = {
        let c = (*controls).clone();
        use_callback((), move |_: PointerEvent, _| {
            c.live.borrow_mut().press = None;
            if c.live.borrow().grab.is_some_and(|g| g.how == How::Pointer) {
                c.cancel(true);
            }
        })
    };
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |ev: InputEvent| {
            let input: HtmlInputElement = ev.target_unchecked_into();
            filter.set(input.value());
        })
    };

    // ---- What the board shows. ----
    let load = &props.load;
    let functions: Rc<Vec<MenuFunction>> = Rc::new(
        e.functions
            .iter()
            .map(|f| MenuFunction {
                id: f.id,
                name: AttrValue::from(f.name.clone()),
            })
            .collect(),
    );
    let titles = titles_in(e);
    let needle = filter.trim().to_lowercase();
    let mut people: Vec<&Person> = w
        .people
        .iter()
        .filter(|p| {
            needle.is_empty()
                || p.name.to_lowercase().contains(&needle)
                || p.group.label().to_lowercase().contains(&needle)
        })
        .collect();
    people.sort_by_key(|p| p.name.to_lowercase());
    let shown = people.len();
    let current = *grab;
    let contracted = e.relationship == Relationship::Contracted;
    let over = |p: PersonId| props.overloaded.get(&p).copied();
    let pm_name = e.pm.map(|p| AttrValue::from(w.person_name(p).to_string()));

    // While something is held, cells it cannot go to are dimmed and a held Accountable
    // cell is marked: one small style rule instead of re-rendering every cell.
    let grab_style = current.map(|g| {
        format!(
            ".board .raci-cell:has(.chip[data-person=\"{p}\"]) {{ opacity: .55; }} \
             .board .raci-cell.raci-accountable:has(.chip:not([data-person=\"{p}\"])) {{ outline-style: dotted; }}",
            p = g.person
        )
    });

    let pending_view = (*pending).clone().map(|p| {
        let answer = |replace: bool| {
            let (c, p) = ((*controls).clone(), p.clone());
            Callback::from(move |_: MouseEvent| c.answer(&p, replace))
        };
        let (yes, no) = (answer(true), answer(false));
        let keys = {
            let (c, p) = ((*controls).clone(), p.clone());
            Callback::from(move |ev: KeyboardEvent| {
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    ev.stop_propagation();
                    c.answer(&p, false);
                }
            })
        };
        html! {
            <div class="board-confirm" role="alertdialog" aria-modal="true" aria-labelledby="board-confirm-title"
                aria-describedby="board-confirm-text" onkeydown={keys} data-testid="replace-accountable">
                <h3 id="board-confirm-title">{ format!("Replace the Accountable for {}?", p.function_name) }</h3>
                <p id="board-confirm-text">
                    { format!("{} is Accountable for {}. A function has exactly one final authority: make {} Accountable instead? {} is then unassigned from that cell.",
                        p.holder_name, p.function_name, p.person_name, p.holder_name) }
                </p>
                <div class="board-confirm-actions">
                    <button type="button" class="primary" ref={confirm_ref.clone()} onclick={yes}>
                        { format!("Replace {} with {}", p.holder_name, p.person_name) }
                    </button>
                    <button type="button" onclick={no}>{ format!("Keep {}", p.holder_name) }</button>
                </div>
            </div>
        }
    });

    html! {
        <div class={classes!("board", current.map(|_| "is-grabbing"))} data-testid="board"
            {ondragstart} {ondragover} {ondrop} {ondragend} {onclick} {onkeydown}
            {onpointerdown} {onpointermove} {onpointerup} {onpointercancel}>
            if let Some(rule) = grab_style {
                <style>{ rule }</style>
            }
            <p id="board-help" class="visually-hidden">
                { "Drag to a cell, or press Space or Enter to pick up, the arrow keys to choose a cell, Space or Enter to drop and Escape to cancel. Each card and chip also has an Assign menu." }
            </p>
            <section class="people-panel" aria-labelledby="people-panel-title">
                <h3 id="people-panel-title">{ "People" }</h3>
                <label class="people-filter">
                    <span>{ "Filter people" }</span>
                    <input type="search" value={(*filter).clone()} oninput={on_filter}
                        placeholder="Name or group" data-testid="people-filter" />
                </label>
                <p class="people-count" aria-live="polite">
                    { if needle.is_empty() { format!("{} people", w.people.len()) } else { format!("{shown} of {} people", w.people.len()) } }
                </p>
                <ul class="cards">
                    { for people.iter().map(|p| {
                        let assigned = load.get(&p.id).copied().unwrap_or_default();
                        html! {
                            <PersonCard key={p.id.0} person={p.id} name={AttrValue::from(p.name.clone())}
                                group={p.group.label()} {assigned} capacity={p.capacity}
                                titles={titles.get(&p.id).cloned()}
                                held={current.is_some_and(|g| g.person == p.id && g.from.is_none())}
                                functions={functions.clone()} on_menu={on_menu.clone()} />
                        }
                    }) }
                </ul>
                if shown == 0 {
                    <p class="empty">{ if w.people.is_empty() { "Nobody is on the roster yet: add people on the People view." } else { "Nobody matches that filter." } }</p>
                }
                <p class="people-drop-hint" aria-hidden="true">{ "Drop a chip here to unassign it." }</p>
            </section>
            <div class="board-grid table-scroll">
                if e.functions.is_empty() {
                    <p class="empty">{ "This engagement has no functions yet. Add one below." }</p>
                } else {
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
                                let findings = props.findings.get(&f.id).cloned().unwrap_or_default();
                                let cells: Vec<Vec<ChipData>> = Raci::ALL.iter().map(|&role| {
                                    e.assignments_on(f.id).filter(|a| a.role == role).map(|a| ChipData {
                                        person: a.person,
                                        name: AttrValue::from(w.person_name(a.person).to_string()),
                                        hours: a.hours,
                                        over: over(a.person),
                                        held: current.is_some_and(|g| g.person == a.person && g.from == Some(Slot { function: f.id, role })),
                                    }).collect()
                                }).collect();
                                let pm = (e.accountable(f.id).is_none()).then(|| PmDefault {
                                    pm: pm_name.clone(),
                                    accepted: e.pm_accepted.contains(&f.id),
                                });
                                html! {
                                    <BoardRow key={f.id.0} engagement={e.id} function={f.clone()}
                                        required={contracted && f.kind.required_when_contracted()}
                                        {findings} {cells} {pm} functions={functions.clone()}
                                        on_menu={on_menu.clone()} dispatch={plan.dispatch.clone()}
                                        announce={plan.announce.clone()} />
                                }
                            }) }
                        </tbody>
                    </table>
                }
            </div>
            <div class="drag-ghost" ref={ghost} hidden=true aria-hidden="true"></div>
            { pending_view.unwrap_or_default() }
        </div>
    }
}

/// The titles each person holds in the engagement, as a card shows them.
fn titles_in(e: &Engagement) -> BTreeMap<PersonId, AttrValue> {
    let mut titles: BTreeMap<PersonId, Vec<&str>> = BTreeMap::new();
    for (p, title) in engagement_titles(e) {
        titles.entry(p).or_default().push(title);
    }
    titles
        .into_iter()
        .map(|(p, t)| (p, AttrValue::from(format!("Here: {}", t.join(" \u{b7} ")))))
        .collect()
}

#[derive(Properties, PartialEq)]
struct PersonCardProps {
    person: PersonId,
    name: AttrValue,
    group: &'static str,
    assigned: Hours,
    capacity: Hours,
    titles: Option<AttrValue>,
    held: bool,
    functions: Rc<Vec<MenuFunction>>,
    on_menu: Callback<(PersonId, Option<Slot>, Target)>,
}

/// A person on the People panel: name, group, titles here, and the live workload
/// across every engagement.
#[component]
fn PersonCard(props: &PersonCardProps) -> Html {
    let over = props.assigned > props.capacity;
    let load_text = format!("{} of {} h a week", props.assigned, props.capacity);
    html! {
        <li class={classes!("card", props.held.then_some("held"), over.then_some("over"))}
            data-card={props.person.to_string()} data-person={props.person.to_string()}>
            <button type="button" class="grip" draggable="true" data-person={props.person.to_string()}
                aria-label={props.name.clone()} aria-roledescription="person card"
                aria-describedby="board-help" aria-pressed={if props.held { "true" } else { "false" }}>
                <span class="grip-dots" aria-hidden="true">{ "\u{283f}" }</span>
                <span class="card-name">{ &props.name }</span>
            </button>
            <span class="card-group">{ props.group }</span>
            if let Some(t) = &props.titles {
                <span class="card-titles">{ t }</span>
            }
            <span class={classes!("badge", "load-badge", if over { "badge-danger" } else { "badge-quiet" })}
                data-testid="load-badge" title={format!("Assigned across all engagements: {load_text}")}>
                if over {
                    <span aria-hidden="true">{ "\u{26a0} " }</span>
                    <span class="visually-hidden">{ "Over capacity: " }</span>
                }
                { format!("{} / {} h", props.assigned, props.capacity) }
                <span class="visually-hidden">{ " a week" }</span>
            </span>
            <AssignMenu person={props.person} person_name={props.name.clone()} from={None::<Slot>}
                functions={props.functions.clone()} on_menu={props.on_menu.clone()} />
        </li>
    }
}

/// One chip's content.
#[derive(Debug, Clone, PartialEq)]
struct ChipData {
    person: PersonId,
    name: AttrValue,
    hours: Hours,
    /// Assigned and capacity, when over capacity.
    over: Option<(Hours, Hours)>,
    held: bool,
}

/// The PM default shown in an Accountable cell nobody holds.
#[derive(Debug, Clone, PartialEq)]
struct PmDefault {
    pm: Option<AttrValue>,
    accepted: bool,
}

#[derive(Properties, PartialEq)]
struct BoardRowProps {
    engagement: EngagementId,
    function: Function,
    required: bool,
    findings: Vec<Finding>,
    /// The chips of each cell, in `Raci::ALL` order.
    cells: Vec<Vec<ChipData>>,
    pm: Option<PmDefault>,
    functions: Rc<Vec<MenuFunction>>,
    on_menu: Callback<(PersonId, Option<Slot>, Target)>,
    dispatch: Callback<Action>,
    announce: Callback<String>,
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
fn BoardRow(props: &BoardRowProps) -> Html {
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
        let dispatch = props.dispatch.clone();
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
                <TextField label="Function name" hide_label=true required=true value={f.name.clone()}
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
                        dispatch={props.dispatch.clone()} />
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
            let dispatch = props.dispatch.clone();
            Callback::from(move |hours: Hours| {
                dispatch.emit(Action::SetAssignmentHours {
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
        if pm.accepted {
            html! {
                <div class="pm-default pm-accepted" data-testid={format!("pm-default-{function}")}>
                    <span class="badge badge-ok"><span aria-hidden="true">{ "\u{2713} " }</span>{ "Accepted by the PM" }</span>
                    <span class="pm-name">{ format!(" ({name})") }</span>
                    <button type="button" class="link-button" onclick={set(false)}
                        aria-label={format!("Give back {fname}")}>{ "Give back" }</button>
                </div>
            }
        } else {
            html! {
                <div class="pm-default" data-testid={format!("pm-default-{function}")}>
                    <span class="badge badge-warn"><span aria-hidden="true">{ "\u{26a0} " }</span>{ "PM by default" }</span>
                    <span class="pm-name">{ format!(" ({name})") }</span>
                    <button type="button" onclick={set(true)}
                        aria-label={format!("Accept {fname} as PM")}>{ "Accept as PM" }</button>
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

/// Where an open menu sits: under its button, or above it when the button is low on
/// the screen; never past the right edge.
#[derive(Debug, Clone, Copy, PartialEq)]
struct MenuPlace {
    left: f64,
    /// Distance from the top of the viewport (opening downwards) or, when `above`, from
    /// the bottom (opening upwards).
    edge: f64,
    above: bool,
    /// The room between the button and that edge of the viewport.
    room: f64,
}

impl MenuPlace {
    fn near(button: &web_sys::DomRect) -> MenuPlace {
        let window = gloo::utils::window();
        let width = window
            .inner_width()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(1024.0);
        let height = window
            .inner_height()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(768.0);
        let above = button.bottom() > height * 0.55;
        let room = if above {
            button.top()
        } else {
            height - button.bottom()
        };
        MenuPlace {
            room: (room - 8.0).max(120.0),
            // The menu is at most about 20rem wide.
            left: button.left().min(width - 340.0).max(4.0),
            edge: if above {
                height - button.top()
            } else {
                button.bottom()
            },
            above,
        }
    }

    fn style(self) -> String {
        let vertical = if self.above { "bottom" } else { "top" };
        format!(
            "left: {:.0}px; {vertical}: {:.0}px; max-height: {:.0}px;",
            self.left, self.edge, self.room
        )
    }
}

#[derive(Properties, PartialEq)]
struct AssignMenuProps {
    person: PersonId,
    person_name: AttrValue,
    /// The chip's cell; none for a card.
    from: Option<Slot>,
    functions: Rc<Vec<MenuFunction>>,
    on_menu: Callback<(PersonId, Option<Slot>, Target)>,
}

/// "Assign…": a menu of every cell of the board (and, on a chip, "Unassign"), for
/// assigning and moving without dragging.
#[component]
fn AssignMenu(props: &AssignMenuProps) -> Html {
    let open = use_state(|| None::<MenuPlace>);
    let button_ref = use_node_ref();
    let menu_ref = use_node_ref();
    {
        let menu_ref = menu_ref.clone();
        use_effect_with(open.is_some(), move |is_open| {
            if *is_open {
                if let Some(first) = menu_ref
                    .cast::<Element>()
                    .and_then(|m| {
                        m.query_selector("[role=menuitem]:not([aria-disabled=true])")
                            .ok()
                            .flatten()
                    })
                    .and_then(|el| el.dyn_into::<HtmlElement>().ok())
                {
                    let _ = first.focus();
                }
            }
        });
    }
    let (person, from) = (props.person, props.from);
    let toggle = {
        let open = open.clone();
        let button_ref = button_ref.clone();
        Callback::from(move |ev: MouseEvent| {
            ev.stop_propagation();
            if open.is_some() {
                open.set(None);
                return;
            }
            let Some(rect) = button_ref
                .cast::<Element>()
                .map(|b| b.get_bounding_client_rect())
            else {
                return;
            };
            open.set(Some(MenuPlace::near(&rect)));
        })
    };
    let close_to_button = {
        let open = open.clone();
        let button_ref = button_ref.clone();
        Callback::from(move |_: ()| {
            open.set(None);
            if let Some(b) = button_ref.cast::<HtmlElement>() {
                let _ = b.focus();
            }
        })
    };
    let onkeydown = {
        let close = close_to_button.clone();
        let menu_ref = menu_ref.clone();
        Callback::from(move |ev: KeyboardEvent| {
            let key = ev.key();
            if key == "Escape" {
                ev.prevent_default();
                ev.stop_propagation();
                close.emit(());
                return;
            }
            if key == "Tab" {
                close.emit(());
                return;
            }
            let Some(menu) = menu_ref.cast::<Element>() else {
                return;
            };
            let items: Vec<HtmlElement> = menu
                .query_selector_all("[role=menuitem]")
                .ok()
                .map(|list| {
                    (0..list.length())
                        .filter_map(|i| list.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()))
                        .collect()
                })
                .unwrap_or_default();
            if items.is_empty() {
                return;
            }
            let active = gloo::utils::document().active_element();
            let at = items
                .iter()
                .position(|i| active.as_ref().is_some_and(|a| a == i.as_ref() as &Element));
            let next = match key.as_str() {
                "ArrowDown" => at.map_or(0, |i| (i + 1) % items.len()),
                "ArrowUp" => at.map_or(items.len() - 1, |i| (i + items.len() - 1) % items.len()),
                "Home" => 0,
                "End" => items.len() - 1,
                _ => return,
            };
            ev.prevent_default();
            let _ = items[next].focus();
        })
    };
    // Focus leaving the menu and its button closes the menu. Checked a moment later,
    // where focus has settled: a focus change can pass through the page on its way.
    let onfocusout = {
        let open = open.clone();
        let menu_ref = menu_ref.clone();
        let button_ref = button_ref.clone();
        Callback::from(move |_: FocusEvent| {
            let open = open.clone();
            let menu_ref = menu_ref.clone();
            let button_ref = button_ref.clone();
            gloo::timers::callback::Timeout::new(0, move || {
                let active: Option<web_sys::Node> =
                    gloo::utils::document().active_element().map(Into::into);
                let inside = active.as_ref().is_some_and(|n| {
                    menu_ref
                        .cast::<Element>()
                        .is_some_and(|m| m.contains(Some(n)))
                        || button_ref
                            .cast::<Element>()
                            .is_some_and(|b| b.contains(Some(n)))
                });
                if !inside && menu_ref.cast::<Element>().is_some() {
                    open.set(None);
                }
            })
            .forget();
        })
    };
    let choose = |target: Target| {
        let on_menu = props.on_menu.clone();
        let open = open.clone();
        Callback::from(move |ev: MouseEvent| {
            ev.stop_propagation();
            open.set(None);
            on_menu.emit((person, from, target));
        })
    };
    let name = &props.person_name;
    let button_label = match from {
        Some(_) => format!("Assign {name} elsewhere\u{2026}"),
        None => format!("Assign {name}\u{2026}"),
    };
    let menu = open.map(|place| {
        html! {
            <div class="assign-menu" role="menu" aria-label={format!("Assign {name} to")} ref={menu_ref.clone()}
                style={place.style()} onkeydown={onkeydown.clone()}
                onfocusout={onfocusout.clone()}>
                { for props.functions.iter().map(|f| html! {
                    <div role="group" aria-label={f.name.clone()} class="assign-menu-group" key={f.id.0}>
                        <div class="assign-menu-function" aria-hidden="true">{ &f.name }</div>
                        { for Raci::ALL.iter().map(|&role| {
                            let slot = Slot { function: f.id, role };
                            let here = from == Some(slot);
                            html! {
                                <button type="button" role="menuitem" tabindex="-1"
                                    aria-label={format!("{}: {}", f.name, role.label())}
                                    aria-disabled={if here { "true" } else { "false" }}
                                    onclick={if here { Callback::from(|ev: MouseEvent| ev.stop_propagation()) } else { choose(Target::Cell(slot)) }}>
                                    { role.label() }
                                    if here { <span class="visually-hidden">{ " (here now)" }</span> }
                                </button>
                            }
                        }) }
                    </div>
                }) }
                if let Some(slot) = from {
                    <button type="button" role="menuitem" tabindex="-1" class="danger"
                        onclick={choose(Target::People)}>
                        { format!("Unassign from {}: {}", props.functions.iter().find(|f| f.id == slot.function).map_or("", |f| f.name.as_str()), slot.role.label()) }
                    </button>
                }
            </div>
        }
    });
    html! {
        <span class="assign-menu-wrap">
            <button type="button" class="assign-menu-button" ref={button_ref} aria-haspopup="menu"
                aria-expanded={if open.is_some() { "true" } else { "false" }} aria-label={button_label}
                onclick={toggle} onfocusout={onfocusout}>
                { "Assign\u{2026}" }
            </button>
            // In the page's body: a card or chip list skips layout when off screen (it is
            // contained), which would clip a menu drawn inside it.
            { menu.map(|m| create_portal(m, gloo::utils::body().into())).unwrap_or_default() }
        </span>
    }
}
