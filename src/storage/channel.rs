//! The browser side of presenting (wasm32 only): the channel between the facilitator's
//! window and the audience window, and what a presentation keeps in the browser.
//!
//! - [`Channel`]: a `BroadcastChannel` scoped to the engagement, or, in a browser that
//!   has none, the `storage` event of one localStorage key, which every other window of
//!   the site hears when one window writes it.
//! - What a facilitator window keeps across a reload ([`keep_presenting`], in the tab's
//!   session storage, so another tab does not inherit it), the claim a presenting
//!   window renews every second so a second facilitator window can see it ([`claim`],
//!   [`live_claim`]), and the facilitator's private notes ([`read_notes`],
//!   [`write_notes`]), which stay in this browser and never go on the channel.
//!
//! None of this is the plan: failing to keep any of it loses no data, so the writes
//! here report nothing but whether they worked.

use super::browser::{describe, local_storage, read};
use crate::model::EngagementId;
use crate::view::presenting::{channel_name, is_there, Message, Presenting, Stage};
use gloo::events::EventListener;
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;

/// The session-storage key of a facilitator window's presentation.
const PRESENTING_KEY: &str = "engagement-planner/presenting";
/// The prefix of the localStorage keys of the channel's fallback and of the claims.
const PRESENT_PREFIX: &str = "engagement-planner/present/";
/// The prefix of the localStorage keys of the facilitator's notes, per engagement.
const NOTES_PREFIX: &str = "engagement-planner/notes/";

/// One window's end of a presentation's channel. Dropping it closes it.
pub struct Channel {
    broadcast: Option<web_sys::BroadcastChannel>,
    /// The localStorage key the fallback writes, when there is no `BroadcastChannel`.
    fallback_key: String,
    counter: Cell<u64>,
    _listener: EventListener,
}

impl Channel {
    /// Opens the channel of one engagement's presentation; `on_message` hears every
    /// message another window sends on it (never this window's own).
    pub fn open(engagement: EngagementId, on_message: impl Fn(Message) + 'static) -> Channel {
        let name = channel_name(engagement);
        let fallback_key = format!("{name}/message");
        match web_sys::BroadcastChannel::new(&name) {
            Ok(broadcast) => {
                let listener = EventListener::new(&broadcast, "message", move |event| {
                    let text = event
                        .dyn_ref::<web_sys::MessageEvent>()
                        .and_then(|e| e.data().as_string());
                    if let Some(message) = text.as_deref().and_then(Message::from_json) {
                        on_message(message);
                    }
                });
                Channel {
                    broadcast: Some(broadcast),
                    fallback_key,
                    counter: Cell::new(0),
                    _listener: listener,
                }
            }
            Err(_) => {
                let key = fallback_key.clone();
                let listener =
                    EventListener::new(&gloo::utils::window(), "storage", move |event| {
                        let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
                            return;
                        };
                        if event.key().as_deref() != Some(key.as_str()) {
                            return;
                        }
                        // The value is "<counter>|<message>": the counter makes every
                        // write a change, so two equal heartbeats both fire.
                        let value = event.new_value().unwrap_or_default();
                        let text = value.split_once('|').map(|(_, t)| t).unwrap_or_default();
                        if let Some(message) = Message::from_json(text) {
                            on_message(message);
                        }
                    });
                Channel {
                    broadcast: None,
                    fallback_key,
                    counter: Cell::new(0),
                    _listener: listener,
                }
            }
        }
    }

    /// Sends a message to the other windows; the reason it could not, in words.
    pub fn send(&self, message: &Message) -> Result<(), String> {
        let text = message.to_json();
        match &self.broadcast {
            Some(broadcast) => broadcast
                .post_message(&text.into())
                .map_err(|e| describe(&e)),
            None => {
                let n = self.counter.get() + 1;
                self.counter.set(n);
                let storage = local_storage()?;
                let stamp = format!("{:x}{n}", js_sys::Date::now() as u64);
                storage
                    .set_item(&self.fallback_key, &format!("{stamp}|{text}"))
                    .map_err(|e| describe(&e))
            }
        }
    }

    /// Whether this channel is the localStorage fallback (a browser without
    /// `BroadcastChannel`).
    pub fn is_fallback(&self) -> bool {
        self.broadcast.is_none()
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        if let Some(broadcast) = &self.broadcast {
            broadcast.close();
        }
    }
}

