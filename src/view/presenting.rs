//! Presenting a plan in two windows: what the facilitator's window and the audience's
//! window (on the projector) say to each other, and the rules that keep them in step.
//!
//! The facilitator's window owns the presentation: where it is in the agenda, whether
//! the client is in the room, what the room is asked to look at, the countdown. It sends
//! [`Message::Show`] whenever any of that or the plan changes, and a
//! [`Message::Heartbeat`] every [`HEARTBEAT_MS`]. The audience window is bound to one
//! facilitator session (named in its address), follows only that session, and says
//! [`Message::Here`] on start and every [`HEARTBEAT_MS`], so each window knows whether
//! the other is there and either can reload and find the other again.
//!
//! Pure: the browser side (the channel, the popup, timers, the clock) is in
//! `storage::channel` and `components::present`, and passes times in as milliseconds
//! since the epoch.

use super::present::{AgendaItem, Highlight, SectionKind};
use crate::model::EngagementId;
use serde::{Deserialize, Serialize};

/// The key of a section's private notes: its name in the saved format.
pub fn section_key(kind: SectionKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// How often each window says it is there.
pub const HEARTBEAT_MS: u32 = 1_000;
/// A window not heard from for this long is gone (closed, or reloading).
pub const GONE_AFTER_MS: f64 = 3_500.0;

/// The channel both windows of one engagement's presentation talk on: scoped to the
/// engagement, so presenting another engagement (in another tab) does not cross it.
pub fn channel_name(engagement: EngagementId) -> String {
    format!("engagement-planner/present/{}", engagement.0)
}

/// The address of the audience window: `#/present/<engagement>/<session>`.
pub fn audience_hash(engagement: EngagementId, session: &str) -> String {
    format!("#/present/{}/{}", engagement.0, session)
}

/// Reads an audience window's address: the engagement and the facilitator session it
/// follows. Any other address is not an audience window.
pub fn parse_audience_hash(hash: &str) -> Option<(EngagementId, String)> {
    let rest = hash.trim_start_matches('#').strip_prefix("/present/")?;
    let (engagement, session) = rest.split_once('/')?;
    let engagement = engagement.parse().ok().map(EngagementId)?;
    let session = session.trim_end_matches('/');
    is_session_id(session).then(|| (engagement, session.to_string()))
}

/// A session id is 1 to 32 letters, digits or dashes: it comes from an address, so it
/// is checked before it is used.
pub fn is_session_id(s: &str) -> bool {
    (1..=32).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// An optional countdown for the room, shared by both windows (they run on the same
/// machine, so read the same clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Countdown {
    /// Counting down to `ends_at` (ms since the epoch).
    Running { ends_at: i64 },
    /// Stopped with `left` ms to go.
    Paused { left: i64 },
}

/// The longest countdown the facilitator can start, in minutes (ten hours).
pub const MAX_COUNTDOWN_MINUTES: u32 = 600;

/// The minutes typed into the facilitator's Minutes field, or what is wrong with them,
/// in words.
pub fn countdown_minutes(typed: &str) -> Result<u32, String> {
    let typed = typed.trim();
    let limit =
        || format!("Enter the countdown in whole minutes, from 1 to {MAX_COUNTDOWN_MINUTES}.");
    if typed.is_empty() || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return Err(limit());
    }
    match typed.parse::<u32>() {
        Ok(m) if (1..=MAX_COUNTDOWN_MINUTES).contains(&m) => Ok(m),
        _ => Err(limit()),
    }
}

impl Countdown {
    /// A countdown of `minutes`, started at `now`.
    pub fn start(minutes: u32, now: i64) -> Countdown {
        Countdown::Running {
            ends_at: now + i64::from(minutes) * 60_000,
        }
    }

    /// Milliseconds left at `now`; negative once time is up.
    pub fn left(self, now: i64) -> i64 {
        match self {
            Countdown::Running { ends_at } => ends_at - now,
            Countdown::Paused { left } => left,
        }
    }

    /// The same countdown with `minutes` more (the +1 and +5 buttons). Adding to a
    /// countdown that ran out counts from zero, so "+5" after time is up gives 5 minutes.
    pub fn add(self, minutes: u32, now: i64) -> Countdown {
        let extra = i64::from(minutes) * 60_000;
        match self {
            Countdown::Running { ends_at } => Countdown::Running {
                ends_at: ends_at.max(now) + extra,
            },
            Countdown::Paused { left } => Countdown::Paused {
                left: left.max(0) + extra,
            },
        }
    }

    pub fn pause(self, now: i64) -> Countdown {
        Countdown::Paused {
            left: self.left(now),
        }
    }

    pub fn resume(self, now: i64) -> Countdown {
        match self {
            Countdown::Paused { left } => Countdown::Running {
                ends_at: now + left,
            },
            running => running,
        }
    }

    pub fn is_running(self) -> bool {
        matches!(self, Countdown::Running { .. })
    }

    /// What the room reads: "12:05 left", "Time is up", "Paused, 3:00 left".
    pub fn describe(self, now: i64) -> String {
        let left = self.left(now);
        // Round up, so the clock shows 0:01 until the last second is gone.
        let shown = clock((left + 999) / 1_000 * 1_000);
        match (self.is_running(), left > 0) {
            (true, true) => format!("{shown} left"),
            (true, false) => "Time is up".to_string(),
            (false, true) => format!("Paused, {shown} left"),
            (false, false) => "Paused, time is up".to_string(),
        }
    }
}

