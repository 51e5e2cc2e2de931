//! Rewriting the page's query string when the open tab changes, so the address links to it.

/// `search` (with or without its `?`) with `name` set to `value`, or removed when `value` is
/// None; every other parameter is kept, in order. Returns "" or a string starting with "?".
pub fn with_param(search: &str, name: &str, value: Option<&str>) -> String {
    let search = search.strip_prefix('?').unwrap_or(search);
    let mut pairs: Vec<String> = search
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| pair.split('=').next() != Some(name))
        .map(str::to_string)
        .collect();
    if let Some(value) = value {
        pairs.push(format!("{name}={value}"));
    }
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}
