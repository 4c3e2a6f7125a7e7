//! Browser tests of the Roles and Governance views (wasm-bindgen-test + chromedriver):
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser_roles_governance`.
//!
//! Each test mounts one view on a plan from `plans::relaunch` with the shared harness
//! (`browser_support::mount_live`): its dispatch records the action and applies it to
//! the workspace, as the app does, so the view re-renders with the result. Controls are
//! found by role and accessible name, the way a screen reader does.
#![cfg(target_arch = "wasm32")]

mod browser_support;
mod plans;

use browser_support::*;
use engagement_planner::components::context::anchor;
use engagement_planner::components::governance::GovernanceView;
use engagement_planner::components::roles::RolesView;
use engagement_planner::model::*;
use plans::*;
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn roles_view() -> Html {
    html! { <RolesView /> }
}

fn governance_view() -> Html {
    html! { <GovernanceView /> }
}

// ---------------------------------------------------------------------------------------
// Roles

#[wasm_bindgen_test]
async fn roles_lists_every_function_with_purpose_required_marker_and_pm_default() {
    let fx = relaunch();
    let m = mount_live(fx.workspace.clone(), Some(fx.engagement), roles_view).await;
    let root = m.root.clone();
    let rows = all(&root, "tbody tr.function-row");
    assert_eq!(rows.len(), 9, "one row per function of the template");
    for kind in FunctionKind::NINE {
        let r = by_id(&root, &anchor::function(fx.function(kind)));
        // A function's name wraps on the board: a one-line textarea.
        let name: HtmlTextAreaElement = r
            .query_selector("textarea[data-testid^=function-name]")
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
    let headers: Vec<String> = all(&root, "thead th[scope=col]").iter().map(text).collect();
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

#[wasm_bindgen_test]
async fn the_assign_menu_assigns_with_the_role_default_hours_and_shows_a_chip() {
    let fx = relaunch();
    let legal = fx.function(FunctionKind::Legal);
    let m = mount_live(fx.workspace.clone(), Some(fx.engagement), roles_view).await;
    let root = m.root.clone();

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
    assert_eq!(all(&panel, "li.card").len(), 3);

    menu_choose(&root, "Assign Ari\u{2026}", "Legal: Accountable").await;
    assert_eq!(
        m.last_action(),
        Some(Action::Assign {
            engagement: fx.engagement,
            person: fx.ari,
            function: legal,
            role: Raci::Accountable,
            hours: Hours::from_whole(4)
        })
    );
    assert!(m
        .announced()
        .iter()
        .any(|said| said == "Assigned Ari to Legal: Accountable, 4 h a week."));

    // The chip shows the hours, and the PM default is gone from the Accountable cell.
    let hours = input(&root, "Ari hours on Legal (Accountable)").await;
    assert_eq!(hours.value(), "4");
    let legal_row = by_id(&root, &anchor::function(legal));
    assert!(!text(&legal_row).contains("PM by default"));

    // Consulted starts at 0 hours.
    menu_choose(&root, "Assign Dana\u{2026}", "Legal: Consulted").await;
    assert_eq!(
        m.last_action(),
        Some(Action::Assign {
            engagement: fx.engagement,
            person: fx.dana,
            function: legal,
            role: Raci::Consulted,
            hours: Hours(0)
        })
    );

    // Where someone already is: nothing is dispatched, and the user is told.
    let before = m.actions().len();
    menu_choose(&root, "Assign Dana\u{2026}", "Legal: Consulted").await;
    assert_eq!(m.actions().len(), before);
    assert_eq!(
        m.announced().last().map(String::as_str),
        Some("Dana is already on Legal: Consulted: nothing changed.")
    );
}

#[wasm_bindgen_test]
async fn a_second_accountable_is_asked_about_and_replaces_in_one_action() {
    let mut fx = relaunch();
    let legal = fx.function(FunctionKind::Legal);
    fx.apply(Action::Assign {
        engagement: fx.engagement,
        person: fx.ari,
        function: legal,
        role: Raci::Accountable,
        hours: Hours::from_whole(4),
    });
    let m = mount_live(fx.workspace.clone(), Some(fx.engagement), roles_view).await;
    let root = m.root.clone();
    let before = m.actions().len();
    menu_choose(&root, "Assign Sam\u{2026}", "Legal: Accountable").await;
    assert_eq!(
        m.actions().len(),
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
        m.last_action(),
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
    let mut fx = relaunch();
    let legal = fx.function(FunctionKind::Legal);
    let delivery = fx.function(FunctionKind::Delivery);
    fx.apply(Action::Assign {
        engagement: fx.engagement,
        person: fx.sam,
        function: delivery,
        role: Raci::Informed,
        hours: Hours(0),
    });
    let m = mount_live(fx.workspace.clone(), Some(fx.engagement), roles_view).await;
    let root = m.root.clone();
    let before = m.actions().len();

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
    assert!(m.announced().last().unwrap().starts_with("Picked up Sam."));

    // Left twice: Delivery: Accountable, then Responsible; each announced.
    let here = cell(&root, "Delivery: Informed");
    key(&here, "ArrowLeft");
    until(|| (active_name() == "Delivery: Consulted").then_some(())).await;
    key(&cell(&root, "Delivery: Consulted"), "ArrowLeft");
    key(&cell(&root, "Delivery: Accountable"), "ArrowLeft");
    settle().await;
    assert_eq!(active_name(), "Delivery: Responsible");
    assert_eq!(
        m.announced().last().map(String::as_str),
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
    assert_eq!(m.actions().len(), before, "moving around changes nothing");

    // Space drops: one MoveAssignment, keeping the hours.
    key(&cell(&root, "Legal: Responsible"), " ");
    settle().await;
    assert_eq!(
        m.last_action(),
        Some(Action::MoveAssignment {
            engagement: fx.engagement,
            person: fx.sam,
            from: (delivery, Raci::Informed),
            to: (legal, Raci::Responsible),
        })
    );
    assert_eq!(
        m.announced().last().map(String::as_str),
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
        m.announced().last().map(String::as_str),
        Some("Cancelled: nothing changed.")
    );
    assert_eq!(active_name(), "Sam on Legal: Responsible");
    let count = m.actions().len();

    // Delete on a chip's grip unassigns it.
    let chip: Element = button(&root, "Sam on Legal: Responsible").await.into();
    key(&chip, "Delete");
    settle().await;
    assert_eq!(m.actions().len(), count + 1);
    assert_eq!(
        m.last_action(),
        Some(Action::Unassign {
            engagement: fx.engagement,
            person: fx.sam,
            function: legal,
            role: Raci::Responsible,
        })
    );
}

#[wasm_bindgen_test]
async fn drag_and_drop_moves_a_chip_and_unassigns_on_the_people_panel() {
    let mut fx = relaunch();
    let legal = fx.function(FunctionKind::Legal);
    fx.apply(Action::Assign {
        engagement: fx.engagement,
        person: fx.ari,
        function: legal,
        role: Raci::Consulted,
        hours: Hours(150),
    });
    let m = mount_live(fx.workspace.clone(), Some(fx.engagement), roles_view).await;
    let root = m.root.clone();
    let data = web_sys::DataTransfer::new().unwrap();

    let grip = button(&root, "Ari on Legal: Consulted").await;
    drag(&grip, "dragstart", &data);
    settle().await;
    assert!(
        root.query_selector(".board.is-grabbing").unwrap().is_some(),
        "valid targets are shown while dragging"
    );
    // The cell Ari is already in is dimmed by the board's own stylesheet (constructed and
    // adopted: the page's policy refuses <style> elements).
    let opacity = |el: &web_sys::Element| {
        gloo::utils::window()
            .get_computed_style(el)
            .unwrap()
            .unwrap()
            .get_property_value("opacity")
            .unwrap()
    };
    assert_eq!(opacity(&cell(&root, "Legal: Consulted")), "0.55");
    assert_eq!(opacity(&cell(&root, "Legal: Informed")), "1");
    assert!(
        root.query_selector("style").unwrap().is_none(),
        "no <style> element"
    );
    let target = cell(&root, "Legal: Informed");
    assert!(drag(&target, "dragover", &data), "a cell accepts the drop");
    assert!(target.class_list().contains("drop-over"));
    assert!(drag(&target, "drop", &data));
    drag(&grip, "dragend", &data);
    settle().await;
    assert_eq!(
        m.last_action(),
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
        opacity(&cell(&root, "Legal: Informed")),
        "1",
        "nothing dimmed"
    );
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
        m.last_action(),
        Some(Action::Unassign {
            engagement: fx.engagement,
            person: fx.ari,
            function: legal,
            role: Raci::Informed,
        })
    );

    // A drag that ends nowhere changes nothing.
    let count = m.actions().len();
    let card = button(&root, "Dana").await;
    drag(&card, "dragstart", &data);
    drag(&card, "dragend", &data);
    settle().await;
    assert_eq!(m.actions().len(), count);
    assert!(root.query_selector(".board.is-grabbing").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn chip_hours_and_unassign_dispatch_their_actions() {
    let mut fx = relaunch();
    let delivery = fx.function(FunctionKind::Delivery);
    fx.apply(Action::Assign {
        engagement: fx.engagement,
        person: fx.sam,
        function: delivery,
        role: Raci::Responsible,
        hours: Hours::from_whole(4),
    });
    let m = mount_live(fx.workspace.clone(), Some(fx.engagement), roles_view).await;
    let root = m.root.clone();

    // Sam can give 2 h and has 4: the chip says so, in words.
    let delivery_row = by_id(&root, &anchor::function(delivery));
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
        m.last_action(),
        Some(Action::SetAssignmentHours {
            engagement: fx.engagement,
            person: fx.sam,
            function: delivery,
            role: Raci::Responsible,
            hours: Hours(150)
        })
    );
    // Refused input stays at the field and never reaches the plan.
    let before = m.actions().len();
    type_into(
        &input(&root, "Sam hours on Delivery (Responsible)").await,
        "lots",
    )
    .await;
    assert_eq!(m.actions().len(), before);

    button(&root, "Unassign Sam from Delivery: Responsible")
        .await
        .click();
    settle().await;
    assert_eq!(
        m.last_action(),
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
    let fx = relaunch();
    let cs = fx.function(FunctionKind::CustomerService);
    let m = mount_live(fx.workspace.clone(), Some(fx.engagement), roles_view).await;
    let root = m.root.clone();

    button(&root, "Accept as PM for Customer service")
        .await
        .click();
    settle().await;
    assert_eq!(
        m.last_action(),
        Some(Action::SetPmAcceptance {
            engagement: fx.engagement,
            function: cs,
            accepted: true
        })
    );
    button(&root, "Give back Customer service").await;
    let cs_row = by_id(&root, &anchor::function(cs));
    assert!(text(&cs_row).contains("Accepted by the PM"));
    // Accepted, it takes the PM hours, editable like an assignment's.
    let hours = input(&root, "Dana hours on Customer service (accepted as PM)").await;
    assert_eq!(hours.value(), "4");
    type_into(&hours, "6").await;
    assert_eq!(
        m.last_action(),
        Some(Action::SetPmDefaultHours {
            engagement: fx.engagement,
            function: cs,
            hours: Hours::from_whole(6)
        })
    );
    let give_back = button(&root, "Give back Customer service").await;
    give_back.click();
    settle().await;
    assert_eq!(
        m.last_action(),
        Some(Action::SetPmAcceptance {
            engagement: fx.engagement,
            function: cs,
            accepted: false
        })
    );
    button(&root, "Accept as PM for Customer service").await;
}

/// With nobody named PM, the board does not offer "Accept as PM" (the model would refuse
/// it) and says what to do first.
#[wasm_bindgen_test]
async fn accept_as_pm_needs_a_named_pm() {
    let mut fx = relaunch();
    let cs = fx.function(FunctionKind::CustomerService);
    let e = fx.engagement;
    edit(&mut fx.workspace, e, EngagementEdit::Pm(None));
    let m = mount_live(fx.workspace.clone(), Some(e), roles_view).await;
    let root = m.root.clone();
    let cs_row = by_id(&root, &anchor::function(cs));
    assert!(
        text(&cs_row).contains("Name the project manager on the Overview view to accept it."),
        "{}",
        text(&cs_row)
    );
    assert!(!has_button(&root, "Accept as PM for Customer service"));
    assert!(m.actions().is_empty());
}

#[wasm_bindgen_test]
async fn functions_are_renamed_added_and_removed_asking_first_when_assigned() {
    let mut fx = relaunch();
    let legal = fx.function(FunctionKind::Legal);
    let quality = fx.function(FunctionKind::QualityManagement);
    fx.apply(Action::Assign {
        engagement: fx.engagement,
        person: fx.dana,
        function: legal,
        role: Raci::Informed,
        hours: Hours(0),
    });
    let m = mount_live(fx.workspace.clone(), Some(fx.engagement), roles_view).await;
    let root = m.root.clone();

    let name: HtmlTextAreaElement = until(|| {
        root.query_selector(&format!("[data-testid=function-name-{legal}]"))
            .unwrap()
    })
    .await
    .dyn_into()
    .unwrap();
    type_into(&name, "Contracts").await;
    assert_eq!(
        m.last_action(),
        Some(Action::RenameFunction {
            engagement: fx.engagement,
            function: legal,
            name: "Contracts".into()
        })
    );

    // Legal (now Contracts) has an assignment: removing it asks first, in the row.
    let count = m.actions().len();
    button(&root, "Remove function Contracts").await.click();
    settle().await;
    assert_eq!(
        m.actions().len(),
        count,
        "nothing removed before the answer"
    );
    let keep = button(&root, "Keep function Contracts").await;
    keep.click();
    settle().await;
    assert_eq!(m.actions().len(), count);
    button(&root, "Remove function Contracts").await.click();
    settle().await;
    button(&root, "Yes, remove function Contracts")
        .await
        .click();
    settle().await;
    assert_eq!(
        m.last_action(),
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
        m.last_action(),
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
        m.last_action(),
        Some(Action::AddFunction {
            engagement: fx.engagement,
            name: "Data migration".into()
        })
    );
    let added = until(|| {
        all(&root, "textarea[data-testid^=function-name]")
            .into_iter()
            .map(|el| el.dyn_into::<HtmlTextAreaElement>().unwrap())
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
    let count = m.actions().len();
    button(&root, "Add function").await.click();
    settle().await;
    assert_eq!(m.actions().len(), count);
    assert!(text(&root).contains("Type a name in “New function” first."));
}

#[wasm_bindgen_test]
async fn people_in_several_roles_are_summarised_at_the_top() {
    let mut fx = relaunch();
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
    let m = mount_live(fx.workspace.clone(), Some(fx.engagement), roles_view).await;
    let root = m.root.clone();
    let summary = until(|| root.query_selector("[data-testid=several-roles]").unwrap()).await;
    let items: Vec<String> = all(&summary, "li").iter().map(text).collect();
    assert_eq!(
        items,
        ["Dana: Project manager; Engagement manager; Customer service (accepted by the PM)"],
        "Ari has one role only"
    );
}

// ---------------------------------------------------------------------------------------
// Governance

#[wasm_bindgen_test]
async fn the_final_deal_row_says_who_approves_the_deal() {
    let mut fx = relaunch();
    let deal = fx.workspace.engagements[0]
        .decisions
        .iter()
        .find(|d| d.kind == DecisionKind::FinalDeal)
        .unwrap()
        .id;
    // Dana, the PM, is named engagement manager and nobody else holds it.
    let m = mount_live(fx.workspace.clone(), Some(fx.engagement), governance_view).await;
    let r = by_id(&m.root, &anchor::decision(deal));
    assert_eq!(
        text(&wait_for(&r, "[data-testid=final-deal-deciders]").await),
        "Who approves the deal on the Pricing view: Dana (engagement manager)."
    );
    // Only the final deal's row says it.
    assert_eq!(all(&m.root, "[data-testid=final-deal-deciders]").len(), 1);
    m.root.remove();

    // Named as its authority, Ari alone approves it.
    fx.apply(Action::EditDecisionArea {
        engagement: fx.engagement,
        decision: deal,
        edit: DecisionEdit::Authority(Some(fx.ari)),
    });
    let m = mount_live(fx.workspace.clone(), Some(fx.engagement), governance_view).await;
    let r = by_id(&m.root, &anchor::decision(deal));
    assert_eq!(
        text(&wait_for(&r, "[data-testid=final-deal-deciders]").await),
        "Who approves the deal on the Pricing view: Ari (named authority)."
    );
}

#[wasm_bindgen_test]
async fn governance_lists_decision_areas_and_reports() {
    let fx = relaunch();
    let m = mount_live(fx.workspace.clone(), Some(fx.engagement), governance_view).await;
    let root = m.root.clone();
    let e = &fx.workspace.engagements[0];
    for d in &e.decisions {
        let r = by_id(&root, &anchor::decision(d.id));
        // A decision area's name wraps in its row heading: a one-line textarea.
        let name: HtmlTextAreaElement = r
            .query_selector("textarea")
            .unwrap()
            .unwrap()
            .dyn_into()
            .unwrap();
        assert_eq!(name.value(), d.name);
        let method = select(&r, &format!("Method for {}", d.name)).await;
        assert_eq!(method.value(), format!("{:?}", d.method.unwrap()));
    }
    let reports = by_id(&root, anchor::REPORTING);
    for r in &e.reports {
        let tr = by_id(&reports, &anchor::report(r.id));
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
        assert!(all(&root, "dt").iter().any(|dt| text(dt) == m.label()));
    }
    // Authority without a named person is flagged on its row.
    let final_deal = e
        .decisions
        .iter()
        .find(|d| d.kind == DecisionKind::FinalDeal)
        .unwrap();
    let r = by_id(&root, &anchor::decision(final_deal.id));
    assert!(text(&r).contains("Required: name who decides"));
    assert!(
        r.query_selector(".row-findings").unwrap().is_some(),
        "finding shown on the row"
    );
}

#[wasm_bindgen_test]
async fn decision_method_and_authority_dispatch_edits() {
    let fx = relaunch();
    let scope = fx.workspace.engagements[0]
        .decisions
        .iter()
        .find(|d| d.kind == DecisionKind::ScopeChange)
        .unwrap()
        .id;
    let m = mount_live(fx.workspace.clone(), Some(fx.engagement), governance_view).await;
    let root = m.root.clone();

    // Contracted: scope change is decided by authority, so its authority can be chosen.
    let authority = select(&root, "Authority for Scope change").await;
    assert!(!authority.matches(":disabled").unwrap());
    choose(&authority, &fx.dana.to_string()).await;
    assert_eq!(
        m.last_action(),
        Some(Action::EditDecisionArea {
            engagement: fx.engagement,
            decision: scope,
            edit: DecisionEdit::Authority(Some(fx.dana))
        })
    );

    choose(&select(&root, "Method for Scope change").await, "Consensus").await;
    assert_eq!(
        m.last_action(),
        Some(Action::EditDecisionArea {
            engagement: fx.engagement,
            decision: scope,
            edit: DecisionEdit::Method(Some(DecisionMethod::Consensus))
        })
    );
    // Consensus needs no authority: the select is disabled, and says why.
    until(|| select_disabled(&root, "Authority for Scope change")).await;
    assert!(
        text(&by_id(&root, &anchor::decision(scope))).contains("Not needed: decided by consensus.")
    );

    choose(&select(&root, "Method for Scope change").await, "").await;
    assert_eq!(
        m.last_action(),
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
        .await,
        "Change requests",
    )
    .await;
    assert_eq!(
        m.last_action(),
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
        m.last_action(),
        Some(Action::RemoveDecisionArea {
            engagement: fx.engagement,
            decision: scope
        })
    );

    type_into(&input(&root, "New decision area").await, "Budget overrun").await;
    button(&root, "Add decision area").await.click();
    settle().await;
    assert_eq!(
        m.last_action(),
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
    let fx = relaunch();
    let status = fx.workspace.engagements[0]
        .reports
        .iter()
        .find(|r| r.name == "Status report")
        .unwrap()
        .clone();
    let m = mount_live(fx.workspace.clone(), Some(fx.engagement), governance_view).await;
    let root = m.root.clone();

    choose(
        &select(&root, "Owner of Status report").await,
        &fx.dana.to_string(),
    )
    .await;
    assert_eq!(
        m.last_action(),
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
        m.last_action(),
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
        m.last_action(),
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
        m.last_action(),
        Some(Action::EditReport {
            engagement: fx.engagement,
            report: status.id,
            edit: ReportEdit::Frequency(Some(Frequency::Fortnightly))
        })
    );

    button(&root, "Remove report Status report").await.click();
    settle().await;
    assert_eq!(
        m.last_action(),
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
        m.last_action(),
        Some(Action::AddReport {
            engagement: fx.engagement,
            name: "Risk log".into()
        })
    );
    until(|| by_name(&root, "select", "Owner of Risk log")).await;
    // With the status report gone the client receives no report, which the reporting
    // findings at the top of the section say.
    let reports = by_id(&root, anchor::REPORTING);
    assert!(reports.query_selector(".row-findings").unwrap().is_some());
}
