//! Comparing a plan that came back by email with the current engagement (File ▸
//! Compare with a file…), shown in place of the view as the charter is: what differs,
//! grouped the way people think of a plan and said in words with the old and the new
//! value, each change a checkbox; "Take selected changes" and "Take all changes" take
//! them through the app's history as one undoable step. The comparison itself is
//! `model::compare`; this only shows it and asks the app to take changes. While it is
//! open the page's root carries `compare-open`, which style/compare.css uses to print
//! the comparison alone.

use super::context::use_plan;
use crate::model::{
    compare, compare_by, likely_match, matching_since, Change, ChangeGroup, Comparison,
    EngagementId, MadeBy, Refusal, Workspace,
};
use std::collections::BTreeSet;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The class on the page's root while the comparison is open.
const OPEN_CLASS: &str = "compare-open";

/// What taking changes answered: each change tried, with whether it was taken or why not.
pub type Taken = Vec<(usize, Result<(), Refusal>)>;

/// A plan file read to compare with: its name and what it holds (validated).
#[derive(PartialEq, Eq)]
pub struct CompareFile {
    pub file_name: String,
    pub workspace: Workspace,
    /// The copy the file was based on, when it carries one that was sent from here:
    /// each change then says who made it.
    pub base: Option<Workspace>,
    /// Why there is no such copy, in words, shown when `base` is `None`.
    pub no_base: String,
}

/// What is said when a file carries no copy it was based on.
pub const NO_BASE: &str = "This file does not carry the copy it was based on, so only the differences are shown, not who changed what.";

/// What is said when the copy a file was based on was not sent from this browser.
pub const NOT_SENT_HERE: &str = "This file is based on a copy that was not sent from this browser, so only the differences are shown, not who changed what.";

#[derive(Properties, PartialEq)]
pub struct CompareViewProps {
    /// The engagement of this plan compared.
    pub engagement: EngagementId,
    pub file: Rc<CompareFile>,
    /// Back to the plan.
    pub on_back: Callback<()>,
    /// Takes the chosen changes of the comparison as one undoable step.
    pub on_take: Callback<(Rc<Comparison>, Vec<usize>), Taken>,
}

/// One line of what the last taking did.
#[derive(Clone, PartialEq)]
struct Outcome {
    text: String,
    values: String,
    refused: Option<String>,
}

/// What identifies a change across comparisons: the comparison is made again after
/// every change of the plan, and a change taken is gone from it.
fn change_key(c: &Change) -> String {
    format!("{}\u{1f}{}\u{1f}{}", c.text, c.old, c.new)
}

/// A value as shown, with a dash for a side that has none.
fn shown(v: &str) -> String {
    if v.is_empty() {
        "—".to_string()
    } else {
        v.to_string()
    }
}

/// "old → new", with a dash for a side that has no value.
fn values(c: &Change) -> String {
    format!("{} → {}", shown(&c.old), shown(&c.new))
}

