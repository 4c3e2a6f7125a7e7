//! The audience (projector) window's content: one agenda section, or one page of it,
//! drawn large for a room (style/present.css), with the facilitator's "look here"
//! highlight and, while the client is in the room, none of the provider's internal
//! figures or notes in the DOM at all ([`crate::view::present::CLIENT_IN_ROOM_REDACTED`]).
//!
//! What each section shows is decided in `view::present`; this only renders it. Nothing
//! here is interactive: the audience window changes nothing in the plan.

use crate::model::assessment::Finding;
use crate::model::{Engagement, EngagementId, NeedAspect, Workspace};
use crate::view::present::{
    self, page_of, raci_letter, severity_mark, AgendaItem, DealSummary, Fact, Highlight,
    SectionKind, AUTHORITY_PER_PAGE, DECISIONS_PER_PAGE, DECISION_AREAS_PER_PAGE, NEEDS_PER_PAGE,
    REPORTS_PER_PAGE,
};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AudienceSectionProps {
    pub workspace: Rc<Workspace>,
    pub engagement: EngagementId,
    pub item: AgendaItem,
    pub client_in_room: bool,
    #[prop_or_default]
    pub highlight: Option<Highlight>,
    /// A small preview of the section for the facilitator ("next up"): same content,
    /// scaled down, not announced.
    #[prop_or_default]
    pub preview: bool,
}

/// One agenda item as the room sees it. In preview mode the same section is drawn at the
/// projector's size and scaled into a small box, hidden from assistive technology (the
/// facilitator's own controls name the next section).
#[component]
pub fn AudienceSection(props: &AudienceSectionProps) -> Html {
    let section = render_section(props);
    if props.preview {
        html! {
            <div class="audience-preview" aria-hidden="true" data-testid="audience-preview">
                <div class="audience-preview-frame">{ section }</div>
            </div>
        }
    } else {
        section
    }
}

fn render_section(props: &AudienceSectionProps) -> Html {
    let item = &props.item;
    let kind_class = match item.kind {
        SectionKind::Glance => "glance",
        SectionKind::Raci => "raci",
        SectionKind::Authority => "authority",
        SectionKind::DecisionAreas => "decision-areas",
        SectionKind::Reporting => "reporting",
        SectionKind::ClientNeeds => "client-needs",
        SectionKind::Deal => "deal",
        SectionKind::Health => "health",
        SectionKind::DecisionsTaken => "decisions-taken",
        SectionKind::OpenActions => "open-actions",
    };
    let Some(e) = props.workspace.engagement(props.engagement) else {
        return html! {
            <section class="audience-section" aria-label={item.title.clone()}>
                <h1 class="audience-title">{ &item.title }</h1>
                <p class="audience-empty">{ "This engagement is no longer in the plan." }</p>
            </section>
        };
    };
    let w: &Workspace = &props.workspace;
    let ctx = Ctx {
        w,
        e,
        page: item.page,
        client_in_room: props.client_in_room,
        highlight: props.highlight,
        live: !props.preview,
    };
    let (sub, body) = match item.kind {
        SectionKind::Glance => (None, glance(&ctx)),
        SectionKind::Raci => raci(&ctx),
        SectionKind::Authority => (None, authority(&ctx)),
        SectionKind::DecisionAreas => (None, decision_areas(&ctx)),
        SectionKind::Reporting => (None, reporting(&ctx)),
        SectionKind::ClientNeeds => (None, client_needs(&ctx)),
        SectionKind::Deal => (None, deal(&ctx)),
        SectionKind::Health => (None, health(&ctx)),
        SectionKind::DecisionsTaken => (None, decisions_taken(&ctx)),
        SectionKind::OpenActions => (None, open_actions(&ctx)),
    };
    html! {
        <section
            class={classes!("audience-section", format!("audience-{kind_class}"))}
            aria-label={item.title.clone()}
            data-section={kind_class}
        >
            <header class="audience-head">
                <h1 class="audience-title">{ &item.title }</h1>
                <p class="audience-context">
                    { &e.name }
                    if let Some(sub) = sub {
                        { " \u{b7} " }{ sub }
                    }
                </p>
            </header>
            <div class="audience-body">{ body }</div>
        </section>
    }
}

