//! Exercise 2.7: a push pipeline, source → filter → map → sink.

use std::cell::RefCell;
use std::rc::Rc;

use generator_techniques::pipeline::{Sink, filter, map, source};
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
