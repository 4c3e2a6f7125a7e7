//! End-to-end journeys: the release build (`trunk build --release`, folder `EP_DIST`) served
//! from a sub-path and driven through WebDriver in the engine `EP_BROWSER` names: Chromium
//! (chromedriver, the default), Firefox (geckodriver) or WebKit (WebKitWebDriver).
//!
//! Plain `cargo test` skips these by design (each test returns early and says so);
//! `scripts/test` runs them with `EP_E2E=1 EP_DIST=$PWD/dist cargo test --test e2e`.
//! Every test gets its own server, WebDriver server, browser and profile (empty localStorage).
//! `EP_BROWSER=firefox` (or `webkit`) runs the same journeys in that engine; scripts/test
//! runs them in all three.
//!
//! Writing a journey:
//! ```ignore
//! #[tokio::test]
//! async fn my_journey() {
//!     let Some(s) = Session::start().await else { return };
//!     s.goto_app().await;
//!     s.click_role("button", "New plan").await;
//!     s.fill_label("Engagement name", "Acme rollout").await;
//!     s.wait_for_text("Acme rollout").await;
//!     s.assert_no_js_errors().await;
//! }
//! ```
//! See `tests/e2e/support.rs` for all helpers.
#![cfg(not(target_arch = "wasm32"))]

#[path = "e2e/support.rs"]
mod support;

use support::{Session, DEFAULT_SUB_PATH};

#[tokio::test]
async fn app_loads_from_a_sub_path() {
    let Some(s) = Session::start().await else {
        return;
    };
    s.goto_app().await;

    s.by_role("heading", "Engagement Planner").await;
    assert_eq!(s.title().await, "Engagement Planner");
    assert!(
        s.current_url().await.contains(DEFAULT_SUB_PATH),
        "the app should stay under its sub-path"
    );

    // Relative URLs: every file the page asked for lives under the sub-path, and nothing
    // was fetched from any other origin.
    let served = s.served_requests();
    assert!(
        served.iter().any(|p| p.ends_with(".wasm")),
        "the wasm module was not served: {served:?}"
    );
    assert!(
        served.iter().all(|p| p.starts_with(DEFAULT_SUB_PATH)),
        "requests outside the sub-path: {served:?}"
    );
    let origins = s
        .exec_js(
            "return performance.getEntriesByType('resource').map(e => new URL(e.name).origin)\
               .filter(o => o !== location.origin);",
            vec![],
        )
        .await;
    assert_eq!(origins, serde_json::json!([]), "requests to other origins");

    s.assert_no_js_errors().await;
}
