//! End-to-end journeys of the Portfolio view through the release build in Chromium,
//! Firefox or WebKit (`EP_BROWSER`, see `tests/e2e/support.rs`): a workspace of several
//! engagements opens on the dashboard; sorting by a heading, filtering by a choice and by
//! typed text; the health link leads to that engagement's findings; the heatmap marks
//! an overloaded person in colour and in words; a workspace of one engagement still opens
//! on its Overview.
//!
//! ```text
//! trunk build --release
//! EP_E2E=1 EP_DIST=$PWD/dist cargo test --test e2e_portfolio -- --test-threads=1
//! ```
//!
//! `portfolio_screenshots` writes the dashboard and the heatmap at 1024×768, in the normal
//! and the projector theme, to `target/screenshots/<engine>/portfolio-*.png`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "e2e/support.rs"]
mod support;

mod plans;

use plans::*;
use serde_json::Value as Json;
use support::{el_arg, open_on, screenshot_at, screenshot_dir, set_projector, Session};

/// The names of the dashboard's rows, top to bottom.
async fn row_names(s: &Session) -> Vec<String> {
    let v = s
        .exec_js(
            "return [...document.querySelectorAll('[data-testid=\"portfolio-row\"] th a')].map(a => a.textContent.trim());",
            vec![],
        )
        .await;
    serde_json::from_value(v).expect("a list of names")
}

/// Every row, in the order of the portfolio's accounts (Harbor Retail, then none) and
/// names.
const ALL_ROWS: [&str; 3] = [
    "Harbor loyalty app",
    "Website relaunch",
    "Orchid Bank portal",
];

/// The Harbor Retail rows the other way round.
const RELAUNCH_FIRST: [&str; 3] = [
    "Website relaunch",
    "Harbor loyalty app",
    "Orchid Bank portal",
];

async fn wait_rows(s: &Session, expected: &[&str]) {
    s.wait_until(
        &format!("the dashboard's rows to be {expected:?}"),
        async || row_names(s).await == expected,
    )
    .await;
}

/// Opens the app without an address, as someone starting it does.
async fn open_at_start(s: &Session, w: &engagement_planner::model::Workspace) {
    open_on(s, w).await;
    s.goto_app().await;
    s.by_role("navigation", "Views").await;
}

/// Waits until the page's address ends with `hash`.
async fn wait_address(s: &Session, hash: &str) {
    s.wait_until(&format!("the address {hash}"), async || {
        s.current_url().await.ends_with(hash)
    })
    .await;
}

/// A browser session opened, without an address, on the portfolio plan; none when
/// journeys are not run.
async fn start_on_portfolio() -> Option<(Session, PortfolioPlan)> {
    let s = Session::start().await?;
    let plan = portfolio_plan();
    open_at_start(&s, &plan.workspace).await;
    Some((s, plan))
}

