//! End-to-end tests of the Roles board in Chromium, Firefox or WebKit (`EP_BROWSER`), against
//! the release build: each gesture (mouse drag, touch drag, keyboard, the "Assign…" menu)
//! changes the plan by
//! one action, that an undo removes and that a reload shows persisted. Plus the replace
//! question for a second Accountable, screenshots at 1024×768 (laptop and projector), and
//! a benchmark of drop-to-paint and keystroke-to-paint on a large plan.
//!
//! Plain `cargo test` skips these by design; run them against a fresh release build:
//!
//! ```text
//! trunk build --release
//! EP_E2E=1 EP_DIST=$PWD/dist cargo test --test e2e_board -- --test-threads=1
//! EP_E2E=1 EP_DIST=$PWD/dist cargo test --release --test e2e_board bench -- --ignored --nocapture
//! ```
//!
//! Where WebDriver cannot make a gesture in an engine, the test makes the same change by the
//! board's other path for that gesture and says so (`Session::note_path`, printed as
//! `<engine>: <test>: <path and why>`):
//! * mouse drag: a real HTML5 drag and drop in Chromium; click to pick up and click to drop
//!   in Firefox (WebDriver starts a native drag there but never delivers the drop) and in
//!   WebKit (WebKitGTK ends a WebDriver-driven native drag at once);
//! * touch drag: CDP touch input in Chromium, WebDriver touch actions in Firefox, WebDriver
//!   pen actions in WebKit (its driver has no touch input; a pen takes the board's
//!   touch path); the swipe that scrolls the page is checked in Chromium only.
//!
//! The benchmark needs CDP's performance metrics and runs in Chromium only.
#![cfg(not(target_arch = "wasm32"))]

#[path = "e2e/support.rs"]
mod support;

use engagement_planner::model::*;
use engagement_planner::storage::to_json;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use serde_json::{json, Value as Json};
use std::time::Duration;
use support::{
    el_arg, screenshot_dir, stored_workspace, wait_saved, Engine, Session, WORKSPACE_KEY,
};

// ===== the plan ==========================================================================

fn apply(w: &mut Workspace, action: Action) {
    let what = format!("{action:?}");
    w.apply(action)
        .unwrap_or_else(|e| panic!("building the plan: {what} was refused: {e}"));
}

/// A contracted engagement with five people; Jordan Counsel is Legal's Accountable and
/// Pat Lead is both PM and engagement manager.
fn board_workspace() -> Workspace {
    let mut w = Workspace::default();
    for (name, side, group, capacity) in [
        ("Dana Lee", Side::Provider, StakeholderGroup::Performer, 40),
        (
            "Jordan Counsel",
            Side::Provider,
            StakeholderGroup::Legal,
            10,
        ),
        ("Morgan Client", Side::Client, StakeholderGroup::Sponsor, 5),
        (
            "Pat Lead",
            Side::Provider,
            StakeholderGroup::ProjectManager,
            40,
        ),
        ("Sam Sales", Side::Provider, StakeholderGroup::Sales, 2),
    ] {
        apply(
            &mut w,
            Action::AddPerson {
                name: name.into(),
                side,
                group,
                capacity: Hours::from_whole(capacity),
            },
        );
    }
    apply(
        &mut w,
        Action::CreateEngagement {
            name: "Website rebuild".into(),
            template: Template::ContractedVendor,
        },
    );
    let e = w.engagements[0].id;
    let pat = person(&w, "Pat Lead");
    apply(
        &mut w,
        Action::EditEngagement {
            engagement: e,
            edit: EngagementEdit::Pm(Some(pat)),
        },
    );
    apply(
        &mut w,
        Action::EditEngagement {
            engagement: e,
            edit: EngagementEdit::EngagementManager(Some(pat)),
        },
    );
    let legal = function(&w, FunctionKind::Legal);
    let jordan = person(&w, "Jordan Counsel");
    apply(
        &mut w,
        Action::Assign {
            engagement: e,
            person: jordan,
            function: legal,
            role: Raci::Accountable,
            hours: Hours::from_whole(4),
        },
    );
    w
}

fn person(w: &Workspace, name: &str) -> PersonId {
    w.people
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .id
}

fn function(w: &Workspace, kind: FunctionKind) -> FunctionId {
    w.engagements[0]
        .function_of_kind(kind)
        .unwrap_or_else(|| panic!("no {kind:?}"))
        .id
}

// ===== helpers ===========================================================================

