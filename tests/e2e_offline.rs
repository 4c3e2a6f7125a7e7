//! End-to-end journeys of the app offline and installed (release build, `scripts/pwa.mjs`):
//! the service worker and manifest the build serves, the app and its plan with the site
//! unreachable, the "new version" notice and its Reload (which saves first, and does not
//! reload when it cannot), and the status bar's line on persistent storage and the last
//! export.
//!
//! ```text
//! trunk build --release
//! EP_E2E=1 EP_DIST=$PWD/dist cargo test --test e2e_offline -- --test-threads=1
//! ```
//!
//! Where the engine has no service worker in a WebDriver session the worker journeys say
//! so and stop (a skip line, like the two-window journeys of `e2e_present.rs`); the status
//! bar's journey runs everywhere.
#![cfg(not(target_arch = "wasm32"))]

#[path = "e2e/support.rs"]
mod support;

use serde_json::Value as Json;
use support::{screenshot_dir, stored_workspace, wait_saved, Engine, Session};

/// The notice of src/view/offline.rs.
const UPDATE_READY: &str = "A new version of Engagement Planner is ready. Reload to update";
/// The localStorage key of the saved plan's revision (src/storage/browser.rs).
const REVISION_KEY: &str = "engagement-planner/revision";

/// Whether the page can have a service worker; prints a skip line when it cannot.
async fn has_service_worker(s: &Session) -> bool {
    let ok = s
        .exec_js(
            "return window.isSecureContext && 'serviceWorker' in navigator;",
            vec![],
        )
        .await;
    if ok != Json::Bool(true) {
        println!(
            "{} offers no service worker to this page in a WebDriver session; the offline journeys are skipped there.",
            s.engine().label()
        );
        return false;
    }
    true
}

/// Waits until a service worker controls the page.
async fn wait_controlled(s: &Session) {
    s.wait_for_js(
        "a service worker to control the page",
        "return !!navigator.serviceWorker.controller;",
    )
    .await;
}

/// The build id of the worker that controls the page (it answers a "build" message), or
/// "" while no worker controls it or the one that did is being replaced.
async fn controlling_build(s: &Session) -> String {
    let build = s
        .exec_js_async(
            "const done = arguments[arguments.length - 1];\
             const worker = navigator.serviceWorker.controller;\
             if (!worker) return done('');\
             const channel = new MessageChannel();\
             channel.port1.onmessage = (e) => done(e.data);\
             setTimeout(() => done(''), 2000);\
             worker.postMessage({ type: 'build' }, [channel.port2]);",
            vec![],
        )
        .await;
    build.as_str().unwrap_or_default().to_string()
}

/// Screenshots of the page at 1024×768 in the normal and the projector theme, to look at:
/// `target/screenshots/<engine>/<name>-normal.png` and `-projector.png`.
async fn screenshots(s: &Session, name: &str) {
    s.set_viewport(1024, 768).await;
    for theme in ["normal", "projector"] {
        s.exec_js(
            "const [t] = arguments; const root = document.documentElement;\
             if (t === 'projector') root.setAttribute('data-theme', 'projector');\
             else root.removeAttribute('data-theme');",
            vec![Json::String(theme.into())],
        )
        .await;
        s.screenshot(&screenshot_dir().join(format!("{name}-{theme}.png")))
            .await;
    }
    s.exec_js(
        "document.documentElement.removeAttribute('data-theme');",
        vec![],
    )
    .await;
}

