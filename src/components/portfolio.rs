//! The Portfolio view: every engagement of the workspace on one dashboard, grouped by
//! account with totals, sortable and filterable by each column and downloadable as CSV,
//! and the workload heatmap of people × engagements against capacity.
//!
//! What it shows is `model::portfolio` (computed once per change of the plan) and
//! `view::portfolio` (cells, sort, filters, CSV); this only renders it.

use super::context::use_plan;
use super::health::SameWorkspace;
use super::widgets::fields::SelectField;
use super::widgets::findings::SeverityBadge;
use crate::model::assessment::View;
use crate::model::order;
use crate::model::portfolio::{hours_text, portfolio, HeatRow, Portfolio, Row, Totals};
use crate::model::pricing_io::CSV_MIME;
use crate::model::{Account, Action, EngagementId};
use crate::route::Route;
use crate::storage::browser;
use crate::view::portfolio::{
    cell_text, currencies_note, dashboard_csv, dashboard_file_name, grouped, health_text,
    heat_cell_text, heat_level, load_text, money_total_text, totals_of, visible, Column, Filters,
    Sort,
};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// How many people the heatmap shows at first, and how many more each "Show more" adds.
const HEAT_PAGE: usize = 25;

fn link(view: View, row: &Row) -> String {
    Route {
        view,
        engagement: Some(row.engagement),
    }
    .to_hash()
}

