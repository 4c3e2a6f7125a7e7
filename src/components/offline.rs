//! Offline and installable, as the user sees it: the notice that a new version is ready
//! (its Reload saves the plan first and never reloads over unsaved changes), the status
//! bar's line on keeping plans safe (persistent storage, the last export), and files an
//! installed app is asked to open, offered for import like a chosen file. The browser side
//! is `storage::offline`; the words are `view::offline`'s.

use super::banners::ImportOffer;
use super::header::read_import;
use crate::storage::offline;
use crate::view::offline::{
    export_overdue, exported_words, offer_persist, persistence_words, update_blocked_words,
    Persistence, UPDATE_READY,
};
use gloo::events::EventListener;
use std::rc::Rc;
use web_sys::ServiceWorker;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct UpdateNoticeProps {
    /// Saves the plan now; the error says why it could not be saved.
    pub on_save: Callback<(), Result<(), String>>,
}

/// Registers the service worker and, when a new version is installed and waiting, offers
/// to reload into it.
#[component]
pub fn UpdateNotice(props: &UpdateNoticeProps) -> Html {
    let waiting = use_state(|| None::<ServiceWorker>);
    let blocked = use_state(|| None::<String>);
    let reloading = use_state(|| false);
    {
        let waiting = waiting.clone();
        use_effect_with((), move |_| {
            let registered = offline::register(move |worker| waiting.set(Some(worker)));
            // A tab left open for days looks for a new version whenever it is shown again.
            let listener = registered.then(|| {
                EventListener::new(&gloo::utils::document(), "visibilitychange", |_| {
                    if gloo::utils::document().visibility_state()
                        == web_sys::VisibilityState::Visible
                    {
                        offline::check_for_update();
                    }
                })
            });
            move || drop(listener)
        });
    }
    let Some(worker) = (*waiting).clone() else {
        return Html::default();
    };
    let on_reload = {
        let on_save = props.on_save.clone();
        let blocked = blocked.clone();
        let reloading = reloading.clone();
        Callback::from(move |_: MouseEvent| match on_save.emit(()) {
            Ok(()) => {
                blocked.set(None);
                reloading.set(true);
                offline::activate(&worker);
            }
            Err(why) => blocked.set(Some(update_blocked_words(&why))),
        })
    };
    html! {
        <section class="notices offline-notices" aria-label="New version">
            <div class="notice notice-info offline-update" role="status" data-testid="update-ready">
                <p>{ UPDATE_READY }</p>
                <button type="button" class="primary" onclick={on_reload} disabled={*reloading}>
                    { if *reloading { "Reloading…" } else { "Reload" } }
                </button>
                if let Some(why) = &*blocked {
                    <p class="offline-update-blocked" role="alert">{ why }</p>
                }
            </div>
        </section>
    }
}

/// The status bar's line on keeping plans safe: whether the browser keeps this storage
/// (with "Keep my plans" to ask it, once) and when the plan was last exported.
#[component]
pub fn StorageLine() -> Html {
    let persistence = use_state(|| Persistence::Unknown);
    let exported = use_state(offline::last_exported);
    {
        let persistence = persistence.clone();
        let exported = exported.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                persistence.set(match offline::persisted().await {
                    Some(true) => Persistence::Persisted,
                    Some(false) => Persistence::BestEffort,
                    None => Persistence::Unknown,
                });
            });
            let listener =
                EventListener::new(&gloo::utils::window(), offline::EXPORTED_EVENT, move |_| {
                    exported.set(offline::last_exported())
                });
            move || drop(listener)
        });
    }
    let on_keep = {
        let persistence = persistence.clone();
        Callback::from(move |_: MouseEvent| {
            let persistence = persistence.clone();
            yew::platform::spawn_local(async move {
                persistence.set(match offline::persist().await {
                    Some(true) => Persistence::Persisted,
                    Some(false) => Persistence::Refused,
                    None => Persistence::Unknown,
                });
            });
        })
    };
    let today = offline::today();
    let overdue = export_overdue(*exported, today);
    html! {
        <div class="storage-line" data-testid="storage-state">
            if let Some(words) = persistence_words(*persistence) {
                <p class="storage-line-persistence">
                    { words }
                    if offer_persist(*persistence) {
                        { " " }
                        <button type="button" class="link-button" onclick={on_keep}
                            title="Ask the browser never to clear the plans kept here">{ "Keep my plans" }</button>
                    }
                </p>
            }
            <p class={classes!("storage-line-export", overdue.then_some("storage-line-overdue"))}>
                { exported_words(*exported, today) }
            </p>
        </div>
    }
}

/// Offers every file the installed app is asked to open (from the system's "Open with")
/// for import, the way a chosen file is.
#[hook]
pub fn use_launch_files(on_offer: Callback<Option<Rc<ImportOffer>>>, on_error: Callback<String>) {
    use_effect_with((), move |_| {
        offline::on_launch_files(move |file| read_import(file, on_offer.clone(), on_error.clone()));
    });
}
