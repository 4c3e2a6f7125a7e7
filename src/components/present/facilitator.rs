//! The facilitator's side of a presentation: the panel that steps through the agenda,
//! and everything that keeps the audience window in step with this one.
//!
//! The facilitator goes on editing the plan as usual (the board, governance, client
//! needs); every change reaches the audience window as the plan it shows. Stepping to a
//! section also opens the view where that section is edited here. The panel's timers,
//! the preview of the next section and the private notes stay in this window.

use super::sections::AudienceSection;
use crate::components::context::{use_plan, Target};
use crate::model::{EngagementId, FunctionId, PersonId, Workspace};
use crate::storage::channel::{self, Channel, Claim};
use crate::storage::engagement_document;
use crate::view::present::{agenda, AgendaItem, Highlight};
use crate::view::presenting::{
    self, audience_hash, clock, is_there, section_key, Countdown, Message, Presenting, Stage,
};
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Interval;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Opens (or brings back) the audience window of a presentation. Must run inside the
/// click that asked for it, or the browser blocks the window. `false` when the browser
/// blocked it anyway.
pub fn open_audience(engagement: EngagementId, session: &str) -> bool {
    let window = gloo::utils::window();
    let location = window.location();
    let href = location.href().unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default().to_string();
    let url = format!("{base}{}", audience_hash(engagement, session));
    let target = format!("engagement-planner-audience-{}", engagement.0);
    matches!(
        window.open_with_url_and_target_and_features(&url, &target, "popup,width=1024,height=768"),
        Ok(Some(_))
    )
}

/// The address of the audience window, for a facilitator whose browser blocks pop-ups.
pub fn audience_url(engagement: EngagementId, session: &str) -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default().to_string();
    format!("{base}{}", audience_hash(engagement, session))
}

#[derive(Properties, PartialEq)]
pub struct PresenterProps {
    pub initial: Presenting,
    /// Set when this window took the presentation over from another session: the
    /// audience window that followed it follows this one now.
    #[prop_or_default]
    pub took_over_from: Option<String>,
    /// The presentation ended here; the message says how (for the status line).
    pub on_stop: Callback<String>,
    /// Selects the presented engagement in this window.
    pub on_select: Callback<EngagementId>,
}

#[derive(Clone, PartialEq)]
struct State {
    presenting: Presenting,
    agenda: Rc<Vec<AgendaItem>>,
    /// When the audience window last said it was there (ms).
    audience_seen: Option<f64>,
    audience_there: bool,
    /// Bumped when the audience window asks for the plan.
    plan_wanted: u32,
    /// Another window took over.
    moved: bool,
}

enum Event {
    Heard(Message, f64),
    Tick(f64),
    Agenda(Rc<Vec<AgendaItem>>),
    Step(bool),
    Go(usize),
    Edit(Box<dyn FnOnce(&mut Stage)>),
}

impl Reducible for State {
    type Action = Event;

