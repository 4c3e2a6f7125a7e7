//! The header, kept to two short rows so that a 1024×768 projector leaves most of its
//! height to the plan: the engagement picker, undo and redo, the File menu (create,
//! duplicate, delete, export, import), the projector switch, and the views' navigation.

use super::banners::ImportOffer;
use super::context::use_plan;
use super::widgets::fields::SelectField;
use crate::model::assessment::View;
use crate::model::{Action, EngagementId, Template};
use crate::route::{view_slug, Route};
use crate::storage::{self, browser, offline, sent, DocumentKind, LoadedDocument};
use gloo::events::{EventListener, EventListenerOptions};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, File, HtmlInputElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub can_undo: bool,
    pub can_redo: bool,
    pub view: View,
    pub on_undo: Callback<MouseEvent>,
    pub on_redo: Callback<MouseEvent>,
    pub on_select: Callback<EngagementId>,
    /// Applies an action and announces the message.
    pub on_action: Callback<(Action, String)>,
    /// Applies a deletion and offers to undo it.
    pub on_deleted: Callback<(Action, String)>,
    pub on_import_offer: Callback<Option<Rc<ImportOffer>>>,
    pub on_error: Callback<String>,
    /// Starts presenting the engagement (an audience window for the projector).
    pub on_present: Callback<MouseEvent>,
    /// This window is presenting.
    pub presenting: bool,
    /// Opens the printable charter of the current engagement.
    #[prop_or_default]
    pub on_charter: Callback<MouseEvent>,
    /// A plan file chosen to compare with the current engagement: its name and what
    /// it holds, read and validated as an import is.
    #[prop_or_default]
    pub on_compare: Callback<(String, LoadedDocument)>,
}

/// Reads a chosen or dropped file and turns it into an import offer or an error.
pub(crate) fn read_import(
    file: File,
    on_offer: Callback<Option<Rc<ImportOffer>>>,
    on_error: Callback<String>,
) {
    read_plan_file(
        file,
        "imported",
        Callback::from(move |(file_name, document)| {
            on_offer.emit(Some(Rc::new(ImportOffer {
                file_name,
                document,
            })))
        }),
        on_error,
    );
}

