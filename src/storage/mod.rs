//! The saved-document format: what a workspace looks like as JSON, in the browser's
//! storage and in exported files, and how a document is read back safely.
//!
//! This part is pure (no browser, no clock) and tested on the host. Reading is
//! strict: [`from_bytes`] checks the size and that the file is UTF-8, [`from_json`]
//! the JSON, the format name and version, upgrades older versions through
//! [`MIGRATIONS`], deserializes, and runs [`Workspace::validate`] before anything is
//! returned, so a document that fails any step never replaces the plan the user has.
//! Every refusal is written for the person who tried to open the file: it names things
//! by their names, states the real limits and lists every problem ([`shape`] explains
//! what serde could not read). `docs/FORMAT.md` describes the format.
//!
//! The browser side (localStorage, file download and upload) is [`browser`], compiled
//! for wasm32 only.

use crate::model::describe;
use crate::model::units::MONEY_LIMIT;
use crate::model::{EngagementId, Money, Problem, Problems, Workspace};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod channel;
#[cfg(target_arch = "wasm32")]
pub mod compress;
pub mod link;
#[cfg(target_arch = "wasm32")]
pub mod offline;
#[cfg(target_arch = "wasm32")]
pub mod sent;
pub mod shape;

/// The value of every document's `format` field.
pub const FORMAT_NAME: &str = "engagement-planner";

/// The format version this build writes, and the newest it reads.
pub const CURRENT_VERSION: u32 = 7;

/// Largest document accepted, in bytes (UTF-8). Larger ones are refused before
/// parsing: a real workspace is far smaller, and the browser's storage holds only a
/// few megabytes anyway.
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// The app version written into every document, for the record only (reading never
/// depends on it: `version` is what counts).
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// What a document holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A whole workspace: the roster and every engagement.
    Workspace,
    /// One engagement, with just the people it refers to.
    Engagement,
}

impl DocumentKind {
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::Workspace => "workspace",
            DocumentKind::Engagement => "engagement",
        }
    }
}

/// Longest revision id, in characters (see [`is_revision`]).
pub const REVISION_MAX: usize = 64;

/// Whether `text` is a revision id as Engagement Planner writes them: a short plain id
/// of at most [`REVISION_MAX`] letters, digits and hyphens (ASCII), never empty.
pub fn is_revision(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= REVISION_MAX
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// The copy a sent file was based on: the plan as it was last received from a file
/// (its revision id and its workspace), which the file carries so that a comparison
/// can tell who changed what. Its workspace passed the same checks as a document's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base {
    pub revision: String,
    pub workspace: Workspace,
}

/// A document that passed every check of [`from_json`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedDocument {
    pub kind: DocumentKind,
    /// Valid: [`Workspace::validate`] passed.
    pub workspace: Workspace,
    /// The version the document was written in, when it was older than
    /// [`CURRENT_VERSION`] and was upgraded on reading.
    pub migrated_from: Option<u32>,
    /// When the document was saved, as the writer recorded it (an ISO 8601 string, or
    /// milliseconds since 1970 written as a number), if it did.
    pub saved_at: Option<String>,
    /// The version of the app that wrote the document, if it said.
    pub app_version: Option<String>,
    /// The id of this exported copy ([`to_json_sent`]), when it has one that is a
    /// plain id ([`is_revision`]); anything else there is ignored.
    pub revision: Option<String>,
    /// The copy this file was based on, when it carries one that reads cleanly.
    pub base: Option<Base>,
    /// When the file carries a copy it was based on that could not be read: why, in
    /// the user's words. The file itself still reads; only `base` is missing.
    pub base_note: Option<String>,
}

/// One upgrade step: takes a whole document (envelope and workspace) of version `n`
/// and returns it in the shape of version `n + 1`. The step does not need to set
/// `version`; [`migrate`] does that after each step.
pub type Migration = fn(Value) -> Result<Value, LoadError>;

/// The upgrade steps, indexed by the version they upgrade from: `MIGRATIONS[0]`
/// upgrades version 1 to 2, `MIGRATIONS[n - 1]` version `n` to `n + 1`.
///
/// When the format changes, raise [`CURRENT_VERSION`], add the step here, keep every
/// older fixture under `tests/fixtures/` loading, and add a fixture of the new version.
///
/// - 1 → 2: engagements gain `pricing` (rate card, worksheets, deal); every version-1
///   engagement gets an empty one.
/// - 2 → 3: the sponsors' expected benefits and budget move from hundredths to the
///   minor unit of the engagement's currency ([`sponsor_money_in_currency_units`]).
/// - 3 → 4: each function the PM accepted by default takes hours
///   ([`pm_accepted_with_hours`]).
/// - 4 → 5: each decision area gains a log of the decisions taken in it
///   ([`add_empty_decision_logs`]).
/// - 5 → 6: a proposal may name the pricing worksheet it approves; every older proposal
///   names none ([`proposals_approve_no_worksheet`]).
/// - 6 → 7: clients become accounts, one per distinct client name, and each engagement
///   names its account instead of holding the name ([`clients_become_accounts`]); the
///   workspace gains the organization's standard, which reads as the built-in one.
pub const MIGRATIONS: &[Migration] = &[
    add_empty_pricing,
    sponsor_money_in_currency_units,
    pm_accepted_with_hours,
    add_empty_decision_logs,
    proposals_approve_no_worksheet,
    clients_become_accounts,
];

/// Version 1 → 2: gives every engagement an empty `pricing` object (no rate card, no
/// worksheet, no deal). An engagement that somehow has one already keeps it, and a
/// document without a list of engagements is left for the reader to refuse.
pub fn add_empty_pricing(mut document: Value) -> Result<Value, LoadError> {
    if let Some(engagements) = document
        .pointer_mut("/workspace/engagements")
        .and_then(Value::as_array_mut)
    {
        for engagement in engagements.iter_mut().filter_map(Value::as_object_mut) {
            engagement.entry("pricing").or_insert_with(
                || serde_json::json!({"rate_card": [], "worksheets": [], "deal": null}),
            );
        }
    }
    Ok(document)
}

/// The currencies whose minor unit is not a hundredth, with their decimals, as they
/// were when version 3 was introduced. Version 2 stored the sponsors' amounts in
/// hundredths whatever the currency, so these are exactly the currencies whose
/// sponsor amounts the 2 → 3 step converts. The list is frozen here, not read from
/// the app's table of currencies, so that the step converts a version-2 document the
/// same way forever even if that table grows.
pub const V2_NON_CENT_CURRENCIES: &[(&str, u32)] = &[
    ("BHD", 3),
    ("CLP", 0),
    ("ISK", 0),
    ("JOD", 3),
    ("JPY", 0),
    ("KRW", 0),
    ("KWD", 3),
    ("OMR", 3),
    ("TND", 3),
    ("VND", 0),
];

/// Most problems one refused upgrade lists; the rest are counted.
const MIGRATION_PROBLEMS_SHOWN: usize = 20;

