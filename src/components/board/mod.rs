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

mod cards;
mod gestures;
mod menu;
mod rows;

use super::context::use_plan;
use super::widgets::focus::focus_selector;
use super::widgets::pager::Pager;
use crate::model::assessment::Finding;
use crate::model::order;
use crate::model::*;
use crate::view::paging::{Page, PAGE_SIZE};
use cards::{titles_in, PersonCard};
use gestures::{replace_question, use_gestures, Controls, Gestures, Grab, Live};
pub use menu::MenuFunction;
use rows::{BoardRow, ChipData, PmDefault};
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

use crate::view::board::Pending;
pub use crate::view::board::{Slot, Target};

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
    // A long roster is shown a page of cards at a time (see view::paging).
    let page_asked = use_state(|| 0usize);
    let show_all = use_state(|| false);
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

    let Gestures {
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
    } = use_gestures(controls.clone());
    let on_filter = {
        let filter = filter.clone();
        let page_asked = page_asked.clone();
        Callback::from(move |ev: InputEvent| {
            let input: HtmlInputElement = ev.target_unchecked_into();
            page_asked.set(0);
            filter.set(input.value());
        })
    };
    let on_page = {
        let page_asked = page_asked.clone();
        Callback::from(move |n: usize| page_asked.set(n))
    };
    let on_show_all = {
        let show_all = show_all.clone();
        Callback::from(move |()| show_all.set(true))
    };
    let on_show_pages = {
        let show_all = show_all.clone();
        Callback::from(move |_: MouseEvent| show_all.set(false))
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
    order::sort_by_key(&mut people, |p| p.name.to_lowercase());
    let shown = people.len();
    let page = Page::of(shown, PAGE_SIZE, *page_asked);
    let on_page_cards = match *show_all {
        true => &people[..],
        false => &people[page.start..page.end],
    };
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
    use_grab_sheet(grab_style);

    let pending_view = (*pending)
        .clone()
        .map(|p| replace_question(&controls, p, &confirm_ref));

    html! {
        <div class={classes!("board", current.map(|_| "is-grabbing"))} data-testid="board"
            {ondragstart} {ondragover} {ondrop} {ondragend} {onclick} {onkeydown}
            {onpointerdown} {onpointermove} {onpointerup} {onpointercancel}>
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
                // The pager says how many are shown when there is one.
                if !page.is_split() || *show_all {
                    <p class="people-count" aria-live="polite">
                        { if needle.is_empty() { format!("{} people", w.people.len()) } else { format!("{shown} of {} people", w.people.len()) } }
                    </p>
                }
                if page.is_split() && !*show_all {
                    <Pager {page} label="Pages of people" plural="people" compact=true
                        {on_page} {on_show_all} />
                } else if page.is_split() {
                    <p class="pager">
                        <button type="button" class="link-button" onclick={on_show_pages}>
                            { format!("Show {PAGE_SIZE} at a time") }
                        </button>
                    </p>
                }
                <ul class="cards">
                    { for on_page_cards.iter().map(|p| {
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
                                    accepted: e.pm_accepted.get(&f.id).copied(),
                                });
                                html! {
                                    <BoardRow key={f.id.0} engagement={e.id} function={f.clone()}
                                        required={contracted && f.kind.required_when_contracted()}
                                        {findings} {cells} {pm} functions={functions.clone()}
                                        on_menu={on_menu.clone()} dispatch={plan.dispatch.clone()}
                                        try_apply={plan.try_apply.clone()}
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

/// Holds `rule` (or nothing) in a stylesheet of the board's own, adopted by the document
/// while the board is shown. A constructed stylesheet, changed through the CSSOM: the
/// page's Content Security Policy (`style-src 'self'`) refuses a `<style>` element. Where
/// a browser cannot construct one the rule is left out, and with it only the dimming.
#[hook]
fn use_grab_sheet(rule: Option<String>) {
    let sheet = use_memo((), |_| web_sys::CssStyleSheet::new().ok());
    {
        let sheet = sheet.clone();
        use_effect_with((), move |_| {
            let document = gloo::utils::document();
            if let Some(sheet) = sheet.as_ref() {
                let adopted = js_sys::Array::from(&document.adopted_style_sheets());
                adopted.push(sheet);
                document.set_adopted_style_sheets(&adopted);
            }
            move || {
                if let Some(sheet) = sheet.as_ref() {
                    let sheet: &JsValue = sheet.as_ref();
                    let kept: js_sys::Array = js_sys::Array::from(&document.adopted_style_sheets())
                        .iter()
                        .filter(|s| s != sheet)
                        .collect();
                    document.set_adopted_style_sheets(&kept);
                }
            }
        });
    }
    use_effect_with(rule, move |rule| {
        if let Some(sheet) = sheet.as_ref() {
            let _ = sheet.replace_sync(rule.as_deref().unwrap_or_default());
        }
    });
}
