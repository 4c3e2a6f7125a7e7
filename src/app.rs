//! The application root: the one reducer over the plan's history, the plan context,
//! the save effect, routing between views, and the notices that keep data safe.
//!
//! The reducer only applies actions to the history. Saving, downloading and reading
//! files happen in effects and callbacks here, at the edge, through `storage::browser`.

use crate::components::banners::{ImportOffer, Notices, SaveLine, SaveState};
use crate::components::charter::CharterView;
use crate::components::compare::{CompareFile, CompareView, Taken};
use crate::components::context::{Plan, Target};
use crate::components::header::Header;
use crate::components::offline::{use_launch_files, StorageLine, UpdateNotice};
use crate::components::present::audience::AudienceApp;
use crate::components::present::facilitator::{open_audience, Presenter};
use crate::components::share::use_plan_links;
use crate::components::views::ViewSwitch;
use crate::model::assessment::View;
use crate::model::{Action, Comparison, EngagementId, History, ModelError, Workspace};
use crate::route::Route;
use crate::storage;
use crate::storage::browser::{self, SaveError, Saver, StorageNotice};
use crate::storage::channel::{self, Claim};
use crate::view::keys::{self, Shortcut};
use crate::view::present::{agenda, client_in_room_default};
use crate::view::presenting::{self, Presenting, Stage};
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How long after a change the plan is saved (DESIGN.md: Excalidraw waits 300 ms).
const SAVE_DELAY_MS: u32 = 300;

/// The app's state: the plan's history and what the user is looking at.
#[derive(Clone, PartialEq)]
pub struct AppState {
    pub history: History,
    pub selected: Option<EngagementId>,
    pub view: View,
    /// An element to focus once the view has rendered.
    pub focus: Option<String>,
    /// The last refused action's message, shown until the next change or dismissal.
    pub error: Option<String>,
    /// A short status announced politely (also shown on screen).
    pub status: Option<String>,
    /// The status offers an Undo button (after a deletion).
    pub offer_undo: bool,
    /// Bumped on every navigation so the focus effect runs again.
    pub nav_seq: u32,
    /// The last message was an action that `apply` refused.
    pub last_refused: bool,
}

/// Where the reducer puts what `apply` answered to a [`Msg::Try`].
pub type Reply = Rc<RefCell<Option<Result<(), ModelError>>>>;

/// Where the reducer puts what taking a comparison's changes answered ([`Msg::Take`]).
pub type TakeReply = Rc<RefCell<Option<Taken>>>;

/// Everything that changes the app's state.
pub enum Msg {
    Do(Action),
    /// Applies an action and puts the model's answer in the reply; a refusal is the
    /// sender's to show (beside the field that made the edit), not the app's.
    Try(Action, Reply),
    /// Applies an action and says so in the status line when it worked.
    DoAnnounced(Action, String),
    /// Like `DoAnnounced`, with an Undo button beside the message (deletions).
    DoWithUndo(Action, String),
    /// Takes the chosen changes of a comparison (indices into its changes) as one
    /// undoable step, and puts what was taken or refused, and why, in the reply.
    Take(Rc<Comparison>, Vec<usize>, TakeReply),
    ShowError(String),
    Undo,
    Redo,
    Select(EngagementId),
    Go(Target),
    Announce(String),
    DismissError,
}

impl AppState {
    fn new(workspace: Workspace, route: Route) -> AppState {
        let mut state = AppState {
            history: History::new(workspace),
            selected: route.engagement,
            view: route.view,
            focus: None,
            error: None,
            status: None,
            offer_undo: false,
            nav_seq: 0,
            last_refused: false,
        };
        state.fix_selection();
        state
    }

    /// Keeps the selection on an engagement that exists: after a delete, an undo or an
    /// import the selected one may be gone.
    fn fix_selection(&mut self) {
        let w = self.history.present();
        let valid = self.selected.is_some_and(|id| w.engagement(id).is_some());
        if !valid {
            self.selected = w.engagements.first().map(|e| e.id);
        }
    }

