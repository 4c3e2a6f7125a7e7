//! End-to-end journeys of sharing, through the release build: File → Share…, the mail
//! draft's address and the downloaded file, the summary on the clipboard (read back), a
//! link opened in a fresh browser (new profile) and imported, and hostile links (cut off,
//! changed, of another version, a deflate bomb) refused with the plan intact.
//! Screenshots of the dialog at 1024×768 in both themes go to
//! `target/screenshots/<engine>/share-*.png`.
//!
//! ```text
//! trunk build --release
//! EP_E2E=1 EP_BROWSER=chromium EP_DIST=$PWD/dist cargo test --test e2e_share -- --test-threads=1
//! ```
#![cfg(not(target_arch = "wasm32"))]

#[path = "e2e/support.rs"]
mod support;

#[path = "plans/mod.rs"]
mod plans;

use engagement_planner::storage::{link, MAX_DOCUMENT_BYTES};
use plans::*;
use serde_json::{json, Value as Json};
use support::{screenshot_dir, Engine, Session};

async fn open_share(s: &Session) {
    support::open_file_menu(s).await;
    s.click_role("button", "Share…").await;
    s.by_role("dialog", "Share").await;
}

/// Records the address of a `mailto:` link when it is followed, and keeps the browser
/// from handing it to a mail program (there is none here).
async fn catch_mailto(s: &Session) {
    s.exec_js(
        "window.__mailto = [];
         window.addEventListener('click', e => {
           const a = e.target.closest && e.target.closest('a[href^=\"mailto:\"]');
           if (a) { window.__mailto.push(a.href); e.preventDefault(); }
         }, true);
         return true;",
        vec![],
    )
    .await;
}

async fn link_value(s: &Session) -> String {
    let input = s.by_label("Link to this engagement").await;
    s.value_of(&input).await
}

