//! The header: the portfolio's engagements (switch, create, duplicate, delete), the
//! file actions (export, import), undo and redo, and the views' navigation.

use super::banners::ImportOffer;
use super::context::use_plan;
use super::widgets::fields::{SelectField, TextField};
use crate::model::assessment::View;
use crate::model::{Action, EngagementId, Template};
use crate::route::{view_slug, Route};
use crate::storage::{self, browser, DocumentKind};
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
}

/// Reads a chosen or dropped file and turns it into an import offer or an error.
fn read_import(
    file: File,
    on_offer: Callback<Option<Rc<ImportOffer>>>,
    on_error: Callback<String>,
) {
    let file_name = file.name();
    yew::platform::spawn_local(async move {
        match browser::read_file(file).await {
            Ok(bytes) => match storage::from_bytes(&bytes) {
                Ok(document) => on_offer.emit(Some(Rc::new(ImportOffer {
                    file_name,
                    document,
                }))),
                Err(err) => on_error.emit(format!(
                    "“{file_name}” was not imported, and your plan is unchanged. {err}"
                )),
            },
            Err(err) => on_error.emit(format!(
                "“{file_name}” was not imported, and your plan is unchanged. {err}"
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
    let drop_hint = use_state(|| false);
    let projector = use_state(|| false);
    let on_projector = {
        let projector = projector.clone();
        Callback::from(move |_| {
            let on = !*projector;
            if let Some(root) = gloo::utils::document().document_element() {
                let _ = if on {
                    root.set_attribute("data-theme", "projector")
                } else {
                    root.remove_attribute("data-theme")
                };
            }
            projector.set(on);
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
            match storage::engagement_to_json(&workspace, id, Some(&browser::now_iso())) {
                Some(json) => browser::download(
                    &storage::file_name_for(&name, DocumentKind::Engagement),
                    &json,
                    browser::JSON_MIME,
                ),
                None => on_error.emit("That engagement no longer exists.".into()),
            }
        })
    });
    let on_export_workspace = {
        let workspace = workspace.clone();
        Callback::from(move |_| {
            let json = storage::to_json(&workspace, Some(&browser::now_iso()));
            let name = storage::file_name_for("engagement-planner", DocumentKind::Workspace);
            browser::download(&name, &json, browser::JSON_MIME);
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

    html! {
        <header class="app-header">
            <div class="header-row">
                <h1 class="brand">{ "Engagement Planner" }</h1>
                <div class="toolbar" role="toolbar" aria-label="Engagement">
                    if !engagement_options.is_empty() {
                        <SelectField label="Engagement" options={engagement_options}
                            selected={AttrValue::from(engagement.map(|e| e.to_string()).unwrap_or_default())}
                            on_change={on_switch} testid="engagement-switcher" />
                    }
                    <button type="button" onclick={toggle_create} aria-expanded={(*creating).to_string()}>{ "New engagement" }</button>
                    <button type="button" onclick={on_duplicate.clone().unwrap_or_default()} disabled={on_duplicate.is_none()}>{ "Duplicate" }</button>
                    <button type="button" onclick={on_delete.clone().unwrap_or_default()} disabled={on_delete.is_none()}
                        aria-label="Delete engagement" class="danger">{ "Delete" }</button>
                </div>
                <div class="toolbar" role="toolbar" aria-label="File and history">
                    <button type="button" onclick={on_export_engagement.clone().unwrap_or_default()} disabled={on_export_engagement.is_none()}>{ "Export engagement" }</button>
                    <button type="button" onclick={on_export_workspace}>{ "Export workspace" }</button>
                    <button type="button" onclick={on_import_click}>{ "Import" }</button>
                    <input ref={file_input} type="file" accept=".json,application/json" class="visually-hidden"
                        aria-label="Import a plan file" tabindex="-1" onchange={on_file_chosen} data-testid="import-file" />
                    <button type="button" onclick={props.on_undo.clone()} disabled={!props.can_undo} aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">{ "Undo" }</button>
                    <button type="button" onclick={props.on_redo.clone()} disabled={!props.can_redo} aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)">{ "Redo" }</button>
                    <button type="button" onclick={props.on_present.clone()} disabled={props.presenting || current.is_none()}
                        title="Open an audience window for the projector and present from this one">{ if props.presenting { "Presenting" } else { "Present" } }</button>
                    <button type="button" onclick={on_projector} aria-pressed={(*projector).to_string()} title="Larger text and stronger contrast for a room">{ "Projector mode" }</button>
                </div>
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
            if let Some(e) = current.as_ref() {
                <div class="engagement-title">
                    <TextField label="Engagement name" hide_label=true value={AttrValue::from(e.name.clone())} required=true
                        on_commit={let apply = plan.try_apply.clone(); let id = e.id; move |name: String| apply.emit(Action::EditEngagement { engagement: id, edit: crate::model::EngagementEdit::Name(name) })} />
                    <span class="badge">{ e.relationship.label() }</span>
                    <span class="badge">{ e.stage.label() }</span>
                </div>
            }
            <nav aria-label="Views" class="views-nav">{ for nav }</nav>
            if *drop_hint {
                <div class="drop-hint" aria-hidden="true">{ "Drop the file to import it" }</div>
            }
        </header>
    }
}
