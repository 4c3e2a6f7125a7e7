//! The one harness of the browser tests (wasm-bindgen-test in headless Chromium), shared
//! by every `tests/browser_*.rs` through `mod browser_support;`:
//!
//! - **mounting**: a view inside a `Plan` provider whose dispatch records what the view
//!   asked for ([`mount`]) or also applies it, as the app does ([`mount_live`]), or the
//!   whole app on empty storage ([`mount_app`]); each is unmounted when dropped, so a
//!   test's document holds only its own;
//! - **waiting** for Yew's scheduler, never sleeping a fixed time: [`settle`] waits until
//!   it has run everything due, [`until`] and [`eventually`] poll until something holds,
//!   and the finders that return a future wait for what they find;
//! - **finding** by accessible name, the way a screen reader names things (`aria-label`,
//!   `aria-labelledby`, a `<label>`, else the text), or by `data-testid`;
//! - **using** controls as a person would: typing and committing, choosing, clicking,
//!   pressing keys, dragging; and watching the console.
//!
//! A wait that times out panics with the line of the test that waited.
#![allow(dead_code)] // Each test file uses the helpers it needs.

use engagement_planner::app::App;
use engagement_planner::components::context::{Plan, Target};
use engagement_planner::model::pricing::PricingAction;
use engagement_planner::model::{Action, EngagementId, ModelError, Workspace};
use std::cell::RefCell;
use std::future::Future;
use std::panic::Location;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    DataTransfer, DragEvent, DragEventInit, Element, HtmlElement, HtmlInputElement,
    HtmlSelectElement, HtmlTextAreaElement, KeyboardEvent, KeyboardEventInit,
};
use yew::prelude::*;

/// How long a wait lasts before the test fails.
const WAIT_MS: f64 = 3000.0;

// ---------------------------------------------------------------------------------
// Waiting for Yew's scheduler

/// Lets the page run what is due (timers of 0 ms, events) and then waits until Yew's
/// scheduler has nothing left to do: every render and effect scheduled so far has run,
/// even when the scheduler yielded to the browser part-way (it does after 16 ms of work,
/// which a loaded machine reaches easily).
pub async fn settle() {
    yew::platform::time::sleep(Duration::ZERO).await;
    yew::scheduler::flush().await;
}

/// Polls, one scheduler turn at a time, until `find` finds something, and returns it.
#[track_caller]
pub fn until<T>(mut find: impl FnMut() -> Option<T>) -> impl Future<Output = T> {
    let caller = Location::caller();
    async move {
        let deadline = js_sys::Date::now() + WAIT_MS;
        loop {
            if let Some(found) = find() {
                return found;
            }
            if js_sys::Date::now() > deadline {
                panic!("timed out waiting at {caller}");
            }
            settle().await;
        }
    }
}

/// Polls until `done` holds.
#[track_caller]
pub fn eventually(mut done: impl FnMut() -> bool) -> impl Future<Output = ()> {
    until(move || done().then_some(()))
}

/// Waits until an element under `scope` matches `selector`.
#[track_caller]
pub fn wait_for<'a>(scope: &'a Element, selector: &'a str) -> impl Future<Output = Element> + 'a {
    until(move || scope.query_selector(selector).unwrap())
}

// ---------------------------------------------------------------------------------
// Finding things the way a screen reader names them

