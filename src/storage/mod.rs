//! The saved-document format: what a workspace looks like as JSON, in the browser's
//! storage and in exported files, and how a document is read back safely.
//!
//! This part is pure (no browser, no clock) and tested on the host. Reading is
//! strict: [`from_json`] checks the size, the JSON, the format name and version,
//! upgrades older versions through [`MIGRATIONS`], deserializes, and runs
//! [`Workspace::validate`] before anything is returned, so a document that fails any
//! step never replaces the plan the user has. `docs/FORMAT.md` describes the format.
//!
//! The browser side (localStorage, file download and upload) is [`browser`], compiled
//! for wasm32 only.

use crate::model::units::MONEY_LIMIT;
use crate::model::{EngagementId, Money, Problem, Workspace};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

#[cfg(target_arch = "wasm32")]
pub mod browser;

/// The value of every document's `format` field.
pub const FORMAT_NAME: &str = "engagement-planner";

/// The format version this build writes, and the newest it reads.
pub const CURRENT_VERSION: u32 = 3;

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
pub const MIGRATIONS: &[Migration] = &[add_empty_pricing, sponsor_money_in_currency_units];

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
/// open it and says where the trouble is; [`LoadError::details`] lists every problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Larger than [`MAX_DOCUMENT_BYTES`].
    TooLarge { bytes: usize, limit: usize },
    /// Not JSON at all (or cut off, or nested absurdly deep).
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
    /// A value of the wrong type or shape (a text where a number belongs, a negative
    /// number of hours, a missing field, an unknown option). `path` is the JSON path
    /// of the value (`workspace.people[3].capacity`, empty for the top level); line
    /// and column are in the file as read, when they are meaningful (not after an
    /// upgrade).
    BadContent {
        path: String,
        line: Option<usize>,
        column: Option<usize>,
        message: String,
    },
    /// Well formed, but it breaks the workspace's rules (references that do not
    /// resolve, two Accountables on a function, impossible hours, …). Paths are from
    /// the top of the document (`workspace.engagements[0].assignments[2].person`).
    Invalid(Vec<Problem>),
    /// The browser's storage could not be read at all (used by the browser layer only).
    StorageUnavailable(String),
}

