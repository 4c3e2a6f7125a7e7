//! Host tests of sharing: the summary of an engagement and of the workspace
//! (`src/view/share.rs`), the mail draft's address and its length limit, the client-safe
//! copy, and the framing of a plan carried in a link (`src/storage/link.rs`, with the
//! identity as compressor: the browser's deflate is tested in `browser_share.rs`).
#![cfg(not(target_arch = "wasm32"))]

mod plans;

use engagement_planner::model::*;
use engagement_planner::storage::link::{self, LinkError};
use engagement_planner::storage::{self, from_json, MAX_DOCUMENT_BYTES};
use engagement_planner::view::present::{authority, deal, decision_areas};
use engagement_planner::view::share::*;
use plans::*;
use proptest::prelude::*;

const APP: &str = "https://plans.example.org/hosted/engagement-planner/";

/// Reads a percent-encoded value back (UTF-8).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// The subject and the body of a `mailto:` address, decoded.
fn mail_parts(url: &str) -> (String, String) {
    let query = url
        .strip_prefix("mailto:?")
        .expect("a mailto address with a query");
    let mut subject = None;
    let mut body = None;
    for part in query.split('&') {
        let (key, value) = part.split_once('=').expect("key=value");
        match key {
            "subject" => subject = Some(percent_decode(value)),
            "body" => body = Some(percent_decode(value).replace("\r\n", "\n")),
            other => panic!("unexpected field {other}"),
        }
    }
    (subject.unwrap(), body.unwrap_or_default())
}

// ---------------------------------------------------------------------------------
// The summary

#[test]
fn the_summary_names_the_client_the_stage_each_owner_the_methods_and_the_deal() {
    let ws = workshop();
    let (w, e) = (&ws.workspace, ws.engagement);
    let s = summary(w, e, false, usize::MAX).unwrap();
    assert_eq!(s.subject, "Engagement plan: Website relaunch");
    assert!(
        s.text
            .contains("Client: Harbor Retail (provider: Brightline Digital, contracted)"),
        "{}",
        s.text
    );
    assert!(s.text.contains("Stage: Sales"), "{}", s.text);
    let en = w.engagement(e).unwrap();
    for (_, function, who) in authority(w, en) {
        let line = s
            .text
            .lines()
            .find(|l| l.starts_with(&format!("- {function}: ")))
            .unwrap_or_else(|| panic!("no line for {function} in {}", s.text));
        match who {
            presentation::Authority::Accountable(name) => assert!(line.ends_with(&name), "{line}"),
            _ => assert!(line.contains("nobody is Accountable"), "{line}"),
        }
    }
    // The workshop plan has a function nobody is Accountable for.
    assert!(s.text.contains("nobody is Accountable"), "{}", s.text);
    for row in decision_areas(w, en) {
        let line = s
            .text
            .lines()
            .find(|l| l.starts_with(&format!("- {}: ", row.name)))
            .unwrap_or_else(|| panic!("no line for {} in {}", row.name, s.text));
        if row.method != "No method yet" {
            assert!(line.contains(&row.method), "{line}");
        }
    }
    let d = deal(w, en, true);
    let price = d.price.expect("the workshop's deal is priced");
    assert!(s.text.contains(&format!("Price: {price}")), "{}", s.text);
    assert!(s.text.contains(&d.approval.unwrap()), "{}", s.text);
    // The HTML says the same in tables, escaped.
    assert!(s.html.contains("<table"), "{}", s.html);
    assert!(s.html.contains("Harbor Retail"));
    assert!(s.html.contains(&price));
    assert_eq!(s.file_name, "website-relaunch.engagement.json");
}

mod presentation {
    pub use engagement_planner::view::present::Authority;
}

