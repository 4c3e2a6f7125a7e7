//! The printable engagement charter, shown in place of the view (File ▸ Print charter…):
//! a sheet that looks like the page it prints, with "Back to the plan", "Print" and the
//! reader's options above it. What the sheet says is decided in `view::charter`; this
//! only renders it. While it is open the page's root carries `charter-open`, which
//! style/charter.css uses to print the charter alone, without the app around it.

use super::context::use_plan;
use crate::model::EngagementId;
use crate::storage::browser;
use crate::view::charter::{charter, page_title, Charter, CharterOptions};
use crate::view::present::Fact;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The class on the page's root while the charter is open.
const OPEN_CLASS: &str = "charter-open";

#[derive(Properties, PartialEq)]
pub struct CharterViewProps {
    pub engagement: EngagementId,
    /// Back to the plan.
    pub on_back: Callback<()>,
}

#[component]
pub fn CharterView(props: &CharterViewProps) -> Html {
    let plan = use_plan();
    let workspace = plan.workspace.clone();
    let engagement = workspace.engagement(props.engagement);
    let defaults = engagement.map(CharterOptions::defaults);
    let options = use_state(|| {
        defaults.unwrap_or(CharterOptions {
            include_deal: true,
            for_client: false,
        })
    });
    let title = engagement.map(page_title);

    // While open: the root's class (print the charter alone) and the document's title
    // (the printed file's default name), both put back on closing.
    use_effect_with(title, |title| {
        let document = gloo::utils::document();
        super::widgets::focus::focus_selector("#charter-title");
        let before = document.title();
        if let Some(root) = document.document_element() {
            let _ = root.class_list().add_1(OPEN_CLASS);
        }
        if let Some(title) = title {
            document.set_title(title);
        }
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
    let toggle = |set: fn(&mut CharterOptions, bool)| {
        let options = options.clone();
        Callback::from(move |e: Event| {
            let mut next = *options;
            set(
                &mut next,
                e.target_unchecked_into::<HtmlInputElement>().checked(),
            );
            options.set(next);
        })
    };
    let on_deal = toggle(|o, on| o.include_deal = on);
    let on_client = toggle(|o, on| o.for_client = on);

    let tools = html! {
        <div class="charter-tools" role="group" aria-label="Charter">
            <button type="button" onclick={on_back}>{ "Back to the plan" }</button>
            <button type="button" class="primary" onclick={on_print} disabled={engagement.is_none()}>{ "Print" }</button>
            <label class="charter-option">
                <input type="checkbox" checked={options.include_deal} onchange={on_deal} />
                { "Include the deal" }
            </label>
            <label class="charter-option">
                <input type="checkbox" checked={options.for_client} onchange={on_client} />
                { "For the client (leave out cost rates, margins, commission and internal notes)" }
            </label>
        </div>
    };
    let Some(e) = engagement else {
        return html! {
            <div class="charter">
                { tools }
                <p class="charter-missing">{ "That engagement no longer exists: go back to the plan and choose another." }</p>
            </div>
        };
    };
    let c = charter(&workspace, e, *options);
    let today = browser::now_iso().chars().take(10).collect::<String>();
    html! {
        <div class="charter" data-testid="charter">
            { tools }
            <article class="charter-page" aria-labelledby="charter-title">
                <header class="charter-head">
                    <h2 id="charter-title" tabindex="-1">{ c.title.clone() }</h2>
                    <p class="charter-meta"><strong>{ "Engagement charter" }</strong>{ format!(" · {} · as in the plan on {today} (Engagement Planner)", c.audience) }</p>
                </header>
                { sections(&c) }
            </article>
        </div>
    }
}

fn fact_items(list: &[Fact]) -> Html {
    list.iter()
        .map(|f| {
            html! {
                <div class={classes!("charter-fact", f.gap.then_some("charter-fact-gap"))}>
                    <dt>{ f.label }</dt>
                    <dd>{ f.value.clone() }</dd>
                </div>
            }
        })
        .collect()
}

/// Facts as a list; `charter-facts-wide` puts two to a row.
fn facts_in(list: &[Fact], class: &'static str) -> Html {
    html! { <dl class={classes!("charter-facts", class)}>{ fact_items(list) }</dl> }
}

fn badge(text: impl Into<AttrValue>, class: &'static str) -> Html {
    html! { <span class={classes!("charter-badge", class)}>{ text.into() }</span> }
}

fn empty_row(columns: usize, text: &'static str) -> Html {
    html! { <tr><td colspan={columns.to_string()} class="charter-empty">{ text }</td></tr> }
}

fn sections(c: &Charter) -> Html {
    html! {
        <>
            <section class="charter-section charter-parties" aria-labelledby="charter-parties">
                <h3 id="charter-parties">{ "Parties and relationship" }</h3>
                { facts_in(&[c.parties.as_slice(), c.relationship.as_slice()].concat(), "charter-facts-wide") }
                <p class="charter-formality">{ c.formality.clone() }</p>
            </section>
            { raci(c) }
            <section class="charter-section" aria-labelledby="charter-decisions">
                <h3 id="charter-decisions">{ "How decisions are made" }</h3>
                <table class={classes!("charter-table", "charter-decisions")}>
                    <thead><tr><th scope="col">{ "Decision area" }</th><th scope="col">{ "Method" }</th><th scope="col">{ "Who decides" }</th></tr></thead>
                    <tbody>
                        if c.decisions.is_empty() { { empty_row(3, "No decision areas yet.") } }
                        { for c.decisions.iter().map(|d| html! {
                            <tr>
                                <th scope="row">{ d.name.clone() }</th>
                                <td>{ d.method.clone() }</td>
                                <td>if d.gap { { badge(d.who.clone(), "charter-gap") } } else { { d.who.clone() } }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </section>
            <section class="charter-section" aria-labelledby="charter-reporting">
                <h3 id="charter-reporting">{ "Reporting" }</h3>
                <table class="charter-table">
                    <thead><tr><th scope="col">{ "Report" }</th><th scope="col">{ "Owner" }</th><th scope="col">{ "Audience" }</th><th scope="col">{ "Frequency" }</th></tr></thead>
                    <tbody>
                        if c.reports.is_empty() { { empty_row(4, "No reports yet.") } }
                        { for c.reports.iter().map(|r| html! {
                            <tr class={classes!(r.gap.then_some("charter-row-gap"))}>
                                <th scope="row">{ r.name.clone() }</th>
                                <td>{ r.owner.clone() }</td>
                                <td>{ r.audience.clone() }</td>
                                <td>{ r.frequency.clone() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </section>
            <section class="charter-section charter-signoffs" aria-labelledby="charter-signoffs">
                <h3 id="charter-signoffs">{ "Sign-offs of the process" }</h3>
                <table class="charter-table">
                    <thead><tr><th scope="col">{ "For" }</th><th scope="col">{ "Signed by" }</th><th scope="col">{ "Date" }</th><th scope="col">{ "Status" }</th></tr></thead>
                    <tbody>
                        { for c.signoffs.iter().map(|s| html! {
                            <tr>
                                <th scope="row">{ s.party }</th>
                                <td>{ s.who.clone() }</td>
                                <td class="charter-date">{ if s.date.is_empty() { "—".to_string() } else { s.date.clone() } }</td>
                                <td>{ badge(s.status, s.status_class) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </section>
            { deal(c) }
        </>
    }
}

fn raci(c: &Charter) -> Html {
    let columns = c.raci.people.len() + 2;
    html! {
        <section class="charter-section" aria-labelledby="charter-raci">
            <h3 id="charter-raci">
                { "Who does what, and who has final authority" }
                <span class="charter-legend">{ "R Responsible · A Accountable · C Consulted · I Informed" }</span>
            </h3>
            <table class={classes!("charter-table", "charter-raci")}>
                <thead>
                    <tr>
                        <th scope="col" class="charter-function">{ "Function" }</th>
                        { for c.raci.people.iter().map(|p| html! {
                            <th scope="col" class="charter-person"><span>{ p.clone() }</span></th>
                        }) }
                        <th scope="col" class="charter-authority">{ "Final authority (Accountable)" }</th>
                    </tr>
                </thead>
                <tbody>
                    if c.raci.rows.is_empty() { { empty_row(columns, "No functions yet.") } }
                    { for c.raci.rows.iter().map(|r| html! {
                        <tr>
                            <th scope="row" class="charter-function">{ r.function.clone() }</th>
                            { for r.cells.iter().map(|cell| html! { <td class="charter-cell">{ cell.clone() }</td> }) }
                            <td class="charter-authority">
                                if r.gap { { badge(r.authority.clone(), "charter-gap") } } else { { r.authority.clone() } }
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}

fn deal(c: &Charter) -> Html {
    let Some(d) = &c.deal else {
        return html! {};
    };
    let mut list = Vec::new();
    if let Some(state) = &d.state {
        list.push(Fact {
            label: "Deal",
            value: state.clone(),
            gap: true,
        });
    }
    let plain = |label: &'static str, value: &Option<String>| {
        value.clone().map(|value| Fact {
            label,
            value,
            gap: false,
        })
    };
    list.extend(plain("Worksheet", &d.worksheet));
    list.extend(plain("Price", &d.price));
    list.extend(plain("Billing", &c.billing));
    list.extend(plain("Pricing", &d.style));
    list.push(Fact {
        label: "Who decides",
        value: d.deciders.clone(),
        gap: false,
    });
    html! {
        <section class="charter-section charter-deal" aria-labelledby="charter-deal">
            <h3 id="charter-deal">{ "The deal" }</h3>
            <dl class="charter-facts charter-facts-wide">
                { fact_items(&list) }
                if let Some(approval) = &d.approval {
                    <div class="charter-fact">
                        <dt>{ "Approval" }</dt>
                        <dd>{ badge(approval.clone(), if d.approved { "charter-ok" } else { "charter-warn" }) }</dd>
                    </div>
                }
            </dl>
            if let Some(internal) = &d.internal {
                <div class="charter-internal">
                    <p class="charter-internal-label">{ "Internal figures" }</p>
                    { facts_in(internal, "charter-facts-wide") }
                </div>
            }
        </section>
    }
}
