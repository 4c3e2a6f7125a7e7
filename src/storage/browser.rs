//! The browser side of storage: the workspace in `localStorage`, guarded against other
//! tabs and against losing a document that cannot be read, plus file download and
//! upload. Only this module touches `localStorage` and files (wasm32 only).
//!
//! How the app uses it:
//! 1. At start-up, [`load`] gives the workspace, a [`StorageNotice`] to show (if any)
//!    and the stored revision; build a [`Saver`] from it with [`Saver::from_startup`]
//!    (or [`Saver::new`] with the revision).
//! 2. Show the notice *before* the first save. A quarantined document stays under its
//!    quarantine key, and the main key still holds it until the first save; if it
//!    could not be copied aside (`kept: false`), the app must not save until the user
//!    has been offered the raw text for download. A saver made by
//!    [`Saver::from_startup`] enforces that: [`Saver::save`] refuses with
//!    [`SaveError::UnreadableNotKept`] until [`Saver::release_unreadable`].
//! 3. Save after changes with [`Saver::save`]. On [`SaveError::Conflict`] (another tab
//!    saved since), offer "load the other tab's version" ([`Saver::reload_from_storage`])
//!    or "keep mine" ([`Saver::force_save`]). On [`SaveError::Quota`], say so at once
//!    and offer [`download`].
//! 4. [`watch_other_tabs`] calls back when another tab saves, so the app can tell the
//!    user before they run into a conflict.

use super::{from_json, to_json, LoadError, MAX_DOCUMENT_BYTES};
use crate::model::order;
use crate::model::Workspace;
use gloo::events::EventListener;
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Storage;

/// The key of the saved workspace document.
pub const WORKSPACE_KEY: &str = "engagement-planner/workspace";
/// The key of the revision token, which changes on every save.
pub const REVISION_KEY: &str = "engagement-planner/revision";
/// The prefix of the keys under which unreadable documents are kept aside; the rest
/// of the key is the time they were found.
pub const QUARANTINE_PREFIX: &str = "engagement-planner/quarantine/";
/// The MIME type of exported documents.
pub const JSON_MIME: &str = "application/json";

/// What [`load`] found at start-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Startup {
    /// The saved workspace, or an empty one if there was none or it was unreadable.
    pub workspace: Workspace,
    /// Something the user must be told before anything is saved.
    pub notice: Option<StorageNotice>,
    /// The stored revision, for [`Saver::new`].
    pub revision: Option<String>,
}

/// What to tell the user about storage at start-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageNotice {
    /// The browser offers no storage (private mode, storage disabled, or blocked):
    /// nothing will be kept between visits; export to a file instead.
    Unavailable(String),
    /// The saved document could not be read; the app started empty. `raw` is the
    /// document as it was stored (offer it for download) and `error` says why it was
    /// unreadable. If `kept`, it was copied to the quarantine key `key`; if not, the
    /// copy failed (`key` is where it would have gone) and the main key, until the
    /// next save, holds the only other copy.
    Quarantined {
        key: String,
        error: String,
        raw: String,
        kept: bool,
    },
}

impl fmt::Display for StorageNotice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageNotice::Unavailable(reason) => write!(
                f,
                "This browser is not letting Engagement Planner keep your plan between visits ({reason}). Export it to a file to keep it."
            ),
            StorageNotice::Quarantined {
                kept: true, error, ..
            } => write!(
                f,
                "The plan saved in this browser could not be opened, so you are starting with an empty one. The unreadable plan has been kept aside; download it to keep a copy. Why it could not be opened: {error}"
            ),
            StorageNotice::Quarantined {
                kept: false, error, ..
            } => write!(
                f,
                "The plan saved in this browser could not be opened, and there was no room to keep a copy aside. Download it now: it will be replaced when you save. Why it could not be opened: {error}"
            ),
        }
    }
}

/// Why a save did not happen. Nothing was written unless noted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// Another tab saved since this tab last loaded or saved.
    Conflict,
    /// The browser's storage is full.
    Quota,
    /// The storage could not be used; the message says how.
    Unavailable(String),
    /// An unreadable saved document could not be kept aside and the user has not yet
    /// been offered it; see [`Saver::release_unreadable`].
    UnreadableNotKept,
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::Conflict => write!(
                f,
                "This plan was changed in another tab or window since you opened it here. Load that version, or keep yours and replace it."
            ),
            SaveError::Quota => write!(
                f,
                "Your changes could not be saved: the browser's storage for this site is full. Download your plan to keep it."
            ),
            SaveError::Unavailable(reason) => write!(
                f,
                "Your changes could not be saved in this browser ({reason}). Download your plan to keep it."
            ),
            SaveError::UnreadableNotKept => write!(
                f,
                "The plan that could not be opened is not kept anywhere else yet. Download it first; saving would replace it."
            ),
        }
    }
}

