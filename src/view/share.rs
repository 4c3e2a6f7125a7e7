//! What the Share dialog says and sends, decided here where it is host-tested: the
//! summary of an engagement (or of the workspace) as plain text and as HTML, the mail
//! draft's `mailto:` address within [`MAILTO_MAX`] characters, and the client-safe copy
//! of a plan (without cost rates, margins, commission and internal notes).
//!
//! A summary is kept as a draft of lines in order of importance, so that it can be
//! shortened to any length by dropping the least important lines first (internal notes,
//! then internal figures, then decision areas, then functions) and saying how many were
//! left out ("and 21 more functions"); text is only ever cut between words.

use crate::model::{Relationship, Workspace};
use crate::storage::{file_name_for, DocumentKind};
use crate::view::present::{authority, deal, decision_areas, Authority};

/// Longest `mailto:` address the dialog makes: longer ones fail in common mail
/// programs (Outlook on Windows among them, around 2,000 characters).
pub const MAILTO_MAX: usize = 1_800;

/// Longest subject line, in characters, before the percent-encoding of the address.
pub const SUBJECT_MAX: usize = 120;

/// A summary of a plan: the subject of a mail and its text, in plain text and in HTML
/// (tables with inline styles, which survive pasting into common mail programs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The name of the file the plan travels in (as Export writes it).
    pub file_name: String,
    draft: Draft,
}

