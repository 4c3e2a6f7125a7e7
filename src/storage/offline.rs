//! The browser side of working offline and being installed: the service worker written by
//! `scripts/pwa.mjs` (registered here in release builds only), the waiting new version and
//! its activation, persistent storage (`navigator.storage`), the time of the last export,
//! and the files an installed app is asked to open (`window.launchQueue`).
//!
//! Every feature is detected first; where one is missing (an insecure context, a browser
//! without service workers or storage manager or launch queue) the function does nothing
//! and says so by its result, and the app works as before.

use super::browser::local_storage;
use crate::view::offline::LocalDate;
use gloo::events::EventListener;
use js_sys::{Array, Function, Promise, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

/// The localStorage key of the time (milliseconds since 1970, UTC) of the last export of
/// an engagement or the workspace. A record of this browser, not part of the plan.
pub const EXPORTED_KEY: &str = "engagement-planner/last-exported";

/// The window event [`record_export`] fires, so the status bar can update at once.
pub const EXPORTED_EVENT: &str = "engagement-planner-exported";

/// Whether this build registers the service worker: release builds only. A debug build
/// (`scripts/serve --dev`) is rebuilt and reloaded all the time; a cache-first worker would
/// keep serving the previous build.
pub const REGISTERS_WORKER: bool = !cfg!(debug_assertions);

/// The property `name` of `target`, if it is there and not undefined or null.
fn property(target: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// The page's service worker container, where there is one (secure contexts of browsers
/// that have service workers).
fn container() -> Option<ServiceWorkerContainer> {
    let window = gloo::utils::window();
    let secure = property(&window, "isSecureContext").is_some_and(|v| v.is_truthy());
    if !secure {
        return None;
    }
    property(&window.navigator(), "serviceWorker").map(JsCast::unchecked_into)
}

/// Registers `./sw.js` for the app's own folder and calls `on_waiting` with a new version
/// once one is installed and waiting while an older one controls the page (at start, when
/// the browser finds one, or after [`check_for_update`]). Returns false, doing nothing,
/// where service workers are unavailable or in a debug build.
pub fn register(on_waiting: impl Fn(ServiceWorker) + 'static) -> bool {
    if !REGISTERS_WORKER {
        return false;
    }
    let Some(container) = container() else {
        return false;
    };
    let options = web_sys::RegistrationOptions::new();
    options.set_scope("./");
    let promise = container.register_with_options("./sw.js", &options);
    let on_waiting: Rc<dyn Fn(ServiceWorker)> = Rc::new(on_waiting);
    wasm_bindgen_futures::spawn_local(async move {
        // A failed registration (a host that does not serve sw.js, storage refused) leaves
        // the app working online, as before: nothing to tell the user.
        let Ok(registration) = JsFuture::from(promise).await else {
            return;
        };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        watch_registration(&container, &registration, on_waiting);
    });
    true
}

fn watch_registration(
    container: &ServiceWorkerContainer,
    registration: &ServiceWorkerRegistration,
    on_waiting: Rc<dyn Fn(ServiceWorker)>,
) {
    // A worker is an update only when another already controls the page; the first install
    // just makes the app available offline.
    let report = {
        let container = container.clone();
        let on_waiting = on_waiting.clone();
        move |worker: ServiceWorker| {
            if container.controller().is_some() {
                on_waiting(worker);
            }
        }
    };
    if let Some(waiting) = registration.waiting() {
        report(waiting);
    }
    let report = Rc::new(report);
    let on_found = {
        let registration = registration.clone();
        Closure::<dyn Fn()>::new(move || {
            let Some(installing) = registration.installing() else {
                return;
            };
            let report = report.clone();
            let worker = installing.clone();
            // Kept alive by the worker's handler for as long as the worker lives.
            let on_state = Closure::<dyn Fn()>::new(move || {
                if worker.state() == ServiceWorkerState::Installed {
                    report(worker.clone());
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        })
    };
    registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    // The registration lives as long as the page.
    on_found.forget();
}

/// Asks the browser to look for a new version now (it also looks on every visit). Does
/// nothing where there is no worker; failing to reach the server is no error.
pub fn check_for_update() {
    let Some(container) = container() else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.get_registration()).await else {
            return;
        };
        let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        if let Ok(promise) = registration.update() {
            let _ = JsFuture::from(promise).await;
        }
    });
}

/// Lets the waiting version take over and reloads the page once it controls it. The plan
/// must be saved before this is called.
pub fn activate(waiting: &ServiceWorker) {
    let Some(container) = container() else {
        return;
    };
    if waiting.state() != ServiceWorkerState::Installed {
        // Another tab's Reload has already let it take over: this page only needs loading
        // again to run it.
        let _ = gloo::utils::window().location().reload();
        return;
    }
    let reloading = Rc::new(RefCell::new(false));
    let listener = EventListener::once(&container, "controllerchange", move |_| {
        if !reloading.replace(true) {
            let _ = gloo::utils::window().location().reload();
        }
    });
    listener.forget();
    let message = js_sys::Object::new();
    let _ = Reflect::set(&message, &"type".into(), &"skip-waiting".into());
    let _ = waiting.post_message(&message);
}

/// The browser's storage manager, where it has one.
fn storage_manager() -> Option<web_sys::StorageManager> {
    property(&gloo::utils::window().navigator(), "storage").map(JsCast::unchecked_into)
}

async fn ask(promise: Result<Promise, JsValue>) -> Option<bool> {
    let value = JsFuture::from(promise.ok()?).await.ok()?;
    value.as_bool()
}

/// Whether this site's storage is persistent; `None` where the browser cannot say.
pub async fn persisted() -> Option<bool> {
    let manager = storage_manager()?;
    property(&manager, "persisted")?;
    ask(manager.persisted()).await
}

/// Asks the browser to keep this site's storage (Firefox asks the user; Chromium decides by
/// itself); the answer, or `None` where the browser cannot be asked.
pub async fn persist() -> Option<bool> {
    let manager = storage_manager()?;
    property(&manager, "persist")?;
    ask(manager.persist()).await
}

/// Notes that the plan was exported now, and tells the status bar. A failure to write it
/// only means the status bar keeps its old answer.
pub fn record_export() {
    if let Ok(storage) = local_storage() {
        let now = js_sys::Date::now();
        let _ = storage.set_item(EXPORTED_KEY, &format!("{now:.0}"));
    }
    if let Ok(event) = web_sys::Event::new(EXPORTED_EVENT) {
        let _ = gloo::utils::window().dispatch_event(&event);
    }
}

/// The local calendar day of a time in milliseconds since 1970.
fn local_date(millis: f64) -> LocalDate {
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    LocalDate {
        year: date.get_full_year() as i32,
        month: date.get_month() + 1,
        day: date.get_date(),
    }
}

/// The day of the last export in this browser, if any is recorded.
pub fn last_exported() -> Option<LocalDate> {
    let text = local_storage().ok()?.get_item(EXPORTED_KEY).ok()??;
    let millis = text.trim().parse::<f64>().ok().filter(|m| m.is_finite())?;
    Some(local_date(millis))
}

/// Today, in the user's time zone.
pub fn today() -> LocalDate {
    local_date(js_sys::Date::now())
}

/// Hands every file an installed app is asked to open (its manifest's `file_handlers`) to
/// `on_file`, through `window.launchQueue` (Chromium). Returns false where there is none.
pub fn on_launch_files(on_file: impl Fn(web_sys::File) + 'static) -> bool {
    let window = gloo::utils::window();
    let Some(queue) = property(&window, "launchQueue") else {
        return false;
    };
    let Some(set_consumer) =
        property(&queue, "setConsumer").and_then(|f| f.dyn_into::<Function>().ok())
    else {
        return false;
    };
    let on_file = Rc::new(on_file);
    let consumer = Closure::<dyn Fn(JsValue)>::new(move |params: JsValue| {
        let Some(files) = property(&params, "files") else {
            return;
        };
        for handle in Array::from(&files).iter() {
            let on_file = on_file.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let Some(get_file) =
                    property(&handle, "getFile").and_then(|f| f.dyn_into::<Function>().ok())
                else {
                    return;
                };
                let Ok(promise) = get_file.call0(&handle) else {
                    return;
                };
                if let Ok(file) = JsFuture::from(Promise::from(promise)).await {
                    if let Ok(file) = file.dyn_into::<web_sys::File>() {
                        on_file(file);
                    }
                }
            });
        }
    });
    let ok = set_consumer.call1(&queue, consumer.as_ref()).is_ok();
    // The consumer is called for every launch for as long as the page lives.
    consumer.forget();
    ok
}
