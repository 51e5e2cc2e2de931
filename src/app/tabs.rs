//! The tabs under the stage: what each is called, its name in the URL (`tab=`, `pin=`), the order
//! the arrow keys follow, and where a scenario step's "Look at" points.

/// One tab under the stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The CRUD twin beside the ledger.
    Crud,
    /// How transfers run: the process or one atomic write, step delivery, a crash.
    Transfers,
    /// Several read models of one ledger: broken, fixed, rebuilt, lagging.
    ReadModels,
    /// Questions only the ledger can answer.
    Questions,
    /// The last command's way through decide, the store and the projection.
    HowItWorks,
    /// Commands the rules refused during this visit.
    Rejected,
    /// Guided scenarios.
    Scenarios,
    /// Why event sourcing matters.
    Why,
    /// The words the page uses, each explained once.
    Glossary,
}

impl Tab {
    /// Every tab, in the order of the tab list.
    pub const ALL: [Tab; 9] = [
        Tab::Crud,
        Tab::Transfers,
        Tab::ReadModels,
        Tab::Questions,
        Tab::HowItWorks,
        Tab::Rejected,
        Tab::Scenarios,
        Tab::Why,
        Tab::Glossary,
    ];

    /// The tab's visible name, which is also its accessible name.
    pub fn label(self) -> &'static str {
        match self {
            Tab::Crud => "Compare with CRUD",
            Tab::Transfers => "Transfers",
            Tab::ReadModels => "Read models",
            Tab::Questions => "Questions",
            Tab::HowItWorks => "How it works",
            Tab::Rejected => "Rejected attempts",
            Tab::Scenarios => "Scenarios",
            Tab::Why => "Why it matters",
            Tab::Glossary => "Glossary",
        }
    }

    /// The name in the URL (`tab=crud`), also used for element ids.
    pub fn slug(self) -> &'static str {
        match self {
            Tab::Crud => "crud",
            Tab::Transfers => "transfers",
            Tab::ReadModels => "read-models",
            Tab::Questions => "questions",
            Tab::HowItWorks => "how-it-works",
            Tab::Rejected => "rejected",
            Tab::Scenarios => "scenarios",
            Tab::Why => "why",
            Tab::Glossary => "glossary",
        }
    }

    /// The tab a URL names.
    pub fn parse(slug: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.slug() == slug)
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// The next tab (Right arrow), wrapping to the first.
    pub fn next(self) -> Tab {
        Tab::ALL[(self.index() + 1) % Tab::ALL.len()]
    }

    /// The previous tab (Left arrow), wrapping to the last.
    pub fn previous(self) -> Tab {
        Tab::ALL[(self.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]
    }

    /// The first tab (Home).
    pub fn first() -> Tab {
        Tab::ALL[0]
    }

    /// The last tab (End).
    pub fn last() -> Tab {
        Tab::ALL[Tab::ALL.len() - 1]
    }
}

/// Where a scenario step's "Look at" sends the eye: a part of the stage, always on screen, or a
/// tab, which is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookAt {
    /// A region of the stage, by the id of its heading.
    Stage(&'static str),
    /// A tab, opened by the step.
    Tab(Tab),
}

impl LookAt {
    /// What a step's panel name points at; None for a name the page does not know.
    pub fn of(panel: &str) -> Option<LookAt> {
        Some(match panel {
            "Event ledger" => LookAt::Stage("ledger-heading"),
            "Current state" => LookAt::Stage("state-heading"),
            "Time travel" => LookAt::Stage("time-travel-heading"),
            "Commands" => LookAt::Stage("commands-heading"),
            "Accounts" => LookAt::Stage("accounts-heading"),
            "Transfers" => LookAt::Tab(Tab::Transfers),
            "Read models" => LookAt::Tab(Tab::ReadModels),
            "CRUD" | "Compare with CRUD" => LookAt::Tab(Tab::Crud),
            "Questions" => LookAt::Tab(Tab::Questions),
            "Rejected attempts" => LookAt::Tab(Tab::Rejected),
            "How it works" => LookAt::Tab(Tab::HowItWorks),
            "Why it matters" => LookAt::Tab(Tab::Why),
            _ => return None,
        })
    }
}
