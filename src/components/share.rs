//! The Share dialog (File → Share…): the current engagement or the whole workspace by
//! mail (the file downloaded and a mail draft with a summary), as a summary on the
//! clipboard (HTML and plain text), through the system's share sheet where the browser
//! can share files, and as a link that carries the engagement in its fragment. And
//! [`use_plan_links`], which turns a `#plan=…` address into the same import offer as a
//! file. What the dialog says is decided in `view::share`; the link's framing in
//! `storage::link`, its compression in `storage::compress`.

use super::banners::ImportOffer;
use super::context::use_plan;
use crate::route::Route;
use crate::storage::{self, browser, compress, link, offline, sent, Base};
use crate::view::share::{self as words, Summary};
use js_sys::{Array, Function, Object, Reflect};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlDialogElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The longest summary copied to the clipboard, in characters (a workspace of hundreds
/// of engagements is shortened, saying how many more there are).
const COPY_MAX: usize = 20_000;

/// What the import offer calls a plan that came in a link.
pub const LINK_SOURCE: &str = "a shared link";

#[derive(Properties, PartialEq)]
pub struct ShareDialogProps {
    pub on_close: Callback<()>,
}

/// What is shared: the engagement on screen or the whole workspace.
#[derive(Clone, Copy, PartialEq)]
enum Scope {
    Engagement,
    Workspace,
}

/// Where copying the summary stands.
#[derive(Clone, PartialEq)]
enum Copied {
    No,
    /// Copied; the message says how.
    Yes(String),
    /// The browser refused: the text is shown selected for Ctrl+C.
    Refused,
}

/// Where the link stands.
#[derive(Clone, PartialEq)]
enum LinkState {
    Making,
    Ready(String),
    Failed(String),
}

#[component]
pub fn ShareDialog(props: &ShareDialogProps) -> Html {
    let plan = use_plan();
    let workspace = plan.workspace.clone();
    let current = plan
        .engagement
        .filter(|id| workspace.engagement(*id).is_some());
    let scope = use_state(|| {
        if current.is_some() {
            Scope::Engagement
        } else {
            Scope::Workspace
        }
    });
    let scope_now = if current.is_none() {
        Scope::Workspace
    } else {
        *scope
    };
    let default_safe = match (scope_now, current) {
        (Scope::Engagement, Some(id)) => {
            words::client_safe_default(workspace.engagement(id).into_iter())
        }
        _ => words::client_safe_default(workspace.engagements.iter()),
    };
    // The checkbox follows the default until the user sets it.
    let client_safe_set = use_state(|| None::<bool>);
    let client_safe = client_safe_set.unwrap_or(default_safe);
    let copied = use_state(|| Copied::No);
    let shared = use_state(|| None::<String>);
    let link_state = use_state(|| LinkState::Making);
    let link_copied = use_state(|| None::<String>);
    let dialog_ref = use_node_ref();
    let text_ref = use_node_ref();

    // Open as a modal dialog (focus stays inside; Escape closes it).
    {
        let dialog_ref = dialog_ref.clone();
        use_effect_with((), move |_| {
            if let Some(dialog) = dialog_ref.cast::<HtmlDialogElement>() {
                if !dialog.open() {
                    let _ = dialog.show_modal();
                }
            }
        });
    }

    let shared_workspace = Rc::new(if client_safe {
        words::client_safe_copy(&workspace)
    } else {
        (*workspace).clone()
    });
    let summary: Rc<Summary> = Rc::new(match (scope_now, current) {
        (Scope::Engagement, Some(id)) => {
            words::summary(&workspace, id, client_safe, COPY_MAX).expect("the engagement exists")
        }
        _ => words::workspace_summary(&workspace, client_safe, COPY_MAX),
    });
    let address = app_address();
    let mailto = words::mailto(&address, &summary);
    // The file, as Export writes it (of the client-safe copy when the box is ticked),
    // with the revision it is sent as and the copy the plan was last received as (made
    // client-safe too, so it holds nothing the file leaves out).
    let file = {
        let shared_workspace = shared_workspace.clone();
        let summary = summary.clone();
        Rc::new(move |revision: &str| -> (String, String) {
            let base = sent::received()
                .filter(|_| !revision.is_empty())
                .map(|base| Base {
                    workspace: if client_safe {
                        words::client_safe_copy(&base.workspace)
                    } else {
                        base.workspace
                    },
                    revision: base.revision,
                });
            let json = match (scope_now, current) {
                // Only to ask the browser whether it could share such a file.
                _ if revision.is_empty() => String::new(),
                (Scope::Engagement, Some(id)) => storage::engagement_to_json_sent(
                    &shared_workspace,
                    id,
                    Some(&browser::now_iso()),
                    revision,
                    base.as_ref(),
                )
                .expect("the engagement exists"),
                _ => storage::to_json_sent(
                    &shared_workspace,
                    Some(&browser::now_iso()),
                    revision,
                    base.as_ref(),
                ),
            };
            (summary.file_name.clone(), json)
        })
    };

    // The link: made again whenever what it carries changes.
    {
        let link_state = link_state.clone();
        let link_copied = link_copied.clone();
        let document = current.and_then(|id| storage::engagement_document(&shared_workspace, id));
        let shared_workspace = shared_workspace.clone();
        use_effect_with(document, move |document| {
            link_copied.set(None);
            link_state.set(LinkState::Making);
            // The link carries its own revision (not the base: a link must stay short).
            let revision = sent::new_revision();
            let document = document
                .as_ref()
                .and(current)
                .and_then(|id| storage::engagement_document_sent(&shared_workspace, id, &revision));
            if let Some(document) = document {
                yew::platform::spawn_local(async move {
                    link_state.set(match compress::plan_link(&document).await {
                        Ok(fragment) => {
                            // Shown ready to copy, it may be sent in any way: kept as
                            // sent from here now.
                            let _ = sent::record_sent(&revision);
                            LinkState::Ready(format!("{}{fragment}", app_address()))
                        }
                        Err(reason) => LinkState::Failed(format!(
                            "This browser could not make a link ({reason}). Send the file by Email instead."
                        )),
                    });
                });
            }
        });
    }

    // Show the refused copy's text selected, ready for Ctrl+C.
    {
        let text_ref = text_ref.clone();
        use_effect_with((*copied).clone(), move |copied| {
            if *copied == Copied::Refused {
                if let Some(area) = text_ref.cast::<HtmlTextAreaElement>() {
                    let _ = area.focus();
                    area.select();
                }
            }
        });
    }

    let close = {
        let on_close = props.on_close.clone();
        let dialog_ref = dialog_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(dialog) = dialog_ref.cast::<HtmlDialogElement>() {
                dialog.close();
            }
            on_close.emit(());
        })
    };
    // Escape (the dialog's own cancel) closes it too.
    let on_cancel = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: Event| on_close.emit(()))
    };
    let on_scope = |to: Scope| {
        let scope = scope.clone();
        let copied = copied.clone();
        let client_safe_set = client_safe_set.clone();
        Callback::from(move |_: Event| {
            scope.set(to);
            copied.set(Copied::No);
            client_safe_set.set(None);
        })
    };
    let on_client_safe = {
        let client_safe_set = client_safe_set.clone();
        let copied = copied.clone();
        Callback::from(move |e: Event| {
            client_safe_set.set(Some(
                e.target_unchecked_into::<HtmlInputElement>().checked(),
            ));
            copied.set(Copied::No);
        })
    };
    let on_email = {
        let file = file.clone();
        let shared = shared.clone();
        Callback::from(move |_: MouseEvent| {
            // The link's own navigation opens the mail draft; the file downloads first.
            let revision = sent::new_revision();
            let (name, json) = file(&revision);
            browser::download(&name, &json, browser::JSON_MIME);
            let _ = sent::record_sent(&revision);
            // The whole plan left this browser: the status bar's "last exported" says so.
            // A client-safe copy is not a copy to restore from, so it does not count.
            if !client_safe {
                offline::record_export();
            }
            shared.set(Some(format!(
                "Downloaded “{name}”. Attach it to the mail draft that opens: a mail link cannot attach a file by itself."
            )));
        })
    };
    let can_share = {
        // Only asks whether the browser could share such a file: nothing is sent.
        let (name, json) = file("");
        share_data(&name, &json, &summary).is_some_and(|data| can_share_files(&data))
    };
    let on_share_file = {
        let file = file.clone();
        let summary = summary.clone();
        let shared = shared.clone();
        Callback::from(move |_: MouseEvent| {
            let revision = sent::new_revision();
            let (name, json) = file(&revision);
            let Some(data) = share_data(&name, &json, &summary) else {
                return;
            };
            let shared = shared.clone();
            // `share` must be called within the click.
            let promise = Reflect::get(&gloo::utils::window().navigator(), &"share".into())
                .ok()
                .and_then(|f| f.dyn_into::<Function>().ok())
                .map(|f| f.call1(&gloo::utils::window().navigator(), &data));
            yew::platform::spawn_local(async move {
                let result = match promise {
                    Some(Ok(p)) => JsFuture::from(js_sys::Promise::from(p)).await.map(|_| ()),
                    Some(Err(e)) => Err(e),
                    None => Err(JsValue::NULL),
                };
                match result {
                    Ok(()) => {
                        let _ = sent::record_sent(&revision);
                        shared.set(Some(format!("Shared “{name}”.")));
                    }
                    // The person closed the share sheet: nothing to say.
                    Err(e) if error_name(&e).as_deref() == Some("AbortError") => {}
                    Err(_) => shared.set(Some(
                        "The system's share sheet did not take the file. Use Email instead.".into(),
                    )),
                }
            });
        })
    };
    let on_copy = {
        let summary = summary.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            const BOTH: &str =
                "Summary copied, with its tables and as plain text. Paste it into your mail.";
            if copy_through_event(&summary.html, &summary.text) {
                copied.set(Copied::Yes(BOTH.into()));
                return;
            }
            let summary = summary.clone();
            let copied = copied.clone();
            yew::platform::spawn_local(async move {
                copied.set(match copy_summary(&summary.html, &summary.text).await {
                    CopyResult::Both => Copied::Yes(BOTH.into()),
                    CopyResult::PlainText => Copied::Yes(
                        "Summary copied as plain text (this browser does not copy tables). Paste it into your mail.".into(),
                    ),
                    CopyResult::Refused => Copied::Refused,
                });
            });
        })
    };
    let on_copy_link = {
        let link_state = link_state.clone();
        let link_copied = link_copied.clone();
        Callback::from(move |_: MouseEvent| {
            let LinkState::Ready(url) = (*link_state).clone() else {
                return;
            };
            let link_copied = link_copied.clone();
            yew::platform::spawn_local(async move {
                link_copied.set(Some(if write_text(&url).await {
                    "Link copied.".to_string()
                } else {
                    "The browser did not let the planner use the clipboard: select the link above and press Ctrl+C (⌘C on a Mac).".to_string()
                }));
            });
        })
    };

    let engagement_name = current
        .and_then(|id| workspace.engagement(id))
        .map(|e| e.name.clone());
    let left_out = words::CLIENT_SAFE_LEFT_OUT.join(", ");
    let copy_message = match &*copied {
        Copied::Yes(message) => Some(message.clone()),
        Copied::Refused => Some("The browser did not let the planner use the clipboard. The summary is selected below: press Ctrl+C (⌘C on a Mac) to copy it.".to_string()),
        Copied::No => None,
    };
    let link_section = match (scope_now, &*link_state) {
        (Scope::Workspace, _) => html! {
            <p class="share-note">{ "A link carries one engagement: choose “This engagement” above to make one, or send the whole workspace by Email." }</p>
        },
        (_, LinkState::Making) => html! { <p class="share-note">{ "Making the link…" }</p> },
        (_, LinkState::Failed(message)) => {
            html! { <p class="share-note share-warning" role="alert">{ message.clone() }</p> }
        }
        (_, LinkState::Ready(url)) => {
            let length = url.chars().count();
            html! {
                <>
                    <label class="field-label" for="share-link">{ "Link to this engagement" }</label>
                    <input id="share-link" class="share-link" type="text" readonly=true value={url.clone()}
                        onfocus={Callback::from(|e: FocusEvent| e.target_unchecked_into::<HtmlInputElement>().select())} />
                    <p class="share-note" data-testid="share-link-length">
                        { format!("{} characters. Anyone who opens it is offered the plan to import; nothing is sent to a server (the plan is in the part of the address after “#”).", crate::model::describe::thousands(length as u128)) }
                    </p>
                    if length > link::LONG_LINK_CHARS {
                        <p class="share-note share-warning" data-testid="share-link-long">
                            { format!("This link is longer than {} characters, and mail programs often break links that long. Send the file by Email instead.", crate::model::describe::thousands(link::LONG_LINK_CHARS as u128)) }
                        </p>
                    }
                    <div class="share-actions">
                        <button type="button" onclick={on_copy_link}>{ "Copy link" }</button>
                    </div>
                    <p class="share-status" role="status" aria-live="polite">{ (*link_copied).clone().unwrap_or_default() }</p>
                </>
            }
        }
    };

    html! {
        <dialog ref={dialog_ref} class="share-dialog" aria-labelledby="share-title" oncancel={on_cancel}>
            <div class="share-head">
                <h2 id="share-title">{ "Share" }</h2>
                <button type="button" onclick={close.clone()} aria-label="Close Share">{ "Close" }</button>
            </div>
            <fieldset class="share-scope">
                <legend>{ "What to share" }</legend>
                if let Some(name) = &engagement_name {
                    <label><input type="radio" name="share-scope" checked={scope_now == Scope::Engagement}
                        onchange={on_scope(Scope::Engagement)} />{ format!(" This engagement (“{name}”)") }</label>
                }
                <label><input type="radio" name="share-scope" checked={scope_now == Scope::Workspace}
                    onchange={on_scope(Scope::Workspace)} />{ format!(" The whole workspace ({} engagements)", workspace.engagements.len()) }</label>
            </fieldset>
            <label class="share-safe">
                <input type="checkbox" checked={client_safe} onchange={on_client_safe} />
                { " For the client (leave out cost rates, margins, commission and internal notes)" }
            </label>
            if client_safe {
                <p class="share-note">{ format!("Left out: {left_out}. {}", words::CLIENT_SAFE_KEPT) }</p>
            }

            <section class="share-part" aria-labelledby="share-email-title">
                <h3 id="share-email-title">{ "Email" }</h3>
                <p class="share-note">{ format!("Downloads “{}” and opens a mail draft with a summary. Attach the file to the mail: whoever receives it opens it in Engagement Planner.", summary.file_name) }</p>
                <div class="share-actions">
                    <a class="button primary" href={mailto} onclick={on_email}>{ "Email" }</a>
                    if can_share {
                        <button type="button" onclick={on_share_file}>{ "Share file…" }</button>
                    }
                </div>
                <p class="share-status" role="status" aria-live="polite">{ (*shared).clone().unwrap_or_default() }</p>
            </section>

            <section class="share-part" aria-labelledby="share-copy-title">
                <h3 id="share-copy-title">{ "Copy summary" }</h3>
                <p class="share-note">{ "Puts the summary on the clipboard, with tables for a mail and as plain text." }</p>
                <div class="share-actions">
                    <button type="button" onclick={on_copy}>{ "Copy summary" }</button>
                </div>
                <p class="share-status" role="status" aria-live="polite" data-testid="share-copy-status">{ copy_message.unwrap_or_default() }</p>
                if *copied == Copied::Refused {
                    <label class="field-label" for="share-summary-text">{ "Summary" }</label>
                    <textarea id="share-summary-text" ref={text_ref} class="share-text" readonly=true rows="8" value={summary.text.clone()} />
                }
            </section>

            <section class="share-part" aria-labelledby="share-link-title">
                <h3 id="share-link-title">{ "Link" }</h3>
                { link_section }
            </section>
        </dialog>
    }
}

