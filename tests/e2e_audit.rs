//! The locked-down page, end to end, through the release build in Chromium, Firefox or
//! WebKit (`EP_BROWSER`, see `tests/e2e/support.rs`):
//!
//! * the Content Security Policy: `dist/index.html` carries it ahead of every script and
//!   stylesheet, its hash is the loader script's, and the journeys' harness catches a
//!   violation (a style attribute and an inline script written into the page on purpose);
//!   every other journey fails on any violation through `support`;
//! * the accessibility audit: axe-core (`node_modules/axe-core`, pinned in package.json) run
//!   with its default rules (WCAG 2.x A and AA, and the best practices axe enables by
//!   default) reports nothing on every view in both themes, the Portfolio dashboard of a
//!   workspace of three engagements, the Share dialog, the print charter, and both windows
//!   of a workshop (the presenting window and the audience window, at every section of the
//!   agenda).
//!
//! axe is read from `node_modules/axe-core/axe.min.js` and run through WebDriver, which the
//! page's policy does not govern (WebDriver's scripts are the browser's, not the page's).
//!
//! ```text
//! trunk build --release
//! EP_E2E=1 EP_DIST=$PWD/dist cargo test --test e2e_audit -- --test-threads=1
//! ```
#![cfg(not(target_arch = "wasm32"))]

#[path = "e2e/support.rs"]
mod support;

mod plans;

use engagement_planner::model::assessment::View;
use fantoccini::wd::WindowHandle;
use plans::*;
use serde_json::{json, Value as Json};
use support::{csp_report, open_file_menu, open_on, open_view, set_projector, theme_name, Session};

// ===== axe ===============================================================================

/// axe-core's browser build, as npm installed it (scripts/ensure-tools).
fn axe_source() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("node_modules")
        .join("axe-core")
        .join("axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; run scripts/ensure-tools (it installs axe-core with npm ci)",
            path.display()
        )
    })
}

/// Runs axe with its default rules on the page as it is and returns one line per
/// violation: the place, the rule's id, its impact and help text, and the failing
/// elements' selectors.
const AXE_RUN_JS: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] }).then(
  (r) => done(r.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' >> '), summary: n.failureSummary })),
  }))),
  (e) => done({ error: String(e && (e.stack || e)) }),
);
"#;

/// axe's findings on the current page, as lines naming `place`; injects axe first if this
/// page has not got it yet.
async fn audit(s: &Session, place: &str) -> Vec<String> {
    let has = s
        .exec_js("return typeof window.axe === 'object';", vec![])
        .await;
    if has != json!(true) {
        s.exec_js(&axe_source(), vec![]).await;
        let version = s.exec_js("return window.axe && axe.version;", vec![]).await;
        assert!(
            version.is_string(),
            "axe did not load into the page ({place}): {version}"
        );
    }
    // Animations and transitions finished, so colours are measured as they settle.
    s.exec_js_async(
        "const done = arguments[arguments.length - 1];\
         Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)))\
           .then(() => requestAnimationFrame(() => done(null)));",
        vec![],
    )
    .await;
    let result = s.exec_js_async(AXE_RUN_JS, vec![]).await;
    if let Some(e) = result.get("error") {
        panic!("axe failed on {place}: {e}");
    }
    let lines = describe(place, &result);
    eprintln!(
        "audited {place}: {}",
        if lines.is_empty() {
            "no violation".to_string()
        } else {
            format!("{} violation(s)", lines.len())
        }
    );
    lines
}

/// One line per violation of an axe result (see [`AXE_RUN_JS`]).
fn describe(place: &str, violations: &Json) -> Vec<String> {
    violations
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| {
            let nodes: Vec<String> = v["nodes"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|n| {
                    format!(
                        "{} ({})",
                        n["target"].as_str().unwrap_or("?"),
                        n["summary"].as_str().unwrap_or_default().replace('\n', " ")
                    )
                })
                .collect();
            format!(
                "{place}: {} ({}): {}\n      {}",
                v["id"].as_str().unwrap_or("?"),
                v["impact"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or("?"),
                nodes.join("\n      ")
            )
        })
        .collect()
}