#[tokio::test]
async fn email_copy_and_a_link_opened_in_a_fresh_browser() {
    let Some(s) = Session::start().await else {
        return;
    };
    let plan = workshop();
    support::open_on(&s, &plan.workspace).await;
    open_share(&s).await;
    let dialog = s.by_role("dialog", "Share").await;

    // Email: the file downloads and the mail draft opens.
    catch_mailto(&s).await;
    s.click_role("link", "Email").await;
    let file = s
        .wait_for_download_named("website-relaunch.engagement.json")
        .await;
    let document = file.json();
    assert_eq!(document["kind"], "engagement");
    assert_eq!(
        document["workspace"]["engagements"][0]["name"],
        "Website relaunch"
    );
    // Client-safe by default for contracted work: the internal notes are not in the file.
    assert!(!file.text().contains(REJECTION_NOTE));
    let mailto = s
        .wait_for_js(
            "the mail draft",
            "return (window.__mailto || [])[0] || null;",
        )
        .await;
    let mailto = mailto.as_str().unwrap().to_string();
    assert!(mailto.len() <= 1_800, "{} characters", mailto.len());
    assert!(
        mailto.starts_with("mailto:?subject=Engagement%20plan%3A%20Website%20relaunch&body="),
        "{mailto}"
    );
    assert!(mailto.contains("Harbor%20Retail"), "{mailto}");
    // The app's address, without its fragment, is where the file opens.
    let app = s.app_url();
    let encoded_app: String = app
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    assert!(mailto.contains(&encoded_app), "{mailto}");
    s.wait_for_text("Downloaded “website-relaunch.engagement.json”")
        .await;
    // A client-safe copy is no copy to restore the plan from, so it is not an export for
    // the status bar; the whole plan sent by mail is.
    let exported = s.by_testid("storage-state").await;
    assert!(
        s.text_of(&exported).await.contains("Never exported"),
        "{}",
        s.text_of(&exported).await
    );
    let for_client =
        "For the client (leave out cost rates, margins, commission and internal notes)";
    s.click_role("checkbox", for_client).await;
    s.click_role("link", "Email").await;
    // Chromium writes the second file over the first, Firefox beside it ("…(1)…").
    s.wait_until("the whole plan to be downloaded", async || {
        let dir = file.path.parent().expect("the downloads folder");
        std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .any(|entry| {
                std::fs::read_to_string(entry.path())
                    .is_ok_and(|text| text.contains(REJECTION_NOTE))
            })
    })
    .await;
    s.wait_until(
        "the status bar to count the mail as an export",
        async || s.text_of(&exported).await.contains("Last exported today"),
    )
    .await;
    s.click_role("checkbox", for_client).await;
    println!(
        "{}: mail draft address of the workshop plan: {} characters",
        s.engine().label(),
        mailto.len()
    );

    // Copy summary: HTML and plain text on the clipboard together.
    if s.engine() == Engine::Chromium {
        let origin = app.split('/').take(3).collect::<Vec<_>>().join("/");
        s.cdp(
            "Browser.grantPermissions",
            json!({ "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"], "origin": origin }),
        )
        .await;
        s.click_role("button", "Copy summary").await;
        s.wait_for_text("Summary copied, with its tables and as plain text")
            .await;
        let status = s.by_testid("share-copy-status").await;
        assert_eq!(
            s.attr_of(&status, "aria-live").await.as_deref(),
            Some("polite")
        );
        let clip = s
            .exec_js_async(
                "const done = arguments[arguments.length - 1];
                 navigator.clipboard.read().then(async items => {
                   const out = {};
                   for (const item of items) for (const type of item.types) out[type] = await (await item.getType(type)).text();
                   done(out);
                 }, e => done({ error: String(e) }));",
                vec![],
            )
            .await;
        let text = clip["text/plain"]
            .as_str()
            .unwrap_or_else(|| panic!("{clip}"));
        let html = clip["text/html"]
            .as_str()
            .unwrap_or_else(|| panic!("{clip}"));
        assert!(
            text.starts_with("Engagement plan: Website relaunch\nClient: Harbor Retail"),
            "{text}"
        );
        assert!(
            text.contains("Who owns each function (the Accountable):"),
            "{text}"
        );
        assert!(!text.contains(REJECTION_NOTE), "{text}");
        assert!(html.contains("<table"), "{html}");
        assert!(html.contains("Harbor Retail"), "{html}");
    } else {
        // The driver cannot grant clipboard permission here: the copy either works or
        // falls back to the selected text, and says which.
        s.note_path("the clipboard is not read back (no permission API in this driver)");
        s.click_role("button", "Copy summary").await;
        s.wait_until("the copy's message", async || {
            let text = s.page_text().await;
            text.contains("Summary copied") || text.contains("press Ctrl+C")
        })
        .await;
    }

    // The link.
    let url = link_value(&s).await;
    let (_, fragment) = url.split_once('#').expect("a fragment");
    assert!(fragment.starts_with("plan=1."), "{fragment}");
    println!(
        "{}: link of the workshop plan (client-safe): {} characters",
        s.engine().label(),
        url.len()
    );
    assert!(url.len() > link::LONG_LINK_CHARS);
    s.by_testid("share-link-long").await;
    for theme in ["normal", "projector"] {
        s.set_viewport(1024, 768).await;
        if theme == "projector" {
            s.exec_js(
                "document.documentElement.dataset.theme = 'projector'; return true;",
                vec![],
            )
            .await;
        }
        let dir = screenshot_dir();
        s.exec_js(
            "document.querySelector('.share-dialog').scrollTop = 0; return true;",
            vec![],
        )
        .await;
        s.screenshot(&dir.join(format!("share-dialog-{theme}-1024x768.png")))
            .await;
        s.exec_js(
            "const d = document.querySelector('.share-dialog'); d.scrollTop = d.scrollHeight; return true;",
            vec![],
        )
        .await;
        s.screenshot(&dir.join(format!("share-dialog-{theme}-1024x768-link.png")))
            .await;
    }
    s.exec_js(
        "delete document.documentElement.dataset.theme; return true;",
        vec![],
    )
    .await;
    drop(dialog);
    s.assert_no_js_errors().await;
    let fragment = fragment.to_string();
    drop(s);

    // A fresh browser with an empty profile opens the link.
    let s = Session::start().await.expect("a second session");
    s.goto(&format!("{}#{fragment}", s.app_url())).await;
    let offer = s.by_testid("import-offer").await;
    let offer_text = s.text_of(&offer).await;
    assert!(offer_text.contains("a shared link"), "{offer_text}");
    assert!(offer_text.contains("Website relaunch"), "{offer_text}");
    assert!(!s.current_url().await.contains("plan="));
    s.click_role("button", "Add as new engagement").await;
    shows_relaunch(&s).await;
    let stored = s
        .wait_for("the plan saved", async || {
            let v = support::stored_workspace(&s).await;
            (v["engagements"][0]["name"] == "Website relaunch").then_some(v)
        })
        .await;
    assert!(!stored.to_string().contains(REJECTION_NOTE));
    let address = s.current_url().await;
    assert!(!address.contains("plan="), "{address}");
    assert!(address.contains("#/"), "{address}");
    s.assert_no_js_errors().await;
}

