//! How the board is used: HTML5 drag and drop (mouse), pointer events (touch and pen),
//! the keyboard, clicks and taps on a grip, and the "Assign…" menus' choices. One set of
//! handlers listens at the board's root and reads the live plan, so they are made once;
//! each finished gesture dispatches exactly one action.

use crate::model::*;
use crate::view::board::{
    cell_announcement, cell_selector, grip_selector, pick_up_announcement, resolve, role_from_slug,
    start_slot, Outcome, Pending, Slot, Target,
};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, Element, HtmlElement, KeyboardEvent, PointerEvent};
use yew::prelude::*;

/// How the current pick-up started: it decides what ends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum How {
    /// HTML5 drag and drop (mouse).
    Drag,
    /// Pointer events (touch or pen).
    Pointer,
    /// Picked up by Space, Enter, a click or a tap; dropped the same way.
    Pick,
}

/// What is being moved: a person from the People panel (`from` is none) or a chip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Grab {
    pub(super) person: PersonId,
    pub(super) from: Option<Slot>,
    pub(super) how: How,
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

/// Everything the board's handlers read, kept current on every render so that the
/// handlers themselves can be made once.
pub(super) struct Live {
    pub(super) workspace: Rc<Workspace>,
    pub(super) engagement: EngagementId,
    pub(super) grab: Option<Grab>,
    /// The cell currently marked as the drop target under a mouse or finger.
    pub(super) over: Option<Element>,
    /// A touch or pen press on a grip that has not moved far enough to be a drag.
    pub(super) press: Option<(i32, f64, f64, PersonId, Option<Slot>)>,
    /// Until when (`Date.now()`, ms) a click is the tail of a pointer drag, not a pick-up.
    /// A time, not a flag: when no click follows the drag, the next real one still counts.
    pub(super) swallow_click_until: f64,
    /// Where focus goes after the next render.
    pub(super) focus_after: Option<String>,
}

/// The board's handles on the app and its own state, made once.
#[derive(Clone)]
pub(super) struct Controls {
    pub(super) live: Rc<RefCell<Live>>,
    pub(super) dispatch: Callback<Action>,
    pub(super) announce: Callback<String>,
    pub(super) grab: UseStateHandle<Option<Grab>>,
    pub(super) pending: UseStateHandle<Option<Pending>>,
    pub(super) ghost: NodeRef,
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
        let (said, first) = {
            let live = self.live.borrow();
            let w = &live.workspace;
            let e = w.engagement(live.engagement);
            let first = e.map_or(from, |e| start_slot(e, from));
            (pick_up_announcement(w, e, person, first), first)
        };
        self.set_grab(Some(Grab { person, from, how }));
        if how == How::Pick {
            self.announce.emit(said);
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
            resolve(&live.workspace, e, person, from, to, Raci::default_hours)
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
                hours: Raci::Accountable.default_hours(),
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

/// The handlers the board's root listens with.
pub(super) struct Gestures {
    pub(super) on_menu: Callback<(PersonId, Option<Slot>, Target)>,
    pub(super) ondragstart: Callback<DragEvent>,
    pub(super) ondragover: Callback<DragEvent>,
    pub(super) ondrop: Callback<DragEvent>,
    pub(super) ondragend: Callback<DragEvent>,
    pub(super) onclick: Callback<MouseEvent>,
    pub(super) onkeydown: Callback<KeyboardEvent>,
    pub(super) onpointerdown: Callback<PointerEvent>,
    pub(super) onpointermove: Callback<PointerEvent>,
    pub(super) onpointerup: Callback<PointerEvent>,
    pub(super) onpointercancel: Callback<PointerEvent>,
}

/// The board's handlers, made once; they read the live plan.
#[hook]
pub(super) fn use_gestures(controls: Rc<Controls>) -> Gestures {
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
                    c.announce
                        .emit(cell_announcement(&live.workspace, e, slot, g.person));
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
    Gestures {
        on_menu,
        ondragstart,
        ondragover,
        ondrop,
        ondragend,
        onclick,
        onkeydown,
        onpointerdown,
        onpointermove,
        onpointerup,
        onpointercancel,
    }
}

/// The question asked when a drop lands on an Accountable cell someone else holds:
/// replace them, or keep them.
pub(super) fn replace_question(controls: &Rc<Controls>, p: Pending, confirm_ref: &NodeRef) -> Html {
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
}