fn assert_clean(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "axe found {} accessibility violation(s):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

// ===== getting around ====================================================================

/// The portfolio plan (three engagements, two currencies, an overloaded person, expenses,
/// departures from the standard), opened on the Website relaunch's Overview.
async fn open_portfolio(s: &Session) {
    let plan = portfolio_plan();
    open_on(s, &plan.workspace).await;
    s.goto_app().await;
    s.by_role("heading", "Portfolio").await;
}

// ===== the Content Security Policy =======================================================

/// The policy `dist/index.html` ships: in a `<meta>` right after `<meta charset>`, ahead of
/// every script and stylesheet, with the directives the page needs and nothing looser.
#[tokio::test]
async fn the_build_carries_its_content_security_policy() {
    let Some(s) = Session::start().await else {
        return;
    };
    let dist = std::path::PathBuf::from(std::env::var("EP_DIST").unwrap());
    let page = std::fs::read_to_string(dist.join("index.html")).expect("dist/index.html");
    let head = &page[page.find("<head>").expect("a <head>")..];
    let meta = head
        .find("http-equiv=\"Content-Security-Policy\"")
        .expect("index.html has a Content-Security-Policy meta element");
    for first in ["<script", "<link", "<style"] {
        if let Some(at) = head.find(first) {
            assert!(meta < at, "the policy comes after a {first} element");
        }
    }
    assert!(
        head[..meta].contains("<meta charset=\"utf-8\" />"),
        "the policy follows <meta charset>"
    );

    // In the page: the policy is the meta element's, and its script hash is the loader's.
    s.goto_app().await;
    let checked = s
        .exec_js_async(
            r#"const done = arguments[arguments.length - 1];
const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
const loader = [...document.querySelectorAll('script[type="module"]:not([src])')];
const text = loader.length === 1 ? loader[0].textContent : '';
crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)).then((d) => {
  const hash = btoa(String.fromCharCode(...new Uint8Array(d)));
  done({ policy: meta ? meta.content : null, loaders: loader.length, hash });
});"#,
            vec![],
        )
        .await;
    let policy = checked["policy"].as_str().expect("the page has the policy");
    assert_eq!(checked["loaders"], json!(1), "one inline module loader");
    let hash = checked["hash"].as_str().unwrap();
    let directives: Vec<&str> = policy.split(';').map(str::trim).collect();
    assert_eq!(
        directives,
        [
            "default-src 'self'",
            &format!("script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}'"),
            "style-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "connect-src 'self'",
        ],
        "the shipped policy"
    );
    s.assert_no_js_errors().await;
}

/// The journeys' harness sees what the policy blocks: a style attribute and an inline
/// script written into the page fail `assert_no_js_errors` with the directive and the
/// blocked URI named; the CSSOM, which the app uses, is not blocked.
#[tokio::test]
async fn the_harness_catches_a_policy_violation() {
    let Some(s) = Session::start().await else {
        return;
    };
    s.goto_app().await;
    s.by_role("heading", "Start an engagement").await;
    assert_eq!(s.csp_violations().await, Vec::<String>::new());

    let effect = s
        .exec_js(
            "const p = document.createElement('p');\
             p.id = 'csp-probe';\
             p.textContent = 'probe';\
             document.body.append(p);\
             p.setAttribute('style', 'outline-color: rgb(1, 2, 3)');\
             const q = document.createElement('p');\
             q.style.setProperty('outline-color', 'rgb(4, 5, 6)');\
             document.body.append(q);\
             const script = document.createElement('script');\
             script.textContent = 'window.__inlineRan = true;';\
             document.body.append(script);\
             return { attribute: getComputedStyle(p).outlineColor, cssom: getComputedStyle(q).outlineColor,\
                      ran: window.__inlineRan === true };",
            vec![],
        )
        .await;
    assert_ne!(
        effect["attribute"],
        json!("rgb(1, 2, 3)"),
        "the policy let a style attribute through: {effect}"
    );
    assert_eq!(
        effect["cssom"],
        json!("rgb(4, 5, 6)"),
        "the CSSOM is allowed: {effect}"
    );
    assert_eq!(
        effect["ran"],
        json!(false),
        "the policy let an inline script run"
    );

    let seen = s
        .wait_for("both violations to be reported", async || {
            let v = s.csp_violations().await;
            (v.len() >= 2).then_some(v)
        })
        .await;
    let report = csp_report(&seen).expect_err("violations make a report");
    for (directive, what) in [
        ("style-src", "the style attribute"),
        ("script-src", "the inline script"),
    ] {
        assert!(
            seen.iter()
                .any(|v| v.starts_with(directive) && v.contains(" blocked inline")),
            "{what} is reported with its directive ({directive}…) and blocked URI: {report}"
        );
    }
    // Kept over a reload of the tab, so a journey's last check sees it.
    s.reload().await;
    assert_eq!(s.csp_violations().await, seen);
    let check = s.check_csp().await;
    assert!(
        check.as_ref().is_err_and(|r| r.contains("blocked inline")),
        "assert_no_js_errors would fail: {check:?}"
    );

    // Forgotten on purpose, so this session ends clean.
    assert_eq!(s.take_csp_violations().await, seen);
    s.reload().await;
    assert_eq!(s.csp_violations().await, Vec::<String>::new());
    s.assert_no_js_errors().await;
}