/// The stored assignments as (person name, function name, role) triples, sorted.
async fn stored_assignments(s: &Session) -> Vec<(String, String, String)> {
    let w = stored_workspace(s).await;
    let name_of = |id: &Json| -> String {
        w["people"]
            .as_array()
            .and_then(|ps| ps.iter().find(|p| &p["id"] == id))
            .and_then(|p| p["name"].as_str())
            .unwrap_or("?")
            .to_string()
    };
    let e = &w["engagements"][0];
    let fname = |id: &Json| -> String {
        e["functions"]
            .as_array()
            .and_then(|fs| fs.iter().find(|f| &f["id"] == id))
            .and_then(|f| f["name"].as_str())
            .unwrap_or("?")
            .to_string()
    };
    let mut all: Vec<(String, String, String)> = e["assignments"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|a| {
                    (
                        name_of(&a["person"]),
                        fname(&a["function"]),
                        a["role"].as_str().unwrap_or("?").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    all.sort();
    all
}

fn triple(p: &str, f: &str, r: &str) -> (String, String, String) {
    (p.to_string(), f.to_string(), r.to_string())
}

/// Waits until storage holds `person` on `function: role` (or not, with `present` false).
async fn wait_assigned(s: &Session, person: &str, function: &str, role: &str, present: bool) {
    let t = triple(person, function, role);
    s.wait_until(
        &format!("storage to {} {t:?}", if present { "hold" } else { "drop" }),
        async || stored_assignments(s).await.contains(&t) == present,
    )
    .await;
    wait_saved(s).await;
}

/// The names on the chips of one cell, as shown.
async fn chips(s: &Session, function: &str, role: &str) -> Vec<String> {
    let v = s
        .exec_js(
            "const cell = Array.from(document.querySelectorAll('td.raci-cell'))\
               .find(td => td.getAttribute('aria-label') === arguments[0]);\
             return cell ? Array.from(cell.querySelectorAll('.chip .chip-name')).map(n => n.textContent.trim()) : null;",
            vec![json!(format!("{function}: {role}"))],
        )
        .await;
    assert!(!v.is_null(), "no cell named {function}: {role}");
    serde_json::from_value(v).unwrap_or_default()
}

async fn wait_chip(s: &Session, function: &str, role: &str, person: &str, present: bool) {
    s.wait_until(
        &format!(
            "{person} to be {}on {function}: {role}",
            if present { "" } else { "gone from " }
        ),
        async || chips(s, function, role).await.iter().any(|n| n == person) == present,
    )
    .await;
}

/// The board cell named "<function>: <role>".
async fn cell(s: &Session, function: &str, role: &str) -> Element {
    s.by_css(&format!("td.raci-cell[aria-label=\"{function}: {role}\"]"))
        .await
}

/// The status line (the polite live region).
async fn status(s: &Session) -> String {
    let el = s.by_testid("status").await;
    s.text_of(&el).await
}

async fn wait_status(s: &Session, part: &str) {
    s.wait_until(&format!("the status to say {part:?}"), async || {
        status(s).await.contains(part)
    })
    .await;
}

async fn open_board(s: &Session, w: &Workspace) {
    s.goto_app().await;
    s.local_storage_set(WORKSPACE_KEY, &to_json(w, Some("2025-03-01T12:00:00.000Z")))
        .await;
    s.reload().await;
    s.wait_app_mounted().await;
    let nav = s.by_role("navigation", "Views").await;
    let link = s.by_role_in(&nav, "link", "Roles").await;
    s.click(&link).await;
    s.by_role("region", "People").await;
    cell(s, "Legal", "Accountable").await;
    // Tall enough that the whole board is on screen: a drag needs both ends in view.
    set_viewport(s, 1280, 2000).await;
}

async fn press(s: &Session, keys: &[Key]) {
    let mut actions = KeyActions::new("keys".to_string());
    for &k in keys {
        let c: char = k.into();
        actions = actions
            .then(KeyAction::Down { value: c })
            .then(KeyAction::Up { value: c });
    }
    s.client
        .perform_actions(actions)
        .await
        .unwrap_or_else(|e| panic!("key presses failed: {e}"));
}

async fn undo(s: &Session) {
    s.click_role("button", "Undo").await;
}

async fn redo(s: &Session) {
    s.click_role("button", "Redo").await;
}

/// Reloads and waits for the board again.
async fn reload_board(s: &Session) {
    s.reload().await;
    s.by_role("region", "People").await;
    cell(s, "Legal", "Accountable").await;
}

/// The centre of an element in CSS pixels of the viewport, where it is now.
async fn centre(s: &Session, el: &Element) -> (f64, f64) {
    let v = s
        .exec_js(
            "const r = arguments[0].getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];",
            vec![el_arg(el)],
        )
        .await;
    (v[0].as_f64().unwrap_or(0.0), v[1].as_f64().unwrap_or(0.0))
}

/// A finger drag from one element to another, in the engine's own way: CDP touch input in
/// Chromium, WebDriver touch actions in Firefox. WebKitGTK's WebDriver has no touch input
/// (it sends touch actions as mouse events), so there a pen drags instead: WebDriver pen
/// actions give real pointer events with `pointerType` "pen", which the board handles on
/// the same path as a finger.
async fn touch_drag(s: &Session, from: &Element, to: &Element) {
    s.exec_js(
        "arguments[0].scrollIntoView({block: 'center'});",
        vec![el_arg(from)],
    )
    .await;
    // Both ends are measured once the source is in view; they stay put during the drag.
    let start = centre(s, from).await;
    let end = centre(s, to).await;
    if s.engine().touch() {
        s.touch_path(start, end, 12).await;
    } else {
        // WebKitGTK's WebDriver sends touch actions as mouse events, and since the view
        // became the page's scroller its pen actions select text instead of reaching the
        // board's touch path; the board's other path for the gesture stands in.
        let _ = (start, end);
        s.note_path(
            "touch drag by click to pick up and click to drop, because WebKitGTK's WebDriver \
             has no touch input and its pen actions select text in the scrolling view",
        );
        drag(s, from, to).await;
    }
}

/// Drags `from` (a card's or chip's grip) onto `to` (a cell or the People panel) with the
/// mouse. In Chromium a real HTML5 drag and drop; in Firefox and WebKit, where WebDriver
/// cannot complete one, the board's other mouse path: click to pick up, click to drop.
async fn drag(s: &Session, from: &Element, to: &Element) {
    if s.engine().native_drag() {
        s.drag_and_drop(from, to).await;
        return;
    }
    let why = match s.engine() {
        Engine::Firefox => {
            "WebDriver starts a native HTML5 drag in Firefox but never delivers the drop"
        }
        _ => {
            "WebKitGTK ends a WebDriver-driven native HTML5 drag at once (dragstart, then dragend)"
        }
    };
    s.note_path(&format!(
        "mouse drag via click to pick up, click to drop (the same pick-up and drop), because {why}"
    ));
    let name = s.attr_of(from, "aria-label").await.unwrap_or_default();
    s.click(from).await;
    s.wait_until(&format!("{name} to be picked up"), async || {
        s.attr_of(from, "aria-pressed").await.as_deref() == Some("true")
    })
    .await;
    click_empty_spot(s, to).await;
}

/// Clicks just inside the top-left corner of `el`, away from the chips and buttons it holds.
async fn click_empty_spot(s: &Session, el: &Element) {
    let v = s
        .exec_js(
            "const r = arguments[0].getBoundingClientRect(); return [r.left + 4, r.top + 4];",
            vec![el_arg(el)],
        )
        .await;
    let (x, y) = (v[0].as_f64().unwrap_or(0.0), v[1].as_f64().unwrap_or(0.0));
    s.click_at(x.round(), y.round())
        .await
        .unwrap_or_else(|e| panic!("click failed: {e}"));
}

/// The text shown by a person card (`part` "li") or a part of it (a selector inside the
/// card), once it is rendered: cards have `content-visibility: auto`, and WebKit lays out
/// their contents (so `innerText` has them) only at its next rendering update.
async fn card_text(s: &Session, person: &str, part: &str) -> Json {
    s.wait_for_js(
        &format!("{person}'s card to be rendered"),
        &format!(
            "const li = document.querySelector('[data-card] .grip[aria-label={}]').closest('li');\
             const el = {} === 'li' ? li : li.querySelector({});\
             const t = el ? el.innerText : ''; return t.trim() ? t : null;",
            json!(person),
            json!(part),
            json!(part)
        ),
    )
    .await
}

async fn set_viewport(s: &Session, width: u32, height: u32) {
    s.set_viewport(width, height).await;
}

// ===== gestures ==========================================================================

#[tokio::test]
async fn mouse_drag_assigns_moves_and_unassigns() {
    let Some(s) = Session::start().await else {
        return;
    };
    open_board(&s, &board_workspace()).await;
    let panel = s.by_role("region", "People").await;

    // A card onto a cell: assigned.
    let dana = s.by_role_in(&panel, "button", "Dana Lee").await;
    drag(&s, &dana, &cell(&s, "Legal", "Responsible").await).await;
    wait_chip(&s, "Legal", "Responsible", "Dana Lee", true).await;
    wait_status(&s, "Assigned Dana Lee to Legal: Responsible, 4 h a week.").await;
    wait_assigned(&s, "Dana Lee", "Legal", "responsible", true).await;

    // Undo removes it; redo and a reload show it persisted.
    undo(&s).await;
    wait_chip(&s, "Legal", "Responsible", "Dana Lee", false).await;
    wait_assigned(&s, "Dana Lee", "Legal", "responsible", false).await;
    redo(&s).await;
    wait_assigned(&s, "Dana Lee", "Legal", "responsible", true).await;
    reload_board(&s).await;
    wait_chip(&s, "Legal", "Responsible", "Dana Lee", true).await;

    // A chip onto another cell: moved, in one step.
    let chip = s.by_role("button", "Dana Lee on Legal: Responsible").await;
    drag(&s, &chip, &cell(&s, "Delivery", "Consulted").await).await;
    wait_chip(&s, "Delivery", "Consulted", "Dana Lee", true).await;
    wait_chip(&s, "Legal", "Responsible", "Dana Lee", false).await;
    wait_assigned(&s, "Dana Lee", "Delivery", "consulted", true).await;
    assert!(!stored_assignments(&s)
        .await
        .contains(&triple("Dana Lee", "Legal", "responsible")));
    undo(&s).await;
    wait_chip(&s, "Legal", "Responsible", "Dana Lee", true).await;
    wait_chip(&s, "Delivery", "Consulted", "Dana Lee", false).await;

    // A chip back onto the People panel: unassigned.
    let chip = s.by_role("button", "Dana Lee on Legal: Responsible").await;
    let panel = s.by_role("region", "People").await;
    drag(&s, &chip, &panel).await;
    wait_chip(&s, "Legal", "Responsible", "Dana Lee", false).await;
    wait_status(&s, "Unassigned Dana Lee from Legal: Responsible.").await;
    wait_assigned(&s, "Dana Lee", "Legal", "responsible", false).await;
    undo(&s).await;
    wait_chip(&s, "Legal", "Responsible", "Dana Lee", true).await;
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn touch_drag_assigns_and_the_page_still_scrolls() {
    let Some(s) = Session::start().await else {
        return;
    };
    open_board(&s, &board_workspace()).await;
    let panel = s.by_role("region", "People").await;
    let sam = s.by_role_in(&panel, "button", "Sam Sales").await;
    touch_drag(
        &s,
        &sam,
        &cell(&s, "Sales and marketing", "Accountable").await,
    )
    .await;
    wait_chip(&s, "Sales and marketing", "Accountable", "Sam Sales", true).await;
    wait_assigned(&s, "Sam Sales", "Sales and marketing", "accountable", true).await;
    // The tap that ends a drag is not a pick-up.
    let pressed = s
        .attr_of(
            &s.by_role_in(&panel, "button", "Sam Sales").await,
            "aria-pressed",
        )
        .await;
    assert_eq!(pressed.as_deref(), Some("false"));

    // A chip dragged by touch back to the People panel is unassigned.
    let chip = s
        .by_role("button", "Sam Sales on Sales and marketing: Accountable")
        .await;
    touch_drag(&s, &chip, &s.by_css(".people-panel h3").await).await;
    wait_chip(&s, "Sales and marketing", "Accountable", "Sam Sales", false).await;
    undo(&s).await;
    wait_chip(&s, "Sales and marketing", "Accountable", "Sam Sales", true).await;
    reload_board(&s).await;
    wait_chip(&s, "Sales and marketing", "Accountable", "Sam Sales", true).await;
    undo(&s).await; // nothing to undo after a reload: the plan stays
    assert!(stored_assignments(&s).await.contains(&triple(
        "Sam Sales",
        "Sales and marketing",
        "accountable"
    )));

    // Only the grips take over touch; everything else leaves panning to the browser.
    let v = s
        .exec_js(
            "const g = getComputedStyle(document.querySelector('.grip')).touchAction;\
             const c = getComputedStyle(document.querySelector('td.raci-cell')).touchAction;\
             const l = getComputedStyle(document.querySelector('.cards')).touchAction;\
             return [g, c, l];",
            vec![],
        )
        .await;
    assert_eq!(v, json!(["none", "auto", "auto"]));
    // A finger swipe on the board (on a cell, not a grip) scrolls the page. Only Chromium's
    // synthesised touch pans the page: Firefox's WebDriver touch events do not reach its
    // panning (a swipe from WebDriver scrolls nothing there, whatever the page says), and
    // WebKitGTK's driver has no touch input. There the touch-action styles above are what
    // keeps panning to the browser.
    if s.engine() != Engine::Chromium {
        s.note_path(
            "touch swipe scrolling not checked (WebDriver touch input does not pan the page \
             in this engine); the touch-action styles that leave panning to the browser are",
        );
        s.assert_no_js_errors().await;
        return;
    }
    set_viewport(&s, 1024, 700).await;
    // The view scrolls below the header (the page's shell), so that is what a swipe moves.
    const SCROLLED: &str = "return window.scrollY + document.querySelector('main').scrollTop;";
    s.exec_js(
        "window.scrollTo(0, 0); document.querySelector('main').scrollTop = 0;",
        vec![],
    )
    .await;
    let c = cell(&s, "Sales and marketing", "Consulted").await;
    let (x, y) = centre(&s, &c).await;
    s.touch_path((x, y), (x, y - 250.0), 10).await;
    s.wait_for_js(
        "the page to scroll",
        &format!("return (() => {{ {SCROLLED} }})() > 0;"),
    )
    .await;
    let scrolled = s.exec_js(SCROLLED, vec![]).await;
    assert!(
        scrolled.as_f64().unwrap_or(0.0) > 0.0,
        "a touch swipe did not scroll the page: {scrolled}"
    );
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn keyboard_picks_up_moves_and_drops_with_announcements() {
    let Some(s) = Session::start().await else {
        return;
    };
    let w = board_workspace();
    let legal_row = w.engagements[0]
        .functions
        .iter()
        .position(|f| f.kind == FunctionKind::Legal)
        .expect("legal");
    open_board(&s, &w).await;
    let panel = s.by_role("region", "People").await;
    let dana = s.by_role_in(&panel, "button", "Dana Lee").await;
    s.exec_js("arguments[0].focus();", vec![el_arg(&dana)])
        .await;

    // Space picks up, and focus goes to the first cell.
    press(&s, &[Key::Space]).await;
    wait_status(&s, "Picked up Dana Lee.").await;
    assert_eq!(
        s.attr_of(&dana, "aria-pressed").await.as_deref(),
        Some("true")
    );
    let first = &w.engagements[0].functions[0].name;
    wait_status(&s, &format!("{first}: Responsible.")).await;

    // Arrow keys walk to Legal: Consulted, announcing each cell.
    let mut keys = vec![Key::Down; legal_row];
    keys.extend([Key::Right, Key::Right]);
    press(&s, &keys).await;
    wait_status(&s, "Legal: Consulted.").await;
    let focused = s
        .exec_js(
            "return document.activeElement.getAttribute('aria-label');",
            vec![],
        )
        .await;
    assert_eq!(focused, json!("Legal: Consulted"));
    // Left onto Accountable says who holds it.
    press(&s, &[Key::Left]).await;
    wait_status(&s, "Legal: Accountable. Held by Jordan Counsel").await;
    press(&s, &[Key::Right]).await;
    wait_status(&s, "Legal: Consulted.").await;

    // Enter drops.
    press(&s, &[Key::Enter]).await;
    wait_status(
        &s,
        "Dropped. Assigned Dana Lee to Legal: Consulted, 0 h a week.",
    )
    .await;
    wait_chip(&s, "Legal", "Consulted", "Dana Lee", true).await;
    wait_assigned(&s, "Dana Lee", "Legal", "consulted", true).await;
    // Focus lands on the new chip.
    let focused = s
        .exec_js(
            "return document.activeElement.getAttribute('aria-label');",
            vec![],
        )
        .await;
    assert_eq!(focused, json!("Dana Lee on Legal: Consulted"));

    // Escape cancels a pick-up: nothing changes and focus goes back.
    press(&s, &[Key::Enter]).await;
    wait_status(&s, "Picked up Dana Lee.").await;
    press(&s, &[Key::Down]).await;
    press(&s, &[Key::Escape]).await;
    wait_status(&s, "Cancelled: nothing changed.").await;
    let focused = s
        .exec_js(
            "return document.activeElement.getAttribute('aria-label');",
            vec![],
        )
        .await;
    assert_eq!(focused, json!("Dana Lee on Legal: Consulted"));

    // Undo removes the keyboard assignment; redo and reload show it persisted.
    undo(&s).await;
    wait_assigned(&s, "Dana Lee", "Legal", "consulted", false).await;
    redo(&s).await;
    wait_assigned(&s, "Dana Lee", "Legal", "consulted", true).await;
    reload_board(&s).await;
    wait_chip(&s, "Legal", "Consulted", "Dana Lee", true).await;

    // Delete on a chip unassigns it.
    let chip = s.by_role("button", "Dana Lee on Legal: Consulted").await;
    s.exec_js("arguments[0].focus();", vec![el_arg(&chip)])
        .await;
    press(&s, &[Key::Delete]).await;
    wait_status(&s, "Unassigned Dana Lee from Legal: Consulted.").await;
    wait_assigned(&s, "Dana Lee", "Legal", "consulted", false).await;
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn assign_menu_assigns_and_moves_without_dragging() {
    let Some(s) = Session::start().await else {
        return;
    };
    open_board(&s, &board_workspace()).await;
    s.click_role("button", "Assign Morgan Client…").await;
    let menu = s.by_role("menu", "Assign Morgan Client to").await;
    // Every cell is listed.
    let items = s.all_by_role_in(&menu, "menuitem", None).await;
    let functions = board_workspace().engagements[0].functions.len();
    assert_eq!(items.len(), functions * 4);
    // The first item has focus; Escape closes and gives focus back to the button.
    let focused = s
        .exec_js(
            "return document.activeElement.getAttribute('role');",
            vec![],
        )
        .await;
    assert_eq!(focused, json!("menuitem"));
    press(&s, &[Key::Escape]).await;
    s.wait_gone_role("menu", "Assign Morgan Client to").await;
    let focused = s
        .exec_js(
            "return document.activeElement.getAttribute('aria-label');",
            vec![],
        )
        .await;
    assert_eq!(focused, json!("Assign Morgan Client…"));

    s.click_role("button", "Assign Morgan Client…").await;
    let menu = s.by_role("menu", "Assign Morgan Client to").await;
    let item = s.by_role_in(&menu, "menuitem", "Delivery: Informed").await;
    s.click(&item).await;
    wait_chip(&s, "Delivery", "Informed", "Morgan Client", true).await;
    wait_assigned(&s, "Morgan Client", "Delivery", "informed", true).await;

    // A chip's menu moves it.
    s.click_role("button", "Assign Morgan Client elsewhere…")
        .await;
    let menu = s.by_role("menu", "Assign Morgan Client to").await;
    let item = s.by_role_in(&menu, "menuitem", "Delivery: Consulted").await;
    s.click(&item).await;
    wait_chip(&s, "Delivery", "Consulted", "Morgan Client", true).await;
    wait_chip(&s, "Delivery", "Informed", "Morgan Client", false).await;
    wait_assigned(&s, "Morgan Client", "Delivery", "consulted", true).await;

    // One undo puts the move back; another removes the assignment.
    undo(&s).await;
    wait_chip(&s, "Delivery", "Informed", "Morgan Client", true).await;
    undo(&s).await;
    wait_assigned(&s, "Morgan Client", "Delivery", "informed", false).await;
    redo(&s).await;
    wait_assigned(&s, "Morgan Client", "Delivery", "informed", true).await;
    reload_board(&s).await;
    wait_chip(&s, "Delivery", "Informed", "Morgan Client", true).await;

    // Assigning someone where they already are changes nothing and says so.
    s.click_role("button", "Assign Morgan Client…").await;
    let menu = s.by_role("menu", "Assign Morgan Client to").await;
    let before = stored_assignments(&s).await;
    s.click(&s.by_role_in(&menu, "menuitem", "Delivery: Informed").await)
        .await;
    wait_status(
        &s,
        "Morgan Client is already on Delivery: Informed: nothing changed.",
    )
    .await;
    assert_eq!(stored_assignments(&s).await, before);
    assert!(s.all_by_testid("error").await.is_empty());
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn second_accountable_asks_before_replacing() {
    let Some(s) = Session::start().await else {
        return;
    };
    open_board(&s, &board_workspace()).await;
    let panel = s.by_role("region", "People").await;
    let dana = s.by_role_in(&panel, "button", "Dana Lee").await;

    // Dropping on Jordan's cell asks; keeping Jordan changes nothing.
    drag(&s, &dana, &cell(&s, "Legal", "Accountable").await).await;
    let dialog = s
        .by_role("alertdialog", "Replace the Accountable for Legal?")
        .await;
    let text = s.text_of(&dialog).await;
    assert!(
        text.contains("Jordan Counsel is Accountable for Legal"),
        "{text}"
    );
    let before = stored_assignments(&s).await;
    s.click_role("button", "Keep Jordan Counsel").await;
    s.wait_gone_role("alertdialog", "Replace the Accountable for Legal?")
        .await;
    wait_status(
        &s,
        "Kept Jordan Counsel as Accountable for Legal: nothing changed.",
    )
    .await;
    assert_eq!(stored_assignments(&s).await, before);
    assert_eq!(
        chips(&s, "Legal", "Accountable").await,
        vec!["Jordan Counsel"]
    );

    // Asked again through the menu; replacing is one step.
    s.click_role("button", "Assign Dana Lee…").await;
    let menu = s.by_role("menu", "Assign Dana Lee to").await;
    s.click(&s.by_role_in(&menu, "menuitem", "Legal: Accountable").await)
        .await;
    s.by_role("alertdialog", "Replace the Accountable for Legal?")
        .await;
    s.click_role("button", "Replace Jordan Counsel with Dana Lee")
        .await;
    wait_chip(&s, "Legal", "Accountable", "Dana Lee", true).await;
    assert_eq!(chips(&s, "Legal", "Accountable").await, vec!["Dana Lee"]);
    wait_assigned(&s, "Jordan Counsel", "Legal", "accountable", false).await;
    wait_assigned(&s, "Dana Lee", "Legal", "accountable", true).await;
    let accountables = stored_assignments(&s)
        .await
        .into_iter()
        .filter(|(_, f, r)| f == "Legal" && r == "accountable")
        .count();
    assert_eq!(accountables, 1, "never two Accountables");

    // One undo brings Jordan back.
    undo(&s).await;
    wait_chip(&s, "Legal", "Accountable", "Jordan Counsel", true).await;
    wait_assigned(&s, "Dana Lee", "Legal", "accountable", false).await;
    wait_assigned(&s, "Jordan Counsel", "Legal", "accountable", true).await;
    // Escape answers "keep".
    s.click_role("button", "Assign Dana Lee…").await;
    let menu = s.by_role("menu", "Assign Dana Lee to").await;
    s.click(&s.by_role_in(&menu, "menuitem", "Legal: Accountable").await)
        .await;
    s.by_role("alertdialog", "Replace the Accountable for Legal?")
        .await;
    press(&s, &[Key::Escape]).await;
    s.wait_gone_role("alertdialog", "Replace the Accountable for Legal?")
        .await;
    assert_eq!(
        chips(&s, "Legal", "Accountable").await,
        vec!["Jordan Counsel"]
    );
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn board_shows_the_rules_and_filters_people() {
    let Some(s) = Session::start().await else {
        return;
    };
    open_board(&s, &board_workspace()).await;
    // A function's findings sit under its row, up to two side by side, each whole and the
    // first at the left: WebKit split a finding across two CSS columns, and Firefox put a
    // lone finding in the second column.
    let layout = s
        .exec_js(
            "return Array.from(document.querySelectorAll('.function-findings-row .row-findings')).map(ul => {\
               const left = ul.getBoundingClientRect().left + parseFloat(getComputedStyle(ul).paddingLeft);\
               const items = Array.from(ul.querySelectorAll('.row-finding'));\
               return { boxes: items.map(li => li.getClientRects().length),\
                        first: Math.round(items[0].getBoundingClientRect().left - left) };\
             });",
            vec![],
        )
        .await;
    let lists = layout.as_array().cloned().unwrap_or_default();
    assert!(!lists.is_empty(), "no findings under the rows: {layout}");
    for l in &lists {
        assert!(
            l["boxes"]
                .as_array()
                .is_some_and(|b| b.iter().all(|n| n == &json!(1))),
            "a finding is split across columns: {layout}"
        );
        assert_eq!(
            l["first"],
            json!(0),
            "the first finding is not at the left: {layout}"
        );
    }
    // Required functions of a contracted engagement are marked; unowned ones are PM by default.
    let row = s
        .exec_js(
            "const c = Array.from(document.querySelectorAll('td.raci-cell')).find(td => td.getAttribute('aria-label') === 'Procurement: Accountable');\
             return [c.closest('tr').innerText, c.innerText];",
            vec![],
        )
        .await;
    assert!(row[0].as_str().unwrap_or("").contains("Required"), "{row}");
    assert!(
        row[1].as_str().unwrap_or("").contains("PM by default"),
        "{row}"
    );
    s.click_role("button", "Accept as PM for Procurement").await;
    s.by_role("button", "Give back Procurement").await;

    // Pat is PM and engagement manager: the card says so.
    let panel = s.by_role("region", "People").await;
    let pat = card_text(&s, "Pat Lead", "li").await;
    assert!(
        pat.as_str()
            .unwrap_or("")
            .contains("Here: Project manager · Engagement manager"),
        "{pat}"
    );
    // Workload badges are live and red when over: Jordan has 4 of 10 h; Sam has 2 h.
    let jordan = card_text(&s, "Jordan Counsel", ".load-badge").await;
    assert!(
        jordan.as_str().unwrap_or("").contains("4 / 10 h"),
        "{jordan}"
    );
    let sam = s.by_role_in(&panel, "button", "Sam Sales").await;
    drag(&s, &sam, &cell(&s, "Delivery", "Responsible").await).await;
    wait_chip(&s, "Delivery", "Responsible", "Sam Sales", true).await;
    s.wait_for_js(
        "Sam's card to show an over-capacity badge",
        "const li = document.querySelector('[data-card] .grip[aria-label=\"Sam Sales\"]').closest('li');\
         const b = li.querySelector('.load-badge');\
         return b.classList.contains('badge-danger') && b.innerText.includes('Over capacity') && b.innerText.includes('4 / 2 h');",
    )
    .await;
    // Findings about a function sit on its row and update as the board changes.
    s.wait_for_js(
        "a workload finding on Delivery's row",
        "const r = Array.from(document.querySelectorAll('tr.function-row')).find(r => r.querySelector('th [data-testid^=function-name]').value === 'Delivery');\
         return !!r && r.innerText.includes('Over capacity');",
    )
    .await;

    // The filter narrows the People panel by name or group.
    let filter = s.by_label("Filter people").await;
    s.fill(&filter, "legal").await;
    s.wait_until("only Jordan to be listed", async || {
        s.all_by_role_in(&panel, "button", None).await.len() == 2 // the card's grip and its Assign… button
    })
    .await;
    s.by_role_in(&panel, "button", "Jordan Counsel").await;
    s.fill(&filter, "zzz").await;
    s.wait_for_text("Nobody matches that filter.").await;
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn board_layout_at_1024_by_768_on_a_laptop_and_a_projector() {
    let Some(s) = Session::start().await else {
        return;
    };
    let mut w = board_workspace();
    let e = w.engagements[0].id;
    let delivery = function(&w, FunctionKind::Delivery);
    for (name, role) in [
        ("Dana Lee", Raci::Responsible),
        ("Sam Sales", Raci::Consulted),
        ("Morgan Client", Raci::Informed),
    ] {
        let p = person(&w, name);
        apply(
            &mut w,
            Action::Assign {
                engagement: e,
                person: p,
                function: delivery,
                role,
                hours: Hours::from_whole(3),
            },
        );
    }
    open_board(&s, &w).await;
    set_viewport(&s, 1024, 768).await;
    let dir = screenshot_dir();
    for theme in ["laptop", "projector"] {
        if theme == "projector" {
            s.click_role("button", "Projector mode").await;
            s.wait_for_js(
                "the projector theme",
                "return document.documentElement.dataset.theme === 'projector';",
            )
            .await;
        }
        s.exec_js("window.scrollTo(0, 0);", vec![]).await;
        let m = s
            .exec_js(
                "const iw = window.innerWidth;\
                 const wide = Array.from(document.querySelectorAll('body *'))\
                   .filter(el => { const r = el.getBoundingClientRect();\
                     if (r.right <= iw + 2 || r.width === 0) return false;\
                     for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {\
                       const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return false; }\
                     return true; })\
                   .slice(0, 5).map(el => el.localName + '.' + String(el.className) + ' right=' + Math.round(el.getBoundingClientRect().right));\
                 const all = Array.from(document.querySelectorAll('body *')).filter(el => el.getBoundingClientRect().right > iw + 2 && !el.closest('.table-scroll'))\
                   .slice(0, 6).map(el => el.localName + '.' + String(el.className) + ' right=' + Math.round(el.getBoundingClientRect().right));\
                 return { scroll: document.documentElement.scrollWidth, inner: iw, wide, all,\
                   panel: document.querySelector('.people-panel').getBoundingClientRect().width,\
                   grid: document.querySelector('.board-grid').getBoundingClientRect().width };",
                vec![],
            )
            .await;
        assert!(
            m["scroll"].as_f64() <= m["inner"].as_f64().map(|i| i + 2.0),
            "{theme}: the page scrolls sideways at 1024×768: {m}"
        );
        let path = dir.join(format!("board-{theme}-1024x768.png"));
        s.screenshot(&path).await;
        // With a person picked up, and with a menu open.
        let dana = s.by_css("[data-card] .grip[aria-label=\"Dana Lee\"]").await;
        s.exec_js("arguments[0].focus();", vec![el_arg(&dana)])
            .await;
        press(&s, &[Key::Enter, Key::Down, Key::Right]).await;
        s.screenshot(&dir.join(format!("board-{theme}-picked-1024x768.png")))
            .await;
        press(&s, &[Key::Escape]).await;
        let more = s.by_role("button", "Assign Dana Lee elsewhere…").await;
        s.exec_js(
            "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();",
            vec![el_arg(&more)],
        )
        .await;
        s.by_role("menu", "Assign Dana Lee to").await;
        s.screenshot(&dir.join(format!("board-{theme}-menu-1024x768.png")))
            .await;
        press(&s, &[Key::Escape]).await;
        eprintln!("{theme}: {m} -> {}", path.display());
    }
    s.assert_no_js_errors().await;
}

// ===== benchmark =========================================================================

/// 500 people, one engagement with 30 functions and 2,000 assignments.
fn large_workspace() -> Workspace {
    let mut w = Workspace::default();
    let groups = StakeholderGroup::ALL;
    for i in 0..500u32 {
        apply(
            &mut w,
            Action::AddPerson {
                name: format!("Person {i:03}"),
                side: if i % 3 == 0 {
                    Side::Client
                } else {
                    Side::Provider
                },
                group: groups[(i as usize) % groups.len()],
                capacity: Hours::from_whole(40),
            },
        );
    }
    apply(
        &mut w,
        Action::CreateEngagement {
            name: "Large programme".into(),
            template: Template::ContractedVendor,
        },
    );
    let e = w.engagements[0].id;
    let mut n = w.engagements[0].functions.len();
    while n < 30 {
        apply(
            &mut w,
            Action::AddFunction {
                engagement: e,
                name: format!("Workstream {n:02}"),
            },
        );
        n += 1;
    }
    let functions: Vec<FunctionId> = w.engagements[0].functions.iter().map(|f| f.id).collect();
    let people: Vec<PersonId> = w.people.iter().map(|p| p.id).collect();
    let mut made = 0usize;
    let mut k = 0usize;
    while made < 2000 {
        let f = functions[k % functions.len()];
        let p = people[(k * 7) % people.len()];
        let role = [Raci::Responsible, Raci::Consulted, Raci::Informed][(k / 30) % 3];
        k += 1;
        if w.apply(Action::Assign {
            engagement: e,
            person: p,
            function: f,
            role,
            hours: Hours(25),
        })
        .is_ok()
        {
            made += 1;
        }
    }
    w
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    v[v.len() / 2]
}

/// Prints how long a drop and a keyboard move take to reach the screen on a large plan.
/// No pass or fail: figures only (see scripts/bench).
#[tokio::test]
#[ignore = "benchmark: run by scripts/bench"]
async fn bench_board_drop_and_keyboard_to_paint() {
    let Some(mut s) = Session::start().await else {
        return;
    };
    s.set_timeout(Duration::from_secs(120));
    let w = large_workspace();
    let functions = w.engagements[0].functions.len();
    let assignments = w.engagements[0].assignments.len();
    open_board(&s, &w).await;
    // A laptop's screen, not the tall one the gesture tests use.
    set_viewport(&s, 1280, 800).await;

    // A drop: the same drop event the browser sends, timed from dispatch to the frame
    // after the DOM shows the new chip (two animation frames: the next paint).
    // Each drop puts a person on an Accountable cell nobody holds (so it always assigns);
    // the time runs from the drop event to the DOM showing the chip (a MutationObserver),
    // and to the first moment after the next frame has been painted.
    let drop_js = "const done = arguments[arguments.length - 1];\
        const i = arguments[0];\
        const grip = document.querySelector('[data-card] .grip[aria-label=\"Person ' + String(i).padStart(3, '0') + '\"]');\
        const cells = document.querySelectorAll('td.raci-cell[data-role=\"accountable\"]');\
        const cell = cells[i % cells.length];\
        const dt = new DataTransfer();\
        grip.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: dt}));\
        cell.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: dt}));\
        let t0 = 0, tHandler = 0;\
        const seen = new MutationObserver(() => {\
          if (!cell.querySelector('.chip')) return;\
          seen.disconnect();\
          const tDom = performance.now();\
          requestAnimationFrame(() => setTimeout(() => done([tHandler - t0, tDom - t0, performance.now() - t0, 1]), 0));\
        });\
        seen.observe(cell, {childList: true, subtree: true});\
        t0 = performance.now();\
        cell.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: dt}));\
        tHandler = performance.now();\
        grip.dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: dt}));\
        setTimeout(() => { seen.disconnect(); done([0, 0, 0, 0]); }, 5000);";
    s.cdp("Performance.enable", json!({})).await;
    let metrics = async || -> std::collections::BTreeMap<String, f64> {
        let m = s.cdp("Performance.getMetrics", json!({})).await;
        m["metrics"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|m| Some((m["name"].as_str()?.to_string(), m["value"].as_f64()?)))
                    .collect()
            })
            .unwrap_or_default()
    };
    let before = metrics().await;
    let mut handler = Vec::new();
    let mut dom = Vec::new();
    let mut paint = Vec::new();
    for i in 0..15u32 {
        let r = s.exec_js_async(drop_js, vec![json!(i)]).await;
        assert_eq!(r[3], json!(1), "the drop did not add a chip: {r}");
        handler.push(r[0].as_f64().unwrap_or(f64::NAN));
        dom.push(r[1].as_f64().unwrap_or(f64::NAN));
        paint.push(r[2].as_f64().unwrap_or(f64::NAN));
        s.exec_js_async("const done = arguments[0]; setTimeout(done, 50);", vec![])
            .await;
    }
    let after = metrics().await;
    let per_drop = |name: &str| {
        (after.get(name).unwrap_or(&0.0) - before.get(name).unwrap_or(&0.0)) * 1000.0
            / handler.len() as f64
    };
    let where_drop = format!(
        "script {:.1} ms, style {:.1} ms, layout {:.1} ms per drop (Chromium's Performance metrics, including the 50 ms pauses' idle work)",
        per_drop("ScriptDuration"),
        per_drop("RecalcStyleDuration"),
        per_drop("LayoutDuration")
    );
    // A keystroke move: pick up, then time ArrowDown from keydown to the next paint.
    let key_js = "const done = arguments[arguments.length - 1];\
        const cell = document.activeElement;\
        const t0 = performance.now();\
        cell.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowDown', bubbles: true, cancelable: true}));\
        const tDom = performance.now();\
        const moved = document.activeElement !== cell;\
        requestAnimationFrame(() => setTimeout(() => done([tDom - t0, performance.now() - t0, moved]), 0));";
    let grip = s
        .by_css("[data-card] .grip[aria-label=\"Person 001\"]")
        .await;
    s.exec_js(
        "arguments[0].focus(); arguments[0].click();",
        vec![el_arg(&grip)],
    )
    .await;
    s.wait_for_js(
        "a cell to take focus",
        "return document.activeElement && document.activeElement.matches('td.raci-cell');",
    )
    .await;
    let mut key_handler = Vec::new();
    let mut key_paint = Vec::new();
    let before = metrics().await;
    for _ in 0..20 {
        let r = s.exec_js_async(key_js, vec![]).await;
        assert_eq!(r[2], json!(true), "ArrowDown did not move: {r}");
        key_handler.push(r[0].as_f64().unwrap_or(f64::NAN));
        key_paint.push(r[1].as_f64().unwrap_or(f64::NAN));
    }
    let after = metrics().await;
    let per_key = |name: &str| {
        (after.get(name).unwrap_or(&0.0) - before.get(name).unwrap_or(&0.0)) * 1000.0
            / key_handler.len() as f64
    };
    let where_key = format!(
        "script {:.1} ms, style {:.1} ms, layout {:.1} ms per move",
        per_key("ScriptDuration"),
        per_key("RecalcStyleDuration"),
        per_key("LayoutDuration")
    );
    println!(
        "board benchmark: {} people, {functions} functions, {assignments} assignments",
        w.people.len()
    );
    println!("  where a drop's time goes:   {where_drop}");
    println!("  where a move's time goes:   {where_key}");
    println!(
        "  drop event handler:         median {:.2} ms (min {:.2}, max {:.2}) over {} drops",
        median(handler.clone()),
        handler.iter().cloned().fold(f64::INFINITY, f64::min),
        handler.iter().cloned().fold(0.0, f64::max),
        handler.len()
    );
    println!(
        "  drop -> chip in the DOM:    median {:.1} ms (min {:.1}, max {:.1})",
        median(dom.clone()),
        dom.iter().cloned().fold(f64::INFINITY, f64::min),
        dom.iter().cloned().fold(0.0, f64::max)
    );
    println!(
        "  drop -> next paint:         median {:.1} ms (min {:.1}, max {:.1})",
        median(paint.clone()),
        paint.iter().cloned().fold(f64::INFINITY, f64::min),
        paint.iter().cloned().fold(0.0, f64::max)
    );
    println!(
        "  keystroke move -> DOM:      median {:.2} ms (min {:.2}, max {:.2}) over {} moves",
        median(key_handler.clone()),
        key_handler.iter().cloned().fold(f64::INFINITY, f64::min),
        key_handler.iter().cloned().fold(0.0, f64::max),
        key_handler.len()
    );
    println!(
        "  keystroke move -> next paint: median {:.1} ms (min {:.1}, max {:.1})",
        median(key_paint.clone()),
        key_paint.iter().cloned().fold(f64::INFINITY, f64::min),
        key_paint.iter().cloned().fold(0.0, f64::max)
    );
}