/// "Taking it also takes: …", for a change that needs others first.
fn needs_line(c: &Comparison, change: &Change) -> Option<Html> {
    let needs: Vec<&str> = change
        .needs
        .iter()
        .filter_map(|&n| c.changes.get(n))
        .map(|n| n.text.as_str())
        .collect();
    (!needs.is_empty()).then(|| {
        html! {
            <p class="compare-needs">{ format!("Taking it also takes: {}.", needs.join("; ")) }</p>
        }
    })
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[component]
pub fn CompareView(props: &CompareViewProps) -> Html {
    let plan = use_plan();
    let workspace = plan.workspace.clone();
    let there = &props.file.workspace;
    let ours = workspace.engagement(props.engagement);
    // The file's engagement compared: the one most likely this one, else its first.
    let theirs = use_state({
        let default = likely_match(&workspace, props.engagement, there)
            .or_else(|| there.engagements.first().map(|e| e.id));
        move || default
    });
    let theirs_engagement = theirs.and_then(|id| there.engagement(id));
    // Made again only when the plan, the file or the engagements compared change (an
    // `Rc` of a type with `Eq` compares its pointer first).
    #[allow(clippy::type_complexity)]
    let comparison: Option<(Rc<Comparison>, Option<Rc<Vec<MadeBy>>>)> = (*use_memo(
        (
            workspace.clone(),
            props.file.clone(),
            props.engagement,
            *theirs,
        ),
        |(workspace, file, engagement, theirs)| {
            let t = (*theirs)?;
            match &file.base {
                Some(base) => {
                    let m = matching_since(workspace, *engagement, &file.workspace, t, base);
                    let c = compare_by(workspace, *engagement, &file.workspace, t, m)?;
                    let made_by = c.made_by(workspace, base);
                    Some((Rc::new(c), made_by.map(Rc::new)))
                }
                None => {
                    compare(workspace, *engagement, &file.workspace, t).map(|c| (Rc::new(c), None))
                }
            }
        },
    ))
    .clone();
    let (comparison, made_by) = match comparison {
        Some((c, m)) => (Some(c), m),
        None => (None, None),
    };
    let selected = use_state(BTreeSet::<String>::new);
    let outcomes = use_state(|| None::<Vec<Outcome>>);
    // After taking, the buttons used may be gone or disabled: the focus goes to what
    // was taken.
    let focus = super::widgets::focus::use_focus_request();
    // What was taken is shown until the plan changes otherwise (an undo, say): set when
    // a taking changed the plan, so that the change it made keeps the list.
    let just_took = use_mut_ref(|| false);
    {
        let outcomes = outcomes.clone();
        let just_took = just_took.clone();
        use_effect_with(workspace.clone(), move |_| {
            if !std::mem::take(&mut *just_took.borrow_mut()) {
                outcomes.set(None);
            }
        });
    }

    // While open: the root's class (print the comparison alone), the document's title
    // (the printed file's default name), both put back on closing; focus on the heading.
    let title = format!(
        "{} – changes from {}",
        ours.map(|e| e.name.as_str()).unwrap_or_default(),
        props.file.file_name
    );
    use_effect_with((), |_| {
        super::widgets::focus::focus_selector("#compare-title")
    });
    use_effect_with(title, |title| {
        let document = gloo::utils::document();
        let before = document.title();
        if let Some(root) = document.document_element() {
            let _ = root.class_list().add_1(OPEN_CLASS);
        }
        document.set_title(title);
        move || {
            if let Some(root) = document.document_element() {
                let _ = root.class_list().remove_1(OPEN_CLASS);
            }
            document.set_title(&before);
        }
    });

    let on_back = {
        let on_back = props.on_back.clone();
        Callback::from(move |_: MouseEvent| on_back.emit(()))
    };
    let on_print = Callback::from(|_: MouseEvent| {
        let _ = gloo::utils::window().print();
    });
    let on_theirs = {
        let theirs = theirs.clone();
        let selected = selected.clone();
        let outcomes = outcomes.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Ok(id) = value.parse() {
                theirs.set(Some(EngagementId(id)));
                selected.set(BTreeSet::new());
                outcomes.set(None);
            }
        })
    };

    // Takes the chosen changes, then shows and announces what happened.
    let take = {
        let on_take = props.on_take.clone();
        let selected = selected.clone();
        let outcomes = outcomes.clone();
        let announce = plan.announce.clone();
        let focus = focus.clone();
        let just_took = just_took.clone();
        move |comparison: Rc<Comparison>, chosen: Vec<usize>| {
            let results = on_take.emit((comparison.clone(), chosen));
            let lines: Vec<Outcome> = results
                .iter()
                .filter_map(|(i, result)| {
                    let change = comparison.changes.get(*i)?;
                    Some(Outcome {
                        text: change.text.clone(),
                        values: values(change),
                        refused: result.as_ref().err().map(|r| r.to_string()),
                    })
                })
                .collect();
            let refused = lines.iter().filter(|l| l.refused.is_some()).count();
            let taken = lines.len() - refused;
            *just_took.borrow_mut() = taken > 0;
            let mut message = format!("Took {}.", plural(taken, "change", "changes"));
            if refused > 0 {
                message.push_str(&if refused == 1 {
                    " 1 change was refused: the reason is listed under “What was taken”."
                        .to_string()
                } else {
                    format!(
                        " {refused} changes were refused: the reasons are listed under “What was taken”."
                    )
                });
            }
            match taken {
                0 => {}
                1 => message.push_str(" Undo (Ctrl+Z) takes it back."),
                _ => message.push_str(" Undo (Ctrl+Z) takes them back."),
            }
            announce.emit(message);
            selected.set(BTreeSet::new());
            outcomes.set(Some(lines));
            focus.focus("#compare-outcome-title");
        }
    };

    let file_name = &props.file.file_name;
    let ours_name = ours.map(|e| e.name.clone()).unwrap_or_default();
    let heading = format!("“{ours_name}” compared with “{file_name}”");

    let tools = html! {
        <div class="compare-tools" role="group" aria-label="Comparison">
            <button type="button" onclick={on_back}>{ "Back to the plan" }</button>
            <button type="button" onclick={on_print}>{ "Print" }</button>
        </div>
    };

    let choice = (there.engagements.len() > 1).then(|| {
        let current = theirs.map(|id| id.to_string()).unwrap_or_default();
        html! {
            <div class="field compare-choice">
                <label for="compare-engagement" class="field-label">{ "Engagement in the file to compare with" }</label>
                <select id="compare-engagement" onchange={on_theirs}>
                    { for there.engagements.iter().map(|e| {
                        let value = e.id.to_string();
                        let chosen = value == current;
                        html! { <option value={value} selected={chosen}>{ e.name.clone() }</option> }
                    }) }
                </select>
            </div>
        }
    });

    let outcome_list = outcomes.as_ref().map(|lines| {
        html! {
            <section class="compare-outcome" aria-labelledby="compare-outcome-title" data-testid="compare-outcome">
                <h3 id="compare-outcome-title" tabindex="-1">{ "What was taken" }</h3>
                if lines.is_empty() {
                    <p>{ "No change was chosen." }</p>
                } else {
                    <ul>
                        { for lines.iter().map(|l| html! {
                            <li class={classes!("compare-outcome-line", l.refused.is_some().then_some("compare-refused"))}>
                                <span class="compare-verdict">{ if l.refused.is_some() { "Refused: " } else { "Taken: " } }</span>
                                <span class="compare-text">{ l.text.clone() }</span>
                                <span class="compare-values">{ format!(" ({})", l.values) }</span>
                                if let Some(reason) = &l.refused {
                                    <span class="compare-reason">{ format!(" — {reason}") }</span>
                                }
                            </li>
                        }) }
                    </ul>
                }
            </section>
        }
    });

    let body = match (&comparison, ours, theirs_engagement) {
        (_, None, _) => html! {
            <p class="compare-missing">{ "That engagement no longer exists: go back to the plan and choose another." }</p>
        },
        (_, _, None) | (None, _, _) => html! {
            <p class="compare-missing">{ format!("“{file_name}” holds no engagement to compare with.") }</p>
        },
        (Some(c), Some(_), Some(t)) => {
            let chosen: Vec<usize> = c
                .changes
                .iter()
                .enumerate()
                .filter(|(_, ch)| ch.can_be_taken() && selected.contains(&change_key(ch)))
                .map(|(i, _)| i)
                .collect();
            // With the copy sent, "all" is every change made in the file: changes made
            // here would be undone, and changes of both sides are chosen one by one.
            let in_all = {
                let made_by = made_by.clone();
                move |i: usize| match made_by.as_ref().and_then(|m| m.get(i)) {
                    Some(by) => *by == MadeBy::Them,
                    None => true,
                }
            };
            let takeable = (0..c.changes.len())
                .filter(|&i| c.changes[i].can_be_taken() && in_all(i))
                .count();
            let on_take_selected = {
                let take = take.clone();
                let c = c.clone();
                let chosen = chosen.clone();
                Callback::from(move |_: MouseEvent| take(c.clone(), chosen.clone()))
            };
            let on_take_all = {
                let take = take.clone();
                let c = c.clone();
                let in_all = in_all.clone();
                Callback::from(move |_: MouseEvent| {
                    let all = (0..c.changes.len())
                        .filter(|&i| c.changes[i].can_be_taken() && in_all(i))
                        .collect();
                    take(c.clone(), all)
                })
            };
            let summary = if c.is_empty() {
                format!(
                    "Your “{ours_name}” and “{}” in the file are the same.",
                    t.name
                )
            } else {
                format!(
                    "{} between your “{ours_name}” and “{}” in the file.",
                    plural(c.changes.len(), "difference", "differences"),
                    t.name
                )
            };
            let groups = ChangeGroup::ALL.iter().filter_map(|&group| {
                let changes: Vec<(usize, &Change)> = c.group(group).collect();
                if changes.is_empty() {
                    return None;
                }
                let title_id = format!("compare-group-{}", group.label().to_lowercase().replace(' ', "-"));
                Some(html! {
                    <section class="compare-group" aria-labelledby={title_id.clone()}>
                        <h3 id={title_id}>{ group.label() }<span class="compare-count">{ format!(" ({})", changes.len()) }</span></h3>
                        <ul class="compare-changes">
                            { for changes.into_iter().map(|(i, change)| {
                                let by = made_by.as_ref().and_then(|m| m.get(i));
                                change_row(c, i, change, by, &selected)
                            }) }
                        </ul>
                    </section>
                })
            });
            html! {
                <>
                    <p class="compare-summary" data-testid="compare-summary">{ summary }</p>
                    if !c.is_empty() {
                        <div class="compare-actions" role="group" aria-label="Take changes">
                            <button type="button" class="primary" onclick={on_take_selected} disabled={chosen.is_empty()}>
                                { "Take selected changes" }
                            </button>
                            <button type="button" onclick={on_take_all} disabled={takeable == 0}>
                                { if made_by.is_some() { "Take all changes made in the file" } else { "Take all changes" } }
                            </button>
                            <span class="compare-hint">{ "Taking is one step: Undo (Ctrl+Z) takes it back. Changes not taken stay listed." }</span>
                        </div>
                    }
                    { for groups }
                </>
            }
        }
    };

    html! {
        <div class="compare" data-testid="compare">
            { tools }
            <article class="compare-page" aria-labelledby="compare-title">
                <header class="compare-head">
                    <h2 id="compare-title" tabindex="-1">{ heading }</h2>
                    <p class="compare-meta">
                        { format!("Your engagement “{ours_name}”") }
                        if let Some(t) = theirs_engagement {
                            { format!(" compared with “{}” in the file", t.name) }
                        }
                        { format!(" on {}.", super::decision_log::today()) }
                    </p>
                </header>
                { for choice }
                if let Some(c) = &comparison {
                    <p class="compare-matching" data-testid="compare-matching">{ c.matching.explained() }</p>
                }
                if made_by.is_some() {
                    <p class="compare-base" data-testid="compare-base">
                        { "This file carries the copy sent from here, so each change says where it was made: in the file, here since it was sent, or on both sides. For a change made on both sides, choose which to keep." }
                    </p>
                } else if props.file.base.is_some() {
                    <p class="compare-no-base" data-testid="compare-no-base">
                        { "The copy this file was based on does not have this engagement, so only the differences are shown, not who changed what." }
                    </p>
                } else {
                    <p class="compare-no-base" data-testid="compare-no-base">{ props.file.no_base.clone() }</p>
                }
                { for outcome_list }
                { body }
            </article>
        </div>
    }
}

