//! The audience window: what the projector shows while a facilitator presents.
//!
//! View-only by construction: it is its own root component, with no plan context, no
//! history and no action anywhere, so no control or key here can change the plan. It
//! follows one facilitator session (named in its address), shows the section that
//! session is on with the plan it sent, and asks for it again when either window
//! reloads. Its only controls are Full screen and the keys of a presentation clicker,
//! which ask the facilitator's window to step (the facilitator's window decides).

use super::sections::AudienceSection;
use crate::model::{EngagementId, Workspace};
use crate::storage::channel::{self, Channel};
use crate::storage::from_json;
use crate::view::present::agenda;
use crate::view::presenting::{self, audience_hash, is_there, locate, Message, Stage};
use gloo::events::EventListener;
use gloo::timers::callback::Interval;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AudienceAppProps {
    pub engagement: EngagementId,
    /// The facilitator session this window follows.
    pub session: String,
}

/// What the audience window knows.
#[derive(Clone, PartialEq)]
struct Audience {
    engagement: EngagementId,
    session: String,
    workspace: Option<Rc<Workspace>>,
    stage: Option<Stage>,
    /// The last `Show` applied, so a late one does not undo a newer one.
    seq: u64,
    last_heard: Option<f64>,
    connected: bool,
    ended: bool,
    /// The last plan the facilitator sent could not be read here; the window keeps the
    /// one before and asks again.
    unreadable: bool,
}

enum Event {
    Heard(Message, f64),
    Tick(f64),
}

impl Reducible for Audience {
    type Action = Event;

