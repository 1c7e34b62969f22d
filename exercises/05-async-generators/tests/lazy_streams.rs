//! Exercise 5.7: a stream does no work until it is polled.

use std::cell::Cell;
use std::rc::Rc;

use async_generators::lazy_streams::readings;
use futures::StreamExt;
use testkit::limit::within;
use tokio::time::{Duration, Instant, sleep};

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
    assert_eq!(first, Some(10));
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
    assert_eq!(two, [10, 20]);
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
    assert_eq!(values, [10, 20, 30, 40, 50]);
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