/// A new facilitator session id: the time and a random part, so two windows that start
/// presenting in the same millisecond still differ.
pub fn new_session() -> String {
    let random = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    format!("{:x}-{random:08x}", js_sys::Date::now() as u64)
}

/// The current time in ms since the epoch, the clock of presenting.
pub fn now() -> i64 {
    js_sys::Date::now() as i64
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// What this tab kept of its presentation before a reload, if anything.
pub fn kept_presenting() -> Option<Presenting> {
    let text = session_storage()?.get_item(PRESENTING_KEY).ok().flatten()?;
    Presenting::from_json(&text)
}

/// Keeps this tab's presentation for a reload (or forgets it with `None`).
pub fn keep_presenting(presenting: Option<&Presenting>) {
    let Some(storage) = session_storage() else {
        return;
    };
    let _ = match presenting {
        Some(p) => storage.set_item(PRESENTING_KEY, &p.to_json()),
        None => storage.remove_item(PRESENTING_KEY),
    };
}

/// A presenting window's claim on an engagement's presentation, renewed with every
/// heartbeat; it carries the stage so a window that takes over goes on from there.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claim {
    pub session: String,
    pub at: f64,
    pub stage: Stage,
}

fn claim_key(engagement: EngagementId) -> String {
    format!("{PRESENT_PREFIX}{}/claim", engagement.0)
}

/// Renews (or, with `None`, gives up) this window's claim on presenting `engagement`.
pub fn claim(engagement: EngagementId, claim: Option<&Claim>) {
    let Ok(storage) = local_storage() else {
        return;
    };
    let key = claim_key(engagement);
    let _ = match claim {
        Some(c) => match serde_json::to_string(c) {
            Ok(text) => storage.set_item(&key, &text),
            Err(_) => Ok(()),
        },
        None => storage.remove_item(&key),
    };
}

/// Another window's live claim on presenting `engagement` (renewed within the last
/// few seconds), if there is one that is not `own_session`'s.
pub fn live_claim(engagement: EngagementId, own_session: Option<&str>) -> Option<Claim> {
    let storage = local_storage().ok()?;
    let text = read(&storage, &claim_key(engagement)).ok().flatten()?;
    let claim: Claim = serde_json::from_str(&text).ok()?;
    let live = is_there(Some(claim.at), js_sys::Date::now());
    (live && Some(claim.session.as_str()) != own_session).then_some(claim)
}

fn notes_key(engagement: EngagementId) -> String {
    format!("{NOTES_PREFIX}{}", engagement.0)
}

/// The facilitator's private notes on an engagement, by section
/// ([`crate::view::presenting::section_key`]).
pub fn read_notes(engagement: EngagementId) -> BTreeMap<String, String> {
    local_storage()
        .ok()
        .and_then(|s| read(&s, &notes_key(engagement)).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Keeps the facilitator's notes in this browser; the reason it could not, in words.
pub fn write_notes(
    engagement: EngagementId,
    notes: &BTreeMap<String, String>,
) -> Result<(), String> {
    let storage = local_storage()?;
    let key = notes_key(engagement);
    if notes.values().all(|n| n.trim().is_empty()) {
        return storage.remove_item(&key).map_err(|e| describe(&e));
    }
    let text = serde_json::to_string(notes).map_err(|e| e.to_string())?;
    storage.set_item(&key, &text).map_err(|e| describe(&e))
}
