//! The pricing worksheet's grid: one row per line item with its inputs (name, billing
//! type, the client need or the delivery estimator, hours per rate-card role, discount,
//! a fixed fee's agreed fee or a time-and-materials cap, expenses) and its computed
//! figures, and a total row.
//!
//! Editing works like a spreadsheet: every input is a cell in the document's tab order
//! (Tab and Shift+Tab move along a row and on to the next), Enter commits and moves to
//! the same column of the next row, Escape puts the cell back. A cell whose text cannot
//! be read, or whose value the model refuses, keeps the typed text and says why at the
//! cell; nothing reaches the plan. Every committed edit is one undoable action.

use super::cells::{
    amount_commit, finish_add, form_value, money_text, name_commit, opt_money_text,
    opt_percent_text, parse_amount, parse_hours, parse_percent, percent_input, submitted_form,
    Cell, CellSelect, OptionGroups,
};
use super::Run;
use crate::model::{
    BillingType, Bps, CurrencyInfo, Expense, ExpenseEdit, Hours, LineEdit, LineFigures, LineId,
    LineItem, Money, NeedId, PersonId, PricingAction, RateRole, SellingStyle, WorksheetFigures,
    WorksheetId,
};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What a row needs to know about the worksheet around it.
#[derive(Clone, PartialEq)]
pub struct SheetContext {
    pub worksheet: WorksheetId,
    pub style: SellingStyle,
    pub rates: Rc<Vec<RateRole>>,
    pub currency: Rc<CurrencyInfo>,
    pub locked: bool,
    /// The need select's options (consultative).
    pub needs: Rc<OptionGroups>,
    /// The estimator select's options (collaborative): delivery people, then anyone
    /// else estimating here, marked as not counting.
    pub estimators: Rc<OptionGroups>,
    /// The people whose estimates count as delivery input (the model's rule).
    pub delivery: Rc<BTreeSet<PersonId>>,
    /// Estimators of this worksheet whose estimates do not count, with the reason.
    pub not_delivery: Rc<BTreeMap<PersonId, AttrValue>>,
    pub run: Run,
}

#[derive(Properties, PartialEq)]
pub struct LineRowProps {
    pub sheet: SheetContext,
    pub line: LineItem,
    pub figures: LineFigures,
    /// The row's index in the grid (for Enter).
    pub row: u32,
}

