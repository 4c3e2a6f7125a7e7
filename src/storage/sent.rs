//! What this browser keeps about copies of the plan that went to someone else and came
//! back (wasm32 only), for telling who changed what in a returned file:
//!
//! - the revision ids of the last [`SENT_KEPT`] copies sent from here ([`record_sent`],
//!   [`was_sent_here`]);
//! - the copy last opened from a file that carried a revision ([`keep_received`],
//!   [`received`]), which the next file sent from here carries as its base.
//!
//! None of this is the plan: failing to keep any of it loses no data (a full storage
//! only means no base next time), so the writes here report nothing but whether they
//! worked, and a record that cannot be read counts as none.

use super::browser::{describe, local_storage, read};
use super::{base_from_json, base_to_json, is_revision, Base};

/// The localStorage key of the revision ids sent from this browser (a JSON list).
pub const SENT_KEY: &str = "engagement-planner/sent";
/// The localStorage key of the copy last received (a document, see [`base_to_json`]).
pub const RECEIVED_KEY: &str = "engagement-planner/received";
/// How many sent revision ids are kept; older ones are forgotten.
pub const SENT_KEPT: usize = 50;

/// A new revision id for a copy about to be sent: the time and a random part, so two
/// copies sent in the same millisecond still differ.
pub fn new_revision() -> String {
    let random = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    format!("{:x}-{random:08x}", js_sys::Date::now() as u64)
}

/// The revision ids sent from this browser, oldest first (none if unreadable).
fn sent() -> Vec<String> {
    local_storage()
        .ok()
        .and_then(|s| read(&s, SENT_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str::<Vec<String>>(&text).ok())
        .map(|list| list.into_iter().filter(|r| is_revision(r)).collect())
        .unwrap_or_default()
}

/// Remembers that the copy `revision` was sent from this browser (the last
/// [`SENT_KEPT`] are kept); the reason it could not, in words.
pub fn record_sent(revision: &str) -> Result<(), String> {
    let storage = local_storage()?;
    let mut list = sent();
    list.retain(|r| r != revision);
    list.push(revision.to_string());
    let excess = list.len().saturating_sub(SENT_KEPT);
    list.drain(..excess);
    let text = serde_json::to_string(&list).map_err(|e| e.to_string())?;
    storage.set_item(SENT_KEY, &text).map_err(|e| describe(&e))
}

/// Whether the copy `revision` was sent from this browser (among the last
/// [`SENT_KEPT`]).
pub fn was_sent_here(revision: &str) -> bool {
    sent().iter().any(|r| r == revision)
}

/// Keeps `base` as the copy last received, for the next file sent from here; the reason
/// it could not, in words. If it cannot be kept, the copy received before is forgotten
/// too: it is no longer what the plan is based on.
pub fn keep_received(base: &Base) -> Result<(), String> {
    let storage = local_storage()?;
    match storage.set_item(RECEIVED_KEY, &base_to_json(base)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = storage.remove_item(RECEIVED_KEY);
            Err(describe(&e))
        }
    }
}

/// Forgets the copy last received (to make room for the plan itself).
pub fn forget_received() {
    if let Ok(storage) = local_storage() {
        let _ = storage.remove_item(RECEIVED_KEY);
    }
}

/// The copy last received, if one is kept and reads cleanly.
pub fn received() -> Option<Base> {
    let storage = local_storage().ok()?;
    let text = read(&storage, RECEIVED_KEY).ok().flatten()?;
    base_from_json(&text)
}
