//! The pager of a long list (the People view's roster, the Roles board's people): which
//! rows are shown, the previous and next pages, nearby page numbers, and "Show all" for
//! those who want the whole list on one page (to search it with the browser's find, or to
//! print it). The arithmetic is `view::paging`.

use crate::view::paging::Page;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    pub page: Page,
    /// The pager's accessible name: "Pages of the roster".
    pub label: AttrValue,
    /// What the rows are, in the plural: "people".
    pub plural: AttrValue,
    /// Asked for page `n` (from 0).
    pub on_page: Callback<usize>,
    /// Asked to show every row on one page (the button appears only with it).
    #[prop_or_default]
    pub on_show_all: Option<Callback<()>>,
    /// For a narrow panel: previous and next only, without the page numbers.
    #[prop_or_default]
    pub compact: bool,
}

#[component]
pub fn Pager(props: &PagerProps) -> Html {
    let page = props.page;
    let go = |n: usize| {
        let on_page = props.on_page.clone();
        Callback::from(move |_: MouseEvent| on_page.emit(n))
    };
    let numbers = page.nearby().into_iter().map(|entry| match entry {
        Some(n) => {
            let current = n == page.index;
            html! {
                <li key={n}>
                    <button type="button" class={classes!("pager-page", current.then_some("current"))}
                        aria-label={page.page_label(n)}
                        aria-current={current.then_some("page")}
                        onclick={go(n)}>{ n + 1 }</button>
                </li>
            }
        }
        None => html! { <li class="pager-gap" aria-hidden="true">{ "\u{2026}" }</li> },
    });
    html! {
        <nav class={classes!("pager", props.compact.then_some("compact"))} aria-label={props.label.clone()}>
            <p class="pager-status" role="status">{ page.words(&props.plural) }</p>
            <button type="button" class="pager-step" disabled={page.index == 0}
                onclick={go(page.index.saturating_sub(1))}>{ "Previous" }</button>
            if !props.compact {
                <ul class="pager-pages">{ for numbers }</ul>
            }
            <button type="button" class="pager-step" disabled={page.index + 1 >= page.count}
                onclick={go(page.index + 1)}>{ "Next" }</button>
            if let Some(on_show_all) = props.on_show_all.clone() {
                <button type="button" class="link-button pager-all"
                    onclick={Callback::from(move |_: MouseEvent| on_show_all.emit(()))}>
                    { format!("Show all {}", page.total) }
                </button>
            }
        </nav>
    }
}