/// One line item: its inputs, its flags and its figures.
#[component]
pub fn LineRow(props: &LineRowProps) -> Html {
    let sheet = &props.sheet;
    let line = &props.line;
    let f = &props.figures;
    let row = props.row;
    let expanded = use_state(|| false);
    let cur = &sheet.currency;
    let edit = {
        let run = sheet.run.clone();
        let (worksheet, id) = (sheet.worksheet, line.id);
        move |edit: LineEdit| {
            run.emit(PricingAction::EditLine {
                worksheet,
                line: id,
                edit,
            })
        }
    };
    let name = line.name.clone();

    let on_name = name_commit("A line", LineEdit::Name, edit.clone());
    let billing_groups = Rc::new(vec![(
        AttrValue::default(),
        BillingType::ALL
            .iter()
            .map(|b| {
                (
                    AttrValue::from(format!("{b:?}")),
                    AttrValue::from(b.label()),
                )
            })
            .collect(),
    )]);
    let on_billing = {
        let edit = edit.clone();
        Callback::from(move |value: String| {
            match BillingType::ALL.iter().find(|b| format!("{b:?}") == value) {
                Some(b) => edit(LineEdit::Billing(*b)),
                None => Err("Choose a billing type.".to_string()),
            }
        })
    };

    let consultative = sheet.style == SellingStyle::Consultative;
    let style_cell = if consultative {
        let on_need = {
            let edit = edit.clone();
            Callback::from(move |value: String| {
                edit(LineEdit::Need(value.parse::<u32>().ok().map(NeedId)))
            })
        };
        html! {
            <td class="col-need">
                <CellSelect label={format!("{name}: client need")} groups={sheet.needs.clone()}
                    selected={AttrValue::from(line.need.map(|n| n.to_string()).unwrap_or_default())}
                    on_change={on_need} {row} col="need" disabled={sheet.locked} />
                if line.need.is_none() {
                    <span class="badge badge-warn flag" data-testid="flag-not-asked">{ "Not asked for" }</span>
                }
            </td>
        }
    } else {
        // An estimate from someone outside delivery is shown, with the reason it does
        // not count.
        let not_delivery = line
            .estimator
            .filter(|_| line.has_estimate())
            .and_then(|p| sheet.not_delivery.get(&p).cloned());
        let on_estimator = {
            let edit = edit.clone();
            Callback::from(move |value: String| {
                edit(LineEdit::Estimator(value.parse::<u32>().ok().map(PersonId)))
            })
        };
        html! {
            <td class="col-estimator">
                <CellSelect label={format!("{name}: delivery estimator")} groups={sheet.estimators.clone()}
                    selected={AttrValue::from(line.estimator.map(|p| p.to_string()).unwrap_or_default())}
                    on_change={on_estimator} {row} col="estimator" disabled={sheet.locked} />
                if let Some(why) = not_delivery {
                    <span class="badge badge-warn flag" data-testid="flag-not-delivery">{ "Not delivery input" }</span>
                    <span class="flag-reason" data-testid="flag-not-delivery-reason">{ format!("{why}.") }</span>
                } else if !line.has_delivery_input(&sheet.delivery) {
                    <span class="badge badge-warn flag" data-testid="flag-no-delivery">{ "No delivery input" }</span>
                }
            </td>
        }
    };

    let hours_cells = sheet.rates.iter().map(|role| {
        let sales = line.hours.get(&role.id).copied().unwrap_or_default();
        let on_sales = {
            let edit = edit.clone();
            let (role_id, label) = (role.id, format!("{name}: {} hours", role.name));
            Callback::from(move |text: String| {
                let h = parse_hours(&label, &text)?;
                edit(LineEdit::Hours(role_id, h))
            })
        };
        let delivery_cell = (!consultative).then(|| {
            let delivery = line.delivery_hours.get(&role.id).copied().unwrap_or_default();
            let on_delivery = {
                let edit = edit.clone();
                let (role_id, label) = (role.id, format!("{name}: {} delivery hours", role.name));
                Callback::from(move |text: String| {
                    let h = parse_hours(&label, &text)?;
                    edit(LineEdit::DeliveryHours(role_id, h))
                })
            };
            html! {
                <td class="col-hours col-delivery">
                    <Cell label={format!("{name}: {} delivery hours", role.name)} value={AttrValue::from(delivery.to_string())}
                        on_commit={on_delivery} {row} col={AttrValue::from(format!("d-{}", role.id))} numeric=true disabled={sheet.locked} />
                </td>
            }
        });
        html! {
            <>
                <td class="col-hours">
                    <Cell label={format!("{name}: {} hours", role.name)} value={AttrValue::from(sales.to_string())}
                        on_commit={on_sales} {row} col={AttrValue::from(format!("h-{}", role.id))} numeric=true disabled={sheet.locked} />
                </td>
                { for delivery_cell }
            </>
        }
    });

    let on_discount = {
        let edit = edit.clone();
        let label = format!("{name}: line discount");
        Callback::from(move |text: String| {
            let b = if text.trim().is_empty() {
                Bps(0)
            } else {
                parse_percent(&label, &text)?
            };
            edit(LineEdit::Discount(b))
        })
    };
    // The billing terms: a fixed fee's agreed fee, a time-and-materials cap. Empty
    // means none: the fee is then the estimate, and the hours are not capped.
    let terms_cell = match line.billing {
        BillingType::FixedFee | BillingType::TimeAndMaterials => {
            let fixed = line.billing == BillingType::FixedFee;
            let (what, value, placeholder) = if fixed {
                ("agreed fee", line.fee, "at the estimate")
            } else {
                ("not-to-exceed cap", line.cap, "no cap")
            };
            let label = format!("{name}: {what} ({})", cur.code);
            let on_terms = {
                let edit = edit.clone();
                let label = label.clone();
                let cur = cur.clone();
                Callback::from(move |text: String| {
                    let amount = if text.trim().is_empty() {
                        None
                    } else {
                        Some(parse_amount(&label, &text, &cur)?)
                    };
                    edit(if fixed {
                        LineEdit::Fee(amount)
                    } else {
                        LineEdit::Cap(amount)
                    })
                })
            };
            let capped = !fixed && f.figures.price_adjustment.0 < 0;
            html! {
                <td class="col-terms">
                    <Cell label={label} value={AttrValue::from(value.map(|m| m.format(cur.decimals)).unwrap_or_default())}
                        on_commit={on_terms} {row} col="terms" numeric=true disabled={sheet.locked}
                        placeholder={AttrValue::from(placeholder)} />
                    if capped {
                        <span class="badge badge-warn flag" data-testid="flag-capped">{ "Capped" }</span>
                    }
                </td>
            }
        }
        BillingType::NonBillable => html! { <td class="col-terms number">{ "–" }</td> },
    };
    let on_remove = {
        let run = sheet.run.clone();
        let (worksheet, id) = (sheet.worksheet, line.id);
        Callback::from(move |_: MouseEvent| {
            let _ = run.emit(PricingAction::RemoveLine {
                worksheet,
                line: id,
            });
        })
    };
    let toggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let expense_total: i64 = line.expenses.iter().map(|e| e.cost.0).sum();
    let expense_text = if line.expenses.is_empty() {
        "Add".to_string()
    } else {
        format!(
            "{} ({})",
            line.expenses.len(),
            money_text(Money(expense_total), cur)
        )
    };
    let variance = (!consultative).then(|| {
        html! {
            <td class="number col-variance" data-testid="hours-variance">{ f.hours_variance.to_string() }</td>
        }
    });
    let money = |m: Money| html! { <td class="number">{ money_text(m, cur) }</td> };
    let flagged = if consultative {
        line.need.is_none()
    } else {
        !line.has_delivery_input(&sheet.delivery)
    };
    let columns = column_count(sheet.style, sheet.rates.len());

    html! {
        <>
            <tr class={classes!("line-row", flagged.then_some("row-flagged"))} id={line_anchor(line.id)} data-testid="line-row">
                <th scope="row" class="col-name">
                    <Cell label={format!("Line name: {name}")} value={AttrValue::from(line.name.clone())}
                        on_commit={on_name} {row} col="name" disabled={sheet.locked} />
                </th>
                <td class="col-billing">
                    <CellSelect label={format!("{name}: billing type")} groups={billing_groups}
                        selected={AttrValue::from(format!("{:?}", line.billing))} on_change={on_billing}
                        {row} col="billing" disabled={sheet.locked} />
                </td>
                { style_cell }
                { for hours_cells }
                { for variance }
                <td class="col-discount">
                    <Cell label={format!("{name}: line discount (%)")} value={AttrValue::from(percent_input(line.discount))}
                        on_commit={on_discount} {row} col="discount" numeric=true disabled={sheet.locked} />
                </td>
                { terms_cell }
                <td class="col-expenses">
                    <button type="button" class="link-button" onclick={toggle} aria-expanded={(*expanded).to_string()}
                        aria-label={if line.expenses.is_empty() { format!("Add expenses to {name}") } else { format!("{expense_text}: expenses of {name}") }}>
                        { expense_text.clone() }
                    </button>
                </td>
                { money(f.figures.cost) }
                { money(f.figures.list_price) }
                { money(f.figures.discount) }
                { money(f.figures.net_price) }
                <td class={classes!("number", (f.figures.gross_margin.0 < 0).then_some("negative"))}>{ money_text(f.figures.gross_margin, cur) }</td>
                <td class="number">{ opt_percent_text(f.figures.margin) }</td>
                <td class="number">{ opt_percent_text(f.figures.markup) }</td>
                <td class="number">{ opt_money_text(f.figures.blended_bill_rate, cur) }</td>
                <td class="number">{ opt_money_text(f.figures.target_price, cur) }</td>
                { money(f.figures.commission_on_margin) }
                { money(f.figures.commission_on_revenue) }
                <td class="col-actions">
                    <button type="button" class="danger small" onclick={on_remove} disabled={sheet.locked}
                        aria-label={format!("Remove line {name}")}>{ "✕" }</button>
                </td>
            </tr>
            if *expanded {
                <tr class="expense-row">
                    <td colspan={columns.to_string()}>
                        <Expenses sheet={sheet.clone()} line={line.id} line_name={AttrValue::from(line.name.clone())}
                            expenses={line.expenses.clone()} />
                    </td>
                </tr>
            }
        </>
    }
}