/// The app's address without its fragment: where a shared plan opens.
pub fn app_address() -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// The data for the system's share sheet: the file, a title and the summary's text.
fn share_data(name: &str, json: &str, summary: &Summary) -> Option<JsValue> {
    let parts = Array::of1(&JsValue::from_str(json));
    let options = web_sys::FilePropertyBag::new();
    options.set_type(browser::JSON_MIME);
    let file = web_sys::File::new_with_str_sequence_and_options(&parts, name, &options).ok()?;
    let data = web_sys::ShareData::new();
    data.set_files(&Array::of1(&file));
    data.set_title(&summary.subject);
    data.set_text(&summary.text);
    Some(data.into())
}

/// Whether this browser can hand files to the share sheet (`navigator.canShare`).
fn can_share_files(data: &JsValue) -> bool {
    let navigator = gloo::utils::window().navigator();
    Reflect::get(&navigator, &"canShare".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|f| f.call1(&navigator, data).ok())
        .is_some_and(|answer| answer.is_truthy())
}

fn error_name(value: &JsValue) -> Option<String> {
    Reflect::get(value, &"name".into()).ok()?.as_string()
}

enum CopyResult {
    Both,
    PlainText,
    Refused,
}

/// `navigator.clipboard`, where the page may use it.
fn clipboard() -> Option<JsValue> {
    let clipboard = Reflect::get(&gloo::utils::window().navigator(), &"clipboard".into()).ok()?;
    (!clipboard.is_undefined() && !clipboard.is_null()).then_some(clipboard)
}