impl std::error::Error for SaveError {}

/// The page's `localStorage`, or why there is none. Reading the property itself
/// throws when storage is disabled, and gives null in some private modes.
pub(super) fn local_storage() -> Result<Storage, String> {
    let window = web_sys::window().ok_or_else(|| "there is no window".to_string())?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err("the browser offers no local storage".to_string()),
        Err(e) => Err(describe(&e)),
    }
}

/// A JavaScript exception as a short text.
pub(super) fn describe(error: &JsValue) -> String {
    if let Some(e) = error.dyn_ref::<web_sys::DomException>() {
        let message = e.message();
        if message.is_empty() {
            e.name()
        } else {
            format!("{}: {message}", e.name())
        }
    } else if let Some(e) = error.dyn_ref::<js_sys::Error>() {
        String::from(e.message())
    } else {
        error
            .as_string()
            .unwrap_or_else(|| "unknown error".to_string())
    }
}

/// Whether a failed write means the storage is full, in any browser's dialect.
fn is_quota(error: &JsValue) -> bool {
    error.dyn_ref::<web_sys::DomException>().is_some_and(|e| {
        matches!(
            e.name().as_str(),
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED"
        ) || matches!(e.code(), 22 | 1014)
    })
}

fn write_error(error: JsValue) -> SaveError {
    if is_quota(&error) {
        SaveError::Quota
    } else {
        SaveError::Unavailable(describe(&error))
    }
}

pub(super) fn read(storage: &Storage, key: &str) -> Result<Option<String>, String> {
    storage.get_item(key).map_err(|e| describe(&e))
}

/// Reads the saved workspace at start-up. Never writes the main key: an unreadable
/// document is copied aside and left where it is until the user's first save.
pub fn load() -> Startup {
    let unavailable = |reason: String| Startup {
        workspace: Workspace::default(),
        notice: Some(StorageNotice::Unavailable(reason)),
        revision: None,
    };
    let storage = match local_storage() {
        Ok(storage) => storage,
        Err(reason) => return unavailable(reason),
    };
    let revision = match read(&storage, REVISION_KEY) {
        Ok(revision) => revision,
        Err(reason) => return unavailable(reason),
    };
    let raw = match read(&storage, WORKSPACE_KEY) {
        Ok(Some(raw)) if !raw.trim().is_empty() => raw,
        Ok(_) => {
            return Startup {
                workspace: Workspace::default(),
                notice: None,
                revision,
            }
        }
        Err(reason) => return unavailable(reason),
    };
    match from_json(&raw) {
        // An older document was upgraded on reading; the next save writes it in the
        // current version, as the format's policy says (docs/FORMAT.md).
        Ok(document) => Startup {
            workspace: document.workspace,
            notice: None,
            revision,
        },
        Err(error) => {
            let (key, kept) = match quarantine(&storage, &raw) {
                Ok(key) => (key, true),
                Err((key, _)) => (key, false),
            };
            Startup {
                workspace: Workspace::default(),
                notice: Some(StorageNotice::Quarantined {
                    key,
                    error: error.to_string(),
                    raw,
                    kept,
                }),
                revision,
            }
        }
    }
}

/// Copies an unreadable document to a quarantine key and returns the key (or, if the
/// write failed, the key it would have had). The same text already kept aside is not
/// copied again, so reloading the page does not pile up copies.
fn quarantine(storage: &Storage, raw: &str) -> Result<String, (String, SaveError)> {
    for key in quarantine_keys(storage) {
        if read(storage, &key).ok().flatten().as_deref() == Some(raw) {
            return Ok(key);
        }
    }
    let base = format!("{QUARANTINE_PREFIX}{}", now_iso());
    let mut key = base.clone();
    let mut n = 1;
    while read(storage, &key).ok().flatten().is_some() {
        n += 1;
        key = format!("{base}-{n}");
    }
    match storage.set_item(&key, raw) {
        Ok(()) => Ok(key),
        Err(error) => Err((key, write_error(error))),
    }
}

fn quarantine_keys(storage: &Storage) -> Vec<String> {
    let count = storage.length().unwrap_or(0);
    let mut keys: Vec<String> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(QUARANTINE_PREFIX))
        .collect();
    order::sort(&mut keys);
    keys
}

/// Every document kept aside as unreadable, as (key, raw text), oldest first.
pub fn quarantined() -> Vec<(String, String)> {
    let Ok(storage) = local_storage() else {
        return Vec::new();
    };
    quarantine_keys(&storage)
        .into_iter()
        .filter_map(|key| {
            let raw = read(&storage, &key).ok().flatten()?;
            Some((key, raw))
        })
        .collect()
}

