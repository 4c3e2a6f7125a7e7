//! End-to-end journeys of comparing a plan that came back by email, through the release
//! build: the plan exported in one browser, imported and edited in another (a fresh
//! profile) and exported again, then chosen in the first with File ▸ Compare with a
//! file…. The returned file carries the copy sent, so each change says who made it: B's
//! change taken, undone with Ctrl+Z, then all of B's changes taken with A's own edits
//! kept, and a change both made (Priya's hours) shown side by side and settled by A's
//! choice. Hostile files to compare are refused with the plan intact. Screenshots of the comparison at 1024×768 in both themes go to
//! `target/screenshots/<engine>/compare-*.png`.
//!
//! ```text
//! trunk build --release
//! EP_E2E=1 EP_BROWSER=chromium EP_DIST=$PWD/dist cargo test --release --test e2e_compare
//! ```
#![cfg(not(target_arch = "wasm32"))]

#[path = "e2e/support.rs"]
mod support;

#[path = "plans/mod.rs"]
mod plans;

use engagement_planner::model::*;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use plans::*;
use serde_json::{json, Value as Json};
use support::{
    screenshot_dir, set_projector, stored_workspace, theme_name, wait_saved, Download, Session,
    WORKSPACE_KEY,
};

/// What B changes, in the words the comparison uses.
const SAM_CAPACITY: &str = "Sam Whitfield: capacity changed from 40 to 32 hours a week";
/// Priya's hours as A sees them once A changed them too (4 → 8): changed on both sides.
const PRIYA_BOTH: &str = "Delivery: Priya Raman's hours as Responsible changed from 8 to 12 a week";
/// What A writes meanwhile (account notes are not part of what is compared).
const A_NOTES: &str = "Renewal talk planned for May.";
const NOTES_LABEL: &str = "Account notes (internal: never in a copy for the client)";

// ===== helpers ===========================================================================

/// The example plan, with its client recorded (so it has an account with notes).
fn example_with_client() -> Workspace {
    let (mut w, e) = example_plan();
    edit(
        &mut w,
        e,
        EngagementEdit::Client("Northwind Traders".into()),
    );
    w
}

/// Waits until the view called `name` is shown.
async fn wait_view(s: &Session, name: &str) {
    let n = serde_json::to_string(name).expect("a string serializes");
    let script = format!(
        "const h = document.querySelector('main h2');\
         const cur = document.querySelector('nav[aria-label=\"Views\"] a[aria-current=\"page\"]');\
         return !!h && h.textContent.trim() === {n} && !!cur && cur.textContent.trim() === {n};"
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

/// Waits until the stored workspace satisfies `check` and the save line says saved.
async fn wait_stored(s: &Session, what: &str, check: impl Fn(&Json) -> bool) {
    s.wait_until(&format!("storage to hold {what}"), async || {
        check(&stored_workspace(s).await)
    })
    .await;
    wait_saved(s).await;
}

/// Waits until no save is pending ("Saving…"), before typing into a field.
async fn wait_no_pending_save(s: &Session) {
    s.wait_until("no save to be pending", async || {
        let el = s.by_testid("save-state").await;
        s.text_of(&el).await != "Saving…"
    })
    .await;
}

/// Types `value` into the field labelled `label` and commits it with Tab.
async fn commit_field(s: &Session, label: &str, value: &str) {
    wait_no_pending_save(s).await;
    let field = s.by_label(label).await;
    // Clear of the sticky headers of the tables.
    s.exec_js(
        "arguments[0].scrollIntoView({ block: 'center' });",
        vec![support::el_arg(&field)],
    )
    .await;
    s.fill(&field, value).await;
    s.type_keys(&field, "\u{e004}").await;
}

/// The value of the field labelled `label`.
async fn field_value(s: &Session, label: &str) -> String {
    let field = s.by_label(label).await;
    s.value_of(&field).await
}

/// Waits until the field labelled `label` shows `value`.
async fn wait_field(s: &Session, label: &str, value: &str) {
    s.wait_until(&format!("{label:?} to show {value:?}"), async || {
        field_value(s, label).await == value
    })
    .await;
}

/// A person's id in a stored workspace.
fn person_id(w: &Json, name: &str) -> Json {
    w["people"]
        .as_array()
        .and_then(|people| people.iter().find(|p| p["name"] == name))
        .map(|p| p["id"].clone())
        .unwrap_or_else(|| panic!("{name} is not on the stored roster"))
}

/// A person's capacity in a stored workspace (hundredths of an hour).
fn capacity(w: &Json, name: &str) -> Json {
    w["people"]
        .as_array()
        .and_then(|people| people.iter().find(|p| p["name"] == name))
        .map(|p| p["capacity"].clone())
        .unwrap_or(Json::Null)
}

/// The hours (hundredths) of a person's Responsible assignments in the first engagement.
fn responsible_hours(w: &Json, name: &str) -> Vec<Json> {
    let id = person_id(w, name);
    w["engagements"][0]["assignments"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|a| a["person"] == id && a["role"] == "responsible")
                .map(|a| a["hours"].clone())
                .collect()
        })
        .unwrap_or_default()
}

