//! Component tests in a real headless browser (wasm-bindgen-test + chromedriver):
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

#[component]
fn Greeting() -> Html {
    html! { <h1>{ "Engagement Planner" }</h1> }
}

/// A fresh `<div>` appended to `<body>` to mount one component into.
fn fresh_root() -> web_sys::Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

/// Lets Yew's scheduler run: rendering happens after `render()` returns, so wait one
/// macrotask before looking at the DOM.
async fn settle() {
    yew::platform::time::sleep(std::time::Duration::ZERO).await;
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
