//! The browser storage layer (src/storage/browser.rs) in a real headless browser:
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser_storage`.
//!
//! Every test starts by clearing the page's `localStorage`, so a test that failed
//! half-way (say, with the storage still full) cannot spoil the next one.
#![cfg(target_arch = "wasm32")]

mod plans;

use engagement_planner::model::*;
use engagement_planner::storage::browser::*;
use engagement_planner::storage::{from_json, to_json, CURRENT_VERSION, MAX_DOCUMENT_BYTES};
use plans::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .expect("the test page has localStorage")
}

fn reset() {
    storage().clear().unwrap();
}

fn get(key: &str) -> Option<String> {
    storage().get_item(key).unwrap()
}

fn set(key: &str, value: &str) {
    storage().set_item(key, value).unwrap();
}

/// A plan with one person and one engagement named `name`.
fn workspace(name: &str) -> Workspace {
    let mut w = Workspace::default();
    person(
        &mut w,
        "Project Manager",
        StakeholderGroup::ProjectManager,
        40,
    );
    engagement(&mut w, name, Template::ContractedVendor);
    w
}

/// Fills the storage until not even one more character fits; returns the keys used.
fn fill_storage() -> Vec<String> {
    let s = storage();
    let mut keys = Vec::new();
    let mut chunk = 1 << 20;
    while chunk > 0 {
        let key = format!("filler/{}", keys.len());
        if s.set_item(&key, &"x".repeat(chunk)).is_ok() {
            keys.push(key);
        } else {
            chunk /= 4;
        }
    }
    keys
}

fn empty_storage(keys: &[String]) {
    for key in keys {
        storage().remove_item(key).unwrap();
    }
}

/// Waits `ms` milliseconds: other tabs' saves arrive as browser events, not through
/// Yew's scheduler.
async fn settle(ms: u32) {
    gloo::timers::future::TimeoutFuture::new(ms).await;
}

#[wasm_bindgen_test]
fn empty_storage_starts_with_an_empty_workspace() {
    reset();
    let startup = load();
    assert_eq!(startup.workspace, Workspace::default());
    assert_eq!(startup.notice, None);
    assert_eq!(startup.revision, None);
}

#[wasm_bindgen_test]
fn a_saved_workspace_loads_again() {
    reset();
    let mut saver = Saver::from_startup(&load());
    let w = workspace("Website relaunch");
    saver.save(&w).unwrap();
    // Saving again from the same tab is no conflict.
    saver.save(&w).unwrap();

    let again = load();
    assert_eq!(again.workspace, w);
    assert_eq!(again.notice, None);
    assert_eq!(again.revision.as_deref(), saver.revision());
    assert!(saver.revision().is_some());

    let stored = from_json(&get(WORKSPACE_KEY).unwrap()).unwrap();
    let saved_at = stored.saved_at.expect("saves record the time");
    assert!(
        saved_at.ends_with('Z') && saved_at.len() == 24,
        "{saved_at}"
    );
}

#[wasm_bindgen_test]
fn every_save_changes_the_revision() {
    reset();
    let mut saver = Saver::new(None);
    saver.save(&workspace("A")).unwrap();
    let first = get(REVISION_KEY).unwrap();
    saver.save(&workspace("B")).unwrap();
    let second = get(REVISION_KEY).unwrap();
    assert_ne!(first, second);
    assert_eq!(saver.revision(), Some(second.as_str()));
    // Two savers never write the same revision.
    let mut other = Saver::default();
    other.reload_from_storage().unwrap();
    other.save(&workspace("C")).unwrap();
    assert_ne!(get(REVISION_KEY).unwrap(), second);
}

#[wasm_bindgen_test]
fn an_unreadable_document_is_quarantined_and_the_main_key_is_untouched() {
    reset();
    let garbage = "{\"format\": \"engagement-planner\", \"version\": 1, oops";
    set(WORKSPACE_KEY, garbage);
    set(REVISION_KEY, "another-tab:7");

    let startup = load();
    assert_eq!(startup.workspace, Workspace::default());
    assert_eq!(startup.revision.as_deref(), Some("another-tab:7"));
    let key = match &startup.notice {
        Some(StorageNotice::Quarantined {
            key,
            error,
            raw,
            kept,
        }) => {
            assert!(*kept);
            assert_eq!(raw, garbage);
            assert!(error.contains("not valid JSON"), "{error}");
            assert!(key.starts_with(QUARANTINE_PREFIX), "{key}");
            key.clone()
        }
        other => panic!("expected a quarantine notice, got {other:?}"),
    };
    assert_eq!(get(&key).as_deref(), Some(garbage));
    assert_eq!(
        get(WORKSPACE_KEY).as_deref(),
        Some(garbage),
        "main key untouched"
    );

    // Loading again (a page reload) does not pile up copies.
    let again = load();
    assert!(matches!(
        again.notice,
        Some(StorageNotice::Quarantined { key: ref k, .. }) if *k == key
    ));
    assert_eq!(quarantined(), vec![(key.clone(), garbage.to_string())]);

    // The user's first save, after the notice, replaces the main key; the copy stays.
    let mut saver = Saver::from_startup(&startup);
    let w = workspace("Fresh start");
    saver.save(&w).unwrap();
    assert_eq!(load().workspace, w);
    assert_eq!(get(&key).as_deref(), Some(garbage));

    assert!(
        discard_quarantined(WORKSPACE_KEY).is_err(),
        "only quarantine keys"
    );
    discard_quarantined(&key).unwrap();
    assert_eq!(quarantined(), vec![]);
}

#[wasm_bindgen_test]
fn a_document_from_a_newer_version_is_quarantined_with_that_reason() {
    reset();
    let newer = to_json(&workspace("Future"), None).replace(
        &format!("\"version\": {CURRENT_VERSION}"),
        &format!("\"version\": {}", CURRENT_VERSION + 1),
    );
    set(WORKSPACE_KEY, &newer);
    match load().notice {
        Some(StorageNotice::Quarantined { error, kept, .. }) => {
            assert!(kept);
            let reason = format!("newer version (v{})", CURRENT_VERSION + 1);
            assert!(error.contains(&reason), "{error}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(get(WORKSPACE_KEY).as_deref(), Some(newer.as_str()));
}

#[wasm_bindgen_test]
fn saving_is_held_while_an_unreadable_document_is_kept_nowhere_else() {
    reset();
    set(WORKSPACE_KEY, "not a plan");
    let filler = fill_storage();
    let startup = load();
    let kept = matches!(
        startup.notice,
        Some(StorageNotice::Quarantined { kept: false, ref raw, .. }) if raw == "not a plan"
    );
    empty_storage(&filler);
    assert!(kept, "{:?}", startup.notice);

    let mut saver = Saver::from_startup(&startup);
    let w = workspace("After download");
    assert_eq!(saver.save(&w), Err(SaveError::UnreadableNotKept));
    assert_eq!(get(WORKSPACE_KEY).as_deref(), Some("not a plan"));
    // The user downloaded it; now saving may replace it.
    saver.release_unreadable();
    saver.save(&w).unwrap();
    assert_eq!(load().workspace, w);
}

#[wasm_bindgen_test]
fn another_writer_makes_the_next_save_a_conflict() {
    reset();
    let mut mine = Saver::from_startup(&load());
    let w_mine = workspace("Mine");
    mine.save(&w_mine).unwrap();
    assert!(!mine.other_tab_saved());

    // Another tab opens the plan and saves its own change.
    let mut theirs = Saver::from_startup(&load());
    let w_theirs = workspace("Theirs");
    theirs.save(&w_theirs).unwrap();
    assert!(mine.other_tab_saved());

    assert_eq!(mine.save(&w_mine), Err(SaveError::Conflict));
    assert_eq!(load().workspace, w_theirs, "the refused save wrote nothing");

    // "Load the other tab's version".
    let (loaded, revision) = mine.reload_from_storage().unwrap();
    assert_eq!(loaded, w_theirs);
    assert_eq!(revision.as_deref(), theirs.revision());
    mine.save(&loaded).unwrap();

    // Now the other tab is behind; it chooses "keep mine and overwrite".
    assert_eq!(theirs.save(&w_theirs), Err(SaveError::Conflict));
    theirs.force_save(&w_theirs).unwrap();
    assert_eq!(load().workspace, w_theirs);
    assert_eq!(mine.save(&w_mine), Err(SaveError::Conflict));

    // Any other writer of the revision counts, even with no document change.
    let mut alone = Saver::from_startup(&load());
    set(REVISION_KEY, "someone-else:1");
    assert_eq!(alone.save(&w_mine), Err(SaveError::Conflict));
    // So does clearing the storage.
    let mut before_clear = Saver::from_startup(&load());
    reset();
    assert_eq!(before_clear.save(&w_mine), Err(SaveError::Conflict));
}

#[wasm_bindgen_test]
fn keeping_mine_over_an_unreadable_document_keeps_that_one_aside() {
    reset();
    let newer = to_json(&workspace("Future"), None)
        .replace(&format!("\"version\": {CURRENT_VERSION}"), "\"version\": 9");
    set(WORKSPACE_KEY, &newer);
    set(REVISION_KEY, "newer-tab:3");
    let mut mine = Saver::new(Some("my-tab:1".into()));
    let w = workspace("Mine");
    assert_eq!(mine.save(&w), Err(SaveError::Conflict));
    assert!(mine.reload_from_storage().is_err());
    mine.force_save(&w).unwrap();
    assert_eq!(load().workspace, w);
    let kept: Vec<String> = quarantined().into_iter().map(|(_, raw)| raw).collect();
    assert_eq!(kept, vec![newer]);
}

#[wasm_bindgen_test]
fn a_full_storage_is_reported_as_quota() {
    reset();
    let mut saver = Saver::from_startup(&load());
    let filler = fill_storage();
    let result = saver.save(&workspace("Does not fit"));
    empty_storage(&filler);
    assert_eq!(result, Err(SaveError::Quota));
    assert_eq!(get(WORKSPACE_KEY), None, "nothing half-written");
    assert!(SaveError::Quota.to_string().contains("full"));
    // With room again, the same saver saves.
    saver.save(&workspace("Fits")).unwrap();
}

#[wasm_bindgen_test]
async fn other_tabs_saves_are_noticed() {
    reset();
    let calls = Rc::new(Cell::new(0));
    let listener = {
        let calls = calls.clone();
        watch_other_tabs(move || calls.set(calls.get() + 1))
    };
    // A same-origin frame is another document: its writes fire `storage` here, as
    // another tab's would.
    let document = gloo::utils::document();
    let frame: web_sys::HtmlIFrameElement = document
        .create_element("iframe")
        .unwrap()
        .dyn_into()
        .unwrap();
    document.body().unwrap().append_child(&frame).unwrap();
    let other = frame
        .content_window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap();

    other.set_item("unrelated/key", "1").unwrap();
    settle(100).await;
    assert_eq!(calls.get(), 0, "other keys are ignored");

    other.set_item(REVISION_KEY, "frame:1").unwrap();
    settle(100).await;
    assert_eq!(calls.get(), 1);

    other.set_item(WORKSPACE_KEY, "{}").unwrap();
    settle(100).await;
    assert_eq!(calls.get(), 2);

    // This document's own writes do not fire it.
    storage().set_item(REVISION_KEY, "self:1").unwrap();
    settle(100).await;
    assert_eq!(calls.get(), 2);

    drop(listener);
    other.set_item(REVISION_KEY, "frame:2").unwrap();
    settle(100).await;
    assert_eq!(calls.get(), 2, "dropping the listener stops watching");
    frame.remove();
}

#[wasm_bindgen_test]
async fn files_are_read_and_oversized_ones_refused() {
    let file = gloo::file::File::new("plan.workspace.json", "{\"héllo\": 1}");
    let bytes = read_file(AsRef::<web_sys::File>::as_ref(&file).clone())
        .await
        .unwrap();
    assert_eq!(bytes, "{\"héllo\": 1}".as_bytes());

    // Bytes that are not UTF-8 reach the reader as they are, and it refuses them.
    let latin1 = gloo::file::File::new("latin1.json", &b"{\"h\xe9llo\": 1}"[..]);
    let bytes = read_file(AsRef::<web_sys::File>::as_ref(&latin1).clone())
        .await
        .unwrap();
    assert_eq!(bytes, b"{\"h\xe9llo\": 1}");
    let err = engagement_planner::storage::from_bytes(&bytes).unwrap_err();
    assert!(err.to_string().contains("not UTF-8"), "{err}");

    let big = gloo::file::File::new("big.json", "x".repeat(MAX_DOCUMENT_BYTES + 1).as_str());
    let err = read_file(AsRef::<web_sys::File>::as_ref(&big).clone())
        .await
        .unwrap_err();
    assert!(err.contains("too large"), "{err}");
}

#[wasm_bindgen_test]
fn download_leaves_nothing_behind() {
    let body = gloo::utils::body();
    let before = body.child_element_count();
    download("plan.workspace.json", "{}", JSON_MIME);
    assert_eq!(body.child_element_count(), before);
}

#[wasm_bindgen_test]
fn now_iso_is_an_iso_timestamp() {
    let now = now_iso();
    assert_eq!(now.len(), 24, "{now}");
    assert_eq!(&now[4..5], "-");
    assert_eq!(&now[10..11], "T");
    assert!(now.ends_with('Z'));
}

// What this browser keeps about copies sent and received (src/storage/sent.rs).

mod sent_copies {
    use super::*;
    use engagement_planner::storage::sent::*;
    use engagement_planner::storage::{is_revision, Base};

    /// A copy received: a plan of `engagements` engagements.
    fn base(revision: &str, engagements: usize) -> Base {
        let mut w = workspace("Received");
        for i in 1..engagements {
            engagement(&mut w, &format!("Received {i}"), Template::InHouseProject);
        }
        Base {
            revision: revision.to_string(),
            workspace: w,
        }
    }

    #[wasm_bindgen_test]
    fn the_last_fifty_revisions_sent_are_remembered() {
        reset();
        let revisions: Vec<String> = (0..SENT_KEPT + 1).map(|_| new_revision()).collect();
        assert!(revisions.iter().all(|r| is_revision(r)), "{revisions:?}");
        let mut distinct = revisions.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), revisions.len(), "every revision differs");
        assert!(!was_sent_here(&revisions[0]));
        for r in &revisions {
            record_sent(r).unwrap();
        }
        // Recording one again does not count it twice.
        record_sent(&revisions[SENT_KEPT]).unwrap();
        assert!(!was_sent_here(&revisions[0]), "the oldest is forgotten");
        assert!(revisions[1..].iter().all(|r| was_sent_here(r)));
        let kept: Vec<String> = serde_json::from_str(&get(SENT_KEY).unwrap()).unwrap();
        assert_eq!(kept.len(), SENT_KEPT);
        assert!(!was_sent_here("never-sent"));
    }

    #[wasm_bindgen_test]
    fn a_damaged_record_of_sent_copies_counts_as_none() {
        reset();
        set(SENT_KEY, "not a list");
        assert!(!was_sent_here("not"));
        record_sent("r-1").unwrap();
        assert!(was_sent_here("r-1"));
        set(SENT_KEY, "[\"a b\", 5, \"r-2\"]");
        assert!(!was_sent_here("r-2"), "a list of the wrong shape is none");
    }

    #[wasm_bindgen_test]
    fn the_copy_received_reads_back_and_a_damaged_one_is_none() {
        reset();
        assert_eq!(received(), None);
        let copy = base("rec-1", 2);
        keep_received(&copy).unwrap();
        assert_eq!(received(), Some(copy.clone()));
        set(
            RECEIVED_KEY,
            &get(RECEIVED_KEY).unwrap().replace("\"Received\"", "17"),
        );
        assert_eq!(received(), None, "a damaged copy is none");
        set(RECEIVED_KEY, &to_json(&copy.workspace, None));
        assert_eq!(received(), None, "a copy that names no revision is none");
        keep_received(&copy).unwrap();
        forget_received();
        assert_eq!(received(), None);
    }

    #[wasm_bindgen_test]
    fn a_copy_that_cannot_be_kept_forgets_the_one_before() {
        reset();
        keep_received(&base("rec-1", 1)).unwrap();
        let filler = fill_storage();
        let result = keep_received(&base("rec-2", 3));
        empty_storage(&filler);
        assert!(result.is_err());
        assert_eq!(received(), None, "the older copy is no longer the base");
    }

    #[wasm_bindgen_test]
    fn a_full_storage_gives_the_received_copy_up_for_the_plan() {
        reset();
        let mut saver = Saver::from_startup(&load());
        keep_received(&base("rec-1", 6)).unwrap();
        let filler = fill_storage();
        let small = workspace("Small");
        let result = saver.save(&small);
        empty_storage(&filler);
        assert_eq!(result, Ok(()));
        assert_eq!(received(), None);
        assert_eq!(load().workspace, small);
    }
}
