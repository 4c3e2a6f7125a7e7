//! The File menu's spreadsheet exports of who does what: the current engagement's
//! assignments, or every engagement's, as CSV. The CSV is `model::assignments_csv`'s;
//! this only offers it and downloads it.

use crate::model::assignments_csv::{assignments_csv, assignments_file_name};
use crate::model::pricing_io::CSV_MIME;
use crate::model::{Engagement, Workspace};
use crate::storage::browser;
use std::rc::Rc;
use yew::prelude::*;

/// The two menu items; `chosen` wraps each action so that choosing it closes the menu.
pub fn assignments_csv_items(
    workspace: &Rc<Workspace>,
    current: Option<&Engagement>,
    chosen: &dyn Fn(Callback<MouseEvent>) -> Callback<MouseEvent>,
) -> Html {
    let one = current.map(|e| {
        let (workspace, id) = (workspace.clone(), e.id);
        Callback::from(move |_: MouseEvent| {
            if let Some(e) = workspace.engagement(id) {
                let csv = assignments_csv(&workspace, [e]);
                browser::download(&assignments_file_name(Some(&e.name)), &csv, CSV_MIME);
            }
        })
    });
    let all = {
        let workspace = workspace.clone();
        Callback::from(move |_: MouseEvent| {
            let csv = assignments_csv(&workspace, &workspace.engagements);
            browser::download(&assignments_file_name(None), &csv, CSV_MIME);
        })
    };
    html! {
        <>
            <button type="button" onclick={chosen(one.clone().unwrap_or_default())} disabled={one.is_none()}
                title="Who does what in this engagement, for a spreadsheet">{ "Export assignments (CSV)" }</button>
            <button type="button" onclick={chosen(all)} disabled={workspace.engagements.is_empty()}
                title="Who does what in every engagement, for a spreadsheet">{ "Export all assignments (CSV)" }</button>
        </>
    }
}
