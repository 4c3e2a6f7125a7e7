//! Notices that keep data safe: refused actions, failed saves with a download, another
//! tab's changes, an unreadable saved plan kept aside, and the import decision.

use super::context::use_plan;
use crate::model::Action;
use crate::storage::browser::{self, SaveError, StorageNotice};
use crate::storage::{self, sent, Base, DocumentKind, LoadedDocument};
use std::rc::Rc;
use yew::prelude::*;

/// Where saving stands.
#[derive(Clone, PartialEq)]
pub enum SaveState {
    Saved,
    Pending,
    Failed(SaveError),
}

/// A file that was read and validated, waiting for the user to choose what to do.
#[derive(PartialEq)]
pub struct ImportOffer {
    pub file_name: String,
    pub document: LoadedDocument,
}

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub error: Option<String>,
    pub on_dismiss_error: Callback<MouseEvent>,
    pub save_state: SaveState,
    pub on_retry_save: Callback<MouseEvent>,
    pub notice: Option<StorageNotice>,
    pub on_dismiss_notice: Callback<MouseEvent>,
    pub other_tab: bool,
    pub on_load_other_tab: Callback<MouseEvent>,
    pub on_keep_mine: Callback<MouseEvent>,
    pub import_offer: Option<Rc<ImportOffer>>,
    pub on_import_offer: Callback<Option<Rc<ImportOffer>>>,
    /// Opens the comparison page with a plan; given only while there is a current
    /// engagement to compare it with.
    #[prop_or_default]
    pub on_compare: Option<Callback<(String, LoadedDocument)>>,
}

