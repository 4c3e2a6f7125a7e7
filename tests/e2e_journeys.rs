//! End-to-end journeys through the release build in Chromium, Firefox or WebKit (`EP_BROWSER`,
//! see `tests/e2e/support.rs`): what a user does
//! from start to finish, found by role and accessible name the way a screen reader finds
//! things, with the plan checked both on screen and in the browser's storage.
//!
//! Plain `cargo test` skips these by design (each test returns early and says so). Run them
//! against a fresh release build:
//!
//! ```text
//! trunk build --release
//! EP_E2E=1 EP_DIST=$PWD/dist cargo test --test e2e_journeys -- --test-threads=1
//! EP_BROWSER=firefox EP_E2E=1 EP_DIST=$PWD/dist cargo test --test e2e_journeys   # or webkit
//! ```
//!
//! Every test gets its own server, WebDriver server, browser and profile (empty localStorage),
//! so the journeys are independent. Nothing sleeps for a fixed time: every step waits for
//! the condition it needs (`wait_for`, `wait_until`, `wait_for_js`). Where a test must show
//! that something did *not* happen (no save while another tab's version is pending), it
//! makes the app flush any pending save at once (a `pagehide` event) and then looks.
//!
//! Screenshots of every view at 1024×768 and 1280×900 (the viewport, and the whole page as
//! `*-full.png`, except in WebKit) are written to `target/screenshots/<engine>/` by
//! `layout_fits_1024_by_768_and_screenshots`.
//!
//! Some tests pin bugs found in the app while these journeys were written (each failed
//! against the build it was written for, and guards against the bug coming back); each
//! says in its doc comment and assertion message what the user would see:
//! `typing_is_not_lost_when_an_autosave_completes`,
//! `save_line_settles_after_a_quick_undo_and_redo`,
//! `selects_show_the_plan_after_undo_and_redo`,
//! `save_line_is_honest_while_another_tab_conflict_is_pending` and
//! `refused_assignment_is_not_announced_as_done`. The other journeys let a pending save
//! finish before typing (`wait_no_pending_save`), so that should the first of these come
//! back they still test what they are about.
#![cfg(not(target_arch = "wasm32"))]

#[path = "e2e/support.rs"]
mod support;

use engagement_planner::model::*;
use engagement_planner::storage::to_json;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use serde_json::{json, Value as Json};
use support::{
    el_arg, screenshot_dir, stored_workspace, wait_saved, Session, SAVED, WORKSPACE_KEY,
};

// The other storage keys of src/storage/browser.rs (compiled for wasm32 only, so
// repeated here; the workspace key is in the support module).
const REVISION_KEY: &str = "engagement-planner/revision";
const QUARANTINE_PREFIX: &str = "engagement-planner/quarantine/";

/// The seven views, in the order the navigation lists them.
const VIEWS: [&str; 8] = [
    "Portfolio",
    "Overview",
    "People",
    "Roles",
    "Governance",
    "Expectations",
    "Pricing",
    "Health",
];

/// The role and accessible-name code of the harness, for checks that list names.
const ARIA_JS: &str = include_str!("e2e/aria.js");

// ===== helpers ===========================================================================

/// A string as a JavaScript literal.
fn js_str(s: &str) -> String {
    serde_json::to_string(s).expect("a string serializes")
}

/// Waits until the view called `name` is shown: its `<h2>` heads `<main>` and its link in
/// the "Views" navigation is the current page.
async fn wait_view(s: &Session, name: &str) {
    let script = format!(
        "const h = document.querySelector('main h2');\
         const cur = document.querySelector('nav[aria-label=\"Views\"] a[aria-current=\"page\"]');\
         return !!h && h.textContent.trim() === {n} && !!cur && cur.textContent.trim() === {n};",
        n = js_str(name)
    );
    s.wait_for_js(&format!("the {name} view to be shown"), &script)
        .await;
}

/// Follows the link called `name` in the "Views" navigation and waits for the view.
async fn go(s: &Session, name: &str) {
    let nav = s.by_role("navigation", "Views").await;
    let link = s.by_role_in(&nav, "link", name).await;
    s.click(&link).await;
    wait_view(s, name).await;
}

/// The text of a `<select>`'s chosen option.
async fn selected_text(s: &Session, select: &Element) -> String {
    let v = s
        .exec_js(
            "const o = arguments[0].selectedOptions[0]; return o ? o.textContent.trim() : '';",
            vec![el_arg(select)],
        )
        .await;
    v.as_str().unwrap_or_default().to_string()
}

/// Chooses `option` in the select labelled `label`.
async fn choose(s: &Session, label: &str, option: &str) {
    let select = s.by_label(label).await;
    s.select_option(&select, option).await;
    s.wait_until(&format!("{label:?} to show {option:?}"), async || {
        selected_text(s, &select).await == option
    })
    .await;
}

/// Clicks the button called `name` once it is enabled.
async fn click_when_enabled(s: &Session, name: &str) {
    s.wait_until(&format!("button {name:?} to be enabled"), async || {
        let b = s.by_role("button", name).await;
        b.prop("disabled").await.ok().flatten().as_deref() == Some("false")
    })
    .await;
    s.click_role("button", name).await;
}

/// Waits until the stored workspace satisfies `check` and the save line says saved.
async fn wait_stored(s: &Session, what: &str, check: impl Fn(&Json) -> bool) {
    s.wait_until(&format!("storage to hold {what}"), async || {
        check(&stored_workspace(s).await)
    })
    .await;
    wait_saved(s).await;
}

