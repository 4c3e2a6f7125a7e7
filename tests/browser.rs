//! Component tests in a real headless browser (wasm-bindgen-test + chromedriver):
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

mod browser_support;

use browser_support::{fresh_root, settle};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

#[component]
fn Greeting() -> Html {
    html! { <h1>{ "Engagement Planner" }</h1> }
}

#[wasm_bindgen_test]
async fn renders_into_a_fresh_root() {
    let root = fresh_root();
    let _app = yew::Renderer::<Greeting>::with_root(root.clone()).render();
    settle().await;
    let h1 = root
        .query_selector("h1")
        .unwrap()
        .expect("an <h1> was rendered");
    assert_eq!(h1.text_content().unwrap(), "Engagement Planner");
}