    fn reduce(self: Rc<Self>, event: Event) -> Rc<Self> {
        let mut next = (*self).clone();
        let before = (next.presenting.stage.kind, next.presenting.stage.page);
        let session = next.presenting.session.clone();
        match event {
            Event::Heard(
                Message::Here {
                    session: s,
                    need_plan,
                },
                now,
            ) if s == session => {
                next.audience_seen = Some(now);
                next.audience_there = true;
                if need_plan {
                    next.plan_wanted = next.plan_wanted.wrapping_add(1);
                }
            }
            Event::Heard(
                Message::Step {
                    session: s,
                    forward,
                },
                _,
            ) if s == session => {
                next.presenting.stage.step(&next.agenda, forward);
            }
            Event::Heard(Message::TakeOver { from, .. }, _) if from == session => {
                next.moved = true;
            }
            Event::Heard(..) => return self,
            Event::Tick(now) => next.audience_there = is_there(next.audience_seen, now),
            Event::Agenda(agenda) => {
                next.agenda = agenda;
                // The plan changed under the stage: stay on the same section and page,
                // or the nearest one that is still there.
                let at = next.presenting.stage.index(&next.agenda);
                next.presenting.stage.go_to(&next.agenda, at);
            }
            Event::Step(forward) => next.presenting.stage.step(&next.agenda, forward),
            Event::Go(index) => next.presenting.stage.go_to(&next.agenda, index),
            Event::Edit(edit) => edit(&mut next.presenting.stage),
        }
        if (next.presenting.stage.kind, next.presenting.stage.page) != before {
            next.presenting.section_started = channel::now();
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

/// The facilitator's panel, shown in the presenting window below the current view.
#[component]
pub fn Presenter(props: &PresenterProps) -> Html {
    let plan = use_plan();
    let engagement = props.initial.engagement;
    let state = use_reducer(|| State {
        agenda: Rc::new(agenda(&plan.workspace, engagement)),
        presenting: props.initial.clone(),
        audience_seen: None,
        audience_there: false,
        plan_wanted: 0,
        moved: false,
    });
    let channel: Rc<RefCell<Option<Channel>>> = use_mut_ref(|| None);
    // The audience ignores a `Show` older than the last it applied. Counting from this
    // window's load time (in ms) keeps the count rising across a reload of this window,
    // which takes far longer than a millisecond per `Show` sent before it.
    let seq = use_mut_ref(|| js_sys::Date::now() as u64);
    // The plan last sent, and the audience's last request it answered.
    let sent_plan = use_mut_ref(|| None::<(Rc<Workspace>, u32)>);
    let latest_stage = use_mut_ref(|| props.initial.stage.clone());
    *latest_stage.borrow_mut() = state.presenting.stage.clone();
    let popup_blocked = use_state(|| false);

    // The channel, the heartbeat, and the claim other windows see.
    {
        let state = state.clone();
        let channel = channel.clone();
        let latest_stage = latest_stage.clone();
        let session = props.initial.session.clone();
        let took_over_from = props.took_over_from.clone();
        use_effect_with((), move |_| {
            let heard = state.dispatcher();
            let opened = Channel::open(engagement, move |message| {
                heard.dispatch(Event::Heard(message, js_sys::Date::now()))
            });
            if let Some(from) = took_over_from {
                let _ = opened.send(&Message::TakeOver {
                    from,
                    to: session.clone(),
                });
            }
            *channel.borrow_mut() = Some(opened);
            let beat = {
                let channel = channel.clone();
                let ticks = state.dispatcher();
                move || {
                    let now = js_sys::Date::now();
                    if let Some(c) = channel.borrow().as_ref() {
                        let _ = c.send(&Message::Heartbeat {
                            session: session.clone(),
                        });
                    }
                    channel::claim(
                        engagement,
                        Some(&Claim {
                            session: session.clone(),
                            at: now,
                            stage: latest_stage.borrow().clone(),
                        }),
                    );
                    ticks.dispatch(Event::Tick(now));
                }
            };
            beat();
            let heartbeat = Interval::new(presenting::HEARTBEAT_MS, beat);
            let channel = channel.clone();
            move || {
                drop(heartbeat);
                channel.borrow_mut().take();
            }
        });
    }

    // Keep the presentation for a reload of this window.
    use_effect_with(state.presenting.clone(), |presenting| {
        channel::keep_presenting(Some(presenting))
    });

    // Another window took over: stop here, leaving the claim to it.
    {
        let on_stop = props.on_stop.clone();
        use_effect_with(state.moved, move |moved| {
            if *moved {
                channel::keep_presenting(None);
                on_stop.emit(
                    "The presentation moved to another window; this window no longer presents."
                        .into(),
                );
            }
        });
    }

    // The agenda follows the plan.
    {
        let state = state.clone();
        use_effect_with(plan.workspace.clone(), move |workspace| {
            let items = agenda(workspace, engagement);
            if *state.agenda != items {
                state.dispatch(Event::Agenda(Rc::new(items)));
            }
        });
    }

    // Show the audience the stage and, when it changed or was asked for, the plan.
    {
        let channel = channel.clone();
        let session = props.initial.session.clone();
        let seq = seq.clone();
        let sent_plan = sent_plan.clone();
        use_effect_with(
            (
                plan.workspace.clone(),
                state.presenting.stage.clone(),
                state.plan_wanted,
            ),
            move |(workspace, stage, wanted)| {
                let resend = match &*sent_plan.borrow() {
                    Some((sent, sent_wanted)) => {
                        !Rc::ptr_eq(sent, workspace) || sent_wanted != wanted
                    }
                    None => true,
                };
                let plan = resend
                    .then(|| engagement_document(workspace, engagement))
                    .flatten();
                *seq.borrow_mut() += 1;
                let message = Message::Show {
                    session,
                    seq: *seq.borrow(),
                    stage: stage.clone(),
                    plan,
                };
                if let Some(c) = channel.borrow().as_ref() {
                    if c.send(&message).is_ok() && resend {
                        *sent_plan.borrow_mut() = Some((workspace.clone(), *wanted));
                    }
                }
                mark_sent(*seq.borrow());
            },
        );
    }

    // Reaching a section opens the view where it is edited, on the presented engagement.
    {
        let navigate = plan.navigate.clone();
        let on_select = props.on_select.clone();
        use_effect_with(state.presenting.stage.kind, move |kind| {
            on_select.emit(engagement);
            navigate.emit(Target::view(kind.view()));
        });
    }

    // The clicker's keys: Page Down / Page Up anywhere but in a text field; the arrows
    // when nothing that uses them has the focus.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                move |event| {
                    let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if event.ctrl_key() || event.meta_key() || event.alt_key() {
                        return;
                    }
                    let key = event.key();
                    let target = event
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                    let forward = match key.as_str() {
                        "PageDown" | "PageUp" if !in_text_field(target.as_ref()) => {
                            key == "PageDown"
                        }
                        "ArrowRight" | "ArrowLeft" if arrows_free(target.as_ref()) => {
                            key == "ArrowRight"
                        }
                        _ => return,
                    };
                    event.prevent_default();
                    state.dispatch(Event::Step(forward));
                },
            );
            move || drop(listener)
        });
    }

    let workspace = plan.workspace.clone();
    let Some(presented) = workspace.engagement(engagement) else {
        let on_stop = props.on_stop.clone();
        return html! {
            <section class="presenter" aria-label="Presenting">
                <p role="alert">{ "The engagement being presented is no longer in the plan. Undo brings it back." }</p>
                <button type="button" onclick={Callback::from(move |_| {
                    channel::keep_presenting(None);
                    on_stop.emit("The presentation has ended.".into())
                })}>{ "End presentation" }</button>
            </section>
        };
    };
    let items = state.agenda.clone();
    let stage = state.presenting.stage.clone();
    let at = stage.index(&items);
    let current = items.get(at).cloned();
    let next = items.get(at + 1).cloned();
    let session = state.presenting.session.clone();

    let on_prev = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Event::Step(false)))
    };
    let on_next = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Event::Step(true)))
    };
    let on_jump = {
        let state = state.clone();
        Callback::from(move |e: Event_| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(index) = select.value().parse() {
                state.dispatch(Event::Go(index));
            }
        })
    };
    let edit = |f: fn(&mut Stage, i64)| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let now = channel::now();
            state.dispatch(Event::Edit(Box::new(move |s| f(s, now))))
        })
    };
    let on_client = {
        let state = state.clone();
        Callback::from(move |e: Event_| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            state.dispatch(Event::Edit(Box::new(move |s| s.client_in_room = on)))
        })
    };
    let on_open = {
        let session = session.clone();
        let popup_blocked = popup_blocked.clone();
        Callback::from(move |_: MouseEvent| {
            popup_blocked.set(!open_audience(engagement, &session));
        })
    };
    let on_end = {
        let on_stop = props.on_stop.clone();
        let channel = channel.clone();
        let session = session.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(c) = channel.borrow().as_ref() {
                let _ = c.send(&Message::End {
                    session: session.clone(),
                });
            }
            channel::claim(engagement, None);
            channel::keep_presenting(None);
            on_stop.emit("The presentation has ended. The plan is as you left it.".into());
        })
    };
    let on_highlight = {
        let state = state.clone();
        Callback::from(move |highlight: Option<Highlight>| {
            state.dispatch(Event::Edit(Box::new(move |s| s.highlight = highlight)))
        })
    };
    // What is typed, kept as typed: the panel re-renders every second while the
    // audience window is there, and a field bound to a number would put back the last
    // valid one while the facilitator is between clearing it and typing.
    let minutes = use_state(|| "10".to_string());
    let minutes_error = use_state(|| None::<String>);
    let on_minutes = {
        let minutes = minutes.clone();
        let minutes_error = minutes_error.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            minutes.set(input.value());
            minutes_error.set(None);
        })
    };
    let on_start_countdown = {
        let state = state.clone();
        let minutes = minutes.clone();
        let minutes_error = minutes_error.clone();
        Callback::from(
            move |_: MouseEvent| match presenting::countdown_minutes(&minutes) {
                Ok(minutes) => {
                    let now = channel::now();
                    state.dispatch(Event::Edit(Box::new(move |s| {
                        s.countdown = Some(Countdown::start(minutes, now))
                    })))
                }
                Err(message) => minutes_error.set(Some(message)),
            },
        )
    };

    let position = format!("{} of {}", at + 1, items.len().max(1));
    let audience_status = if state.audience_there {
        "The audience window is showing this section."
    } else {
        "The audience window is not connected."
    };

    html! {
        <section class="presenter" aria-labelledby="presenter-title" data-testid="presenter">
            <div class="presenter-bar">
                <h2 id="presenter-title" class="presenter-title">
                    { "Presenting " }<span class="presenter-name">{ presented.name.clone() }</span>
                </h2>
                <button type="button" onclick={on_prev} disabled={at == 0} aria-keyshortcuts="PageUp">{ "Previous section" }</button>
                <label class="presenter-jump">
                    <span class="visually-hidden">{ "Go to section" }</span>
                    <select onchange={on_jump} aria-label="Go to section">
                        { for items.iter().enumerate().map(|(i, item)| html! {
                            <option value={i.to_string()} selected={i == at}>{ format!("{}. {}", i + 1, item.title) }</option>
                        }) }
                    </select>
                </label>
                <span class="presenter-position" aria-label={format!("Section {position}")}>{ position.clone() }</span>
                <button type="button" class="primary" onclick={on_next} disabled={at + 1 >= items.len()} aria-keyshortcuts="PageDown">{ "Next section" }</button>
                <SectionClock started={state.presenting.section_started} />
                <label class="presenter-switch">
                    <input type="checkbox" checked={stage.client_in_room} onchange={on_client} />
                    { " Client in the room" }
                </label>
                <span class={classes!("presenter-audience", (!state.audience_there).then_some("presenter-audience-off"))} role="status">
                    { audience_status }
                </span>
                if !state.audience_there {
                    <button type="button" onclick={on_open}>{ "Open audience window" }</button>
                }
                <button type="button" onclick={on_end}>{ "End presentation" }</button>
            </div>
            if *popup_blocked {
                <p class="presenter-blocked" role="alert">
                    { "The browser blocked the audience window. Allow pop-ups for this site, or open this address in a window on the projector: " }
                    <a href={audience_url(engagement, &session)} target="_blank" rel="noopener">{ "audience window" }</a>
                </p>
            }
            <details class="presenter-more">
                <summary>{ "Countdown, look here, notes and next up" }</summary>
                <div class="presenter-grid">
                    <div class="presenter-countdown" role="group" aria-label="Countdown">
                        if let Some(countdown) = stage.countdown {
                            <CountdownText {countdown} />
                            if countdown.is_running() {
                                <button type="button" onclick={edit(|s, now| s.countdown = s.countdown.map(|c| c.pause(now)))}>{ "Pause" }</button>
                            } else {
                                <button type="button" onclick={edit(|s, now| s.countdown = s.countdown.map(|c| c.resume(now)))}>{ "Resume" }</button>
                            }
                            <button type="button" onclick={edit(|s, now| s.countdown = s.countdown.map(|c| c.add(1, now)))} aria-label="Add 1 minute">{ "+1 min" }</button>
                            <button type="button" onclick={edit(|s, now| s.countdown = s.countdown.map(|c| c.add(5, now)))} aria-label="Add 5 minutes">{ "+5 min" }</button>
                            <button type="button" onclick={edit(|s, _| s.countdown = None)}>{ "Stop countdown" }</button>
                        } else {
                            <label>
                                { "Minutes " }
                                <input type="number" min="1" max={presenting::MAX_COUNTDOWN_MINUTES.to_string()} step="1"
                                    value={(*minutes).clone()} oninput={on_minutes} class="presenter-minutes"
                                    aria-invalid={minutes_error.is_some().then_some("true")}
                                    aria-describedby={minutes_error.is_some().then_some("presenter-minutes-error")} />
                            </label>
                            <button type="button" onclick={on_start_countdown}>{ "Start countdown" }</button>
                            if let Some(message) = &*minutes_error {
                                <p class="field-error presenter-minutes-error" id="presenter-minutes-error" role="alert">{ message.clone() }</p>
                            }
                        }
                    </div>
                    <LookHere workspace={workspace.clone()} {engagement} highlight={stage.highlight} on_change={on_highlight} />
                    if let Some(current) = &current {
                        <Notes {engagement} item={current.clone()} />
                    }
                    <div class="presenter-next">
                        <h3>{ match &next { Some(n) => format!("Next up: {}", n.title), None => "This is the last section.".into() } }</h3>
                        if let Some(next) = next {
                            <AudienceSection workspace={workspace.clone()} {engagement} item={next}
                                client_in_room={stage.client_in_room} preview=true />
                        }
                    </div>
                </div>
            </details>
        </section>
    }
}

