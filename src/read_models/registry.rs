//! The read models of the "Read models" tab, each kept with its own state and position, and
//! their stored copies: disposable caches of the ledger, one storage key each.
//!
//! A copy is read at start only when it fits (the same read model, the same version of its
//! code, the same history up to its position); otherwise that read model is rebuilt from the
//! ledger and the page says so. The ledger is never touched here. Which statement version is
//! deployed and whether Large movements is on are kept beside the copies, in one settings key.

use super::codec;
use super::copy::{Header, Unusable};
use super::{
    AccountsOverview, BalanceOverTime, Delivered, Kept, LargeMovements, MonthlyStatement,
    STATEMENT_BUGGY, STATEMENT_FIXED, STATEMENT_SHIPPED,
};
use crate::eventstore::{KeyValueStore, RecordedEvent, StorageError};

/// One read model of the tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadModelId {
    /// Money in, money out and the closing balance per account and month.
    Statement,
    /// Each account's balance along the ledger, downsampled.
    Chart,
    /// Every account's owner, status and balance.
    Overview,
    /// Withdrawals and transfers out of $1,000.00 or more (off until switched on).
    Large,
}

impl ReadModelId {
    /// Every read model, in the tab's order.
    pub const ALL: [ReadModelId; 4] = [
        ReadModelId::Statement,
        ReadModelId::Chart,
        ReadModelId::Overview,
        ReadModelId::Large,
    ];

    /// Its title, also its region's accessible name.
    pub fn title(self) -> &'static str {
        match self {
            ReadModelId::Statement => "Monthly statement",
            ReadModelId::Chart => "Balance over time",
            ReadModelId::Overview => "Accounts overview",
            ReadModelId::Large => "Large movements",
        }
    }

    /// Its name in storage keys and element ids.
    pub fn slug(self) -> &'static str {
        match self {
            ReadModelId::Statement => "monthly-statement",
            ReadModelId::Chart => "balance-over-time",
            ReadModelId::Overview => "accounts-overview",
            ReadModelId::Large => "large-movements",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The storage key of a read model's copy, beside the ledger stored under `ledger_key`.
pub fn copy_key(ledger_key: &str, id: ReadModelId) -> String {
    format!("{ledger_key}.read-model.{}", id.slug())
}

/// The storage key of the read models' settings (the deployed statement, Large movements on).
pub fn settings_key(ledger_key: &str) -> String {
    format!("{ledger_key}.read-models")
}

/// The version of the code of the read models other than the statement (whose version is the
/// one deployed).
pub const CODE_VERSION: u32 = 1;

/// A rebuild of the statement in progress, paced so a person can watch it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rebuild {
    /// Events folded per step.
    pub batch: usize,
    /// Time spent folding so far, in ms (the pauses between steps not counted).
    pub folding_ms: f64,
}

/// How many steps a paced rebuild takes: slow enough to watch at a few hundred events.
pub const REBUILD_STEPS: usize = 40;

/// The read models and what is known of their copies.
#[derive(Debug, Clone)]
pub struct ReadModels {
    overview: Kept<AccountsOverview>,
    statement: Kept<MonthlyStatement>,
    chart: Kept<BalanceOverTime>,
    large: Option<Kept<LargeMovements>>,
    /// The position of each one's copy in storage, as last written or read (`None`: none).
    saved: [Option<u64>; 4],
    /// True when the settings changed since they were written.
    settings_dirty: bool,
    rebuild: Option<Rebuild>,
}

impl Default for ReadModels {
    fn default() -> Self {
        ReadModels::new(STATEMENT_SHIPPED, false)
    }
}

impl ReadModels {
    /// Every read model before any event.
    pub fn new(statement_version: u32, large_on: bool) -> Self {
        ReadModels {
            overview: Kept::default(),
            statement: Kept::new(MonthlyStatement::of_version(statement_version)),
            chart: Kept::default(),
            large: large_on.then(Kept::default),
            saved: [None; 4],
            settings_dirty: false,
            rebuild: None,
        }
    }