/// Opens the app (from a copy of the build) with a plan ("Harbour Retrofit") and, once a
/// worker controls it, puts a new version on the server (another sw.js: another build id)
/// and has the browser look for it. Returns the two build ids, or `None` (after a skip
/// line) where the engine has no service worker.
async fn new_version_waiting(s: &Session) -> Option<(String, String)> {
    let served = s.serve_copy_of_build();
    s.goto_app().await;
    if !has_service_worker(s).await {
        return None;
    }
    wait_controlled(s).await;
    let first = controlling_build(s).await;
    assert_eq!(first.len(), 16, "the worker names its build: {first:?}");
    create_engagement(s, "Harbour Retrofit").await;
    // Nothing to update to: no notice.
    assert_eq!(s.count_by_role("button", Some("Reload")).await, 0);

    let sw_path = served.join("sw.js");
    let sw = std::fs::read_to_string(&sw_path).expect("sw.js");
    let next = "0123456789abcdef".to_string();
    std::fs::write(&sw_path, sw.replace(&first, &next)).expect("write sw.js");
    s.exec_js(
        "navigator.serviceWorker.getRegistration().then((r) => r.update());",
        vec![],
    )
    .await;
    Some((first, next))
}

/// Creates an engagement from the File menu and waits until it is saved.
async fn create_engagement(s: &Session, name: &str) {
    support::open_file_menu(s).await;
    s.click_role("button", "New engagement").await;
    s.by_role("form", "New engagement").await;
    s.fill_label("Name", name).await;
    s.click_role("button", "Create").await;
    s.wait_for_text(name).await;
    wait_saved(s).await;
}