/// The notes of the stored workspace's first account.
fn account_notes(w: &Json) -> Json {
    w["accounts"][0]["notes"].clone()
}

/// Presses Ctrl with a key, wherever the focus is.
async fn press_ctrl(s: &Session, key: char) {
    let ctrl: char = Key::Control.into();
    let keys = KeyActions::new("keyboard".to_string())
        .then(KeyAction::Down { value: ctrl })
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key })
        .then(KeyAction::Up { value: ctrl });
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

/// File ▸ Export workspace, and the file it downloads.
async fn export_workspace(s: &Session) -> Download {
    support::open_file_menu(s).await;
    s.click_role("button", "Export workspace").await;
    s.wait_for_download().await
}

/// File ▸ Compare with a file…, then `path` chosen in the file chooser it opens.
async fn compare_with(s: &Session, path: &std::path::Path) {
    support::open_file_menu(s).await;
    s.click_role("button", "Compare with a file…").await;
    s.set_file_input("[data-testid=\"compare-file\"]", path)
        .await;
}

/// The sentences of the changes listed on the comparison page (a checkbox's label, or
/// the name of a change made on both sides).
async fn listed_changes(s: &Session) -> Vec<String> {
    let v = s
        .exec_js(
            "return Array.from(document.querySelectorAll('[data-testid=\"compare\"] .compare-change > label, [data-testid=\"compare\"] .compare-conflict .compare-text'))\
               .map(l => l.textContent.trim());",
            vec![],
        )
        .await;
    serde_json::from_value(v).unwrap_or_default()
}