    fn reduce(self: Rc<Self>, event: Event) -> Rc<Self> {
        let mut next = (*self).clone();
        match event {
            Event::Tick(now) => next.connected = is_there(next.last_heard, now),
            Event::Heard(message, now) => {
                match message {
                    Message::TakeOver { from, to } if from == next.session => {
                        next.session = to;
                        next.seq = 0;
                        next.ended = false;
                        // A reload follows the window that took over.
                        let hash = audience_hash(next.engagement, &next.session);
                        let _ = gloo::utils::window()
                            .history()
                            .map(|h| h.replace_state_with_url(&JsValue::NULL, "", Some(&hash)));
                    }
                    ref m if m.session() != next.session => return self,
                    Message::Show {
                        seq, stage, plan, ..
                    } => {
                        if seq <= next.seq && next.stage.is_some() {
                            return self;
                        }
                        next.seq = seq;
                        next.stage = Some(stage);
                        next.ended = false;
                        if let Some(text) = plan {
                            match from_json(&text) {
                                Ok(document)
                                    if document.workspace.engagement(next.engagement).is_some() =>
                                {
                                    next.workspace = Some(Rc::new(document.workspace));
                                    next.unreadable = false;
                                }
                                _ => next.unreadable = true,
                            }
                        }
                    }
                    Message::End { .. } => next.ended = true,
                    Message::Heartbeat { .. } => {}
                    // Messages of other audience windows.
                    Message::Here { .. } | Message::Step { .. } | Message::TakeOver { .. } => {
                        return self
                    }
                }
                next.last_heard = Some(now);
                next.connected = true;
            }
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

/// The root of an audience window (`#/present/<engagement>/<session>`).
#[component]
pub fn AudienceApp(props: &AudienceAppProps) -> Html {
    let audience = use_reducer(|| Audience {
        engagement: props.engagement,
        session: props.session.clone(),
        workspace: None,
        stage: None,
        seq: 0,
        last_heard: None,
        connected: false,
        ended: false,
        unreadable: false,
    });
    let channel: Rc<RefCell<Option<Channel>>> = use_mut_ref(|| None);
    let fullscreen = use_state(|| false);
    let fullscreen_refused = use_state(|| false);

    // Listen, and notice when the facilitator's window goes quiet.
    {
        let audience = audience.clone();
        let channel = channel.clone();
        use_effect_with(props.engagement, move |engagement| {
            let heard = audience.dispatcher();
            *channel.borrow_mut() = Some(Channel::open(*engagement, move |message| {
                heard.dispatch(Event::Heard(message, js_sys::Date::now()))
            }));
            let ticks = {
                let audience = audience.clone();
                Interval::new(presenting::HEARTBEAT_MS, move || {
                    audience.dispatch(Event::Tick(js_sys::Date::now()));
                })
            };
            let channel_for_drop = channel.clone();
            move || {
                drop(ticks);
                channel_for_drop.borrow_mut().take();
            }
        });
    }
    // Say we are here, now and every second, asking for the plan until it arrives.
    {
        let channel = channel.clone();
        let session = audience.session.clone();
        let need_plan = audience.workspace.is_none() || audience.unreadable;
        use_effect_with((session, need_plan), move |(session, need_plan)| {
            let send = {
                let channel = channel.clone();
                let message = Message::Here {
                    session: session.clone(),
                    need_plan: *need_plan,
                };
                move || {
                    if let Some(c) = channel.borrow().as_ref() {
                        let _ = c.send(&message);
                    }
                }
            };
            send();
            let beat = Interval::new(presenting::HEARTBEAT_MS, send);
            move || drop(beat)
        });
    }

    // A presentation clicker sends Page Down / Page Up (some send the arrows): ask the
    // facilitator's window to step. F asks for full screen.
    {
        let channel = channel.clone();
        let session = audience.session.clone();
        let fullscreen_refused = fullscreen_refused.clone();
        use_effect_with(session, move |session| {
            let session = session.clone();
            let listener = EventListener::new(&gloo::utils::document(), "keydown", move |event| {
                let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if event.ctrl_key() || event.meta_key() || event.alt_key() {
                    return;
                }
                let forward = match event.key().as_str() {
                    "PageDown" | "ArrowRight" | "ArrowDown" | " " => true,
                    "PageUp" | "ArrowLeft" | "ArrowUp" => false,
                    "f" | "F" => {
                        request_fullscreen(&fullscreen_refused);
                        return;
                    }
                    _ => return,
                };
                if let Some(c) = channel.borrow().as_ref() {
                    let _ = c.send(&Message::Step {
                        session: session.clone(),
                        forward,
                    });
                }
            });
            move || drop(listener)
        });
    }

    // Full screen: follow the browser's state (Esc leaves it without asking us).
    {
        let fullscreen = fullscreen.clone();
        use_effect_with((), move |_| {
            let listener =
                EventListener::new(&gloo::utils::document(), "fullscreenchange", move |_| {
                    fullscreen.set(gloo::utils::document().fullscreen_element().is_some());
                });
            move || drop(listener)
        });
    }

    // The projector setting of this browser, followed when the facilitator switches it.
    use_effect_with((), |_| {
        let apply = || {
            if let Some(root) = gloo::utils::document().document_element() {
                let _ = if crate::storage::browser::projector_preference() {
                    root.set_attribute("data-theme", "projector")
                } else {
                    root.remove_attribute("data-theme")
                };
            }
        };
        apply();
        let listener = EventListener::new(&gloo::utils::window(), "storage", move |event| {
            let key = event
                .dyn_ref::<web_sys::StorageEvent>()
                .and_then(|e| e.key());
            if key.as_deref() == Some(crate::storage::browser::PROJECTOR_KEY) {
                apply();
            }
        });
        move || drop(listener)
    });

    // Keep the screen awake while presenting (Wake Lock, where the browser has it). The
    // browser releases the lock when the window is hidden, so ask again when it shows.
    use_effect_with((), |_| {
        request_wake_lock();
        let listener =
            EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
                if gloo::utils::document().visibility_state() == web_sys::VisibilityState::Visible {
                    request_wake_lock();
                }
            });
        move || drop(listener)
    });

    // The title of the window, for the task bar and the screen-sharing picker.
    {
        let name = audience
            .workspace
            .as_ref()
            .and_then(|w| w.engagement(audience.engagement))
            .map(|e| e.name.clone());
        use_effect_with(name, |name| {
            gloo::utils::document().set_title(&match name {
                Some(name) => format!("{name} — audience — Engagement Planner"),
                None => "Audience — Engagement Planner".to_string(),
            });
        });
    }

    // A mark for the benchmark of an edit reaching the projector: set once the section
    // of a `Show` has rendered.
    use_effect_with(audience.seq, |seq| {
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = root.set_attribute("data-audience-seq", &seq.to_string());
        }
    });

    let on_fullscreen = {
        let fullscreen_refused = fullscreen_refused.clone();
        Callback::from(move |_: MouseEvent| request_fullscreen(&fullscreen_refused))
    };

