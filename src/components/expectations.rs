//! The expectations view: for each client need, how fully it was promised, bought,
//! needed and delivered, and whether those four agree (docs/DOMAIN.md: clients are
//! satisfied when all four match; check 10).

use super::context::{anchor, use_plan};
use super::widgets::fields::{Checkbox, SelectField, TextField};
use crate::model::limits::TEXT_MAX;
use crate::model::{
    Action, ClientNeed, Coverage, EngagementId, NeedAspect, NeedEdit, NeedStatus, Stage,
};
use crate::view::needs::{
    aspect_question, aspect_word, delivery_due_words, mismatched_aspects, plural, status_badge,
    status_words,
};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
struct NeedRowProps {
    engagement: EngagementId,
    stage: Stage,
    need: ClientNeed,
}

/// One client need: its title, the four coverages, status, note and removal.
#[component]
fn NeedRow(props: &NeedRowProps) -> Html {
    let plan = use_plan();
    let need = &props.need;
    let engagement = props.engagement;
    let edit = {
        let try_apply = plan.try_apply.clone();
        let id = need.id;
        move |edit: NeedEdit| {
            try_apply.emit(Action::EditNeed {
                engagement,
                need: id,
                edit,
            })
        }
    };
    let status = need.status(props.stage);
    let mismatched = mismatched_aspects(&status);
    let (badge, badge_class) = status_badge(&status);
    let words = status_words(need, &status);
    let due = delivery_due_words(need, &status, props.stage);

    let on_title = {
        let edit = edit.clone();
        Callback::from(move |title: String| edit(NeedEdit::Title(title)))
    };
    let on_note = {
        let edit = edit.clone();
        Callback::from(move |note: String| edit(NeedEdit::Note(note)))
    };
    let on_complete = {
        let edit = edit.clone();
        let current = need.complete;
        Callback::from(move |done: bool| {
            if done != current {
                edit(NeedEdit::Complete(done))
            } else {
                Ok(())
            }
        })
    };
    let on_remove = {
        let dispatch = plan.dispatch.clone();
        let announce = plan.announce.clone();
        let id = need.id;
        let title = need.title.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::RemoveNeed {
                engagement,
                need: id,
            });
            announce.emit(format!("Removed client need \u{201c}{title}\u{201d}."));
            // The row and its focused button are gone; keep keyboard users in the view.
            if let Some(el) = gloo::utils::document().get_element_by_id("new-need-anchor") {
                if let Ok(el) = el.dyn_into::<HtmlElement>() {
                    let _ = el.focus();
                }
            }
        })
    };
    let options: Vec<(AttrValue, AttrValue)> = Coverage::ALL
        .iter()
        .map(|c| (AttrValue::from(c.label()), AttrValue::from(c.label())))
        .collect();

    let cells = NeedAspect::ALL.iter().map(|&aspect| {
        let coverage = need.coverage(aspect);
        let on_change = {
            let edit = edit.clone();
            Callback::from(move |value: String| {
                match Coverage::ALL.iter().find(|c| c.label() == value) {
                    Some(&c) => edit(NeedEdit::Coverage(aspect, c)),
                    None => Ok(()),
                }
            })
        };
        let is_mismatch = mismatched.contains(&aspect);
        // Delivery is not compared before the performance stage, so an unknown there is
        // not a gap.
        let is_unknown = coverage == Coverage::Unknown
            && (props.stage >= Stage::Performance
                || need.complete
                || aspect != NeedAspect::Delivered);
        let class = classes!(
            "coverage-cell",
            format!("coverage-{}", coverage.label().to_lowercase()),
            is_mismatch.then_some("cell-mismatch"),
            is_unknown.then_some("cell-unknown"),
        );
        html! {
            <td class={class} data-aspect={aspect_word(aspect)}>
                <SelectField label={format!("{}: {}", need.title, aspect.label())} hide_label=true
                    options={options.clone()} selected={AttrValue::from(coverage.label())} {on_change} />
                if is_mismatch {
                    <span class="mismatch-mark"><span aria-hidden="true">{ "≠" }</span><span class="visually-hidden">{ "mismatch" }</span></span>
                }
            </td>
        }
    });

    html! {
        <tr id={anchor::need(need.id)} class={classes!("need-row", matches!(status, NeedStatus::Mismatch(_)).then_some("row-mismatch"))}>
            <th scope="row" class="need-title">
                <TextField label={format!("Title of {}", need.title)} hide_label=true required=true wrap=true
                    value={need.title.clone()} on_commit={on_title} />
            </th>
            { for cells }
            <td class="need-complete">
                <Checkbox label={format!("{} is complete", need.title)} hide_label=true
                    checked={need.complete} on_change={on_complete} />
            </td>
            <td class="need-status" data-testid="need-status">
                <span class={classes!("badge", badge_class)} aria-hidden="true">{ badge }</span>
                <span class="status-words">{ words }</span>
                if let Some(due) = due {
                    <span class="status-reason">{ " " }{ due }</span>
                }
            </td>
            <td class="need-note">
                <TextField label={format!("Note on {}", need.title)} hide_label=true multiline=true
                    max_length={TEXT_MAX as u32} value={need.note.clone()} on_commit={on_note} />
            </td>
            <td class="need-actions">
                <div class="row-actions">
                    <button type="button" class="danger" aria-label={format!("Remove need {}", need.title)}
                        onclick={on_remove}>{ "Remove" }</button>
                </div>
            </td>
        </tr>
    }
}