type Event_ = yew::events::Event;

/// Marks when a `Show` left this window, for the benchmark of an edit reaching the
/// projector.
fn mark_sent(seq: u64) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.set_attribute("data-presenter-seq", &seq.to_string());
    }
}

/// Whether a key pressed here belongs to a text field (or a select, whose arrows and
/// paging choose an option).
fn in_text_field(target: Option<&web_sys::Element>) -> bool {
    let Some(el) = target else { return false };
    let editable = el
        .dyn_ref::<web_sys::HtmlElement>()
        .is_some_and(|h| h.is_content_editable());
    let tag = el.tag_name().to_lowercase();
    editable
        || tag == "textarea"
        || tag == "select"
        || (tag == "input"
            && crate::view::keys::has_own_undo(
                "input",
                el.get_attribute("type").as_deref(),
                false,
                false,
            ))
}

/// The arrow keys step the presentation only when the focus is on the page itself or
/// on a button of the panel: everywhere else (the board, fields, menus) they move.
fn arrows_free(target: Option<&web_sys::Element>) -> bool {
    let Some(el) = target else { return true };
    let tag = el.tag_name().to_lowercase();
    if tag == "body" || tag == "html" {
        return true;
    }
    tag == "button" && el.closest(".presenter").ok().flatten().is_some()
}

