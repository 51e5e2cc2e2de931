//! [`When`]: Leptos's `<Show>`, written once for the whole app. `<Show>` is generic over its
//! condition and its children, so each use was another copy of it (and of a memo) in the wasm;
//! here both are type-erased, and every use shares one.

use std::sync::Arc;

use leptos::prelude::*;

/// Shows `children` while `when` is true, else `fallback`. As with `<Show>`, the condition is
/// memoised: the children are built again only when it flips.
#[component]
pub fn When(
    when: impl Fn() -> bool + Send + Sync + 'static,
    children: ChildrenFn,
    #[prop(optional, into)] fallback: ViewFn,
) -> impl IntoView {
    shown_when(Arc::new(when), children, fallback)
}

/// The body of [`When`], for every condition and children alike.
fn shown_when(
    when: Arc<dyn Fn() -> bool + Send + Sync>,
    children: ChildrenFn,
    fallback: ViewFn,
) -> impl IntoView {
    let when = Memo::new(move |_| when());
    move || {
        if when.get() {
            children()
        } else {
            fallback.run()
        }
    }
}
