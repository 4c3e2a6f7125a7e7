//! End-to-end journeys of the printable engagement charter and the assignments export,
//! through the release build.
//!
//! ```text
//! trunk build --release
//! EP_E2E=1 EP_DIST=$PWD/dist cargo test --test e2e_charter -- --test-threads=1
//! ```
//!
//! The charter is printed with WebDriver's Print command on A4 and on US Letter, and the
//! PDF's pages are counted from its bytes: the example plan is one page on both, a plan
//! of 15 functions at most two, and in Chromium (whose PDFs are tagged) a table that goes
//! on over the page break has its head on both pages. The PDFs and screenshots of the charter on screen (both
//! themes, 1024×768) go to `target/screenshots/<engine>/charter-*`. An engine whose
//! driver cannot print (WebKitGTK's) says so and skips the printing.
#![cfg(not(target_arch = "wasm32"))]

#[path = "e2e/support.rs"]
mod support;

#[path = "e2e/pdf.rs"]
mod pdf;

mod plans;

use engagement_planner::model::*;
use fantoccini::wd::{PrintConfiguration, PrintMargins, PrintSize};
use pdf::count_pages;
use plans::*;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use support::{open_file_menu, screenshot_dir, set_projector, Engine, Session};

const WIDTH: u32 = 1024;
const HEIGHT: u32 = 768;

async fn open_plan(s: &Session, w: &Workspace) {
    support::open_on(s, w).await;
    s.set_viewport(WIDTH, HEIGHT).await;
}

/// File ▸ Print charter…, and the charter's heading.
async fn open_charter(s: &Session) {
    open_file_menu(s).await;
    s.click_role("button", "Print charter…").await;
    s.wait_for_js(
        "the charter",
        "return !!document.querySelector('.charter-page #charter-title')\
         && document.documentElement.classList.contains('charter-open');",
    )
    .await;
}