    fn workspace(&self) -> Rc<Workspace> {
        self.history.present_rc()
    }
}

impl Reducible for AppState {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        // Moving between views or engagements keeps the offer to undo a deletion (deleting
        // the selected engagement moves the address, which selects another).
        if !matches!(msg, Msg::Select(_) | Msg::Go(_)) {
            next.offer_undo = false;
        }
        next.last_refused = false;
        match msg {
            Msg::Do(action) => {
                if let Err(err) = apply(&mut next, action, None) {
                    next.error = Some(err.to_string());
                }
            }
            Msg::Try(action, reply) => {
                let result = apply(&mut next, action, None);
                *reply.borrow_mut() = Some(result);
            }
            Msg::DoAnnounced(action, message) => {
                if let Err(err) = apply(&mut next, action, Some(message)) {
                    next.error = Some(err.to_string());
                }
            }
            Msg::DoWithUndo(action, message) => {
                if let Err(err) = apply(&mut next, action, Some(message)) {
                    next.error = Some(err.to_string());
                }
                next.offer_undo = next.error.is_none();
            }
            Msg::Take(comparison, chosen, reply) => {
                let results = comparison.take(&mut next.history, &chosen);
                next.error = None;
                *reply.borrow_mut() = Some(results);
            }
            Msg::ShowError(message) => next.error = Some(message),
            Msg::Undo => {
                next.status = Some(if next.history.undo() {
                    "Undone.".into()
                } else {
                    "Nothing to undo.".into()
                });
                next.error = None;
            }
            Msg::Redo => {
                next.status = Some(if next.history.redo() {
                    "Redone.".into()
                } else {
                    "Nothing to redo.".into()
                });
                next.error = None;
            }
            Msg::Select(id) => next.selected = Some(id),
            Msg::Go(target) => {
                next.view = target.view;
                next.focus = target.focus;
                next.nav_seq = next.nav_seq.wrapping_add(1);
            }
            // An announcement made in the same gesture as a refused action is dropped,
            // so the status never claims what was refused.
            Msg::Announce(message) if !self.last_refused => next.status = Some(message),
            Msg::Announce(_) => {}
            Msg::DismissError => next.error = None,
        }
        next.fix_selection();
        Rc::new(next)
    }
}

/// Applies an action through the history (the one place the plan changes) and
/// returns the model's answer.
fn apply(state: &mut AppState, action: Action, announce: Option<String>) -> Result<(), ModelError> {
    let created = matches!(
        action,
        Action::CreateEngagement { .. }
            | Action::DuplicateEngagement { .. }
            | Action::ImportEngagements { .. }
    );
    let before: Vec<EngagementId> = state
        .history
        .present()
        .engagements
        .iter()
        .map(|e| e.id)
        .collect();
    let result = state.history.apply(action);
    match &result {
        Ok(()) => {
            state.error = None;
            if announce.is_some() {
                state.status = announce;
            }
            if created {
                // Select the engagement the action added.
                let added = state
                    .history
                    .present()
                    .engagements
                    .iter()
                    .map(|e| e.id)
                    .find(|id| !before.contains(id));
                if added.is_some() {
                    state.selected = added;
                }
            }
        }
        Err(_) => {
            // Whatever was announced for this gesture did not happen.
            state.status = None;
            state.last_refused = true;
        }
    }
    result
}