/// Version 2 → 3: the sponsors' `expected_benefits` and `expected_budget` move from
/// hundredths (what version 2 stored, whatever the currency) to the minor unit of the
/// engagement's currency, as pricing amounts always were. ¥1,200,000 stored as
/// `120000000` becomes `1200000`; KWD 25,000.50 stored as `2500050` becomes
/// `25000500`; amounts in a currency with cents are unchanged.
///
/// The conversion is exact or refused: an amount with a fraction its currency cannot
/// hold (¥1,200.50) or one that would exceed the largest amount in its currency's
/// minor unit refuses the whole document, naming every such amount. Values that are
/// not amounts at all (a text, a negative or fractional number) are left as they are
/// for the reader to refuse with its usual message.
pub fn sponsor_money_in_currency_units(mut document: Value) -> Result<Value, LoadError> {
    let mut problems = Vec::new();
    let engagements = document
        .pointer_mut("/workspace/engagements")
        .and_then(Value::as_array_mut);
    for engagement in engagements.into_iter().flatten() {
        let Some(engagement) = engagement.as_object_mut() else {
            continue;
        };
        let Some(code) = engagement.get("currency").and_then(Value::as_str) else {
            continue;
        };
        let Some(&(code, decimals)) = V2_NON_CENT_CURRENCIES
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(code.trim()))
        else {
            continue;
        };
        let name = engagement
            .get("name")
            .and_then(Value::as_str)
            .map(|n| shorten(n, 60))
            .unwrap_or_default();
        let Some(value) = engagement
            .get_mut("sponsor_value")
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        for (field, what) in [
            ("expected_benefits", "expected benefits"),
            ("expected_budget", "expected budget"),
        ] {
            let Some(slot) = value.get_mut(field) else {
                continue;
            };
            let Some(old) = slot.as_i64().filter(|m| (0..=MONEY_LIMIT.0).contains(m)) else {
                continue;
            };
            let shown = format!("{code} {}", Money(old).format(2));
            match hundredths_to_minor_units(old, decimals) {
                Ok(new) => *slot = Value::from(new),
                Err(Unrepresentable::Fraction) => problems.push(format!(
                    "in \u{201c}{name}\u{201d}, {shown} (the sponsors' {what}) {}",
                    if decimals == 0 {
                        format!("has a fraction, but {code} amounts are whole numbers")
                    } else {
                        format!("has more decimals than {code} amounts hold ({decimals})")
                    }
                )),
                Err(Unrepresentable::TooLarge) => problems.push(format!(
                    "in \u{201c}{name}\u{201d}, {shown} (the sponsors' {what}) is more than the planner holds in {code} (at most {code} {})",
                    MONEY_LIMIT.format(decimals)
                )),
            }
        }
    }
    if problems.is_empty() {
        return Ok(document);
    }
    let count = problems.len();
    let mut message = if count == 1 {
        problems.remove(0)
    } else {
        let mut list = problems
            .iter()
            .take(MIGRATION_PROBLEMS_SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join("; ");
        if count > MIGRATION_PROBLEMS_SHOWN {
            list.push_str(&format!("; and {} more", count - MIGRATION_PROBLEMS_SHOWN));
        }
        format!("{count} sponsor amounts cannot be kept exactly: {list}")
    };
    message.push_str(if count == 1 {
        ". Correct it in the version of Engagement Planner that saved this file, then save or export the file again."
    } else {
        ". Correct them in the version of Engagement Planner that saved this file, then save or export the file again."
    });
    Err(LoadError::Migration { from: 2, message })
}

/// Version 3 → 4: `pm_accepted` lists each function the PM accepted by default with the
/// hours a week it takes the PM. Version 3 listed bare function ids; each becomes
/// `{"function": id, "hours": 400}`, the 4 h a week accepting a default gives, so an
/// older plan's PM defaults count towards the PM's workload too. An entry that is
/// already an object is kept; anything else is left for the reader to refuse.
pub fn pm_accepted_with_hours(mut document: Value) -> Result<Value, LoadError> {
    for accepted in engagement_lists(&mut document, "pm_accepted") {
        for entry in accepted.iter_mut().filter(|entry| entry.is_u64()) {
            *entry = serde_json::json!({"function": entry.clone(), "hours": 400});
        }
    }
    Ok(document)
}

/// Every engagement's list under `key` (its `decisions`, its `pm_accepted`), skipping
/// whatever is not a list for the reader to refuse.
fn engagement_lists<'a>(
    document: &'a mut Value,
    key: &'a str,
) -> impl Iterator<Item = &'a mut Vec<Value>> + 'a {
    document
        .pointer_mut("/workspace/engagements")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(move |engagement| engagement.get_mut(key).and_then(Value::as_array_mut))
}

/// Version 4 → 5: every decision area gains an empty `log` of decisions taken (one that
/// somehow has one keeps it); anything that is not a decision area is left for the
/// reader to refuse.
pub fn add_empty_decision_logs(mut document: Value) -> Result<Value, LoadError> {
    for decisions in engagement_lists(&mut document, "decisions") {
        for area in decisions.iter_mut().filter_map(Value::as_object_mut) {
            area.entry("log")
                .or_insert_with(|| Value::Array(Vec::new()));
        }
    }
    Ok(document)
}

/// Version 5 → 6: every proposal of every decision area gains `"worksheet": null`: it
/// approves no pricing worksheet (a proposal that somehow has the field keeps it);
/// anything that is not a decision area or a proposal is left for the reader to refuse.
pub fn proposals_approve_no_worksheet(mut document: Value) -> Result<Value, LoadError> {
    for decisions in engagement_lists(&mut document, "decisions") {
        let logs = decisions
            .iter_mut()
            .filter_map(|area| area.get_mut("log").and_then(Value::as_array_mut));
        for proposal in logs.flatten().filter_map(Value::as_object_mut) {
            proposal.entry("worksheet").or_insert(Value::Null);
        }
    }
    Ok(document)
}

/// Version 6 → 7: every distinct client name (the same letters ignoring case and the
/// spaces around; the first spelling is kept) becomes an account with an id from
/// `next_id`, in the order the engagements first name it; each engagement names its
/// account in `account` (null when its client was empty) and no longer holds `client`.
pub fn clients_become_accounts(mut document: Value) -> Result<Value, LoadError> {
    let refuse = |message: String| LoadError::Migration { from: 6, message };
    let mut next_id = document
        .pointer("/workspace/next_id")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let first_id = next_id;
    let mut accounts: Vec<(String, u64, String)> = Vec::new();
    if let Some(engagements) = document
        .pointer_mut("/workspace/engagements")
        .and_then(Value::as_array_mut)
    {
        for (i, engagement) in engagements
            .iter_mut()
            .filter_map(Value::as_object_mut)
            .enumerate()
        {
            let client = match engagement.remove("client") {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(s)) => s,
                Some(_) => {
                    return Err(refuse(format!(
                        "the client of engagement {} is not text",
                        i + 1
                    )))
                }
            };
            let name = client.trim();
            let account = if name.is_empty() {
                Value::Null
            } else {
                let key = name.to_lowercase();
                let id = match accounts.iter().find(|(k, _, _)| *k == key) {
                    Some(&(_, id, _)) => id,
                    None => {
                        let id = next_id;
                        if id >= u64::from(u32::MAX) {
                            return Err(refuse(
                                "it has used every id the format can hold, so its clients cannot become accounts".to_string(),
                            ));
                        }
                        next_id += 1;
                        accounts.push((key, id, name.to_string()));
                        id
                    }
                };
                Value::from(id)
            };
            engagement.insert("account".to_string(), account);
        }
    }
    if let Some(workspace) = document
        .pointer_mut("/workspace")
        .and_then(Value::as_object_mut)
    {
        workspace.insert(
            "accounts".to_string(),
            Value::Array(
                accounts
                    .into_iter()
                    .map(|(_, id, name)| {
                        serde_json::json!({"id": id, "name": name, "owner": null, "notes": ""})
                    })
                    .collect(),
            ),
        );
        if next_id != first_id {
            workspace.insert("next_id".to_string(), Value::from(next_id));
        }
    }
    Ok(document)
}