/// A label and its value: one line of text ("Client: Harbor Retail") or one table row.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Item {
    label: String,
    value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Section {
    title: String,
    /// The column heads of the HTML table.
    columns: (&'static str, &'static str),
    items: Vec<Item>,
    /// What the items are, in the plural, for "and 3 more functions".
    noun: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Draft {
    title: String,
    /// Always kept (shortened between words only as a last resort).
    head: Vec<Item>,
    /// In order of importance: the last is dropped first.
    sections: Vec<Section>,
}

/// How much of each section a shortened summary keeps: `Some(n)` items (with "and m
/// more"), or `None` for the section left out altogether.
type Keep = Vec<Option<usize>>;

/// The summary of one engagement of `workspace`, its text at most `max_len` characters
/// (shortened as the module describes). With `client_safe`, the cost, margin, markup,
/// commission and internal notes are not in it. `None` if there is no such engagement.
pub fn summary(
    workspace: &Workspace,
    engagement: crate::model::EngagementId,
    client_safe: bool,
    max_len: usize,
) -> Option<Summary> {
    let e = workspace.engagement(engagement)?;
    let mut head = vec![
        item(
            "Client",
            format!(
                "{} (provider: {}, {})",
                or_unnamed(workspace.client_name(e)),
                or_unnamed(&e.provider),
                e.relationship.label().to_lowercase()
            ),
        ),
        item("Stage", e.stage.label().to_string()),
    ];
    let d = deal(workspace, e, client_safe);
    match (&d.price, &d.state) {
        (Some(price), _) => {
            let mut value = price.clone();
            if let Some(approval) = &d.approval {
                value.push_str(&format!(" — {approval}"));
            }
            head.push(item("Price", value));
        }
        (None, Some(state)) => head.push(item("Price", state.trim_end_matches('.').to_string())),
        (None, None) => {}
    }
    let owners = authority(workspace, e)
        .into_iter()
        .map(|(_, name, who)| {
            item(
                &name,
                match who {
                    Authority::Accountable(person) => person,
                    Authority::PmAccepted(pm) => {
                        format!("nobody is Accountable; {pm}, the PM, has taken it on")
                    }
                    Authority::PmByDefault(pm) => {
                        format!("nobody is Accountable (it falls to {pm}, the PM, by default)")
                    }
                    Authority::Nobody => "nobody is Accountable".to_string(),
                },
            )
        })
        .collect();
    let decisions = decision_areas(workspace, e)
        .into_iter()
        .map(|row| {
            let value = if row.method == "No method yet" {
                "no method chosen yet".to_string()
            } else {
                format!("{}; {}", row.method, lower_first(&row.who))
            };
            item(&row.name, value)
        })
        .collect();
    let mut sections = vec![
        Section {
            title: "Who owns each function (the Accountable)".into(),
            columns: ("Function", "Accountable"),
            items: owners,
            noun: "functions",
        },
        Section {
            title: "How decisions are made".into(),
            columns: ("Decision area", "Method; who decides"),
            items: decisions,
            noun: "decision areas",
        },
    ];
    if !client_safe {
        if let Some(facts) = d.internal {
            sections.push(Section {
                title: "Internal figures (not for the client)".into(),
                columns: ("Figure", "Value"),
                items: facts.into_iter().map(|f| item(f.label, f.value)).collect(),
                noun: "figures",
            });
        }
        let mut notes: Vec<Item> = e
            .needs
            .iter()
            .filter(|n| !n.note.trim().is_empty())
            .map(|n| item(&n.title, n.note.trim().to_string()))
            .collect();
        for ws in &e.pricing.worksheets {
            for event in ws.log.iter().filter(|x| !x.note.trim().is_empty()) {
                notes.push(item(
                    &format!("{} ({})", ws.name, event.step.label().to_lowercase()),
                    event.note.trim().to_string(),
                ));
            }
        }
        if !notes.is_empty() {
            sections.push(Section {
                title: "Internal notes (not for the client)".into(),
                columns: ("About", "Note"),
                items: notes,
                noun: "notes",
            });
        }
    }
    let draft = Draft {
        title: format!("Engagement plan: {}", e.name),
        head,
        sections,
    };
    let file_name = file_name_for(&e.name, DocumentKind::Engagement);
    Some(finish(draft, file_name, max_len))
}

/// The summary of the whole workspace: its engagements, each with its client, stage and
/// price. With `client_safe`, nothing internal is in it (it holds no internal figure
/// anyway: the price and approval are the client's to know).
pub fn workspace_summary(workspace: &Workspace, client_safe: bool, max_len: usize) -> Summary {
    let engagements: Vec<Item> = workspace
        .engagements
        .iter()
        .map(|e| {
            let d = deal(workspace, e, client_safe);
            let mut value = format!(
                "{}, {} ({})",
                or_unnamed(workspace.client_name(e)),
                e.stage.label().to_lowercase(),
                e.relationship.label().to_lowercase()
            );
            if let Some(price) = d.price {
                value.push_str(&format!(", {price}"));
                if let Some(approval) = d.approval {
                    value.push_str(&format!(" — {}", lower_first(&approval)));
                }
            }
            item(&e.name, value)
        })
        .collect();
    let count = |n: usize, one: &str, many: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    let draft = Draft {
        title: format!(
            "Engagement plans: {}",
            count(workspace.engagements.len(), "engagement", "engagements")
        ),
        head: vec![item(
            "Workspace",
            format!(
                "{} and {}",
                count(workspace.engagements.len(), "engagement", "engagements"),
                count(workspace.people.len(), "person", "people")
            ),
        )],
        sections: vec![Section {
            title: "Engagements".into(),
            columns: ("Engagement", "Client, stage, price"),
            items: engagements,
            noun: "engagements",
        }],
    };
    let file_name = file_name_for("engagement-planner", DocumentKind::Workspace);
    finish(draft, file_name, max_len)
}

fn finish(draft: Draft, file_name: String, max_len: usize) -> Summary {
    let keep = fit(&draft, |text| text.chars().count(), max_len);
    let text = shorten_to(render_text(&draft, &keep), |t| t.chars().count() <= max_len);
    Summary {
        subject: shorten_words(&draft.title, SUBJECT_MAX),
        html: render_html(&draft, &keep),
        text,
        file_name,
        draft,
    }
}

/// The last lines of a mail: where the attached file opens.
pub fn open_instructions(app_address: &str, file_name: &str) -> String {
    format!(
        "The plan is in the attached file “{file_name}”. To open it, go to Engagement Planner at {app_address} and choose File, then Import (or drop the file on the page)."
    )
}

/// The mail draft's address: `mailto:?subject=…&body=…` with the summary, shortened so
/// that the whole address is at most [`MAILTO_MAX`] characters, and the lines saying
/// where the attached file opens (`app_address`: the app's address without its
/// fragment). Every character outside RFC 3986's unreserved set is percent-encoded
/// (UTF-8), line breaks as `%0D%0A`.
pub fn mailto(app_address: &str, summary: &Summary) -> String {
    let footer = open_instructions(app_address, &summary.file_name);
    let address = |body: &str| {
        format!(
            "mailto:?subject={}&body={}",
            percent_encode(&summary.subject),
            percent_encode(&format!("{body}\n\n{footer}"))
        )
    };
    let fits = |body: &str| address(body).len() <= MAILTO_MAX;
    let keep = fit(&summary.draft, |body| address(body).len(), MAILTO_MAX);
    let body = shorten_to(render_text(&summary.draft, &keep), fits);
    let url = address(&body);
    if url.len() <= MAILTO_MAX {
        url
    } else {
        // Only an app address of well over a thousand characters gets here: the mail
        // keeps the subject and says where the plan opens.
        let bare = format!(
            "mailto:?subject={}&body={}",
            percent_encode(&summary.subject),
            percent_encode(&footer)
        );
        if bare.len() <= MAILTO_MAX {
            bare
        } else {
            format!("mailto:?subject={}", percent_encode(&summary.subject))
        }
    }
}

/// Percent-encodes `text` for a `mailto:` header value: everything but letters, digits
/// and `-._~` as UTF-8 bytes, line breaks as CRLF (RFC 6068).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    let normalized = text.replace("\r\n", "\n");
    for b in normalized.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            b'\n' => out.push_str("%0D%0A"),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `text` cut at a word boundary to at most `max` characters, with "…" when cut; a
/// word longer than `max` is left out rather than cut.
pub fn shorten_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    // Room for the ellipsis.
    let limit = max - 1;
    let mut end = 0;
    for (count, (i, c)) in text.char_indices().enumerate() {
        if count > limit {
            break;
        }
        if c.is_whitespace() {
            end = i;
        }
    }
    // Cut exactly at a boundary when the next character is a space.
    if let Some((i, c)) = text.char_indices().nth(limit) {
        if c.is_whitespace() {
            end = i;
        }
    }
    let kept = text[..end].trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';');
    format!("{kept}…")
}