/// The `aria-sort` of the heading whose sort button is called `name`.
async fn aria_sort(s: &Session, name: &str) -> String {
    let button = s.by_role("button", name).await;
    let v = s
        .exec_js(
            "return arguments[0].closest('th').getAttribute('aria-sort');",
            vec![el_arg(&button)],
        )
        .await;
    v.as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn a_portfolio_opens_on_the_dashboard_sorts_filters_and_leads_to_findings() {
    let Some((s, plan)) = start_on_portfolio().await else {
        return;
    };
    s.by_role("heading", "Portfolio").await;
    let url = s.current_url().await;
    assert!(
        url.ends_with("#/portfolio"),
        "the address names the Portfolio: {url}"
    );
    let current = s
        .exec_js(
            "return document.querySelector('nav[aria-label=\"Views\"] a[aria-current=\"page\"]').textContent;",
            vec![],
        )
        .await;
    assert_eq!(current, Json::from("Portfolio"));
    // Grouped by account, the engagements with none last.
    wait_rows(&s, &ALL_ROWS).await;
    s.by_role("rowheader", "Harbor Retail · 2 engagements")
        .await;
    s.by_role("rowheader", "No account recorded · 1 engagement")
        .await;
    assert_eq!(aria_sort(&s, "Engagement").await, "ascending");

    // Sort: the same heading turns around; another starts ascending.
    s.click_role("button", "Engagement").await;
    wait_rows(&s, &RELAUNCH_FIRST).await;
    assert_eq!(aria_sort(&s, "Engagement").await, "descending");
    s.click_role("button", "Stage").await;
    assert_eq!(aria_sort(&s, "Stage").await, "ascending");
    assert_eq!(aria_sort(&s, "Engagement").await, "none");
    // Sales before Performance.
    wait_rows(&s, &RELAUNCH_FIRST).await;
    s.click_role("button", "Stage").await;
    wait_rows(&s, &ALL_ROWS).await;

    // Filter by a choice, then by typed text.
    let summary = s.by_text("Filter the engagements").await;
    s.click(&summary).await;
    let stage = s.by_label("Stage is").await;
    s.select_option(&stage, "Performance").await;
    wait_rows(&s, &["Harbor loyalty app"]).await;
    s.by_text("Portfolio total (1 of 3 engagements shown)")
        .await;
    s.click_role("button", "Clear filters").await;
    wait_rows(&s, &ALL_ROWS).await;
    let name = s.by_label("Engagement contains").await;
    s.type_keys(&name, "orchid").await;
    wait_rows(&s, &["Orchid Bank portal"]).await;
    s.fill(&name, "nothing of the kind").await;
    s.by_text("No engagement matches these filters.").await;
    s.click_role("button", "Clear filters").await;
    wait_rows(&s, &ALL_ROWS).await;

    // The health cell leads to that engagement's findings.
    let health = s
        .by_role_containing("link", "Health of Website relaunch")
        .await;
    let said = s.attr_of(&health, "aria-label").await.unwrap_or_default();
    assert!(said.contains("critical"), "{said}");
    s.click(&health).await;
    wait_address(&s, &format!("#/health/{}", plan.relaunch)).await;
    s.wait_until("the relaunch's findings", async || {
        !s.all_by_testid("finding").await.is_empty()
    })
    .await;
    s.wait_for_text("Legal has no accountable owner").await;

    // And the row's name leads to its Overview.
    s.click_role("link", "Portfolio").await;
    s.by_role("heading", "Portfolio").await;
    s.click_role("link", "Orchid Bank portal").await;
    wait_address(&s, &format!("#/overview/{}", plan.orchid)).await;
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn the_heatmap_marks_an_overloaded_person_in_colour_and_in_words() {
    let Some((s, _)) = start_on_portfolio().await else {
        return;
    };
    s.by_role("heading", "Workload").await;
    s.by_role("region", "Workload by person and engagement")
        .await;
    let rows = s.all_by_testid("heat-row").await;
    assert!(!rows.is_empty());
    let first = s
        .exec_js(
            "const row = document.querySelector('[data-testid=\"heat-row\"]');\
             const load = row.querySelector('.heat-load');\
             const other = document.querySelectorAll('[data-testid=\"heat-row\"]');\
             const calm = [...other].map(r => r.querySelector('.heat-load')).find(l => !l.classList.contains('over'));\
             return { name: row.querySelector('th').textContent, load: load.textContent,\
                      bg: getComputedStyle(load).backgroundColor,\
                      calm: calm ? getComputedStyle(calm).backgroundColor : null };",
            vec![],
        )
        .await;
    assert_eq!(first["name"], Json::from("Sam Ortiz"), "{first}");
    let load = first["load"].as_str().unwrap_or_default();
    assert!(load.contains("18 h of 10 h. Over by 8 h"), "{first}");
    assert_ne!(
        first["bg"], first["calm"],
        "over capacity has its own colour: {first}"
    );
    s.wait_for_text("1 person over capacity, listed first.")
        .await;
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn one_engagement_still_opens_on_its_overview() {
    let Some(s) = Session::start().await else {
        return;
    };
    let (w, _) = example_plan();
    open_at_start(&s, &w).await;
    s.wait_until("the Overview", async || {
        s.current_url().await.contains("#/overview")
    })
    .await;
    // The Portfolio is still one link away.
    s.click_role("link", "Portfolio").await;
    s.by_role("heading", "Portfolio").await;
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn portfolio_screenshots() {
    let Some((s, _)) = start_on_portfolio().await else {
        return;
    };
    s.set_viewport(1024, 768).await;
    let dir = screenshot_dir();
    for projector in [false, true] {
        set_projector(&s, projector).await;
        let theme = if projector { "projector" } else { "normal" };
        for (part, selector) in [
            ("dashboard", "#portfolio-title"),
            ("heatmap", "#heatmap-title"),
            ("accounts", "#accounts-title"),
        ] {
            let el = s.by_css(selector).await;
            let path = dir.join(format!("portfolio-{part}-{theme}-1024x768.png"));
            screenshot_at(&s, &el, &path).await;
        }
    }
    s.assert_no_js_errors().await;
}