/// Why an amount in hundredths has no exact equivalent in a currency's minor unit.
enum Unrepresentable {
    /// It has a fraction the currency cannot hold (¥1,200.50).
    Fraction,
    /// In the currency's minor unit it is beyond the largest amount.
    TooLarge,
}

/// An amount in hundredths of a currency, in that currency's minor unit (`decimals`
/// places), exactly.
fn hundredths_to_minor_units(hundredths: i64, decimals: u32) -> Result<i64, Unrepresentable> {
    let value = if decimals < 2 {
        let factor = 10i128.pow(2 - decimals);
        if i128::from(hundredths) % factor != 0 {
            return Err(Unrepresentable::Fraction);
        }
        i128::from(hundredths) / factor
    } else {
        i128::from(hundredths) * 10i128.pow(decimals - 2)
    };
    if value > i128::from(MONEY_LIMIT.0) {
        return Err(Unrepresentable::TooLarge);
    }
    Ok(value as i64)
}

// The table must have exactly one step per older version.
const _: () = assert!(MIGRATIONS.len() + 1 == CURRENT_VERSION as usize);

/// Why a document could not be read. `Display` is written for the person who tried to
/// open it: it names things by their names, states the real limits and lists the
/// problems (the first [`describe::PROBLEMS_SHOWN`], with a count of the rest);
/// [`LoadError::details`] gives every problem kept, one a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Larger than [`MAX_DOCUMENT_BYTES`].
    TooLarge { bytes: usize, limit: usize },
    /// Not UTF-8 text: the first byte that is not part of a UTF-8 character is at
    /// `offset` (from 0), on `line` and `column` (from 1, in characters). `utf16`
    /// when the file starts with a UTF-16 byte-order mark.
    NotUtf8 {
        offset: usize,
        line: usize,
        column: usize,
        utf16: bool,
    },
    /// Nothing in it but white space.
    Empty,
    /// Not JSON at all (or cut off, or nested absurdly deep). `message` says what is
    /// wrong at `line` and `column`, in words.
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not an object whose `format` is [`FORMAT_NAME`]; `found` is the
    /// `format` it has, if it has a text one.
    NotOurFormat { found: Option<String> },
    /// Our format, but no `version`.
    MissingVersion,
    /// A `version` that is not a whole number from 1 up; `found` is it as JSON.
    BadVersion { found: String },
    /// Written by a newer version of the app than this one.
    NewerVersion { found: u64, supported: u32 },
    /// `kind` is missing or is neither `"workspace"` nor `"engagement"`.
    BadKind { found: Option<String> },
    /// An upgrade step from version `from` refused the document.
    Migration { from: u32, message: String },
    /// Values of the wrong kind or shape (a text where a number belongs, a negative
    /// number of hours, a missing field, an unknown option), each with its place.
    /// Problem paths are from the top of the document (`workspace.people[3].capacity`).
    BadContent(Problems),
    /// Well formed, but it breaks the workspace's rules (references that do not
    /// resolve, two Accountables on a function, impossible hours, …). Paths are from
    /// the top of the document (`workspace.engagements[0].assignments[2].person`).
    Invalid(Problems),
    /// The browser's storage could not be read at all (used by the browser layer only).
    StorageUnavailable(String),
}

impl LoadError {
    /// Every problem kept, one line each, for a "details" list under the message.
    pub fn details(&self) -> Vec<String> {
        match self {
            LoadError::Invalid(problems) | LoadError::BadContent(problems) => {
                problems.iter().map(|p| p.to_string()).collect()
            }
            other => vec![other.to_string()],
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::TooLarge { bytes, limit } => {
                let size = megabytes(*bytes);
                let aside = if size == megabytes(*limit) {
                    String::new()
                } else {
                    format!(" ({size})")
                };
                write!(
                    f,
                    "This file is too large to open: it is {} bytes{aside}, and Engagement Planner opens files of up to {} bytes ({}).",
                    describe::thousands(*bytes as u128),
                    describe::thousands(*limit as u128),
                    megabytes(*limit)
                )
            }
            LoadError::NotUtf8 { utf16: true, .. } => write!(
                f,
                "This file is saved as UTF-16 text, and Engagement Planner reads files saved as UTF-8. Open it in a text editor and save it again as UTF-8, or export it again from Engagement Planner."
            ),
            LoadError::NotUtf8 {
                offset,
                line,
                column,
                ..
            } => write!(
                f,
                "This file is not UTF-8 text, so it cannot be read safely: at line {line}, column {column} (byte {} of the file) there is a byte that is not part of any UTF-8 character. Open it in a text editor and save it again as UTF-8, or export it again from Engagement Planner.",
                describe::thousands(*offset as u128 + 1)
            ),
            LoadError::Empty => write!(f, "This file is empty: there is nothing in it to open."),
            LoadError::NotJson {
                line,
                column,
                message,
            } => write!(
                f,
                "This file is damaged or is not an Engagement Planner file: it is not valid JSON. At line {line}, column {column}, {message}."
            ),
            LoadError::NotOurFormat { found: Some(found) } => write!(
                f,
                "This is not an Engagement Planner file (it says its format is \"{}\").",
                shorten(found, 60)
            ),
            LoadError::NotOurFormat { found: None } => write!(
                f,
                "This is not an Engagement Planner file (it does not name the \"{FORMAT_NAME}\" format)."
            ),
            LoadError::MissingVersion => write!(
                f,
                "This Engagement Planner file does not say which version of the format it uses (its \"version\" is missing), so it cannot be read safely."
            ),
            LoadError::BadVersion { found } => write!(
                f,
                "This Engagement Planner file has an unreadable format version ({}); it should be a whole number such as 1.",
                shorten(found, 40)
            ),
            LoadError::NewerVersion { found, supported } => write!(
                f,
                "This file was saved by a newer version (v{found}) of Engagement Planner; this one reads up to v{supported}. Open it in the newer version, or ask the sender to export it again."
            ),
            LoadError::BadKind { found } => {
                write!(
                    f,
                    "This Engagement Planner file does not say whether it holds a workspace or an engagement"
                )?;
                match found {
                    Some(kind) => write!(f, " (its kind is \"{}\").", shorten(kind, 40)),
                    None => write!(f, " (its \"kind\" is missing)."),
                }
            }
            LoadError::Migration { from, message } => write!(
                f,
                "This file was saved by an older version (v{from}) of Engagement Planner and could not be upgraded: {message}"
            ),
            LoadError::BadContent(problems) | LoadError::Invalid(problems) => {
                write!(f, "This file has {}", problems.listed())
            }
            LoadError::StorageUnavailable(message) => write!(
                f,
                "The browser's storage could not be read ({message})."
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// "10 MB", "10.5 MB": megabytes of 1,048,576 bytes, to a tenth.
fn megabytes(bytes: usize) -> String {
    let tenths = (bytes as u64 * 10 + 524_288) / 1_048_576;
    match tenths % 10 {
        0 => format!("{} MB", describe::thousands(u128::from(tenths / 10))),
        t => format!("{}.{t} MB", describe::thousands(u128::from(tenths / 10))),
    }
}

/// At most `max` characters of `text`, with an ellipsis if it was cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max).collect();
        cut.push('…');
        cut
    }
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    format: &'a str,
    version: u32,
    kind: DocumentKind,
    saved_at: Option<&'a str>,
    app_version: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    revision: Option<&'a str>,
    workspace: &'a Workspace,
    #[serde(skip_serializing_if = "Option::is_none")]
    base: Option<BaseOut<'a>>,
}

/// A [`Base`] as a document carries it.
#[derive(Serialize)]
struct BaseOut<'a> {
    revision: &'a str,
    workspace: &'a Workspace,
}

/// The part of a document that [`from_json`] deserializes with serde; the envelope's
/// other fields are checked by hand first, to give each its own message.
#[derive(Deserialize)]
struct DocumentIn {
    workspace: Workspace,
}

fn document_out<'a>(
    workspace: &'a Workspace,
    kind: DocumentKind,
    saved_at: Option<&'a str>,
) -> DocumentOut<'a> {
    DocumentOut {
        format: FORMAT_NAME,
        version: CURRENT_VERSION,
        kind,
        saved_at,
        app_version: APP_VERSION,
        revision: None,
        workspace,
        base: None,
    }
}