/// Every element under `scope` matching `selector`, in document order.
pub fn all(scope: &Element, selector: &str) -> Vec<Element> {
    let list = scope.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

/// The element's text, with runs of white space as one space.
pub fn text(el: &Element) -> String {
    el.text_content()
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A practical accessible name: `aria-label`, else the text of the elements named by
/// `aria-labelledby`, else the `<label for>` or the enclosing `<label>`, else the text.
pub fn accessible_name(el: &Element) -> String {
    name_with(el, &mut Labels::default())
}

/// The `<label for>` texts of the document, read once for a whole search (reading them
/// per element is slow on a page with hundreds of fields).
#[derive(Default)]
struct Labels(Option<std::collections::HashMap<String, String>>);

impl Labels {
    fn of(&mut self, id: &str) -> Option<String> {
        let labels = self.0.get_or_insert_with(|| {
            let body: Element = gloo::utils::document().document_element().unwrap();
            all(&body, "label[for]")
                .iter()
                .rev() // the first label for an id wins
                .map(|l| (l.get_attribute("for").unwrap_or_default(), text(l)))
                .collect()
        });
        labels.get(id).cloned()
    }
}

fn name_with(el: &Element, labels: &mut Labels) -> String {
    if let Some(label) = el.get_attribute("aria-label") {
        return label;
    }
    if let Some(ids) = el.get_attribute("aria-labelledby") {
        let document = gloo::utils::document();
        return ids
            .split_whitespace()
            .filter_map(|id| document.get_element_by_id(id))
            .map(|l| text(&l))
            .collect::<Vec<_>>()
            .join(" ");
    }
    if !el.id().is_empty() {
        if let Some(label) = labels.of(&el.id()) {
            return label;
        }
    }
    if let Ok(Some(label)) = el.closest("label") {
        return text(&label);
    }
    text(el)
}

/// The one element under `scope` matching `selector` whose accessible name is `name`;
/// two with the same name is a failure (a person could not tell them apart either).
pub fn by_name(scope: &Element, selector: &str, name: &str) -> Option<Element> {
    let mut labels = Labels::default();
    let found: Vec<Element> = all(scope, selector)
        .into_iter()
        .filter(|el| name_with(el, &mut labels) == name)
        .collect();
    assert!(
        found.len() <= 1,
        "{} elements {selector} are named {name:?}",
        found.len()
    );
    found.into_iter().next()
}

/// What a role is drawn with, for the roles the tests look for.
fn role_selector(role: &str) -> String {
    match role {
        "button" => "button, [role=button]".into(),
        "link" => "a[href], [role=link]".into(),
        "textbox" => "input:not([type]), input[type=text], input[type=search], \
                      input[type=email], input[type=number], textarea, [role=textbox]"
            .into(),
        "combobox" => "select, [role=combobox]".into(),
        "checkbox" => "input[type=checkbox], [role=checkbox]".into(),
        "heading" => "h1, h2, h3, h4, h5, h6, [role=heading]".into(),
        "cell" => "td, [role=cell], [role=gridcell]".into(),
        "row" => "tr, [role=row]".into(),
        "img" => "img, svg[role=img], [role=img]".into(),
        "navigation" => "nav, [role=navigation]".into(),
        other => format!("[role={other}]"),
    }
}

/// The one element under `scope` with this role and accessible name.
pub fn by_role(scope: &Element, role: &str, name: &str) -> Option<Element> {
    by_name(scope, &role_selector(role), name)
}

/// Waits for the one element under `scope` with this role and accessible name.
#[track_caller]
pub fn role<'a>(
    scope: &'a Element,
    role: &'a str,
    name: &'a str,
) -> impl Future<Output = Element> + 'a {
    until(move || by_role(scope, role, name))
}

const CONTROLS: &str = "input, select, textarea";

/// Waits for the form control (input, select or text area) named `name`.
#[track_caller]
pub fn control<'a>(scope: &'a Element, name: &'a str) -> impl Future<Output = Element> + 'a {
    until(move || by_name(scope, CONTROLS, name))
}

/// The form control named `name`, if it is there now.
pub fn find_control(scope: &Element, name: &str) -> Option<Element> {
    by_name(scope, CONTROLS, name)
}

pub fn has_control(scope: &Element, name: &str) -> bool {
    find_control(scope, name).is_some()
}

/// Waits for the button named `name`.
#[track_caller]
pub fn button<'a>(scope: &'a Element, name: &'a str) -> impl Future<Output = HtmlElement> + 'a {
    let found = until(move || by_name(scope, "button", name));
    async move { found.await.unchecked_into() }
}

pub fn has_button(scope: &Element, name: &str) -> bool {
    by_name(scope, "button", name).is_some()
}

/// Waits for the input named `name`.
#[track_caller]
pub fn input<'a>(scope: &'a Element, name: &'a str) -> impl Future<Output = HtmlInputElement> + 'a {
    let found = until(move || by_name(scope, "input", name));
    async move { found.await.unchecked_into() }
}

/// Waits for the select named `name`.
#[track_caller]
pub fn select<'a>(
    scope: &'a Element,
    name: &'a str,
) -> impl Future<Output = HtmlSelectElement> + 'a {
    let found = until(move || by_name(scope, "select", name));
    async move { found.await.unchecked_into() }
}