/// One change: a checkbox named by its sentence, with the old and the new value; one
/// that cannot be taken shows why instead of a checkbox.
fn change_row(
    c: &Rc<Comparison>,
    index: usize,
    change: &Change,
    made_by: Option<&MadeBy>,
    selected: &UseStateHandle<BTreeSet<String>>,
) -> Html {
    let tag = made_by.map(|by| {
        let class = match by {
            MadeBy::Them => "compare-by compare-by-them",
            MadeBy::You => "compare-by compare-by-you",
            MadeBy::Both { .. } => "compare-by compare-by-both",
        };
        html! { <span class={class}>{ by.label() }</span> }
    });
    if let (Some(MadeBy::Both { sent }), None) = (made_by, &change.cannot) {
        return conflict_row(c, index, change, sent, tag, selected);
    }
    let id = format!("compare-change-{index}");
    let values_id = format!("{id}-values");
    let needs_line = needs_line(c, change);
    match &change.cannot {
        Some(reason) => html! {
            <li class="compare-change compare-cannot">
                { for tag }
                <span class="compare-text">{ change.text.clone() }</span>
                <span class="compare-values">{ values(change) }</span>
                <p class="compare-reason">{ format!("Cannot be taken: {reason}") }</p>
            </li>
        },
        None => {
            let key = change_key(change);
            let checked = selected.contains(&key);
            let on_toggle = {
                let selected = selected.clone();
                Callback::from(move |e: Event| {
                    let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                    let mut next = (*selected).clone();
                    if on {
                        next.insert(key.clone());
                    } else {
                        next.remove(&key);
                    }
                    selected.set(next);
                })
            };
            html! {
                <li class="compare-change">
                    <input type="checkbox" id={id.clone()} {checked} onchange={on_toggle}
                        aria-describedby={values_id.clone()} />
                    <label for={id} class="compare-text">{ change.text.clone() }</label>
                    { for tag }
                    <span id={values_id} class="compare-values">{ values(change) }</span>
                    if made_by == Some(&MadeBy::You) {
                        <p class="compare-hint">{ "The file has the value sent: taking it undoes the change made here." }</p>
                    }
                    { for needs_line }
                </li>
            }
        }
    }
}

