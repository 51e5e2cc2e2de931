//! Finding a panel (a `<section>` region) by the id of the heading that names it.

/// The region whose heading has id `heading_id`.
pub fn region_of(heading_id: &str) -> Option<web_sys::Element> {
    web_sys::window()?
        .document()?
        .get_element_by_id(heading_id)?
        .closest("section")
        .ok()
        .flatten()
}
