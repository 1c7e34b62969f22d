//! Exercise 2.7: a push pipeline, source → filter → map → sink.

use std::cell::RefCell;
use std::rc::Rc;

use generator_techniques::pipeline::{Sink, filter, map, source};
use testkit::for_all::{for_all, quietly};
use testkit::props::proptest::prelude::*;
use testkit::pulls::{Pulls, counted};

/// The last stage: writes down everything it is sent, and when it is closed.
/// If given the source's pull count, it also notes how many items the source
/// had read when each one arrived.
struct Recorder {
    events: Rc<RefCell<Vec<String>>>,
    pulled: Option<Pulls>,
}

fn recorder() -> (Recorder, Rc<RefCell<Vec<String>>>) {
    let events = Rc::default();
    let recorder = Recorder {
        events: Rc::clone(&events),
        pulled: None,
    };
    (recorder, events)
}

impl Sink<u64> for Recorder {
    fn send(&mut self, item: u64) {
        let event = match &self.pulled {
            Some(pulled) => format!("got {item} after {} read", pulled.get()),
            None => format!("got {item}"),
        };
        self.events.borrow_mut().push(event);
    }

    fn close(&mut self) {
        self.events.borrow_mut().push("closed".to_owned());
    }
}

fn is_even(n: &u64) -> bool {
    n % 2 == 0
}

#[test]
fn each_item_goes_all_the_way_before_the_next_is_read() {
    let (items, pulled) = counted(1_u64..=6, 100);
    let (mut sink, events) = recorder();
    sink.pulled = Some(pulled);
    let mut pipeline = filter(is_even, map(|n: u64| n + 100, sink));
    source(items, &mut pipeline);
    // Item n arrives as n + 100; it must arrive while n items have been read.
    // (Which items pass, and the close, are other tests' business.)
    let late: Vec<String> = events
        .borrow()
        .iter()
        .filter(|event| {
            let words: Vec<&str> = event.split_whitespace().collect();
            match words[..] {
                ["got", item, "after", read, "read"] => {
                    item.parse::<u64>().ok().map(|i| i - 100) != read.parse().ok()
                }
                _ => false,
            }
        })
        .cloned()
        .collect();
    assert!(
        late.is_empty(),
        "item n must reach the sink as soon as the source has read it, before the \
         source reads item n + 1: each stage pushes into the next at once, nothing \
         is collected on the way. Late (item n arrives as n + 100): {late:?}"
    );
}

#[test]
fn close_reaches_the_sink_even_when_nothing_passes() {
    let (sink, events) = recorder();
    let mut pipeline = filter(|_: &u64| false, map(|n: u64| n, sink));
    source([1, 2, 3], &mut pipeline);
    assert_eq!(
        *events.borrow(),
        ["closed"],
        "no item passes the filter, but the sink must still be closed, once: \
         `close` travels down the pipeline like an item"
    );
}

#[test]
fn stages_nest_in_any_order() {
    let (sink, events) = recorder();
    // Scale first, then keep the multiples of 4.
    let mut pipeline = map(|n: u64| n * 2, filter(|n: &u64| n % 4 == 0, sink));
    source(1..=5, &mut pipeline);
    let events = events.borrow();
    let items: Vec<&String> = events.iter().filter(|e| *e != "closed").collect();
    assert_eq!(
        items,
        ["got 4", "got 8"],
        "doubling 1 to 5 gives 2, 4, 6, 8, 10, of which 4 and 8 are multiples of 4"
    );
    assert_eq!(
        events.last().map(String::as_str),
        Some("closed"),
        "after the last item the sink must be closed: each stage passes `close` on \
         to the next, whatever the order of the stages"
    );
}

#[test]
fn the_pipeline_delivers_what_the_python_prints() {
    let (sink, events) = recorder();
    let mut pipeline = filter(is_even, map(|n: u64| n * 10, sink));
    source(1..=10, &mut pipeline);
    insta::assert_snapshot!("even_times_ten", events.borrow().join("\n"));
}

/// A named predicate, and a named function, for a generated pipeline's stages.
type Keep = (&'static str, fn(&u64) -> bool);
type Step = (&'static str, fn(u64) -> u64);

/// The predicates and functions a generated pipeline is made of.
const KEEPS: [Keep; 4] = [
    ("is even", |n| n % 2 == 0),
    ("keeps all", |_| true),
    ("keeps none", |_| false),
    ("is above 3", |n| *n > 3),
];
const MAPS: [Step; 3] = [("+ 100", |n| n + 100), ("× 2", |n| n * 2), ("as is", |n| n)];

#[test]
fn any_items_through_either_order_of_stages() {
    let items = prop::collection::vec(0_u64..10, 0..8);
    let cases = (items, 0..KEEPS.len(), 0..MAPS.len(), any::<bool>());
    for_all(64, cases, |(items, keep, map_with, filter_first)| {
        let (keep_name, keep) = KEEPS[*keep];
        let (map_name, f) = MAPS[*map_with];
        // The model: item i (from 0) arrives while i + 1 items have been
        // read, if it passes; the sink is closed once, after the last.
        let mut expected: Vec<String> = items
            .iter()
            .enumerate()
            .filter_map(|(i, &n)| {
                let passes = if *filter_first { keep(&n) } else { keep(&f(n)) };
                passes.then(|| format!("got {} after {} read", f(n), i + 1))
            })
            .collect();
        expected.push("closed".to_owned());

        let (input, pulled) = counted(items.clone().into_iter(), 100);
        let (mut sink, events) = recorder();
        sink.pulled = Some(pulled);
        let shape = if *filter_first {
            format!("filter({keep_name}, map({map_name}, sink))")
        } else {
            format!("map({map_name}, filter({keep_name}, sink))")
        };
        let run = quietly(|| {
            if *filter_first {
                source(input, &mut filter(keep, map(f, sink)));
            } else {
                source(input, &mut map(f, filter(keep, sink)));
            }
        });
        let got = events.borrow().clone();
        (run.is_ok() && got == expected).then_some(()).ok_or_else(|| {
            format!(
                "source({items:?}) into {shape}: the sink must see {expected:?} (each item pushed \
                 through as soon as it is read, then one close, even when no item was sent or \
                 none passed);\nyours: {got:?}{}",
                run.err().map(|panic| format!(", then {panic}")).unwrap_or_default()
            )
        })
    });
}