/// The names of the engagements in the stored plan.
async fn stored_names(s: &Session) -> Vec<String> {
    stored_workspace(s).await["engagements"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e["name"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Puts a mark on the current page, so a test can tell when the page has been reloaded.
async fn mark_page(s: &Session) {
    s.exec_js("window.__epBeforeReload = true;", vec![]).await;
}

async fn page_marked(s: &Session) -> bool {
    s.exec_js("return window.__epBeforeReload === true;", vec![])
        .await
        == Json::Bool(true)
}

/// The engagement switcher's chosen name.
async fn chosen_engagement(s: &Session) -> String {
    let select = s.by_label("Engagement").await;
    s.exec_js(
        "const s = arguments[0]; return s.options[s.selectedIndex].text;",
        vec![support::el_arg(&select)],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Renames the chosen engagement and presses Reload in the same task, before the app's
/// debounced save could run: only the Reload's own save can keep the new name.
async fn rename_and_reload(s: &Session, name: &str) {
    let field = s.by_label("Engagement name").await;
    let reload = s.by_role("button", "Reload").await;
    s.exec_js(
        "const [field, reload, name] = arguments;\
         const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;\
         set.call(field, name);\
         field.dispatchEvent(new InputEvent('input', { bubbles: true }));\
         field.dispatchEvent(new Event('change', { bubbles: true }));\
         reload.click();",
        vec![
            support::el_arg(&field),
            support::el_arg(&reload),
            Json::String(name.into()),
        ],
    )
    .await;
}

#[tokio::test]
async fn build_serves_a_service_worker_and_a_manifest_for_its_own_files() {
    let Some(s) = Session::start().await else {
        return;
    };
    let served = s.serve_copy_of_build();
    s.goto_app().await;
    let fetch = |name: &str| {
        format!(
            "const done = arguments[arguments.length - 1];\
             fetch('{name}').then(async (r) => done([r.status, r.headers.get('content-type'), await r.text()]),\
                                  (e) => done([0, '', String(e)]));"
        )
    };

    let sw = s.exec_js_async(&fetch("sw.js"), vec![]).await;
    assert_eq!(sw[0], 200, "sw.js is served beside index.html: {sw}");
    let sw = sw[2].as_str().unwrap_or_default().to_string();
    let build = sw
        .split("const BUILD = \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default();
    assert!(
        build.len() == 16 && build.chars().all(|c| c.is_ascii_hexdigit()),
        "sw.js names its build with a 16-digit hash, not {build:?}"
    );
    // Every file of the build is precached by name: the hashed wasm, glue and stylesheets.
    let mut kinds = [0usize; 3];
    for entry in std::fs::read_dir(&served)
        .expect("the served build")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().to_string();
        if name == "sw.js" {
            continue;
        }
        assert!(
            sw.contains(&format!("\"{name}\"")),
            "sw.js does not precache {name}"
        );
        for (i, ext) in [".wasm", ".js", ".css"].iter().enumerate() {
            if name.ends_with(ext) {
                kinds[i] += 1;
            }
        }
    }
    assert!(
        kinds.iter().all(|&n| n > 0),
        "the build has wasm, js and css files: {kinds:?}"
    );

    let manifest = s
        .exec_js_async(&fetch("manifest.webmanifest"), vec![])
        .await;
    assert_eq!(manifest[0], 200, "the manifest is served: {manifest}");
    assert!(
        manifest[1]
            .as_str()
            .unwrap_or_default()
            .starts_with("application/manifest+json"),
        "the manifest's type: {}",
        manifest[1]
    );
    let manifest: Json =
        serde_json::from_str(manifest[2].as_str().unwrap_or_default()).expect("manifest is JSON");
    assert_eq!(manifest["name"], "Engagement Planner");
    assert_eq!(manifest["start_url"], ".");
    assert_eq!(manifest["scope"], ".");
    assert_eq!(manifest["display"], "standalone");
    let accepted = &manifest["file_handlers"][0]["accept"]["application/json"];
    assert_eq!(
        accepted,
        &serde_json::json!([".engagement.json", ".workspace.json"]),
        "the installed app opens exported plans"
    );
    for icon in manifest["icons"].as_array().expect("icons") {
        let src = icon["src"].as_str().unwrap_or_default();
        let got = s.exec_js_async(&fetch(src), vec![]).await;
        assert_eq!(got[0], 200, "icon {src} is served");
        assert!(
            got[1]
                .as_str()
                .unwrap_or_default()
                .starts_with(icon["type"].as_str().unwrap_or("?")),
            "icon {src} is a {}: served as {}",
            icon["type"],
            got[1]
        );
    }
    // The page links the manifest, relatively, so any sub-path works.
    let linked = s
        .exec_js(
            "return document.querySelector('link[rel=manifest]').getAttribute('href');",
            vec![],
        )
        .await;
    assert_eq!(linked, "manifest.webmanifest");
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn app_and_plan_open_with_the_site_unreachable() {
    let Some(s) = Session::start().await else {
        return;
    };
    s.goto_app().await;
    if !has_service_worker(&s).await {
        return;
    }
    wait_controlled(&s).await;
    create_engagement(&s, "Harbour Retrofit").await;

    s.set_server_offline(true);
    let before = s.served_requests().len();
    // Opening the app's address again (Firefox's driver reloads bypassing the worker, as
    // a forced reload does).
    s.goto_app().await;
    assert_eq!(chosen_engagement(&s).await, "Harbour Retrofit");
    // Another view works too: everything the app needs came from the cache.
    let nav = s.by_role("navigation", "Views").await;
    let roles = s.by_role_in(&nav, "link", "Roles").await;
    s.click(&roles).await;
    s.wait_for_js(
        "the Roles view",
        "const h = document.querySelector('main h2'); return !!h && h.textContent.trim() === 'Roles';",
    )
    .await;
    assert_eq!(
        s.served_requests().len(),
        before,
        "nothing was served while the site was unreachable"
    );
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn new_version_is_offered_and_reload_saves_first() {
    let Some(s) = Session::start().await else {
        return;
    };
    let Some((first, next)) = new_version_waiting(&s).await else {
        return;
    };
    let notice = s.by_testid("update-ready").await;
    assert!(
        s.text_of(&notice).await.starts_with(UPDATE_READY),
        "the update notice says: {}",
        s.text_of(&notice).await
    );
    screenshots(&s, "offline-update").await;

    // Another tab saved meanwhile: the Reload's save is refused, so the page stays, and
    // says why.
    s.local_storage_set(REVISION_KEY, "another-tab").await;
    mark_page(&s).await;
    rename_and_reload(&s, "Harbour Retrofit, phase 2").await;
    s.wait_for_text("The page was not reloaded, so that nothing is lost")
        .await;
    assert!(
        page_marked(&s).await,
        "the page reloaded over an unsaved edit"
    );
    assert_eq!(controlling_build(&s).await, first);

    // Keep mine, then Reload: saved, and the new version takes over.
    s.click_role("button", "Keep mine and overwrite").await;
    wait_saved(&s).await;
    rename_and_reload(&s, "Harbour Retrofit, phase 3").await;
    s.wait_until("the page to reload into the new version", async || {
        !page_marked(&s).await
    })
    .await;
    s.wait_app_mounted().await;
    wait_controlled(&s).await;
    assert_eq!(controlling_build(&s).await, next);
    assert_eq!(chosen_engagement(&s).await, "Harbour Retrofit, phase 3");
    assert_eq!(stored_names(&s).await, ["Harbour Retrofit, phase 3"]);
    assert_eq!(s.count_by_role("button", Some("Reload")).await, 0);
    // The old version's cache is gone; only the new one is left.
    let caches = s
        .exec_js_async(
            "const done = arguments[arguments.length - 1]; caches.keys().then(done);",
            vec![],
        )
        .await;
    let caches: Vec<&str> = caches
        .as_array()
        .expect("cache names")
        .iter()
        .filter_map(Json::as_str)
        .collect();
    assert_eq!(caches.len(), 1, "one cache left: {caches:?}");
    assert!(
        caches[0].ends_with(next.as_str()),
        "the new build's cache: {caches:?}"
    );
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn status_bar_says_how_the_plan_is_kept() {
    let Some(s) = Session::start().await else {
        return;
    };
    s.goto_app().await;
    create_engagement(&s, "Harbour Retrofit").await;
    let line = s.by_testid("storage-state").await;
    s.wait_until(
        "the status bar to say the plan was never exported",
        async || {
            s.text_of(&line)
                .await
                .contains("Never exported — export a copy to keep it safe")
        },
    )
    .await;

    // Exporting the engagement counts...
    support::open_file_menu(&s).await;
    s.click_role("button", "Export engagement").await;
    s.wait_for_download().await;
    s.wait_until(
        "the status bar to say the plan was exported today",
        async || s.text_of(&line).await.contains("Last exported today"),
    )
    .await;
    // ... and so does exporting the workspace.
    s.exec_js(
        "localStorage.removeItem('engagement-planner/last-exported');",
        vec![],
    )
    .await;
    s.reload().await;
    let line = s.by_testid("storage-state").await;
    assert!(s.text_of(&line).await.contains("Never exported"));
    support::open_file_menu(&s).await;
    s.click_role("button", "Export workspace").await;
    s.wait_for_download().await;
    s.wait_until(
        "the status bar to say the plan was exported today",
        async || s.text_of(&line).await.contains("Last exported today"),
    )
    .await;
    // Remembered in this browser.
    s.reload().await;
    let line = s.by_testid("storage-state").await;
    s.wait_until("the export to be remembered after a reload", async || {
        s.text_of(&line).await.contains("Last exported today")
    })
    .await;

    // Persistent storage: where the browser can say, the line says it, and offers to ask
    // once when it is not.
    let can_say = s
        .exec_js(
            "return !!(navigator.storage && navigator.storage.persisted);",
            vec![],
        )
        .await;
    if can_say == Json::Bool(true) {
        s.wait_until(
            "the line to say whether storage is persistent",
            async || {
                let text = s.text_of(&line).await;
                text.contains("Stored persistently")
                    || text.contains("Storage may be cleared after weeks without a visit")
            },
        )
        .await;
        if s.count_by_role("button", Some("Keep my plans")).await == 1
            && s.engine() != Engine::Firefox
        {
            // Firefox asks the user in a door-hanger WebDriver cannot answer.
            s.click_role("button", "Keep my plans").await;
            s.wait_until("the browser's answer", async || {
                let text = s.text_of(&line).await;
                text.contains("Stored persistently")
                    || text.contains("The browser declined to store plans persistently")
            })
            .await;
            println!(
                "{} answered the request for persistent storage: {}",
                s.engine().label(),
                s.text_of(&line).await
            );
            assert_eq!(s.count_by_role("button", Some("Keep my plans")).await, 0);
        }
        screenshots(&s, "offline-storage-line").await;
    } else {
        println!(
            "{} cannot say whether storage is persistent; the line only says when the plan was exported.",
            s.engine().label()
        );
    }
    s.assert_no_js_errors().await;
}

/// The files an installed app is asked to open reach the same import offer as a chosen file.
/// WebDriver cannot launch an installed app with files, so a stand-in `window.launchQueue`,
/// put in place before the app starts (Chromium's DevTools), hands the app one file the way
/// Chromium's does: a launch whose `files` are handles with `getFile()`.
#[tokio::test]
async fn a_file_the_installed_app_is_asked_to_open_is_offered_for_import() {
    let Some(s) = Session::start().await else {
        return;
    };
    if s.engine() != Engine::Chromium {
        println!(
            "Opening files with the installed app is Chromium's (launchQueue); skipped in {}.",
            s.engine().label()
        );
        return;
    }
    // A document the app wrote (its saved plan), then an empty browser.
    s.goto_app().await;
    create_engagement(&s, "Harbour Retrofit").await;
    let stored = s
        .local_storage_get(support::WORKSPACE_KEY)
        .await
        .expect("the plan is saved");
    s.local_storage_clear().await;
    let script = format!(
        "(() => {{\
           const text = {text};\
           const queue = {{ setConsumer(consume) {{\
             window.__epLaunchConsumer = true;\
             consume({{ files: [{{ getFile: async () => new File([text], 'harbour-retrofit.engagement.json', {{ type: 'application/json' }}) }}] }});\
           }} }};\
           Object.defineProperty(window, 'launchQueue', {{ value: queue, configurable: true }});\
         }})();",
        text = serde_json::to_string(&stored).expect("a string")
    );
    s.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": script }),
    )
    .await;
    s.reload().await;
    s.by_role("heading", "Start an engagement").await;
    let offer = s.by_testid("import-offer").await;
    assert!(
        s.text_of(&offer)
            .await
            .contains("Import “harbour-retrofit.engagement.json”"),
        "the offer names the file: {}",
        s.text_of(&offer).await
    );
    s.click_role("button", "Add as new engagement").await;
    s.wait_until("the file's engagement to be added", async || {
        chosen_engagement(&s).await == "Harbour Retrofit"
    })
    .await;
    s.assert_no_js_errors().await;
}

/// Two tabs of the app show the notice; Reload in one lets the new version take over both.
/// The other tab's Reload then only needs to load the page again (it must not wait for a
/// change of worker that has already happened). The other tab is played here by a script
/// that sends the waiting worker the same "skip-waiting" message.
#[tokio::test]
async fn reload_after_another_tab_updated_loads_the_new_version() {
    let Some(s) = Session::start().await else {
        return;
    };
    let Some((_, next)) = new_version_waiting(&s).await else {
        return;
    };
    s.by_testid("update-ready").await;

    // "Another tab" lets the new version take over.
    s.exec_js(
        "navigator.serviceWorker.getRegistration().then((r) => r.waiting.postMessage({ type: 'skip-waiting' }));",
        vec![],
    )
    .await;
    s.wait_until("the new version to control the page", async || {
        controlling_build(&s).await == next
    })
    .await;
    assert!(
        s.count_by_role("button", Some("Reload")).await == 1,
        "this tab still runs the old version and still offers the new one"
    );
    mark_page(&s).await;
    rename_and_reload(&s, "Harbour Retrofit, phase 2").await;
    s.wait_until("the page to load again", async || !page_marked(&s).await)
        .await;
    s.wait_app_mounted().await;
    assert_eq!(chosen_engagement(&s).await, "Harbour Retrofit, phase 2");
    assert_eq!(controlling_build(&s).await, next);
    assert_eq!(s.count_by_role("button", Some("Reload")).await, 0);
    s.assert_no_js_errors().await;
}