/// Which items of each section to keep so that the text's `cost` is at most `max`:
/// drops items from the least important section first, then from the next, and whole
/// sections only when no item is left.
fn fit(draft: &Draft, cost: impl Fn(&str) -> usize, max: usize) -> Keep {
    let mut keep: Keep = draft.sections.iter().map(|s| Some(s.items.len())).collect();
    // Every round drops at least one item or section, so this ends.
    loop {
        let text = render_text(draft, &keep);
        let excess = cost(&text).saturating_sub(max);
        if excess == 0 {
            return keep;
        }
        // Items go first, from the least important section on (a section without its
        // items still says how many it has); whole sections only when no item is left.
        let Some(i) = keep
            .iter()
            .rposition(|k| k.is_some_and(|n| n > 0))
            .or_else(|| keep.iter().rposition(|k| k.is_some()))
        else {
            return keep;
        };
        match keep[i] {
            Some(0) | None => keep[i] = None,
            Some(n) => {
                // Several items in one round when many must go (a workspace of hundreds
                // of engagements), never more than could be needed: a byte of text costs
                // at most 6 characters of a mail address (a line break is `%0D%0A`).
                let mut dropped = 0;
                let mut freed = 0;
                for it in draft.sections[i].items[..n].iter().rev() {
                    if dropped > 0 && freed >= excess {
                        break;
                    }
                    dropped += 1;
                    freed += 6 * (it.label.len() + it.value.len() + 5);
                }
                keep[i] = Some(n - dropped);
            }
        }
    }
}

/// `text` shortened between words until it `fits` (the last resort, when even the
/// title and the first lines are too long).
fn shorten_to(text: String, fits: impl Fn(&str) -> bool) -> String {
    let mut text = text;
    while !fits(&text) && !text.is_empty() {
        let count = text.chars().count();
        text = shorten_words(&text, count * 3 / 4);
        if text == "…" {
            return String::new();
        }
    }
    text
}

fn render_text(draft: &Draft, keep: &Keep) -> String {
    let mut out = draft.title.clone();
    out.push('\n');
    for it in &draft.head {
        out.push_str(&format!("{}: {}\n", it.label, it.value));
    }
    for (s, k) in draft.sections.iter().zip(keep) {
        let Some(k) = *k else { continue };
        out.push('\n');
        if k == 0 && !s.items.is_empty() {
            out.push_str(&format!(
                "{}: {} {}, not listed here.\n",
                s.title,
                s.items.len(),
                s.noun
            ));
            continue;
        }
        out.push_str(&format!("{}:\n", s.title));
        if s.items.is_empty() {
            out.push_str(&format!("- No {} yet.\n", s.noun));
        }
        for it in &s.items[..k] {
            out.push_str(&format!("- {}: {}\n", it.label, it.value));
        }
        if k < s.items.len() {
            out.push_str(&format!("- and {} more {}\n", s.items.len() - k, s.noun));
        }
    }
    out.trim_end().to_string()
}

const FONT: &str = "font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#1a1a1a";
const TABLE: &str = "border-collapse:collapse;margin:0 0 12px 0";
const CELL: &str = "border:1px solid #c8c8c8;padding:4px 8px;text-align:left;vertical-align:top";
const HEAD: &str = "border:1px solid #c8c8c8;padding:4px 8px;text-align:left;vertical-align:top;background:#f0f0f0;font-weight:bold";