#[test]
fn a_client_safe_summary_leaves_out_cost_margin_commission_and_internal_notes() {
    let ws = workshop();
    let (w, e) = (&ws.workspace, ws.engagement);
    let internal = internal_figures(w, e);
    assert!(!internal.is_empty());
    let safe = summary(w, e, true, usize::MAX).unwrap();
    for figure in &internal {
        assert!(
            !safe.text.contains(figure.as_str()),
            "“{figure}” in {}",
            safe.text
        );
        assert!(
            !safe.html.contains(&escape(figure)),
            "“{figure}” in the HTML"
        );
    }
    assert!(!safe.text.contains("Internal"), "{}", safe.text);
    // Without the checkbox, the team sees its figures and notes.
    let full = summary(w, e, false, usize::MAX).unwrap();
    assert!(full.text.contains("Internal figures"), "{}", full.text);
    assert!(full.text.contains("Gross margin"), "{}", full.text);
    assert!(full.text.contains("Commission"), "{}", full.text);
    assert!(full.text.contains(REJECTION_NOTE), "{}", full.text);
    for note in NEED_NOTES {
        assert!(full.text.contains(note), "{}", full.text);
    }
}

#[test]
fn a_summary_is_shortened_to_its_limit_by_whole_lines_from_the_least_important() {
    let ws = workshop();
    let (w, e) = (&ws.workspace, ws.engagement);
    let full = summary(w, e, false, usize::MAX).unwrap();
    let short = summary(w, e, false, 700).unwrap();
    assert!(short.text.chars().count() <= 700, "{}", short.text);
    // The notes go first, then the figures; the head stays.
    assert!(!short.text.contains(REJECTION_NOTE), "{}", short.text);
    assert!(
        short.text.contains("Client: Harbor Retail"),
        "{}",
        short.text
    );
    assert!(short.text.contains("Price: "), "{}", short.text);
    for line in short.text.lines() {
        let said = line.starts_with("- and ") || line.ends_with("not listed here.");
        assert!(
            said || full.text.lines().any(|l| l == line),
            "“{line}” is not a whole line"
        );
    }
}

#[test]
fn the_workspace_summary_lists_its_engagements() {
    let ws = workshop();
    let w = &ws.workspace;
    let s = workspace_summary(w, true, usize::MAX);
    assert_eq!(s.subject, "Engagement plans: 2 engagements");
    for e in &w.engagements {
        assert!(
            s.text
                .contains(&format!("- {}: {}", e.name, w.client_name(e))),
            "{}",
            s.text
        );
    }
    assert_eq!(s.file_name, "engagement-planner.workspace.json");
    let url = mailto(APP, &s);
    assert!(url.len() <= MAILTO_MAX);
    let (_, body) = mail_parts(&url);
    assert!(body.contains("engagement-planner.workspace.json"), "{body}");
}

// ---------------------------------------------------------------------------------
// The mail draft

#[test]
fn the_mail_draft_holds_the_summary_and_where_the_attached_file_opens() {
    let ws = workshop();
    let s = summary(&ws.workspace, ws.engagement, true, usize::MAX).unwrap();
    let url = mailto(APP, &s);
    assert!(url.len() <= MAILTO_MAX, "{} characters", url.len());
    let (subject, body) = mail_parts(&url);
    assert_eq!(subject, "Engagement plan: Website relaunch");
    assert!(
        body.starts_with("Engagement plan: Website relaunch\nClient: Harbor Retail"),
        "{body}"
    );
    assert!(
        body.ends_with(&open_instructions(APP, "website-relaunch.engagement.json")),
        "{body}"
    );
    assert!(body.contains(APP));
}

/// The 30-function engagement with long, non-ASCII names and the characters that mean
/// something in an address.
fn thirty_functions() -> (Workspace, EngagementId) {
    let (mut w, e) = sized(30, 30);
    let name = "R&D ? #1 100% — Überprüfung der Lösungsarchitektur für Zürich & Genève, Phase 2 ✓";
    edit(&mut w, e, EngagementEdit::Name(name.into()));
    edit(
        &mut w,
        e,
        EngagementEdit::Client(
            "Société Générale d’Électricité & Cie, Zweigniederlassung Großbritannien".into(),
        ),
    );
    let functions = w.engagement(e).unwrap().functions.clone();
    for (i, f) in functions.into_iter().enumerate() {
        let p = person(
            &mut w,
            &format!("Ådalbjörg Þórunn Ñúñez-Ødegård {i:02} 日本語 #{i}&?"),
            StakeholderGroup::Performer,
            40,
        );
        assign(&mut w, e, p, f.id, Raci::Accountable, 1);
    }
    (w, e)
}

