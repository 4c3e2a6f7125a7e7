//! Browser tests of sharing: the real `CompressionStream('deflate-raw')` round trip of a
//! plan through a link (`storage::compress`), a deflate bomb stopped at the limit, the
//! Share dialog's named controls, and a `#plan=…` address opening as an import offer or
//! refused with the plan untouched. Prints the measured link lengths.
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser_share`
#![cfg(target_arch = "wasm32")]

mod browser_support;
mod plans;

use browser_support::*;
use engagement_planner::components::share::ShareDialog;
use engagement_planner::model::*;
use engagement_planner::storage::compress::{self, InflateError};
use engagement_planner::storage::link::{self, LinkError};
use engagement_planner::storage::{self, MAX_DOCUMENT_BYTES};
use engagement_planner::view::share::client_safe_copy;
use plans::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

const EXAMPLE: &str = include_str!("fixtures/example.workspace.json");

async fn round_trip(document: &str) -> usize {
    let fragment = compress::plan_link(document)
        .await
        .expect("the browser compresses");
    assert!(fragment.starts_with("#plan=1."));
    let payload = link::plan_fragment(&fragment).unwrap();
    let bytes = compress::read_plan_link(payload)
        .await
        .expect("the link reads back");
    assert_eq!(bytes, document.as_bytes());
    storage::from_bytes(&bytes).expect("a valid plan");
    fragment.len()
}

#[wasm_bindgen_test]
async fn plans_go_through_a_compressed_link_and_back() {
    let example = storage::from_json(EXAMPLE).unwrap().workspace;
    let id = example.engagements[0].id;
    let ws = workshop();
    let (thirty, thirty_id) = sized(30, 30);
    let mut lengths = Vec::new();
    for (what, w, e) in [
        ("example plan (tests/fixtures)", &example, id),
        ("workshop plan", &ws.workspace, ws.engagement),
        ("30-function engagement", &thirty, thirty_id),
    ] {
        for safe in [false, true] {
            let shared = if safe { client_safe_copy(w) } else { w.clone() };
            let document = storage::engagement_document(&shared, e).unwrap();
            let length = round_trip(&document).await;
            // Compression pays: the fragment is shorter than the document.
            assert!(
                length < document.len(),
                "{what}: {length} ≥ {}",
                document.len()
            );
            lengths.push(format!(
                "{what}{}: document {} bytes, fragment #plan=… {} characters",
                if safe { " (client-safe)" } else { "" },
                document.len(),
                length
            ));
        }
    }
    gloo::console::log!(format!("Link lengths:\n{}", lengths.join("\n")));
}

#[wasm_bindgen_test]
async fn a_deflate_bomb_is_stopped_at_the_limit() {
    // 11 MB of zeros deflate to a few kilobytes.
    let zeros = vec![0u8; MAX_DOCUMENT_BYTES + 1024 * 1024];
    let bomb = compress::deflate(&zeros).await.unwrap();
    assert!(bomb.len() < 64 * 1024, "{}", bomb.len());
    drop(zeros);
    let started = js_sys::Date::now();
    assert_eq!(
        compress::inflate(&bomb, 4096).await,
        Err(InflateError::TooLarge { limit: 4096 })
    );
    // A link announcing the largest size a file may have, that inflates past it.
    let fragment = link::encode(&bomb, MAX_DOCUMENT_BYTES);
    let refused = compress::read_plan_link(link::plan_fragment(&fragment).unwrap()).await;
    assert_eq!(
        refused,
        Err(LinkError::TooLarge {
            bytes: MAX_DOCUMENT_BYTES + 1
        })
    );
    // One announcing a small plan stops just past it.
    let fragment = link::encode(&bomb, 100);
    let refused = compress::read_plan_link(link::plan_fragment(&fragment).unwrap()).await;
    assert_eq!(refused, Err(LinkError::Incomplete));
    let elapsed = js_sys::Date::now() - started;
    assert!(elapsed < 5_000.0, "took {elapsed} ms");
    // Bytes that are not deflate data at all.
    let fragment = link::encode(&[0xff; 40], 500);
    let refused = compress::read_plan_link(link::plan_fragment(&fragment).unwrap()).await;
    assert_eq!(refused, Err(LinkError::Incomplete));
}

fn dialog() -> Html {
    html! { <ShareDialog on_close={Callback::noop()} /> }
}

#[wasm_bindgen_test]
async fn the_dialog_has_named_controls_and_makes_a_link() {
    let ws = workshop();
    let view = mount(ws.workspace.clone(), Some(ws.engagement), dialog).await;
    let root = &view.root;
    let safe = input(
        root,
        "For the client (leave out cost rates, margins, commission and internal notes)",
    )
    .await;
    assert!(safe.checked(), "on by default for a contracted engagement");
    input(root, "This engagement (“Website relaunch”)").await;
    input(root, "The whole workspace (2 engagements)").await;
    let email = role(root, "link", "Email").await;
    let href = email.get_attribute("href").unwrap();
    assert!(
        href.starts_with("mailto:?subject=Engagement%20plan%3A%20Website%20relaunch&body="),
        "{href}"
    );
    assert!(href.len() <= 1_800);
    button(root, "Copy summary").await;
    button(root, "Copy link").await;
    let link_input = input(root, "Link to this engagement").await;
    let url = link_input.value();
    let (_, fragment) = url.split_once('#').unwrap();
    assert!(fragment.starts_with("plan=1."));
    let bytes = compress::read_plan_link(link::plan_fragment(fragment).unwrap())
        .await
        .unwrap();
    let read = storage::from_bytes(&bytes).unwrap();
    // The client-safe copy: no internal note in what the link carries.
    let carried = String::from_utf8(bytes).unwrap();
    assert!(!carried.contains(REJECTION_NOTE));
    assert_eq!(read.workspace.engagements[0].name, "Website relaunch");
    let length = text(&testid(root, "share-link-length"));
    let count = engagement_planner::model::describe::thousands(url.chars().count() as u128);
    assert!(
        length.starts_with(&format!("{count} characters.")),
        "{length}"
    );
    // Unticked, the link carries the internal notes.
    click(&safe).await;
    settle().await;
    let full = until(|| {
        let value = by_name(root, "input", "Link to this engagement").map(|el| {
            wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlInputElement>(el).value()
        })?;
        (value != url).then_some(value)
    })
    .await;
    let (_, fragment) = full.split_once('#').unwrap();
    let bytes = compress::read_plan_link(link::plan_fragment(fragment).unwrap())
        .await
        .unwrap();
    assert!(String::from_utf8(bytes).unwrap().contains(REJECTION_NOTE));
}

#[wasm_bindgen_test]
async fn in_house_work_is_shared_with_its_figures_by_default() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Intranet", Template::InHouseProject);
    let view = mount(w, Some(e), dialog).await;
    let safe = input(
        &view.root,
        "For the client (leave out cost rates, margins, commission and internal notes)",
    )
    .await;
    assert!(!safe.checked());
}

#[wasm_bindgen_test]
async fn a_shared_link_in_the_address_is_offered_like_a_file_and_leaves_the_address() {
    let ws = workshop();
    let document = storage::engagement_document(&ws.workspace, ws.engagement).unwrap();
    let fragment = compress::plan_link(&document).await.unwrap();
    let mut mine = Workspace::default();
    engagement(&mut mine, "Mine", Template::InHouseProject);
    let app = mount_app_on(&mine, &fragment).await;
    let offer = wait_for(&app.root, "[data-testid=import-offer]").await;
    assert!(text(&offer).contains("a shared link"), "{}", text(&offer));
    assert!(
        text(&offer).contains("Website relaunch"),
        "{}",
        text(&offer)
    );
    let hash = gloo::utils::window().location().hash().unwrap();
    assert!(!hash.contains("plan="), "{hash}");
    assert!(hash.starts_with("#/"), "{hash}");
}

#[wasm_bindgen_test]
async fn a_cut_off_link_is_refused_and_the_plan_stays() {
    let ws = workshop();
    let document = storage::engagement_document(&ws.workspace, ws.engagement).unwrap();
    let fragment = compress::plan_link(&document).await.unwrap();
    let cut = &fragment[..fragment.len() - 30];
    let mut mine = Workspace::default();
    engagement(&mut mine, "Mine", Template::InHouseProject);
    let app = mount_app_on(&mine, cut).await;
    let error = wait_for(&app.root, "[data-testid=error]").await;
    assert!(
        text(&error).contains("This link is incomplete"),
        "{}",
        text(&error)
    );
    assert!(
        text(&error).contains("your plan is unchanged"),
        "{}",
        text(&error)
    );
    assert!(app
        .root
        .query_selector("[data-testid=import-offer]")
        .unwrap()
        .is_none());
    let hash = gloo::utils::window().location().hash().unwrap();
    assert!(!hash.contains("plan="), "{hash}");
}

/// Sets (or, with `None`, removes) a property of `navigator`, for a stand-in of the
/// share sheet.
fn stub_navigator(name: &str, value: Option<&wasm_bindgen::JsValue>) {
    let navigator = gloo::utils::window().navigator();
    match value {
        Some(v) => {
            js_sys::Reflect::set(&navigator, &name.into(), v).unwrap();
        }
        None => {
            js_sys::Reflect::delete_property(&navigator.into(), &name.into()).unwrap();
        }
    }
}

#[wasm_bindgen_test]
async fn share_file_is_offered_only_where_the_browser_can_share_files() {
    let ws = workshop();
    // A browser that cannot share files: no button, rather than a disabled one.
    let refuse = js_sys::Function::new_no_args("return false;");
    stub_navigator("canShare", Some(&refuse));
    {
        let view = mount(ws.workspace.clone(), Some(ws.engagement), dialog).await;
        role(&view.root, "link", "Email").await;
        assert!(!has_button(&view.root, "Share file…"));
    }
    // One that can: the file goes to the share sheet with the summary.
    let accept = js_sys::Function::new_with_args(
        "data",
        "return Array.isArray(data.files) && data.files.length === 1 && data.files[0].name === 'website-relaunch.engagement.json';",
    );
    let share = js_sys::Function::new_with_args(
        "data",
        "window.__shared = { name: data.files[0].name, title: data.title, text: data.text }; return Promise.resolve();",
    );
    stub_navigator("canShare", Some(&accept));
    stub_navigator("share", Some(&share));
    let view = mount(ws.workspace.clone(), Some(ws.engagement), dialog).await;
    let button = button(&view.root, "Share file…").await;
    click(&button).await;
    until(|| {
        text(&view.root)
            .contains("Shared “website-relaunch.engagement.json”.")
            .then_some(())
    })
    .await;
    let shared = js_sys::Reflect::get(&gloo::utils::window(), &"__shared".into()).unwrap();
    let title = js_sys::Reflect::get(&shared, &"title".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert_eq!(title, "Engagement plan: Website relaunch");
    let body = js_sys::Reflect::get(&shared, &"text".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(body.contains("Client: Harbor Retail"), "{body}");
    stub_navigator("canShare", None);
    stub_navigator("share", None);
}

/// Replaces `navigator.clipboard` with a stand-in whose `write` and `writeText` succeed
/// or refuse as told (recording what they were given), or restores the real one.
fn stub_clipboard(write_ok: Option<(bool, bool)>) {
    let script = match write_ok {
        Some((write, write_text)) => format!(
            "window.__clip = [];
             Object.defineProperty(navigator, 'clipboard', {{ configurable: true, value: {{
               write: items => {{ window.__clip.push('write'); return {write} ? Promise.resolve() : Promise.reject(new DOMException('refused', 'NotAllowedError')); }},
               writeText: text => {{ window.__clip.push(text); return {write_text} ? Promise.resolve() : Promise.reject(new DOMException('refused', 'NotAllowedError')); }},
             }} }});"
        ),
        None => "delete navigator.clipboard;".to_string(),
    };
    js_sys::eval(&script).unwrap();
}

#[wasm_bindgen_test]
async fn a_refused_copy_falls_back_to_plain_text_then_to_the_selected_text() {
    let ws = workshop();
    // Tables refused, plain text taken.
    stub_clipboard(Some((false, true)));
    {
        let view = mount(ws.workspace.clone(), Some(ws.engagement), dialog).await;
        click(&button(&view.root, "Copy summary").await).await;
        let status = testid(&view.root, "share-copy-status");
        until(|| text(&status).contains("copied as plain text").then_some(())).await;
        assert_eq!(status.get_attribute("aria-live").as_deref(), Some("polite"));
        let clip = js_sys::eval("window.__clip[1]")
            .unwrap()
            .as_string()
            .unwrap();
        assert!(
            clip.starts_with("Engagement plan: Website relaunch\n"),
            "{clip}"
        );
    }
    // Both refused: the text is shown selected, for Ctrl+C.
    stub_clipboard(Some((false, false)));
    let view = mount(ws.workspace.clone(), Some(ws.engagement), dialog).await;
    click(&button(&view.root, "Copy summary").await).await;
    let status = testid(&view.root, "share-copy-status");
    until(|| text(&status).contains("press Ctrl+C").then_some(())).await;
    let area: web_sys::HtmlTextAreaElement =
        wasm_bindgen::JsCast::unchecked_into(control(&view.root, "Summary").await);
    assert!(area.read_only());
    assert!(area.value().contains("Client: Harbor Retail"));
    settle().await;
    let focused = gloo::utils::document().active_element().map(|e| e.id());
    assert_eq!(focused.as_deref(), Some("share-summary-text"));
    let (start, end) = (
        area.selection_start().unwrap(),
        area.selection_end().unwrap(),
    );
    assert_eq!(
        (start, end),
        (Some(0), Some(area.value().encode_utf16().count() as u32))
    );
    stub_clipboard(None);
}
