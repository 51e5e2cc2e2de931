//! A read model the learner builds with a form: rows of "when this event happens, do this",
//! grouped by nothing, the account or the month. It is one more entry of the registry, so it
//! follows the slider through checkpoints, keeps a stored copy, and is rebuilt from position 1
//! whenever its definition changes; a definition with a problem says so, row by row, and is
//! kept as written.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeMap;

use replay_bank::app::{Page, YourEdit};
use replay_bank::domain::{Event, Money};
use replay_bank::eventstore::{
    event_type_named as by_name, KeyValueStore, RecordedEvent, EVENT_TYPES,
};
use replay_bank::read_models::{
    copy_key, fields_of, fold, settings_key, utc_month, value_of, Cell, Definition, GroupBy,
    GroupKey, Header, Operation, ReadModel, ReadModelId, ReadModels, Rule, Unusable, YourReadModel,
    EVENT_FIELDS,
};
use support::page::{a_page, KEY};
use support::stores::SharedStore;

/// A page holding a generated history of `total` events over several accounts, with
/// transfers among them, over months.
fn generated(total: usize) -> (SharedStore, Page<SharedStore>) {
    let (store, mut page) = a_page();
    page.generate(total, 7, "gen-y".into());
    while page.generate_batch(1_790_000_000_000) {}
    (store, page)
}

/// The clock of a test: each reading 1.5 ms after the last.
fn ticking() -> impl Fn() -> f64 {
    let now = std::cell::Cell::new(0.0);
    move || {
        now.set(now.get() + 1.5);
        now.get()
    }
}

fn compiled(definition: &Definition) -> YourReadModel {
    YourReadModel::new(definition.compile().expect("the definition checks"))
}

fn cells(model: &YourReadModel, key: &GroupKey) -> Vec<Cell> {
    model.groups().get(key).cloned().unwrap_or_default()
}

#[test]
fn every_event_type_lists_its_fields_and_each_field_has_a_value() {
    assert_eq!(EVENT_FIELDS.len(), EVENT_TYPES.len());
    for ty in EVENT_TYPES {
        assert!(fields_of(ty.name).is_some(), "{} has no row", ty.name);
    }
    let (_, page) = generated(3_000);
    let mut seen = BTreeMap::new();
    for recorded in page.events() {
        let name = recorded.event.name();
        for (field, _) in fields_of(name).unwrap() {
            assert!(
                value_of(&recorded.event, field).is_some(),
                "{name}.{field} has no value"
            );
        }
        assert!(value_of(&recorded.event, "no_such_field").is_none());
        *seen.entry(name).or_insert(0) += 1;
    }
    // The generated history holds the kinds of event a learner folds most.
    for name in [
        "AccountOpened",
        "MoneyDeposited",
        "MoneyWithdrawn",
        "TransferDebited",
    ] {
        assert!(seen.contains_key(name), "{name} never generated: {seen:?}");
        assert!(by_name(name).is_some());
    }
}

#[test]
fn a_balance_built_with_the_form_agrees_with_the_ledgers_own_fold() {
    let (_, page) = generated(4_000);
    // What moves money in adds; what moves it out subtracts: a balance, in one column.
    let adds = [
        "MoneyDeposited",
        "WithdrawalReversed",
        "TransferCredited",
        "TransferRefunded",
    ];
    let subtracts = ["MoneyWithdrawn", "BalancePaidOut", "TransferDebited"];
    let rules = adds
        .iter()
        .map(|e| (e, Operation::Add))
        .chain(subtracts.iter().map(|e| (e, Operation::Subtract)))
        .map(|(e, op)| {
            let mut rule = Rule::new(e, op);
            rule.column = "balance".into();
            rule
        })
        .collect();
    let definition = Definition {
        name: "Balances".into(),
        rules,
        group_by: GroupBy::Account,
    };
    let model: YourReadModel = {
        let mut m = compiled(&definition);
        for e in page.events() {
            m.apply(e);
        }
        m
    };
    let present = page.present();
    assert!(present.accounts().len() >= 3);
    for (id, state) in present.accounts() {
        let row = cells(&model, &GroupKey::Stream(id.to_string()));
        let expected = i64::try_from(state.balance().cents()).unwrap();
        match row.as_slice() {
            [Cell::Total(total)] => assert_eq!(*total, expected, "{id}"),
            [] => assert_eq!(expected, 0, "{id} has money but no row"),
            other => panic!("{id}: {other:?}"),
        }
    }
}