/// The element id of a line's row.
pub fn line_anchor(id: LineId) -> String {
    format!("line-{id}")
}

/// How many columns the grid has.
pub fn column_count(style: SellingStyle, roles: usize) -> usize {
    let hours = match style {
        SellingStyle::Consultative => roles,
        SellingStyle::Collaborative => roles * 2 + 1,
    };
    // name, billing, need/estimator, hours…, discount, fee or cap, expenses, 11 figures,
    // actions
    3 + hours + 3 + 11 + 1
}

#[derive(Properties, PartialEq)]
struct ExpensesProps {
    sheet: SheetContext,
    line: LineId,
    line_name: AttrValue,
    expenses: Vec<Expense>,
}

/// A line's expenses: name, cost and markup, each editable, and a form to add one.
#[component]
fn Expenses(props: &ExpensesProps) -> Html {
    let sheet = &props.sheet;
    let cur = sheet.currency.clone();
    let name = props.line_name.clone();
    let add_error = use_state(|| None::<String>);
    let rows = props.expenses.iter().enumerate().map(|(i, e)| {
        let run = sheet.run.clone();
        let (worksheet, line, expense) = (sheet.worksheet, props.line, e.id);
        let edit = move |edit: ExpenseEdit| {
            run.emit(PricingAction::EditExpense {
                worksheet,
                line,
                expense,
                edit,
            })
        };
        let label = format!("{name}, expense {}", e.name);
        let on_name = name_commit("An expense", ExpenseEdit::Name, edit.clone());
        let on_cost = amount_commit(
            format!("{label}: cost"),
            cur.clone(),
            ExpenseEdit::Cost,
            edit.clone(),
        );
        let on_markup = {
            let edit = edit.clone();
            let label = format!("{label}: markup");
            Callback::from(move |t: String| {
                edit(ExpenseEdit::Markup(parse_percent(&label, &t)?))
            })
        };
        let on_remove = {
            let run = sheet.run.clone();
            Callback::from(move |_: MouseEvent| {
                let _ = run.emit(PricingAction::RemoveExpense {
                    worksheet,
                    line,
                    expense,
                });
            })
        };
        let row = i as u32;
        html! {
            <tr key={e.id.0}>
                <td><Cell label={format!("{label}: name")} value={AttrValue::from(e.name.clone())} on_commit={on_name} {row} col="x-name" disabled={sheet.locked} /></td>
                <td><Cell label={format!("{label}: cost ({})", cur.code)} value={AttrValue::from(e.cost.format(cur.decimals))} on_commit={on_cost} {row} col="x-cost" numeric=true disabled={sheet.locked} /></td>
                <td><Cell label={format!("{label}: markup (%)")} value={AttrValue::from(percent_input(e.markup))} on_commit={on_markup} {row} col="x-markup" numeric=true disabled={sheet.locked} /></td>
                <td><button type="button" class="danger small" onclick={on_remove} disabled={sheet.locked} aria-label={format!("Remove {label}")}>{ "✕" }</button></td>
            </tr>
        }
    });
    let on_add = {
        let run = sheet.run.clone();
        let cur = cur.clone();
        let (worksheet, line) = (sheet.worksheet, props.line);
        let add_error = add_error.clone();
        let name = name.clone();
        Callback::from(move |e: SubmitEvent| {
            let Some(form) = submitted_form(&e) else {
                return;
            };
            let value = |field: &str| form_value(&form, field);
            let expense_name = value("expense-name").trim().to_string();
            if expense_name.is_empty() {
                add_error.set(Some("Name the expense first.".into()));
                return;
            }
            let result = parse_amount(
                &format!("{name}, new expense: cost"),
                &value("expense-cost"),
                &cur,
            )
            .and_then(|cost| {
                let markup_text = value("expense-markup");
                let markup = if markup_text.trim().is_empty() {
                    Bps(0)
                } else {
                    parse_percent(&format!("{name}, new expense: markup"), &markup_text)?
                };
                run.emit(PricingAction::AddExpense {
                    worksheet,
                    line,
                    name: expense_name.clone(),
                    cost,
                    markup,
                })
            });
            finish_add(&form, &add_error, result);
        })
    };
    html! {
        <div class="expenses" data-grid="expenses">
            <table class="table expenses-table">
                <caption>{ format!("Expenses of {name}") }</caption>
                <thead><tr>
                    <th scope="col">{ "Expense" }</th>
                    <th scope="col" class="number">{ format!("Cost ({})", cur.symbol) }</th>
                    <th scope="col" class="number">{ "Markup %" }</th>
                    <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            if !sheet.locked {
                <form class="add-expense" onsubmit={on_add} aria-label={format!("Add an expense to {name}")}>
                    <input type="text" name="expense-name" aria-label={format!("{name}, new expense: name")} placeholder="Travel" maxlength="200" />
                    <input type="text" name="expense-cost" inputmode="decimal" aria-label={format!("{name}, new expense: cost ({})", cur.code)} placeholder="Cost" />
                    <input type="text" name="expense-markup" inputmode="decimal" aria-label={format!("{name}, new expense: markup (%)")} placeholder="Markup %" />
                    <button type="submit">{ "Add expense" }</button>
                    if let Some(message) = (*add_error).clone() {
                        <span class="field-error" role="alert">{ message }</span>
                    }
                </form>
            }
        </div>
    }
}