// ===== the accessibility audit ===========================================================

/// The audit itself reports what it finds: a button with no name, added on purpose.
#[tokio::test]
async fn the_audit_reports_a_violation() {
    let Some(s) = Session::start().await else {
        return;
    };
    s.goto_app().await;
    s.by_role("heading", "Start an engagement").await;
    s.exec_js(
        "const b = document.createElement('button'); b.id = 'nameless'; document.querySelector('main').append(b);",
        vec![],
    )
    .await;
    let found = audit(&s, "a nameless button").await;
    assert!(
        found
            .iter()
            .any(|l| l.contains("button-name (critical)") && l.contains("#nameless")),
        "axe names the rule, its impact and the element: {found:?}"
    );
    s.exec_js("document.getElementById('nameless').remove();", vec![])
        .await;
    assert_clean(&audit(&s, "the welcome page").await);
    s.assert_no_js_errors().await;
}

/// Every view of an engagement and the Portfolio dashboard, in both themes, and the Share
/// dialog and the print charter over them.
#[tokio::test]
async fn every_view_passes_the_audit_in_both_themes() {
    let Some(s) = Session::start().await else {
        return;
    };
    open_portfolio(&s).await;
    let mut problems = Vec::new();
    for projector in [false, true] {
        set_projector(&s, projector).await;
        let theme = theme_name(projector);
        // The dashboard of three engagements, then the Website relaunch's views.
        open_view(&s, "Portfolio").await;
        problems.extend(audit(&s, &format!("{theme} Portfolio")).await);
        let dashboard = s.by_role("table", "Engagements by account").await;
        let relaunch = s.by_role_in(&dashboard, "link", "Website relaunch").await;
        s.click(&relaunch).await;
        s.by_role("heading", "Overview").await;
        for view in View::ALL {
            if view == View::Portfolio {
                continue;
            }
            let label = view.label();
            open_view(&s, label).await;
            problems.extend(audit(&s, &format!("{theme} {label}")).await);
        }

        open_file_menu(&s).await;
        problems.extend(audit(&s, &format!("{theme} File menu")).await);
        s.click_role("button", "Share…").await;
        s.by_role("dialog", "Share").await;
        problems.extend(audit(&s, &format!("{theme} Share dialog")).await);
        s.click_role("button", "Close Share").await;
        s.wait_gone_role("dialog", "Share").await;

        open_file_menu(&s).await;
        s.click_role("button", "Print charter…").await;
        s.wait_for_js(
            "the charter",
            "return !!document.querySelector('.charter-page #charter-title')\
             && document.documentElement.classList.contains('charter-open');",
        )
        .await;
        problems.extend(audit(&s, &format!("{theme} print charter")).await);
        s.click_role("button", "Back to the plan").await;
        s.wait_for_js(
            "the plan again",
            "return !document.documentElement.classList.contains('charter-open');",
        )
        .await;
    }
    assert_clean(&problems);
    s.assert_no_js_errors().await;
}