/// Client needs: promised, bought, needed, delivered.
#[component]
pub fn ExpectationsView() -> Html {
    let plan = use_plan();
    // What is typed in the new-need field, so the field empties after an add.
    let draft = use_state(String::new);
    let add_error = use_state(|| None::<String>);

    let Some(engagement) = plan.current() else {
        return html! {
            <section class="view expectations" aria-labelledby="expectations-title">
                <h2 id="expectations-title">{ "Expectations" }</h2>
                <p class="empty">{ "Select or create an engagement to record its client needs." }</p>
            </section>
        };
    };
    let engagement_id = engagement.id;
    let stage = engagement.stage;

    let statuses: Vec<NeedStatus> = engagement.needs.iter().map(|n| n.status(stage)).collect();
    let consistent = statuses
        .iter()
        .filter(|s| matches!(s, NeedStatus::Consistent))
        .count();
    let mismatched = statuses
        .iter()
        .filter(|s| matches!(s, NeedStatus::Mismatch(_)))
        .count();
    let in_progress = statuses
        .iter()
        .filter(|s| matches!(s, NeedStatus::InProgress(_)))
        .count();
    let summary = format!(
        "{}, {} consistent, {} in progress, {} mismatched.",
        plural(engagement.needs.len(), "need", "needs"),
        consistent,
        in_progress,
        mismatched
    );

    let on_draft = {
        let draft = draft.clone();
        let add_error = add_error.clone();
        Callback::from(move |text: String| {
            draft.set(text);
            add_error.set(None);
            Ok(())
        })
    };
    let on_add = {
        let try_apply = plan.try_apply.clone();
        let announce = plan.announce.clone();
        let draft = draft.clone();
        let add_error = add_error.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // Enter commits the field and submits the form in one task, before the
            // committed text reaches the state: read it from the form itself.
            let input = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|form| form.query_selector("input").ok().flatten())
                .map(|input| input.unchecked_into::<HtmlInputElement>());
            let typed = match &input {
                Some(input) => input.value(),
                None => (*draft).clone(),
            };
            let title = typed.trim().to_string();
            if title.is_empty() {
                add_error.set(Some("Type the client need first, then add it.".to_string()));
                return;
            }
            let message = format!("Added client need \u{201c}{title}\u{201d}.");
            let added = try_apply.emit(Action::AddNeed {
                engagement: engagement_id,
                title,
            });
            if let Err(refused) = added {
                add_error.set(Some(refused.to_string()));
                return;
            }
            announce.emit(message);
            if let Some(input) = input {
                input.set_value("");
            }
            draft.set(String::new());
            add_error.set(None);
        })
    };

    let stage_note = if stage == Stage::Support {
        format!(
            "This engagement is in the {} stage: delivery is over, so every need must be delivered as promised, bought and needed.",
            stage.label()
        )
    } else if stage >= Stage::Performance {
        format!(
            "This engagement is in the {} stage, so what is delivered is compared too. Delivering is not failing: a need delivered less than promised is in progress until it is marked complete or the engagement reaches Support. Delivering more than agreed is a mismatch.",
            stage.label()
        )
    } else {
        format!(
            "This engagement is in the {} stage: delivery is only expected to match from the Performance stage on, so Delivered is not compared yet (except for a need marked complete).",
            stage.label()
        )
    };

    let rows = engagement.needs.iter().map(|need| {
        html! { <NeedRow key={need.id.0} engagement={engagement_id} {stage} need={need.clone()} /> }
    });

    html! {
        <section class="view expectations" aria-labelledby="expectations-title">
            <h2 id="expectations-title">{ "Expectations" }</h2>
            <div class="expectations-intro">
                <p>{ "Clients are satisfied when what was promised, what they bought, what they need and what is delivered all match. For each client need, record how fully it is:" }</p>
                <dl class="aspect-list">
                    { for NeedAspect::ALL.iter().map(|&a| html! {
                        <div>
                            <dt>{ a.label() }</dt>
                            <dd>{ aspect_question(a) }</dd>
                        </div>
                    }) }
                </dl>
                <p class="stage-note" data-testid="stage-note">{ stage_note }</p>
            </div>
            <p class="needs-summary" data-testid="needs-summary">{ summary }</p>
            if engagement.needs.is_empty() {
                <p class="empty">{ "No client needs recorded yet. Add the first one below, in the client's own words." }</p>
            } else {
                <div class="table-scroll">
                    <table class="table expectations-grid">
                        <caption>{ format!("Client needs of {}: promised, bought, needed and delivered", engagement.name) }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ "Client need" }</th>
                                { for NeedAspect::ALL.iter().map(|a| html! { <th scope="col">{ a.label() }</th> }) }
                                <th scope="col">{ "Complete" }</th>
                                <th scope="col">{ "Status" }</th>
                                <th scope="col">{ "Note" }</th>
                                <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                            </tr>
                        </thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            }
            <form class="add-need no-print" onsubmit={on_add} aria-label="Add client need" id="new-need-anchor" tabindex="-1">
                <TextField label="New client need" value={(*draft).clone()} on_commit={on_draft}
                    placeholder="e.g. Monthly usage report" testid="new-need" />
                <button type="submit" class="primary">{ "Add client need" }</button>
                if let Some(message) = (*add_error).clone() {
                    <p class="field-error" role="alert">{ message }</p>
                }
            </form>
        </section>
    }
}