    let engagement = audience
        .workspace
        .as_ref()
        .and_then(|w| w.engagement(audience.engagement).map(|e| (w.clone(), e)));
    let body = match (&engagement, &audience.stage) {
        _ if audience.ended => html! {
            <div class="audience-card">
                <h1>{ "The presentation has ended" }</h1>
                <p>{ "You can close this window." }</p>
            </div>
        },
        (Some((workspace, _)), Some(stage)) => {
            let items = agenda(workspace, audience.engagement);
            let at = locate(&items, stage.kind, stage.page);
            match items.get(at) {
                Some(item) => html! {
                    <AudienceSection workspace={workspace.clone()} engagement={audience.engagement}
                        item={item.clone()} client_in_room={stage.client_in_room}
                        highlight={stage.highlight} />
                },
                None => html! {},
            }
        }
        (None, Some(_)) if audience.workspace.is_some() => html! {
            <div class="audience-card">
                <h1>{ "This engagement is no longer in the plan" }</h1>
                <p>{ "The facilitator can choose another engagement and present it." }</p>
            </div>
        },
        _ => html! {
            <div class="audience-card">
                <h1>{ "Engagement Planner" }</h1>
                <p>{ "Waiting for the facilitator's window…" }</p>
            </div>
        },
    };
    let countdown = audience.stage.as_ref().and_then(|s| s.countdown);

    html! {
        <div class="audience-window" data-testid="audience">
            <main class="audience-stage" aria-live="polite">{ body }</main>
            <div class="audience-corner">
                if let Some(countdown) = countdown {
                    <AudienceClock {countdown} />
                }
                if !audience.connected && audience.stage.is_some() && !audience.ended {
                    <p class="audience-waiting" role="status">{ "Reconnecting to the facilitator's window…" }</p>
                }
                if audience.unreadable {
                    <p class="audience-waiting" role="status">{ "The latest change could not be shown here; asking for it again." }</p>
                }
                if *fullscreen_refused {
                    <p class="audience-waiting" role="status">{ "The browser did not allow full screen. Press F11 (Ctrl+Cmd+F on a Mac) instead." }</p>
                }
                if !*fullscreen {
                    <button type="button" class="audience-fullscreen" onclick={on_fullscreen}>{ "Full screen" }</button>
                }
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct AudienceClockProps {
    countdown: presenting::Countdown,
}

/// The room's countdown, ticking on its own so the section does not re-render every
/// second.
#[component]
fn AudienceClock(props: &AudienceClockProps) -> Html {
    let now = use_state(channel::now);
    {
        let now = now.clone();
        let running = props.countdown.is_running();
        use_effect_with(running, move |running| {
            let tick = running.then(|| Interval::new(250, move || now.set(channel::now())));
            move || drop(tick)
        });
    }
    let text = props.countdown.describe(*now);
    let up = props.countdown.left(*now) <= 0;
    html! {
        <p class={classes!("audience-countdown", up.then_some("audience-countdown-up"))}
            role="timer" aria-label="Countdown">{ text }</p>
    }
}

/// Asks for full screen (the Fullscreen API's promise, so a refusal is shown, not left
/// as an unhandled rejection in the console).
fn request_fullscreen(refused: &UseStateHandle<bool>) {
    let Some(root) = gloo::utils::document().document_element() else {
        return;
    };
    let request = js_sys::Reflect::get(&root, &"requestFullscreen".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(request) = request else {
        refused.set(true);
        return;
    };
    match request.call0(&root) {
        Ok(result) => {
            refused.set(false);
            if let Ok(promise) = result.dyn_into::<js_sys::Promise>() {
                let refused = refused.clone();
                let on_refused = Closure::once(move |_: JsValue| refused.set(true));
                let _ = promise.catch(&on_refused);
                on_refused.forget();
            }
        }
        Err(_) => refused.set(true),
    }
}

/// Asks the browser to keep the screen on (Screen Wake Lock), where it can; where it
/// cannot, or refuses (a hidden window, a battery saver), the screen simply follows
/// the system's settings.
fn request_wake_lock() {
    let navigator = gloo::utils::window().navigator();
    let Ok(wake_lock) = js_sys::Reflect::get(&navigator, &"wakeLock".into()) else {
        return;
    };
    if wake_lock.is_undefined() || wake_lock.is_null() {
        return;
    }
    let request = js_sys::Reflect::get(&wake_lock, &"request".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(request) = request else {
        return;
    };
    if let Ok(result) = request.call1(&wake_lock, &"screen".into()) {
        if let Ok(promise) = result.dyn_into::<js_sys::Promise>() {
            let ignore = Closure::once(|_: JsValue| {});
            let _ = promise.catch(&ignore);
            ignore.forget();
        }
    }
}