impl LoadError {
    /// Every problem, one line each, for a "details" list under the message.
    pub fn details(&self) -> Vec<String> {
        match self {
            LoadError::Invalid(problems) => problems.iter().map(|p| p.to_string()).collect(),
            LoadError::BadContent {
                path,
                line,
                column,
                message,
            } => {
                let place = if path.is_empty() {
                    "top level".to_string()
                } else {
                    path.clone()
                };
                match (line, column) {
                    (Some(l), Some(c)) => {
                        vec![format!("{place} (line {l}, column {c}): {message}")]
                    }
                    _ => vec![format!("{place}: {message}")],
                }
            }
            other => vec![other.to_string()],
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::TooLarge { bytes, limit } => write!(
                f,
                "This file is too large to open ({}; Engagement Planner opens files up to {}).",
                megabytes(*bytes),
                megabytes(*limit)
            ),
            LoadError::NotJson {
                line,
                column,
                message,
            } => write!(
                f,
                "This file is damaged or is not an Engagement Planner file: it is not valid JSON (line {line}, column {column}: {message})."
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
            LoadError::BadContent {
                path,
                line,
                column,
                message,
            } => {
                write!(f, "Part of this file is not in the form Engagement Planner expects, ")?;
                if path.is_empty() {
                    write!(f, "at its top level")?;
                } else {
                    write!(f, "at {path}")?;
                }
                if let (Some(l), Some(c)) = (line, column) {
                    write!(f, " (line {l}, column {c})")?;
                }
                write!(f, ": {message}.")
            }
            LoadError::Invalid(problems) => {
                let n = problems.len();
                write!(
                    f,
                    "This file's plan contradicts itself in {n} place{}, so it was not opened.",
                    if n == 1 { "" } else { "s" }
                )?;
                if let Some(first) = problems.first() {
                    write!(f, " The first: {first}.")?;
                }
                Ok(())
            }
            LoadError::StorageUnavailable(message) => write!(
                f,
                "The browser's storage could not be read ({message})."
            ),
        }
    }
}

impl std::error::Error for LoadError {}

fn megabytes(bytes: usize) -> String {
    let tenths = (bytes as u64 * 10 + 524_288) / 1_048_576;
    format!("{}.{} MB", tenths / 10, tenths % 10)
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
    workspace: &'a Workspace,
}

/// The part of a document that [`from_json`] deserializes with serde; the envelope's
/// other fields are checked by hand first, to give each its own message.
#[derive(Deserialize)]
struct DocumentIn {
    workspace: Workspace,
}

fn document_json(workspace: &Workspace, kind: DocumentKind, saved_at: Option<&str>) -> String {
    let document = DocumentOut {
        format: FORMAT_NAME,
        version: CURRENT_VERSION,
        kind,
        saved_at,
        app_version: APP_VERSION,
        workspace,
    };
    // Every map in the model has string keys and every number is an integer, so
    // serializing cannot fail.
    serde_json::to_string_pretty(&document).expect("a workspace always serializes to JSON")
}

/// The whole workspace as a pretty-printed document. `saved_at` is the caller's clock
/// (an ISO 8601 string); the pure code has none.
pub fn to_json(workspace: &Workspace, saved_at: Option<&str>) -> String {
    document_json(workspace, DocumentKind::Workspace, saved_at)
}

/// One engagement and the people it refers to, as a workspace of its own (same
/// `next_id`), or `None` if the workspace has no such engagement.
pub fn engagement_workspace(workspace: &Workspace, id: EngagementId) -> Option<Workspace> {
    let engagement = workspace.engagement(id)?;
    let referenced = engagement.referenced_people();
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
    // serde_json refuses nesting deeper than 128 levels, so hostile input cannot
    // exhaust the stack here.
    let document: Value = serde_json::from_str(text).map_err(|e| LoadError::NotJson {
        line: e.line(),
        column: e.column(),
        message: message_of(&e),
    })?;

    let version = check_envelope(&document, current)?;
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

    // Deserialize from text rather than from the `Value`, so that serde's error has a
    // line and column, from which `path_at` recovers the JSON path. An upgraded
    // document is re-serialized first; its paths still hold, its lines would not.
    let workspace = match migrated_from {
        None => deserialize_workspace(text, true)?,
        Some(_) => {
            let upgraded = serde_json::to_string(&document).map_err(|e| LoadError::Migration {
                from: version,
                message: e.to_string(),
            })?;
            drop(document);
            deserialize_workspace(&upgraded, false)?
        }
    };

    let mut problems = match workspace.validate() {
        Ok(()) => Vec::new(),
        Err(problems) => problems,
    };
    if kind == DocumentKind::Engagement && workspace.engagements.len() != 1 {
        problems.push(Problem {
            path: "engagements".to_string(),
            message: format!(
                "an engagement file holds exactly one engagement; this one has {}",
                workspace.engagements.len()
            ),
        });
    }
    if !problems.is_empty() {
        for p in &mut problems {
            p.path = format!("workspace.{}", p.path);
        }
        return Err(LoadError::Invalid(problems));
    }

    Ok(LoadedDocument {
        kind,
        workspace,
        migrated_from,
        saved_at,
        app_version,
    })
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

fn deserialize_workspace(text: &str, as_read: bool) -> Result<Workspace, LoadError> {
    serde_json::from_str::<DocumentIn>(text)
        .map(|d| d.workspace)
        .map_err(|e| {
            let offset = offset_of(text, e.line(), e.column());
            LoadError::BadContent {
                path: path_at(text, offset),
                line: as_read.then(|| e.line()),
                column: as_read.then(|| e.column()),
                message: humanize(&message_of(&e)),
            }
        })
}

/// serde_json's message without its " at line L column C" suffix.
fn message_of(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_string()
}

/// Rewords the parts of serde's messages that only a programmer reads easily.
fn humanize(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("missing field `") {
        if let Some(field) = rest.strip_suffix('`') {
            return format!("the field \"{field}\" is missing");
        }
    }
    let mut message = message.to_string();
    if let Some(at) = message.find("expected struct ") {
        let name = message[at + "expected struct ".len()..].to_string();
        message.truncate(at);
        message.push_str(&format!("expected an object ({name})"));
    }
    message
        .replace("invalid type: ", "found ")
        .replace("invalid value: ", "found ")
        .replace("found map", "found an object")
        .replace("found sequence", "found a list")
        .replace("found unit", "found null")
        .replace("expected a sequence", "expected a list")
        .replace(
            "expected u32",
            "expected a whole number from 0 to 4294967295",
        )
        .replace("expected i64", "expected a whole number")
        .replace("expected a boolean", "expected true or false")
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

/// The JSON path (`workspace.people[3].capacity`) of the value that ends at or
/// contains byte `offset` of `text`, which was valid JSON up to there. serde_json
/// reports an error just after the value it could not use, so the innermost value
/// still open (or just closed) at the offset is the culprit.
fn path_at(text: &str, offset: usize) -> String {
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

    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object {
                key: Some(key),
                in_value: true,
            } => {
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
            Frame::Array {
                index,
                in_value: true,
            } => path.push_str(&format!("[{index}]")),
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
    fn errors_after_an_upgrade_have_a_path_but_no_line() {
        let text = v1_with_whole_hours().replace("\"Ada\"", "17");
        let err = read_document(&text, 2, &[capacities_to_hundredths]).unwrap_err();
        match err {
            LoadError::BadContent {
                path, line, column, ..
            } => {
                assert_eq!(path, "workspace.people[0].name");
                assert_eq!((line, column), (None, None));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn paths_are_found_at_serde_positions() {
        let text = r#"{"a": [1, {"b": {"c d": 5}}, 3]}"#;
        let at = |needle: &str| path_at(text, text.find(needle).unwrap() + needle.len());
        assert_eq!(at("[1"), "a[0]");
        assert_eq!(at("5"), "a[1].b[\"c d\"]");
        assert_eq!(at("5}"), "a[1].b");
        assert_eq!(at("5}}"), "a[1]");
        assert_eq!(at(", 3"), "a[2]");
        assert_eq!(path_at(text, 0), "");
        assert_eq!(offset_of("ab\ncd\nef", 3, 1), 7);
        assert_eq!(offset_of("ab", 9, 1), 2);
    }
}