#[derive(Properties, PartialEq)]
struct SectionClockProps {
    started: i64,
}

/// How long the room has been on this section, ticking on its own.
#[component]
fn SectionClock(props: &SectionClockProps) -> Html {
    let now = use_state(channel::now);
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            let tick = Interval::new(1_000, move || now.set(channel::now()));
            move || drop(tick)
        });
    }
    let elapsed = clock(*now - props.started);
    html! {
        <span class="presenter-clock" role="timer" aria-label={format!("Time on this section: {elapsed}")}>
            { format!("On this section {elapsed}") }
        </span>
    }
}

#[derive(Properties, PartialEq)]
struct CountdownTextProps {
    countdown: Countdown,
}

#[component]
fn CountdownText(props: &CountdownTextProps) -> Html {
    let now = use_state(channel::now);
    {
        let now = now.clone();
        use_effect_with(props.countdown, move |countdown| {
            now.set(channel::now());
            let tick = countdown
                .is_running()
                .then(|| Interval::new(500, move || now.set(channel::now())));
            move || drop(tick)
        });
    }
    let up = props.countdown.left(*now) <= 0;
    html! {
        <span class={classes!("presenter-countdown-text", up.then_some("presenter-countdown-up"))} role="timer">
            { props.countdown.describe(*now) }
        </span>
    }
}