fn document_json(workspace: &Workspace, kind: DocumentKind, saved_at: Option<&str>) -> String {
    let document = document_out(workspace, kind, saved_at);
    // Every map in the model has string keys and every number is an integer, so
    // serializing cannot fail.
    serde_json::to_string_pretty(&document).expect("a workspace always serializes to JSON")
}

/// The whole workspace as a pretty-printed document. `saved_at` is the caller's clock
/// (an ISO 8601 string); the pure code has none.
pub fn to_json(workspace: &Workspace, saved_at: Option<&str>) -> String {
    document_json(workspace, DocumentKind::Workspace, saved_at)
}

/// A document sent to someone else: as [`document_json`], with this copy's `revision`
/// and, if given, the copy it was based on. A base that would make the file larger
/// than [`MAX_DOCUMENT_BYTES`] is left out, so the file still opens.
fn sent_json(
    workspace: &Workspace,
    kind: DocumentKind,
    saved_at: Option<&str>,
    revision: &str,
    base: Option<&Base>,
) -> String {
    sent_json_within(
        workspace,
        kind,
        saved_at,
        revision,
        base,
        MAX_DOCUMENT_BYTES,
    )
}

/// [`sent_json`], leaving the base out if the file would be larger than `limit` bytes.
fn sent_json_within(
    workspace: &Workspace,
    kind: DocumentKind,
    saved_at: Option<&str>,
    revision: &str,
    base: Option<&Base>,
    limit: usize,
) -> String {
    let mut document = document_out(workspace, kind, saved_at);
    document.revision = Some(revision);
    document.base = base.map(|b| BaseOut {
        revision: &b.revision,
        workspace: &b.workspace,
    });
    let text =
        serde_json::to_string_pretty(&document).expect("a workspace always serializes to JSON");
    if text.len() <= limit || document.base.is_none() {
        return text;
    }
    document.base = None;
    serde_json::to_string_pretty(&document).expect("a workspace always serializes to JSON")
}

/// The whole workspace as a document sent to someone else (an export, a share): as
/// [`to_json`], plus this copy's `revision` (see [`is_revision`]) and the copy it was
/// based on, if any (left out when it would make the file too large to open).
pub fn to_json_sent(
    workspace: &Workspace,
    saved_at: Option<&str>,
    revision: &str,
    base: Option<&Base>,
) -> String {
    sent_json(workspace, DocumentKind::Workspace, saved_at, revision, base)
}

/// One engagement as a document sent to someone else: as [`engagement_to_json`], with
/// `revision` and `base` as [`to_json_sent`] writes them; `None` if the workspace has no
/// such engagement. The base holds only that engagement as it was in the base (see
/// [`engagement_workspace`]), never the base's other engagements; it is left out if the
/// base does not hold the engagement.
pub fn engagement_to_json_sent(
    workspace: &Workspace,
    id: EngagementId,
    saved_at: Option<&str>,
    revision: &str,
    base: Option<&Base>,
) -> Option<String> {
    let part = engagement_workspace(workspace, id)?;
    let base = base.and_then(|b| {
        Some(Base {
            revision: b.revision.clone(),
            workspace: engagement_workspace(&b.workspace, id)?,
        })
    });
    Some(sent_json(
        &part,
        DocumentKind::Engagement,
        saved_at,
        revision,
        base.as_ref(),
    ))
}

/// A [`Base`] as a compact document of its own (its workspace, with its revision and no
/// base), for keeping it in the browser; [`base_from_json`] reads it back.
pub fn base_to_json(base: &Base) -> String {
    let mut document = document_out(&base.workspace, DocumentKind::Workspace, None);
    document.revision = Some(&base.revision);
    serde_json::to_string(&document).expect("a workspace always serializes to JSON")
}

/// A [`Base`] kept by [`base_to_json`], read back with every check of [`from_json`];
/// `None` if it does not read cleanly or carries no revision.
pub fn base_from_json(text: &str) -> Option<Base> {
    let document = from_json(text).ok()?;
    Some(Base {
        revision: document.revision?,
        workspace: document.workspace,
    })
}

/// One engagement and the people it refers to, as a workspace of its own (same
/// `next_id`), or `None` if the workspace has no such engagement.
pub fn engagement_workspace(workspace: &Workspace, id: EngagementId) -> Option<Workspace> {
    let engagement = workspace.engagement(id)?;
    let mut referenced = engagement.referenced_people();
    // The account's owner travels with it.
    let account = engagement.account.and_then(|id| workspace.account(id));
    referenced.extend(account.and_then(|a| a.owner));
    Some(Workspace {
        people: workspace
            .people
            .iter()
            .filter(|p| referenced.contains(&p.id))
            .cloned()
            .collect(),
        engagements: vec![engagement.clone()],
        next_id: workspace.next_id,
        default_target_margin: workspace.default_target_margin,
        accounts: account.cloned().into_iter().collect(),
        standard: workspace.standard.clone(),
    })
}

/// One engagement exported as an `"engagement"` document (see [`engagement_workspace`]),
/// or `None` if the workspace has no such engagement.
pub fn engagement_to_json(
    workspace: &Workspace,
    id: EngagementId,
    saved_at: Option<&str>,
) -> Option<String> {
    let part = engagement_workspace(workspace, id)?;
    Some(document_json(&part, DocumentKind::Engagement, saved_at))
}