fn current_hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// The app's one component: owns the state and every effect at the edge.
#[component]
pub fn App() -> Html {
    // Storage is read once, before the first render.
    let startup = use_memo((), |_| RefCell::new(Some(browser::load())));
    let initial_notice = use_state(|| startup.borrow().as_ref().and_then(|s| s.notice.clone()));
    let saver = use_mut_ref(|| {
        startup
            .borrow()
            .as_ref()
            .map(Saver::from_startup)
            .unwrap_or_default()
    });
    let state = use_reducer(|| {
        let workspace = startup
            .borrow_mut()
            .as_mut()
            .map(|s| std::mem::take(&mut s.workspace))
            .unwrap_or_default();
        let start = Route::at_start(&current_hash(), workspace.engagements.len());
        AppState::new(workspace, start)
    });
    let save_state = use_state(|| SaveState::Saved);
    // The workspace last written to storage (at first, the one read from it).
    let last_saved = use_mut_ref(|| state.workspace());
    let pending: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let import_offer = use_state(|| None::<Rc<ImportOffer>>);
    // A plan in a shared link (`#plan=…`) is offered like a file; before the address effect.
    use_plan_links(
        Route {
            view: state.view,
            engagement: state.selected,
        },
        {
            let offer = import_offer.clone();
            Callback::from(move |o| offer.set(o))
        },
        {
            let d = state.dispatcher();
            Callback::from(move |m| d.dispatch(Msg::ShowError(m)))
        },
    );
    let other_tab = use_state(|| false);
    // This window presents (kept across a reload of the tab), and the offer to take a
    // presentation over from another window.
    let presenting = use_state(|| {
        channel::kept_presenting()
            .filter(|p| state.history.present().engagement(p.engagement).is_some())
    });
    let took_over_from = use_state(|| None::<String>);
    let takeover_offer = use_state(|| None::<(EngagementId, Claim)>);
    // Saving waits while an unreadable saved plan has not been secured elsewhere.
    let save_blocked = matches!(
        &*initial_notice,
        Some(StorageNotice::Quarantined { kept: false, .. })
    );

    // The context's callbacks are made once, so that a change of app state that leaves
    // the workspace alone (a save finishing) does not re-render every view.
    let dispatcher = state.dispatcher();
    let dispatch = {
        let d = dispatcher.clone();
        use_callback((), move |action: Action, _| d.dispatch(Msg::Do(action)))
    };
    let try_apply = {
        let d = dispatcher.clone();
        use_callback((), move |action: Action, _| {
            let reply: Reply = Rc::default();
            d.dispatch(Msg::Try(action, reply.clone()));
            // Yew's `use_reducer` runs the reducer inside `dispatch` (only the render
            // waits for the scheduler), so the answer is there now; the browser tests
            // of refused edits would fail if a Yew upgrade changed that.
            let answer = reply.borrow_mut().take();
            answer.expect("the reducer answers inside dispatch")
        })
    };
    let navigate = {
        let d = dispatcher.clone();
        use_callback((), move |target: Target, _| d.dispatch(Msg::Go(target)))
    };
    let announce = {
        let d = dispatcher.clone();
        use_callback((), move |message: String, _| {
            d.dispatch(Msg::Announce(message))
        })
    };

    // Save shortly after every change of the workspace.
    {
        let saver = saver.clone();
        let pending = pending.clone();
        let save_state = save_state.clone();
        let last_saved = last_saved.clone();
        use_effect_with(
            (state.workspace(), save_blocked, *other_tab),
            move |(workspace, blocked, other_tab)| {
                let workspace = workspace.clone();
                let unchanged = Rc::ptr_eq(&last_saved.borrow(), &workspace);
                if let Some(timeout) = pending.borrow_mut().take() {
                    timeout.cancel();
                }
                if *other_tab {
                    // Storage holds another tab's version now: say so until the user chooses.
                    save_state.set(SaveState::Failed(SaveError::Conflict));
                } else if unchanged {
                    // Back at what is stored (an undo and a redo in quick succession).
                    save_state.set(SaveState::Saved);
                } else if *blocked {
                    save_state.set(SaveState::Failed(SaveError::UnreadableNotKept));
                } else {
                    save_state.set(SaveState::Pending);
                    let pending_inner = pending.clone();
                    let timeout = Timeout::new(SAVE_DELAY_MS, move || {
                        pending_inner.borrow_mut().take();
                        let _ = save_now(&saver, &last_saved, &workspace, &save_state);
                    });
                    *pending.borrow_mut() = Some(timeout);
                }
            },
        );
    }

    // Save at once when the page is hidden or left.
    {
        let saver = saver.clone();
        let pending = pending.clone();
        let save_state = save_state.clone();
        let state = state.clone();
        let last_saved = last_saved.clone();
        use_effect_with((), move |_| {
            let flush = Rc::new(move || {
                let timeout = pending.borrow_mut().take();
                if let Some(timeout) = timeout {
                    timeout.cancel();
                    let _ = save_now(&saver, &last_saved, &state.workspace(), &save_state);
                }
            });
            let window = gloo::utils::window();
            let on_hide = {
                let flush = flush.clone();
                EventListener::new(&window, "pagehide", move |_| flush())
            };
            let on_visibility =
                EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
                    if gloo::utils::document().visibility_state()
                        == web_sys::VisibilityState::Hidden
                    {
                        flush();
                    }
                });
            move || drop((on_hide, on_visibility))
        });
    }

    // Notice when another tab saves this plan.
    {
        let other_tab = other_tab.clone();
        use_effect_with((), move |_| {
            let listener = browser::watch_other_tabs(move || other_tab.set(true));
            move || drop(listener)
        });
    }

    // Follow the address: back/forward and typed links move between views.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                if crate::storage::link::plan_fragment(&current_hash()).is_some() {
                    return; // A shared plan, not a view: `use_plan_links` reads it.
                }
                let route = Route::parse(&current_hash());
                if let Some(id) = route.engagement {
                    state.dispatch(Msg::Select(id));
                }
                state.dispatch(Msg::Go(Target::view(route.view)));
            });
            move || drop(listener)
        });
    }

    // Keep the address in step with the view and the selected engagement.
    use_effect_with((state.view, state.selected), |(view, selected)| {
        let hash = Route {
            view: *view,
            engagement: *selected,
        }
        .to_hash();
        if current_hash() != hash {
            let _ = gloo::utils::window().location().set_hash(&hash);
        }
    });

    // Focus what a link asked for, once its view has rendered.
    use_effect_with((state.nav_seq, state.focus.clone()), |(_, focus)| {
        if let Some(id) = focus {
            if let Some(el) = gloo::utils::document().get_element_by_id(id) {
                el.scroll_into_view();
                if let Ok(html) = el.dyn_into::<web_sys::HtmlElement>() {
                    if html.get_attribute("tabindex").is_none() {
                        let _ = html.set_attribute("tabindex", "-1");
                    }
                    let _ = html.focus();
                }
            }
        }
    });

    // Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z and Ctrl/Cmd+Y redo, except in a field with its
    // own text undo (`keys::has_own_undo`). The listener is not passive, so that it can
    // keep the browser from also undoing: gloo's listeners are passive unless told.
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
                    let command = event.ctrl_key() || event.meta_key();
                    let Some(shortcut) = keys::shortcut(&event.key(), command, event.shift_key())
                    else {
                        return;
                    };
                    if has_own_undo(event) {
                        return;
                    }
                    event.prevent_default();
                    state.dispatch(match shortcut {
                        Shortcut::Undo => Msg::Undo,
                        Shortcut::Redo => Msg::Redo,
                    });
                },
            );
            move || drop(listener)
        });
    }

    // A performance mark for the render benchmark.
    use_effect_with((), |_| {
        if let Some(performance) = gloo::utils::window().performance() {
            let _ = performance.mark("ep-first-render");
        }
    });

    let plan = Plan {
        workspace: state.workspace(),
        engagement: state.selected,
        dispatch,
        try_apply,
        navigate,
        announce,
    };

    let on_undo = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Msg::Undo))
    };
    let on_redo = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Msg::Redo))
    };
    let on_select = {
        let state = state.clone();
        Callback::from(move |id: EngagementId| state.dispatch(Msg::Select(id)))
    };
    let on_announced = {
        let state = state.clone();
        Callback::from(move |(action, message): (Action, String)| {
            state.dispatch(Msg::DoAnnounced(action, message))
        })
    };
    let on_import_offer = {
        let import_offer = import_offer.clone();
        Callback::from(move |offer: Option<Rc<ImportOffer>>| import_offer.set(offer))
    };
    let on_dismiss_error = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Msg::DismissError))
    };
    let on_error = {
        let state = state.clone();
        Callback::from(move |message: String| state.dispatch(Msg::ShowError(message)))
    };
    let on_deleted = {
        let state = state.clone();
        Callback::from(move |(action, message): (Action, String)| {
            state.dispatch(Msg::DoWithUndo(action, message))
        })
    };
    let on_dismiss_notice = {
        let initial_notice = initial_notice.clone();
        let saver = saver.clone();
        Callback::from(move |_| {
            // The user has had the unreadable plan offered (and downloaded it, where it
            // could not be kept aside): saving may now replace it.
            saver.borrow_mut().release_unreadable();
            initial_notice.set(None);
        })
    };
    let on_load_other_tab = {
        let state = state.clone();
        let saver = saver.clone();
        let other_tab = other_tab.clone();
        let save_state = save_state.clone();
        Callback::from(move |_| match saver.borrow_mut().reload_from_storage() {
            Ok((workspace, _revision)) => {
                // Loading the other tab's version is one undoable step: undo brings
                // this tab's version back.
                state.dispatch(Msg::DoAnnounced(
                    Action::ReplaceWorkspace { with: workspace },
                    "Loaded the version saved in the other tab. Undo brings yours back.".into(),
                ));
                other_tab.set(false);
                save_state.set(SaveState::Saved);
            }
            Err(err) => state.dispatch(Msg::Announce(format!(
                "The other tab's version could not be read: {err}"
            ))),
        })
    };
    let on_keep_mine = {
        let state = state.clone();
        let saver = saver.clone();
        let other_tab = other_tab.clone();
        let save_state = save_state.clone();
        let last_saved = last_saved.clone();
        Callback::from(move |_| {
            let workspace = state.workspace();
            let result = saver.borrow_mut().force_save(&workspace);
            if result.is_ok() {
                *last_saved.borrow_mut() = workspace;
            }
            save_state.set(save_result(result));
            other_tab.set(false);
        })
    };
    // Before reloading into a new version: save now, and say why if that fails.
    let on_save_for_update = {
        let state = state.clone();
        let saver = saver.clone();
        let pending = pending.clone();
        let save_state = save_state.clone();
        let last_saved = last_saved.clone();
        Callback::from(move |()| {
            if let Some(timeout) = pending.borrow_mut().take() {
                timeout.cancel();
            }
            let workspace = state.workspace();
            if Rc::ptr_eq(&last_saved.borrow(), &workspace) && *save_state == SaveState::Saved {
                return Ok(());
            }
            save_now(&saver, &last_saved, &workspace, &save_state).map_err(|err| err.to_string())
        })
    };
    use_launch_files(on_import_offer.clone(), on_error.clone());
    let on_retry_save = {
        let state = state.clone();
        let saver = saver.clone();
        let save_state = save_state.clone();
        let last_saved = last_saved.clone();
        Callback::from(move |_| {
            let _ = save_now(&saver, &last_saved, &state.workspace(), &save_state);
        })
    };
    let on_present = {
        let state = state.clone();
        let presenting = presenting.clone();
        let takeover_offer = takeover_offer.clone();
        let took_over_from = took_over_from.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(engagement) = state.selected else {
                return;
            };
            if let Some(claim) = channel::live_claim(engagement, None) {
                takeover_offer.set(Some((engagement, claim)));
                return;
            }
            let workspace = state.workspace();
            let Some(e) = workspace.engagement(engagement) else {
                return;
            };
            let items = agenda(&workspace, engagement);
            let session = channel::new_session();
            let stage = Stage::start(&items, client_in_room_default(e));
            // The window opens in this click, or the browser blocks it.
            let opened = open_audience(engagement, &session);
            took_over_from.set(None);
            presenting.set(Some(Presenting {
                session,
                engagement,
                stage,
                section_started: channel::now(),
            }));
            state.dispatch(Msg::Announce(if opened {
                "Presenting: the audience window is open. Move it to the projector and choose Full screen there.".into()
            } else {
                "Presenting, but the browser blocked the audience window: choose “Open audience window” below, or allow pop-ups for this site.".into()
            }));
        })
    };
    let on_take_over = {
        let presenting = presenting.clone();
        let takeover_offer = takeover_offer.clone();
        let took_over_from = took_over_from.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some((engagement, claim)) = (*takeover_offer).clone() {
                took_over_from.set(Some(claim.session.clone()));
                presenting.set(Some(Presenting {
                    session: channel::new_session(),
                    engagement,
                    stage: claim.stage,
                    section_started: channel::now(),
                }));
            }
            takeover_offer.set(None);
        })
    };
    let on_stop_presenting = {
        let presenting = presenting.clone();
        let state = state.clone();
        Callback::from(move |message: String| {
            presenting.set(None);
            state.dispatch(Msg::Announce(message));
        })
    };
    // The printable charter, shown in place of the view until "Back to the plan" or a
    // move to another view.
    let charter_open = use_state(|| false);
    {
        let charter_open = charter_open.clone();
        use_effect_with(state.nav_seq, move |_| charter_open.set(false));
    }
    // A plan file compared with the current engagement, shown in place of the view
    // like the charter.
    let compare_open = use_state(|| None::<Rc<CompareFile>>);
    {
        let compare_open = compare_open.clone();
        use_effect_with(state.nav_seq, move |_| compare_open.set(None));
    }
    let on_charter = {
        let charter_open = charter_open.clone();
        let compare_open = compare_open.clone();
        Callback::from(move |_: MouseEvent| {
            compare_open.set(None);
            charter_open.set(true)
        })
    };
    let on_compare = {
        let compare_open = compare_open.clone();
        let charter_open = charter_open.clone();
        Callback::from(
            move |(file_name, document): (String, storage::LoadedDocument)| {
                charter_open.set(false);
                // The copy the file was based on tells who made each change only when
                // it was sent from here: this plan is a later version of it too.
                let (base, no_base) = match (document.base, document.base_note) {
                    (Some(base), _) if storage::sent::was_sent_here(&base.revision) => {
                        (Some(base.workspace), String::new())
                    }
                    (Some(_), _) => (None, crate::components::compare::NOT_SENT_HERE.to_string()),
                    (None, Some(note)) => (None, note),
                    (None, None) => (None, crate::components::compare::NO_BASE.to_string()),
                };
                compare_open.set(Some(Rc::new(CompareFile {
                    file_name,
                    workspace: document.workspace,
                    base,
                    no_base,
                })));
            },
        )
    };
    let on_take = {
        let d = dispatcher.clone();
        use_callback(
            (),
            move |(comparison, chosen): (Rc<Comparison>, Vec<usize>), _| {
                let reply: TakeReply = Rc::default();
                d.dispatch(Msg::Take(comparison, chosen, reply.clone()));
                // The reducer runs inside `dispatch`, as for `try_apply`.
                let answer = reply.borrow_mut().take();
                answer.expect("the reducer answers inside dispatch")
            },
        )
    };
    let status_empty = state.status.as_deref().unwrap_or_default().is_empty()
        && !(state.offer_undo && state.history.can_undo());

    html! {
        <ContextProvider<Plan> context={plan.clone()}>
            <Header
                can_undo={state.history.can_undo()} can_redo={state.history.can_redo()}
                on_undo={on_undo.clone()} {on_redo} on_select={on_select.clone()} on_action={on_announced} {on_deleted}
                on_import_offer={on_import_offer.clone()} on_error={on_error.clone()} view={state.view}
                {on_present} presenting={presenting.is_some()}
                {on_charter} on_compare={on_compare.clone()} />
            <Notices
                error={state.error.clone()} {on_dismiss_error}
                save_state={(*save_state).clone()} {on_retry_save}
                notice={(*initial_notice).clone()} {on_dismiss_notice}
                other_tab={*other_tab} {on_load_other_tab} {on_keep_mine}
                import_offer={(*import_offer).clone()} {on_import_offer}
                on_compare={state.selected.map(|_| on_compare)} />
            <UpdateNotice on_save={on_save_for_update} />
            if takeover_offer.is_some() {
                <div class="notice notice-warning" role="alert" data-testid="takeover-offer">
                    <p>{ "This engagement is being presented from another window right now. Presenting from here as well would leave two windows steering one audience window, so this window takes over instead: the audience window follows it, and the other window stops presenting." }</p>
                    <button type="button" onclick={on_take_over}>{ "Present from this window instead" }</button>
                    <button type="button" onclick={let o = takeover_offer.clone(); move |_| o.set(None)}>{ "Cancel" }</button>
                </div>
            }
            <main id="main" tabindex="-1">
                if let (Some(file), Some(engagement)) = ((*compare_open).clone(), state.selected) {
                    // Another engagement or another file starts afresh (the engagement of
                    // the file chosen, the changes ticked); a new file is a new allocation.
                    <CompareView key={format!("{engagement}:{:p}", Rc::as_ptr(&file))} {engagement} file={file.clone()} {on_take} on_back={let c = compare_open.clone(); move |_| c.set(None)} />
                } else if let (true, Some(engagement)) = (*charter_open, state.selected) {
                    <CharterView {engagement} on_back={let c = charter_open.clone(); move |_| c.set(false)} />
                } else {
                    <ViewSwitch view={state.view} />
                }
            </main>
            if let Some(p) = &*presenting {
                <Presenter key={p.session.clone()} initial={p.clone()} took_over_from={(*took_over_from).clone()}
                    on_stop={on_stop_presenting} {on_select} />
            }
            // The status bar is the last row of the page's layout (style/main.css): it has
            // a place of its own, so no message ever covers a control.
            <footer class="status-bar" aria-label="Status">
                <div class={classes!("status", status_empty.then_some("status-empty"))}
                    role="status" aria-live="polite" data-testid="status">
                    <span class="status-text">{ state.status.clone().unwrap_or_default() }</span>
                    if state.offer_undo && state.history.can_undo() {
                        <button type="button" class="link-button" onclick={on_undo}>{ "Undo" }</button>
                    }
                </div>
                <SaveLine save_state={(*save_state).clone()} />
                <StorageLine />
            </footer>
        </ContextProvider<Plan>>
    }
}