/// The element with this `data-testid` under `scope`.
#[track_caller]
pub fn testid(scope: &Element, id: &str) -> Element {
    scope
        .query_selector(&format!("[data-testid='{id}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("nothing with data-testid {id}"))
}

/// The element with this `id` under `scope`.
#[track_caller]
pub fn by_id(scope: &Element, id: &str) -> Element {
    scope
        .query_selector(&format!("[id='{id}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element #{id}"))
}

/// The message shown for a field (what its `aria-describedby` names).
pub fn message_of(scope: &Element, el: &Element) -> Option<String> {
    let id = el.get_attribute("aria-describedby")?;
    scope
        .query_selector(&format!("[id='{id}']"))
        .ok()
        .flatten()
        .map(|m| text(&m))
}

/// The value of the option whose text is `label`.
#[track_caller]
pub fn option_value(select: &Element, label: &str) -> String {
    all(select, "option")
        .iter()
        .find(|o| text(o) == label)
        .unwrap_or_else(|| panic!("no option {label:?}"))
        .get_attribute("value")
        .unwrap_or_default()
}

/// The accessible name of the focused element (its `aria-label`).
pub fn active_name() -> String {
    gloo::utils::document()
        .active_element()
        .and_then(|el| el.get_attribute("aria-label"))
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------
// Using controls

/// Fires a bubbling event of `kind` at `el`.
pub fn fire(el: &Element, kind: &str) {
    let event = gloo::utils::document().create_event("Event").unwrap();
    event.init_event_with_bubbles(kind, true);
    el.dispatch_event(&event).unwrap();
}

/// Commits a field's value, as a blur or Enter does.
pub fn change(el: &Element) {
    fire(el, "change");
}

/// Types `value` into a text field and commits it, as a blur or Enter does (`input`
/// then `change`), and lets the view react.
pub async fn type_into(el: &impl AsRef<Element>, value: &str) {
    let el = el.as_ref();
    if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        area.set_value(value);
    } else {
        el.dyn_ref::<HtmlInputElement>()
            .expect("a text field")
            .set_value(value);
    }
    fire(el, "input");
    fire(el, "change");
    settle().await;
}

/// Chooses the option valued `value` in a select, and lets the view react.
pub async fn choose(el: &impl AsRef<Element>, value: &str) {
    let el = el.as_ref();
    let select = el.dyn_ref::<HtmlSelectElement>().expect("a select");
    select.set_value(value);
    assert_eq!(select.value(), value, "the select has no option {value:?}");
    fire(el, "change");
    settle().await;
}

/// Clicks an element and lets the view react.
pub async fn click(el: &impl JsCast) {
    el.unchecked_ref::<HtmlElement>().click();
    settle().await;
}

/// Presses `key` on `target` (a keydown; the browser adds nothing of its own).
pub fn key(target: &Element, key: &str) -> KeyboardEvent {
    press(target, key, false, false)
}

/// Presses `key` with Ctrl and, if asked, Shift held on `target`, and returns the event
/// once every listener has seen it (`default_prevented` says whether one took it).
pub fn press(target: &web_sys::EventTarget, key: &str, ctrl: bool, shift: bool) -> KeyboardEvent {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_ctrl_key(ctrl);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
    event
}

/// Fires a drag event of `kind` at `target`; true when a handler accepted it.
pub fn drag(target: &Element, kind: &str, data: &DataTransfer) -> bool {
    let init = DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_data_transfer(Some(data));
    let event = DragEvent::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
    event.default_prevented()
}

/// Drops a file named `name` holding `contents` on the window.
pub fn drop_file(name: &str, contents: &str) {
    let parts = js_sys::Array::of1(&contents.into());
    let file = web_sys::File::new_with_str_sequence(&parts, name).unwrap();
    let transfer = DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    let init = DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_data_transfer(Some(&transfer));
    let event = DragEvent::new_with_event_init_dict("drop", &init).unwrap();
    gloo::utils::window()
        .dispatch_event(event.unchecked_ref())
        .unwrap();
}

/// What the page writes with `console.error` and `console.warn` while this lives (the
/// console is restored when it is dropped).
pub struct ConsoleWatch {
    seen: js_sys::Array,
    restore: js_sys::Function,
}

impl ConsoleWatch {
    pub fn start() -> ConsoleWatch {
        let pair: js_sys::Array = js_sys::Function::new_no_args(
            "const seen = [];
             const originals = { error: console.error, warn: console.warn };
             for (const kind of ['error', 'warn']) {
               console[kind] = function (...args) {
                 seen.push(kind + ': ' + args.map(String).join(' '));
                 return originals[kind].apply(this, args);
               };
             }
             const restore = () => { console.error = originals.error; console.warn = originals.warn; };
             return [seen, restore];",
        )
        .call0(&JsValue::NULL)
        .unwrap()
        .unchecked_into();
        ConsoleWatch {
            seen: pair.get(0).unchecked_into(),
            restore: pair.get(1).unchecked_into(),
        }
    }

    /// What was written so far.
    pub fn messages(&self) -> Vec<String> {
        self.seen.iter().filter_map(|m| m.as_string()).collect()
    }
}

impl Drop for ConsoleWatch {
    fn drop(&mut self) {
        let _ = self.restore.call0(&JsValue::NULL);
    }
}

// ---------------------------------------------------------------------------------
// Mounting

/// A fresh `<div>` at the end of the page's body.
pub fn fresh_root() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

/// The callbacks of the plan context: dispatch, navigate, announce.
type PlanCallbacks = (
    Callback<Action>,
    Callback<Action, Result<(), ModelError>>,
    Callback<Target>,
    Callback<String>,
);

/// The plan a mounted view sees, what it asked for, and how to draw it again.
struct Shared {
    workspace: RefCell<Rc<Workspace>>,
    engagement: Option<EngagementId>,
    /// The dispatch applies actions to the workspace, as the app does.
    live: bool,
    actions: RefCell<Vec<Action>>,
    targets: RefCell<Vec<Target>>,
    announced: RefCell<Vec<String>>,
    /// Made once, like the app's, so a view sees the same callbacks on every render.
    callbacks: RefCell<Option<PlanCallbacks>>,
    redraw: RefCell<Option<UseForceUpdateHandle>>,
}

impl Shared {
    fn redraw(&self) {
        let handle = self.redraw.borrow().clone();
        if let Some(handle) = handle {
            handle.force_update();
        }
    }
}

#[derive(Properties)]
pub struct HarnessProps {
    shared: Rc<Shared>,
    view: fn() -> Html,
}

impl PartialEq for HarnessProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.shared, &other.shared)
    }
}