/// One engagement as a compact `"engagement"` document (no indentation), for the
/// audience window of a presentation, which reads it with [`from_json`] like a file.
pub fn engagement_document(workspace: &Workspace, id: EngagementId) -> Option<String> {
    let part = engagement_workspace(workspace, id)?;
    let document = document_out(&part, DocumentKind::Engagement, None);
    Some(serde_json::to_string(&document).expect("a workspace always serializes to JSON"))
}

/// [`engagement_document`] for a link sent to someone else: with this copy's
/// `revision`, and no base (a link must stay short).
pub fn engagement_document_sent(
    workspace: &Workspace,
    id: EngagementId,
    revision: &str,
) -> Option<String> {
    let part = engagement_workspace(workspace, id)?;
    let mut document = document_out(&part, DocumentKind::Engagement, None);
    document.revision = Some(revision);
    Some(serde_json::to_string(&document).expect("a workspace always serializes to JSON"))
}

/// Reads a file as its bytes: refuses one larger than [`MAX_DOCUMENT_BYTES`] or that
/// is not UTF-8 text (rather than reading it with "�" in place of what it cannot
/// decode), then reads it as [`from_json`] does.
pub fn from_bytes(bytes: &[u8]) -> Result<LoadedDocument, LoadError> {
    from_json(decode(bytes)?)
}

/// The text of a file, if it is UTF-8 and not too large.
pub fn decode(bytes: &[u8]) -> Result<&str, LoadError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(LoadError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        // Everything before `offset` is UTF-8, so it can be counted in characters.
        let before = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        LoadError::NotUtf8 {
            offset,
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            utf16: bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]),
        }
    })
}

/// Reads a document, upgrading it if it is older, and returns it only if every check
/// passes (see the module documentation and `docs/FORMAT.md`).
pub fn from_json(text: &str) -> Result<LoadedDocument, LoadError> {
    read_document(text, CURRENT_VERSION, MIGRATIONS)
}