#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    let plan = use_plan();
    let download_plan = {
        let workspace = plan.workspace.clone();
        Callback::from(move |_: MouseEvent| {
            let json = storage::to_json(&workspace, Some(&browser::now_iso()));
            let name = storage::file_name_for("engagement-planner", DocumentKind::Workspace);
            browser::download(&name, &json, browser::JSON_MIME);
        })
    };

    let error = props.error.as_ref().map(|message| {
        html! {
            <div class="notice notice-error" role="alert" data-testid="error">
                <p>{ message }</p>
                <button type="button" onclick={props.on_dismiss_error.clone()}>{ "Dismiss" }</button>
            </div>
        }
    });

    let save = match &props.save_state {
        SaveState::Failed(SaveError::Conflict) => None,
        SaveState::Failed(SaveError::Quota) => Some(html! {
            <div class="notice notice-error" role="alert" data-testid="save-failed">
                <p><strong>{ "Your latest changes are not saved in this browser: its storage is full." }</strong>
                   { " Nothing is lost while this tab stays open. Download the plan as a file to keep it safe, then free some space (delete old engagements or other sites' data) and try again." }</p>
                <button type="button" class="primary" onclick={download_plan.clone()}>{ "Download plan" }</button>
                <button type="button" onclick={props.on_retry_save.clone()}>{ "Try saving again" }</button>
            </div>
        }),
        SaveState::Failed(err) => Some(html! {
            <div class="notice notice-error" role="alert" data-testid="save-failed">
                <p><strong>{ "Your latest changes are not saved in this browser." }</strong>{ format!(" {err} Download the plan as a file to keep it safe.") }</p>
                <button type="button" class="primary" onclick={download_plan.clone()}>{ "Download plan" }</button>
                <button type="button" onclick={props.on_retry_save.clone()}>{ "Try saving again" }</button>
            </div>
        }),
        _ => None,
    };

    let conflict = (props.other_tab || props.save_state == SaveState::Failed(SaveError::Conflict)).then(|| html! {
        <div class="notice notice-warning" role="alert" data-testid="conflict">
            <p><strong>{ "This plan was changed in another tab or window." }</strong>
               { " Saving here is paused so neither version overwrites the other. Load the other version (Undo brings yours back), or keep yours and overwrite it." }</p>
            <button type="button" class="primary" onclick={props.on_load_other_tab.clone()}>{ "Load the other version" }</button>
            <button type="button" onclick={props.on_keep_mine.clone()}>{ "Keep mine and overwrite" }</button>
            <button type="button" onclick={download_plan.clone()}>{ "Download mine" }</button>
        </div>
    });

    let notice = props.notice.as_ref().map(|notice| match notice {
        StorageNotice::Quarantined { key, error, raw, kept } => {
            let raw = raw.clone();
            // Where the plan could not be kept aside, downloading it is what lets saving
            // resume, so the download also closes the notice.
            let after = (!*kept).then(|| props.on_dismiss_notice.clone());
            let download_raw = Callback::from(move |e: MouseEvent| {
                browser::download("unreadable-plan.json", &raw, browser::JSON_MIME);
                if let Some(after) = &after {
                    after.emit(e);
                }
            });
            let kept_text = if *kept {
                format!(" It has been kept aside unchanged (in this browser's storage under “{key}”), and you are starting with an empty plan.")
            } else {
                " It could not be copied aside, so saving is paused until you download it.".to_string()
            };
            html! {
                <div class="notice notice-error" role="alert" data-testid="quarantine">
                    <p><strong>{ "The plan saved in this browser could not be read." }</strong>{ format!(" {error}") }{ kept_text }</p>
                    <button type="button" class="primary" onclick={download_raw}>{ "Download the unreadable plan" }</button>
                    if *kept {
                        <button type="button" onclick={props.on_dismiss_notice.clone()}>{ "Dismiss" }</button>
                    }
                </div>
            }
        }
        StorageNotice::Unavailable(reason) => html! {
            <div class="notice notice-warning" role="alert" data-testid="storage-unavailable">
                <p><strong>{ "This browser does not let the planner keep your plan." }</strong>
                   { format!(" {reason} Your work stays in this tab only: download it as a file to keep it.") }</p>
                <button type="button" class="primary" onclick={download_plan.clone()}>{ "Download plan" }</button>
                <button type="button" onclick={props.on_dismiss_notice.clone()}>{ "Dismiss" }</button>
            </div>
        },
    });

    let import = props.import_offer.as_ref().map(|offer| {
        let w = &offer.document.workspace;
        let names: Vec<&str> = w.engagements.iter().map(|e| e.name.as_str()).collect();
        let cancel = {
            let cb = props.on_import_offer.clone();
            Callback::from(move |_: MouseEvent| cb.emit(None))
        };
        let add = {
            let cb = props.on_import_offer.clone();
            let dispatch = plan.dispatch.clone();
            let from = w.clone();
            Callback::from(move |_: MouseEvent| {
                dispatch.emit(Action::ImportEngagements { from: from.clone() });
                cb.emit(None);
            })
        };
        let replace = {
            let cb = props.on_import_offer.clone();
            let dispatch = plan.dispatch.clone();
            let with = w.clone();
            let revision = offer.document.revision.clone();
            Callback::from(move |_: MouseEvent| {
                dispatch.emit(Action::ReplaceWorkspace { with: with.clone() });
                // The plan is now this copy: the next file sent from here carries it as
                // its base (or none, when the file names no copy: what was kept before
                // is no longer what the plan is based on). Not the plan itself, so
                // failing to keep it loses nothing.
                match &revision {
                    Some(revision) => {
                        let _ = sent::keep_received(&Base {
                            revision: revision.clone(),
                            workspace: with.clone(),
                        });
                    }
                    None => sent::forget_received(),
                }
                cb.emit(None);
            })
        };
        // Comparing looks at the offered plan without taking anything of it yet.
        let compare = props.on_compare.clone().map(|on_compare| {
            let cb = props.on_import_offer.clone();
            let offer = offer.clone();
            Callback::from(move |_: MouseEvent| {
                on_compare.emit((offer.file_name.clone(), offer.document.clone()));
                cb.emit(None);
            })
        });
        let compare_text = if compare.is_some() {
            " Or compare it with the current engagement first: nothing changes until you take its changes."
        } else {
            ""
        };
        let migrated = offer.document.migrated_from.map(|v| format!(" It was saved in format version {v} and has been brought up to date.")).unwrap_or_default();
        html! {
            <div class="notice notice-info" role="dialog" aria-modal="false" aria-labelledby="import-title" data-testid="import-offer">
                <h2 id="import-title">{ format!("Import “{}”", offer.file_name) }</h2>
                <p>{ format!("It holds {} engagement(s) ({}) and {} people.{migrated}", w.engagements.len(), names.join(", "), w.people.len()) }</p>
                <p>{ "Add its engagements to this workspace (people with the same name and side are matched to your roster), or replace the whole workspace with it. Either can be undone." }{ compare_text }</p>
                <button type="button" class="primary" onclick={add}>{ "Add as new engagement" }</button>
                <button type="button" onclick={replace}>{ "Replace the workspace" }</button>
                if let Some(compare) = compare {
                    <button type="button" onclick={compare}>{ "Compare with this plan" }</button>
                }
                <button type="button" onclick={cancel}>{ "Cancel import" }</button>
            </div>
        }
    });

    html! {
        <section class="notices" aria-label="Notices">
            { for notice }
            { for conflict }
            { for save }
            { for error }
            { for import }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct SaveLineProps {
    pub save_state: SaveState,
}

/// Where saving stands, in a few words, for the status bar.
#[component]
pub fn SaveLine(props: &SaveLineProps) -> Html {
    let (text, class) = match &props.save_state {
        SaveState::Saved => ("All changes saved in this browser", None),
        SaveState::Pending => ("Saving…", None),
        SaveState::Failed(_) => ("Not saved", Some("save-line-failed")),
    };
    html! {
        <p class={classes!("save-line", class)} data-testid="save-state">{ text }</p>
    }
}
