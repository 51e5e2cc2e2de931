//! The read models of the "Read models" tab: five entries of the one [`Registry`], which keeps
//! each with its own position and its stored copy (a disposable cache of the ledger, one
//! storage key each, read at start only when it fits and otherwise rebuilt from the ledger).
//!
//! What is particular to the tab lives here: which statement version is deployed (and its paced
//! rebuild, slow enough to watch), whether Large movements is on, and the definition of the
//! learner's own read model, kept beside the copies in one settings key.

use super::copy::Unusable;
use super::copy_key;
use super::{
    AccountsOverview, BalanceOverTime, Definition, Delivered, Kept, LargeMovements,
    MonthlyStatement, Registered, Registry, YourReadModel, STATEMENT_BUGGY, STATEMENT_FIXED,
    STATEMENT_SHIPPED,
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
    /// The one the learner builds with a form (off until they do).
    Yours,
}

impl ReadModelId {
    /// Every read model, in the tab's order.
    pub const ALL: [ReadModelId; 5] = [
        ReadModelId::Statement,
        ReadModelId::Chart,
        ReadModelId::Overview,
        ReadModelId::Large,
        ReadModelId::Yours,
    ];

    /// Its title, also its region's accessible name.
    pub fn title(self) -> &'static str {
        match self {
            ReadModelId::Statement => MonthlyStatement::TITLE,
            ReadModelId::Chart => BalanceOverTime::TITLE,
            ReadModelId::Overview => AccountsOverview::TITLE,
            ReadModelId::Large => LargeMovements::TITLE,
            ReadModelId::Yours => YourReadModel::TITLE,
        }
    }

    /// Its name in storage keys and element ids.
    pub fn slug(self) -> &'static str {
        match self {
            ReadModelId::Statement => MonthlyStatement::SLUG,
            ReadModelId::Chart => BalanceOverTime::SLUG,
            ReadModelId::Overview => AccountsOverview::SLUG,
            ReadModelId::Large => LargeMovements::SLUG,
            ReadModelId::Yours => YourReadModel::SLUG,
        }
    }

    /// The read model named `slug` in storage.
    fn of_slug(slug: &str) -> Option<ReadModelId> {
        ReadModelId::ALL.into_iter().find(|id| id.slug() == slug)
    }
}

/// The storage key of the read models' settings (the deployed statement, Large movements on,
/// the learner's definition).
pub fn settings_key(ledger_key: &str) -> String {
    format!("{ledger_key}.read-models")
}

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