#[component]
pub fn PortfolioView() -> Html {
    let plan = use_plan();
    let data = use_memo(SameWorkspace(plan.workspace.clone()), |w| portfolio(&w.0));
    let sort = use_state(Sort::default);
    let filters = use_state(Filters::default);
    let shown = visible(&data, *sort, &filters);
    let groups = grouped(&data, &shown, *sort);
    let total = totals_of(&data, &shown);
    let filtered = shown.len() != data.rows.len();

    let on_download = {
        let (data, shown) = (data.clone(), shown.clone());
        Callback::from(move |_: MouseEvent| {
            browser::download(
                &dashboard_file_name(),
                &dashboard_csv(&data, &shown),
                CSV_MIME,
            )
        })
    };
    let set_filter = {
        let filters = filters.clone();
        Callback::from(move |(column, value): (Column, String)| {
            let mut next = (*filters).clone();
            if value.trim().is_empty() {
                next.remove(&column);
            } else {
                next.insert(column, value);
            }
            filters.set(next);
        })
    };
    let clear = {
        let filters = filters.clone();
        Callback::from(move |_: MouseEvent| filters.set(Filters::default()))
    };
    let in_force = filters.values().filter(|v| !v.trim().is_empty()).count();

    let heads = Column::ALL.iter().map(|&column| {
        let onclick = {
            let sort = sort.clone();
            Callback::from(move |_: MouseEvent| sort.set(sort.clicked(column)))
        };
        let aria = sort.aria_for(column);
        let arrow = match aria {
            "ascending" => "\u{25b2}",
            "descending" => "\u{25bc}",
            _ => "\u{2195}",
        };
        html! {
            <th scope="col" aria-sort={aria} class={classes!(format!("col-{column:?}").to_lowercase())}>
                <button type="button" class="sort-button" {onclick}>
                    { column.label() }<span class="sort-arrow" aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    });

    let filter_fields = Column::ALL.iter().map(|&column| {
        let value = filters.get(&column).cloned().unwrap_or_default();
        match column.choices() {
            Some(choices) => {
                let mut options = vec![(AttrValue::from(""), AttrValue::from("Any"))];
                options.extend(
                    choices
                        .into_iter()
                        .map(|c| (AttrValue::from(c), AttrValue::from(c))),
                );
                let on_change = {
                    let set = set_filter.clone();
                    Callback::from(move |v: String| {
                        set.emit((column, v));
                        Ok(())
                    })
                };
                html! {
                    <SelectField label={format!("{} is", column.label())} {options} selected={AttrValue::from(value)} {on_change} />
                }
            }
            None => {
                let id = format!("portfolio-filter-{column:?}").to_lowercase();
                let oninput = {
                    let set = set_filter.clone();
                    Callback::from(move |e: InputEvent| {
                        set.emit((column, e.target_unchecked_into::<HtmlInputElement>().value()))
                    })
                };
                html! {
                    <div class="field">
                        <label for={id.clone()} class="field-label">{ format!("{} contains", column.label()) }</label>
                        <input id={id} type="search" value={value} {oninput} />
                    </div>
                }
            }
        }
    });

    let body = groups.iter().map(|(group, rows, totals)| {
        let count = engagements_word(rows.len());
        html! {
            <tbody key={group.name.clone()}>
                <tr class="portfolio-account">
                    <th scope="rowgroup" colspan={Column::ALL.len().to_string()}>
                        { &group.name }<span class="portfolio-account-count">{ format!(" \u{00b7} {count}") }</span>
                    </th>
                </tr>
                { for rows.iter().map(|&i| row_html(&data.rows[i])) }
                { totals_row(&format!("Total for {}", group.name), totals) }
            </tbody>
        }
    });

    let total_label = if filtered {
        format!(
            "Portfolio total ({} of {} engagements shown)",
            shown.len(),
            data.rows.len()
        )
    } else {
        "Portfolio total".to_string()
    };

    html! {
        <section class="portfolio" aria-labelledby="portfolio-title" data-testid="portfolio">
            <div class="portfolio-head">
                <h2 id="portfolio-title">{ "Portfolio" }</h2>
                <p class="portfolio-lede">{ format!(
                    "{} in {}.",
                    engagements_word(data.rows.len()),
                    accounts_word(&data)
                ) }</p>
                <button type="button" onclick={on_download} disabled={shown.is_empty()}
                    title="The engagements shown, in this order, for a spreadsheet">{ "Download dashboard (CSV)" }</button>
            </div>
            { summary(&total, filtered) }
            <details class="portfolio-filters">
                <summary>{ match in_force {
                    0 => "Filter the engagements".to_string(),
                    1 => "Filter the engagements (1 filter in force)".to_string(),
                    n => format!("Filter the engagements ({n} filters in force)"),
                } }</summary>
                <div class="portfolio-filter-fields" role="group" aria-label="Filters">
                    { for filter_fields }
                </div>
                <button type="button" onclick={clear} disabled={in_force == 0}>{ "Clear filters" }</button>
            </details>
            <p class="portfolio-lede">{ "Choose a heading to sort by it; the engagement's name opens it, its health opens its findings." }</p>
            if shown.is_empty() {
                <p class="portfolio-empty" role="status">{ "No engagement matches these filters." }</p>
            } else {
                <div class="portfolio-scroll" role="region" aria-label="Engagements by account" tabindex="0">
                    <table class="portfolio-table">
                        <caption>{ "Engagements by account" }</caption>
                        <thead><tr>{ for heads }</tr></thead>
                        { for body }
                        <tfoot>{ totals_row(&total_label, &total) }</tfoot>
                    </table>
                </div>
            }
            <Heatmap data={data.clone()} />
            <AccountsList />
        </section>
    }
}

/// "1 engagement", "3 engagements".
fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn engagements_word(n: usize) -> String {
    counted(n, "engagement", "engagements")
}

fn accounts_word(p: &Portfolio) -> String {
    let named = p.accounts.iter().filter(|a| !a.unrecorded).count();
    let accounts = counted(named, "account", "accounts");
    if p.accounts.iter().any(|a| a.unrecorded) {
        format!("{accounts} (and some with no account recorded)")
    } else {
        accounts
    }
}

/// The portfolio's figures at the top, large enough for a room.
fn summary(total: &Totals, filtered: bool) -> Html {
    let note = currencies_note(total);
    html! {
        <div class="portfolio-summary">
            <dl class="portfolio-figures" aria-label={if filtered { "Totals of the engagements shown" } else { "Portfolio totals" }}>
                <div><dt>{ "Price" }</dt><dd>{ money_total_text(total, |m| m.price) }</dd></div>
                <div><dt>{ "Cost" }</dt><dd>{ money_total_text(total, |m| m.cost) }</dd></div>
                <div><dt>{ "Margin" }</dt><dd>{ money_total_text(total, |m| m.margin) }</dd></div>
                <div><dt>{ "Deal hours" }</dt><dd>{ format!("{} h", hours_text(total.deal_hours)) }</dd></div>
                <div><dt>{ "Hours a week" }</dt><dd>{ format!("{} h", hours_text(total.weekly_hours)) }</dd></div>
            </dl>
            if let Some(note) = note {
                <p class="portfolio-note">{ note }</p>
            }
        </div>
    }
}

fn totals_row(label: &str, t: &Totals) -> Html {
    let priced = t.money.values().map(|m| m.deals).sum::<usize>();
    let rest = format!(
        "Cost {}; {} of {} priced; deal hours {} h; {} h a week",
        money_total_text(t, |m| m.cost),
        priced,
        engagements_word(t.engagements),
        hours_text(t.deal_hours),
        hours_text(t.weekly_hours),
    );
    html! {
        <tr class="portfolio-total">
            <th scope="row" colspan="6">{ label }</th>
            <td class="num">{ money_total_text(t, |m| m.price) }</td>
            <td class="num">{ money_total_text(t, |m| m.margin) }</td>
            <td colspan={(Column::ALL.len() - 8).to_string()}>{ rest }</td>
        </tr>
    }
}

fn row_html(row: &Row) -> Html {
    let cells = Column::ALL.iter().skip(1).map(|&column| {
        let text = cell_text(row, column);
        match column {
            Column::Health => {
                let label = format!("Health of {}: {}", row.name, health_text(row));
                html! {
                    <td class="portfolio-health">
                        <a href={link(View::Health, row)} aria-label={label}>
                            { match row.health.worst() {
                                Some(severity) => html! { <SeverityBadge {severity} text={AttrValue::from(text)} /> },
                                None => html! { <span class="badge badge-ok">{ text }</span> },
                            } }
                        </a>
                    </td>
                }
            }
            Column::Price | Column::Margin => html! { <td class="num">{ text }</td> },
            Column::OverCapacity if !row.over_capacity.is_empty() => {
                html! { <td class="portfolio-over">{ text }</td> }
            }
            Column::Unowned if !row.unowned.is_empty() => {
                html! { <td class="portfolio-gap">{ text }</td> }
            }
            _ => html! { <td>{ text }</td> },
        }
    });
    html! {
        <tr key={row.engagement.to_string()} data-testid="portfolio-row">
            <th scope="row"><a href={link(View::Overview, row)}>{ &row.name }</a></th>
            { for cells }
        </tr>
    }
}

#[derive(Properties, PartialEq)]
struct HeatmapProps {
    data: Rc<Portfolio>,
}

/// People × engagements: each cell the hours a week, each person's load against
/// capacity in words, over-capacity in colour and in words.
#[component]
fn Heatmap(props: &HeatmapProps) -> Html {
    let limit = use_state(|| HEAT_PAGE);
    let map = &props.data.heatmap;
    let people = &map.people;
    let over = people.iter().filter(|r| r.over().is_some()).count();
    let more = {
        let limit = limit.clone();
        Callback::from(move |_: MouseEvent| limit.set(*limit + HEAT_PAGE))
    };
    let hidden = people.len().saturating_sub(*limit);
    html! {
        <section class="portfolio-heatmap" aria-labelledby="heatmap-title">
            <h3 id="heatmap-title">{ "Workload" }</h3>
            <p class="portfolio-lede">{ match (people.len(), over) {
                (0, _) => "Nobody has hours in any engagement yet.".to_string(),
                (n, 0) => format!("{} with hours; nobody is over capacity.", people_word(n)),
                (n, o) => format!("{} with hours; {} over capacity, listed first.", people_word(n), people_word(o)),
            } }</p>
            if !people.is_empty() {
                <div class="heatmap-scroll" role="region" aria-label="Workload by person and engagement" tabindex="0">
                    <table class="heatmap">
                        <caption>{ "Hours a week per person and engagement, against each person's capacity; the most loaded first" }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ "Person" }</th>
                                <th scope="col">{ "Load" }</th>
                                { for map.engagements.iter().map(|(_, name)| html! { <th scope="col" class="heat-engagement">{ name }</th> }) }
                            </tr>
                        </thead>
                        <tbody>
                            { for people.iter().take(*limit).map(heat_row) }
                        </tbody>
                    </table>
                </div>
                if hidden > 0 {
                    <button type="button" class="heatmap-more" onclick={more}>
                        { format!("Show {} more ({} not shown)", hidden.min(HEAT_PAGE), hidden) }
                    </button>
                }
            }
        </section>
    }
}