#[test]
fn the_mail_draft_of_thirty_functions_stays_under_the_limit_and_cuts_no_word() {
    let (w, e) = thirty_functions();
    for client_safe in [true, false] {
        let s = summary(&w, e, client_safe, usize::MAX).unwrap();
        let url = mailto(APP, &s);
        assert!(url.len() <= MAILTO_MAX, "{} characters", url.len());
        // Only the unreserved characters and the encoding are left bare.
        assert!(
            url["mailto:?".len()..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._~%=&".contains(c)),
            "{url}"
        );
        assert_eq!(
            url.matches('&').count(),
            1,
            "one separator between subject and body"
        );
        let (subject, body) = mail_parts(&url);
        assert!(
            subject.starts_with("Engagement plan: R&D ? #1 100% — Überprüfung"),
            "{subject}"
        );
        assert!(body.contains("more functions"), "{body}");
        // The decision areas are counted, not dropped without a word.
        assert!(
            body.contains("How decisions are made: 4 decision areas, not listed here."),
            "{body}"
        );
        assert!(
            body.contains("Société Générale d’Électricité & Cie"),
            "{body}"
        );
        // Every line is a whole line of the full summary, a count of what was left out,
        // or the instructions.
        let instructions = open_instructions(APP, &s.file_name);
        for line in body.lines().filter(|l| !l.is_empty()) {
            let said = line.starts_with("- and ") || line.ends_with("not listed here.");
            assert!(
                said || line == instructions || s.text.lines().any(|l| l == line),
                "“{line}” is cut"
            );
        }
    }
}

#[test]
fn percent_encoding_is_utf8_with_crlf_line_breaks() {
    assert_eq!(percent_encode("a b&c?d#e%f"), "a%20b%26c%3Fd%23e%25f");
    assert_eq!(percent_encode("é\n"), "%C3%A9%0D%0A");
    assert_eq!(percent_encode("x\r\ny"), "x%0D%0Ay");
    assert_eq!(percent_encode("A-z_0.9~"), "A-z_0.9~");
}

#[test]
fn an_absurdly_long_name_still_makes_a_mail_draft_within_the_limit() {
    let mut w = Workspace::default();
    let name = "Ünïcødé-Wört ".repeat(15).trim().to_string();
    let e = engagement(&mut w, &name, Template::ContractedVendor);
    let s = summary(&w, e, true, usize::MAX).unwrap();
    assert!(s.subject.chars().count() <= SUBJECT_MAX);
    assert!(s.subject.ends_with('…'));
    let url = mailto(APP, &s);
    assert!(url.len() <= MAILTO_MAX, "{}", url.len());
    let (subject, _) = mail_parts(&url);
    let title = format!("Engagement plan: {name}");
    let words: Vec<&str> = title.split_whitespace().collect();
    for word in subject.trim_end_matches('…').split_whitespace() {
        assert!(words.contains(&word), "“{word}” was cut");
    }
}

proptest! {
    #[test]
    fn shortening_never_cuts_a_word(text in "[a-zé ,]{0,80}", max in 0usize..90) {
        let short = shorten_words(&text, max);
        if text.chars().count() <= max {
            prop_assert_eq!(&short, &text);
        } else {
            prop_assert!(short.chars().count() <= max, "“{}” is longer than {}", short, max);
            let words: Vec<&str> = text.split([' ', ',']).collect();
            for word in short.trim_end_matches('…').split([' ', ',']).filter(|w| !w.is_empty()) {
                prop_assert!(words.contains(&word), "“{}” cut from “{}”", word, text);
            }
        }
    }
}

// ---------------------------------------------------------------------------------
// The client-safe copy

#[test]
fn the_client_safe_copy_is_valid_keeps_the_price_and_drops_the_internal_figures() {
    let ws = workshop();
    let w = &ws.workspace;
    let copy = client_safe_copy(w);
    copy.validate()
        .expect("the client-safe copy is a valid plan");
    let part = storage::engagement_workspace(&copy, ws.engagement).unwrap();
    let json = storage::to_json(&part, None);
    let read = from_json(&json).expect("it reads back as a file");
    let (before, after) = (
        w.engagement(ws.engagement).unwrap(),
        read.workspace.engagement(ws.engagement).unwrap(),
    );
    assert_eq!(before.deal_price().price(), after.deal_price().price());
    assert!(before.deal_price().price().is_some());
    assert!(after
        .pricing
        .rate_card
        .iter()
        .all(|r| r.cost_rate == Money::ZERO));
    assert!(before
        .pricing
        .rate_card
        .iter()
        .any(|r| r.cost_rate != Money::ZERO));
    for sheet in &after.pricing.worksheets {
        assert_eq!(sheet.target_margin, None);
        assert_eq!(sheet.commission_rate, Bps::ZERO);
        assert_eq!(sheet.cost_contingency, Bps::ZERO);
    }
    assert_eq!(read.workspace.default_target_margin, None);
    assert!(!json.contains(REJECTION_NOTE));
    for note in NEED_NOTES {
        assert!(!json.contains(note));
    }
}

#[test]
fn client_safe_is_on_for_contracted_work_and_off_for_in_house() {
    let mut w = Workspace::default();
    let inside = engagement(&mut w, "Intranet", Template::InHouseProject);
    let outside = engagement(&mut w, "Relaunch", Template::ContractedVendor);
    assert!(!client_safe_default(w.engagement(inside).into_iter()));
    assert!(client_safe_default(w.engagement(outside).into_iter()));
    assert!(client_safe_default(w.engagements.iter()));
}

// ---------------------------------------------------------------------------------
// The link's framing

fn identity_link(document: &str) -> String {
    link::encode(document.as_bytes(), document.len())
}

/// What the browser does after decompressing, with the identity as compressor.
fn read_identity(fragment: &str) -> Result<String, LinkError> {
    let payload = link::plan_fragment(fragment).expect("a plan fragment");
    let frame = link::decode(payload)?;
    let inflated = frame.compressed.clone();
    if inflated.len() > link::inflate_limit(&frame) {
        return Err(LinkError::Incomplete);
    }
    let bytes = link::check_inflated(&frame, inflated)?;
    Ok(String::from_utf8(bytes).unwrap())
}

#[test]
fn a_plan_goes_through_a_link_and_reads_back_as_a_file() {
    let ws = workshop();
    let document = storage::engagement_document(&ws.workspace, ws.engagement).unwrap();
    let fragment = identity_link(&document);
    assert!(fragment.starts_with("#plan=1."), "{}", &fragment[..20]);
    assert!(fragment[1..]
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_.=".contains(c)));
    let back = read_identity(&fragment).unwrap();
    assert_eq!(back, document);
    let read = storage::from_bytes(back.as_bytes()).unwrap();
    assert_eq!(read.workspace.engagements[0].name, "Website relaunch");
}

#[test]
fn a_cut_off_or_changed_link_is_refused_as_incomplete() {
    let fragment = identity_link("{\"format\":\"engagement-planner\"}");
    // Cut off anywhere.
    for cut in 1..fragment.len() - "#plan=1.".len() {
        let short = &fragment[..fragment.len() - cut];
        let result = link::plan_fragment(short).map(link::decode);
        assert!(
            matches!(result, Some(Err(LinkError::Incomplete)) | None),
            "cut by {cut}: {result:?}"
        );
    }
    // One character changed anywhere in the data.
    let start = "#plan=1.".len();
    for i in start..fragment.len() {
        let mut changed: Vec<char> = fragment.chars().collect();
        changed[i] = if changed[i] == 'A' { 'B' } else { 'A' };
        let changed: String = changed.into_iter().collect();
        assert_eq!(
            link::decode(link::plan_fragment(&changed).unwrap()),
            Err(LinkError::Incomplete),
            "changed at {i}"
        );
    }
    // Not base64url at all, or nothing after the version.
    assert_eq!(link::decode("1.ab*cd"), Err(LinkError::Incomplete));
    assert_eq!(link::decode("1."), Err(LinkError::Incomplete));
    assert_eq!(link::decode(""), Err(LinkError::Incomplete));
    assert_eq!(
        LinkError::Incomplete.to_string(),
        "This link is incomplete — it may have been cut off by the mail program, or changed on the way. Ask the sender for the file instead."
    );
}

#[test]
fn a_link_of_another_version_is_refused_in_words() {
    let fragment = identity_link("{}").replacen("plan=1.", "plan=2.", 1);
    let err = link::decode(link::plan_fragment(&fragment).unwrap()).unwrap_err();
    assert_eq!(err, LinkError::OtherVersion { found: "2".into() });
    assert!(err.to_string().contains("different version"), "{err}");
}

#[test]
fn an_oversized_link_is_refused_before_decompressing() {
    // Announces one byte more than a file may hold.
    let fragment = link::encode(b"tiny", MAX_DOCUMENT_BYTES + 1);
    let err = link::decode(link::plan_fragment(&fragment).unwrap()).unwrap_err();
    assert_eq!(
        err,
        LinkError::TooLarge {
            bytes: MAX_DOCUMENT_BYTES + 1
        }
    );
    assert!(err.to_string().contains("10,485,760 bytes"), "{err}");
    // A fragment longer than any document could make is not even decoded.
    let huge = format!("1.{}", "A".repeat(link::MAX_FRAGMENT_CHARS));
    assert!(matches!(
        link::decode(&huge),
        Err(LinkError::TooLarge { .. })
    ));
    // Decompression stops one byte past what was announced.
    let frame =
        link::decode(link::plan_fragment(&link::encode(b"abc", 3)).unwrap()[..].as_ref()).unwrap();
    assert_eq!(link::inflate_limit(&frame), 4);
    assert_eq!(
        link::check_inflated(&frame, b"abcd".to_vec()),
        Err(LinkError::Incomplete)
    );
    assert_eq!(
        link::check_inflated(&frame, b"ab".to_vec()),
        Err(LinkError::Incomplete)
    );
}

#[test]
fn a_view_address_is_never_a_plan_and_a_plan_is_never_a_view() {
    assert_eq!(link::plan_fragment("#/roles/12"), None);
    assert_eq!(link::plan_fragment("#plan=1.abc"), Some("1.abc"));
    assert_eq!(link::plan_fragment("plan=1.abc"), Some("1.abc"));
    assert_eq!(link::plan_fragment("#/plan=1"), None);
}

#[test]
fn crc32_matches_the_standard_check_value() {
    assert_eq!(link::crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(link::crc32(b""), 0);
}

#[test]
fn base64url_matches_rfc_4648_without_padding() {
    for (raw, encoded) in [
        ("", ""),
        ("f", "Zg"),
        ("fo", "Zm8"),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg"),
        ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(link::base64url_encode(raw.as_bytes()), encoded);
        assert_eq!(link::base64url_decode(encoded).unwrap(), raw.as_bytes());
    }
    assert_eq!(link::base64url_encode(&[0xfb, 0xff]), "-_8");
    // Padding, standard base64's characters, an impossible length, stray bits.
    for bad in ["Zg==", "+/8", "Z", "Zh"] {
        assert_eq!(link::base64url_decode(bad), None, "{bad}");
    }
}

proptest! {
    #[test]
    fn any_bytes_go_through_the_framing_unchanged(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let encoded = link::base64url_encode(&bytes);
        prop_assert_eq!(link::base64url_decode(&encoded), Some(bytes.clone()));
        let fragment = link::encode(&bytes, bytes.len());
        let frame = link::decode(link::plan_fragment(&fragment).unwrap()).unwrap();
        prop_assert_eq!(frame.length, bytes.len());
        prop_assert_eq!(link::check_inflated(&frame, frame.compressed.clone()), Ok(bytes));
    }

    #[test]
    fn a_cut_off_link_is_never_read(bytes in proptest::collection::vec(any::<u8>(), 1..300), cut in 1usize..50) {
        let fragment = link::encode(&bytes, bytes.len());
        let cut = cut.min(fragment.len() - "#plan=1.".len());
        let short = &fragment[..fragment.len() - cut];
        prop_assert!(link::decode(link::plan_fragment(short).unwrap()).is_err());
    }
}

#[test]
fn a_plan_fragment_is_never_read_as_a_view() {
    use engagement_planner::route::Route;
    // The app does not follow a `#plan=` address as a route (`use_plan_links` reads it);
    // were it parsed, it would name no engagement.
    let route = Route::parse("#plan=1.AAAA");
    assert_eq!(route.engagement, None);
    assert!(link::plan_fragment(&route.to_hash()).is_none());
}