/// The tab's read models, kept by the registry, and the tab's settings.
#[derive(Debug, Clone)]
pub struct ReadModels {
    registry: Registry,
    /// The learner's definition as they left it, checked or not (it is registered only when
    /// it checks): nothing they wrote is lost to a problem in it.
    your_definition: Option<Definition>,
    /// Bumped by every change to the learner's definition.
    your_edits: u64,
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
        let mut registry = Registry::new();
        registry.register(MonthlyStatement::of_version(statement_version));
        registry.register(BalanceOverTime::default());
        registry.register(AccountsOverview::default());
        if large_on {
            registry.register(LargeMovements::default());
        }
        ReadModels {
            registry,
            your_definition: None,
            your_edits: 0,
            settings_dirty: false,
            rebuild: None,
        }
    }

    /// The same read models (deployed version, Large movements on or off) with no event yet:
    /// for a history that replaced the one they were built from. Every copy is written anew.
    pub fn emptied(&self) -> ReadModels {
        let mut models = ReadModels {
            settings_dirty: self.settings_dirty,
            ..ReadModels::new(self.statement().state().version(), self.large().is_some())
        };
        let _ = models.put_yours(self.your_definition.clone(), &[]);
        models.your_edits = self.your_edits;
        models
    }

    /// One of the read models [`ReadModels::new`] always registers.
    fn always<R: Registered>(&self) -> &Kept<R> {
        self.registry
            .get::<R>()
            .expect("ReadModels::new registers the statement, the chart and the overview")
    }

    /// The accounts overview.
    pub fn overview(&self) -> &Kept<AccountsOverview> {
        self.always()
    }

    /// The monthly statement, in the version deployed.
    pub fn statement(&self) -> &Kept<MonthlyStatement> {
        self.always()
    }

    /// The balance over time.
    pub fn chart(&self) -> &Kept<BalanceOverTime> {
        self.always()
    }

    /// Large movements, once switched on.
    pub fn large(&self) -> Option<&Kept<LargeMovements>> {
        self.registry.get()
    }

    /// The learner's read model, while its definition checks.
    pub fn yours(&self) -> Option<&Kept<YourReadModel>> {
        self.registry.get()
    }

    /// The learner's definition as they left it (it may not check), if they made one.
    pub fn your_definition(&self) -> Option<&Definition> {
        self.your_definition.as_ref()
    }

    /// Puts the learner's definition in place (`None`: removes it). When it checks and folds
    /// differently from the one registered, it is registered anew and built from every event
    /// of `events` (true is returned: it was rebuilt); when it does not check, it is taken out
    /// of the registry and its problems are returned. The definition is kept either way.
    pub fn define_yours(
        &mut self,
        definition: Option<Definition>,
        events: &[RecordedEvent],
    ) -> Result<bool, Vec<String>> {
        self.settings_dirty = true;
        self.your_edits += 1;
        self.put_yours(definition, events)
    }

    /// How many changes the learner's definition has had: a change to it changes this.
    pub fn your_edits(&self) -> u64 {
        self.your_edits
    }

    fn put_yours(
        &mut self,
        definition: Option<Definition>,
        events: &[RecordedEvent],
    ) -> Result<bool, Vec<String>> {
        self.your_definition = definition;
        let Some(definition) = &self.your_definition else {
            self.registry.unregister::<YourReadModel>();
            return Ok(false);
        };
        let compiled = match definition.compile() {
            Ok(compiled) => compiled,
            Err(problems) => {
                self.registry.unregister::<YourReadModel>();
                return Err(problems);
            }
        };
        let running = self.yours().map(|kept| kept.state().version());
        if running == Some(definition.fingerprint()) {
            // Only its name changed (the page says the definition's name, not the copy's):
            // the fold is the same, nothing to rebuild.
            return Ok(false);
        }
        self.registry
            .register_built(YourReadModel::new(compiled), events);
        Ok(true)
    }

    /// The rebuild in progress, if any.
    pub fn rebuild(&self) -> Option<Rebuild> {
        self.rebuild
    }

    /// A read model's position, or `None` while it is off.
    pub fn position(&self, id: ReadModelId) -> Option<u64> {
        self.registry.position(id.slug())
    }

    /// The version of a read model's code that runs now (Large movements' while it is off).
    pub fn version(&self, id: ReadModelId) -> u32 {
        match id {
            ReadModelId::Statement => self.statement().state().version(),
            ReadModelId::Chart => self.chart().state().version(),
            ReadModelId::Overview => self.overview().state().version(),
            ReadModelId::Large => LargeMovements::default().version(),
            ReadModelId::Yours => self.yours().map_or(0, |kept| kept.state().version()),
        }
    }

    /// True when any read model that is on has not applied all `head` events.
    pub fn behind(&self, head: usize) -> bool {
        self.registry
            .registrations()
            .any(|r| r.position < head as u64)
    }

    /// True when a delivery has work to do: a read model is behind, other than a statement
    /// that rebuilds at its own pace.
    pub fn awaiting_delivery(&self, head: usize) -> bool {
        let waiting = self.waiting();
        self.registry
            .registrations()
            .any(|r| !waiting.contains(&r.slug) && r.position < head as u64)
    }

    /// The read models that catch up at their own pace: the statement during a paced rebuild.
    fn waiting(&self) -> &'static [&'static str] {
        if self.rebuild.is_some() {
            &[MonthlyStatement::SLUG]
        } else {
            &[]
        }
    }

    /// Applies every event each read model has not applied yet (the statement waits for its
    /// rebuild, which paces itself). Returns how many deliveries there were.
    pub fn catch_up(&mut self, events: &[RecordedEvent]) -> usize {
        let waiting = self.waiting();
        self.registry.catch_up(events, waiting)
    }

    /// Delivers `recorded` to every read model that is on (a retried delivery, say), and says
    /// what each did with it.
    pub fn deliver(&mut self, recorded: &RecordedEvent) -> Vec<(ReadModelId, Delivered)> {
        self.registry
            .deliver(recorded)
            .into_iter()
            .filter_map(|(slug, delivered)| Some((ReadModelId::of_slug(slug)?, delivered)))
            .collect()
    }

    /// The last position every read model that is on has applied.
    pub fn applied_by_all(&self) -> u64 {
        self.registry
            .registrations()
            .map(|r| r.position)
            .min()
            .unwrap_or(0)
    }

    /// Deploys statement version `version`: its state is discarded and, unless `paced`, rebuilt
    /// from the first event at once; paced, [`ReadModels::rebuild_step`] folds it in batches.
    pub fn deploy_statement(&mut self, version: u32, events: &[RecordedEvent], paced: bool) {
        // Registered anew, the statement's stored copy (of the old version) no longer counts.
        self.registry
            .register(MonthlyStatement::of_version(version));
        self.settings_dirty = true;
        if paced {
            self.rebuild = Some(Rebuild {
                batch: events.len().div_ceil(REBUILD_STEPS).max(1),
                folding_ms: 0.0,
            });
        } else {
            self.rebuild = None;
            // Only the statement: the others keep their own pace (their lag, when asynchronous).
            if let Some(statement) = self.registry.get_mut::<MonthlyStatement>() {
                statement.catch_up(events, usize::MAX);
            }
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
        let statement = self.registry.get_mut::<MonthlyStatement>()?;
        let started = clock();
        statement.catch_up(events, rebuild.batch);
        rebuild.folding_ms += clock() - started;
        if (statement.position() as usize) < events.len() {
            self.rebuild = Some(rebuild);
            return None;
        }
        self.rebuild = None;
        Some(rebuild.folding_ms)
    }

    /// Switches Large movements on, built from every past event.
    pub fn switch_on_large(&mut self, events: &[RecordedEvent]) {
        self.registry
            .register_built(LargeMovements::default(), events);
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
        let mut yours = None;
        for line in settings.lines() {
            match line.split_once('\t') {
                Some(("statement", v)) => {
                    statement_version = match v.parse() {
                        Ok(v @ (STATEMENT_SHIPPED | STATEMENT_BUGGY | STATEMENT_FIXED)) => v,
                        _ => STATEMENT_SHIPPED,
                    }
                }
                Some(("large", "1")) => large_on = true,
                // Kept as written even when it does not check: the form shows it and says why.
                Some(("yours", json)) => yours = serde_json::from_str::<Definition>(json).ok(),
                _ => {}
            }
        }
        let mut models = ReadModels::new(statement_version, large_on);
        // Registered before the copies are read, so its copy is read (or it is rebuilt) too.
        let _ = models.put_yours(yours, &[]);
        let mut rebuilt: Vec<(ReadModelId, Unusable)> = models
            .registry
            .load(store, key, events)
            .into_iter()
            .filter_map(|(slug, why)| Some((ReadModelId::of_slug(slug)?, why)))
            .collect();
        // Its version is a 32-bit fingerprint: a copy read under it must also hold the very
        // definition the settings hold (names aside), or it is another one's, and rebuilt.
        let copied = models
            .yours()
            .and_then(|kept| kept.state().compiled())
            .map(|c| (c.definition.rules.clone(), c.definition.group_by));
        let running = models
            .your_definition
            .as_ref()
            .map(|d| (d.rules.clone(), d.group_by));
        if copied.is_some() && copied != running {
            models.registry.unregister::<YourReadModel>();
            let definition = models.your_definition.clone();
            let _ = models.put_yours(definition, events);
            rebuilt.push((
                ReadModelId::Yours,
                Unusable::OtherVersion {
                    stored: 0,
                    running: 0,
                },
            ));
        }
        (models, rebuilt)
    }

    /// A read model's copy as text, at its position in `events`.
    pub fn copy_text(&self, id: ReadModelId, events: &[RecordedEvent]) -> Option<String> {
        self.registry.copy_text(id.slug(), events)
    }

    /// True when a copy or the settings in storage are behind the read models.
    pub fn unsaved(&self) -> bool {
        self.settings_dirty || self.registry.unsaved()
    }

    /// Writes the settings and the copies that changed since they were last written (none for
    /// an empty ledger, which keeps no copies). A copy that cannot be written is removed, so
    /// no stale one is left: it will be rebuilt on the next start. Mid-rebuild the statement's
    /// copy waits for the end.
    pub fn save(
        &mut self,
        store: &mut impl KeyValueStore,
        key: &str,
        events: &[RecordedEvent],
    ) -> Result<(), StorageError> {
        if self.settings_dirty {
            let mut text = format!(
                "statement\t{}\nlarge\t{}\n",
                self.statement().state().version(),
                u8::from(self.large().is_some())
            );
            // One line: JSON escapes any line break a name could hold.
            if let Some(json) = self
                .your_definition
                .as_ref()
                .and_then(|d| serde_json::to_string(d).ok())
            {
                text.push_str(&format!("yours\t{json}\n"));
            }
            store.set(&settings_key(key), &text)?;
            if self.yours().is_none() {
                store.remove(&copy_key(key, YourReadModel::SLUG))?;
            }
            self.settings_dirty = false;
        }
        let waiting = self.waiting();
        self.registry.save(store, key, events, waiting)
    }

    /// Removes every copy from storage (the settings and the ledger are untouched); returns
    /// true when there was anything to remove.
    pub fn remove_copies(&mut self, store: &mut impl KeyValueStore, key: &str) -> bool {
        self.registry.remove_copies(store, key)
    }
}