/// Saves `workspace` now and shows the outcome in the status bar; the outcome is also
/// returned, for a caller that acts on it (Reload to update reloads only after a save).
fn save_now(
    saver: &Rc<RefCell<Saver>>,
    last_saved: &Rc<RefCell<Rc<Workspace>>>,
    workspace: &Rc<Workspace>,
    save_state: &UseStateHandle<SaveState>,
) -> Result<(), SaveError> {
    let result = saver.borrow_mut().save(workspace);
    if result.is_ok() {
        *last_saved.borrow_mut() = workspace.clone();
    }
    save_state.set(save_result(result.clone()));
    result
}

fn save_result(result: Result<(), SaveError>) -> SaveState {
    match result {
        Ok(()) => SaveState::Saved,
        Err(err) => SaveState::Failed(err),
    }
}

/// Whether the key was pressed in a field that undoes its own typing.
fn has_own_undo(event: &web_sys::KeyboardEvent) -> bool {
    let Some(target) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    let editable = target
        .dyn_ref::<web_sys::HtmlElement>()
        .is_some_and(|el| el.is_content_editable());
    keys::has_own_undo(
        &target.tag_name(),
        target.get_attribute("type").as_deref(),
        target.has_attribute("readonly"),
        editable,
    )
}

/// Mounts the app into the page: the audience window of a presentation when the
/// address names one, the planner otherwise.
pub fn start() {
    // For the first-paint benchmark: the wasm is downloaded, compiled and running.
    if let Some(performance) = gloo::utils::window().performance() {
        let _ = performance.mark("ep-start");
    }
    match presenting::parse_audience_hash(&current_hash()) {
        Some((engagement, session)) => {
            let props = crate::components::present::audience::AudienceAppProps {
                engagement,
                session,
            };
            yew::Renderer::<AudienceApp>::with_props(props).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}