/// Calls `method` of the clipboard with `arg` and waits for it.
async fn clipboard_call(method: &str, arg: &JsValue) -> bool {
    let Some(clipboard) = clipboard() else {
        return false;
    };
    let Some(f) = Reflect::get(&clipboard, &method.into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
    else {
        return false;
    };
    match f.call1(&clipboard, arg) {
        Ok(p) => JsFuture::from(js_sys::Promise::from(p)).await.is_ok(),
        Err(_) => false,
    }
}

async fn write_text(text: &str) -> bool {
    clipboard_call("writeText", &JsValue::from_str(text)).await
}

/// Puts the summary on the clipboard as HTML and plain text together, in the click, through
/// a `copy` event (`document.execCommand("copy")`), whose data the browser stores as given.
/// `false` where the browser copies nothing that way. This comes first because the
/// asynchronous Clipboard API parses the HTML in the page (Chromium's sanitizer), where the
/// page's Content Security Policy refuses, and reports, every style attribute of it: the
/// summary's tables carry their look in style attributes, the one styling mail programs keep.
fn copy_through_event(html: &str, text: &str) -> bool {
    let document = gloo::utils::document();
    let filled = Rc::new(std::cell::Cell::new(false));
    let listener = {
        let (html, text, filled) = (html.to_string(), text.to_string(), filled.clone());
        gloo::events::EventListener::new_with_options(
            &document,
            "copy",
            gloo::events::EventListenerOptions::enable_prevent_default(),
            move |event| {
                let Some(data) = event
                    .dyn_ref::<web_sys::ClipboardEvent>()
                    .and_then(|e| e.clipboard_data())
                else {
                    return;
                };
                let stored = data.set_data("text/html", &html).is_ok()
                    && data.set_data("text/plain", &text).is_ok();
                event.prevent_default();
                filled.set(stored);
            },
        )
    };
    let copied = document
        .dyn_ref::<web_sys::HtmlDocument>()
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false);
    drop(listener);
    copied && filled.get()
}