/// A roster longer than a page (62 people): the People view's pager and the Roles board's,
/// used as a person would (next page, show all, back), audited in both themes, with
/// screenshots at 1024×768.
#[tokio::test]
async fn long_rosters_page_and_pass_the_audit() {
    let Some(s) = Session::start().await else {
        return;
    };
    let (mut w, _) = example_plan();
    for i in 0..50 {
        person(
            &mut w,
            &format!("Team member {:02}", i + 1),
            engagement_planner::model::StakeholderGroup::Performer,
            40,
        );
    }
    let total = w.people.len();
    open_on(&s, &w).await;
    s.set_viewport(1024, 768).await;
    let dir = support::screenshot_dir();
    let rows = async || {
        s.exec_js(
            "return document.querySelectorAll('.people-table tbody tr').length;",
            vec![],
        )
        .await
        .as_u64()
        .unwrap_or(0) as usize
    };
    let mut problems = Vec::new();
    for projector in [false, true] {
        set_projector(&s, projector).await;
        let theme = theme_name(projector);
        open_view(&s, "People").await;
        let pager = s.by_role("navigation", "Pages of the roster").await;
        assert!(
            s.text_of(&pager)
                .await
                .contains(&format!("1\u{2013}25 of {total} people")),
            "{theme}: the pager says which people are shown"
        );
        assert_eq!(rows().await, 25);
        s.click(&s.by_role_in(&pager, "button", "Next").await).await;
        s.wait_for_text(&format!("26\u{2013}50 of {total} people"))
            .await;
        s.screenshot(&dir.join(format!("people-{theme}-page-2-1024x768.png")))
            .await;
        problems.extend(audit(&s, &format!("{theme} People, page 2")).await);
        s.click_role("button", &format!("Show all {total}")).await;
        s.wait_until("every row", async || rows().await == total)
            .await;
        problems.extend(audit(&s, &format!("{theme} People, all shown")).await);
        s.click_role("button", "Show 25 at a time").await;
        s.wait_until("a page of rows", async || rows().await == 25)
            .await;

        open_view(&s, "Roles").await;
        let pager = s.by_role("navigation", "Pages of people").await;
        s.click(&s.by_role_in(&pager, "button", "Next").await).await;
        s.wait_for_text(&format!("26\u{2013}50 of {total} people"))
            .await;
        s.screenshot(&dir.join(format!("board-{theme}-people-page-2-1024x768.png")))
            .await;
        problems.extend(audit(&s, &format!("{theme} Roles, people page 2")).await);
    }
    assert_clean(&problems);
    s.assert_no_js_errors().await;
}

// ===== the workshop's two windows ========================================================

async fn on(s: &Session, window: &WindowHandle) {
    s.client
        .switch_to_window(window.clone())
        .await
        .expect("switch window");
}

/// The audience window Present opened (the browser's other window), switched to. The
/// drivers of all three engines list a page's pop-up.
async fn audience_window(s: &Session, facilitator: &WindowHandle) -> WindowHandle {
    let audience = s
        .wait_for("the audience window to open", async || {
            let windows = s.client.windows().await.ok()?;
            windows.into_iter().find(|w| w != facilitator)
        })
        .await;
    on(s, &audience).await;
    audience
}

/// The presenting window and the audience window of a workshop, at every section of the
/// agenda, in both themes (the audience window follows the presenting window's).
#[tokio::test]
async fn both_workshop_windows_pass_the_audit() {
    let Some(s) = Session::start().await else {
        return;
    };
    let plan = workshop();
    open_on(&s, &plan.workspace).await;
    s.goto(&format!("#/overview/{}", plan.engagement.0)).await;
    s.by_role("heading", "Overview").await;
    let facilitator = s.client.window().await.expect("window handle");
    s.click_role("button", "Present").await;
    let audience = audience_window(&s, &facilitator).await;
    s.wait_for_js(
        "the audience window to show the plan",
        "const a = document.querySelector('[data-testid=audience] h1'); return !!a;",
    )
    .await;
    on(&s, &facilitator).await;
    let presenting = s.by_role_containing("region", "Presenting").await;
    let select = s.by_label("Go to section").await;
    let titles: Vec<String> = serde_json::from_value(
        s.exec_js(
            "return Array.from(arguments[0].options).map(o => o.textContent);",
            vec![support::el_arg(&select)],
        )
        .await,
    )
    .unwrap();
    drop(presenting);
    assert!(titles.len() >= 10, "a short agenda: {titles:?}");

    let mut problems = Vec::new();
    for projector in [false, true] {
        let theme = theme_name(projector);
        on(&s, &facilitator).await;
        set_projector(&s, projector).await;
        // The audience window follows the browser's projector setting.
        on(&s, &audience).await;
        support::wait_theme(&s, projector).await;
        for title in &titles {
            on(&s, &facilitator).await;
            let select = s.by_label("Go to section").await;
            s.select_option(&select, title).await;
            let heading = title.split_once(". ").map_or(title.as_str(), |(_, t)| t);
            on(&s, &audience).await;
            s.wait_until(&format!("the audience to show {heading:?}"), async || {
                let v = s
                    .exec_js(
                        "const h = document.querySelector('[data-testid=audience] h1'); return h ? h.textContent.trim() : '';",
                        vec![],
                    )
                    .await;
                v.as_str() == Some(heading)
            })
            .await;
            problems.extend(audit(&s, &format!("{theme} audience window, {title}")).await);
            on(&s, &facilitator).await;
            problems.extend(audit(&s, &format!("{theme} presenting window, {title}")).await);
        }
    }
    assert_clean(&problems);
    s.assert_no_js_errors().await;
    on(&s, &audience).await;
    s.assert_no_js_errors().await;
}