#[test]
fn the_page_counter_counts_pages_not_page_trees() {
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> endobj\n\
                2 0 obj << /Type /Page /Parent 1 0 R >> endobj\n\
                3 0 obj <</Type/Page/Parent 1 0 R>> endobj\n\
                4 0 obj << /Type /PageLabel >> endobj\n";
    assert_eq!(count_pages(pdf), 2);
    assert_eq!(count_pages(b"%PDF-1.4\n"), 0);
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn pages_in_compressed_object_streams_are_counted_too() {
    // zlib (Python's zlib.compress) of "1 0 obj << /Type /Pages /Count 2 >> endobj 2 0 obj
    // << /Type /Page >> 3 0 obj <</Type/Page>> endobj": a fixed-Huffman block.
    let fixed = hex("789c33543050c84fca52b0b151d00fa92c4855d00f484c4f2d56d077ce2fcd2b513052b0b35348cd4b012931c2aa14a4c0182e0396008bc3f501005dd91c8c");
    let plain = pdf::inflate_zlib(&fixed).expect("it inflates");
    assert_eq!(
        plain,
        b"1 0 obj << /Type /Pages /Count 2 >> endobj 2 0 obj << /Type /Page >> 3 0 obj <</Type/Page>> endobj"
    );
    // Three times "4 0 obj << /Type /Page /Parent 1 0 R >> endobj " and the bytes 0 to 255,
    // at level 9: a dynamic-Huffman block with back references.
    let dynamic = hex("78da33513050c84fca52b0b151d00fa92c4855d00f484c079345a979250a8640e920053b3b85d4bc14903206462666165636760e4e2e6e1e5e3e7e0141216111513171094929691959397905452565155535750d4d2d6d1d5d3d7d03432363135333730b4b2b6b1b5b3b7b07472767175737770f4f2f6f1f5f3fff80c0a0e090d0b0f088c8a8e898d8b8f884c4a4e494d4b4f48cccacec9cdcbcfc82c2a2e292d2b2f28acaaaea9adabafa86c6a6e696d6b6f68eceaeee9edebefe0913274d9e3275daf4193367cd9e3377defc050b172d5eb274d9f2152b57ad5eb376ddfa0d1b376ddeb275dbf61d3b77eddeb377dffe03070f1d3e72f4d8f113274f9d3e73f6dcf90b172f5dbe72f5daf51b376fddbe73f7defd070f1f3d7ef2f4d9f3172f5fbd7ef3f6ddfb0f1f3f7dfef2f5dbf71f3f7ffdfef3f7df7f93d1e01a0d2e9a051700ad7da67a");
    let plain = pdf::inflate_zlib(&dynamic).expect("it inflates");
    let mut expected = Vec::new();
    for _ in 0..3 {
        expected.extend_from_slice(b"4 0 obj << /Type /Page /Parent 1 0 R >> endobj ");
        expected.extend(0..=255u8);
    }
    assert_eq!(plain, expected);
    // In a PDF: two pages in an object stream, one outside.
    let mut file =
        b"%PDF-1.7\n9 0 obj\n<< /Type /ObjStm /Filter /FlateDecode >>\nstream\n".to_vec();
    file.extend_from_slice(&fixed);
    file.extend_from_slice(b"\nendstream\nendobj\n5 0 obj << /Type /Page >> endobj\n");
    assert_eq!(count_pages(&file), 3);
}

/// Chromium's PDFs are tagged: each table is a `/Table` structure element, each cell a
/// `/TH` or `/TD`, and the marked content under them names its page (`/Pg`). A table head
/// that repeats on the next page is the same `/TH` elements with content on both pages.
/// Returns, for every table that spans pages, its pages and the pages of each of its
/// column heads.
fn split_tables(pdf: &[u8]) -> Vec<(BTreeSet<u32>, Vec<BTreeSet<u32>>)> {
    let text = String::from_utf8_lossy(pdf);
    let mut elems: BTreeMap<u32, &str> = BTreeMap::new();
    let mut rest: &str = &text;
    while let Some(at) = rest.find(" 0 obj") {
        let number: String = rest[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let body = &rest[at + " 0 obj".len()..];
        let end = body.find("endobj").unwrap_or(body.len());
        if let (Ok(n), true) = (
            number.parse(),
            body.trim_start().starts_with("<</Type /StructElem"),
        ) {
            elems.insert(n, &body[..end]);
        }
        rest = &body[end..];
    }
    let refs = |s: &str| -> Vec<u32> {
        s.split(" 0 R")
            .filter_map(|part| {
                part.rsplit(|c: char| !c.is_ascii_digit())
                    .next()?
                    .parse()
                    .ok()
            })
            .collect()
    };
    let kind = |n: u32| -> &str {
        elems
            .get(&n)
            .and_then(|b| b.split("/S /").nth(1))
            .map_or("", |s| {
                s.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("")
            })
    };
    fn pages_under(
        n: u32,
        elems: &BTreeMap<u32, &str>,
        refs: &dyn Fn(&str) -> Vec<u32>,
    ) -> BTreeSet<u32> {
        let Some(body) = elems.get(&n) else {
            return BTreeSet::new();
        };
        let mut pages: BTreeSet<u32> = body
            .split("/Pg ")
            .skip(1)
            .filter_map(|s| s.split(' ').next()?.parse().ok())
            .collect();
        if let Some(kids) = body.split("/K ").nth(1) {
            for kid in refs(kids) {
                pages.extend(pages_under(kid, elems, refs));
            }
        }
        pages
    }
    let parent = |n: u32| -> Option<u32> {
        elems
            .get(&n)?
            .split("/P ")
            .nth(1)
            .and_then(|s| s.split(' ').next()?.parse().ok())
    };
    let mut tables: BTreeMap<u32, Vec<BTreeSet<u32>>> = BTreeMap::new();
    for (&n, body) in &elems {
        if kind(n) == "TH" && body.contains("/Scope /Column") {
            let mut up = parent(n);
            while let Some(p) = up.filter(|&p| kind(p) != "Table") {
                up = parent(p);
            }
            if let Some(table) = up {
                tables
                    .entry(table)
                    .or_default()
                    .push(pages_under(n, &elems, &refs));
            }
        }
    }
    tables
        .into_iter()
        .map(|(table, heads)| (pages_under(table, &elems, &refs), heads))
        .filter(|(pages, _)| pages.len() > 1)
        .collect()
}

#[test]
fn a_split_table_shows_where_its_head_was_painted() {
    // A table on pages 2 and 26 whose one column head has content on page 2 only.
    let pdf = b"10 0 obj\n<</Type /StructElem\n/S /Table\n/P 1 0 R\n/K [11 0 R 13 0 R]>>\nendobj\n\
                11 0 obj\n<</Type /StructElem\n/S /TH\n/P 10 0 R\n/K 12 0 R\n/A [<</O /Table\n/Scope /Column>>]>>\nendobj\n\
                12 0 obj\n<</Type /StructElem\n/S /NonStruct\n/P 11 0 R\n/Pg 2 0 R\n/K 0>>\nendobj\n\
                13 0 obj\n<</Type /StructElem\n/S /TD\n/P 10 0 R\n/Pg 26 0 R\n/K 4>>\nendobj\n";
    let split = split_tables(pdf);
    assert_eq!(split.len(), 1);
    assert_eq!(split[0].0, BTreeSet::from([2, 26]));
    assert_eq!(
        split[0].1,
        vec![BTreeSet::from([2])],
        "the head is on one page only"
    );
}

/// Prints the page on `size` with 12 mm margins and the browser's default of no
/// background graphics (the status badges ask for theirs), or `None` where the driver
/// cannot print.
async fn print(s: &Session, size: PrintSize) -> Option<Vec<u8>> {
    let config = PrintConfiguration::builder()
        .size(size)
        .margins(PrintMargins {
            top: 1.2,
            bottom: 1.2,
            left: 1.2,
            right: 1.2,
        })
        .background(false)
        .build()
        .expect("a valid print configuration");
    match s.client.print(config).await {
        Ok(pdf) => Some(pdf),
        Err(e) if s.engine() != Engine::Chromium => {
            println!(
                "{}: the charter's printing is checked where WebDriver can print (Chromium, Firefox); skipped here: {e}",
                s.engine().label()
            );
            s.note_path("printing skipped: its WebDriver has no Print command");
            None
        }
        Err(e) => panic!("Chromium could not print: {e}"),
    }
}

const SIZES: [(&str, PrintSize); 2] = [("a4", PrintSize::A4), ("letter", PrintSize::US_LETTER)];

/// Prints on both sizes, keeps each PDF beside the screenshots and returns the page counts.
async fn page_counts(s: &Session, name: &str) -> Option<Vec<(&'static str, usize, Vec<u8>)>> {
    let dir = screenshot_dir();
    let mut counts = Vec::new();
    for (size_name, size) in SIZES {
        let pdf = print(s, size).await?;
        assert!(pdf.starts_with(b"%PDF-"), "the print is a PDF");
        let path = dir.join(format!("charter-{name}-{size_name}.pdf"));
        std::fs::write(&path, &pdf).expect("the PDF is written");
        let pages = count_pages(&pdf);
        eprintln!(
            "{name} on {size_name}: {pages} page(s) -> {}",
            path.display()
        );
        counts.push((size_name, pages, pdf));
    }
    Some(counts)
}

/// A contracted engagement of 15 functions, sixteen people across them (one Accountable
/// per function, others Responsible, Consulted or Informed), and more decision areas and
/// reports than the template's: a charter longer than a page, so a table breaks across
/// the pages.
fn fifteen_functions() -> Workspace {
    let (mut w, e) = sized(15, 16);
    // Enough decision areas and reports that a table goes on over the page break on both
    // paper sizes, so the repeated head is seen in the PDF.
    for i in 1..=9 {
        apply(
            &mut w,
            Action::AddDecisionArea {
                engagement: e,
                name: format!("Workstream {i} changes of priority"),
            },
        );
        apply(
            &mut w,
            Action::AddReport {
                engagement: e,
                name: format!("Workstream {i} progress report"),
            },
        );
    }
    let people: Vec<PersonId> = w.people.iter().map(|p| p.id).collect();
    let engagement = w.engagement(e).unwrap().clone();
    for (i, f) in engagement.functions.iter().map(|f| f.id).enumerate() {
        let owner = people[(i + 3) % people.len()];
        assign(&mut w, e, owner, f, Raci::Accountable, 2);
        assign(
            &mut w,
            e,
            people[(i + 5) % people.len()],
            f,
            Raci::Consulted,
            0,
        );
        assign(
            &mut w,
            e,
            people[(i + 7) % people.len()],
            f,
            Raci::Informed,
            0,
        );
    }
    w
}

/// The charter's print rules as the engine read them: whether a print rule under the
/// charter repeats the table heads on every page (`thead { display: table-header-group }`).
const THEAD_RULE_JS: &str = r#"
const found = [];
const walk = (rules, print) => {
  for (const r of rules) {
    if (r.media && r.cssRules) walk(r.cssRules, print || [...r.media].includes('print'));
    else if (r.selectorText && print && /\.charter\b[^,]*\bthead\b/.test(r.selectorText)
             && r.style.display === 'table-header-group') found.push(r.selectorText);
  }
};
for (const sheet of document.styleSheets) {
  try { walk(sheet.cssRules, false); } catch (e) {}
}
return found;
"#;

/// Under print emulation (Chromium): what the printed page shows of the app and the grid.
const PRINT_LAYOUT_JS: &str = r#"
const shown = (el) => !!el && getComputedStyle(el).display !== 'none';
const heads = [...document.querySelectorAll('.charter-page table')].map(t => {
  const head = t.tHead;
  return head && t.firstElementChild === head ? getComputedStyle(head).display : 'no head';
});
const badge = document.querySelector('.charter-page .charter-badge');
return {
  header: shown(document.querySelector('.app-header')),
  status: shown(document.querySelector('.status-bar')),
  tools: shown(document.querySelector('.charter-tools')),
  page: shown(document.querySelector('.charter-page')),
  heads,
  badge_adjust: badge ? getComputedStyle(badge).printColorAdjust || getComputedStyle(badge).webkitPrintColorAdjust : 'no badge',
  badge_background: badge ? getComputedStyle(badge).backgroundColor : 'no badge',
  raci_break: getComputedStyle(document.querySelector('#charter-raci')).breakAfter,
};
"#;

#[tokio::test]
async fn the_example_charter_prints_on_one_page_on_a4_and_on_letter() {
    let Some(s) = Session::start().await else {
        return;
    };
    let (w, e) = example_plan();
    open_plan(&s, &w).await;
    open_charter(&s).await;
    let name = w.engagement(e).unwrap().name.clone();
    let title = s.by_css("#charter-title").await;
    assert_eq!(title.text().await.unwrap(), name);
    // Final authority per function, and a gap said in words.
    s.wait_for_text("Final authority (Accountable)").await;
    s.wait_for_text("Nobody is Accountable: falls to Dana Lee (PM), not accepted")
        .await;
    if let Some(counts) = page_counts(&s, "example").await {
        for (size, pages, _) in &counts {
            assert_eq!(*pages, 1, "the example charter on {size}: {pages} pages");
        }
        // The internal charter (with costs and margins) has more to say, and still fits one
        // page on both sizes.
        s.click_role(
            "checkbox",
            "For the client (leave out cost rates, margins, commission and internal notes)",
        )
        .await;
        s.wait_for_text("Internal figures").await;
        for (size, pages, _) in page_counts(&s, "example-internal").await.unwrap() {
            assert_eq!(pages, 1, "the internal charter on {size}: {pages} pages");
        }
    }
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn fifteen_functions_print_on_at_most_two_pages_with_the_table_head_repeated() {
    let Some(s) = Session::start().await else {
        return;
    };
    open_plan(&s, &fifteen_functions()).await;
    open_charter(&s).await;
    assert_eq!(
        s.all_by_css(".charter-raci tbody tr").await.len(),
        15,
        "a row per function"
    );
    // Every engine: the charter's print rules repeat its table heads.
    let rules = s.exec_js(THEAD_RULE_JS, vec![]).await;
    assert!(
        rules.as_array().is_some_and(|r| !r.is_empty()),
        "no print rule of the charter keeps thead a table-header-group: {rules}"
    );
    if s.engine() == Engine::Chromium {
        // As printed: the shell is gone, every table's head is its first row group and
        // repeats, headings stay with their tables, badges keep their colour.
        s.cdp("Emulation.setEmulatedMedia", json!({ "media": "print" }))
            .await;
        let m = s.exec_js(PRINT_LAYOUT_JS, vec![]).await;
        s.cdp("Emulation.setEmulatedMedia", json!({ "media": "" }))
            .await;
        eprintln!("as printed: {m}");
        assert_eq!(m["header"], json!(false), "the app's header is not printed");
        assert_eq!(m["status"], json!(false), "the status bar is not printed");
        assert_eq!(
            m["tools"],
            json!(false),
            "the charter's buttons are not printed"
        );
        assert_eq!(m["page"], json!(true), "the charter is printed");
        let heads = m["heads"].as_array().unwrap();
        assert!(heads.len() >= 4, "{m}");
        assert!(
            heads.iter().all(|h| h == "table-header-group"),
            "every table's head repeats: {m}"
        );
        assert_eq!(m["badge_adjust"], json!("exact"), "{m}");
        assert_ne!(m["badge_background"], json!("rgba(0, 0, 0, 0)"), "{m}");
        assert_eq!(m["raci_break"], json!("avoid"), "{m}");
    }
    if let Some(counts) = page_counts(&s, "15-functions").await {
        let mut split = 0;
        for (size, pages, pdf) in &counts {
            assert!(
                (1..=2).contains(pages),
                "15 functions on {size}: {pages} pages"
            );
            if s.engine() == Engine::Chromium {
                // A table that goes on over the page break shows its head on both pages.
                for (table_pages, heads) in split_tables(pdf) {
                    eprintln!("15 functions on {size}: a table on pages {table_pages:?}, heads on {heads:?}");
                    assert!(
                        heads.iter().all(|h| *h == table_pages),
                        "on {size}, a table's head is not repeated on every page it spans: \
                         table on {table_pages:?}, heads on {heads:?}"
                    );
                    split += 1;
                }
            }
        }
        if s.engine() != Engine::Chromium {
            s.note_path(
                "the repeated table head is checked by the charter's print rule, not in the PDF: \
                 only Chromium's PDFs carry the tables' structure",
            );
        }
        if s.engine() == Engine::Chromium {
            assert!(
                split > 0,
                "no table went on over a page break, so nothing showed a repeated head"
            );
        }
    }
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn the_charter_on_screen_in_both_themes_and_back_to_the_plan() {
    let Some(s) = Session::start().await else {
        return;
    };
    let (w, _) = example_plan();
    open_plan(&s, &w).await;
    let dir = screenshot_dir();
    // The File menu, longer by the charter and the exports, stays within the window.
    for projector in [false, true] {
        set_projector(&s, projector).await;
        open_file_menu(&s).await;
        let bottom = s
            .exec_js(
                "return document.getElementById('file-menu').getBoundingClientRect().bottom <= innerHeight;",
                vec![],
            )
            .await;
        let theme = if projector { "projector" } else { "normal" };
        let path = dir.join(format!("charter-file-menu-{theme}-1024x768.png"));
        s.screenshot(&path).await;
        assert_eq!(
            bottom,
            json!(true),
            "the File menu reaches past the window ({theme})"
        );
        s.click_role("button", "File").await;
    }
    open_charter(&s).await;
    for projector in [false, true] {
        set_projector(&s, projector).await;
        let wide = s
            .exec_js(
                "const m = document.querySelector('main'); return m.scrollWidth > m.clientWidth + 1;",
                vec![],
            )
            .await;
        assert_eq!(wide, json!(false), "the charter scrolls sideways");
        let theme = if projector { "projector" } else { "normal" };
        let path = dir.join(format!("charter-screen-{theme}-1024x768.png"));
        s.screenshot(&path).await;
        eprintln!("-> {}", path.display());
    }
    // The deal comes and goes with its option.
    s.wait_for_text("The deal").await;
    s.click_role("checkbox", "Include the deal").await;
    s.wait_gone_role("heading", "The deal").await;
    // Back to the plan: the view again, and the page's root without the charter's class.
    s.click_role("button", "Back to the plan").await;
    s.wait_for_js(
        "the plan again",
        "return !document.querySelector('.charter')\
         && !document.documentElement.classList.contains('charter-open')\
         && !!document.querySelector('main h2');",
    )
    .await;
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn assignments_csv_downloads_with_its_header() {
    let Some(s) = Session::start().await else {
        return;
    };
    let (w, e) = example_plan();
    open_plan(&s, &w).await;
    open_file_menu(&s).await;
    s.click_role("button", "Export assignments (CSV)").await;
    let name = w.engagement(e).unwrap().name.clone();
    let file = s
        .wait_for_download_named("website-relaunch-for-northwind-traders-assignments.csv")
        .await;
    let text = file.text();
    let rows: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(rows[0], "Engagement,Function,Role,Person,Hours per week");
    assert!(
        rows.contains(&format!("{name},Delivery,Accountable,Dana Lee,4").as_str()),
        "{text}"
    );
    open_file_menu(&s).await;
    s.click_role("button", "Export all assignments (CSV)").await;
    let all = s
        .wait_for_download_named("engagement-planner-assignments.csv")
        .await;
    assert!(all
        .text()
        .starts_with("Engagement,Function,Role,Person,Hours per week\r\n"));
    s.assert_no_js_errors().await;
}