/// Minutes and seconds of a duration in ms: "0:00", "3:07", "72:00". Negative
/// durations count as zero.
pub fn clock(ms: i64) -> String {
    let seconds = ms.max(0) / 1_000;
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// Where the presentation is and what the room sees, apart from the plan itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    pub kind: SectionKind,
    /// The page within the section, from 1.
    pub page: u16,
    /// Keeps cost rates, margins, markup, commission and internal notes off the
    /// audience window.
    pub client_in_room: bool,
    /// What the room is asked to look at ("look here").
    pub highlight: Option<Highlight>,
    pub countdown: Option<Countdown>,
}

impl Stage {
    /// The start of a presentation: the first section of the agenda.
    pub fn start(agenda: &[AgendaItem], client_in_room: bool) -> Stage {
        let (kind, page) = agenda
            .first()
            .map(|i| (i.kind, i.page))
            .unwrap_or((SectionKind::Glance, 1));
        Stage {
            kind,
            page,
            client_in_room,
            highlight: None,
            countdown: None,
        }
    }

    /// The position of this stage in `agenda` (see [`locate`]).
    pub fn index(&self, agenda: &[AgendaItem]) -> usize {
        locate(agenda, self.kind, self.page)
    }

    /// Moves to the agenda item at `index` (clamped to the agenda). A highlight belongs
    /// to the section it was made on, so moving clears it.
    pub fn go_to(&mut self, agenda: &[AgendaItem], index: usize) {
        let Some(item) = agenda.get(index.min(agenda.len().saturating_sub(1))) else {
            return;
        };
        if (item.kind, item.page) != (self.kind, self.page) {
            self.highlight = None;
        }
        self.kind = item.kind;
        self.page = item.page;
    }

    /// One step forward or back; at either end it stays where it is.
    pub fn step(&mut self, agenda: &[AgendaItem], forward: bool) {
        let at = self.index(agenda);
        let next = if forward {
            at + 1
        } else {
            at.saturating_sub(1)
        };
        if next < agenda.len() {
            self.go_to(agenda, next);
        }
    }
}

/// The agenda item a stage shows: the same section and page; the section's last page
/// when the plan changed and it has fewer pages now; the first item when the section is
/// no longer on the agenda.
pub fn locate(agenda: &[AgendaItem], kind: SectionKind, page: u16) -> usize {
    let mut last_of_kind = None;
    for (i, item) in agenda.iter().enumerate() {
        if item.kind == kind {
            if item.page == page {
                return i;
            }
            last_of_kind = Some(i);
        }
    }
    last_of_kind.unwrap_or(0)
}

/// What the two windows say to each other. Sent as JSON on the channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Message {
    /// Facilitator → audience: what to show. `plan` is the engagement as a document
    /// (read with the same validation as a file), sent when it changed since the last
    /// `Show` or when the audience asked for it; otherwise the audience keeps the plan
    /// it has. `seq` increases with every `Show` of a session, across reloads of its window.
    Show {
        session: String,
        seq: u64,
        stage: Stage,
        plan: Option<String>,
    },
    /// Facilitator → audience, every [`HEARTBEAT_MS`] while presenting.
    Heartbeat { session: String },
    /// Audience → facilitator, on start and every [`HEARTBEAT_MS`]; `need_plan` asks
    /// for the plan (the audience has none, or could not read the last one).
    Here { session: String, need_plan: bool },
    /// Audience → facilitator: a presentation clicker (Page Down, Page Up, arrows) was
    /// pressed in the audience window; the facilitator decides where that leads.
    Step { session: String, forward: bool },
    /// A facilitator window took the presentation over from session `from`; the
    /// audience that followed `from` follows `to` now, and `from` stops presenting.
    TakeOver { from: String, to: String },
    /// The facilitator ended the presentation.
    End { session: String },
}

impl Message {
    /// The facilitator session a message speaks for or to.
    pub fn session(&self) -> &str {
        match self {
            Message::Show { session, .. }
            | Message::Heartbeat { session }
            | Message::Here { session, .. }
            | Message::Step { session, .. }
            | Message::End { session } => session,
            Message::TakeOver { from, .. } => from,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a message always serializes to JSON")
    }

    /// Reads a message from the channel; anything else (another version of the app,
    /// another page's use of the channel) is `None` and ignored.
    pub fn from_json(text: &str) -> Option<Message> {
        serde_json::from_str(text).ok()
    }
}

/// Whether a window last heard from at `last_seen` (ms) is still there at `now`.
pub fn is_there(last_seen: Option<f64>, now: f64) -> bool {
    last_seen.is_some_and(|seen| now - seen < GONE_AFTER_MS)
}

/// What a facilitator window keeps across a reload (in the tab's session storage), so
/// it goes on presenting where it was and its audience window finds it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presenting {
    pub session: String,
    pub engagement: EngagementId,
    pub stage: Stage,
    /// When the current section was reached (ms since the epoch), for its timer.
    pub section_started: i64,
}

impl Presenting {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("the presentation always serializes to JSON")
    }

    /// Reads what a reload kept; anything unreadable or with a malformed session is
    /// `None` (the window then simply is not presenting).
    pub fn from_json(text: &str) -> Option<Presenting> {
        serde_json::from_str::<Presenting>(text)
            .ok()
            .filter(|p| is_session_id(&p.session))
    }
}