/// [`from_json`] with the current version and the upgrade table as parameters, so
/// the tests can exercise a chain of steps before a real one exists.
fn read_document(
    text: &str,
    current: u32,
    migrations: &[Migration],
) -> Result<LoadedDocument, LoadError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(LoadError::TooLarge {
            bytes: text.len(),
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    // Some editors start a UTF-8 file with a byte-order mark; it is not JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    // serde_json refuses nesting deeper than 128 levels, so hostile input cannot
    // exhaust the stack here.
    let mut document: Value = serde_json::from_str(text).map_err(|e| LoadError::NotJson {
        line: e.line(),
        column: e.column(),
        message: syntax_words(&e),
    })?;

    let version = check_envelope(&document, current)?;
    // This copy's revision and the copy it was based on are read apart from the
    // document (a bad one never makes the file unreadable), and kept out of its upgrade.
    let (revision, base) = match document.as_object_mut() {
        Some(object) => (object.remove("revision"), object.remove("base")),
        None => (None, None),
    };
    let twice = if revision.is_some() || base.is_some() {
        serde_json::from_str::<EnvelopeTwice>(text).unwrap_or_default()
    } else {
        EnvelopeTwice::default()
    };
    if version < current {
        // An older document is upgraded as a `Value`, which keeps only the last of a
        // field written twice: refuse that here, as the typed reading does for a current one.
        if let Err(e) = serde_json::from_str::<OutsideBase>(text) {
            return Err(LoadError::BadContent(Problems::from(vec![unexplained(
                &document, text, &e,
            )])));
        }
    }
    let (document, migrated_from) = if version < current {
        (
            migrate(document, version, current, migrations)?,
            Some(version),
        )
    } else {
        (document, None)
    };

    let kind = match document.get("kind") {
        Some(Value::String(s)) if s == "workspace" => DocumentKind::Workspace,
        Some(Value::String(s)) if s == "engagement" => DocumentKind::Engagement,
        Some(Value::String(s)) => {
            return Err(LoadError::BadKind {
                found: Some(s.clone()),
            })
        }
        Some(Value::Null) | None => return Err(LoadError::BadKind { found: None }),
        Some(other) => {
            return Err(LoadError::BadKind {
                found: Some(other.to_string()),
            })
        }
    };
    let saved_at = match document.get("saved_at") {
        Some(Value::String(s)) => Some(shorten(s, 100)),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let app_version = match document.get("app_version") {
        Some(Value::String(s)) => Some(shorten(s, 100)),
        _ => None,
    };

    // Deserialize from text rather than from the `Value`, so that a field written
    // twice is refused rather than silently dropped, and serde's error has a position
    // from which `path_at` recovers where it is. An upgraded document is re-serialized
    // first.
    let deserialized = match migrated_from {
        None => serde_json::from_str::<DocumentIn>(text).map_err(|e| (e, None)),
        Some(_) => {
            let upgraded = serde_json::to_string(&document).map_err(|e| LoadError::Migration {
                from: version,
                message: e.to_string(),
            })?;
            serde_json::from_str::<DocumentIn>(&upgraded).map_err(|e| (e, Some(upgraded)))
        }
    };
    let workspace = match deserialized {
        Ok(d) => d.workspace,
        Err((error, upgraded)) => {
            let mut problems = shape::check(&document);
            if problems.is_empty() {
                // The table of shapes saw nothing wrong: say what serde says, in words.
                let read = upgraded.as_deref().unwrap_or(text);
                problems.push(unexplained(&document, read, &error));
            }
            return Err(LoadError::BadContent(problems));
        }
    };

    let mut problems = workspace.problems();
    if kind == DocumentKind::Engagement && workspace.engagements.len() != 1 {
        problems.push(Problem {
            path: "engagements".to_string(),
            place: String::new(),
            message: format!(
                "an engagement file must hold exactly one engagement, not {}",
                workspace.engagements.len()
            ),
        });
    }
    if !problems.is_empty() {
        for p in &mut problems.list {
            p.path = format!("workspace.{}", p.path);
        }
        return Err(LoadError::Invalid(problems));
    }

    let revision = match revision {
        Some(Value::String(s)) if is_revision(&s) && !twice.revision => Some(s),
        _ => None,
    };
    let (base, base_note) = match base {
        None => (None, None),
        Some(value) => match read_base(value, &twice, version, current, migrations) {
            Ok(base) => (Some(base), None),
            Err(reason) => (
                None,
                Some(format!(
                    "The copy this file was based on could not be read ({reason}), so only differences can be shown, not who changed what."
                )),
            ),
        },
    };

    Ok(LoadedDocument {
        kind,
        workspace,
        migrated_from,
        saved_at,
        app_version,
        revision,
        base,
        base_note,
    })
}

/// Reads the copy a document was based on (its `base`), written in the document's
/// `version`: it is made a workspace document of its own and read with every check,
/// limit and upgrade of [`from_json`]. The error is why not, in words, to go in
/// "could not be read (…)".
fn read_base(
    value: Value,
    twice: &EnvelopeTwice,
    version: u32,
    current: u32,
    migrations: &[Migration],
) -> Result<Base, String> {
    if twice.base {
        return Err("the file holds it twice".to_string());
    }
    let Value::Object(mut object) = value else {
        return Err("it is not in the form Engagement Planner writes".to_string());
    };
    if object.contains_key("base") {
        return Err(
            "it carries another copy inside it, which Engagement Planner never writes".to_string(),
        );
    }
    if twice.inside_base {
        return Err("a field in it is written twice".to_string());
    }
    let revision = match object.remove("revision") {
        Some(Value::String(s)) if is_revision(&s) => s,
        Some(_) => {
            return Err("the mark that names it is not one Engagement Planner writes".to_string())
        }
        None => return Err("the mark that names it is missing".to_string()),
    };
    let Some(workspace) = object.remove("workspace") else {
        return Err("it holds no plan".to_string());
    };
    let document = serde_json::json!({
        "format": FORMAT_NAME,
        "version": version,
        "kind": DocumentKind::Workspace.label(),
        "workspace": workspace,
    });
    let text = serde_json::to_string(&document)
        .map_err(|_| "it is not in the form Engagement Planner writes".to_string())?;
    match read_document(&text, current, migrations) {
        Ok(read) => Ok(Base {
            revision,
            workspace: read.workspace,
        }),
        Err(LoadError::BadContent(problems) | LoadError::Invalid(problems)) => {
            let first = problems
                .list
                .first()
                .map(|p| p.to_string())
                .unwrap_or_default();
            Err(match problems.total {
                1 => format!("it has one problem: {first}"),
                2 => format!("it has 2 problems: {first}, and one more"),
                n => format!(
                    "it has {} problems: {first}, and {} more",
                    describe::thousands(n as u128),
                    describe::thousands((n - 1) as u128)
                ),
            })
        }
        Err(LoadError::Migration { message, .. }) => Err(format!(
            "it could not be brought up to date: {}",
            message.trim_end_matches('.')
        )),
        Err(_) => Err("it is not in the form Engagement Planner reads".to_string()),
    }
}

/// Checks `format` and `version`, returning the version (from 1 to `current`).
fn check_envelope(document: &Value, current: u32) -> Result<u32, LoadError> {
    let Some(object) = document.as_object() else {
        return Err(LoadError::NotOurFormat { found: None });
    };
    match object.get("format") {
        Some(Value::String(s)) if s == FORMAT_NAME => {}
        Some(Value::String(s)) => {
            return Err(LoadError::NotOurFormat {
                found: Some(s.clone()),
            })
        }
        _ => return Err(LoadError::NotOurFormat { found: None }),
    }
    let version = match object.get("version") {
        None | Some(Value::Null) => return Err(LoadError::MissingVersion),
        Some(v) => match v.as_u64() {
            Some(n) if n >= 1 => n,
            _ => {
                return Err(LoadError::BadVersion {
                    found: v.to_string(),
                })
            }
        },
    };
    if version > u64::from(current) {
        return Err(LoadError::NewerVersion {
            found: version,
            supported: current,
        });
    }
    Ok(version as u32)
}

/// Runs the upgrade steps from version `from` up to version `to` on a whole
/// document, setting `version` after each step. `steps[n - 1]` upgrades version `n`.
pub fn migrate(
    mut document: Value,
    from: u32,
    to: u32,
    steps: &[Migration],
) -> Result<Value, LoadError> {
    for version in from..to {
        let step = version
            .checked_sub(1)
            .and_then(|i| steps.get(i as usize))
            .ok_or_else(|| LoadError::Migration {
                from: version,
                message: format!("this build has no upgrade from version {version}."),
            })?;
        document = step(document)?;
        match document.as_object_mut() {
            Some(object) => {
                object.insert("version".to_string(), Value::from(version + 1));
            }
            None => {
                return Err(LoadError::Migration {
                    from: version,
                    message: "the upgraded document is not a JSON object.".to_string(),
                })
            }
        }
    }
    Ok(document)
}

/// What a JSON syntax error means, in words, for "At line 3, column 7, ___.".
fn syntax_words(e: &serde_json::Error) -> String {
    let words = match message_of(e).as_str() {
        "EOF while parsing a list" => {
            "the file ends before a list is closed with ]: it may have been cut off"
        }
        "EOF while parsing an object" => {
            "the file ends before a group of fields is closed with }: it may have been cut off"
        }
        "EOF while parsing a string" => {
            "the file ends inside a text (its closing double quote is missing): it may have been cut off"
        }
        "EOF while parsing a value" => {
            "the file ends where a value should follow: it may have been cut off"
        }
        "expected `:`" => "a colon (:) should follow the name of the field",
        "expected `,` or `]`" => "a comma or a closing ] is missing",
        "expected `,` or `}`" => "a comma or a closing } is missing",
        "expected ident" => {
            "there is a word without double quotes: write text in double quotes (only true and false go without)"
        }
        "expected value" => {
            "a value should be here: a text in double quotes, a number, true or false, a list or a group of fields"
        }
        "expected `\"`" => "a double quote (\") should be here",
        "invalid escape" => {
            "a backslash (\\) in a text is followed by a character that cannot follow it"
        }
        "invalid number" => "a number is not written correctly",
        "number out of range" => "a number is too large to read",
        "invalid unicode code point" | "lone leading surrogate in hex escape" => {
            "a \\u escape in a text does not name a character"
        }
        "unexpected end of hex escape" => "a \\u escape in a text is cut short",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "a text holds a line break, a tab or another control character, which must be written as an escape (such as \\n)"
        }
        "key must be a string" => "the name of a field must be in double quotes",
        "trailing comma" => "a comma comes just before a closing bracket",
        "trailing characters" => "there is more after the end of the document",
        "recursion limit exceeded" => {
            "lists and groups are nested too deeply (more than 128 levels)"
        }
        _ => "the text is not in a form Engagement Planner can read",
    };
    words.to_string()
}

/// Any JSON value, read only to find an object that names a field twice.
struct NoFieldTwice;

impl<'de> Deserialize<'de> for NoFieldTwice {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NoFieldTwice)
    }
}

impl<'de> serde::de::Visitor<'de> for NoFieldTwice {
    type Value = NoFieldTwice;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_str<E>(self, _: &str) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_unit<E>(self) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self, A::Error> {
        while seq.next_element::<NoFieldTwice>()?.is_some() {}
        Ok(self)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self, A::Error> {
        let mut seen = std::collections::BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                // serde's own words for it, which `unexplained` puts in the reader's.
                return Err(serde::de::Error::custom(format!("duplicate field `{key}`")));
            }
            map.next_value::<NoFieldTwice>()?;
        }
        Ok(self)
    }
}

/// A whole document, read only to find a field written twice outside its `revision`
/// and `base`, which are read apart (a bad one does not refuse the file).
struct OutsideBase;

impl<'de> Deserialize<'de> for OutsideBase {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(OutsideBase)
    }
}

impl<'de> serde::de::Visitor<'de> for OutsideBase {
    type Value = OutsideBase;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a document")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self, A::Error> {
        let mut seen = std::collections::BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == "revision" || key == "base" {
                map.next_value::<serde::de::IgnoredAny>()?;
                continue;
            }
            if !seen.insert(key.clone()) {
                return Err(serde::de::Error::custom(format!("duplicate field `{key}`")));
            }
            map.next_value::<NoFieldTwice>()?;
        }
        Ok(self)
    }
}

/// What a document writes twice in its `revision` and `base`: the `revision` itself,
/// the `base` itself, or any field inside the `base`.
#[derive(Debug, Default)]
struct EnvelopeTwice {
    revision: bool,
    base: bool,
    inside_base: bool,
}