/// Names of the people in a stored or exported workspace.
fn people_names(workspace: &Json) -> Vec<String> {
    let mut names: Vec<String> = workspace["people"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| p["name"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The engagement switcher's option texts, in order.
async fn engagement_options(s: &Session) -> Vec<String> {
    let v = s
        .exec_js(
            "const sel = document.querySelector('[data-testid=\"engagement-switcher\"]');\
             return sel ? Array.from(sel.options).map(o => o.textContent.trim()) : [];",
            vec![],
        )
        .await;
    serde_json::from_value(v).unwrap_or_default()
}

/// The names shown in the People table, in order.
async fn roster_on_screen(s: &Session) -> Vec<String> {
    let v = s
        .exec_js(
            "return Array.from(document.querySelectorAll('.people-table tbody th[scope=row] input'))\
               .map(i => i.value);",
            vec![],
        )
        .await;
    serde_json::from_value(v).unwrap_or_default()
}

/// Waits until no save is pending ("Saving…").
///
/// Typing into a field while a save was pending once lost what was typed when the save
/// completed (`typing_is_not_lost_when_an_autosave_completes` pins that), so the journeys
/// that are about something else let the save finish first.
async fn wait_no_pending_save(s: &Session) {
    s.wait_until("no save to be pending", async || {
        let el = s.by_testid("save-state").await;
        s.text_of(&el).await != "Saving…"
    })
    .await;
}

/// Adds a person on the People view through its "Add a person" form.
async fn add_person(s: &Session, name: &str, side: &str, group: &str, capacity: &str) {
    wait_no_pending_save(s).await;
    s.fill_label("Name", name).await;
    choose(s, "Side", side).await;
    choose(s, "Stakeholder group", group).await;
    s.fill_label("Capacity (hours/week)", capacity).await;
    s.click_role("button", "Add person").await;
    let row_name = s.by_label(&format!("Name of {name}")).await;
    assert_eq!(s.value_of(&row_name).await, name);
}

/// Assigns a person to a role on a function through the "Assign…" menu of their card on
/// the Roles board (the way to assign without dragging), and waits for the chip.
async fn assign(s: &Session, function: &str, role: &str, person: &str) {
    let menu = open_assign_menu(s, person).await;
    let item = s
        .by_role_in(&menu, "menuitem", &format!("{function}: {role}"))
        .await;
    s.click(&item).await;
    s.by_label(&format!("{person} hours on {function} ({role})"))
        .await;
}

/// Opens the "Assign…" menu of a person's card on the Roles board.
async fn open_assign_menu(s: &Session, person: &str) -> Element {
    let button = s
        .by_role("button", &format!("Assign {person}\u{2026}"))
        .await;
    s.exec_js(
        "arguments[0].scrollIntoView({block: 'center'});",
        vec![el_arg(&button)],
    )
    .await;
    s.click(&button).await;
    s.by_role("menu", &format!("Assign {person} to")).await
}

/// The visible text of the chip list for a function and role ("" when it has no chips).
async fn chips(s: &Session, function: &str, role: &str) -> String {
    let lists = s
        .all_by_role("list", Some(&format!("{function}: {role}")))
        .await;
    match lists.first() {
        Some(list) => s.text_of(list).await,
        None => String::new(),
    }
}

/// Presses a key with Control (and Shift) held, wherever the focus is.
async fn press_ctrl(s: &Session, key: char, shift: bool) {
    let ctrl: char = Key::Control.into();
    let shift_key: char = Key::Shift.into();
    let mut keys = KeyActions::new("keyboard".to_string()).then(KeyAction::Down { value: ctrl });
    if shift {
        keys = keys.then(KeyAction::Down { value: shift_key });
    }
    keys = keys
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    if shift {
        keys = keys.then(KeyAction::Up { value: shift_key });
    }
    keys = keys.then(KeyAction::Up { value: ctrl });
    s.client
        .perform_actions(keys)
        .await
        .unwrap_or_else(|e| panic!("key actions failed: {e}"));
    let _ = s.client.release_actions().await;
}

/// Moves the focus off any control, to the page body.
async fn focus_body(s: &Session) {
    s.exec_js(
        "if (document.activeElement) document.activeElement.blur(); document.body.focus();",
        vec![],
    )
    .await;
    s.wait_for_js(
        "the focus to be on the page body",
        "return document.activeElement === document.body || document.activeElement === null;",
    )
    .await;
}

/// Makes the app write any save it has pending, at once (it saves on `pagehide`).
async fn flush_pending_save(s: &Session) {
    s.exec_js("window.dispatchEvent(new Event('pagehide'));", vec![])
        .await;
}

/// The text of the error notice (waits for it).
async fn error_text(s: &Session) -> String {
    let el = s.by_testid("error").await;
    s.wait_until("the error notice to have text", async || {
        !s.text_of(&el).await.is_empty()
    })
    .await;
    s.text_of(&el).await
}

/// Dismisses the error notice and waits until it is gone.
async fn dismiss_error(s: &Session) {
    let notice = s.by_testid("error").await;
    let dismiss = s.by_role_in(&notice, "button", "Dismiss").await;
    s.click(&dismiss).await;
    s.wait_until("the error notice to go", async || {
        s.all_by_testid("error").await.is_empty()
    })
    .await;
}

/// Opens the app with `workspace` already saved in the browser, as if from an earlier visit.
async fn open_with(s: &Session, workspace: &Workspace) {
    s.goto_app().await;
    s.local_storage_set(
        WORKSPACE_KEY,
        &to_json(workspace, Some("2025-03-01T12:00:00.000Z")),
    )
    .await;
    s.reload().await;
    let first = workspace.engagements.first().map(|e| e.name.clone());
    if let Some(name) = first {
        s.wait_until("the saved engagement to be shown", async || {
            engagement_options(s).await.contains(&name)
        })
        .await;
    }
}

// ===== a populated plan, built with the model ===========================================

fn apply(w: &mut Workspace, action: Action) {
    let what = format!("{action:?}");
    w.apply(action)
        .unwrap_or_else(|e| panic!("building the sample plan: {what} was refused: {e}"));
}

fn function_id(w: &Workspace, e: usize, kind: FunctionKind) -> FunctionId {
    w.engagements[e]
        .function_of_kind(kind)
        .unwrap_or_else(|| panic!("engagement {e} has no {kind:?} function"))
        .id
}

/// A realistic small workspace: eight people, a contracted and an in-house engagement
/// with key people, assignments, governance, client needs, compliance owners and
/// sign-offs, so every view has rows and controls to check.
fn sample_workspace() -> Workspace {
    let mut w = Workspace::default();
    let people = [
        (
            "Avery Planner",
            Side::Provider,
            StakeholderGroup::ProjectManager,
            40,
        ),
        (
            "Jordan Counsel",
            Side::Provider,
            StakeholderGroup::Legal,
            16,
        ),
        (
            "Zoë Builder",
            Side::Provider,
            StakeholderGroup::Performer,
            32,
        ),
        ("Morgan Client", Side::Client, StakeholderGroup::Sponsor, 8),
        ("Riley Seller", Side::Provider, StakeholderGroup::Sales, 20),
        (
            "Casey Support",
            Side::Provider,
            StakeholderGroup::CustomerService,
            24,
        ),
        (
            "Quinn Ledger",
            Side::Provider,
            StakeholderGroup::Finance,
            12,
        ),
        (
            "Drew Buyer",
            Side::Client,
            StakeholderGroup::Procurement,
            10,
        ),
    ];
    for (name, side, group, capacity) in people {
        apply(
            &mut w,
            Action::AddPerson {
                name: name.to_string(),
                side,
                group,
                capacity: Hours::from_whole(capacity),
            },
        );
    }
    let p: Vec<PersonId> = w.people.iter().map(|p| p.id).collect();
    apply(
        &mut w,
        Action::CreateEngagement {
            name: "Harbour Retrofit".to_string(),
            template: Template::ContractedVendor,
        },
    );
    apply(
        &mut w,
        Action::CreateEngagement {
            name: "Intranet Refresh".to_string(),
            template: Template::InHouseProject,
        },
    );
    for (ei, client) in [(0usize, "Harbour Authority"), (1, "Communications")] {
        let e = w.engagements[ei].id;
        let edit = |w: &mut Workspace, edit: EngagementEdit| {
            apply(
                w,
                Action::EditEngagement {
                    engagement: e,
                    edit,
                },
            )
        };
        edit(&mut w, EngagementEdit::Client(client.to_string()));
        edit(
            &mut w,
            EngagementEdit::Provider("Example Works".to_string()),
        );
        edit(&mut w, EngagementEdit::Pm(Some(p[0])));
        edit(&mut w, EngagementEdit::Champion(Some(p[4])));
        edit(
            &mut w,
            EngagementEdit::ExpectedBudget(Some(Money(12_000_000))),
        );
        let assignments = [
            (FunctionKind::Legal, 1, Raci::Accountable, 4),
            (FunctionKind::Delivery, 2, Raci::Responsible, 20),
            (FunctionKind::Delivery, 0, Raci::Accountable, 4),
            (FunctionKind::SalesMarketing, 4, Raci::Accountable, 6),
            (FunctionKind::CustomerService, 5, Raci::Responsible, 8),
            (FunctionKind::AdministrationFinance, 6, Raci::Accountable, 3),
            (FunctionKind::Procurement, 7, Raci::Consulted, 0),
            (FunctionKind::EngagementManagement, 3, Raci::Informed, 0),
        ];
        for (kind, who, role, hours) in assignments {
            let function = function_id(&w, ei, kind);
            apply(
                &mut w,
                Action::Assign {
                    engagement: e,
                    person: p[who],
                    function,
                    role,
                    hours: Hours::from_whole(hours),
                },
            );
        }
        let decision = w.engagements[ei].decisions[1].id;
        apply(
            &mut w,
            Action::EditDecisionArea {
                engagement: e,
                decision,
                edit: DecisionEdit::Authority(Some(p[3])),
            },
        );
        let report = w.engagements[ei].reports[0].id;
        apply(
            &mut w,
            Action::EditReport {
                engagement: e,
                report,
                edit: ReportEdit::Owner(Some(p[0])),
            },
        );
        for title in ["Monthly usage report", "Single sign-on"] {
            apply(
                &mut w,
                Action::AddNeed {
                    engagement: e,
                    title: title.to_string(),
                },
            );
        }
        let need = w.engagements[ei].needs[0].id;
        for (aspect, coverage) in [
            (NeedAspect::Promised, Coverage::Fully),
            (NeedAspect::Bought, Coverage::Partly),
            (NeedAspect::Needed, Coverage::Fully),
        ] {
            apply(
                &mut w,
                Action::EditNeed {
                    engagement: e,
                    need,
                    edit: NeedEdit::Coverage(aspect, coverage),
                },
            );
        }
        let item = w.engagements[ei].compliance[0].id;
        apply(
            &mut w,
            Action::EditComplianceItem {
                engagement: e,
                item,
                edit: ComplianceEdit::Owner(Some(p[1])),
            },
        );
        apply(
            &mut w,
            Action::SignOff {
                engagement: e,
                party: SignOffParty::Delivery,
                person: p[2],
                date: "2025-03-01".to_string(),
            },
        );
    }
    w
}

// ===== 1. build a plan, reload, it is all there ==========================================

#[tokio::test]
async fn plan_built_in_the_ui_survives_a_reload() {
    let Some(s) = Session::start().await else {
        return;
    };
    s.goto_app().await;
    s.by_role("heading", "Start an engagement").await;

    // A contracted engagement from the "New engagement" form.
    support::open_file_menu(&s).await;
    s.click_role("button", "New engagement").await;
    s.by_role("form", "New engagement").await;
    s.fill_label("Name", "Harbour Retrofit").await;
    choose(&s, "Template", "Contracted vendor engagement").await;
    s.click_role("button", "Create").await;
    wait_view(&s, "Overview").await;
    s.wait_until("the switcher to show the new engagement", async || {
        let sel = s.by_label("Engagement").await;
        selected_text(&s, &sel).await == "Harbour Retrofit"
    })
    .await;
    let relationship = s.by_label("Relationship").await;
    assert_eq!(selected_text(&s, &relationship).await, "Contracted");

    // Three people on the roster.
    go(&s, "People").await;
    add_person(&s, "Avery Planner", "Provider", "Project manager", "40").await;
    add_person(&s, "Jordan Counsel", "Client", "Legal", "16").await;
    add_person(&s, "Zoë Builder", "Third party", "Performer", "32.5").await;
    let summary = s.by_testid("people-summary").await;
    assert_eq!(s.text_of(&summary).await, "3 people on the roster.");

    // Roles: an Accountable for Legal, a Responsible for Delivery with hours.
    go(&s, "Roles").await;
    assign(&s, "Legal", "Accountable", "Jordan Counsel").await;
    assign(&s, "Delivery", "Responsible", "Zoë Builder").await;
    let hours = s
        .by_label("Zoë Builder hours on Delivery (Responsible)")
        .await;
    wait_no_pending_save(&s).await;
    s.fill(&hours, "12").await;
    s.type_keys(&hours, "\u{e004}").await; // Tab commits the field
    wait_stored(&s, "12 hours for the Delivery assignment", |w| {
        w["engagements"][0]["assignments"]
            .as_array()
            .is_some_and(|a| {
                a.iter()
                    .any(|a| a["role"] == "responsible" && a["hours"] == 1200)
            })
    })
    .await;

    // The PM on Overview.
    go(&s, "Overview").await;
    choose(
        &s,
        "Project manager (PM)",
        "Avery Planner (Project manager)",
    )
    .await;
    wait_stored(&s, "the PM", |w| w["engagements"][0]["pm"].is_number()).await;
    s.assert_no_js_errors().await;

    // Reload: everything is on screen again.
    s.reload().await;
    wait_view(&s, "Overview").await;
    let sel = s.by_label("Engagement").await;
    assert_eq!(selected_text(&s, &sel).await, "Harbour Retrofit");
    let pm = s.by_label("Project manager (PM)").await;
    assert_eq!(
        selected_text(&s, &pm).await,
        "Avery Planner (Project manager)"
    );

    go(&s, "People").await;
    assert_eq!(
        roster_on_screen(&s).await,
        ["Avery Planner", "Jordan Counsel", "Zoë Builder"]
    );
    for (name, side, group, capacity) in [
        ("Avery Planner", "Provider", "Project manager", "40"),
        ("Jordan Counsel", "Client", "Legal", "16"),
        ("Zoë Builder", "Third party", "Performer", "32.5"),
    ] {
        let side_el = s.by_label(&format!("Side of {name}")).await;
        assert_eq!(selected_text(&s, &side_el).await, side, "side of {name}");
        let group_el = s.by_label(&format!("Stakeholder group of {name}")).await;
        assert_eq!(selected_text(&s, &group_el).await, group, "group of {name}");
        let cap = s
            .by_label(&format!("Capacity of {name} (hours/week)"))
            .await;
        assert_eq!(s.value_of(&cap).await, capacity, "capacity of {name}");
    }

    go(&s, "Roles").await;
    assert!(chips(&s, "Legal", "Accountable")
        .await
        .contains("Jordan Counsel"));
    assert!(chips(&s, "Delivery", "Responsible")
        .await
        .contains("Zoë Builder"));
    let hours = s
        .by_label("Zoë Builder hours on Delivery (Responsible)")
        .await;
    assert_eq!(s.value_of(&hours).await, "12");

    // Health lists findings, and "Fix in Roles: …" goes to the Roles view, to the row.
    go(&s, "Health").await;
    s.wait_until("Health to list findings", async || {
        !s.all_by_testid("finding").await.is_empty()
    })
    .await;
    let fix_names = s
        .exec_js(
            &format!(
                "{ARIA_JS}\nreturn Array.from(document.querySelectorAll('button'))\
                   .filter(isVisible).map(accName).filter(n => n.startsWith('Fix in Roles: '));"
            ),
            vec![],
        )
        .await;
    let fix_names: Vec<String> = serde_json::from_value(fix_names).unwrap_or_default();
    assert!(
        !fix_names.is_empty(),
        "Health shows no \"Fix in Roles: …\" link for a contracted engagement without \
         accountable owners for Procurement and Administration and finance"
    );
    // Procurement has no Accountable: a contracted engagement needs one.
    let name = fix_names
        .iter()
        .find(|n| n.starts_with("Fix in Roles: Procurement has no accountable owner"))
        .unwrap_or_else(|| panic!("no fix link for Procurement among {fix_names:?}"));
    let link = s
        .all_by_role("button", Some(name))
        .await
        .into_iter()
        .next()
        .expect("the fix link");
    s.click(&link).await;
    wait_view(&s, "Roles").await;
    // The address follows the view (WebKit's driver reports a new hash a moment later).
    s.wait_until("the address to name the Roles view", async || {
        s.current_url().await.contains("#/roles/")
    })
    .await;
    let focused = s
        .wait_for_js(
            "the fix link to focus the function's row",
            "const a = document.activeElement; return a && a.id && a.id.startsWith('function-') ? a.id : null;",
        )
        .await;
    let row_name = s
        .exec_js(
            "return document.getElementById(arguments[0]).querySelector('[data-testid^=function-name]').value;",
            vec![focused],
        )
        .await;
    assert_eq!(
        row_name,
        json!("Procurement"),
        "\"{name}\" focused the wrong row"
    );
    s.assert_no_js_errors().await;
}

// ===== 2. undo and redo ==================================================================

#[tokio::test]
async fn undo_redo_buttons_and_keyboard_shortcuts() {
    let Some(s) = Session::start().await else {
        return;
    };
    s.goto_app().await;
    s.click_role("button", "Start an in-house project").await;
    wait_view(&s, "Overview").await;
    go(&s, "People").await;
    add_person(&s, "Avery Planner", "Provider", "Project manager", "40").await;
    go(&s, "Roles").await;

    assign(&s, "Delivery", "Accountable", "Avery Planner").await;
    assign(&s, "Legal", "Responsible", "Avery Planner").await;

    // The Undo button removes the last assignment, Redo restores it.
    s.click_role("button", "Undo").await;
    s.wait_until("Undo to remove the Legal assignment", async || {
        chips(&s, "Legal", "Responsible").await.is_empty()
    })
    .await;
    assert!(chips(&s, "Delivery", "Accountable")
        .await
        .contains("Avery Planner"));
    wait_stored(&s, "no Legal assignment", |w| {
        w["engagements"][0]["assignments"].as_array().map(Vec::len) == Some(1)
    })
    .await;

    click_when_enabled(&s, "Redo").await;
    s.wait_until("Redo to restore the Legal assignment", async || {
        chips(&s, "Legal", "Responsible")
            .await
            .contains("Avery Planner")
    })
    .await;
    wait_stored(&s, "both assignments", |w| {
        w["engagements"][0]["assignments"].as_array().map(Vec::len) == Some(2)
    })
    .await;

    // Ctrl+Z inside a text field is the field's own undo and leaves the plan alone...
    let field = s.by_label("New function").await;
    s.click(&field).await;
    press_ctrl(&s, 'z', false).await;
    // ...and outside a text field it undoes one step of the plan.
    focus_body(&s).await;
    press_ctrl(&s, 'z', false).await;
    s.wait_until("Ctrl+Z to remove the Legal assignment", async || {
        chips(&s, "Legal", "Responsible").await.is_empty()
    })
    .await;
    wait_stored(&s, "one assignment", |w| {
        w["engagements"][0]["assignments"].as_array().map(Vec::len) == Some(1)
    })
    .await;
    assert!(
        chips(&s, "Delivery", "Accountable")
            .await
            .contains("Avery Planner"),
        "only one step may be undone: Ctrl+Z in the text field must not undo the plan"
    );
    let status = s.by_testid("status").await;
    s.wait_until("the status line to say Undone.", async || {
        s.text_of(&status).await == "Undone."
    })
    .await;

    // Ctrl+Y redoes, Ctrl+Shift+Z too.
    focus_body(&s).await;
    press_ctrl(&s, 'y', false).await;
    s.wait_until("Ctrl+Y to restore the Legal assignment", async || {
        chips(&s, "Legal", "Responsible")
            .await
            .contains("Avery Planner")
    })
    .await;
    focus_body(&s).await;
    press_ctrl(&s, 'z', false).await;
    s.wait_until("Ctrl+Z again", async || {
        chips(&s, "Legal", "Responsible").await.is_empty()
    })
    .await;
    focus_body(&s).await;
    press_ctrl(&s, 'z', true).await;
    s.wait_until("Ctrl+Shift+Z to redo", async || {
        chips(&s, "Legal", "Responsible")
            .await
            .contains("Avery Planner")
    })
    .await;
    wait_stored(&s, "both assignments again", |w| {
        w["engagements"][0]["assignments"].as_array().map(Vec::len) == Some(2)
    })
    .await;
    s.assert_no_js_errors().await;
}

/// Undo and redo in quick succession (a "peek" at the previous version) end where the
/// plan was saved, and the save line must settle back to saved rather than stay on
/// "Saving…".
#[tokio::test]
async fn save_line_settles_after_a_quick_undo_and_redo() {
    let Some(s) = Session::start().await else {
        return;
    };
    s.goto_app().await;
    s.click_role("button", "Start an in-house project").await;
    wait_stored(&s, "the new engagement", |w| {
        w["engagements"].as_array().map(Vec::len) == Some(1)
    })
    .await;
    choose(&s, "Stage", "Performance").await;
    wait_stored(&s, "the new stage", |w| {
        w["engagements"][0]["stage"] == "performance"
    })
    .await;

    // Ctrl+Z then Ctrl+Y, typed in one go.
    focus_body(&s).await;
    let ctrl: char = Key::Control.into();
    let keys = KeyActions::new("keyboard".to_string())
        .then(KeyAction::Down { value: ctrl })
        .then(KeyAction::Down { value: 'z' })
        .then(KeyAction::Up { value: 'z' })
        .then(KeyAction::Down { value: 'y' })
        .then(KeyAction::Up { value: 'y' })
        .then(KeyAction::Up { value: ctrl });
    s.client
        .perform_actions(keys)
        .await
        .unwrap_or_else(|e| panic!("key actions failed: {e}"));
    let _ = s.client.release_actions().await;
    s.wait_until("the status to say Redone.", async || {
        let el = s.by_testid("status").await;
        s.text_of(&el).await == "Redone."
    })
    .await;
    s.wait_for_text("Performance (current stage)").await;
    assert_eq!(
        stored_workspace(&s).await["engagements"][0]["stage"],
        "performance"
    );
    wait_saved(&s).await;
}

/// A select the user changed shows the plan's value again after Undo and Redo (the stage
/// stepper and the select must agree).
#[tokio::test]
async fn selects_show_the_plan_after_undo_and_redo() {
    let Some(s) = Session::start().await else {
        return;
    };
    s.goto_app().await;
    s.click_role("button", "Start an in-house project").await;
    wait_view(&s, "Overview").await;
    choose(&s, "Stage", "Performance").await;
    wait_stored(&s, "the new stage", |w| {
        w["engagements"][0]["stage"] == "performance"
    })
    .await;

    s.click_role("button", "Undo").await;
    s.wait_for_text("Sales (current stage)").await;
    wait_stored(&s, "the stage undone", |w| {
        w["engagements"][0]["stage"] == "sales"
    })
    .await;
    let stage = s.by_label("Stage").await;
    assert_eq!(selected_text(&s, &stage).await, "Sales", "after Undo");

    click_when_enabled(&s, "Redo").await;
    s.wait_for_text("Performance (current stage)").await;
    wait_stored(&s, "the stage redone", |w| {
        w["engagements"][0]["stage"] == "performance"
    })
    .await;
    let stage = s.by_label("Stage").await;
    assert_eq!(
        selected_text(&s, &stage).await,
        "Performance",
        "after Redo the Stage select disagrees with the plan (the stepper says Performance)"
    );
}

/// After "Add person" the focus is back in the Name field, ready for the next person. What
/// the user types there while the autosave of the previous change is still pending must
/// survive that save.
#[tokio::test]
async fn typing_is_not_lost_when_an_autosave_completes() {
    let Some(s) = Session::start().await else {
        return;
    };
    s.goto_app().await;
    s.click_role("button", "Start an in-house project").await;
    go(&s, "People").await;
    let mut tried = Vec::new();
    for (first, next) in [
        ("Avery Planner", "Jordan"),
        ("Zoë Builder", "Morgan"),
        ("Riley Seller", "Casey"),
        ("Sam Tester", "Kim"),
        ("Drew Analyst", "Lee"),
    ] {
        // The "Add a person" form, filled in; then Add, and the next name typed at once,
        // while the save of the addition is pending (as few WebDriver round trips as
        // possible in between: on a busy machine a slow engine needs each of them).
        wait_no_pending_save(&s).await;
        s.fill_label("Name", first).await;
        choose(&s, "Side", "Provider").await;
        choose(&s, "Stakeholder group", "Performer").await;
        s.fill_label("Capacity (hours/week)", "40").await;
        s.click_role("button", "Add person").await;
        // The focus is back in the (new) Name field: keep typing, as a user does. WebKit
        // moves the focus a frame after the click returns, and a key pressed before that
        // frame goes elsewhere (the journey once saw "ordan" for "Jordan"), so wait for it.
        s.wait_for_js(
            "the focus back in the Name field",
            "const a = document.activeElement;
             return a && a.labels && [...a.labels].some(l => l.textContent.trim() === 'Name') ? true : null;",
        )
        .await;
        let mut keys = KeyActions::new("keyboard".to_string());
        for c in next.chars() {
            keys = keys
                .then(KeyAction::Down { value: c })
                .then(KeyAction::Up { value: c });
        }
        s.client
            .perform_actions(keys)
            .await
            .unwrap_or_else(|e| panic!("typing failed: {e}"));
        let pending = s
            .exec_js(
                "return document.querySelector('[data-testid=\"save-state\"]').textContent.trim();",
                vec![],
            )
            .await
            == json!("Saving…");
        let row_name = s.by_label(&format!("Name of {first}")).await;
        assert_eq!(s.value_of(&row_name).await, first);
        wait_stored(&s, first, |w| people_names(w).contains(&first.to_string())).await;
        let field = s.by_label("Name").await;
        let value = s.value_of(&field).await;
        if pending {
            assert_eq!(
                value, next,
                "the autosave wiped what was typed into the Name field while it was pending"
            );
            return;
        }
        // The save finished before the typing did: try again.
        tried.push(value);
        s.fill(&field, "").await;
    }
    panic!("could not type while a save was pending (typing took over 300 ms): {tried:?}");
}

// ===== 3. one Accountable per function ===================================================

/// Sets up a contracted engagement whose Legal function has Jordan Counsel as Accountable,
/// then makes a second Accountable reach the model from a control that is out of date:
/// Undo, open Morgan Client's "Assign…" menu, and then, in one browser task, Redo (Jordan
/// is Accountable again) and "Legal: Accountable" in the menu that has not re-rendered
/// yet. Returns the stored workspace from before, when Jordan was saved
/// as Legal's Accountable.
async fn second_accountable_attempt(s: &Session) -> Json {
    s.goto_app().await;
    s.click_role("button", "Start a contracted vendor engagement")
        .await;
    wait_view(s, "Overview").await;
    go(s, "People").await;
    add_person(s, "Jordan Counsel", "Provider", "Legal", "16").await;
    add_person(s, "Morgan Client", "Client", "Sponsor", "8").await;
    go(s, "Roles").await;
    assign(s, "Legal", "Accountable", "Jordan Counsel").await;
    wait_stored(s, "Jordan as Legal's Accountable", |w| {
        w["engagements"][0]["assignments"].as_array().map(Vec::len) == Some(1)
    })
    .await;
    let before = stored_workspace(s).await;

    // The board asks before replacing an Accountable; a control left over from before the
    // plan changed under it still cannot make a second one: the model refuses it. Undo
    // (Legal has no Accountable), open Morgan Client's menu, and then, in one browser
    // task, Redo (Jordan is Accountable again) and choose "Legal: Accountable" in the
    // menu the board has not re-rendered yet.
    s.click_role("button", "Undo").await;
    wait_stored(s, "Legal without an Accountable", |w| {
        w["engagements"][0]["assignments"].as_array().map(Vec::len) == Some(0)
    })
    .await;
    let menu = open_assign_menu(s, "Morgan Client").await;
    let item = s.by_role_in(&menu, "menuitem", "Legal: Accountable").await;
    let redo = s.by_role("button", "Redo").await;
    // One task of the page's own (a timer): WebKit's driver runs the page's microtasks
    // between two clicks of the same executed script, which would let the board re-render
    // in between.
    s.exec_js(
        "const [redo, item] = arguments; setTimeout(() => { redo.click(); item.click(); }, 0);",
        vec![el_arg(&redo), el_arg(&item)],
    )
    .await;
    before
}

#[tokio::test]
async fn second_accountable_is_refused_naming_the_holder() {
    let Some(s) = Session::start().await else {
        return;
    };
    let before = second_accountable_attempt(&s).await;

    let message = error_text(&s).await;
    assert!(
        message.contains("Legal already has an Accountable person (Jordan Counsel)"),
        "the refusal should name the function and its current Accountable: {message:?}"
    );
    let alert = s.by_testid("error").await;
    assert_eq!(s.attr_of(&alert, "role").await.as_deref(), Some("alert"));

    // The plan is unchanged: Jordan alone is Legal's Accountable, on screen and stored.
    s.wait_until("the Legal chip to show Jordan Counsel", async || {
        chips(&s, "Legal", "Accountable")
            .await
            .contains("Jordan Counsel")
    })
    .await;
    assert!(!chips(&s, "Legal", "Accountable")
        .await
        .contains("Morgan Client"));
    s.wait_until("storage to hold the plan from before", async || {
        stored_workspace(&s).await == before
    })
    .await;
    wait_saved(&s).await;
    assert_eq!(stored_workspace(&s).await, before);
    s.assert_no_js_errors().await;
}

/// The status line must not announce an assignment the model refused.
#[tokio::test]
async fn refused_assignment_is_not_announced_as_done() {
    let Some(s) = Session::start().await else {
        return;
    };
    second_accountable_attempt(&s).await;
    error_text(&s).await;
    let status = s.by_testid("status").await;
    let said = s.text_of(&status).await;
    assert!(
        !said.contains("Assigned Morgan Client"),
        "the status line announces an assignment that was refused: {said:?} (alongside the \
         error {:?})",
        error_text(&s).await
    );
}

// ===== 4. export, then import ============================================================

#[tokio::test]
async fn export_then_import_restores_the_plan_and_adds_an_engagement() {
    let Some(s) = Session::start().await else {
        return;
    };
    let sample = sample_workspace();
    open_with(&s, &sample).await;
    let before = stored_workspace(&s).await;
    let names_before = engagement_options(&s).await;
    go(&s, "People").await;
    let roster_before = roster_on_screen(&s).await;
    assert_eq!(roster_before.len(), 8);

    support::open_file_menu(&s).await;
    s.click_role("button", "Export workspace").await;
    let file = s.wait_for_download().await;
    assert!(
        file.name.ends_with(".workspace.json"),
        "workspace export named {}",
        file.name
    );
    let exported = file.json();
    assert_eq!(exported["format"], "engagement-planner");
    assert_eq!(exported["kind"], "workspace");
    assert_eq!(
        exported["workspace"], before,
        "the export differs from the saved plan"
    );

    // A new browser profile, in effect: nothing saved.
    s.assert_no_js_errors().await;
    s.local_storage_clear().await;
    s.goto_app().await;
    s.by_role("heading", "Start an engagement").await;
    assert!(engagement_options(&s).await.is_empty());

    // Import the file and replace the (empty) workspace with it.
    s.set_file_input("[data-testid=\"import-file\"]", &file.path)
        .await;
    let offer = s.by_testid("import-offer").await;
    let offer_text = s.text_of(&offer).await;
    assert!(
        offer_text.contains("2 engagement(s)") && offer_text.contains("8 people"),
        "the import offer should say what the file holds: {offer_text:?}"
    );
    let replace = s
        .by_role_in(&offer, "button", "Replace the workspace")
        .await;
    s.click(&replace).await;
    wait_stored(&s, "the imported plan", |w| !w.is_null()).await;
    assert_eq!(
        stored_workspace(&s).await,
        before,
        "the imported plan differs"
    );
    assert!(s.all_by_testid("import-offer").await.is_empty());
    assert_eq!(engagement_options(&s).await, names_before);
    go(&s, "People").await;
    assert_eq!(roster_on_screen(&s).await, roster_before);
    go(&s, "Roles").await;
    assert!(chips(&s, "Legal", "Accountable")
        .await
        .contains("Jordan Counsel"));

    // One engagement out, and back in as a new one: its people are matched to the roster.
    go(&s, "Overview").await;
    support::open_file_menu(&s).await;
    s.click_role("button", "Export engagement").await;
    let one = s.wait_for_download().await;
    assert!(
        one.name.ends_with(".engagement.json"),
        "engagement export named {}",
        one.name
    );
    assert_eq!(one.json()["kind"], "engagement");
    assert_eq!(
        one.json()["workspace"]["engagements"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );

    s.set_file_input("[data-testid=\"import-file\"]", &one.path)
        .await;
    let offer = s.by_testid("import-offer").await;
    let add = s
        .by_role_in(&offer, "button", "Add as new engagement")
        .await;
    s.click(&add).await;
    wait_stored(&s, "three engagements", |w| {
        w["engagements"].as_array().map(Vec::len) == Some(3)
    })
    .await;
    let after = stored_workspace(&s).await;
    assert_eq!(
        people_names(&after),
        people_names(&before),
        "importing an engagement duplicated people instead of matching them"
    );
    let options = engagement_options(&s).await;
    assert_eq!(options.len(), 3, "switcher: {options:?}");
    assert_eq!(options[2], "Harbour Retrofit");
    let sel = s.by_label("Engagement").await;
    assert_eq!(
        s.value_of(&sel).await,
        after["engagements"][2]["id"].to_string(),
        "the imported engagement should be selected"
    );
    go(&s, "People").await;
    assert_eq!(roster_on_screen(&s).await, roster_before);
    let summary = s.by_testid("people-summary").await;
    assert!(s
        .text_of(&summary)
        .await
        .starts_with("8 people on the roster"));
    // The matched people carry the new engagement's hours too.
    let uses = s
        .exec_js(
            "const row = Array.from(document.querySelectorAll('.people-table tbody tr'))\
               .find(r => r.querySelector('th input')?.value === 'Jordan Counsel');\
             return row.querySelectorAll('.people-uses li').length;",
            vec![],
        )
        .await;
    assert_eq!(
        uses,
        json!(3),
        "Jordan Counsel should be named in three engagements"
    );
    s.assert_no_js_errors().await;
}

// ===== 5. a bad file changes nothing =====================================================

#[tokio::test]
async fn malformed_imports_are_refused_and_change_nothing() {
    let Some(s) = Session::start().await else {
        return;
    };
    let sample = sample_workspace();
    open_with(&s, &sample).await;
    let before_raw = s.local_storage_get(WORKSPACE_KEY).await;
    let options_before = engagement_options(&s).await;
    let text_before = s.page_text().await;

    let good: Json = serde_json::from_str(&to_json(&sample, None)).expect("sample JSON");
    let mut newer = good.clone();
    newer["version"] = json!(99);
    let mut dangling = good.clone();
    dangling["workspace"]["engagements"][0]["assignments"][0]["person"] = json!(4000);
    let mut two_accountables = good.clone();
    let mut second = good["workspace"]["engagements"][0]["assignments"][0].clone();
    second["person"] = good["workspace"]["people"][3]["id"].clone();
    two_accountables["workspace"]["engagements"][0]["assignments"]
        .as_array_mut()
        .expect("assignments")
        .push(second);

    let cases: Vec<(&str, String, &str)> = vec![
        (
            "notes.json",
            "Agenda: kick-off {not json".to_string(),
            "it is not valid JSON",
        ),
        (
            "geo.json",
            json!({"type": "FeatureCollection", "features": []}).to_string(),
            "This is not an Engagement Planner file",
        ),
        (
            "future.json",
            newer.to_string(),
            "saved by a newer version (v99) of Engagement Planner",
        ),
        (
            "dangling.json",
            dangling.to_string(),
            "is person 4000, who is not on the roster",
        ),
        (
            "two-accountables.json",
            two_accountables.to_string(),
            "is a second Accountable on the function",
        ),
    ];
    for (name, contents, expected) in cases {
        let path = s.write_upload(name, contents);
        s.set_file_input("[data-testid=\"import-file\"]", &path)
            .await;
        let message = error_text(&s).await;
        assert!(
            message.contains(&format!(
                "“{name}” was not imported, and your plan is unchanged."
            )) && message.contains(expected),
            "importing {name}: expected the error to say {expected:?}, it says {message:?}"
        );
        assert!(
            s.all_by_testid("import-offer").await.is_empty(),
            "{name} was offered for import"
        );
        assert_eq!(
            s.local_storage_get(WORKSPACE_KEY).await,
            before_raw,
            "importing {name} changed the saved plan"
        );
        assert_eq!(engagement_options(&s).await, options_before);
        dismiss_error(&s).await;
        assert_eq!(
            s.page_text().await,
            text_before,
            "importing {name} changed the page"
        );
    }
    flush_pending_save(&s).await;
    assert_eq!(s.local_storage_get(WORKSPACE_KEY).await, before_raw);
    s.assert_no_js_errors().await;
}

// ===== 6. storage full ===================================================================

/// Fills localStorage to its quota with filler keys; returns how many characters it took.
async fn fill_storage(s: &Session) -> Json {
    s.exec_js(
        "let chunk = 'x'.repeat(1 << 20), i = 0, chars = 0, refusals = 0;\
         while (chunk.length >= 1) {\
           try { localStorage.setItem('e2e-filler/' + i, chunk); i += 1; chars += chunk.length; }\
           catch (e) {\
             if (!(e instanceof DOMException) || (e.name !== 'QuotaExceededError' && e.code !== 22)) throw e;\
             refusals += 1; chunk = chunk.slice(0, Math.floor(chunk.length / 2));\
           }\
         }\
         return { keys: i, chars, refusals };",
        vec![],
    )
    .await
}

#[tokio::test]
async fn full_storage_is_reported_and_nothing_is_lost() {
    let Some(s) = Session::start().await else {
        return;
    };
    open_with(&s, &sample_workspace()).await;
    go(&s, "People").await;

    let filled = fill_storage(&s).await;
    assert!(
        filled["refusals"].as_u64().unwrap_or(0) > 0,
        "the browser never refused a write: {filled}"
    );

    add_person(&s, "Sky Overflow", "Client", "Regulator", "2").await;
    let notice = s.by_testid("save-failed").await;
    assert_eq!(s.attr_of(&notice, "role").await.as_deref(), Some("alert"));
    let notice_text = s.text_of(&notice).await;
    assert!(
        notice_text.contains("storage is full"),
        "the notice should say why: {notice_text:?}"
    );
    let save_line = s.by_testid("save-state").await;
    assert_eq!(s.text_of(&save_line).await, "Not saved");
    assert!(!people_names(&stored_workspace(&s).await).contains(&"Sky Overflow".to_string()));
    // Nothing is lost on screen.
    assert!(roster_on_screen(&s)
        .await
        .contains(&"Sky Overflow".to_string()));

    let download = s.by_role_in(&notice, "button", "Download plan").await;
    s.click(&download).await;
    let file = s.wait_for_download().await;
    let doc = file.json();
    assert_eq!(doc["format"], "engagement-planner");
    assert!(
        people_names(&doc["workspace"]).contains(&"Sky Overflow".to_string()),
        "the downloaded plan lacks the latest change"
    );

    // Free the space and try again.
    s.exec_js(
        "Object.keys(localStorage).filter(k => k.startsWith('e2e-filler/'))\
           .forEach(k => localStorage.removeItem(k));",
        vec![],
    )
    .await;
    s.click_role("button", "Try saving again").await;
    wait_saved(&s).await;
    assert!(s.all_by_testid("save-failed").await.is_empty());
    assert!(people_names(&stored_workspace(&s).await).contains(&"Sky Overflow".to_string()));
    s.assert_no_js_errors().await;

    s.reload().await;
    go(&s, "People").await;
    assert!(roster_on_screen(&s)
        .await
        .contains(&"Sky Overflow".to_string()));
    s.assert_no_js_errors().await;
}

// ===== 7. an unreadable saved plan =======================================================

#[tokio::test]
async fn unreadable_saved_plan_is_kept_aside_and_offered() {
    let Some(s) = Session::start().await else {
        return;
    };
    // A plan cut off in the middle, as an interrupted write or a bad edit would leave it.
    let raw = "{\n  \"format\": \"engagement-planner\",\n  \"version\": 1,\n  \"kind\": \"workspace\",\n  \
               \"workspace\": {\n    \"people\": [\n      { \"id\": 0, \"name\": \"Avery Pl";
    s.goto_app().await;
    s.local_storage_set(WORKSPACE_KEY, raw).await;
    s.local_storage_set(REVISION_KEY, "older-tab:7").await;
    s.reload().await;

    let notice = s.by_testid("quarantine").await;
    assert_eq!(s.attr_of(&notice, "role").await.as_deref(), Some("alert"));
    let text = s.text_of(&notice).await;
    assert!(
        text.contains("could not be read") && text.contains("not valid JSON"),
        "the notice should say the plan was unreadable and why: {text:?}"
    );
    s.by_role("heading", "Start an engagement").await;

    let quarantined: Vec<String> = s
        .local_storage_keys()
        .await
        .into_iter()
        .filter(|k| k.starts_with(QUARANTINE_PREFIX))
        .collect();
    assert_eq!(quarantined.len(), 1, "quarantine keys: {quarantined:?}");
    assert!(
        text.contains(&quarantined[0]),
        "the notice should name the key: {text:?}"
    );
    assert_eq!(
        s.local_storage_get(&quarantined[0]).await.as_deref(),
        Some(raw)
    );
    // Start-up does not overwrite the main key, even if it flushes.
    flush_pending_save(&s).await;
    assert_eq!(
        s.local_storage_get(WORKSPACE_KEY).await.as_deref(),
        Some(raw)
    );

    let download = s
        .by_role_in(&notice, "button", "Download the unreadable plan")
        .await;
    s.click(&download).await;
    let file = s.wait_for_download().await;
    assert_eq!(file.name, "unreadable-plan.json");
    assert_eq!(file.bytes, raw.as_bytes(), "the download is not verbatim");

    // Reloading does not pile up copies.
    s.reload().await;
    s.by_testid("quarantine").await;
    let keys: Vec<String> = s
        .local_storage_keys()
        .await
        .into_iter()
        .filter(|k| k.starts_with(QUARANTINE_PREFIX))
        .collect();
    assert_eq!(keys, quarantined);

    // Once the user starts over, the new plan is saved and the old one stays aside.
    s.click_role("button", "Start an in-house project").await;
    wait_stored(&s, "the new engagement", |w| {
        w["engagements"].as_array().map(Vec::len) == Some(1)
    })
    .await;
    assert_eq!(
        s.local_storage_get(&quarantined[0]).await.as_deref(),
        Some(raw)
    );
    s.assert_no_js_errors().await;
}

// ===== 8. two tabs =======================================================================

/// Opens a second tab on the app, adds a person there and waits for that tab's save; then
/// switches back to the first tab.
async fn save_from_a_second_tab(s: &Session, person: &str) {
    let first = s.client.window().await.expect("window handle");
    let second = s.client.new_window(true).await.expect("a new tab");
    s.client
        .switch_to_window(second.handle.clone())
        .await
        .expect("switch to the new tab");
    s.goto_app().await;
    go(s, "People").await;
    add_person(s, person, "Client", "Sponsor", "4").await;
    wait_stored(s, "the second tab's person", |w| {
        people_names(w).contains(&person.to_string())
    })
    .await;
    s.assert_no_js_errors().await;
    s.client
        .switch_to_window(first)
        .await
        .expect("switch back to the first tab");
}

#[tokio::test]
async fn another_tab_save_is_not_overwritten() {
    let Some(s) = Session::start().await else {
        return;
    };
    open_with(&s, &sample_workspace()).await;
    go(&s, "People").await;

    save_from_a_second_tab(&s, "Other Tab Person").await;
    let theirs = stored_workspace(&s).await;

    let notice = s.by_testid("conflict").await;
    assert_eq!(s.attr_of(&notice, "role").await.as_deref(), Some("alert"));
    assert!(s.text_of(&notice).await.contains("changed in another tab"));

    // A change here is kept on screen but not written over the other tab's save.
    add_person(&s, "This Tab Person", "Provider", "Performer", "10").await;
    flush_pending_save(&s).await;
    assert_eq!(
        stored_workspace(&s).await,
        theirs,
        "this tab overwrote the other tab's save"
    );

    // Load the other version: it replaces this tab's, and Undo brings this tab's back.
    let load = s
        .by_role_in(&notice, "button", "Load the other version")
        .await;
    s.click(&load).await;
    s.wait_until("the other tab's version to be shown", async || {
        let roster = roster_on_screen(&s).await;
        roster.contains(&"Other Tab Person".to_string())
            && !roster.contains(&"This Tab Person".to_string())
    })
    .await;
    assert!(s.all_by_testid("conflict").await.is_empty());
    s.click_role("button", "Undo").await;
    s.wait_until("Undo to bring this tab's version back", async || {
        let roster = roster_on_screen(&s).await;
        !roster.contains(&"Other Tab Person".to_string())
            && roster.contains(&"This Tab Person".to_string())
    })
    .await;
    // This tab's version is now the one saved (the user chose it).
    wait_stored(&s, "this tab's version", |w| {
        people_names(w).contains(&"This Tab Person".to_string())
    })
    .await;
    s.assert_no_js_errors().await;
}

/// While saving is paused for another tab's version, the save line must not claim that
/// this tab's changes are saved.
#[tokio::test]
async fn save_line_is_honest_while_another_tab_conflict_is_pending() {
    let Some(s) = Session::start().await else {
        return;
    };
    open_with(&s, &sample_workspace()).await;
    go(&s, "People").await;
    save_from_a_second_tab(&s, "Other Tab Person").await;
    s.by_testid("conflict").await;
    add_person(&s, "This Tab Person", "Provider", "Performer", "10").await;
    flush_pending_save(&s).await;
    assert!(!people_names(&stored_workspace(&s).await).contains(&"This Tab Person".to_string()));
    let line = s.by_testid("save-state").await;
    let said = s.text_of(&line).await;
    assert_ne!(
        said, SAVED,
        "the save line says everything is saved, but \"This Tab Person\" is not in storage"
    );
}

// ===== 9. navigation and accessible names ================================================

#[tokio::test]
async fn views_are_reachable_and_every_control_has_a_name() {
    let Some(s) = Session::start().await else {
        return;
    };
    // The welcome screen first.
    s.goto_app().await;
    let mut offenders = unnamed_controls(&s).await;
    offenders
        .iter_mut()
        .for_each(|o| *o = format!("welcome: {o}"));

    open_with(&s, &sample_workspace()).await;
    let nav = s.by_role("navigation", "Views").await;
    let links = s
        .exec_js(
            &format!(
                "{ARIA_JS}\nreturn Array.from(arguments[0].querySelectorAll('a[href]')).map(accName);"
            ),
            vec![el_arg(&nav)],
        )
        .await;
    assert_eq!(links, json!(VIEWS), "the navigation's link names");

    for view in VIEWS {
        go(&s, view).await;
        // Open every "More groups" so controls behind it are checked too.
        s.exec_js(
            "document.querySelectorAll('main details').forEach(d => d.open = true);",
            vec![],
        )
        .await;
        for o in unnamed_controls(&s).await {
            offenders.push(format!("{view}: {o}"));
        }
    }
    assert!(
        offenders.is_empty(),
        "controls without an accessible name:\n  {}",
        offenders.join("\n  ")
    );
    s.assert_no_js_errors().await;
}

/// Every visible button, link, input, select and textarea without an accessible name, as a
/// snippet of its HTML.
async fn unnamed_controls(s: &Session) -> Vec<String> {
    let v = s
        .exec_js(
            &format!(
                "{ARIA_JS}\n\
                 const sel = 'button, a[href], input:not([type=hidden]), select, textarea, \
                   [role=button], [role=link], [role=checkbox], [role=combobox], [role=textbox], \
                   [role=switch], [role=tab], [role=menuitem]';\
                 return Array.from(document.querySelectorAll(sel))\
                   .filter(el => isVisible(el) || el.matches('[data-testid=\"import-file\"]'))\
                   .filter(el => !accName(el))\
                   .map(el => el.outerHTML.slice(0, 200));"
            ),
            vec![],
        )
        .await;
    serde_json::from_value(v).unwrap_or_default()
}

// ===== 10. layout ========================================================================

/// Resizes the window so the page's viewport is exactly `width`×`height`.
async fn set_viewport(s: &Session, width: u32, height: u32) {
    s.client
        .set_window_size(width, height)
        .await
        .unwrap_or_else(|e| panic!("cannot resize the window: {e}"));
    let inner = s
        .exec_js("return [window.innerWidth, window.innerHeight];", vec![])
        .await;
    let (iw, ih) = (
        inner[0].as_u64().unwrap_or(0) as u32,
        inner[1].as_u64().unwrap_or(0) as u32,
    );
    if (iw, ih) != (width, height) {
        s.client
            .set_window_size(
                width + (width - iw.min(width)),
                height + (height - ih.min(height)),
            )
            .await
            .unwrap_or_else(|e| panic!("cannot resize the window: {e}"));
    }
    s.wait_for_js(
        &format!("a {width}x{height} viewport"),
        &format!("return window.innerWidth === {width} && window.innerHeight === {height};"),
    )
    .await;
}

#[tokio::test]
async fn layout_fits_1024_by_768_and_screenshots() {
    let Some(s) = Session::start().await else {
        return;
    };
    open_with(&s, &sample_workspace()).await;
    let dir = screenshot_dir();
    let mut overflows = Vec::new();
    let mut saved = Vec::new();
    for (w, h) in [(1024u32, 768u32), (1280, 900)] {
        set_viewport(&s, w, h).await;
        for view in VIEWS {
            go(&s, view).await;
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
                       .slice(0, 5)\
                       .map(el => el.localName + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' right=' + Math.round(el.getBoundingClientRect().right));\
                     return { scroll: document.documentElement.scrollWidth, inner: iw, wide };",
                    vec![],
                )
                .await;
            let scroll = m["scroll"].as_u64().unwrap_or(0);
            let inner = m["inner"].as_u64().unwrap_or(0);
            if scroll > inner + 2 {
                overflows.push(format!(
                    "{view} at {w}x{h}: page is {scroll}px wide in a {inner}px viewport; widest: {}",
                    m["wide"]
                ));
            }
            let path = dir.join(format!("{}-{w}x{h}.png", view.to_lowercase()));
            s.screenshot(&path).await;
            saved.push(path.display().to_string());
            // The whole page too, for reviewing what is below the fold (not in WebKit,
            // whose driver captures only the viewport).
            match s.full_page_screenshot().await {
                Some(png) => {
                    let path = dir.join(format!("{}-{w}x{h}-full.png", view.to_lowercase()));
                    std::fs::write(&path, png)
                        .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
                    saved.push(path.display().to_string());
                }
                None => s.note_path(
                    "viewport screenshots only: WebKitGTK's WebDriver has no full-page screenshot",
                ),
            }
        }
    }
    eprintln!("screenshots:\n  {}", saved.join("\n  "));
    assert!(
        overflows.is_empty(),
        "horizontal overflow of the page:\n  {}",
        overflows.join("\n  ")
    );
    s.assert_no_js_errors().await;
}