/// The app shows the workshop's engagement (chosen in the engagement picker).
async fn shows_relaunch(s: &Session) {
    s.wait_for_js(
        "the Website relaunch engagement on screen",
        "const picked = document.querySelector('[data-testid=engagement-switcher] option:checked');
         return picked && picked.textContent === 'Website relaunch' ? true : null;",
    )
    .await;
}

/// Compresses `size` zeros in the page: a few kilobytes that inflate to `size` bytes.
async fn bomb(s: &Session, size: usize) -> Vec<u8> {
    use base64::Engine as _;
    let b64 = s
        .exec_js_async(
            "const done = arguments[arguments.length - 1];
             const stream = new Blob([new Uint8Array(arguments[0])]).stream().pipeThrough(new CompressionStream('deflate-raw'));
             new Response(stream).arrayBuffer().then(buf => {
               let s = ''; const b = new Uint8Array(buf);
               for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
               done(btoa(s));
             });",
            vec![json!(size)],
        )
        .await;
    base64::engine::general_purpose::STANDARD
        .decode(b64.as_str().unwrap())
        .unwrap()
}

#[tokio::test]
async fn hostile_links_are_refused_and_the_plan_stays() {
    let Some(s) = Session::start().await else {
        return;
    };
    let plan = workshop();
    support::open_on(&s, &plan.workspace).await;
    support::wait_saved(&s).await;
    let before = support::stored_workspace(&s).await;
    open_share(&s).await;
    let url = link_value(&s).await;
    s.click_role("button", "Close Share").await;
    let (_, good) = url.split_once('#').unwrap();
    let good = good.to_string();
    let mut changed: Vec<char> = good.chars().collect();
    let middle = changed.len() / 2;
    changed[middle] = if changed[middle] == 'A' { 'B' } else { 'A' };
    let changed: String = changed.into_iter().collect();
    let bomb = bomb(&s, MAX_DOCUMENT_BYTES + 1024 * 1024).await;
    assert!(bomb.len() < 64 * 1024);
    let bomb_link = link::encode(&bomb, MAX_DOCUMENT_BYTES);
    let cases: [(&str, String, &str); 4] = [
        (
            "cut off",
            good[..good.len() - 40].to_string(),
            "This link is incomplete",
        ),
        ("changed", changed, "This link is incomplete"),
        (
            "another version",
            good.replacen("plan=1.", "plan=7.", 1),
            "different version of Engagement Planner",
        ),
        (
            "deflate bomb",
            bomb_link.trim_start_matches('#').to_string(),
            "opens plans of up to 10,485,760 bytes",
        ),
    ];
    for (what, fragment, message) in cases {
        s.exec_js(
            "location.hash = arguments[0]; return true;",
            vec![Json::from(fragment)],
        )
        .await;
        let error = s.by_testid("error").await;
        let text = s
            .wait_for(&format!("the refusal of the {what} link"), async || {
                let t = s.text_of(&error).await;
                t.contains(message).then_some(t)
            })
            .await;
        assert!(text.contains("your plan is unchanged"), "{what}: {text}");
        assert_eq!(
            s.count_by_role("dialog", Some("Import “a shared link”"))
                .await,
            0
        );
        let address = s.current_url().await;
        assert!(!address.contains("plan="), "{what}: {address}");
        assert_eq!(support::stored_workspace(&s).await, before, "{what}");
        shows_relaunch(&s).await;
        s.click_role("button", "Dismiss").await;
    }
    s.assert_no_js_errors().await;
}