    /// The same read models (deployed version, Large movements on or off) with no event yet:
    /// for a history that replaced the one they were built from. Every copy is written anew.
    pub fn emptied(&self) -> ReadModels {
        ReadModels {
            settings_dirty: self.settings_dirty,
            ..ReadModels::new(self.statement.state().version(), self.large.is_some())
        }
    }

    /// The accounts overview.
    pub fn overview(&self) -> &Kept<AccountsOverview> {
        &self.overview
    }

    /// The monthly statement, in the version deployed.
    pub fn statement(&self) -> &Kept<MonthlyStatement> {
        &self.statement
    }

    /// The balance over time.
    pub fn chart(&self) -> &Kept<BalanceOverTime> {
        &self.chart
    }

    /// Large movements, once switched on.
    pub fn large(&self) -> Option<&Kept<LargeMovements>> {
        self.large.as_ref()
    }

    /// The rebuild in progress, if any.
    pub fn rebuild(&self) -> Option<Rebuild> {
        self.rebuild
    }

    /// A read model's position, or `None` while it is off.
    pub fn position(&self, id: ReadModelId) -> Option<u64> {
        match id {
            ReadModelId::Statement => Some(self.statement.position()),
            ReadModelId::Chart => Some(self.chart.position()),
            ReadModelId::Overview => Some(self.overview.position()),
            ReadModelId::Large => self.large.as_ref().map(Kept::position),
        }
    }

    /// The version of a read model's code that runs now.
    pub fn version(&self, id: ReadModelId) -> u32 {
        match id {
            ReadModelId::Statement => self.statement.state().version(),
            _ => CODE_VERSION,
        }
    }

    /// True when any read model that is on has not applied all `head` events.
    pub fn behind(&self, head: usize) -> bool {
        ReadModelId::ALL
            .iter()
            .filter_map(|id| self.position(*id))
            .any(|p| p < head as u64)
    }

    /// True when a delivery has work to do: a read model is behind, other than a statement
    /// that rebuilds at its own pace.
    pub fn awaiting_delivery(&self, head: usize) -> bool {
        let rebuilding = self.rebuild.is_some();
        ReadModelId::ALL
            .iter()
            .filter(|id| !(rebuilding && **id == ReadModelId::Statement))
            .filter_map(|id| self.position(*id))
            .any(|p| p < head as u64)
    }

    /// Applies every event each read model has not applied yet (the statement waits for its
    /// rebuild, which paces itself). Returns how many deliveries there were.
    pub fn catch_up(&mut self, events: &[RecordedEvent]) -> usize {
        let all = usize::MAX;
        let mut applied = self.overview.catch_up(events, all) + self.chart.catch_up(events, all);
        if self.rebuild.is_none() {
            applied += self.statement.catch_up(events, all);
        }
        if let Some(large) = &mut self.large {
            applied += large.catch_up(events, all);
        }
        applied
    }

    /// Delivers `recorded` to every read model that is on (a retried delivery, say), and says
    /// what each did with it.
    pub fn deliver(&mut self, recorded: &RecordedEvent) -> Vec<(ReadModelId, Delivered)> {
        let mut said = vec![
            (ReadModelId::Statement, self.statement.deliver(recorded)),
            (ReadModelId::Chart, self.chart.deliver(recorded)),
            (ReadModelId::Overview, self.overview.deliver(recorded)),
        ];
        if let Some(large) = &mut self.large {
            said.push((ReadModelId::Large, large.deliver(recorded)));
        }
        said
    }

    /// The last position every read model that is on has applied.
    pub fn applied_by_all(&self) -> u64 {
        ReadModelId::ALL
            .iter()
            .filter_map(|id| self.position(*id))
            .min()
            .unwrap_or(0)
    }