/// Deletes a document kept aside, once the user has downloaded or dismissed it. Only
/// quarantine keys can be deleted this way.
pub fn discard_quarantined(key: &str) -> Result<(), String> {
    if !key.starts_with(QUARANTINE_PREFIX) {
        return Err(format!("{key} is not a quarantine key"));
    }
    local_storage()?.remove_item(key).map_err(|e| describe(&e))
}

/// Saves one tab's workspace without overwriting another tab's newer save.
///
/// It remembers the revision this tab last loaded or wrote; a save first compares it
/// with the stored one and refuses if another tab saved in between.
#[derive(Debug)]
pub struct Saver {
    tab: String,
    counter: u64,
    seen: Option<String>,
    held: bool,
}

impl Default for Saver {
    /// [`Saver::new`]`(None)`: every saver gets its own tab id, so two tabs never
    /// write the same revision.
    fn default() -> Saver {
        Saver::new(None)
    }
}

impl Saver {
    /// A saver for this tab, starting from what [`load`] found. If the unreadable
    /// saved document could not be copied aside, saving is held back until
    /// [`Saver::release_unreadable`].
    pub fn from_startup(startup: &Startup) -> Saver {
        let mut saver = Saver::new(startup.revision.clone());
        saver.held = matches!(
            startup.notice,
            Some(StorageNotice::Quarantined { kept: false, .. })
        );
        saver
    }

    /// A saver that takes `revision` as the last one this tab saw (`None`: nothing
    /// was stored).
    pub fn new(revision: Option<String>) -> Saver {
        // Two tabs opened in the same millisecond still differ by the random part.
        let random = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
        Saver {
            tab: format!("{:x}-{random:08x}", js_sys::Date::now() as u64),
            counter: 0,
            seen: revision,
            held: false,
        }
    }

    /// The revision this tab last loaded or wrote.
    pub fn revision(&self) -> Option<&str> {
        self.seen.as_deref()
    }

    /// Whether another tab has saved since this tab last loaded or saved (so the next
    /// [`Saver::save`] would be a conflict). Storage that cannot be read counts as no.
    pub fn other_tab_saved(&self) -> bool {
        local_storage()
            .and_then(|s| read(&s, REVISION_KEY))
            .is_ok_and(|stored| stored != self.seen)
    }

    /// Lets saving replace an unreadable document that could not be copied aside:
    /// call it once the user has been offered the document for download.
    pub fn release_unreadable(&mut self) {
        self.held = false;
    }

    /// Saves the workspace unless another tab saved since this tab last loaded or
    /// saved ([`SaveError::Conflict`]).
    pub fn save(&mut self, workspace: &Workspace) -> Result<(), SaveError> {
        if self.held {
            return Err(SaveError::UnreadableNotKept);
        }
        let storage = local_storage().map_err(SaveError::Unavailable)?;
        let stored = read(&storage, REVISION_KEY).map_err(SaveError::Unavailable)?;
        if stored != self.seen {
            return Err(SaveError::Conflict);
        }
        self.write(&storage, workspace)
    }

    /// Saves the workspace over whatever another tab saved: the user chose to keep
    /// this tab's version. A stored document this build cannot read (say, one written
    /// by a newer version in another tab) is first copied aside; if that copy fails,
    /// nothing is written.
    pub fn force_save(&mut self, workspace: &Workspace) -> Result<(), SaveError> {
        let storage = local_storage().map_err(SaveError::Unavailable)?;
        if let Some(raw) = read(&storage, WORKSPACE_KEY).map_err(SaveError::Unavailable)? {
            if !raw.trim().is_empty() && from_json(&raw).is_err() {
                quarantine(&storage, &raw).map_err(|(_, error)| error)?;
            }
        }
        self.held = false;
        self.write(&storage, workspace)
    }

    /// Reads the stored workspace (the other tab's version) and adopts its revision,
    /// so the next save proceeds. An empty storage gives an empty workspace.
    pub fn reload_from_storage(&mut self) -> Result<(Workspace, Option<String>), LoadError> {
        let storage = local_storage().map_err(LoadError::StorageUnavailable)?;
        let revision = read(&storage, REVISION_KEY).map_err(LoadError::StorageUnavailable)?;
        let workspace =
            match read(&storage, WORKSPACE_KEY).map_err(LoadError::StorageUnavailable)? {
                Some(raw) if !raw.trim().is_empty() => from_json(&raw)?.workspace,
                _ => Workspace::default(),
            };
        self.seen = revision.clone();
        Ok((workspace, revision))
    }