/// The app in miniature: the plan context around one view.
#[component]
pub fn Harness(props: &HarnessProps) -> Html {
    let redraw = use_force_update();
    let shared = &props.shared;
    shared.redraw.replace(Some(redraw));
    let (dispatch, try_apply, navigate, announce) = shared
        .callbacks
        .borrow()
        .clone()
        .expect("made when mounted");
    let plan = Plan {
        workspace: shared.workspace.borrow().clone(),
        engagement: shared.engagement,
        dispatch,
        try_apply,
        navigate,
        announce,
    };
    html! {
        <ContextProvider<Plan> context={plan}>
            { (props.view)() }
        </ContextProvider<Plan>>
    }
}

/// A view mounted in a fresh root; unmounted and removed when dropped.
pub struct Mounted {
    pub root: Element,
    shared: Rc<Shared>,
    handle: Option<yew::AppHandle<Harness>>,
}

impl Mounted {
    /// Every action the view dispatched, in order.
    pub fn actions(&self) -> Vec<Action> {
        self.shared.actions.borrow().clone()
    }

    pub fn last_action(&self) -> Option<Action> {
        self.shared.actions.borrow().last().cloned()
    }

    /// The pricing actions the view dispatched, in order.
    pub fn pricing_actions(&self) -> Vec<PricingAction> {
        self.shared
            .actions
            .borrow()
            .iter()
            .filter_map(|a| match a {
                Action::Pricing { action, .. } => Some(action.clone()),
                _ => None,
            })
            .collect()
    }

    /// Where the view asked to go.
    pub fn targets(&self) -> Vec<Target> {
        self.shared.targets.borrow().clone()
    }

    /// What the view announced.
    pub fn announced(&self) -> Vec<String> {
        self.shared.announced.borrow().clone()
    }

    /// The plan the view shows now.
    pub fn workspace(&self) -> Rc<Workspace> {
        self.shared.workspace.borrow().clone()
    }