/// Waits until the comparison lists exactly `expected` (in any order).
async fn wait_listed(s: &Session, expected: &[&str]) {
    let mut want: Vec<String> = expected.iter().map(|t| t.to_string()).collect();
    want.sort();
    s.wait_until(&format!("the comparison to list {want:?}"), async || {
        let mut got = listed_changes(s).await;
        got.sort();
        got == want
    })
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

// ===== 1. sent, edited elsewhere, returned, compared and taken ============================

#[tokio::test]
async fn a_plan_sent_edited_and_returned_is_compared_and_taken() {
    let Some(a) = Session::start().await else {
        return;
    };
    let plan = example_with_client();
    support::open_on(&a, &plan).await;
    let sent = export_workspace(&a).await;
    assert_eq!(sent.json()["kind"], "workspace");
    let base = stored_workspace(&a).await;
    assert_eq!(sent.json()["workspace"], base);

    // B: another browser, nothing saved; the file imported as the plan and edited.
    let Some(b) = Session::start().await else {
        return;
    };
    b.goto_app().await;
    b.by_role("heading", "Start an engagement").await;
    b.set_file_input("[data-testid=\"import-file\"]", &sent.path)
        .await;
    let offer = b.by_testid("import-offer").await;
    let replace = b
        .by_role_in(&offer, "button", "Replace the workspace")
        .await;
    b.click(&replace).await;
    wait_stored(&b, "the plan sent", |w| *w == base).await;
    go(&b, "People").await;
    commit_field(&b, "Capacity of Sam Whitfield (hours/week)", "32").await;
    wait_stored(&b, "Sam's new capacity", |w| {
        capacity(w, "Sam Whitfield") == json!(3200)
    })
    .await;
    go(&b, "Roles").await;
    commit_field(&b, "Priya Raman hours on Delivery (Responsible)", "12").await;
    wait_stored(&b, "Priya's new hours", |w| {
        responsible_hours(w, "Priya Raman") == vec![json!(1200)]
    })
    .await;
    let returned = export_workspace(&b).await;
    assert_eq!(returned.json()["workspace"], stored_workspace(&b).await);
    // Each copy sent has its own revision; B's carries the copy it was based on.
    let revision = &sent.json()["revision"];
    assert!(
        revision.as_str().is_some_and(|r| !r.is_empty()),
        "{revision}"
    );
    assert_ne!(&returned.json()["revision"], revision);
    assert_eq!(&returned.json()["base"]["revision"], revision);
    assert_eq!(returned.json()["base"]["workspace"], base);
    b.assert_no_js_errors().await;
    // The file travels back by email: B's browser is gone, its file is in A's.
    drop(b);
    let returned_path = a.write_upload(&returned.name, &returned.bytes);

    // A, meanwhile: a note on the client's account (not something compared).
    go(&a, "Overview").await;
    commit_field(&a, NOTES_LABEL, A_NOTES).await;
    wait_stored(&a, "A's account note", |w| {
        account_notes(w) == json!(A_NOTES)
    })
    .await;
    // And Priya's hours, which B changed too.
    go(&a, "Roles").await;
    commit_field(&a, "Priya Raman hours on Delivery (Responsible)", "8").await;
    wait_stored(&a, "A's hours for Priya", |w| {
        responsible_hours(w, "Priya Raman") == vec![json!(800)]
    })
    .await;

    // The file that came back, compared.
    compare_with(&a, &returned_path).await;
    let page = a.by_testid("compare").await;
    a.by_role(
        "heading",
        &format!(
            "“Website relaunch for Northwind Traders” compared with “{}”",
            returned.name
        ),
    )
    .await;
    a.wait_until("the comparison's heading to have the focus", async || {
        a.exec_js(
            "return document.activeElement && document.activeElement.id === 'compare-title';",
            vec![],
        )
        .await
            == json!(true)
    })
    .await;
    let words = a.text_of(&page).await;
    assert!(
        words.contains(Matching::Identity.explained()),
        "the file came from this plan: {words}"
    );
    let base_line = a.by_testid("compare-base").await;
    assert!(
        a.text_of(&base_line)
            .await
            .contains("This file carries the copy sent from here"),
        "{words}"
    );
    let summary = a.by_testid("compare-summary").await;
    assert_eq!(
        a.text_of(&summary).await,
        "2 differences between your “Website relaunch for Northwind Traders” and “Website relaunch for Northwind Traders” in the file."
    );
    wait_listed(&a, &[SAM_CAPACITY, PRIYA_BOTH]).await;
    // Grouped under headings: B's change a checkbox named by its sentence with its
    // values; the change of both sides the value sent, A's and B's side by side, with
    // A's kept until A chooses.
    a.by_role("heading", "People (1)").await;
    a.by_role("heading", "Roles (1)").await;
    a.by_role("checkbox", SAM_CAPACITY).await;
    assert!(words.contains("40 → 32"), "{words}");
    assert!(words.contains("Changed in the file"), "{words}");
    let both = a.by_role("radiogroup", PRIYA_BOTH).await;
    assert!(
        a.text_of(&both).await.contains("Changed on both sides"),
        "{words}"
    );
    let sides = a
        .exec_js(
            "return Array.from(arguments[0].querySelectorAll('.compare-sides > div'))\
               .map(d => d.querySelector('dt').textContent + ': ' + d.querySelector('dd').textContent);",
            vec![support::el_arg(&both)],
        )
        .await;
    assert_eq!(sides, json!(["Sent: 4", "Here: 8", "In the file: 12"]));
    let keep = a.by_role_in(&both, "radio", "Keep mine").await;
    assert!(keep
        .is_selected()
        .await
        .expect("a radio button can be read"));
    assert!(
        !words.contains(A_NOTES),
        "A's note is no change of the file: {words}"
    );

    // Screenshots of the comparison at 1024×768 in both themes.
    a.set_viewport(1024, 768).await;
    for projector in [false, true] {
        set_projector(&a, projector).await;
        let path = screenshot_dir().join(format!("compare-{}.png", theme_name(projector)));
        let page = a.by_testid("compare").await;
        support::screenshot_at(&a, &page, &path).await;
        // And the change of both sides, side by side.
        let path = screenshot_dir().join(format!("compare-both-{}.png", theme_name(projector)));
        let both = a.by_role("radiogroup", PRIYA_BOTH).await;
        support::screenshot_at(&a, &both, &path).await;
    }
    set_projector(&a, false).await;

    // One change taken.
    let take_selected = a.by_role("button", "Take selected changes").await;
    assert_eq!(
        a.attr_of(&take_selected, "disabled").await.as_deref(),
        Some("true"),
        "nothing is chosen yet"
    );
    a.click_role("checkbox", SAM_CAPACITY).await;
    a.wait_until("Take selected changes to be enabled", async || {
        a.attr_of(&take_selected, "disabled").await.is_none()
    })
    .await;
    a.click(&take_selected).await;
    let outcome = a.by_testid("compare-outcome").await;
    let outcome_text = a.text_of(&outcome).await;
    assert!(
        outcome_text.contains(&format!("Taken: {SAM_CAPACITY} (40 → 32)")),
        "{outcome_text}"
    );
    wait_listed(&a, &[PRIYA_BOTH]).await;
    wait_stored(&a, "Sam's capacity taken", |w| {
        capacity(w, "Sam Whitfield") == json!(3200)
            && responsible_hours(w, "Priya Raman") == vec![json!(800)]
            && account_notes(w) == json!(A_NOTES)
    })
    .await;
    a.wait_for_text("Took 1 change. Undo (Ctrl+Z) takes it back.")
        .await;

    // The plan shows it.
    a.click_role("button", "Back to the plan").await;
    a.wait_until("the comparison to close", async || {
        a.all_by_testid("compare").await.is_empty()
    })
    .await;
    go(&a, "People").await;
    wait_field(&a, "Capacity of Sam Whitfield (hours/week)", "32").await;

    // Ctrl+Z takes it back.
    focus_body(&a).await;
    press_ctrl(&a, 'z').await;
    wait_field(&a, "Capacity of Sam Whitfield (hours/week)", "40").await;
    wait_stored(&a, "Sam's capacity given back", |w| {
        capacity(w, "Sam Whitfield") == json!(4000) && account_notes(w) == json!(A_NOTES)
    })
    .await;

    // Compared again: both changes are listed; all of B's taken, A's hours kept.
    compare_with(&a, &returned_path).await;
    a.by_testid("compare").await;
    wait_listed(&a, &[SAM_CAPACITY, PRIYA_BOTH]).await;
    a.click_role("button", "Take all changes made in the file")
        .await;
    let outcome = a.by_testid("compare-outcome").await;
    let outcome_text = a.text_of(&outcome).await;
    assert!(
        outcome_text.contains(&format!("Taken: {SAM_CAPACITY}")) && !outcome_text.contains("Priya"),
        "{outcome_text}"
    );
    a.wait_for_text("Took 1 change. Undo (Ctrl+Z) takes it back.")
        .await;
    wait_listed(&a, &[PRIYA_BOTH]).await;
    wait_stored(&a, "B's change taken, A's hours kept", |w| {
        capacity(w, "Sam Whitfield") == json!(3200)
            && responsible_hours(w, "Priya Raman") == vec![json!(800)]
            && account_notes(w) == json!(A_NOTES)
    })
    .await;
    // A chooses B's hours for Priya.
    let both = a.by_role("radiogroup", PRIYA_BOTH).await;
    let theirs = a.by_role_in(&both, "radio", "Take theirs").await;
    a.click(&theirs).await;
    a.wait_until("Take theirs to be chosen", async || {
        theirs.is_selected().await.unwrap_or(false)
    })
    .await;
    a.click_role("button", "Take selected changes").await;
    a.wait_for_text("Took 1 change. Undo (Ctrl+Z) takes it back.")
        .await;
    wait_listed(&a, &[]).await;
    wait_stored(&a, "both changes taken and A's note kept", |w| {
        capacity(w, "Sam Whitfield") == json!(3200)
            && responsible_hours(w, "Priya Raman") == vec![json!(1200)]
            && account_notes(w) == json!(A_NOTES)
    })
    .await;
    // Nothing else of the plan moved: it is B's plan plus A's note.
    let mut expected = returned.json()["workspace"].clone();
    expected["accounts"][0]["notes"] = json!(A_NOTES);
    assert_eq!(stored_workspace(&a).await, expected);

    a.click_role("button", "Back to the plan").await;
    go(&a, "People").await;
    wait_field(&a, "Capacity of Sam Whitfield (hours/week)", "32").await;
    go(&a, "Roles").await;
    wait_field(&a, "Priya Raman hours on Delivery (Responsible)", "12").await;
    go(&a, "Overview").await;
    wait_field(&a, NOTES_LABEL, A_NOTES).await;
    a.assert_no_js_errors().await;
}

// ===== 2. hostile files are refused ======================================================

#[tokio::test]
async fn a_hostile_file_to_compare_is_refused_and_the_plan_stays() {
    let Some(s) = Session::start().await else {
        return;
    };
    let plan = example_with_client();
    support::open_on(&s, &plan).await;
    go(&s, "Overview").await;
    let before_raw = s.local_storage_get(WORKSPACE_KEY).await;
    let before = stored_workspace(&s).await;
    assert!(!before.is_null());

    let cases: [(&str, String, &str); 2] = [
        (
            "returned-plan.json",
            "{\"format\": \"engagement-planner\", \"workspace\": {\"people\": [".to_string(),
            "it is not valid JSON",
        ),
        (
            "geo.json",
            json!({"type": "FeatureCollection", "features": []}).to_string(),
            "This is not an Engagement Planner file",
        ),
    ];
    for (name, contents, expected) in cases {
        let path = s.write_upload(name, contents);
        compare_with(&s, &path).await;
        let message = error_text(&s).await;
        assert!(
            message.contains(&format!(
                "“{name}” was not compared, and your plan is unchanged."
            )) && message.contains(expected),
            "comparing with {name}: expected the message to say {expected:?}, it says {message:?}"
        );
        assert!(
            s.all_by_testid("compare").await.is_empty(),
            "{name} opened a comparison"
        );
        wait_view(&s, "Overview").await;
        assert_eq!(
            s.local_storage_get(WORKSPACE_KEY).await,
            before_raw,
            "comparing with {name} changed the saved plan"
        );
        assert_eq!(stored_workspace(&s).await, before);
        dismiss_error(&s).await;
    }
    s.assert_no_js_errors().await;
}