/// How many lines the grid shows at a time.
pub const PAGE_LINES: usize = 100;

#[derive(Properties, PartialEq)]
pub struct SheetGridProps {
    pub sheet: SheetContext,
    pub lines: Rc<Vec<LineItem>>,
    pub figures: Rc<WorksheetFigures>,
    /// Pasting tab-separated text into the grid hands it to the paste panel.
    pub on_paste_text: Callback<String>,
}

/// The line items grid with its total row.
#[component]
pub fn SheetGrid(props: &SheetGridProps) -> Html {
    let sheet = &props.sheet;
    let cur = &sheet.currency;
    let consultative = sheet.style == SellingStyle::Consultative;
    let f = &props.figures;
    let onpaste = {
        let on_paste_text = props.on_paste_text.clone();
        Callback::from(move |e: Event| {
            let text = js_sys::Reflect::get(&e, &"clipboardData".into())
                .ok()
                .and_then(|d| d.dyn_into::<web_sys::DataTransfer>().ok())
                .and_then(|d| d.get_data("text/plain").ok())
                .unwrap_or_default();
            // One value goes into the cell as usual; rows and columns become lines.
            if text.contains('\t') || text.trim_end().contains('\n') {
                e.prevent_default();
                on_paste_text.emit(text);
            }
        })
    };
    let hours_heads = sheet.rates.iter().map(|r| {
        if consultative {
            html! { <th scope="col" class="number">{ format!("{} h", r.name) }</th> }
        } else {
            html! {
                <>
                    <th scope="col" class="number">{ format!("{} h (sales)", r.name) }</th>
                    <th scope="col" class="number col-delivery">{ format!("{} h (delivery)", r.name) }</th>
                </>
            }
        }
    });
    let hours_totals = sheet.rates.iter().map(|r| {
        let sum = |delivery: bool| -> u64 {
            props
                .lines
                .iter()
                .map(|l| {
                    let map = if delivery {
                        &l.delivery_hours
                    } else {
                        &l.hours
                    };
                    u64::from(map.get(&r.id).map_or(0, |h| h.0))
                })
                .sum()
        };
        let text = |v: u64| Hours(u32::try_from(v).unwrap_or(u32::MAX)).to_string();
        html! {
            <>
                <td class="number">{ text(sum(false)) }</td>
                if !consultative { <td class="number col-delivery">{ text(sum(true)) }</td> }
            </>
        }
    });
    let t = &f.total;
    let money = |m: Money| html! { <td class="number">{ money_text(m, cur) }</td> };
    // Long worksheets are shown a page of lines at a time: a table of thousands of rows
    // takes the browser a second to lay out again after every edit.
    let count = props.lines.len();
    let pages = count.div_ceil(PAGE_LINES).max(1);
    let page = use_state(|| 0usize);
    let seen = use_mut_ref(|| count);
    // Lines were added (a new line, a paste): show the last page, where they are.
    let current = if count > *seen.borrow() && pages > 1 {
        pages - 1
    } else {
        (*page).min(pages - 1)
    };
    *seen.borrow_mut() = count;
    if current != *page {
        page.set(current);
    }
    let first = current * PAGE_LINES;
    let rows = props
        .lines
        .iter()
        .zip(f.lines.iter())
        .enumerate()
        .skip(first)
        .take(PAGE_LINES)
        .map(|(i, (line, figures))| {
            html! { <LineRow key={line.id.0} sheet={sheet.clone()} line={line.clone()} figures={*figures} row={i as u32} /> }
        });
    let pager = (pages > 1).then(|| {
        let go = |to: usize| {
            let page = page.clone();
            Callback::from(move |_: MouseEvent| page.set(to))
        };
        html! {
            <nav class="sheet-pager" aria-label="Pages of lines" data-testid="sheet-pager">
                <button type="button" onclick={go(current.saturating_sub(1))} disabled={current == 0}>{ "Previous lines" }</button>
                <span role="status">{ format!("Lines {}–{} of {count}", first + 1, (first + PAGE_LINES).min(count)) }</span>
                <button type="button" onclick={go(current + 1)} disabled={current + 1 >= pages}>{ "Next lines" }</button>
            </nav>
        }
    });
    html! {
        <>
        { for pager.clone() }
        <div class="table-scroll sheet-scroll">
            <table class="table sheet" data-grid="lines" {onpaste} data-testid="line-grid">
                <caption class="visually-hidden">{ "Line items, their inputs and their figures" }</caption>
                <thead>
                    <tr>
                        <th scope="col" class="col-name">{ "Line item" }</th>
                        <th scope="col">{ "Billing" }</th>
                        <th scope="col">{ if consultative { "Client need" } else { "Delivery estimator" } }</th>
                        { for hours_heads }
                        if !consultative { <th scope="col" class="number">{ "Variance h" }</th> }
                        <th scope="col" class="number">{ "Discount %" }</th>
                        <th scope="col" class="number" title="A fixed fee's agreed fee, or a time-and-materials not-to-exceed cap">{ "Fee or cap" }</th>
                        <th scope="col">{ "Expenses" }</th>
                        <th scope="col" class="number">{ "Cost" }</th>
                        <th scope="col" class="number">{ "List price" }</th>
                        <th scope="col" class="number">{ "Discount" }</th>
                        <th scope="col" class="number">{ "Net price" }</th>
                        <th scope="col" class="number">{ "Gross margin" }</th>
                        <th scope="col" class="number">{ "Margin %" }</th>
                        <th scope="col" class="number">{ "Markup %" }</th>
                        <th scope="col" class="number">{ "Blended rate" }</th>
                        <th scope="col" class="number">{ "Target price" }</th>
                        <th scope="col" class="number">{ "Commission on margin" }</th>
                        <th scope="col" class="number">{ "Commission on revenue" }</th>
                        <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
                <tfoot>
                    <tr class="total-row" data-testid="total-row">
                        <th scope="row" class="col-name">{ "Total" }</th>
                        <td></td>
                        <td></td>
                        { for hours_totals }
                        if !consultative { <td class="number" data-testid="total-variance">{ t.hours_variance.to_string() }</td> }
                        <td></td>
                        <td></td>
                        <td class="number">{ money_text(t.expense_cost, cur) }</td>
                        <td class="number" data-testid="total-cost">{ money_text(t.cost, cur) }</td>
                        <td class="number" data-testid="total-list">{ money_text(t.list_price, cur) }</td>
                        { money(t.discount) }
                        <td class="number" data-testid="total-net">{ money_text(t.net_price, cur) }</td>
                        <td class={classes!("number", (t.gross_margin.0 < 0).then_some("negative"))} data-testid="total-margin">{ money_text(t.gross_margin, cur) }</td>
                        <td class="number" data-testid="total-margin-percent">{ opt_percent_text(t.margin) }</td>
                        <td class="number">{ opt_percent_text(t.markup) }</td>
                        <td class="number">{ opt_money_text(t.blended_bill_rate, cur) }</td>
                        <td class="number" data-testid="total-target">{ opt_money_text(t.target_price, cur) }</td>
                        <td class="number" data-testid="total-commission-margin">{ money_text(t.commission_on_margin, cur) }</td>
                        <td class="number" data-testid="total-commission-revenue">{ money_text(t.commission_on_revenue, cur) }</td>
                        <td></td>
                    </tr>
                </tfoot>
            </table>
        </div>
        { for pager }
        </>
    }
}