struct Ctx<'a> {
    w: &'a Workspace,
    e: &'a Engagement,
    page: u16,
    client_in_room: bool,
    highlight: Option<Highlight>,
    /// Not a preview: the highlight is announced.
    live: bool,
}

fn empty(text: &str) -> Html {
    html! { <p class="audience-empty">{ text.to_string() }</p> }
}

/// The visible "look here" mark: an arrow and the words, read as "Look here".
fn look_here() -> Html {
    html! {
        <span class="look-here">
            <span aria-hidden="true">{ "\u{25b6} " }</span>{ "Look here" }
        </span>
    }
}

/// A polite announcement of what is highlighted, for a screen reader in the room.
fn announce(ctx: &Ctx, what: Option<String>) -> Html {
    if !ctx.live {
        return Html::default();
    }
    html! {
        <p class="visually-hidden" role="status" data-testid="audience-highlight-status">
            { what.map(|w| format!("Highlighted: {w}")).unwrap_or_default() }
        </p>
    }
}

fn facts(list: &[Fact], class: &'static str) -> Html {
    html! {
        <dl class={classes!("audience-facts", class)}>
            { for list.iter().map(|f| html! {
                <div class={classes!("audience-fact", f.gap.then_some("is-gap"))}>
                    <dt>{ f.label }</dt>
                    <dd>
                        if f.gap {
                            <span class="gap-mark" aria-hidden="true">{ "\u{26a0} " }</span>
                        }
                        { &f.value }
                    </dd>
                </div>
            }) }
        </dl>
    }
}

fn glance(ctx: &Ctx) -> Html {
    facts(&present::glance(ctx.w, ctx.e), "glance-facts")
}

fn raci(ctx: &Ctx) -> (Option<String>, Html) {
    let page = present::raci_page(ctx.w, ctx.e, ctx.page);
    let (f_from, f_to, f_all) = page.functions_shown;
    let (p_from, p_to, p_all) = page.people_shown;
    let sub = (f_to - f_from + 1 < f_all || p_to - p_from + 1 < p_all).then(|| {
        format!(
            "functions {f_from}\u{2013}{f_to} of {f_all}, people {p_from}\u{2013}{p_to} of {p_all}"
        )
    });
    if page.functions.is_empty() {
        return (sub, empty("No functions yet."));
    }
    if page.people.is_empty() {
        return (sub, empty("Nobody is assigned to any function yet."));
    }
    let highlighted_cell = match ctx.highlight {
        Some(Highlight::Cell { function, person }) => Some((function, person)),
        _ => None,
    };
    // A highlighted cell whose person is on another page leaves this page unmarked.
    let highlighted_function = ctx.highlight.map(Highlight::function).filter(|_| {
        highlighted_cell.is_none_or(|(_, person)| page.people.iter().any(|(p, _)| *p == person))
    });
    let status = ctx.highlight.and_then(|h| {
        let function = page.functions.iter().find(|(f, _)| *f == h.function())?;
        Some(match h {
            Highlight::Function(_) => function.1.clone(),
            Highlight::Cell { person, .. } => {
                let person = page.people.iter().find(|(p, _)| *p == person)?;
                format!("{}, {}", function.1, person.1)
            }
        })
    });
    let rows = page.functions.iter().map(|(f, name)| {
        let row_highlighted = highlighted_function == Some(*f) && highlighted_cell.is_none();
        let cells = page.people.iter().map(|(p, person)| {
            let roles = page.cells.get(&(*f, *p)).cloned().unwrap_or_default();
            let here = highlighted_cell == Some((*f, *p));
            let words: Vec<&str> = roles.iter().map(|r| r.label()).collect();
            html! {
                <td
                    class={classes!("raci-cell", here.then_some("is-highlighted"))}
                    aria-current={here.then_some("true")}
                    data-person={p.to_string()}
                >
                    { for roles.iter().map(|r| html! {
                        <span class={classes!("raci-mark", format!("raci-{}", raci_letter(*r).to_lowercase()))} aria-hidden="true">
                            { raci_letter(*r) }
                        </span>
                    }) }
                    <span class="visually-hidden">
                        { if words.is_empty() { format!("{person}: no role") } else { format!("{person}: {}", words.join(", ")) } }
                    </span>
                    if here { { look_here() } }
                </td>
            }
        });
        html! {
            <tr
                class={classes!(row_highlighted.then_some("is-highlighted"), (highlighted_function == Some(*f)).then_some("has-highlight"))}
                aria-current={row_highlighted.then_some("true")}
                data-function={f.to_string()}
            >
                <th scope="row" class="function-name">
                    { name }
                    if row_highlighted { { " " }{ look_here() } }
                </th>
                { for cells }
            </tr>
        }
    });
    let body = html! {
        <>
            <table class="audience-table raci-grid">
                <thead>
                    <tr>
                        <th scope="col" class="function-name">{ "Function" }</th>
                        { for page.people.iter().map(|(p, name)| html! {
                            <th scope="col" class={classes!("person-name", highlighted_cell.is_some_and(|(_, hp)| hp == *p).then_some("has-highlight"))}>
                                { name }
                            </th>
                        }) }
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
            <p class="raci-legend">
                { for raci_legend() }
            </p>
            { announce(ctx, status) }
        </>
    };
    (sub, body)
}