/// A change made on both sides: the value sent, here and in the file side by side,
/// and a choice between keeping the one here and taking the file's.
fn conflict_row(
    c: &Rc<Comparison>,
    index: usize,
    change: &Change,
    sent: &str,
    tag: Option<Html>,
    selected: &UseStateHandle<BTreeSet<String>>,
) -> Html {
    let key = change_key(change);
    let taking = selected.contains(&key);
    let choose = |take: bool| {
        let selected = selected.clone();
        let key = key.clone();
        Callback::from(move |_: Event| {
            let mut next = (*selected).clone();
            if take {
                next.insert(key.clone());
            } else {
                next.remove(&key);
            }
            selected.set(next);
        })
    };
    let name = format!("compare-change-{index}");
    let title_id = format!("{name}-text");
    html! {
        <li class="compare-change compare-conflict">
            <div role="radiogroup" aria-labelledby={title_id.clone()}>
                <span id={title_id} class="compare-text">{ change.text.clone() }</span>
                { " " }
                { for tag }
                <dl class="compare-sides">
                    <div><dt>{ "Sent" }</dt><dd>{ shown(sent) }</dd></div>
                    <div><dt>{ "Here" }</dt><dd>{ shown(&change.old) }</dd></div>
                    <div><dt>{ "In the file" }</dt><dd>{ shown(&change.new) }</dd></div>
                </dl>
                <label class="compare-pick">
                    <input type="radio" name={name.clone()} checked={!taking} onchange={choose(false)} />
                    { "Keep mine" }
                </label>
                <label class="compare-pick">
                    <input type="radio" name={name} checked={taking} onchange={choose(true)} />
                    { "Take theirs" }
                </label>
                { for needs_line(c, change) }
            </div>
        </li>
    }
}