/// Every client account of the workspace: its relationship owner, its engagements (each
/// opening its Overview, where the account is edited) and its notes. An account no
/// engagement names any more (its engagements moved to another client, or were removed)
/// can be removed here; Undo brings it back.
#[component]
fn AccountsList() -> Html {
    let plan = use_plan();
    let w = &plan.workspace;
    let error = use_state_eq(|| None::<String>);
    if w.accounts.is_empty() {
        return html! {};
    }
    let mut accounts: Vec<&Account> = w.accounts.iter().collect();
    order::sort_by_key(&mut accounts, |a| a.name.to_lowercase());
    let unused = accounts
        .iter()
        .filter(|a| w.account_engagements(a.id).next().is_none())
        .count();
    let rows = accounts.into_iter().map(|a| {
        let engagements: Vec<(EngagementId, String)> = w
            .account_engagements(a.id)
            .map(|e| (e.id, e.name.clone()))
            .collect();
        let owner = a
            .owner
            .and_then(|p| w.person(p))
            .map_or_else(|| "\u{2014}".to_string(), |p| p.name.clone());
        let remove = engagements.is_empty().then(|| {
            let (plan, error, id, name) = (plan.clone(), error.clone(), a.id, a.name.clone());
            Callback::from(move |_: MouseEvent| {
                match plan.try_apply.emit(Action::RemoveAccount { account: id }) {
                    Ok(()) => {
                        error.set(None);
                        plan.announce.emit(format!(
                            "Removed the account {name}. Undo (Ctrl+Z) brings it back."
                        ));
                    }
                    Err(e) => error.set(Some(e.to_string())),
                }
            })
        });
        html! {
            <tr key={a.id.0}>
                <th scope="row">{ &a.name }</th>
                <td>{ owner }</td>
                <td>
                    if engagements.is_empty() {
                        <span class="portfolio-note">{ "None" }</span>
                    } else {
                        <ul class="account-engagements">
                            { for engagements.iter().map(|(id, name)| {
                                let href = Route { view: View::Overview, engagement: Some(*id) }.to_hash();
                                html! { <li><a {href}>{ name }</a></li> }
                            }) }
                        </ul>
                    }
                </td>
                <td class="account-notes">{ &a.notes }</td>
                <td>
                    if let Some(onclick) = remove {
                        <button type="button" {onclick} aria-label={format!("Remove account {}", a.name)}>{ "Remove" }</button>
                    }
                </td>
            </tr>
        }
    });
    html! {
        <section class="portfolio-accounts" aria-labelledby="accounts-title">
            <h3 id="accounts-title">{ "Accounts" }</h3>
            <p class="portfolio-lede">{ match unused {
                0 => "An account is edited on the Overview of any of its engagements.".to_string(),
                1 => "An account is edited on the Overview of any of its engagements. One account has no engagement and can be removed.".to_string(),
                n => format!("An account is edited on the Overview of any of its engagements. {n} accounts have no engagement and can be removed."),
            } }</p>
            if let Some(message) = &*error {
                <p class="field-error" role="alert">{ message }</p>
            }
            <div class="portfolio-scroll" role="region" aria-label="Client accounts, their relationship owners and engagements" tabindex="0">
                <table class="portfolio-table accounts-table">
                    <caption>{ "Client accounts, their relationship owners and engagements" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Account" }</th>
                            <th scope="col">{ "Relationship owner" }</th>
                            <th scope="col">{ "Engagements" }</th>
                            <th scope="col">{ "Notes" }</th>
                            <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}

fn people_word(n: usize) -> String {
    counted(n, "person", "people")
}

fn heat_row(row: &HeatRow) -> Html {
    let capacity = u64::from(row.capacity.0);
    let over = row.over().is_some();
    html! {
        <tr key={row.person.to_string()} class={classes!(over.then_some("heat-over"))} data-testid="heat-row">
            <th scope="row">{ &row.name }</th>
            <td class={classes!("heat-load", over.then_some("over"))}>
                if over { <span aria-hidden="true">{ "\u{2716} " }</span> }
                { load_text(row) }
            </td>
            { for row.cells.iter().map(|&h| html! {
                <td class={format!("heat-cell heat-{}", heat_level(h, capacity))}>{ heat_cell_text(h) }</td>
            }) }
        </tr>
    }
}