fn raci_legend() -> impl Iterator<Item = Html> {
    crate::model::Raci::ALL.into_iter().map(|r| {
        html! {
            <span class="raci-legend-item">
                <span class={classes!("raci-mark", format!("raci-{}", raci_letter(r).to_lowercase()))} aria-hidden="true">
                    { raci_letter(r) }
                </span>
                { " " }{ r.label() }
            </span>
        }
    })
}

fn authority(ctx: &Ctx) -> Html {
    let rows = page_of(
        &present::authority(ctx.w, ctx.e),
        AUTHORITY_PER_PAGE,
        ctx.page,
    );
    if rows.is_empty() {
        return empty("No functions yet.");
    }
    let highlighted = ctx.highlight.map(Highlight::function);
    let status = highlighted.and_then(|h| {
        rows.iter()
            .find(|(f, _, _)| *f == h)
            .map(|(_, name, _)| name.clone())
    });
    html! {
        <>
            <table class="audience-table authority-table">
                <thead>
                    <tr>
                        <th scope="col">{ "Function" }</th>
                        <th scope="col">{ "Final authority (Accountable)" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|(f, name, who)| {
                        let here = highlighted == Some(*f);
                        html! {
                            <tr
                                class={classes!(here.then_some("is-highlighted"), who.is_gap().then_some("is-gap"))}
                                aria-current={here.then_some("true")}
                                data-function={f.to_string()}
                            >
                                <th scope="row" class="function-name">
                                    { name }
                                    if here { { " " }{ look_here() } }
                                </th>
                                <td>
                                    if who.is_gap() {
                                        <span class="gap-mark" aria-hidden="true">{ "\u{26a0} " }</span>
                                    }
                                    { who.words() }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            { announce(ctx, status) }
        </>
    }
}

fn decision_areas(ctx: &Ctx) -> Html {
    let rows = page_of(
        &present::decision_areas(ctx.w, ctx.e),
        DECISION_AREAS_PER_PAGE,
        ctx.page,
    );
    if rows.is_empty() {
        return empty("No decision areas yet.");
    }
    html! {
        <table class="audience-table decisions-table">
            <thead>
                <tr>
                    <th scope="col">{ "Decision area" }</th>
                    <th scope="col">{ "Method" }</th>
                    <th scope="col">{ "Who decides" }</th>
                </tr>
            </thead>
            <tbody>
                { for rows.iter().map(|d| html! {
                    <tr class={classes!(d.gap.then_some("is-gap"))}>
                        <th scope="row">{ &d.name }</th>
                        <td>{ &d.method }</td>
                        <td>
                            if d.gap {
                                <span class="gap-mark" aria-hidden="true">{ "\u{26a0} " }</span>
                            }
                            { &d.who }
                        </td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

fn missing(value: &Option<String>, gap: &str) -> Html {
    match value {
        Some(v) => html! { { v } },
        None => html! {
            <span class="is-gap-text">
                <span class="gap-mark" aria-hidden="true">{ "\u{26a0} " }</span>{ gap.to_string() }
            </span>
        },
    }
}

fn reporting(ctx: &Ctx) -> Html {
    let rows = page_of(&present::reports(ctx.w, ctx.e), REPORTS_PER_PAGE, ctx.page);
    if rows.is_empty() {
        return empty("No reports yet.");
    }
    html! {
        <table class="audience-table reports-table">
            <thead>
                <tr>
                    <th scope="col">{ "Report" }</th>
                    <th scope="col">{ "Owner" }</th>
                    <th scope="col">{ "Audience" }</th>
                    <th scope="col">{ "How often" }</th>
                </tr>
            </thead>
            <tbody>
                { for rows.iter().map(|r| html! {
                    <tr>
                        <th scope="row">{ &r.name }</th>
                        <td>{ missing(&r.owner, "No owner") }</td>
                        <td>{ missing(&r.audience, "Nobody") }</td>
                        <td>{ missing(&r.frequency, "Not set") }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

fn client_needs(ctx: &Ctx) -> Html {
    let rows = page_of(
        &present::needs(ctx.e, ctx.client_in_room),
        NEEDS_PER_PAGE,
        ctx.page,
    );
    if rows.is_empty() {
        return empty("No client needs recorded yet.");
    }
    html! {
        <table class="audience-table needs-table">
            <thead>
                <tr>
                    <th scope="col">{ "Need" }</th>
                    { for NeedAspect::ALL.iter().map(|a| html! { <th scope="col" class="aspect">{ a.label() }</th> }) }
                </tr>
            </thead>
            <tbody>
                { for rows.iter().map(|n| html! {
                    <>
                        <tr class="need-row">
                            <th scope="row" rowspan="2">{ &n.title }</th>
                            { for n.coverage.iter().map(|(a, c)| {
                                let off = n.mismatched.contains(a);
                                html! {
                                    <td class={classes!("aspect", off.then_some("is-mismatch"))}>
                                        if off {
                                            <span class="gap-mark" aria-hidden="true">{ "\u{2716} " }</span>
                                        }
                                        { *c }
                                    </td>
                                }
                            }) }
                        </tr>
                        <tr class="need-status-row">
                            <td colspan="4" class={classes!("need-status", need_class(n.badge_class))}>
                                <span class="need-badge">{ n.badge }</span>
                                { " " }{ &n.status }
                                if let Some(note) = &n.note {
                                    <span class="need-note">{ " \u{2014} " }{ note }</span>
                                }
                            </td>
                        </tr>
                    </>
                }) }
            </tbody>
        </table>
    }
}

/// The audience's own class for a need's status (the views' badge classes are sized for
/// the desk, not the room).
fn need_class(badge_class: &str) -> &'static str {
    match badge_class {
        "badge-ok" => "need-ok",
        "badge-danger" => "need-mismatch",
        "badge-warn" => "need-unknown",
        _ => "need-waiting",
    }
}

fn deal(ctx: &Ctx) -> Html {
    let d: DealSummary = present::deal(ctx.w, ctx.e, ctx.client_in_room);
    let mut list = Vec::new();
    if let Some(ws) = &d.worksheet {
        list.push(Fact {
            label: "Worksheet",
            value: ws.clone(),
            gap: false,
        });
    }
    if let Some(price) = &d.price {
        list.push(Fact {
            label: "Price",
            value: price.clone(),
            gap: false,
        });
    }
    if let Some(style) = &d.style {
        list.push(Fact {
            label: "Pricing",
            value: style.clone(),
            gap: false,
        });
    }
    if let Some(approval) = &d.approval {
        list.push(Fact {
            label: "Approval",
            value: approval.clone(),
            gap: !d.approved,
        });
    }
    list.push(Fact {
        label: "Who decides",
        value: d.deciders.clone(),
        gap: false,
    });
    html! {
        <>
            if let Some(state) = &d.state {
                <p class="audience-empty">{ state }</p>
            }
            { facts(&list, "deal-facts") }
            if let Some(internal) = &d.internal {
                <h2 class="audience-subtitle">{ "Internal figures" }</h2>
                { facts(internal, "deal-internal") }
            }
        </>
    }
}

fn finding_item(f: &Finding) -> Html {
    let class = match f.severity {
        crate::model::assessment::Severity::Critical => "sev-critical",
        crate::model::assessment::Severity::Warning => "sev-warning",
        crate::model::assessment::Severity::Advice => "sev-advice",
    };
    html! {
        <li class={classes!("audience-finding", class)}>
            <span class="severity">{ severity_mark(f.severity) }</span>
            { " " }
            <span class="finding-message">{ &f.message }</span>
        </li>
    }
}

fn health(ctx: &Ctx) -> Html {
    let list = present::findings_page(ctx.w, ctx.e, ctx.client_in_room, ctx.page);
    if list.is_empty() {
        let all = present::findings(ctx.w, ctx.e, ctx.client_in_room);
        return empty(if all.is_empty() {
            "No findings: every check passes."
        } else {
            "Nothing more to show on this page."
        });
    }
    html! {
        <ol class="audience-list audience-findings">
            { for list.iter().map(finding_item) }
        </ol>
    }
}

fn decisions_taken(ctx: &Ctx) -> Html {
    let rows = page_of(
        &present::decisions_taken(ctx.w, ctx.e),
        DECISIONS_PER_PAGE,
        ctx.page,
    );
    if rows.is_empty() {
        return empty("No decisions taken yet.");
    }
    html! {
        <ol class="audience-list audience-decisions">
            { for rows.iter().map(|d| {
                let class = match d.passed {
                    Some(true) => "verdict-passed",
                    Some(false) => "verdict-failed",
                    None => "verdict-open",
                };
                let mark = match d.passed {
                    Some(true) => "\u{2714} ",
                    Some(false) => "\u{2716} ",
                    None => "\u{2026} ",
                };
                html! {
                    <li class={classes!("audience-decision", class)}>
                        <p class="decision-what">
                            <span class="decision-area">{ &d.area }{ ": " }</span>
                            { "\u{201c}" }{ &d.proposal }{ "\u{201d}" }
                            <span class="decision-date">{ format!(" ({})", d.date) }</span>
                        </p>
                        <p class="decision-outcome">
                            <span aria-hidden="true">{ mark }</span>{ &d.summary }
                        </p>
                    </li>
                }
            }) }
        </ol>
    }
}

fn open_actions(ctx: &Ctx) -> Html {
    let list = present::open_actions_page(ctx.w, ctx.e.id, ctx.client_in_room, ctx.page);
    if list.is_empty() {
        let all = present::open_actions(ctx.w, ctx.e.id, ctx.client_in_room);
        return empty(if all.is_empty() {
            "Nothing is open: every function, decision, the deal and the sign-offs are settled."
        } else {
            "Nothing more to show on this page."
        });
    }
    html! {
        <table class="audience-table actions-table">
            <thead>
                <tr>
                    <th scope="col">{ "To do" }</th>
                    <th scope="col">{ "Who" }</th>
                </tr>
            </thead>
            <tbody>
                { for list.iter().map(|a| html! {
                    <tr>
                        <td>{ &a.what }</td>
                        <td>{ &a.who }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
