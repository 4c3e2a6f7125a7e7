//! Browser tests of the Roles and Governance views (wasm-bindgen-test + chromedriver):
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser_roles_governance`.
//!
//! Each test mounts one view inside a `Plan` provider whose dispatch records the action
//! and applies it to the workspace, as the app does, so the view re-renders with the
//! result. Controls are found by role and accessible name, the way a screen reader does.
#![cfg(target_arch = "wasm32")]

use engagement_planner::components::context::{anchor, Plan};
use engagement_planner::components::governance::GovernanceView;
use engagement_planner::components::roles::RolesView;
use engagement_planner::model::*;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Clone, Copy, PartialEq)]
enum Which {
    Roles,
    Governance,
}

/// What the harness recorded: dispatched actions and announcements.
#[derive(Clone, Default)]
struct Log {
    actions: Rc<RefCell<Vec<Action>>>,
    announced: Rc<RefCell<Vec<String>>>,
}

impl PartialEq for Log {
    fn eq(&self, other: &Log) -> bool {
        Rc::ptr_eq(&self.actions, &other.actions)
    }
}

impl Log {
    fn actions(&self) -> Vec<Action> {
        self.actions.borrow().clone()
    }
    fn last(&self) -> Option<Action> {
        self.actions.borrow().last().cloned()
    }
}

#[derive(Properties, PartialEq)]
struct HarnessProps {
    workspace: Rc<Workspace>,
    engagement: EngagementId,
    log: Log,
    which: Which,
}

/// The app in miniature: a workspace, a dispatch that records and applies actions.
#[component]
fn Harness(props: &HarnessProps) -> Html {
    let workspace = use_mut_ref(|| (*props.workspace).clone());
    let version = use_state(|| 0u32);
    let dispatch = {
        let workspace = workspace.clone();
        let version = version.clone();
        let log = props.log.clone();
        Callback::from(move |action: Action| {
            log.actions.borrow_mut().push(action.clone());
            // Refused actions leave the workspace as it was, like the app.
            let _ = workspace.borrow_mut().apply(action);
            version.set(*version + 1);
        })
    };
    let announce = {
        let log = props.log.clone();
        Callback::from(move |message: String| log.announced.borrow_mut().push(message))
    };
    let plan = Plan {
        workspace: Rc::new(workspace.borrow().clone()),
        engagement: Some(props.engagement),
        dispatch,
        navigate: Callback::noop(),
        announce,
    };
    html! {
        <ContextProvider<Plan> context={plan}>
            { match props.which {
                Which::Roles => html! { <RolesView /> },
                Which::Governance => html! { <GovernanceView /> },
            } }
        </ContextProvider<Plan>>
    }
}

/// The ids of a small contracted engagement: a PM who is also the engagement manager,
/// a salesperson, and a performer with a small capacity.
struct Fixture {
    workspace: Workspace,
    engagement: EngagementId,
    dana: PersonId,
    ari: PersonId,
    sam: PersonId,
}

impl Fixture {
    fn new() -> Fixture {
        let mut w = Workspace::default();
        for (name, group, capacity) in [
            ("Dana", StakeholderGroup::ProjectManager, 40),
            ("Ari", StakeholderGroup::Sales, 40),
            ("Sam", StakeholderGroup::Performer, 2),
        ] {
            w.apply(Action::AddPerson {
                name: name.into(),
                side: Side::Provider,
                group,
                capacity: Hours::from_whole(capacity),
            })
            .unwrap();
        }
        let (dana, ari, sam) = (w.people[0].id, w.people[1].id, w.people[2].id);
        w.apply(Action::CreateEngagement {
            name: "Website relaunch".into(),
            template: Template::ContractedVendor,
        })
        .unwrap();
        let engagement = w.engagements[0].id;
        for edit in [
            EngagementEdit::Pm(Some(dana)),
            EngagementEdit::EngagementManager(Some(dana)),
        ] {
            w.apply(Action::EditEngagement { engagement, edit })
                .unwrap();
        }
        Fixture {
            workspace: w,
            engagement,
            dana,
            ari,
            sam,
        }
    }

    fn function(&self, kind: FunctionKind) -> FunctionId {
        self.workspace.engagements[0]
            .function_of_kind(kind)
            .unwrap()
            .id
    }

    fn apply(&mut self, action: Action) {
        self.workspace.apply(action).unwrap();
    }

    async fn mount(&self, which: Which) -> (Element, Log) {
        let document = gloo::utils::document();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let log = Log::default();
        let props = HarnessProps {
            workspace: Rc::new(self.workspace.clone()),
            engagement: self.engagement,
            log: log.clone(),
            which,
        };
        yew::Renderer::<Harness>::with_root_and_props(root.clone(), props).render();
        let heading = if which == Which::Roles {
            "Roles"
        } else {
            "Governance"
        };
        until(|| {
            find_all(&root, "h2")
                .into_iter()
                .find(|h| text(h) == heading)
        })
        .await;
        (root, log)
    }
}

/// Lets Yew's scheduler run.
async fn settle() {
    yew::platform::time::sleep(std::time::Duration::ZERO).await;
}

/// Polls (through the scheduler, never a long sleep) until `f` finds something.
async fn until<T>(mut f: impl FnMut() -> Option<T>) -> T {
    for _ in 0..200 {
        if let Some(t) = f() {
            return t;
        }
        settle().await;
    }
    panic!("timed out waiting for the view");
}

fn find_all(scope: &Element, selector: &str) -> Vec<Element> {
    let list = scope.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

fn text(el: &Element) -> String {
    el.text_content()
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A practical accessible name: aria-label, else the `<label for>` text, else the text.
fn accessible_name(el: &Element) -> String {
    if let Some(label) = el.get_attribute("aria-label") {
        return label;
    }
    if !el.id().is_empty() {
        if let Ok(Some(label)) =
            gloo::utils::document().query_selector(&format!("label[for='{}']", el.id()))
        {
            return text(&label);
        }
    }
    text(el)
}

/// The one element matching `selector` in `scope` with this accessible name.
fn by_name(scope: &Element, selector: &str, name: &str) -> Option<Element> {
    let found: Vec<Element> = find_all(scope, selector)
        .into_iter()
        .filter(|el| accessible_name(el) == name)
        .collect();
    assert!(
        found.len() <= 1,
        "{} elements {selector} are named {name:?}",
        found.len()
    );
    found.into_iter().next()
}

async fn button(scope: &Element, name: &str) -> HtmlElement {
    until(|| by_name(scope, "button", name))
        .await
        .dyn_into()
        .unwrap()
}

async fn select(scope: &Element, name: &str) -> HtmlSelectElement {
    until(|| by_name(scope, "select", name))
        .await
        .dyn_into()
        .unwrap()
}

async fn input(scope: &Element, name: &str) -> HtmlInputElement {
    until(|| by_name(scope, "input", name))
        .await
        .dyn_into()
        .unwrap()
}

fn change(el: &Element) {
    el.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

async fn choose(select: &HtmlSelectElement, value: &str) {
    select.set_value(value);
    assert_eq!(select.value(), value, "the select has no option {value:?}");
    change(select);
    settle().await;
}

async fn type_into(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    change(input);
    settle().await;
}

fn row(root: &Element, id: &str) -> Element {
    root.query_selector(&format!("[id='{id}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element #{id}"))
}

// ---------------------------------------------------------------------------------------
// Roles

#[wasm_bindgen_test]
async fn roles_lists_every_function_with_purpose_required_marker_and_pm_default() {
    let fx = Fixture::new();
    let (root, _) = fx.mount(Which::Roles).await;
    let rows = find_all(&root, "tbody tr.function-row");
    assert_eq!(rows.len(), 9, "one row per function of the template");
    for kind in FunctionKind::NINE {
        let r = row(&root, &anchor::function(fx.function(kind)));
        let name: HtmlInputElement = r
            .query_selector("input[data-testid^=function-name]")
            .unwrap()
            .unwrap()
            .dyn_into()
            .unwrap();
        assert_eq!(name.value(), kind.default_name());
        assert!(
            text(&r).contains(kind.purpose()),
            "purpose of {kind:?} shown"
        );
        assert_eq!(
            r.query_selector(".required-marker").unwrap().is_some(),
            kind.required_when_contracted(),
            "required marker on {kind:?}"
        );
        // Nobody is accountable yet, so every function falls to the PM.
        assert!(
            text(&r).contains("PM by default (Dana)"),
            "PM default on {kind:?}: {}",
            text(&r)
        );
    }
    let headers: Vec<String> = find_all(&root, "thead th[scope=col]")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        headers,
        [
            "Function",
            "Responsible",
            "Accountable",
            "Consulted",
            "Informed"
        ]
    );
    assert!(root.query_selector("table caption").unwrap().is_some());
    // Findings about a function are listed under its row, with their severity in words.
    let legal = root
        .query_selector(&format!(
            "tr[data-findings-for='{}']",
            fx.function(FunctionKind::Legal)
        ))
        .unwrap()
        .expect("a findings row under Legal");
    let findings = text(
        &legal
            .query_selector(".row-findings")
            .unwrap()
            .expect("findings on Legal"),
    );
    assert!(findings.contains("Critical"), "{findings}");
    assert!(findings.contains("Legal"), "{findings}");
}

/// Clicks the menu item called `item` in the "Assign…" menu opened by `opener`.
async fn menu_choose(root: &Element, opener: &str, item: &str) {
    button(root, opener).await.click();
    settle().await;
    // The menu is drawn in the page's body, outside the board.
    let body: Element = gloo::utils::body().into();
    let menu = until(|| body.query_selector("[role=menu]").unwrap()).await;
    let choice: HtmlElement = until(|| by_name(&menu, "[role=menuitem]", item))
        .await
        .dyn_into()
        .unwrap();
    choice.click();
    settle().await;
    assert!(
        body.query_selector("[role=menu]").unwrap().is_none(),
        "the menu closes after a choice"
    );
}

fn cell(root: &Element, name: &str) -> HtmlElement {
    by_name(root, "td.raci-cell", name)
        .unwrap_or_else(|| panic!("no cell named {name:?}"))
        .dyn_into()
        .unwrap()
}

fn key(target: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&ev).unwrap();
}

fn active_name() -> String {
    gloo::utils::document()
        .active_element()
        .and_then(|el| el.get_attribute("aria-label"))
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_assign_menu_assigns_with_the_role_default_hours_and_shows_a_chip() {
    let fx = Fixture::new();
    let legal = fx.function(FunctionKind::Legal);
    let (root, log) = fx.mount(Which::Roles).await;

    // The People panel is a region with a card per person.
    let panel = root
        .query_selector("section.people-panel")
        .unwrap()
        .expect("People panel");
    let title = panel.get_attribute("aria-labelledby").unwrap();
    assert_eq!(
        text(&gloo::utils::document().get_element_by_id(&title).unwrap()),
        "People"
    );
    assert_eq!(find_all(&panel, "li.card").len(), 3);

    menu_choose(&root, "Assign Ari\u{2026}", "Legal: Accountable").await;
    assert_eq!(
        log.last(),
        Some(Action::Assign {
            engagement: fx.engagement,
            person: fx.ari,
            function: legal,
            role: Raci::Accountable,
            hours: Hours::from_whole(4)
        })
    );
    assert!(log
        .announced
        .borrow()
        .iter()
        .any(|m| m == "Assigned Ari to Legal: Accountable, 4 h a week."));

    // The chip shows the hours, and the PM default is gone from the Accountable cell.
    let hours = input(&root, "Ari hours on Legal (Accountable)").await;
    assert_eq!(hours.value(), "4");
    let legal_row = row(&root, &anchor::function(legal));
    assert!(!text(&legal_row).contains("PM by default"));

    // Consulted starts at 0 hours.
    menu_choose(&root, "Assign Dana\u{2026}", "Legal: Consulted").await;
    assert_eq!(
        log.last(),
        Some(Action::Assign {
            engagement: fx.engagement,
            person: fx.dana,
            function: legal,
            role: Raci::Consulted,
            hours: Hours(0)
        })
    );

    // Where someone already is: nothing is dispatched, and the user is told.
    let before = log.actions().len();
    menu_choose(&root, "Assign Dana\u{2026}", "Legal: Consulted").await;
    assert_eq!(log.actions().len(), before);
    assert_eq!(
        log.announced.borrow().last().map(String::as_str),
        Some("Dana is already on Legal: Consulted: nothing changed.")
    );
}

#[wasm_bindgen_test]
async fn a_second_accountable_is_asked_about_and_replaces_in_one_action() {
    let mut fx = Fixture::new();
    let legal = fx.function(FunctionKind::Legal);
    fx.apply(Action::Assign {
        engagement: fx.engagement,
        person: fx.ari,
        function: legal,
        role: Raci::Accountable,
        hours: Hours::from_whole(4),
    });
    let (root, log) = fx.mount(Which::Roles).await;
    let before = log.actions().len();
    menu_choose(&root, "Assign Sam\u{2026}", "Legal: Accountable").await;
    assert_eq!(
        log.actions().len(),
        before,
        "nothing happens before the answer"
    );
    let dialog = until(|| root.query_selector("[role=alertdialog]").unwrap()).await;
    assert!(text(&dialog).contains("Ari is Accountable for Legal"));
    // Focus is on the answer (moved by an effect, which a busy or slower engine runs a
    // scheduler slice later).
    let focused = || {
        gloo::utils::document()
            .active_element()
            .map(|el| text(&el))
            .unwrap_or_default()
    };
    for _ in 0..100 {
        if focused() == "Replace Ari with Sam" {
            break;
        }
        settle().await;
    }
    assert_eq!(focused(), "Replace Ari with Sam");
    button(&root, "Replace Ari with Sam").await.click();
    settle().await;
    assert_eq!(
        log.last(),
        Some(Action::ReplaceAccountable {
            engagement: fx.engagement,
            person: fx.sam,
            function: legal,
            from: None,
            hours: Hours::from_whole(4),
        })
    );
    assert!(root.query_selector("[role=alertdialog]").unwrap().is_none());
    assert!(by_name(&root, "button", "Sam on Legal: Accountable").is_some());
    assert!(by_name(&root, "button", "Ari on Legal: Accountable").is_none());
}

#[wasm_bindgen_test]
async fn the_keyboard_picks_up_moves_drops_and_cancels() {
    let mut fx = Fixture::new();
    let legal = fx.function(FunctionKind::Legal);
    let delivery = fx.function(FunctionKind::Delivery);
    fx.apply(Action::Assign {
        engagement: fx.engagement,
        person: fx.sam,
        function: delivery,
        role: Raci::Informed,
        hours: Hours(0),
    });
    let (root, log) = fx.mount(Which::Roles).await;
    let before = log.actions().len();

    // Enter (a click on the grip button) picks the chip up; focus goes to its cell.
    let grip = button(&root, "Sam on Delivery: Informed").await;
    grip.focus().unwrap();
    grip.click();
    until(|| {
        (grip.get_attribute("aria-pressed").as_deref() == Some("true")
            && active_name() == "Delivery: Informed")
            .then_some(())
    })
    .await;
    assert!(log
        .announced
        .borrow()
        .last()
        .unwrap()
        .starts_with("Picked up Sam."));

    // Left twice: Delivery: Accountable, then Responsible; each announced.
    let here = cell(&root, "Delivery: Informed");
    key(&here, "ArrowLeft");
    until(|| (active_name() == "Delivery: Consulted").then_some(())).await;
    key(&cell(&root, "Delivery: Consulted"), "ArrowLeft");
    key(&cell(&root, "Delivery: Accountable"), "ArrowLeft");
    settle().await;
    assert_eq!(active_name(), "Delivery: Responsible");
    assert_eq!(
        log.announced.borrow().last().map(String::as_str),
        Some("Delivery: Responsible.")
    );
    // Left of Responsible is the function's name: focus stays.
    key(&cell(&root, "Delivery: Responsible"), "ArrowLeft");
    settle().await;
    assert_eq!(active_name(), "Delivery: Responsible");
    // Down the rows to Legal, skipping the findings rows between them.
    let rows: Vec<FunctionId> = fx.workspace.engagements[0]
        .functions
        .iter()
        .map(|f| f.id)
        .collect();
    let from_row = rows.iter().position(|f| *f == delivery).unwrap();
    let to_row = rows.iter().position(|f| *f == legal).unwrap();
    for _ in from_row..to_row {
        let at = gloo::utils::document().active_element().unwrap();
        key(&at, "ArrowDown");
    }
    until(|| (active_name() == "Legal: Responsible").then_some(())).await;
    assert_eq!(log.actions().len(), before, "moving around changes nothing");

    // Space drops: one MoveAssignment, keeping the hours.
    key(&cell(&root, "Legal: Responsible"), " ");
    settle().await;
    assert_eq!(
        log.last(),
        Some(Action::MoveAssignment {
            engagement: fx.engagement,
            person: fx.sam,
            from: (delivery, Raci::Informed),
            to: (legal, Raci::Responsible),
        })
    );
    assert_eq!(
        log.announced.borrow().last().map(String::as_str),
        Some("Dropped. Moved Sam from Delivery: Informed to Legal: Responsible.")
    );
    until(|| (active_name() == "Sam on Legal: Responsible").then_some(())).await;

    // Escape cancels; focus returns to the grip.
    let grip = button(&root, "Sam on Legal: Responsible").await;
    grip.click();
    until(|| (active_name() == "Legal: Responsible").then_some(())).await;
    key(&cell(&root, "Legal: Responsible"), "Escape");
    until(|| (active_name() == "Sam on Legal: Responsible").then_some(())).await;
    assert_eq!(
        log.announced.borrow().last().map(String::as_str),
        Some("Cancelled: nothing changed.")
    );
    assert_eq!(active_name(), "Sam on Legal: Responsible");
    let count = log.actions().len();

    // Delete on a chip's grip unassigns it.
    let chip: Element = button(&root, "Sam on Legal: Responsible").await.into();
    key(&chip, "Delete");
    settle().await;
    assert_eq!(log.actions().len(), count + 1);
    assert_eq!(
        log.last(),
        Some(Action::Unassign {
            engagement: fx.engagement,
            person: fx.sam,
            function: legal,
            role: Raci::Responsible,
        })
    );
}

fn drag(target: &Element, kind: &str, data: &web_sys::DataTransfer) -> bool {
    let init = web_sys::DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_data_transfer(Some(data));
    let ev = web_sys::DragEvent::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&ev).unwrap();
    ev.default_prevented()
}

#[wasm_bindgen_test]
async fn drag_and_drop_moves_a_chip_and_unassigns_on_the_people_panel() {
    let mut fx = Fixture::new();
    let legal = fx.function(FunctionKind::Legal);
    fx.apply(Action::Assign {
        engagement: fx.engagement,
        person: fx.ari,
        function: legal,
        role: Raci::Consulted,
        hours: Hours(150),
    });
    let (root, log) = fx.mount(Which::Roles).await;
    let data = web_sys::DataTransfer::new().unwrap();

    let grip = button(&root, "Ari on Legal: Consulted").await;
    drag(&grip, "dragstart", &data);
    settle().await;
    assert!(
        root.query_selector(".board.is-grabbing").unwrap().is_some(),
        "valid targets are shown while dragging"
    );
    let target = cell(&root, "Legal: Informed");
    assert!(drag(&target, "dragover", &data), "a cell accepts the drop");
    assert!(target.class_list().contains("drop-over"));
    assert!(drag(&target, "drop", &data));
    drag(&grip, "dragend", &data);
    settle().await;
    assert_eq!(
        log.last(),
        Some(Action::MoveAssignment {
            engagement: fx.engagement,
            person: fx.ari,
            from: (legal, Raci::Consulted),
            to: (legal, Raci::Informed),
        })
    );
    assert!(root.query_selector(".board.is-grabbing").unwrap().is_none());
    assert!(root.query_selector(".drop-over").unwrap().is_none());
    assert_eq!(
        input(&root, "Ari hours on Legal (Informed)").await.value(),
        "1.5",
        "a move keeps the hours"
    );

    // Back onto the People panel: unassigned.
    let grip = button(&root, "Ari on Legal: Informed").await;
    drag(&grip, "dragstart", &data);
    let panel = root
        .query_selector("section.people-panel")
        .unwrap()
        .unwrap();
    assert!(drag(&panel, "dragover", &data));
    drag(&panel, "drop", &data);
    drag(&grip, "dragend", &data);
    settle().await;
    assert_eq!(
        log.last(),
        Some(Action::Unassign {
            engagement: fx.engagement,
            person: fx.ari,
            function: legal,
            role: Raci::Informed,
        })
    );

    // A drag that ends nowhere changes nothing.
    let count = log.actions().len();
    let card = button(&root, "Dana").await;
    drag(&card, "dragstart", &data);
    drag(&card, "dragend", &data);
    settle().await;
    assert_eq!(log.actions().len(), count);
    assert!(root.query_selector(".board.is-grabbing").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn chip_hours_and_unassign_dispatch_their_actions() {
    let mut fx = Fixture::new();
    let delivery = fx.function(FunctionKind::Delivery);
    fx.apply(Action::Assign {
        engagement: fx.engagement,
        person: fx.sam,
        function: delivery,
        role: Raci::Responsible,
        hours: Hours::from_whole(4),
    });
    let (root, log) = fx.mount(Which::Roles).await;

    // Sam can give 2 h and has 4: the chip says so, in words.
    let delivery_row = row(&root, &anchor::function(delivery));
    let badge = delivery_row
        .query_selector("[data-testid=workload-badge]")
        .unwrap()
        .expect("workload badge");
    assert!(
        text(&badge).contains("Over capacity: 4 of 2 h a week"),
        "{}",
        text(&badge)
    );

    let hours = input(&root, "Sam hours on Delivery (Responsible)").await;
    type_into(&hours, "1.5").await;
    assert_eq!(
        log.last(),
        Some(Action::SetAssignmentHours {
            engagement: fx.engagement,
            person: fx.sam,
            function: delivery,
            role: Raci::Responsible,
            hours: Hours(150)
        })
    );
    // Refused input stays at the field and never reaches the plan.
    let before = log.actions().len();
    type_into(
        &input(&root, "Sam hours on Delivery (Responsible)").await,
        "lots",
    )
    .await;
    assert_eq!(log.actions().len(), before);

    button(&root, "Unassign Sam from Delivery: Responsible")
        .await
        .click();
    settle().await;
    assert_eq!(
        log.last(),
        Some(Action::Unassign {
            engagement: fx.engagement,
            person: fx.sam,
            function: delivery,
            role: Raci::Responsible
        })
    );
    until(|| {
        by_name(&root, "input", "Sam hours on Delivery (Responsible)")
            .is_none()
            .then_some(())
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_pm_accepts_and_gives_back_a_default_function() {
    let fx = Fixture::new();
    let cs = fx.function(FunctionKind::CustomerService);
    let (root, log) = fx.mount(Which::Roles).await;

    button(&root, "Accept Customer service as PM").await.click();
    settle().await;
    assert_eq!(
        log.last(),
        Some(Action::SetPmAcceptance {
            engagement: fx.engagement,
            function: cs,
            accepted: true
        })
    );
    let give_back = button(&root, "Give back Customer service").await;
    let cs_row = row(&root, &anchor::function(cs));
    assert!(text(&cs_row).contains("Accepted by the PM"));
    give_back.click();
    settle().await;
    assert_eq!(
        log.last(),
        Some(Action::SetPmAcceptance {
            engagement: fx.engagement,
            function: cs,
            accepted: false
        })
    );
    button(&root, "Accept Customer service as PM").await;
}

#[wasm_bindgen_test]
async fn functions_are_renamed_added_and_removed_asking_first_when_assigned() {
    let mut fx = Fixture::new();
    let legal = fx.function(FunctionKind::Legal);
    let quality = fx.function(FunctionKind::QualityManagement);
    fx.apply(Action::Assign {
        engagement: fx.engagement,
        person: fx.dana,
        function: legal,
        role: Raci::Informed,
        hours: Hours(0),
    });
    let (root, log) = fx.mount(Which::Roles).await;

    let name: HtmlInputElement = until(|| {
        root.query_selector(&format!("[data-testid=function-name-{legal}]"))
            .unwrap()
    })
    .await
    .dyn_into()
    .unwrap();
    type_into(&name, "Contracts").await;
    assert_eq!(
        log.last(),
        Some(Action::RenameFunction {
            engagement: fx.engagement,
            function: legal,
            name: "Contracts".into()
        })
    );

    // Legal (now Contracts) has an assignment: removing it asks first, in the row.
    let count = log.actions().len();
    button(&root, "Remove function Contracts").await.click();
    settle().await;
    assert_eq!(
        log.actions().len(),
        count,
        "nothing removed before the answer"
    );
    let keep = button(&root, "Keep function Contracts").await;
    keep.click();
    settle().await;
    assert_eq!(log.actions().len(), count);
    button(&root, "Remove function Contracts").await.click();
    settle().await;
    button(&root, "Yes, remove function Contracts")
        .await
        .click();
    settle().await;
    assert_eq!(
        log.last(),
        Some(Action::RemoveFunction {
            engagement: fx.engagement,
            function: legal
        })
    );
    until(|| {
        root.query_selector(&format!("[id='{}']", anchor::function(legal)))
            .unwrap()
            .is_none()
            .then_some(())
    })
    .await;

    // Quality management has nothing assigned: it goes at once.
    button(&root, "Remove function Quality management")
        .await
        .click();
    settle().await;
    assert_eq!(
        log.last(),
        Some(Action::RemoveFunction {
            engagement: fx.engagement,
            function: quality
        })
    );

    // Adding a function: the name, then the button.
    let new_name = input(&root, "New function").await;
    type_into(&new_name, "  Data migration ").await;
    button(&root, "Add function").await.click();
    settle().await;
    assert_eq!(
        log.last(),
        Some(Action::AddFunction {
            engagement: fx.engagement,
            name: "Data migration".into()
        })
    );
    let added = until(|| {
        find_all(&root, "input[data-testid^=function-name]")
            .into_iter()
            .map(|el| el.dyn_into::<HtmlInputElement>().unwrap())
            .find(|i| i.value() == "Data migration")
    })
    .await;
    assert!(added.is_connected());
    assert_eq!(
        input(&root, "New function").await.value(),
        "",
        "the field empties for the next one"
    );
    // An empty name is refused at the field.
    let count = log.actions().len();
    button(&root, "Add function").await.click();
    settle().await;
    assert_eq!(log.actions().len(), count);
    assert!(text(&root).contains("Type a name in “New function” first."));
}

#[wasm_bindgen_test]
async fn people_in_several_roles_are_summarised_at_the_top() {
    let mut fx = Fixture::new();
    let cs = fx.function(FunctionKind::CustomerService);
    fx.apply(Action::Assign {
        engagement: fx.engagement,
        person: fx.ari,
        function: fx.function(FunctionKind::SalesMarketing),
        role: Raci::Accountable,
        hours: Hours::from_whole(4),
    });
    fx.apply(Action::SetPmAcceptance {
        engagement: fx.engagement,
        function: cs,
        accepted: true,
    });
    let (root, _) = fx.mount(Which::Roles).await;
    let summary = until(|| root.query_selector("[data-testid=several-roles]").unwrap()).await;
    let items: Vec<String> = find_all(&summary, "li").iter().map(text).collect();
    assert_eq!(
        items,
        ["Dana: Project manager; Engagement manager; Customer service (accepted by the PM)"],
        "Ari has one role only"
    );
}

// ---------------------------------------------------------------------------------------
// Governance

#[wasm_bindgen_test]
async fn governance_lists_decision_areas_and_reports() {
    let fx = Fixture::new();
    let (root, _) = fx.mount(Which::Governance).await;
    let e = &fx.workspace.engagements[0];
    for d in &e.decisions {
        let r = row(&root, &anchor::decision(d.id));
        let name: HtmlInputElement = r
            .query_selector("input")
            .unwrap()
            .unwrap()
            .dyn_into()
            .unwrap();
        assert_eq!(name.value(), d.name);
        let method = select(&r, &format!("Method for {}", d.name)).await;
        assert_eq!(method.value(), format!("{:?}", d.method.unwrap()));
    }
    let reports = row(&root, anchor::REPORTING);
    for r in &e.reports {
        let tr = row(&reports, &anchor::report(r.id));
        for g in StakeholderGroup::ALL {
            let checkbox = input(&tr, &format!("{} to {}", r.name, g.label())).await;
            assert_eq!(
                checkbox.checked(),
                r.audience.contains(&g),
                "{} to {}",
                r.name,
                g.label()
            );
        }
        let frequency = select(&tr, &format!("Frequency of {}", r.name)).await;
        assert_eq!(frequency.value(), format!("{:?}", r.frequency.unwrap()));
    }
    // The three methods are explained.
    for m in DecisionMethod::ALL {
        assert!(find_all(&root, "dt").iter().any(|dt| text(dt) == m.label()));
    }
    // Authority without a named person is flagged on its row.
    let final_deal = e
        .decisions
        .iter()
        .find(|d| d.kind == DecisionKind::FinalDeal)
        .unwrap();
    let r = row(&root, &anchor::decision(final_deal.id));
    assert!(text(&r).contains("Required: name who decides"));
    assert!(
        r.query_selector(".row-findings").unwrap().is_some(),
        "finding shown on the row"
    );
}

#[wasm_bindgen_test]
async fn decision_method_and_authority_dispatch_edits() {
    let fx = Fixture::new();
    let scope = fx.workspace.engagements[0]
        .decisions
        .iter()
        .find(|d| d.kind == DecisionKind::ScopeChange)
        .unwrap()
        .id;
    let (root, log) = fx.mount(Which::Governance).await;

    // Contracted: scope change is decided by authority, so its authority can be chosen.
    let authority = select(&root, "Authority for Scope change").await;
    assert!(!authority.matches(":disabled").unwrap());
    choose(&authority, &fx.dana.to_string()).await;
    assert_eq!(
        log.last(),
        Some(Action::EditDecisionArea {
            engagement: fx.engagement,
            decision: scope,
            edit: DecisionEdit::Authority(Some(fx.dana))
        })
    );

    choose(&select(&root, "Method for Scope change").await, "Consensus").await;
    assert_eq!(
        log.last(),
        Some(Action::EditDecisionArea {
            engagement: fx.engagement,
            decision: scope,
            edit: DecisionEdit::Method(Some(DecisionMethod::Consensus))
        })
    );
    // Consensus needs no authority: the select is disabled, and says why.
    until(|| select_disabled(&root, "Authority for Scope change")).await;
    assert!(
        text(&row(&root, &anchor::decision(scope))).contains("Not needed: decided by consensus.")
    );

    choose(&select(&root, "Method for Scope change").await, "").await;
    assert_eq!(
        log.last(),
        Some(Action::EditDecisionArea {
            engagement: fx.engagement,
            decision: scope,
            edit: DecisionEdit::Method(None)
        })
    );

    type_into(
        &until(|| {
            root.query_selector(&format!("[data-testid=decision-name-{scope}]"))
                .unwrap()
        })
        .await
        .dyn_into()
        .unwrap(),
        "Change requests",
    )
    .await;
    assert_eq!(
        log.last(),
        Some(Action::EditDecisionArea {
            engagement: fx.engagement,
            decision: scope,
            edit: DecisionEdit::Name("Change requests".into())
        })
    );
    button(&root, "Remove decision area Change requests")
        .await
        .click();
    settle().await;
    assert_eq!(
        log.last(),
        Some(Action::RemoveDecisionArea {
            engagement: fx.engagement,
            decision: scope
        })
    );

    type_into(&input(&root, "New decision area").await, "Budget overrun").await;
    button(&root, "Add decision area").await.click();
    settle().await;
    assert_eq!(
        log.last(),
        Some(Action::AddDecisionArea {
            engagement: fx.engagement,
            name: "Budget overrun".into()
        })
    );
    until(|| by_name(&root, "select", "Method for Budget overrun")).await;
}

fn select_disabled(root: &Element, name: &str) -> Option<()> {
    by_name(root, "select", name)
        .filter(|s| s.matches(":disabled").unwrap())
        .map(|_| ())
}

#[wasm_bindgen_test]
async fn report_owner_audience_frequency_add_and_remove_dispatch_edits() {
    let fx = Fixture::new();
    let status = fx.workspace.engagements[0]
        .reports
        .iter()
        .find(|r| r.name == "Status report")
        .unwrap()
        .clone();
    let (root, log) = fx.mount(Which::Governance).await;

    choose(
        &select(&root, "Owner of Status report").await,
        &fx.dana.to_string(),
    )
    .await;
    assert_eq!(
        log.last(),
        Some(Action::EditReport {
            engagement: fx.engagement,
            report: status.id,
            edit: ReportEdit::Owner(Some(fx.dana))
        })
    );

    input(&root, "Status report to Performer").await.click();
    settle().await;
    let mut audience: BTreeSet<StakeholderGroup> = status.audience.clone();
    audience.insert(StakeholderGroup::Performer);
    assert_eq!(
        log.last(),
        Some(Action::EditReport {
            engagement: fx.engagement,
            report: status.id,
            edit: ReportEdit::Audience(audience.clone())
        })
    );
    until(|| {
        by_name(&root, "input", "Status report to Performer")
            .filter(|c| c.dyn_ref::<HtmlInputElement>().unwrap().checked())
    })
    .await;

    input(&root, "Status report to Client").await.click();
    settle().await;
    audience.remove(&StakeholderGroup::Client);
    assert_eq!(
        log.last(),
        Some(Action::EditReport {
            engagement: fx.engagement,
            report: status.id,
            edit: ReportEdit::Audience(audience)
        })
    );

    choose(
        &select(&root, "Frequency of Status report").await,
        "Fortnightly",
    )
    .await;
    assert_eq!(
        log.last(),
        Some(Action::EditReport {
            engagement: fx.engagement,
            report: status.id,
            edit: ReportEdit::Frequency(Some(Frequency::Fortnightly))
        })
    );

    button(&root, "Remove report Status report").await.click();
    settle().await;
    assert_eq!(
        log.last(),
        Some(Action::RemoveReport {
            engagement: fx.engagement,
            report: status.id
        })
    );

    // Press Enter in the field: the form submits without a separate change first.
    let new_report = input(&root, "New report").await;
    new_report.set_value("Risk log");
    let form: HtmlElement = new_report
        .closest("form")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let submit = web_sys::Event::new("submit").unwrap();
    form.dispatch_event(&submit).unwrap();
    settle().await;
    assert_eq!(
        log.last(),
        Some(Action::AddReport {
            engagement: fx.engagement,
            name: "Risk log".into()
        })
    );
    until(|| by_name(&root, "select", "Owner of Risk log")).await;
    // With the status report gone the client receives no report, which the reporting
    // findings at the top of the section say.
    let reports = row(&root, anchor::REPORTING);
    assert!(reports.query_selector(".row-findings").unwrap().is_some());
}