impl<'de> Deserialize<'de> for EnvelopeTwice {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(EnvelopeTwiceVisitor)
    }
}

struct EnvelopeTwiceVisitor;

impl<'de> serde::de::Visitor<'de> for EnvelopeTwiceVisitor {
    type Value = EnvelopeTwice;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a document")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut twice = EnvelopeTwice::default();
        let (mut revisions, mut bases) = (0, 0);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "revision" => {
                    revisions += 1;
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
                "base" => {
                    bases += 1;
                    twice.inside_base |= map.next_value::<FieldTwice>()?.0;
                }
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        twice.revision = revisions > 1;
        twice.base = bases > 1;
        Ok(twice)
    }
}

/// Any JSON value, read to learn whether some object in it names a field twice
/// (without refusing it, unlike [`NoFieldTwice`]).
struct FieldTwice(bool);

impl<'de> Deserialize<'de> for FieldTwice {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FieldTwiceVisitor)
    }
}

struct FieldTwiceVisitor;

impl<'de> serde::de::Visitor<'de> for FieldTwiceVisitor {
    type Value = FieldTwice;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(FieldTwice(false))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(FieldTwice(false))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(FieldTwice(false))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(FieldTwice(false))
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(FieldTwice(false))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(FieldTwice(false))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut twice = false;
        while let Some(FieldTwice(t)) = seq.next_element::<FieldTwice>()? {
            twice |= t;
        }
        Ok(FieldTwice(twice))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut seen = std::collections::BTreeSet::new();
        let mut twice = false;
        while let Some(key) = map.next_key::<String>()? {
            twice |= !seen.insert(key);
            twice |= map.next_value::<FieldTwice>()?.0;
        }
        Ok(FieldTwice(twice))
    }
}

/// A problem for a refusal of serde's that [`shape::check`] did not explain (a field
/// written twice, or a shape the table does not know yet), placed with `path_at` and
/// put in words as far as its message allows.
fn unexplained(document: &Value, text: &str, e: &serde_json::Error) -> Problem {
    let segments = path_at(text, offset_of(text, e.line(), e.column()));
    let (place, field) = shape::describe_path(document, &segments);
    let message = message_of(e);
    let quoted_in = |m: &str, prefix: &str| {
        m.strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_string)
    };
    let words = if let Some(key) = quoted_in(&message, "duplicate field `") {
        format!("the field \"{key}\" is written twice")
    } else if let Some(key) = quoted_in(&message, "missing field `") {
        format!("the field \"{key}\" is missing")
    } else if let Some(value) = quoted_in(&message, "unknown variant `") {
        let what = field.unwrap_or_else(|| "a value".to_string());
        format!(
            "{what} is {}, which is not one of the values it can take",
            describe::quoted(&value)
        )
    } else {
        let what = field.unwrap_or_else(|| "a value".to_string());
        format!("{what} is not in the form Engagement Planner reads")
    };
    Problem {
        path: path_string(&segments),
        place,
        message: words,
    }
}

/// serde_json's message without its " at line L column C" suffix.
fn message_of(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_string()
}

/// One step of a path into a document: a field of an object or an entry of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    Key(String),
    Index(usize),
}

/// `workspace.people[3].capacity`, for [`Problem::path`].
fn path_string(segments: &[PathSegment]) -> String {
    let mut path = String::new();
    for segment in segments {
        match segment {
            PathSegment::Key(key) => {
                let plain =
                    !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
                if plain {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                } else {
                    path.push_str(&format!("[\"{key}\"]"));
                }
            }
            PathSegment::Index(i) => path.push_str(&format!("[{i}]")),
        }
    }
    path
}

/// The byte offset of serde_json's (line, column): lines count from 1, columns are
/// bytes from the start of the line.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    if line > 1 {
        match text.match_indices('\n').nth(line - 2) {
            Some((i, _)) => start = i + 1,
            None => return text.len(),
        }
    }
    (start + column).min(text.len())
}

/// Where the scanner of [`path_at`] is inside one object or array.
enum Frame {
    Object { key: Option<String>, in_value: bool },
    Array { index: usize, in_value: bool },
}

/// The path (`workspace`, `people`, 3, `capacity`) of the value that ends at or
/// contains byte `offset` of `text`, which was valid JSON up to there. serde_json
/// reports an error just after the value it could not use, so the innermost value
/// still open (or just closed) at the offset is the culprit.
fn path_at(text: &str, offset: usize) -> Vec<PathSegment> {
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mark_value = |stack: &mut Vec<Frame>| {
        if let Some(Frame::Array { in_value, .. }) = stack.last_mut() {
            *in_value = true;
        }
    };
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'{' => {
                mark_value(&mut stack);
                stack.push(Frame::Object {
                    key: None,
                    in_value: false,
                });
            }
            b'[' => {
                mark_value(&mut stack);
                stack.push(Frame::Array {
                    index: 0,
                    in_value: false,
                });
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, in_value }) => {
                    *key = None;
                    *in_value = false;
                }
                Some(Frame::Array { index, in_value }) => {
                    *index += 1;
                    *in_value = false;
                }
                None => {}
            },
            b':' => {
                if let Some(Frame::Object { in_value, .. }) = stack.last_mut() {
                    *in_value = true;
                }
            }
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let close = j.min(bytes.len());
                match stack.last_mut() {
                    Some(Frame::Object {
                        key,
                        in_value: false,
                    }) => {
                        // Quotes are ASCII, so these are character boundaries.
                        *key = Some(shorten(&text[start..close], 60));
                    }
                    _ => mark_value(&mut stack),
                }
                i = close + 1;
                continue;
            }
            _ => {
                if !bytes[i].is_ascii_whitespace() {
                    mark_value(&mut stack);
                }
            }
        }
        i += 1;
    }

    let mut path = Vec::new();
    for frame in &stack {
        match frame {
            Frame::Object {
                key: Some(key),
                in_value: true,
            } => path.push(PathSegment::Key(key.clone())),
            Frame::Array {
                index,
                in_value: true,
            } => path.push(PathSegment::Index(*index)),
            _ => break,
        }
    }
    path
}

/// Longest slug in a file name, in characters.
const SLUG_MAX: usize = 60;