/// Puts the summary on the clipboard with the asynchronous Clipboard API, as HTML and plain
/// text together; plain text only where the browser cannot or will not take both.
async fn copy_summary(html: &str, text: &str) -> CopyResult {
    let blob = |content: &str, mime: &str| {
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        web_sys::Blob::new_with_str_sequence_and_options(
            &Array::of1(&JsValue::from_str(content)),
            &options,
        )
        .ok()
    };
    if let (Some(html_blob), Some(text_blob)) = (blob(html, "text/html"), blob(text, "text/plain"))
    {
        let record = Object::new();
        let _ = Reflect::set(&record, &"text/html".into(), &html_blob);
        let _ = Reflect::set(&record, &"text/plain".into(), &text_blob);
        if let Ok(item) = web_sys::ClipboardItem::new_with_record_from_str_to_blob_promise(&record)
        {
            if clipboard_call("write", &Array::of1(&item)).await {
                return CopyResult::Both;
            }
        }
    }
    if write_text(text).await {
        CopyResult::PlainText
    } else {
        CopyResult::Refused
    }
}

/// Offers the plan of a shared link (`#plan=…` in the address, at start or when the
/// address changes) for import, exactly as a file: decoded, decompressed within the
/// file limit and read with `storage::from_bytes`; then the plan leaves the address bar
/// (`history.replaceState`, to `route`, the view on screen). A link that is cut off,
/// changed or too large is refused with `on_error`'s message, and the plan on screen is
/// untouched. Call it before any effect that writes the address.
#[hook]
pub fn use_plan_links(
    route: Route,
    on_offer: Callback<Option<Rc<ImportOffer>>>,
    on_error: Callback<String>,
) {
    let route_now = use_mut_ref(|| route);
    *route_now.borrow_mut() = route;
    use_effect_with((), move |_| {
        let check = Rc::new(move || {
            let hash = gloo::utils::window().location().hash().unwrap_or_default();
            let Some(payload) = link::plan_fragment(&hash).map(str::to_string) else {
                return;
            };
            // The plan leaves the address at once, whatever comes of it, so a reload or
            // a bookmark does not offer it again.
            let location = gloo::utils::window().location();
            let clean = format!(
                "{}{}{}",
                location.pathname().unwrap_or_default(),
                location.search().unwrap_or_default(),
                route_now.borrow().to_hash()
            );
            if let Ok(history) = gloo::utils::window().history() {
                let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&clean));
            }
            let (on_offer, on_error) = (on_offer.clone(), on_error.clone());
            yew::platform::spawn_local(async move {
                let read = match compress::read_plan_link(&payload).await {
                    Ok(bytes) => storage::from_bytes(&bytes).map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                };
                match read {
                    Ok(document) => on_offer.emit(Some(Rc::new(ImportOffer {
                        file_name: LINK_SOURCE.to_string(),
                        document,
                    }))),
                    Err(message) => on_error.emit(format!(
                        "The plan in this link was not opened, and your plan is unchanged. {message}"
                    )),
                }
            });
        });
        check();
        let listener = gloo::events::EventListener::new(&gloo::utils::window(), "hashchange", {
            let check = check.clone();
            move |_| check()
        });
        move || drop(listener)
    });
}
