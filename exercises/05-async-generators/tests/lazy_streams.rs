//! Exercise 5.7: a stream does no work until it is polled.

use std::cell::Cell;
use std::rc::Rc;

use async_generators::lazy_streams::readings;
use futures::StreamExt;
use testkit::limit::within;
use testkit::model::{self, Event};
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::{Duration, Instant, sleep};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);
const PERIOD: Duration = Duration::from_millis(100);

/// A sensor that returns 10, 20, 30, … and counts how often it was read.
fn sensor() -> (impl FnMut() -> u64, Rc<Cell<u64>>) {
    let reads = Rc::new(Cell::new(0));
    let counter = Rc::clone(&reads);
    let read = move || {
        counter.set(counter.get() + 1);
        counter.get() * 10
    };
    (read, reads)
}

#[tokio::test(start_paused = true)]
async fn each_reading_is_taken_when_it_is_due() {
    // This sensor reads the virtual time, in ms since the test began.
    let start = Instant::now();
    let clock = move || start.elapsed().as_millis() as u64;
    let values: Vec<u64> = within(
        LIMIT,
        "readings never yielded",
        readings(clock, PERIOD).take(3).collect(),
    )
    .await;
    assert_eq!(
        values,
        [100, 200, 300],
        "each reading must be fresh: wait the PERIOD, then read the sensor and \
         yield. Read before the wait, a value is a PERIOD old when it arrives"
    );
}

#[tokio::test(start_paused = true)]
async fn nothing_is_read_until_someone_asks() {
    let (read, reads) = sensor();
    let mut stream = std::pin::pin!(readings(read, PERIOD));
    sleep(Duration::from_secs(10)).await;
    assert_eq!(
        reads.get(),
        0,
        "ten seconds passed, but nobody asked: the sensor must not be read"
    );
    let started = Instant::now();
    let first = within(LIMIT, "readings never yielded", stream.next()).await;
    assert_eq!(
        first,
        Some(10),
        "the first reading is the sensor's first value (10), read when it is asked for"
    );
    assert_eq!(
        started.elapsed(),
        PERIOD,
        "the first reading comes one PERIOD after it was asked for: the stream's \
         code starts running at the first poll, not when it is created"
    );
}

#[tokio::test(start_paused = true)]
async fn it_never_reads_ahead() {
    let (read, reads) = sensor();
    let mut stream = std::pin::pin!(readings(read, PERIOD));
    let two: Vec<u64> = within(
        LIMIT,
        "readings never yielded",
        stream.as_mut().take(2).collect(),
    )
    .await;
    assert_eq!(
        two,
        [10, 20],
        "two readings asked for: the sensor's first two values"
    );
    sleep(Duration::from_secs(5)).await;
    assert_eq!(
        reads.get(),
        2,
        "two readings were asked for and the consumer then stopped asking: the \
         sensor must have been read exactly twice, like a generator paused at its yield"
    );
}

#[tokio::test(start_paused = true)]
async fn take_reads_exactly_as_many() {
    let (read, reads) = sensor();
    let started = Instant::now();
    let values: Vec<u64> = within(
        LIMIT,
        "readings never ended",
        readings(read, PERIOD).take(5).collect(),
    )
    .await;
    assert_eq!(
        values,
        [10, 20, 30, 40, 50],
        "take(5): the sensor's first five values, one per reading"
    );
    assert_eq!(
        reads.get(),
        5,
        "take(5) asks for five readings, and no more"
    );
    assert_eq!(
        started.elapsed(),
        PERIOD * 5,
        "five readings, one PERIOD each"
    );
}

proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn each_reading_comes_a_period_after_it_is_asked_for(
        period in prop::sample::select(vec![1_u64, 100, 250]),
        pauses in prop::collection::vec(prop::sample::select(vec![0_u64, 1, 99, 100, 250, 1000]), 1..6),
    ) {
        // The model: the consumer asks; a period later the sensor (here, the
        // virtual clock) is read and the reading comes; the consumer pauses,
        // and asks again. Nothing is read while it pauses.
        let mut expected: Vec<Event> = Vec::new();
        let mut asked = 0;
        for pause in &pauses {
            asked += period;
            expected.push((asked, format!("reading {asked}")));
            asked += pause;
        }
        expected.push((asked + 10_000, format!("{} reads in all", pauses.len())));

        let actual = props::paused(async {
            let timeline = Timeline::start();
            let reads = Rc::new(Cell::new(0));
            let (clock, counter) = (timeline.clone(), Rc::clone(&reads));
            let sensor = move || {
                counter.set(counter.get() + 1);
                clock.elapsed().as_millis() as u64
            };
            let mut stream = std::pin::pin!(readings(sensor, Duration::from_millis(period)));
            for pause in &pauses {
                let reading = within(LIMIT, "readings never yielded", stream.next()).await;
                timeline.record(format!("reading {}", reading.unwrap_or(u64::MAX)));
                sleep(Duration::from_millis(*pause)).await;
            }
            // Long after the last ask: a stream that reads ahead would have by now.
            sleep(Duration::from_secs(10)).await;
            timeline.record(format!("{} reads in all", reads.get()));
            model::events_of(&timeline)
        });
        let verdict = model::same_events(
            &format!(
                "readings(a sensor that reads the clock in ms, {period} ms), the consumer \
                 pausing {pauses:?} ms after each reading."
            ),
            &expected,
            &actual,
            "Each reading is taken one period after it is asked for, however long the \
             consumer paused: the stream waits at its yield, and its next sleep starts only at \
             the next ask (a timetable fixed in advance, like an interval, catches up on the \
             ticks it missed).",
        );
        prop_assert!(verdict.is_ok(), "{}", verdict.unwrap_err());
    }
}