    /// Deploys statement version `version`: its state is discarded and, unless `paced`, rebuilt
    /// from the first event at once; paced, [`ReadModels::rebuild_step`] folds it in batches.
    pub fn deploy_statement(&mut self, version: u32, events: &[RecordedEvent], paced: bool) {
        self.statement = Kept::new(MonthlyStatement::of_version(version));
        self.settings_dirty = true;
        // The stored copy is of the old version, whatever its position.
        self.saved[ReadModelId::Statement.index()] = None;
        if paced {
            self.rebuild = Some(Rebuild {
                batch: events.len().div_ceil(REBUILD_STEPS).max(1),
                folding_ms: 0.0,
            });
        } else {
            self.rebuild = None;
            self.statement.catch_up(events, usize::MAX);
        }
    }

    /// One step of the statement's rebuild, timed by `clock` (ms). Returns the time spent
    /// folding when the rebuild is done.
    pub fn rebuild_step(
        &mut self,
        events: &[RecordedEvent],
        clock: &dyn Fn() -> f64,
    ) -> Option<f64> {
        let mut rebuild = self.rebuild?;
        let started = clock();
        self.statement.catch_up(events, rebuild.batch);
        rebuild.folding_ms += clock() - started;
        if (self.statement.position() as usize) < events.len() {
            self.rebuild = Some(rebuild);
            return None;
        }
        self.rebuild = None;
        Some(rebuild.folding_ms)
    }

    /// Switches Large movements on, built from every past event.
    pub fn switch_on_large(&mut self, events: &[RecordedEvent]) {
        let mut large = Kept::<LargeMovements>::default();
        large.catch_up(events, usize::MAX);
        self.large = Some(large);
        self.settings_dirty = true;
    }

    /// Reads the copies stored beside the ledger under `key` and brings each up to `events`;
    /// every read model whose copy cannot be used is rebuilt from the events, and listed with
    /// the reason.
    pub fn load(
        store: &impl KeyValueStore,
        key: &str,
        events: &[RecordedEvent],
    ) -> (ReadModels, Vec<(ReadModelId, Unusable)>) {
        let settings = store
            .get(&settings_key(key))
            .ok()
            .flatten()
            .unwrap_or_default();
        let mut statement_version = STATEMENT_SHIPPED;
        let mut large_on = false;
        for line in settings.lines() {
            match line.split_once('\t') {
                Some(("statement", v)) => {
                    statement_version = match v.parse() {
                        Ok(v @ (STATEMENT_SHIPPED | STATEMENT_BUGGY | STATEMENT_FIXED)) => v,
                        _ => STATEMENT_SHIPPED,
                    }
                }
                Some(("large", "1")) => large_on = true,
                _ => {}
            }
        }
        let mut models = ReadModels::new(statement_version, large_on);
        let mut rebuilt = Vec::new();
        for id in ReadModelId::ALL {
            if models.position(id).is_none() {
                continue;
            }
            let stored = store.get(&copy_key(key, id)).ok().flatten();
            match models.restore(id, stored.as_deref(), events) {
                Ok(position) => models.saved[id.index()] = Some(position),
                // An empty ledger keeps no copies: nothing was lost, nothing to say.
                Err(Unusable::Missing) if events.is_empty() => {}
                Err(why) => rebuilt.push((id, why)),
            }
        }
        models.catch_up(events);
        (models, rebuilt)
    }

