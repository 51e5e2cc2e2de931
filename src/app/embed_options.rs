//! The page's query parameters, for documentation sites that embed the demo in an iframe.
//!
//! Pure parsing, tested natively. A parameter this app does not know, or a value it cannot use,
//! is ignored with a warning (the page logs it to the console): an embed never breaks over a typo.

use crate::app::Tab;

/// A panel of the page, by the name `panels=` uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// Open account, deposit, withdraw, close.
    Commands,
    /// The projection: balance, account, owner, status.
    State,
    /// The slider.
    TimeTravel,
    /// The event list.
    Ledger,
    /// The CRUD twin: the table, its SQL and what it lost.
    Crud,
    /// Questions only the ledger can answer.
    Questions,
    /// Commands the rules refused during this visit.
    Rejected,
    /// Guided scenarios and their narration.
    Scenarios,
    /// The last command's flow through decide, the store and the projection.
    HowItWorks,
    /// Why event sourcing matters, each card with something to click.
    Why,
    /// Generate history.
    Generate,
    /// Export and Import.
    Share,
    /// Clear ledger.
    Clear,
}

impl Panel {
    /// Every panel, in the order the full page shows them.
    pub const ALL: [Panel; 13] = [
        Panel::Scenarios,
        Panel::Commands,
        Panel::Rejected,
        Panel::HowItWorks,
        Panel::State,
        Panel::Crud,
        Panel::Generate,
        Panel::Share,
        Panel::TimeTravel,
        Panel::Ledger,
        Panel::Questions,
        Panel::Why,
        Panel::Clear,
    ];

    /// The name in `panels=`.
    pub fn name(self) -> &'static str {
        match self {
            Panel::Commands => "commands",
            Panel::State => "state",
            Panel::TimeTravel => "time-travel",
            Panel::Ledger => "ledger",
            Panel::Crud => "crud",
            Panel::Questions => "questions",
            Panel::Rejected => "rejected",
            Panel::Scenarios => "scenarios",
            Panel::HowItWorks => "how-it-works",
            Panel::Why => "why",
            Panel::Generate => "generate",
            Panel::Share => "share",
            Panel::Clear => "clear",
        }
    }

    fn parse(name: &str) -> Option<Panel> {
        Panel::ALL.into_iter().find(|p| p.name() == name)
    }

    /// True for panels that change the ledger, which `readonly=1` hides.
    pub fn writes(self) -> bool {
        matches!(
            self,
            Panel::Commands | Panel::Generate | Panel::Clear | Panel::Share
        )
    }
}

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follows the system's light or dark preference.
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// Where the ledger is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StorageChoice {
    /// localStorage: survives reloads and is shared by tabs.
    #[default]
    Local,
    /// sessionStorage: this tab only, until it closes.
    Session,
    /// Nothing is stored: lost on reload.
    Memory,
}

/// What the query parameters ask for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EmbedOptions {
    /// `embed=1`: only the demo panels, no page chrome.
    pub embed: bool,
    /// `panels=`: which panels, in which order; `None` for the full page's layout.
    pub panels: Option<Vec<Panel>>,
    /// `theme=`.
    pub theme: Theme,
    /// `readonly=1`: every command hidden; time travel and the ledger stay.
    pub readonly: bool,
    /// `ns=`: a storage namespace of its own, so two embeds on one page never share a ledger.
    pub namespace: Option<String>,
    /// `storage=`.
    pub storage: StorageChoice,
    /// `scenario=`: a guided scenario to show at start, by name.
    pub scenario: Option<String>,
    /// `tab=`: the tab open under the stage.
    pub tab: Option<Tab>,
    /// `pin=`: the tab pinned beside the stage on a wide screen.
    pub pin: Option<Tab>,
    /// `layout=compact`: the stage alone (commands, ledger, state, time travel), for a small frame.
    pub compact: bool,
}

/// The longest namespace accepted.
pub const MAX_NAMESPACE_CHARS: usize = 40;