#[test]
fn the_starters_check_and_fold_what_they_say() {
    let (_, page) = generated(3_000);
    let events = page.events();
    let [per_month, transfers, largest] = Definition::starters();
    assert_eq!(per_month.name, "Deposits per month");
    assert_eq!(transfers.name, "Transfers per account");
    assert_eq!(largest.name, "The largest withdrawal");

    // Deposits per month: a count and a total per month recorded, as the events say.
    let mut by_month: BTreeMap<i64, (u64, i64)> = BTreeMap::new();
    for e in events {
        if let Event::MoneyDeposited { amount, .. } = &e.event {
            let m = by_month.entry(utc_month(e.recorded_at_ms)).or_default();
            m.0 += 1;
            m.1 += i64::try_from(amount.cents()).unwrap();
        }
    }
    assert!(by_month.len() >= 2, "the history spans months");
    let model: YourReadModel = {
        let mut m = compiled(&per_month);
        events.iter().for_each(|e| m.apply(e));
        m
    };
    let got: BTreeMap<i64, (u64, i64)> = model
        .groups()
        .iter()
        .map(|(key, row)| match (key, row.as_slice()) {
            (GroupKey::Month(m), [Cell::Count(n), Cell::Total(t)]) => (*m, (*n, *t)),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(got, by_month);

    // The largest withdrawal: one row, the maximum of every withdrawal.
    let max = events
        .iter()
        .filter_map(|e| match e.event {
            Event::MoneyWithdrawn { amount } => Some(amount.cents()),
            _ => None,
        })
        .max();
    let model: YourReadModel = {
        let mut m = compiled(&largest);
        events.iter().for_each(|e| m.apply(e));
        m
    };
    assert_eq!(cells(&model, &GroupKey::All), vec![Cell::Largest(max)]);

    // Transfers per account: sent, received and refunded counts, per account.
    let model: YourReadModel = {
        let mut m = compiled(&transfers);
        events.iter().for_each(|e| m.apply(e));
        m
    };
    let sent: u64 = model
        .groups()
        .values()
        .map(|row| match row[0] {
            Cell::Count(n) => n,
            _ => panic!("{row:?}"),
        })
        .sum();
    let debits = events
        .iter()
        .filter(|e| matches!(e.event, Event::TransferDebited { .. }))
        .count() as u64;
    assert!(debits > 0);
    assert_eq!(sent, debits);
}

#[test]
fn every_problem_is_said_with_its_row_and_nothing_is_folded() {
    let row = |when: &str, operation, field: &str| Rule {
        when: when.into(),
        operation,
        field: field.into(),
        column: String::new(),
    };
    let definition = Definition {
        name: "  ".into(),
        rules: vec![
            row("MoneyDeposited", Operation::Add, "owner"),
            row("AccountOpened", Operation::Maximum, "owner"),
            row("Teleported", Operation::Count, ""),
            row("AccountClosed", Operation::Latest, "reason"),
            row("MoneyDeposited", Operation::Minimum, "amount"),
        ],
        group_by: GroupBy::Nothing,
    };
    let problems = definition.compile().unwrap_err();
    assert_eq!(
        problems,
        vec![
            "Give it a name.".to_string(),
            "Row 1: MoneyDeposited has no field \"owner\"; its fields are amount, effective_on."
                .into(),
            "Row 2: AccountOpened carries no amount, and Maximum works on one: use Count, Latest or List."
                .into(),
            "Row 3: no event is called \"Teleported\".".into(),
            "Row 4: AccountClosed has no fields: only Count applies to it.".into(),
        ]
    );

    // Two rows writing one column must keep the same kind of thing in it.
    let mut mixed = Definition {
        rules: vec![
            Rule::new("MoneyDeposited", Operation::Count),
            Rule::new("MoneyDeposited", Operation::Maximum),
        ],
        ..Definition::default()
    };
    mixed.rules[1].column = mixed.rules[0].column_name();
    assert_eq!(
        mixed.compile().unwrap_err(),
        vec!["Row 2 writes \"MoneyDeposited count\" with Maximum, where an earlier row keeps something else: give it a column name of its own.".to_string()]
    );

    // Latest of a text field is fine; Add of one is not.
    let mut text = Definition {
        rules: vec![row("TransferFailed", Operation::Add, "reason")],
        ..Definition::default()
    };
    assert_eq!(
        text.compile().unwrap_err(),
        vec!["Row 1: TransferFailed carries no amount, and Add works on one: use Count, Latest or List.".to_string()]
    );
    text.rules = vec![row("MoneyDeposited", Operation::Add, "effective_on")];
    assert_eq!(
        text.compile().unwrap_err(),
        vec!["Row 1: Add works on an amount, and effective_on is not one: use Latest or List for it."
            .to_string()]
    );
    text.rules = vec![row("AccountOpened", Operation::Latest, "owner")];
    assert!(text.compile().is_ok());

    let many = Definition {
        rules: vec![Rule::new("MoneyDeposited", Operation::Count); 21],
        ..Definition::default()
    };
    assert_eq!(
        many.compile().unwrap_err(),
        vec!["It has 21 rows, and at most 20 are allowed: remove some.".to_string()]
    );
    let empty = Definition {
        rules: Vec::new(),
        ..Definition::default()
    };
    assert_eq!(
        empty.compile().unwrap_err(),
        vec!["It has no rows yet: add one, or start from an example.".to_string()]
    );
}

#[test]
fn a_row_keeps_a_field_that_suits_it_when_its_event_or_operation_changes() {
    let mut rule = Rule::new("AccountOpened", Operation::Latest);
    assert_eq!(rule.field, "account_id");
    rule.field = "owner".into();
    rule.operation = Operation::List;
    rule.pick_field();
    assert_eq!(rule.field, "owner", "owner suits List too");
    rule.when = "TransferRequested".into();
    rule.operation = Operation::Add;
    rule.pick_field();
    assert_eq!(rule.field, "amount", "Add needs an amount");
    assert_eq!(rule.fields(), vec!["amount"]);
    rule.operation = Operation::Count;
    rule.pick_field();
    assert_eq!(rule.field, "");
    assert_eq!(rule.column_name(), "TransferRequested count");
}

#[test]
fn the_page_rebuilds_it_from_position_1_on_every_change_and_says_how_long_it_took() {
    let (_, mut page) = generated(1_500);
    let clock = ticking();
    assert!(page.your_read_model().is_none());
    page.edit_your_read_model(YourEdit::Starter(0), &clock);
    let view = page.your_read_model().unwrap();
    assert_eq!(view.rebuilt, "Rebuilt from 1,500 events in 1.5 ms.");
    assert_eq!(
        page.status(),
        "Your read model \"Deposits per month\": Rebuilt from 1,500 events in 1.5 ms."
    );
    assert_eq!(view.position, "Up to date: position 1,500 of 1,500");
    assert_eq!(
        view.headers,
        vec!["Month recorded (UTC)", "deposits", "deposited"]
    );
    assert!(view.rows.len() >= 2);
    assert_eq!(view.caption, "Deposits per month, after all 1,500 events");
    assert!(page.your_problems().is_empty());

    // A change of grouping folds again, from the first event.
    page.edit_your_read_model(YourEdit::GroupBy(GroupBy::Nothing), &clock);
    let view = page.your_read_model().unwrap();
    assert_eq!(view.rows.len(), 1);
    assert_eq!(view.rows[0][0], "All");
    let deposits = page
        .events()
        .iter()
        .filter(|e| matches!(e.event, Event::MoneyDeposited { .. }))
        .count();
    assert_eq!(view.rows[0][1], replay_bank::app::group_thousands(deposits));

    // A problem: said, nothing folded, the definition kept as written.
    page.edit_your_read_model(YourEdit::When(0, "AccountClosed".into()), &clock);
    page.edit_your_read_model(YourEdit::Operation(1, Operation::Latest), &clock);
    page.edit_your_read_model(YourEdit::When(1, "AccountClosed".into()), &clock);
    page.edit_your_read_model(YourEdit::Field(1, "amount".into()), &clock);
    let view = page.your_read_model().unwrap();
    assert_eq!(
        page.your_problems(),
        vec!["Row 2: AccountClosed has no fields: only Count applies to it.".to_string()]
    );
    assert!(view.rows.is_empty());
    assert_eq!(
        view.position,
        "Off: its definition has a problem, said above. Put it right and it is built from position 1."
    );
    assert_eq!(view.rebuilt, "", "how it was last built no longer holds");
    assert_eq!(
        page.your_definition().unwrap().rules[1].when,
        "AccountClosed"
    );

    // Put right, it is built again.
    page.edit_your_read_model(YourEdit::RemoveRow(1), &clock);
    let view = page.your_read_model().unwrap();
    assert!(page.your_problems().is_empty());
    assert_eq!(view.headers, vec!["Events", "deposits"]);

    // A new name changes no fold: nothing is rebuilt, the caption takes it.
    let before = page.status().to_string();
    page.edit_your_read_model(YourEdit::Name("Closings".into()), &clock);
    assert_eq!(page.status(), before);
    assert!(page
        .your_read_model()
        .unwrap()
        .caption
        .starts_with("Closings, after all"));
}

#[test]
fn its_table_follows_the_slider_through_checkpoints() {
    let (_, mut page) = generated(2_500);
    let clock = ticking();
    page.edit_your_read_model(YourEdit::Starter(2), &clock);
    for k in [0usize, 1, 999, 1_000, 1_001, 1_777, 2_500] {
        page.seek(k);
        let view = page.your_read_model().unwrap();
        let max = page.events()[..k]
            .iter()
            .filter_map(|e| match e.event {
                Event::MoneyWithdrawn { amount } => Some(amount),
                _ => None,
            })
            .max();
        match max {
            Some(max) => assert_eq!(view.rows, vec![vec!["All".to_string(), max.to_string()]]),
            None => assert!(view.rows.is_empty()),
        }
        if k < 2_500 {
            assert_eq!(
                view.caption,
                format!(
                    "The largest withdrawal, after event {} of 2,500",
                    replay_bank::app::group_thousands(k)
                )
            );
        }
    }
    assert!(page.read_models().yours().unwrap().checkpoints() >= 3);
}

#[test]
fn it_keeps_a_copy_read_back_at_start_and_a_changed_definition_never_reads_an_old_one() {
    let (store, mut page) = generated(1_200);
    let clock = ticking();
    page.edit_your_read_model(YourEdit::Starter(1), &clock);
    page.save_read_models();
    let copy = store
        .get(&copy_key(KEY, "yours"))
        .unwrap()
        .expect("a copy is kept");
    let settings = store.get(&settings_key(KEY)).unwrap().unwrap();
    assert!(settings.contains("yours\t{"), "{settings}");

    // Read back as it was, with no rebuild.
    let events = page.events().to_vec();
    let (models, rebuilt) = ReadModels::load(&store, KEY, &events);
    assert!(rebuilt.is_empty(), "{rebuilt:?}");
    assert_eq!(
        models.yours().unwrap().state(),
        page.read_models().yours().unwrap().state()
    );
    assert_eq!(
        models.your_definition().unwrap().name,
        "Transfers per account"
    );

    // Another definition under the same key: the old copy is not read, it is rebuilt.
    let mut other = store.clone();
    let changed = settings.replace("\"Account\"", "\"Nothing\"");
    assert_ne!(changed, settings);
    other.set(&settings_key(KEY), &changed).unwrap();
    let (models, rebuilt) = ReadModels::load(&other, KEY, &events);
    assert_eq!(rebuilt.len(), 1, "{rebuilt:?}");
    let expected: YourReadModel = {
        let mut m = compiled(models.your_definition().unwrap());
        events.iter().for_each(|e| m.apply(e));
        m
    };
    assert_eq!(models.yours().unwrap().state(), &expected);
    assert_eq!(models.yours().unwrap().state().groups().len(), 1);

    // An edited copy is not read either.
    other.set(&settings_key(KEY), &settings).unwrap();
    let edited = copy.replacen("{\"Count\":", "{\"Count\":1", 1);
    assert_ne!(edited, copy);
    other.set(&copy_key(KEY, "yours"), &edited).unwrap();
    let (_, rebuilt) = ReadModels::load(&other, KEY, &events);
    assert_eq!(rebuilt.len(), 1, "{rebuilt:?}");

    // A copy without a seal (as release 0.4.0 wrote them, before this read model existed) is
    // never read, even one that tells the truth.
    let (header, body) = copy.split_once('\n').unwrap();
    let mut header = Header::parse(header).unwrap();
    assert!(header.seal.take().is_some());
    let unsealed = header.line();
    other
        .set(&copy_key(KEY, "yours"), &format!("{unsealed}\n{body}"))
        .unwrap();
    let (models, rebuilt) = ReadModels::load(&other, KEY, &events);
    assert_eq!(rebuilt, vec![(ReadModelId::Yours, Unusable::Edited)]);
    assert_eq!(
        models.yours().unwrap().state(),
        page.read_models().yours().unwrap().state()
    );

    // A settings line that is not a definition: no read model, and nothing else lost.
    other
        .set(
            &settings_key(KEY),
            "statement\t1\nlarge\t1\nyours\t{not json\n",
        )
        .unwrap();
    let (models, _) = ReadModels::load(&other, KEY, &events);
    assert!(models.yours().is_none());
    assert!(models.large().is_some());

    // Removed: its copy goes, and its line of the settings.
    page.edit_your_read_model(YourEdit::Remove, &clock);
    page.save_read_models();
    assert!(store.get(&copy_key(KEY, "yours")).unwrap().is_none());
    assert!(!store
        .get(&settings_key(KEY))
        .unwrap()
        .unwrap()
        .contains("yours"));
    assert!(page.your_read_model().is_none());
    assert_eq!(
        page.status(),
        "Your read model is removed, with its stored copy. The ledger is untouched."
    );
    assert_eq!(page.events().len(), 1_200);
}

#[test]
fn a_definition_that_does_not_check_is_kept_through_a_restart() {
    let (store, mut page) = generated(300);
    let clock = ticking();
    page.edit_your_read_model(YourEdit::Start, &clock);
    page.edit_your_read_model(YourEdit::Name(String::new()), &clock);
    page.save_read_models();
    let (models, _) = ReadModels::load(&store, KEY, page.events());
    assert!(models.yours().is_none());
    let kept = models.your_definition().expect("the definition is kept");
    assert_eq!(kept.name, "");
    assert_eq!(kept.rules, Definition::default().rules);
}

#[test]
fn list_keeps_the_first_values_and_counts_the_rest() {
    let (_, page) = generated(2_000);
    let definition = Definition {
        rules: vec![Rule::new("MoneyDeposited", Operation::List)],
        ..Definition::default()
    };
    let model: YourReadModel = fold::<YourReadModel>(&[]);
    assert!(
        model.groups().is_empty(),
        "an empty definition folds nothing"
    );
    let mut model = compiled(&definition);
    page.events().iter().for_each(|e| model.apply(e));
    let deposits: Vec<&RecordedEvent> = page
        .events()
        .iter()
        .filter(|e| matches!(e.event, Event::MoneyDeposited { .. }))
        .collect();
    assert!(deposits.len() > 20);
    match &cells(&model, &GroupKey::All)[..] {
        [Cell::List { kept, more }] => {
            assert_eq!(kept.len(), 20);
            assert_eq!(*more as usize, deposits.len() - 20);
            let Event::MoneyDeposited { amount, .. } = deposits[0].event else {
                unreachable!()
            };
            assert_eq!(kept[0], amount.to_string());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(Money::from_cents(5).to_string(), "$0.05");
}

#[test]
fn the_form_offers_each_row_what_suits_it_and_says_which_edit_a_choice_makes() {
    use replay_bank::app::your_form::{your_form, ChoiceEdit, NO_FIELD};
    let [_, transfers, largest] = Definition::starters();
    let form = your_form(&largest);
    assert_eq!(form.name, "The largest withdrawal");
    assert!(form.can_add);
    assert_eq!(form.group_by.chosen, "Nothing");
    assert_eq!(
        form.group_by.options,
        ["Nothing", "The account", "The month"]
    );
    let row = &form.rows[0];
    assert_eq!(row.legend, "Row 1");
    assert_eq!(row.remove, "Remove row 1");
    let labels: Vec<&str> = row.choices.iter().map(|c| c.label).collect();
    assert_eq!(labels, ["When this event happens", "What to do", "Field"]);
    assert_eq!(row.choices[0].options.len(), EVENT_FIELDS.len());
    assert_eq!(
        row.choices[1].options,
        ["Count", "Add", "Subtract", "Minimum", "Maximum", "Latest", "List"]
    );
    assert_eq!(row.choices[2].options, ["amount"]);
    assert_eq!(row.column, "largest withdrawal");
    assert_eq!(row.made_column, "largest amount");

    // Count reads no field: no Field select.
    let form = your_form(&transfers);
    assert!(form.rows.iter().all(|r| r.choices.len() == 2));
    let ids: Vec<&str> = form
        .rows
        .iter()
        .flat_map(|r| r.choices.iter().map(|c| c.id.as_str()))
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "ids are unique: {ids:?}");

    // No field of the event suits the operation: the one option says so.
    let closed = Definition {
        rules: vec![Rule {
            when: "AccountClosed".into(),
            operation: Operation::Maximum,
            field: String::new(),
            column: String::new(),
        }],
        ..Definition::default()
    };
    let field = &your_form(&closed).rows[0].choices[2];
    assert_eq!(field.options, [NO_FIELD]);
    assert_eq!(field.chosen, NO_FIELD);

    // A choice's edit.
    assert_eq!(
        ChoiceEdit::Operation(2).to("Latest".into()),
        Some(YourEdit::Operation(2, Operation::Latest))
    );
    assert_eq!(ChoiceEdit::Operation(2).to("Teleport".into()), None);
    assert_eq!(
        ChoiceEdit::GroupBy.to("The month".into()),
        Some(YourEdit::GroupBy(GroupBy::Month))
    );
    assert_eq!(
        ChoiceEdit::When(0).to("MoneyWithdrawn".into()),
        Some(YourEdit::When(0, "MoneyWithdrawn".into()))
    );
    let full = Definition {
        rules: vec![Rule::new("MoneyDeposited", Operation::Count); 20],
        ..Definition::default()
    };
    assert!(!your_form(&full).can_add);
    // Edited storage holding thousands of rows: the form draws 20, the problem says how many.
    let huge = Definition {
        rules: vec![Rule::new("MoneyDeposited", Operation::Count); 10_000],
        ..Definition::default()
    };
    assert_eq!(your_form(&huge).rows.len(), 20);
    assert_eq!(
        huge.compile().unwrap_err(),
        vec!["It has 10000 rows, and at most 20 are allowed: remove some.".to_string()]
    );
}

#[test]
fn a_copy_of_another_definition_is_rebuilt_and_clear_starts_over_without_it() {
    let (store, mut page) = generated(600);
    let clock = ticking();
    page.edit_your_read_model(YourEdit::Starter(0), &clock);
    page.save_read_models();
    let events = page.events().to_vec();
    // The settings now hold another definition: the copy is of the old one, and rebuilt.
    let settings = store.get(&settings_key(KEY)).unwrap().unwrap();
    let mut other = store.clone();
    other
        .set(
            &settings_key(KEY),
            &settings.replace("\"deposits\"", "\"how many\""),
        )
        .unwrap();
    let copy = store.get(&copy_key(KEY, "yours")).unwrap().unwrap();
    let (_, rebuilt) = ReadModels::load(&other, KEY, &events);
    assert_eq!(rebuilt.len(), 1, "another definition's copy: {rebuilt:?}");
    assert!(copy.contains("\"deposits\""));

    // Clear starts over with the read models the app ships: the learner's goes too.
    page.clear();
    assert_eq!(page.events().len(), 0);
    assert!(page.your_definition().is_none());
}