    /// Puts a copy's state in place, or says why it cannot be used.
    fn restore(
        &mut self,
        id: ReadModelId,
        stored: Option<&str>,
        events: &[RecordedEvent],
    ) -> Result<u64, Unusable> {
        let text = stored.ok_or(Unusable::Missing)?;
        let mut lines = text.lines();
        let header = lines
            .next()
            .and_then(Header::parse)
            .ok_or(Unusable::Corrupt)?;
        header.check(id.slug(), self.version(id), events)?;
        let position = header.position;
        match id {
            ReadModelId::Overview => {
                let state = codec::decode_overview(lines).ok_or(Unusable::Corrupt)?;
                self.overview = Kept::restored(state, position);
            }
            ReadModelId::Statement => {
                let state =
                    codec::decode_statement(header.version, lines).ok_or(Unusable::Corrupt)?;
                self.statement = Kept::restored(state, position);
            }
            ReadModelId::Chart => {
                let state = codec::decode_chart(lines).ok_or(Unusable::Corrupt)?;
                self.chart = Kept::restored(state, position);
            }
            ReadModelId::Large => {
                let state = codec::decode_large(lines).ok_or(Unusable::Corrupt)?;
                self.large = Some(Kept::restored(state, position));
            }
        }
        Ok(position)
    }

    /// A read model's copy as text, at its position in `events`.
    pub fn copy_text(&self, id: ReadModelId, events: &[RecordedEvent]) -> Option<String> {
        let position = self.position(id)?;
        let mut text = Header::at(id.slug(), self.version(id), position, events).line();
        text.push('\n');
        match id {
            ReadModelId::Overview => codec::encode_overview(self.overview.state(), &mut text),
            ReadModelId::Statement => codec::encode_statement(self.statement.state(), &mut text),
            ReadModelId::Chart => codec::encode_chart(self.chart.state(), &mut text),
            ReadModelId::Large => codec::encode_large(self.large.as_ref()?.state(), &mut text),
        }
        Some(text)
    }

    /// True when a copy or the settings in storage are behind the read models.
    pub fn unsaved(&self) -> bool {
        self.settings_dirty
            || ReadModelId::ALL.iter().any(|id| {
                self.position(*id)
                    .is_some_and(|p| self.saved[id.index()] != Some(p))
            })
    }

    /// Writes the copies that changed since they were last written (none for an empty ledger,
    /// which keeps no copies) and the settings. A copy that cannot be written is removed, so
    /// no stale one is left: it will be rebuilt on the next start. Mid-rebuild the statement's
    /// copy waits for the end.
    pub fn save(
        &mut self,
        store: &mut impl KeyValueStore,
        key: &str,
        events: &[RecordedEvent],
    ) -> Result<(), StorageError> {
        if self.settings_dirty {
            let text = format!(
                "statement\t{}\nlarge\t{}\n",
                self.statement.state().version(),
                u8::from(self.large.is_some())
            );
            store.set(&settings_key(key), &text)?;
            self.settings_dirty = false;
        }
        let mut failed = None;
        for id in ReadModelId::ALL {
            let Some(position) = self.position(id) else {
                continue;
            };
            let rebuilding = id == ReadModelId::Statement && self.rebuild.is_some();
            if self.saved[id.index()] == Some(position) || rebuilding {
                continue;
            }
            let written = match self.copy_text(id, events) {
                Some(_) if events.is_empty() => store.remove(&copy_key(key, id)),
                Some(text) => store.set(&copy_key(key, id), &text),
                None => continue,
            };
            match written {
                Ok(()) => self.saved[id.index()] = Some(position),
                Err(error) => {
                    failed = Some(error);
                    break;
                }
            }
        }
        match failed {
            // None is left half-written or stale: they are rebuilt on the next start.
            Some(error) => {
                self.remove_copies(store, key);
                Err(error)
            }
            None => Ok(()),
        }
    }

    /// Removes every copy from storage (the settings and the ledger are untouched); returns
    /// true when there was anything to remove.
    pub fn remove_copies(&mut self, store: &mut impl KeyValueStore, key: &str) -> bool {
        let mut removed = false;
        for id in ReadModelId::ALL {
            let copy = copy_key(key, id);
            if store.get(&copy).ok().flatten().is_some() {
                removed |= store.remove(&copy).is_ok();
            }
            self.saved[id.index()] = None;
        }
        removed
    }
}