    /// Shows the view with another workspace, as the app does after a change, and lets
    /// it render.
    pub async fn show(&self, workspace: Workspace) {
        self.shared.workspace.replace(Rc::new(workspace));
        self.shared.redraw();
        settle().await;
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

/// Mounts `view` on `workspace` with `engagement` selected. Its dispatch records
/// actions without applying them: the plan stays as it was, so a test checks what one
/// gesture asked for.
pub async fn mount(
    workspace: Workspace,
    engagement: Option<EngagementId>,
    view: fn() -> Html,
) -> Mounted {
    mount_with(workspace, engagement, view, false).await
}

/// Mounts `view` like [`mount`], with a dispatch that also applies each action, as the
/// app does (a refused one leaves the plan as it was), so the view shows the result.
pub async fn mount_live(
    workspace: Workspace,
    engagement: Option<EngagementId>,
    view: fn() -> Html,
) -> Mounted {
    mount_with(workspace, engagement, view, true).await
}

async fn mount_with(
    workspace: Workspace,
    engagement: Option<EngagementId>,
    view: fn() -> Html,
    live: bool,
) -> Mounted {
    let shared = Rc::new(Shared {
        workspace: RefCell::new(Rc::new(workspace)),
        engagement,
        live,
        actions: RefCell::default(),
        targets: RefCell::default(),
        announced: RefCell::default(),
        callbacks: RefCell::default(),
        redraw: RefCell::default(),
    });
    // The callbacks hold the shared state weakly: it owns them.
    let weak = Rc::downgrade(&shared);
    let dispatch = {
        let weak = weak.clone();
        Callback::from(move |action: Action| {
            let Some(shared) = weak.upgrade() else {
                return;
            };
            shared.actions.borrow_mut().push(action.clone());
            if shared.live {
                let mut next = (**shared.workspace.borrow()).clone();
                if next.apply(action).is_ok() {
                    shared.workspace.replace(Rc::new(next));
                }
                shared.redraw();
            }
        })
    };
    // Like the app's: applies the action and answers with the model's refusal at once.
    // Only an accepted action is recorded; a live plan then shows it.
    let try_apply = {
        let weak = weak.clone();
        Callback::from(move |action: Action| {
            let Some(shared) = weak.upgrade() else {
                return Ok(());
            };
            let mut next = (**shared.workspace.borrow()).clone();
            next.apply(action.clone())?;
            shared.actions.borrow_mut().push(action);
            if shared.live {
                shared.workspace.replace(Rc::new(next));
                shared.redraw();
            }
            Ok(())
        })
    };
    let navigate = {
        let weak = weak.clone();
        Callback::from(move |target: Target| {
            if let Some(shared) = weak.upgrade() {
                shared.targets.borrow_mut().push(target);
            }
        })
    };
    let announce = Callback::from(move |message: String| {
        if let Some(shared) = weak.upgrade() {
            shared.announced.borrow_mut().push(message);
        }
    });
    shared
        .callbacks
        .replace(Some((dispatch, try_apply, navigate, announce)));
    let root = fresh_root();
    let handle = yew::Renderer::<Harness>::with_root_and_props(
        root.clone(),
        HarnessProps {
            shared: shared.clone(),
            view,
        },
    )
    .render();
    let mounted = Mounted {
        root,
        shared,
        handle: Some(handle),
    };
    let root = mounted.root.clone();
    eventually(|| root.first_element_child().is_some()).await;
    // Effects run in the scheduler pass after the first render.
    settle().await;
    mounted
}

/// The whole app, mounted on empty storage; unmounted and removed when dropped.
pub struct MountedApp {
    pub root: Element,
    handle: Option<yew::AppHandle<App>>,
}

impl Drop for MountedApp {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

/// Mounts the app on empty storage, once its effects (its window and document
/// listeners among them) have run.
pub async fn mount_app() -> MountedApp {
    let storage = gloo::utils::window()
        .local_storage()
        .unwrap()
        .expect("the test page has localStorage");
    storage.clear().unwrap();
    start_app().await
}

/// Mounts the app on a saved plan, showing the view the address names (`#/pricing/12`).
pub async fn mount_app_on(workspace: &Workspace, hash: &str) -> MountedApp {
    let storage = gloo::utils::window()
        .local_storage()
        .unwrap()
        .expect("the test page has localStorage");
    storage.clear().unwrap();
    storage
        .set_item(
            engagement_planner::storage::browser::WORKSPACE_KEY,
            &engagement_planner::storage::to_json(workspace, None),
        )
        .unwrap();
    gloo::utils::window().location().set_hash(hash).unwrap();
    let app = start_app().await;
    wait_for(&app.root, "section.view h2").await;
    app
}

async fn start_app() -> MountedApp {
    let root = fresh_root();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    let app = MountedApp {
        root,
        handle: Some(handle),
    };
    wait_for(&app.root, "[data-testid=save-state]").await;
    settle().await;
    settle().await;
    app
}
