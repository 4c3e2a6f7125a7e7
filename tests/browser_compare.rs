//! The whole app in a real browser comparing a plan that came back by email with the
//! current engagement (File ▸ Compare with a file…): a file from this plan matched by
//! identity, a plan made separately matched by name, the changes grouped and said in
//! words, some taken and the plan changed exactly so (as `model::compare` takes them),
//! Ctrl+Z putting it back in one step, take all, a change that cannot be taken shown
//! with its reason, a hostile file refused with the plan intact, and the choice of
//! engagement in a file that holds several.
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser_compare`
#![cfg(target_arch = "wasm32")]

mod browser_support;
mod plans;

use browser_support::*;
use engagement_planner::components::compare::{CompareFile, CompareView, NOT_SENT_HERE, NO_BASE};
use engagement_planner::model::*;
use engagement_planner::storage::browser::WORKSPACE_KEY;
use engagement_planner::storage::{from_json, to_json, to_json_sent, Base, MAX_DOCUMENT_BYTES};
use plans::*;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{DataTransfer, Element, HtmlInputElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------------------------
// Plans
// ---------------------------------------------------------------------------------

struct Mine {
    w: Workspace,
    e: EngagementId,
    pat: PersonId,
    delivery: FunctionId,
    need: NeedId,
}

/// The plan sent by email: "Website relaunch", with a legal and a delivery person and
/// one client need.
fn mine() -> Mine {
    let mut w = Workspace::default();
    let jordan = person(&mut w, "Jordan Counsel", StakeholderGroup::Legal, 40);
    let pat = person(&mut w, "Pat Doe", StakeholderGroup::Performer, 40);
    let e = engagement(&mut w, "Website relaunch", Template::ContractedVendor);
    let legal = function(&w, e, FunctionKind::Legal);
    let delivery = function(&w, e, FunctionKind::Delivery);
    assign(&mut w, e, jordan, legal, Raci::Accountable, 4);
    assign(&mut w, e, pat, delivery, Raci::Responsible, 10);
    let need = plans::need(&mut w, e, "Reporting dashboard");
    Mine {
        w,
        e,
        pat,
        delivery,
        need,
    }
}

/// What came back: delivery re-estimated Pat's hours, promised the dashboard, and
/// added Dana to the roster.
fn returned(m: &Mine) -> Workspace {
    let mut b = m.w.clone();
    apply(
        &mut b,
        Action::SetAssignmentHours {
            engagement: m.e,
            person: m.pat,
            function: m.delivery,
            role: Raci::Responsible,
            hours: Hours::from_whole(12),
        },
    );
    cover(&mut b, m.e, m.need, NeedAspect::Promised, Coverage::Fully);
    person(&mut b, "Dana Lee", StakeholderGroup::Legal, 40);
    b
}

/// A plan file whose engagement names as its PM a person nobody has.
fn dangling(w: &Workspace) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(&to_json(w, None)).unwrap();
    doc["workspace"]["engagements"][0]["pm"] = serde_json::Value::from(999_999);
    doc.to_string()
}

/// The plan the app has saved in this browser.
fn saved() -> Workspace {
    let raw = gloo::utils::window()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item(WORKSPACE_KEY)
        .unwrap()
        .expect("a saved plan");
    from_json(&raw).expect("the saved plan reads").workspace
}

/// Waits until the app has saved `expected` (saving waits 300 ms after a change).
async fn saved_is(expected: &Workspace) {
    eventually(|| saved() == *expected).await;
}

/// The change of `c` whose words contain `words`.
fn change<'a>(c: &'a Comparison, words: &str) -> (usize, &'a Change) {
    c.changes
        .iter()
        .enumerate()
        .find(|(_, ch)| ch.text.contains(words))
        .unwrap_or_else(|| {
            let all: Vec<&str> = c.changes.iter().map(|ch| ch.text.as_str()).collect();
            panic!("no change says “{words}”: {all:#?}")
        })
}

// ---------------------------------------------------------------------------------
// Using the app
// ---------------------------------------------------------------------------------

/// Chooses a file named `name` holding `contents` in a file input, as the file
/// picker does.
fn choose_file(input: &HtmlInputElement, name: &str, contents: &str) {
    let parts = js_sys::Array::of1(&contents.into());
    let file = web_sys::File::new_with_str_sequence(&parts, name).unwrap();
    let transfer = DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    input.set_files(transfer.files().as_ref());
    fire(input, "change");
}

/// File ▸ Compare with a file…, then the file chosen.
async fn compare_with(root: &Element, name: &str, contents: &str) {
    click(&testid(root, "file-menu-button")).await;
    let item = button(root, "Compare with a file…").await;
    assert!(!item.has_attribute("disabled"));
    click(&item).await;
    let picker: HtmlInputElement = testid(root, "compare-file").unchecked_into();
    assert_eq!(accessible_name(&picker), "Compare with a plan file");
    choose_file(&picker, name, contents);
}

/// The comparison page, once it is shown.
async fn comparison(root: &Element) -> Element {
    wait_for(root, "[data-testid=compare]").await
}

async fn mounted(w: &Workspace, e: EngagementId) -> MountedApp {
    mount_app_on(w, &format!("#/overview/{e}")).await
}

/// The texts of the changes listed now.
fn listed(page: &Element) -> Vec<String> {
    all(page, ".compare-change .compare-text")
        .iter()
        .map(text)
        .collect()
}

// ---------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn a_file_from_this_plan_is_matched_by_identity_and_its_changes_taken_one_by_one() {
    let m = mine();
    let theirs = returned(&m);
    let app = mounted(&m.w, m.e).await;
    let root = &app.root;
    let before = saved();
    compare_with(
        root,
        "relaunch-back.engagement.json",
        &to_json(&theirs, None),
    )
    .await;
    let page = comparison(root).await;
    let words = text(&page);
    assert!(words.contains("relaunch-back.engagement.json"), "{words}");
    assert!(words.contains("Website relaunch"), "{words}");
    assert!(words.contains(Matching::Identity.explained()), "{words}");
    assert!(
        words.contains("only the differences are shown, not who changed what"),
        "{words}"
    );
    // The heading names both, and has the focus; the printed file is named after them.
    let heading = text(&by_id(&page, "compare-title"));
    assert_eq!(
        heading,
        "“Website relaunch” compared with “relaunch-back.engagement.json”"
    );
    eventually(|| {
        gloo::utils::document()
            .active_element()
            .is_some_and(|el| el.id() == "compare-title")
    })
    .await;
    assert_eq!(
        gloo::utils::document().title(),
        "Website relaunch – changes from relaunch-back.engagement.json"
    );
    // One engagement in the file: nothing to choose.
    assert!(find_control(&page, "Engagement in the file to compare with").is_none());

    // What the model finds, as the page shows it: grouped, with counts and values.
    let c = compare(&before, m.e, &theirs, m.e).unwrap();
    assert_eq!(c.matching, Matching::Identity);
    assert_eq!(listed(&page).len(), c.changes.len());
    for group in ChangeGroup::ALL {
        let n = c.group(group).count();
        if n > 0 {
            let heading = format!("{} ({n})", group.label());
            assert!(
                all(&page, ".compare-group h3")
                    .iter()
                    .any(|h| text(h) == heading),
                "no heading “{heading}”: {words}"
            );
        }
    }
    let (hours, hours_change) = change(&c, "Pat Doe");
    let (promise, promise_change) = change(&c, "Reporting dashboard");
    let (_, dana_change) = change(&c, "Dana Lee");
    assert!(words.contains(&format!("{} → {}", hours_change.old, hours_change.new)));

    // Choose two changes and take them.
    let take = button(&page, "Take selected changes").await;
    assert!(take.has_attribute("disabled"), "nothing chosen yet");
    click(&input(&page, &hours_change.text).await).await;
    click(&input(&page, &promise_change.text).await).await;
    assert!(!take.has_attribute("disabled"));
    click(&take).await;

    // The plan changed exactly as the model takes those two changes.
    let mut expected = History::new(before.clone());
    let results = c.take(&mut expected, &[hours, promise]);
    assert!(results.iter().all(|(_, r)| r.is_ok()), "{results:?}");
    saved_is(expected.present()).await;
    let outcome = testid(root, "compare-outcome");
    let said = text(&outcome);
    assert!(
        said.contains(&format!("Taken: {}", hours_change.text)),
        "{said}"
    );
    assert!(
        said.contains(&format!("Taken: {}", promise_change.text)),
        "{said}"
    );
    let status = testid(root, "status");
    eventually(|| text(&status).contains("Took 2 changes.")).await;
    // The taken changes are gone from the list; the one not taken stays.
    let page = comparison(root).await;
    eventually(|| listed(&page).len() == c.changes.len() - 2).await;
    assert!(listed(&page).contains(&dana_change.text));
    assert!(!listed(&page).contains(&hours_change.text));

    // Ctrl+Z takes both back in one step.
    let body: web_sys::EventTarget = gloo::utils::body().into();
    let undo = press(&body, "z", true, false);
    assert!(undo.default_prevented());
    saved_is(&before).await;
    eventually(|| listed(&page).len() == c.changes.len()).await;
    // What was taken is no longer said once it is undone.
    eventually(|| {
        root.query_selector("[data-testid=compare-outcome]")
            .unwrap()
            .is_none()
    })
    .await;

    // Back to the plan: the page's title and root are as they were.
    click(&button(&page, "Back to the plan").await).await;
    eventually(|| {
        root.query_selector("[data-testid=compare]")
            .unwrap()
            .is_none()
    })
    .await;
    assert_ne!(
        gloo::utils::document().title(),
        "Website relaunch – changes from relaunch-back.engagement.json"
    );
    assert!(!gloo::utils::document()
        .document_element()
        .unwrap()
        .class_list()
        .contains("compare-open"));
    wait_for(root, "section.view h2").await;
}

#[wasm_bindgen_test]
async fn a_plan_made_separately_is_matched_by_name_and_taken_all_at_once() {
    let m = mine();
    // The same engagement typed in by someone else: other ids, the same names.
    let mut theirs = Workspace::default();
    let e = engagement(&mut theirs, "Website relaunch", Template::ContractedVendor);
    let pat = person(&mut theirs, "Pat Doe", StakeholderGroup::Performer, 40);
    let jordan = person(&mut theirs, "Jordan Counsel", StakeholderGroup::Legal, 40);
    let legal = function(&theirs, e, FunctionKind::Legal);
    let delivery = function(&theirs, e, FunctionKind::Delivery);
    assign(&mut theirs, e, jordan, legal, Raci::Accountable, 4);
    assign(&mut theirs, e, pat, delivery, Raci::Responsible, 20);
    plans::need(&mut theirs, e, "Reporting dashboard");
    plans::need(&mut theirs, e, "Single sign-on");

    let app = mounted(&m.w, m.e).await;
    let root = &app.root;
    let before = saved();
    compare_with(root, "their-relaunch.json", &to_json(&theirs, None)).await;
    let page = comparison(root).await;
    let words = text(&page);
    assert!(words.contains(Matching::Name.explained()), "{words}");
    let c = compare(&before, m.e, &theirs, e).unwrap();
    assert_eq!(c.matching, Matching::Name);
    assert!(!c.is_empty());
    assert_eq!(listed(&page).len(), c.changes.len());
    change(&c, "Single sign-on");

    click(&button(&page, "Take all changes").await).await;
    let mut expected = History::new(before.clone());
    let results = c.take_all(&mut expected);
    saved_is(expected.present()).await;
    let outcome = testid(root, "compare-outcome");
    let refused = results.iter().filter(|(_, r)| r.is_err()).count();
    assert_eq!(
        all(&outcome, "li").len(),
        results.len(),
        "{}",
        text(&outcome)
    );
    assert_eq!(all(&outcome, "li.compare-refused").len(), refused);
    // What is left is what the model could not take.
    let again = compare(expected.present(), m.e, &theirs, e).unwrap();
    eventually(|| listed(&page).len() == again.changes.len()).await;
    // The whole set is one undo step.
    click(&button(root, "Undo").await).await;
    saved_is(&before).await;
}

#[wasm_bindgen_test]
async fn a_change_that_cannot_be_taken_shows_why_and_has_no_checkbox() {
    let mut m = mine();
    // Old Timer has a part in another engagement here, so stays on the roster.
    let old = person(&mut m.w, "Old Timer", StakeholderGroup::Performer, 20);
    assign(&mut m.w, m.e, old, m.delivery, Raci::Informed, 0);
    let mut theirs = m.w.clone();
    apply(&mut theirs, Action::RemovePerson { person: old });
    let intranet = engagement(&mut m.w, "Intranet", Template::InHouseProject);
    let other = function(&m.w, intranet, FunctionKind::Delivery);
    assign(&mut m.w, intranet, old, other, Raci::Responsible, 4);

    let app = mounted(&m.w, m.e).await;
    let root = &app.root;
    let before = saved();
    compare_with(root, "back.json", &to_json(&theirs, None)).await;
    let page = comparison(root).await;
    let c = compare(&before, m.e, &theirs, m.e).unwrap();
    let (_, stays) = change(&c, "Old Timer is not in their plan");
    let reason = stays.cannot.clone().expect("it cannot be taken");
    assert!(reason.contains("Intranet"), "{reason}");
    let row = all(&page, ".compare-cannot")
        .into_iter()
        .find(|r| text(r).contains(&stays.text))
        .expect("the change is listed");
    assert!(text(&row).contains(&reason), "{}", text(&row));
    assert!(row.query_selector("input").unwrap().is_none());
    assert!(find_control(&page, &stays.text).is_none());
    // Taking everything leaves it listed, and the plan keeps Old Timer.
    click(&button(&page, "Take all changes").await).await;
    let mut expected = History::new(before.clone());
    c.take_all(&mut expected);
    saved_is(expected.present()).await;
    assert!(saved().people.iter().any(|p| p.name == "Old Timer"));
    eventually(|| {
        all(&page, ".compare-cannot")
            .iter()
            .any(|r| text(r).contains(&stays.text))
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_hostile_or_malformed_file_is_refused_and_the_plan_stays() {
    let m = mine();
    let app = mounted(&m.w, m.e).await;
    let root = &app.root;
    let before = saved();
    for (name, contents) in [
        ("broken.json", "{ this is not json".to_string()),
        (
            "huge.json",
            format!("\"{}\"", "x".repeat(MAX_DOCUMENT_BYTES + 10)),
        ),
        (
            "dangling.json",
            // A plan whose engagement names a person nobody has.
            dangling(&returned(&m)),
        ),
    ] {
        compare_with(root, name, &contents).await;
        let error = wait_for(root, "[data-testid=error]").await;
        eventually(|| text(&error).contains(name)).await;
        let words = text(&error);
        assert!(words.contains("was not compared"), "{words}");
        assert!(words.contains("your plan is unchanged"), "{words}");
        assert!(root
            .query_selector("[data-testid=compare]")
            .unwrap()
            .is_none());
        click(&button(&error, "Dismiss").await).await;
    }
    assert_eq!(saved(), before);
    assert!(by_role(root, "button", "Undo").is_some_and(|b| b.has_attribute("disabled")));
}

#[wasm_bindgen_test]
async fn the_engagement_to_compare_is_chosen_in_a_file_that_holds_several() {
    let m = mine();
    let mut theirs = returned(&m);
    let intranet = engagement(&mut theirs, "Intranet", Template::InHouseProject);
    // The intranet first in the file: the likely match is still the relaunch.
    theirs.engagements.rotate_right(1);
    assert_eq!(theirs.engagements[0].id, intranet);

    let app = mounted(&m.w, m.e).await;
    let root = &app.root;
    let before = saved();
    compare_with(root, "workspace.json", &to_json(&theirs, None)).await;
    let page = comparison(root).await;
    let choice = select(&page, "Engagement in the file to compare with").await;
    assert_eq!(choice.value(), m.e.to_string());
    let c = compare(&before, m.e, &theirs, m.e).unwrap();
    eventually(|| listed(&page).len() == c.changes.len()).await;

    choose(&choice, &intranet.to_string()).await;
    let other = compare(&before, m.e, &theirs, intranet).unwrap();
    assert_eq!(other.matching, Matching::Name);
    assert_ne!(other.changes.len(), c.changes.len());
    eventually(|| listed(&page).len() == other.changes.len()).await;
    let words = text(&page);
    assert!(words.contains("“Intranet” in the file"), "{words}");
    assert!(words.contains(Matching::Name.explained()), "{words}");
}

#[wasm_bindgen_test]
async fn a_change_that_needs_another_says_so_and_taking_it_takes_both() {
    let m = mine();
    let mut theirs = m.w.clone();
    // Their plan adds Dana and makes her Accountable for legal instead of Jordan.
    let dana = person(&mut theirs, "Dana Lee", StakeholderGroup::Legal, 40);
    let legal = function(&theirs, m.e, FunctionKind::Legal);
    apply(
        &mut theirs,
        Action::ReplaceAccountable {
            engagement: m.e,
            person: dana,
            function: legal,
            from: None,
            hours: Hours::from_whole(5),
        },
    );
    let app = mounted(&m.w, m.e).await;
    let root = &app.root;
    let before = saved();
    compare_with(root, "back.json", &to_json(&theirs, None)).await;
    let page = comparison(root).await;
    let c = compare(&before, m.e, &theirs, m.e).unwrap();
    let (joins, joins_change) = change(&c, "Dana Lee joins the roster");
    let (accountable, accountable_change) = c
        .changes
        .iter()
        .enumerate()
        .find(|(_, ch)| ch.needs.contains(&joins))
        .expect("a change needs Dana on the roster");
    let row = input(&page, &accountable_change.text).await;
    let item = row.closest("li").unwrap().unwrap();
    assert!(
        text(&item).contains(&format!("Taking it also takes: {}", joins_change.text)),
        "{}",
        text(&item)
    );
    click(&row).await;
    click(&button(&page, "Take selected changes").await).await;
    let mut expected = History::new(before.clone());
    let results = c.take(&mut expected, &[accountable]);
    assert_eq!(results.len(), 2);
    saved_is(expected.present()).await;
    let outcome = testid(root, "compare-outcome");
    let said = text(&outcome);
    assert!(
        said.contains(&format!("Taken: {}", joins_change.text)),
        "{said}"
    );
    assert!(
        said.contains(&format!("Taken: {}", accountable_change.text)),
        "{said}"
    );
    // The focus is on what was taken, not lost with the disabled button.
    eventually(|| {
        gloo::utils::document()
            .active_element()
            .is_some_and(|el| el.id() == "compare-outcome-title")
    })
    .await;
}

thread_local! {
    /// What [`stale_view`] shows: the engagement, the file, and the plan as it is by the
    /// time the changes are taken.
    static STALE: std::cell::RefCell<Option<(EngagementId, Rc<CompareFile>, Workspace)>> =
        const { std::cell::RefCell::new(None) };
}

/// The comparison page on its own, taking changes into a plan that changed since it
/// was compared (as when the plan moves on between the comparison and the click).
fn stale_view() -> Html {
    let (engagement, file, meanwhile) = STALE.with(|s| s.borrow().clone()).unwrap();
    let on_take = Callback::from(move |(c, chosen): (Rc<Comparison>, Vec<usize>)| {
        let mut h = History::new(meanwhile.clone());
        c.take(&mut h, &chosen)
    });
    html! { <CompareView {engagement} {file} {on_take} on_back={Callback::noop()} /> }
}

#[wasm_bindgen_test]
async fn a_change_the_model_refuses_is_listed_with_its_reason_and_announced() {
    let mut m = mine();
    let ari = person(&mut m.w, "Ari Sells", StakeholderGroup::Sales, 40);
    let procurement = function(&m.w, m.e, FunctionKind::Procurement);
    // Their plan makes Pat Accountable for procurement and promises the dashboard.
    let mut theirs = m.w.clone();
    assign(&mut theirs, m.e, m.pat, procurement, Raci::Accountable, 3);
    cover(
        &mut theirs,
        m.e,
        m.need,
        NeedAspect::Promised,
        Coverage::Fully,
    );
    // Meanwhile, Ari was made Accountable for procurement here.
    let mut meanwhile = m.w.clone();
    assign(&mut meanwhile, m.e, ari, procurement, Raci::Accountable, 2);
    let file = Rc::new(CompareFile {
        file_name: "back.json".into(),
        workspace: theirs.clone(),
        base: None,
        no_base: NO_BASE.into(),
    });
    STALE.with(|s| *s.borrow_mut() = Some((m.e, file, meanwhile.clone())));
    let view = mount(m.w.clone(), Some(m.e), stale_view).await;
    let page = comparison(&view.root).await;
    let c = compare(&m.w, m.e, &theirs, m.e).unwrap();
    let (_, accountable) = change(&c, "Pat Doe becomes Accountable");
    let (_, promise) = change(&c, "Reporting dashboard");
    click(&button(&page, "Take all changes").await).await;
    let mut h = History::new(meanwhile);
    let results = c.take_all(&mut h);
    let reason = results
        .iter()
        .find_map(|(_, r)| r.as_ref().err())
        .expect("one change is refused")
        .to_string();
    assert!(
        reason.contains("already has an Accountable person"),
        "{reason}"
    );
    let outcome = wait_for(&view.root, "[data-testid=compare-outcome]").await;
    let said = text(&outcome);
    assert!(
        said.contains(&format!("Refused: {}", accountable.text)),
        "{said}"
    );
    assert!(said.contains(&reason), "{said}");
    assert!(said.contains(&format!("Taken: {}", promise.text)), "{said}");
    assert_eq!(
        view.announced(),
        vec![
            "Took 1 change. 1 change was refused: the reason is listed under “What was taken”. Undo (Ctrl+Z) takes it back."
                .to_string()
        ]
    );
}

#[wasm_bindgen_test]
async fn another_file_compared_while_one_is_open_starts_afresh() {
    let m = mine();
    let mut several = returned(&m);
    let intranet = engagement(&mut several, "Intranet", Template::InHouseProject);
    let app = mounted(&m.w, m.e).await;
    let root = &app.root;
    let before = saved();
    compare_with(root, "first.json", &to_json(&several, None)).await;
    let page = comparison(root).await;
    let choice = select(&page, "Engagement in the file to compare with").await;
    choose(&choice, &intranet.to_string()).await;
    click(&input(&page, &listed(&page)[0]).await).await;

    // A separately made plan with one engagement: nothing of the first file is left.
    let mut other = Workspace::default();
    let e = engagement(&mut other, "Website relaunch", Template::ContractedVendor);
    plans::need(&mut other, e, "Single sign-on");
    compare_with(root, "second.json", &to_json(&other, None)).await;
    // The page is made anew for the new file.
    eventually(|| text(&testid(root, "compare")).contains("second.json")).await;
    let page = comparison(root).await;
    let c = compare(&before, m.e, &other, e).unwrap();
    eventually(|| listed(&page).len() == c.changes.len()).await;
    assert!(find_control(&page, "Engagement in the file to compare with").is_none());
    assert!(all(&page, "input[type=checkbox]")
        .iter()
        .all(|b| !b.unchecked_ref::<HtmlInputElement>().checked()));
    assert!(button(&page, "Take selected changes")
        .await
        .has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn a_file_the_same_as_the_plan_says_so_and_offers_nothing_to_take() {
    let m = mine();
    let app = mounted(&m.w, m.e).await;
    let root = &app.root;
    compare_with(root, "unchanged.json", &to_json(&m.w, None)).await;
    let page = comparison(root).await;
    let summary = testid(&page, "compare-summary");
    assert_eq!(
        text(&summary),
        "Your “Website relaunch” and “Website relaunch” in the file are the same."
    );
    assert!(listed(&page).is_empty());
    assert!(!has_button(&page, "Take all changes"));
    assert!(!has_button(&page, "Take selected changes"));
}

// ---------------------------------------------------------------------------------
// From the import offer
// ---------------------------------------------------------------------------------

/// Nothing was done to the plan: Undo has nothing to take back, and what is saved is
/// what was there before.
async fn plan_unchanged(root: &Element, before: &Workspace) {
    let undo = root
        .query_selector("button[aria-keyshortcuts='Control+Z']")
        .unwrap()
        .expect("an Undo button");
    assert!(undo.has_attribute("disabled"), "something can be undone");
    // Past the time a change would take to be saved.
    gloo::timers::future::TimeoutFuture::new(500).await;
    assert_eq!(saved(), *before);
}

/// "Compare with this plan" in the import offer: the offer goes, and the comparison
/// page shows the offered plan against the current engagement.
async fn compare_offered(root: &Element, name: &str) -> Element {
    let offer = wait_for(root, "[data-testid=import-offer]").await;
    let words = text(&offer);
    assert!(
        words.contains("compare it with the current engagement"),
        "{words}"
    );
    click(&button(&offer, "Compare with this plan").await).await;
    let page = comparison(root).await;
    eventually(|| {
        root.query_selector("[data-testid=import-offer]")
            .unwrap()
            .is_none()
    })
    .await;
    assert_eq!(
        text(&by_id(&page, "compare-title")),
        format!("“Website relaunch” compared with “{name}”")
    );
    page
}

#[wasm_bindgen_test]
async fn a_dropped_file_offered_for_import_can_be_compared_instead_leaving_the_plan() {
    let m = mine();
    let theirs = returned(&m);
    let app = mounted(&m.w, m.e).await;
    let root = &app.root;
    let before = saved();
    drop_file("relaunch-back.json", &to_json(&theirs, None));
    let page = compare_offered(root, "relaunch-back.json").await;
    // The page lists what the model finds between the plan and the dropped file.
    let c = compare(&before, m.e, &theirs, m.e).unwrap();
    assert!(!c.is_empty());
    assert_eq!(c.matching, Matching::Identity);
    eventually(|| listed(&page).len() == c.changes.len()).await;
    change(&c, "Dana Lee");
    assert!(listed(&page).contains(&change(&c, "Pat Doe").1.text));
    plan_unchanged(root, &before).await;

    // The file picker's offer (File ▸ Import) ends in the same choice.
    click(&button(&page, "Back to the plan").await).await;
    let picker: HtmlInputElement = testid(root, "import-file").unchecked_into();
    choose_file(&picker, "chosen-back.json", &to_json(&theirs, None));
    let page = compare_offered(root, "chosen-back.json").await;
    eventually(|| listed(&page).len() == c.changes.len()).await;
    plan_unchanged(root, &before).await;
}

#[wasm_bindgen_test]
async fn a_shared_link_offered_for_import_can_be_compared_instead_leaving_the_plan() {
    use engagement_planner::storage::compress;
    let m = mine();
    let theirs = returned(&m);
    let document = engagement_planner::storage::engagement_document(&theirs, m.e).unwrap();
    let fragment = compress::plan_link(&document).await.unwrap();
    let app = mounted(&m.w, m.e).await;
    let root = &app.root;
    let before = saved();
    // The link opened in the tab where the plan is.
    gloo::utils::window()
        .location()
        .set_hash(&fragment)
        .unwrap();
    let page = compare_offered(root, "a shared link").await;
    let linked = from_json(&document).unwrap().workspace;
    let c = compare(&before, m.e, &linked, linked.engagements[0].id).unwrap();
    assert!(!c.is_empty());
    eventually(|| listed(&page).len() == c.changes.len()).await;
    assert!(listed(&page).contains(&change(&c, "Pat Doe").1.text));
    plan_unchanged(root, &before).await;
    let hash = gloo::utils::window().location().hash().unwrap();
    assert!(!hash.contains("plan="), "{hash}");
}

#[wasm_bindgen_test]
async fn with_no_engagement_to_compare_with_the_offer_has_no_compare_choice() {
    let m = mine();
    let app = mount_app().await;
    let root = &app.root;
    drop_file("relaunch-back.json", &to_json(&returned(&m), None));
    let offer = wait_for(root, "[data-testid=import-offer]").await;
    button(&offer, "Add as new engagement").await;
    assert!(!has_button(&offer, "Compare with this plan"));
    assert!(!text(&offer).contains("compare it"), "{}", text(&offer));
}

thread_local! {
    /// What [`based_view`] shows, and the plan its takings go into.
    static BASED: std::cell::RefCell<Option<(EngagementId, Rc<CompareFile>, History)>> =
        const { std::cell::RefCell::new(None) };
}

/// The comparison page on its own, taking changes into the plan kept in [`BASED`].
fn based_view() -> Html {
    let (engagement, file) = BASED.with(|s| {
        let s = s.borrow();
        let (e, f, _) = s.as_ref().unwrap();
        (*e, f.clone())
    });
    let on_take = Callback::from(move |(c, chosen): (Rc<Comparison>, Vec<usize>)| {
        BASED.with(|s| {
            let mut s = s.borrow_mut();
            let (_, _, h) = s.as_mut().unwrap();
            c.take(h, &chosen)
        })
    });
    html! { <CompareView {engagement} {file} {on_take} on_back={Callback::noop()} /> }
}

fn based_plan() -> Workspace {
    BASED.with(|s| s.borrow().as_ref().unwrap().2.present().clone())
}

#[wasm_bindgen_test]
async fn with_the_copy_sent_each_change_says_who_made_it_and_a_conflict_is_chosen() {
    let m = mine();
    let sent = m.w.clone();
    // There: Pat's hours 10 → 12 and the dashboard promised (returned()).
    let theirs = returned(&m);
    // Here since sending: Pat's hours 10 → 14, and the dashboard bought.
    let mut here = m.w.clone();
    apply(
        &mut here,
        Action::SetAssignmentHours {
            engagement: m.e,
            person: m.pat,
            function: m.delivery,
            role: Raci::Responsible,
            hours: Hours::from_whole(14),
        },
    );
    cover(&mut here, m.e, m.need, NeedAspect::Bought, Coverage::Fully);
    let file = Rc::new(CompareFile {
        file_name: "back.json".into(),
        workspace: theirs.clone(),
        base: Some(sent),
        no_base: String::new(),
    });
    BASED.with(|s| *s.borrow_mut() = Some((m.e, file, History::new(here.clone()))));
    let view = mount(here.clone(), Some(m.e), based_view).await;
    let page = comparison(&view.root).await;
    // The printed page says when the comparison was made.
    let meta = text(&page.query_selector(".compare-meta").unwrap().unwrap());
    let today = engagement_planner::components::decision_log::today();
    assert!(
        meta.ends_with(&format!(" in the file on {today}.")),
        "{meta}"
    );
    let said = text(&testid(&page, "compare-base"));
    assert!(
        said.contains("each change says where it was made"),
        "{said}"
    );
    assert!(page
        .query_selector("[data-testid=compare-no-base]")
        .unwrap()
        .is_none());

    // Made on both sides: the value sent, here and in the file, side by side, and a
    // choice that keeps mine until told otherwise.
    let hours = "Delivery: Pat Doe's hours as Responsible changed from 14 to 12 a week";
    let conflict = role(&page, "radiogroup", hours).await;
    let sides = text(&conflict);
    assert!(sides.contains("Changed on both sides"), "{sides}");
    for part in ["Sent", "10", "Here", "14", "In the file", "12"] {
        assert!(sides.contains(part), "{part} in {sides}");
    }
    let keep = input(&conflict, "Keep mine").await;
    let take = input(&conflict, "Take theirs").await;
    assert!(keep.checked() && !take.checked());
    // Made in the file, and made here (the file has the value sent).
    let rows = all(&page, ".compare-change");
    let row_of = |words: &str| {
        rows.iter()
            .find(|r| text(r).contains(words))
            .map(text)
            .unwrap_or_else(|| panic!("no change says {words:?}: {:?}", listed(&page)))
    };
    assert!(row_of("Promised changed").contains("Changed in the file"));
    let bought = row_of("Bought changed");
    assert!(
        bought.contains("Changed here since it was sent"),
        "{bought}"
    );
    assert!(
        bought.contains("taking it undoes the change made here"),
        "{bought}"
    );

    // "All" is what was made in the file: the promise; Pat's hours and the purchase stay.
    click(&button(&page, "Take all changes made in the file").await).await;
    wait_for(&view.root, "[data-testid=compare-outcome]").await;
    let w = based_plan();
    let e = w.engagement(m.e).unwrap();
    let need = e.needs.iter().find(|n| n.id == m.need).unwrap();
    assert_eq!(need.coverage(NeedAspect::Promised), Coverage::Fully);
    assert_eq!(need.coverage(NeedAspect::Bought), Coverage::Fully);
    let hours_of = |w: &Workspace| {
        w.engagement(m.e)
            .unwrap()
            .assignments
            .iter()
            .find(|a| a.person == m.pat && a.function == m.delivery)
            .unwrap()
            .hours
    };
    assert_eq!(hours_of(&w), Hours::from_whole(14));

    // Their value for Pat's hours, chosen and taken.
    let conflict = role(&page, "radiogroup", hours).await;
    let take = input(&conflict, "Take theirs").await;
    click(&take).await;
    eventually(|| take.checked()).await;
    click(&button(&page, "Take selected changes").await).await;
    eventually(|| hours_of(&based_plan()) == Hours::from_whole(12)).await;
}

#[wasm_bindgen_test]
async fn a_file_based_on_a_copy_not_sent_here_or_unreadable_shows_only_differences() {
    let m = mine();
    let theirs = returned(&m);
    let base = Base {
        revision: "19a2b3c4d5e-0badf00d".into(),
        workspace: m.w.clone(),
    };
    let app = mounted(&m.w, m.e).await;
    let root = &app.root;
    let before = saved();
    // Read afresh each time: a new file makes the page anew.
    let no_base = || {
        root.query_selector("[data-testid=compare-no-base]")
            .unwrap()
            .map(|el| text(&el))
            .unwrap_or_default()
    };

    // A copy this browser never sent: the file's base says nothing about this plan.
    let file = to_json_sent(&theirs, None, "19a2b3c4d60-00c0ffee", Some(&base));
    compare_with(root, "from-someone-else.json", &file).await;
    let page = comparison(root).await;
    assert_eq!(no_base(), NOT_SENT_HERE);
    assert!(page
        .query_selector("[data-testid=compare-base]")
        .unwrap()
        .is_none());
    assert!(!listed(&page).is_empty());
    assert!(
        all(&page, ".compare-by").is_empty(),
        "no change says who made it"
    );

    // A base that cannot be read (its engagement names a PM nobody has): the file is
    // still compared, and the page says why only differences are shown.
    let mut doc: serde_json::Value = serde_json::from_str(&file).unwrap();
    doc["base"]["workspace"]["engagements"][0]["pm"] = serde_json::Value::from(999_999);
    compare_with(root, "damaged-base.json", &doc.to_string()).await;
    eventually(|| no_base() != NOT_SENT_HERE).await;
    let said = no_base();
    assert!(
        said.starts_with("The copy this file was based on could not be read"),
        "{said}"
    );
    assert!(
        said.ends_with("so only differences can be shown, not who changed what."),
        "{said}"
    );
    assert!(
        said.contains("Website relaunch"),
        "it names what is wrong: {said}"
    );
    let page = comparison(root).await;
    assert!(!listed(&page).is_empty());

    // A file with no copy at all.
    compare_with(root, "plain.json", &to_json(&theirs, None)).await;
    eventually(|| no_base() == NO_BASE).await;
    plan_unchanged(root, &before).await;
}