impl EmbedOptions {
    /// Parses a query string (with or without its leading `?`). Returns the options and one
    /// warning per parameter that was ignored, saying why.
    pub fn parse(query: &str) -> (EmbedOptions, Vec<String>) {
        let mut options = EmbedOptions::default();
        let mut warnings = Vec::new();
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (raw_name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
            let (Some(name), Some(value)) = (percent_decode(raw_name), percent_decode(raw_value))
            else {
                warnings.push(format!(
                    "ignored \"{pair}\": it is not valid percent-encoding"
                ));
                continue;
            };
            let mut bad = |expected: &str| {
                warnings.push(format!("ignored {name}=\"{value}\": expected {expected}"))
            };
            match name.as_str() {
                "embed" => match flag(&value) {
                    Some(on) => options.embed = on,
                    None => bad("1 or 0"),
                },
                "readonly" => match flag(&value) {
                    Some(on) => options.readonly = on,
                    None => bad("1 or 0"),
                },
                "theme" => match value.as_str() {
                    "light" => options.theme = Theme::Light,
                    "dark" => options.theme = Theme::Dark,
                    "auto" => options.theme = Theme::Auto,
                    _ => bad("light, dark or auto"),
                },
                "storage" => match value.as_str() {
                    "local" => options.storage = StorageChoice::Local,
                    "session" => options.storage = StorageChoice::Session,
                    "memory" => options.storage = StorageChoice::Memory,
                    _ => bad("local, session or memory"),
                },
                "ns" => {
                    let valid = (1..=MAX_NAMESPACE_CHARS).contains(&value.chars().count())
                        && value
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                    if valid {
                        options.namespace = Some(value);
                    } else {
                        bad("1 to 40 letters, digits, - or _");
                    }
                }
                "panels" => {
                    let mut panels = Vec::new();
                    for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                        match Panel::parse(part) {
                            Some(panel) if !panels.contains(&panel) => panels.push(panel),
                            Some(_) => warnings.push(format!(
                                "ignored the second \"{part}\" in panels: each panel shows once"
                            )),
                            None => warnings.push(format!(
                                "ignored \"{part}\" in panels: the panels are {}",
                                Panel::ALL.map(Panel::name).join(", ")
                            )),
                        }
                    }
                    if panels.is_empty() {
                        warnings.push(
                            "ignored panels: it names no known panel, so every panel shows"
                                .to_string(),
                        );
                    } else {
                        options.panels = Some(panels);
                    }
                }
                "scenario" => {
                    if crate::app::scenarios::named(&value).is_some() {
                        options.scenario = Some(value);
                    } else {
                        let names: Vec<&str> = crate::app::scenarios::all()
                            .iter()
                            .map(|s| s.name)
                            .collect();
                        bad(&names.join(", "));
                    }
                }
                "tab" | "pin" => match Tab::parse(&value) {
                    Some(tab) if name == "tab" => options.tab = Some(tab),
                    Some(tab) => options.pin = Some(tab),
                    None => bad(&Tab::ALL.map(Tab::slug).join(", ")),
                },
                "layout" => match value.as_str() {
                    "compact" => options.compact = true,
                    "full" => options.compact = false,
                    _ => bad("compact or full"),
                },
                _ => warnings.push(format!("ignored \"{name}\": not a parameter of this page")),
            }
        }
        if options.readonly && options.panels.is_some() && options.visible_panels().is_empty() {
            warnings.push(
                "ignored panels: readonly=1 hides every panel it names, so the read-only panels show"
                    .to_string(),
            );
            options.panels = None;
        }
        (options, warnings)
    }

    /// The panels to show, in order, after `readonly=1` removed those that write.
    pub fn visible_panels(&self) -> Vec<Panel> {
        self.panels
            .clone()
            .unwrap_or_else(|| Panel::ALL.to_vec())
            .into_iter()
            .filter(|p| !(self.readonly && p.writes()))
            .collect()
    }

    /// The storage key of this page's ledger: its own per namespace. `@` cannot occur in the
    /// default key, so no namespace's keys are ever taken for another ledger's chunks.
    pub fn ledger_key(&self, default: &str) -> String {
        match &self.namespace {
            Some(ns) => format!("{default}@{ns}"),
            None => default.to_string(),
        }
    }
}

fn flag(value: &str) -> Option<bool> {
    match value {
        "1" | "true" | "" => Some(true),
        "0" | "false" => Some(false),
        _ => None,
    }
}

/// Decodes `%XX` escapes and `+` (a space in a query). None for a broken escape or bytes that
/// are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = text.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}