#[derive(Properties, PartialEq)]
struct LookHereProps {
    workspace: Rc<Workspace>,
    engagement: EngagementId,
    highlight: Option<Highlight>,
    on_change: Callback<Option<Highlight>>,
}

/// Points the room at a function, or at one person's part in it.
#[component]
fn LookHere(props: &LookHereProps) -> Html {
    let Some(engagement) = props.workspace.engagement(props.engagement) else {
        return html! {};
    };
    let (function, person) = match props.highlight {
        Some(Highlight::Function(f)) => (Some(f), None),
        Some(Highlight::Cell { function, person }) => (Some(function), Some(person)),
        None => (None, None),
    };
    let people: Vec<(PersonId, String)> = engagement
        .participants()
        .into_iter()
        .filter_map(|id| props.workspace.person(id).map(|p| (id, p.name.clone())))
        .collect();
    let on_function = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event_| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            on_change.emit(
                value
                    .parse()
                    .ok()
                    .map(|n| Highlight::Function(FunctionId(n))),
            );
        })
    };
    let on_person = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event_| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(function) = function {
                on_change.emit(Some(match value.parse().ok().map(PersonId) {
                    Some(person) => Highlight::Cell { function, person },
                    None => Highlight::Function(function),
                }));
            }
        })
    };
    let on_clear = {
        let on_change = props.on_change.clone();
        Callback::from(move |_: MouseEvent| on_change.emit(None))
    };
    html! {
        <div class="presenter-look" role="group" aria-label="Look here">
            <label>
                { "Point the room to " }
                <select onchange={on_function}>
                    <option value="" selected={function.is_none()}>{ "nothing" }</option>
                    { for engagement.functions.iter().map(|f| html! {
                        <option value={f.id.0.to_string()} selected={function == Some(f.id)}>{ f.name.clone() }</option>
                    }) }
                </select>
            </label>
            if function.is_some() {
                <label>
                    { "and " }
                    <select onchange={on_person}>
                        <option value="" selected={person.is_none()}>{ "the whole row" }</option>
                        { for people.iter().map(|(id, name)| html! {
                            <option value={id.0.to_string()} selected={person == Some(*id)}>{ name.clone() }</option>
                        }) }
                    </select>
                </label>
                <button type="button" onclick={on_clear}>{ "Stop pointing" }</button>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct NotesProps {
    engagement: EngagementId,
    item: AgendaItem,
}

/// The facilitator's notes for the current section: kept in this browser, never sent
/// to the audience window or saved in the plan.
#[component]
fn Notes(props: &NotesProps) -> Html {
    let engagement = props.engagement;
    let notes = use_mut_ref(|| channel::read_notes(engagement));
    let key = section_key(props.item.kind);
    let text = notes.borrow().get(&key).cloned().unwrap_or_default();
    let problem = use_state(|| None::<String>);
    let oninput = {
        let notes = notes.clone();
        let problem = problem.clone();
        let key = key.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            let mut all = notes.borrow_mut();
            all.insert(key.clone(), value);
            let result = channel::write_notes(engagement, &all);
            problem.set(result.err().map(|reason| {
                format!("Your notes could not be kept in this browser ({reason}); copy them somewhere safe.")
            }));
        })
    };
    let id = format!("presenter-notes-{key}");
    html! {
        <div class="presenter-notes">
            <label for={id.clone()}>{ format!("Your notes on “{}” (only you see these)", props.item.kind.title()) }</label>
            <textarea id={id} rows="3" value={text} {oninput} />
            if let Some(problem) = &*problem {
                <p class="field-error" role="alert">{ problem.clone() }</p>
            }
        </div>
    }
}