/// A safe file name for a document: "Website relaunch" as an engagement becomes
/// `website-relaunch.engagement.json`. Letters and digits are kept (lower-cased,
/// non-ASCII ones too); every run of anything else becomes one `-`, so the name never
/// holds a path separator, a control character or a leading dot. Never empty.
pub fn file_name_for(name: &str, kind: DocumentKind) -> String {
    let mut slug = String::new();
    let mut count = 0;
    let mut gap = false;
    'chars: for c in name.chars() {
        if !c.is_alphanumeric() {
            gap = true;
            continue;
        }
        for lower in c.to_lowercase().filter(|l| l.is_alphanumeric()) {
            if count == SLUG_MAX {
                break 'chars;
            }
            if gap && !slug.is_empty() {
                slug.push('-');
                count += 1;
                if count == SLUG_MAX {
                    break 'chars;
                }
            }
            gap = false;
            slug.push(lower);
            count += 1;
        }
    }
    let slug = slug.trim_end_matches('-');
    let mut slug = if slug.is_empty() {
        "untitled".to_string()
    } else {
        slug.to_string()
    };
    // Windows refuses these device names even with an extension.
    const RESERVED: [&str; 4] = ["con", "prn", "aux", "nul"];
    let device = RESERVED.contains(&slug.as_str())
        || ((slug.starts_with("com") || slug.starts_with("lpt"))
            && slug.len() == 4
            && slug.as_bytes()[3].is_ascii_digit());
    if device {
        slug.push_str("-plan");
    }
    format!("{slug}.{}.json", kind.label())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, Hours, Side, StakeholderGroup};

    fn sample() -> Workspace {
        let mut w = Workspace::default();
        w.apply(Action::AddPerson {
            name: "Ada".into(),
            side: Side::Provider,
            group: StakeholderGroup::ProjectManager,
            capacity: Hours(4000),
        })
        .unwrap();
        w
    }

    /// A test-only history: pretend version 1 stored capacities in whole hours and
    /// version 2 (this build, for the test) in hundredths.
    fn capacities_to_hundredths(mut doc: Value) -> Result<Value, LoadError> {
        let people = doc
            .pointer_mut("/workspace/people")
            .and_then(Value::as_array_mut)
            .ok_or_else(|| LoadError::Migration {
                from: 1,
                message: "it has no list of people.".into(),
            })?;
        for person in people {
            let whole = person["capacity"].as_u64().unwrap_or(0);
            person["capacity"] = Value::from(whole * 100);
        }
        Ok(doc)
    }

    /// Version 2 → 3 of the same pretend history: records the step was run.
    fn mark_step_two(mut doc: Value) -> Result<Value, LoadError> {
        doc["upgraded_by_step_two"] = Value::Bool(true);
        Ok(doc)
    }

    fn refuse(_: Value) -> Result<Value, LoadError> {
        Err(LoadError::Migration {
            from: 1,
            message: "refused by the test.".into(),
        })
    }

    /// The sample as a version-1 document of the pretend history.
    fn v1_with_whole_hours() -> String {
        to_json(&sample(), None)
            .replace("\"capacity\": 4000", "\"capacity\": 40")
            .replace(
                &format!("\"version\": {CURRENT_VERSION},"),
                "\"version\": 1,",
            )
    }

    #[test]
    fn current_version_reads_without_migrating() {
        let loaded = read_document(&to_json(&sample(), None), CURRENT_VERSION, MIGRATIONS).unwrap();
        assert_eq!(loaded.migrated_from, None);
        assert_eq!(loaded.workspace, sample());
    }

    #[test]
    fn an_older_document_is_upgraded_by_the_chain() {
        let text = v1_with_whole_hours();
        let loaded = read_document(&text, 2, &[capacities_to_hundredths]).unwrap();
        assert_eq!(loaded.migrated_from, Some(1));
        assert_eq!(loaded.workspace, sample());
    }

    #[test]
    fn steps_run_in_order_and_set_the_version() {
        let doc: Value = serde_json::from_str(&v1_with_whole_hours()).unwrap();
        let up = migrate(doc, 1, 3, &[capacities_to_hundredths, mark_step_two]).unwrap();
        assert_eq!(up["version"], Value::from(3));
        assert_eq!(up["upgraded_by_step_two"], Value::Bool(true));
        assert_eq!(up["workspace"]["people"][0]["capacity"], Value::from(4000));
        // Starting from version 2 skips the first step.
        let doc: Value = serde_json::from_str(&to_json(&sample(), None)).unwrap();
        let up = migrate(doc, 2, 3, &[refuse, mark_step_two]).unwrap();
        assert_eq!(up["workspace"]["people"][0]["capacity"], Value::from(4000));
    }

    #[test]
    fn a_failing_or_missing_step_is_a_migration_error() {
        let text = v1_with_whole_hours();
        let err = read_document(&text, 2, &[refuse]).unwrap_err();
        assert!(
            matches!(err, LoadError::Migration { from: 1, .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("older version (v1)"));
        let err = read_document(&text, 3, &[capacities_to_hundredths]).unwrap_err();
        assert!(
            matches!(err, LoadError::Migration { from: 2, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn errors_after_an_upgrade_name_the_thing() {
        let text = v1_with_whole_hours().replace("\"Ada\"", "17");
        let err = read_document(&text, 2, &[capacities_to_hundredths]).unwrap_err();
        match &err {
            LoadError::BadContent(problems) => {
                assert_eq!(problems.total, 1);
                assert_eq!(problems[0].path, "workspace.people[0].name");
                assert_eq!(problems[0].place, "the 1st person");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            err.to_string(),
            "This file has one problem:\n\u{2022} The 1st person: the name must be a text in double quotes, not 17."
        );
    }

    #[test]
    fn a_field_written_twice_is_named_in_words() {
        let text = to_json(&sample(), None).replace(
            "\"name\": \"Ada\",",
            "\"name\": \"Ada\", \"name\": \"Bea\",",
        );
        let err = from_json(&text).unwrap_err();
        let LoadError::BadContent(problems) = &err else {
            panic!("{err:?}");
        };
        assert_eq!(problems[0].path, "workspace.people[0]");
        assert_eq!(
            problems[0].to_string(),
            "Person \"Bea\": the field \"name\" is written twice"
        );
    }

    #[test]
    fn a_base_that_would_make_the_file_too_large_is_left_out() {
        let base = Base {
            revision: "base-1".into(),
            workspace: sample(),
        };
        let kind = DocumentKind::Workspace;
        let without = sent_json_within(&sample(), kind, None, "sent-1", None, usize::MAX);
        let with = sent_json_within(&sample(), kind, None, "sent-1", Some(&base), usize::MAX);
        assert!(with.len() > without.len());
        let read = from_json(&with).unwrap();
        assert_eq!(read.base, Some(base.clone()));
        // Just big enough for the file with its base: kept.
        let at_limit = sent_json_within(&sample(), kind, None, "sent-1", Some(&base), with.len());
        assert_eq!(at_limit, with);
        // One byte short: the base is left out, and the file still reads.
        let short = sent_json_within(&sample(), kind, None, "sent-1", Some(&base), with.len() - 1);
        assert_eq!(short, without);
        let read = from_json(&short).unwrap();
        assert_eq!((read.base, read.base_note), (None, None));
        assert_eq!(read.revision.as_deref(), Some("sent-1"));
    }

    #[test]
    fn paths_are_found_at_serde_positions() {
        let text = r#"{"a": [1, {"b": {"c d": 5}}, 3]}"#;
        let at =
            |needle: &str| path_string(&path_at(text, text.find(needle).unwrap() + needle.len()));
        assert_eq!(at("[1"), "a[0]");
        assert_eq!(at("5"), "a[1].b[\"c d\"]");
        assert_eq!(at("5}"), "a[1].b");
        assert_eq!(at("5}}"), "a[1]");
        assert_eq!(at(", 3"), "a[2]");
        assert_eq!(path_string(&path_at(text, 0)), "");
        assert_eq!(offset_of("ab\ncd\nef", 3, 1), 7);
        assert_eq!(offset_of("ab", 9, 1), 2);
    }
}