/// Reads a chosen or dropped plan file with the import's reading and validation (its
/// size limit and its refusals): `on_read` gets the file's name and its document, or
/// `on_error` says why the file was not `done` ("imported", "compared") and that the
/// plan is unchanged.
pub(crate) fn read_plan_file(
    file: File,
    done: &'static str,
    on_read: Callback<(String, LoadedDocument)>,
    on_error: Callback<String>,
) {
    let file_name = file.name();
    yew::platform::spawn_local(async move {
        let read = browser::read_file(file)
            .await
            .and_then(|bytes| storage::from_bytes(&bytes).map_err(|err| err.to_string()));
        match read {
            Ok(document) => on_read.emit((file_name, document)),
            Err(err) => on_error.emit(format!(
                "“{file_name}” was not {done}, and your plan is unchanged. {err}"
            )),
        }
    });
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let plan = use_plan();
    let creating = use_state(|| false);
    let new_name = use_state(String::new);
    let new_template = use_state(|| Template::InHouseProject);
    let file_input = use_node_ref();
    let compare_input = use_node_ref();
    let sharing = use_state(|| false);
    let drop_hint = use_state(|| false);
    // The projector theme is a preference of this browser, applied to the whole page.
    let projector = use_state(browser::projector_preference);
    use_effect_with(*projector, |on| {
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = if *on {
                root.set_attribute("data-theme", "projector")
            } else {
                root.remove_attribute("data-theme")
            };
        }
    });
    let on_projector = {
        let projector = projector.clone();
        Callback::from(move |_| {
            let on = !*projector;
            browser::remember_projector(on);
            projector.set(on);
        })
    };

    // The File menu: a disclosure of buttons that closes on Escape, on a click outside
    // it and once one of its actions is chosen.
    let menu_open = use_state(|| false);
    let menu_ref = use_node_ref();
    let menu_button = use_node_ref();
    {
        let menu_open = menu_open.clone();
        let menu_ref = menu_ref.clone();
        use_effect_with(*menu_open, move |open| {
            let listener = open.then(|| {
                EventListener::new(&gloo::utils::document(), "pointerdown", move |e| {
                    let inside = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                        .zip(menu_ref.cast::<web_sys::Node>())
                        .is_some_and(|(target, menu)| menu.contains(Some(&target)));
                    if !inside {
                        menu_open.set(false);
                    }
                })
            });
            move || drop(listener)
        });
    }
    let toggle_menu = {
        let menu_open = menu_open.clone();
        Callback::from(move |_: MouseEvent| menu_open.set(!*menu_open))
    };
    let on_menu_key = {
        let menu_open = menu_open.clone();
        let menu_button = menu_button.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *menu_open {
                e.stop_propagation();
                menu_open.set(false);
                if let Some(button) = menu_button.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        })
    };
    // Runs a menu action and closes the menu.
    let chosen = |action: Callback<MouseEvent>| {
        let menu_open = menu_open.clone();
        Callback::from(move |e: MouseEvent| {
            menu_open.set(false);
            action.emit(e);
        })
    };

    // Dropping a file anywhere on the window imports it. Drags that carry no file
    // (cards on the roles board) are left alone.
    {
        let on_offer = props.on_import_offer.clone();
        let on_error = props.on_error.clone();
        let drop_hint = drop_hint.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let carries_files = |e: &DragEvent| {
                e.data_transfer()
                    .map(|dt| {
                        dt.types()
                            .iter()
                            .any(|t| t.as_string().as_deref() == Some("Files"))
                    })
                    .unwrap_or(false)
            };
            let options = EventListenerOptions::enable_prevent_default();
            let over = {
                let drop_hint = drop_hint.clone();
                EventListener::new_with_options(&window, "dragover", options, move |e| {
                    let e = e.unchecked_ref::<DragEvent>();
                    if carries_files(e) {
                        e.prevent_default();
                        drop_hint.set(true);
                    }
                })
            };
            let leave = {
                let drop_hint = drop_hint.clone();
                EventListener::new(&window, "dragleave", move |e| {
                    let e = e.unchecked_ref::<DragEvent>();
                    if e.related_target().is_none() {
                        drop_hint.set(false);
                    }
                })
            };
            let on_drop = EventListener::new_with_options(&window, "drop", options, move |e| {
                let e = e.unchecked_ref::<DragEvent>();
                if !carries_files(e) {
                    return;
                }
                e.prevent_default();
                drop_hint.set(false);
                if let Some(file) = e
                    .data_transfer()
                    .and_then(|dt| dt.files())
                    .and_then(|files| files.get(0))
                {
                    read_import(file, on_offer.clone(), on_error.clone());
                }
            });
            move || drop((over, leave, on_drop))
        });
    }

    let workspace = plan.workspace.clone();
    let current = plan.current().cloned();

    let engagement_options: Vec<(AttrValue, AttrValue)> = workspace
        .engagements
        .iter()
        .map(|e| {
            (
                AttrValue::from(e.id.to_string()),
                AttrValue::from(e.name.clone()),
            )
        })
        .collect();
    let on_switch = {
        let on_select = props.on_select.clone();
        Callback::from(move |value: String| {
            if let Ok(id) = value.parse() {
                on_select.emit(EngagementId(id));
            }
            Ok(())
        })
    };

    {
        use_effect_with(*creating, |open| {
            if *open {
                if let Some(input) = gloo::utils::document()
                    .get_element_by_id("new-engagement-name")
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = input.focus();
                }
            }
        });
    }
    let toggle_create = {
        let creating = creating.clone();
        Callback::from(move |_| creating.set(!*creating))
    };
    let on_create = {
        let creating = creating.clone();
        let new_name = new_name.clone();
        let new_template = new_template.clone();
        let on_action = props.on_action.clone();
        let on_error = props.on_error.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let name = new_name.trim().to_string();
            if name.is_empty() {
                on_error.emit("Give the new engagement a name.".into());
                return;
            }
            let template = *new_template;
            on_action.emit((
                Action::CreateEngagement {
                    name: name.clone(),
                    template,
                },
                format!(
                    "Created “{name}” from the {} template.",
                    template.label().to_lowercase()
                ),
            ));
            new_name.set(String::new());
            creating.set(false);
        })
    };
    let on_duplicate = current.as_ref().map(|e| {
        let on_action = props.on_action.clone();
        let (id, name) = (e.id, e.name.clone());
        Callback::from(move |_| {
            let copy = format!("{name} (copy)");
            on_action.emit((
                Action::DuplicateEngagement {
                    engagement: id,
                    name: copy.clone(),
                },
                format!("Created “{copy}”."),
            ))
        })
    });
    let on_delete = current.as_ref().map(|e| {
        let on_deleted = props.on_deleted.clone();
        let (id, name) = (e.id, e.name.clone());
        Callback::from(move |_| {
            on_deleted.emit((
                Action::RemoveEngagement { engagement: id },
                format!("Deleted “{name}”."),
            ))
        })
    });
    let on_export_engagement = current.as_ref().map(|e| {
        let workspace = workspace.clone();
        let (id, name) = (e.id, e.name.clone());
        let on_error = props.on_error.clone();
        Callback::from(move |_| {
            // A file for someone else: it carries its own revision and the copy the
            // plan was last received as, so a returned file shows who changed what.
            let revision = sent::new_revision();
            let json = storage::engagement_to_json_sent(
                &workspace,
                id,
                Some(&browser::now_iso()),
                &revision,
                sent::received().as_ref(),
            );
            match json {
                Some(json) => {
                    browser::download(
                        &storage::file_name_for(&name, DocumentKind::Engagement),
                        &json,
                        browser::JSON_MIME,
                    );
                    offline::record_export();
                    // Not the plan: if it cannot be kept, a returned file only shows
                    // differences.
                    let _ = sent::record_sent(&revision);
                }
                None => on_error.emit("That engagement no longer exists.".into()),
            }
        })
    });
    let on_export_workspace = {
        let workspace = workspace.clone();
        Callback::from(move |_| {
            let revision = sent::new_revision();
            let json = storage::to_json_sent(
                &workspace,
                Some(&browser::now_iso()),
                &revision,
                sent::received().as_ref(),
            );
            let name = storage::file_name_for("engagement-planner", DocumentKind::Workspace);
            browser::download(&name, &json, browser::JSON_MIME);
            offline::record_export();
            let _ = sent::record_sent(&revision);
        })
    };
    let on_import_click = {
        let file_input = file_input.clone();
        Callback::from(move |_| {
            if let Some(input) = file_input.cast::<HtmlInputElement>() {
                input.set_value("");
                input.click();
            }
        })
    };
    let on_file_chosen = {
        let on_offer = props.on_import_offer.clone();
        let on_error = props.on_error.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                read_import(file, on_offer.clone(), on_error.clone());
            }
        })
    };

    let on_compare_click = {
        let compare_input = compare_input.clone();
        Callback::from(move |_| {
            if let Some(input) = compare_input.cast::<HtmlInputElement>() {
                input.set_value("");
                input.click();
            }
        })
    };
    let on_compare_chosen = {
        let on_compare = props.on_compare.clone();
        let on_error = props.on_error.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                read_plan_file(file, "compared", on_compare.clone(), on_error.clone());
            }
        })
    };

    let template_options: Vec<(AttrValue, AttrValue)> = Template::ALL
        .iter()
        .map(|t| {
            (
                AttrValue::from(format!("{t:?}")),
                AttrValue::from(t.label()),
            )
        })
        .collect();
    let on_template = {
        let new_template = new_template.clone();
        Callback::from(move |value: String| {
            if let Some(t) = Template::ALL
                .into_iter()
                .find(|t| format!("{t:?}") == value)
            {
                new_template.set(t);
            }
            Ok(())
        })
    };
    let on_new_name = {
        let new_name = new_name.clone();
        Callback::from(move |e: InputEvent| {
            new_name.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };

    let engagement = plan.engagement;
    let nav = View::ALL.iter().map(|&view| {
        let href = Route { view, engagement }.to_hash();
        let current = (view == props.view).then_some("page");
        html! { <a href={href} aria-current={current} class={classes!("nav-link", current.map(|_| "active"))} data-view={view_slug(view)}>{ view.label() }</a> }
    });
    let disabled_unless = |cb: &Option<Callback<MouseEvent>>| cb.is_none();

    html! {
        <header class="app-header">
            <div class="header-bar">
                <h1 class="brand">{ "Engagement Planner" }</h1>
                if !engagement_options.is_empty() {
                    <div class="header-engagement">
                        <SelectField label="Engagement" hide_label=true options={engagement_options}
                            selected={AttrValue::from(engagement.map(|e| e.to_string()).unwrap_or_default())}
                            on_change={on_switch} testid="engagement-switcher" />
                    </div>
                }
                <div class="toolbar" role="group" aria-label="History and settings">
                    <button type="button" onclick={props.on_undo.clone()} disabled={!props.can_undo} aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">{ "Undo" }</button>
                    <button type="button" onclick={props.on_redo.clone()} disabled={!props.can_redo} aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)">{ "Redo" }</button>
                    <div class="file-menu" ref={menu_ref} onkeydown={on_menu_key}>
                        <button type="button" ref={menu_button} onclick={toggle_menu} aria-expanded={(*menu_open).to_string()}
                            aria-controls="file-menu" data-testid="file-menu-button" class="file-menu-button">
                            { "File" }<span class="menu-caret" aria-hidden="true">{ "\u{25be}" }</span>
                        </button>
                        <div id="file-menu" class="file-menu-panel" role="group" aria-label="File" hidden={!*menu_open}>
                            <button type="button" onclick={chosen(toggle_create)} aria-expanded={(*creating).to_string()}>{ "New engagement" }</button>
                            <button type="button" onclick={chosen(on_duplicate.clone().unwrap_or_default())} disabled={disabled_unless(&on_duplicate)}>{ "Duplicate" }</button>
                            <button type="button" onclick={chosen(on_delete.clone().unwrap_or_default())} disabled={disabled_unless(&on_delete)}
                                aria-label="Delete engagement" class="danger">{ "Delete" }</button>
                            <hr />
                            <button type="button" onclick={chosen(on_export_engagement.clone().unwrap_or_default())} disabled={disabled_unless(&on_export_engagement)}>{ "Export engagement" }</button>
                            <button type="button" onclick={chosen(on_export_workspace)}>{ "Export workspace" }</button>
                            <button type="button" onclick={chosen(on_import_click)}>{ "Import" }</button>
                            <button type="button" onclick={chosen({ let s = sharing.clone(); Callback::from(move |_| s.set(true)) })}>{ "Share…" }</button>
                            <hr />
                            <button type="button" onclick={chosen(props.on_charter.clone())} disabled={current.is_none()}>{ "Print charter…" }</button>
                            <button type="button" onclick={chosen(on_compare_click)} disabled={current.is_none()}
                                title="See what a plan that came back differs in, and take its changes">{ "Compare with a file…" }</button>
                            { super::spreadsheets::assignments_csv_items(&workspace, current.as_ref(), &chosen) }
                        </div>
                    </div>
                    <button type="button" class="projector-switch" onclick={on_projector} aria-pressed={(*projector).to_string()}
                        title="Larger text and stronger contrast for a room" data-testid="projector-switch">
                        { "Projector mode" }
                        <span class="switch-state" aria-hidden="true">{ if *projector { "On" } else { "Off" } }</span>
                    </button>
                </div>
                <input ref={file_input} type="file" accept=".json,application/json" class="visually-hidden"
                    aria-label="Import a plan file" tabindex="-1" onchange={on_file_chosen} data-testid="import-file" />
                <input ref={compare_input} type="file" accept=".json,application/json" class="visually-hidden"
                    aria-label="Compare with a plan file" tabindex="-1" onchange={on_compare_chosen} data-testid="compare-file" />
            </div>
            <div class="header-views">
                <nav aria-label="Views" class="views-nav">{ for nav }</nav>
                <button type="button" class="present-button" onclick={props.on_present.clone()} disabled={props.presenting || current.is_none()}
                    title="Open an audience window for the projector and present from this one">{ if props.presenting { "Presenting" } else { "Present" } }</button>
            </div>
            if *creating {
                <form class="create-form" onsubmit={on_create} aria-label="New engagement">
                    <div class="field">
                        <label for="new-engagement-name" class="field-label">{ "Name" }</label>
                        <input id="new-engagement-name" type="text" value={(*new_name).clone()} oninput={on_new_name} maxlength="200" required=true />
                    </div>
                    <SelectField label="Template" options={template_options} selected={AttrValue::from(format!("{:?}", *new_template))} on_change={on_template} />
                    <button type="submit" class="primary">{ "Create" }</button>
                    <button type="button" onclick={let c = creating.clone(); move |_| c.set(false)}>{ "Cancel" }</button>
                </form>
            }
            if *sharing {
                <super::share::ShareDialog on_close={let s = sharing.clone(); move |()| s.set(false)} />
            }
            if *drop_hint {
                <div class="drop-hint" aria-hidden="true">{ "Drop the file to import it" }</div>
            }
        </header>
    }
}