    /// Writes the document, then a new revision. The document goes first so that a
    /// tab told of the new revision finds the new document.
    fn write(&mut self, storage: &Storage, workspace: &Workspace) -> Result<(), SaveError> {
        let text = to_json(workspace, Some(&now_iso()));
        if let Err(e) = storage.set_item(WORKSPACE_KEY, &text) {
            // The copy last received from a file is not the plan: when the storage is
            // full it gives way, and the plan is written again.
            let received = read(storage, super::sent::RECEIVED_KEY).ok().flatten();
            if !is_quota(&e) || received.is_none() {
                return Err(write_error(e));
            }
            super::sent::forget_received();
            storage
                .set_item(WORKSPACE_KEY, &text)
                .map_err(write_error)?;
        }
        self.counter += 1;
        let revision = format!("{}:{}", self.tab, self.counter);
        match storage.set_item(REVISION_KEY, &revision) {
            Ok(()) => self.seen = Some(revision),
            Err(_) => {
                // The document is saved but the old revision would hide that from
                // other tabs; removing it still makes their next save a conflict.
                let _ = storage.remove_item(REVISION_KEY);
                self.seen = None;
            }
        }
        Ok(())
    }
}

/// Calls `on_change` when another tab or window changes the saved workspace (the
/// browser fires `storage` events only in the *other* tabs of the same site, which is
/// what this wants). A save changes two keys, so expect two calls per save; check
/// [`Saver::other_tab_saved`] in the callback. Keep the listener alive as long as
/// the watch should last; dropping it stops watching.
pub fn watch_other_tabs(on_change: impl Fn() + 'static) -> EventListener {
    EventListener::new(&gloo::utils::window(), "storage", move |event| {
        let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
            return;
        };
        // A null key means the whole storage was cleared.
        match event.key() {
            None => on_change(),
            Some(key) if key == WORKSPACE_KEY || key == REVISION_KEY => on_change(),
            Some(_) => {}
        }
    })
}

/// Offers `contents` as a file download named `file_name` (see
/// [`super::file_name_for`]), through a temporary `<a download>` link. It cannot
/// fail in a page with a body; if it does, the reason goes to the console.
pub fn download(file_name: &str, contents: &str, mime: &str) {
    if let Err(reason) = try_download(file_name, contents, mime) {
        gloo::console::error!(format!("download of {file_name} failed: {reason}"));
    }
}

fn try_download(file_name: &str, contents: &str, mime: &str) -> Result<(), String> {
    let blob = gloo::file::Blob::new_with_options(contents, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "there is no document".to_string())?;
    let body = document
        .body()
        .ok_or_else(|| "the page has no body".to_string())?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| describe(&e))?
        .dyn_into()
        .map_err(|_| "could not create a link".to_string())?;
    link.set_href(&url);
    link.set_download(file_name);
    link.set_hidden(true);
    // Some browsers only follow a link that is in the document.
    body.append_child(&link).map_err(|e| describe(&e))?;
    link.click();
    link.remove();
    // The download starts after this function returns; revoking the URL at once can
    // cancel it in some browsers, so keep it for a minute.
    gloo::timers::callback::Timeout::new(60_000, move || drop(url)).forget();
    Ok(())
}

/// Reads a file the user chose (or dropped) as bytes, refusing one larger than
/// [`MAX_DOCUMENT_BYTES`] before reading it. The error is a message for the user.
/// The bytes are not decoded here: [`super::from_bytes`] refuses a file that is not
/// UTF-8 instead of reading it with "�" in place of what it cannot decode.
pub async fn read_file(file: web_sys::File) -> Result<Vec<u8>, String> {
    let size = file.size();
    if size > MAX_DOCUMENT_BYTES as f64 {
        return Err(LoadError::TooLarge {
            bytes: size as usize,
            limit: MAX_DOCUMENT_BYTES,
        }
        .to_string());
    }
    let blob = gloo::file::Blob::from(file);
    gloo::file::futures::read_as_bytes(&blob)
        .await
        .map_err(|e| format!("The file could not be read ({e})."))
}

/// The current time as an ISO 8601 string in UTC, for `saved_at`.
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// The key of the projector setting, a preference of this browser rather than part of
/// the plan: it is neither exported nor watched for other tabs' saves.
pub const PROJECTOR_KEY: &str = "engagement-planner/projector";

/// Whether the projector theme was left on in this browser. Storage that cannot be read
/// means the normal theme.
pub fn projector_preference() -> bool {
    local_storage()
        .ok()
        .and_then(|storage| storage.get_item(PROJECTOR_KEY).ok().flatten())
        .is_some_and(|value| value == "on")
}

/// Remembers the projector setting for the next visit. A preference that cannot be
/// stored (storage disabled or full) is only not remembered: nothing else depends on it,
/// so the failure is silent.
pub fn remember_projector(on: bool) {
    if let Ok(storage) = local_storage() {
        let _ = if on {
            storage.set_item(PROJECTOR_KEY, "on")
        } else {
            storage.remove_item(PROJECTOR_KEY)
        };
    }
}