fn render_html(draft: &Draft, keep: &Keep) -> String {
    let mut out = format!(
        "<div style=\"{FONT}\"><p style=\"margin:0 0 8px 0;font-size:16px\"><strong>{}</strong></p>",
        escape(&draft.title)
    );
    out.push_str(&format!("<table style=\"{TABLE}\">"));
    for it in &draft.head {
        out.push_str(&format!(
            "<tr><th style=\"{HEAD}\">{}</th><td style=\"{CELL}\">{}</td></tr>",
            escape(&it.label),
            escape(&it.value)
        ));
    }
    out.push_str("</table>");
    for (s, k) in draft.sections.iter().zip(keep) {
        let Some(k) = *k else { continue };
        out.push_str(&format!(
            "<p style=\"margin:12px 0 4px 0\"><strong>{}</strong></p>",
            escape(&s.title)
        ));
        if s.items.is_empty() {
            out.push_str(&format!(
                "<p style=\"margin:0 0 12px 0\">No {} yet.</p>",
                s.noun
            ));
            continue;
        }
        out.push_str(&format!(
            "<table style=\"{TABLE}\"><tr><th style=\"{HEAD}\">{}</th><th style=\"{HEAD}\">{}</th></tr>",
            s.columns.0, s.columns.1
        ));
        for it in &s.items[..k] {
            out.push_str(&format!(
                "<tr><td style=\"{CELL}\">{}</td><td style=\"{CELL}\">{}</td></tr>",
                escape(&it.label),
                escape(&it.value)
            ));
        }
        if k < s.items.len() {
            out.push_str(&format!(
                "<tr><td style=\"{CELL}\" colspan=\"2\">and {} more {}</td></tr>",
                s.items.len() - k,
                s.noun
            ));
        }
        out.push_str("</table>");
    }
    out.push_str("</div>");
    out
}

/// `text` safe inside HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn item(label: &str, value: String) -> Item {
    Item {
        label: label.to_string(),
        value,
    }
}

fn or_unnamed(name: &str) -> &str {
    if name.trim().is_empty() {
        "not named yet"
    } else {
        name
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // Keep a name's capital ("Kim Ledger decides"): only a common word is lowered.
        Some(first) if text.starts_with("The ") || text.starts_with("No") => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_string(),
    }
}

// ---------------------------------------------------------------------------------
// The client-safe copy

/// What the client-safe copy of a plan leaves out, in the user's words, for the dialog.
pub const CLIENT_SAFE_LEFT_OUT: &[&str] = &[
    "cost rates (each rate card role's cost of an hour reads 0, so the copy's cost, margin and markup figures mean nothing)",
    "cost contingency",
    "target margins",
    "commission rates",
    "notes on pricing approvals",
    "the team's notes on client needs",
];

/// What the client-safe copy keeps that a reader might expect gone.
pub const CLIENT_SAFE_KEPT: &str = "Bill rates, hours and expenses stay, since the price is made from them: the copy shows the same price.";

/// Whether a share starts client-safe: on when any engagement shared is contracted (the
/// client is another company), off for in-house work, as a workshop's "client in the
/// room" does.
pub fn client_safe_default<'a>(
    mut engagements: impl Iterator<Item = &'a crate::model::Engagement>,
) -> bool {
    engagements.any(|e| e.relationship == Relationship::Contracted)
}

/// A copy of `workspace` for the client: every engagement without its cost rates, cost
/// contingency, target margins, commission rates, approval notes and need notes (what
/// the workshop keeps off the projector, [`crate::view::present::CLIENT_IN_ROOM_REDACTED`],
/// as far as a valid plan allows: a cost rate is required, so it becomes 0). Bill rates,
/// hours and expenses stay, so every price is unchanged. The copy passes
/// `Workspace::validate` whenever the original does.
pub fn client_safe_copy(workspace: &Workspace) -> Workspace {
    let mut copy = workspace.clone();
    copy.default_target_margin = None;
    for e in &mut copy.engagements {
        for r in &mut e.pricing.rate_card {
            r.cost_rate = crate::model::Money::ZERO;
        }
        for ws in &mut e.pricing.worksheets {
            ws.cost_contingency = crate::model::Bps::ZERO;
            ws.target_margin = None;
            ws.commission_rate = crate::model::Bps::ZERO;
            for event in &mut ws.log {
                event.note.clear();
            }
        }
        for n in &mut e.needs {
            n.note.clear();
        }
        e.accepted_departures.clear();
    }
    for a in &mut copy.accounts {
        a.notes.clear();
    }
    copy
}
