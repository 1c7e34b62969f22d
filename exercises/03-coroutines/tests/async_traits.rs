//! Exercise 3.8: an `async fn` in a trait, implemented twice and used
//! generically, and a retry helper that takes an async closure.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use coroutines::async_traits::{Fetch, FetchError, Memory, Slow, retry};
use testkit::limit::within;
use testkit::props::{self, proptest};
use tokio::time::{Duration, Instant};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn memory() -> Memory {
    Memory {
        entries: HashMap::from([("answer".to_owned(), "42".to_owned())]),
    }
}

/// The test's own source: it notes the virtual time of every call, and is
/// `Unavailable` for its first `failures` calls.
struct Recorder {
    start: Instant,
    failures: usize,
    calls: RefCell<Vec<Duration>>,
}

impl Recorder {
    fn new(failures: usize) -> Recorder {
        Recorder {
            start: Instant::now(),
            failures,
            calls: RefCell::default(),
        }
    }

    fn calls(&self) -> Vec<u128> {
        self.calls
            .borrow()
            .iter()
            .map(Duration::as_millis)
            .collect()
    }
}

impl Fetch for Recorder {
    async fn fetch(&self, key: &str) -> Result<String, FetchError> {
        let mut calls = self.calls.borrow_mut();
        calls.push(self.start.elapsed());
        if calls.len() <= self.failures {
            Err(FetchError::Unavailable)
        } else {
            Ok(format!("{key} on call {}", calls.len()))
        }
    }
}

#[tokio::test(start_paused = true)]
async fn memory_answers_at_once() {
    let started = Instant::now();
    let source = memory();
    let found = within(
        LIMIT,
        "Memory::fetch never returned",
        source.fetch("answer"),
    )
    .await;
    assert_eq!(
        found,
        Ok("42".to_owned()),
        "the value stored under \"answer\""
    );
    let missing = within(
        LIMIT,
        "Memory::fetch never returned",
        source.fetch("question"),
    )
    .await;
    assert_eq!(
        missing,
        Err(FetchError::NotFound("question".to_owned())),
        "a key that is not in the map is NotFound, with the key"
    );
    assert_eq!(
        started.elapsed(),
        Duration::ZERO,
        "a map answers without waiting"
    );
}

#[tokio::test(start_paused = true)]
async fn slow_asks_its_inner_source_after_the_delay() {
    let inner = Recorder::new(0);
    let slow = Slow {
        delay: ms(200),
        inner,
    };
    let answer = within(LIMIT, "Slow::fetch never returned", slow.fetch("k")).await;
    assert_eq!(
        answer,
        Ok("k on call 1".to_owned()),
        "the inner source's answer"
    );
    assert_eq!(
        slow.inner.calls(),
        [200],
        "Slow waits its delay, 200 ms, and only then asks its inner source, once: \
         the Python's `await asyncio.sleep(self.delay)` comes first"
    );
}

#[tokio::test(start_paused = true)]
async fn slow_works_in_front_of_any_source() {
    let twice = Slow {
        delay: ms(100),
        inner: Slow {
            delay: ms(200),
            inner: memory(),
        },
    };
    let started = Instant::now();
    let answer = within(LIMIT, "Slow::fetch never returned", twice.fetch("answer")).await;
    assert_eq!(
        (answer, started.elapsed()),
        (Ok("42".to_owned()), ms(300)),
        "a Slow in front of a Slow in front of a Memory: 100 + 200 ms, then the value"
    );
}

#[tokio::test(start_paused = true)]
async fn retry_returns_the_first_success() {
    let source = Recorder::new(2);
    let answer = within(
        LIMIT,
        "retry never returned",
        retry(5, ms(100), async || source.fetch("k").await),
    )
    .await;
    assert_eq!(
        answer,
        Ok("k on call 3".to_owned()),
        "two failures, then a success on the third call, which retry returns"
    );
    assert_eq!(
        source.calls(),
        [0, 100, 200],
        "one call at once, then one after each pause of 100 ms, and none after the success"
    );
}

#[tokio::test(start_paused = true)]
async fn retry_gives_up_with_the_last_error() {
    let tries = Cell::new(0);
    let started = Instant::now();
    let answer: Result<(), String> = within(
        LIMIT,
        "retry never returned",
        // An async closure may use what it captures across its awaits.
        retry(3, ms(100), async || {
            tries.set(tries.get() + 1);
            Err(format!("failure {}", tries.get()))
        }),
    )
    .await;
    assert_eq!(
        tries.get(),
        3,
        "three attempts allowed, three calls: no more, no fewer"
    );
    assert_eq!(
        answer,
        Err("failure 3".to_owned()),
        "when every attempt fails, retry returns the last attempt's error"
    );
    assert_eq!(
        started.elapsed(),
        ms(200),
        "a pause between two attempts: 2 pauses for 3 attempts. There is no pause \
         after the last attempt, since nobody tries again"
    );
}

#[tokio::test(start_paused = true)]
async fn retry_with_zero_attempts_tries_once() {
    let tries = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&tries);
    // In a task of its own, so that a panic in retry becomes a message here.
    let task = tokio::spawn(retry(0, ms(100), async move || {
        counted.fetch_add(1, Ordering::SeqCst);
        Err::<(), _>("no")
    }));
    let answer = within(LIMIT, "retry never returned", task).await;
    let answer = answer.unwrap_or_else(|e| {
        panic!(
            "retry(0, ...) panicked ({e}): 0 attempts counts as 1, since there is \
             no error to return without trying once"
        )
    });
    assert_eq!(
        (tries.load(Ordering::SeqCst), answer),
        (1, Err("no")),
        "0 attempts counts as 1: there is no error to return without trying once"
    );
}

/// Keys at the edges of text: empty, blanks, tabs, line endings.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" ".to_owned()),
        Just("a".to_owned()),
        Just(" a".to_owned()),
        Just("a ".to_owned()),
        Just("a\t".to_owned()),
        Just("a\r\n".to_owned()),
        Just("A".to_owned()),
        "[a-c \t\r\n]{0,3}",
    ]
}

proptest! {
    #![proptest_config(props::cases(32))]

    /// A map with keys at the edges of text, asked for any key: the model is
    /// the map itself, key for key, byte for byte.
    #[test]
    fn memory_finds_exactly_its_keys(
        entries in prop::collection::hash_map(key(), "[0-9]{0,2}", 0..4),
        asked in key(),
    ) {
        let memory = Memory { entries: entries.clone() };
        let found = props::paused(within(LIMIT, "Memory::fetch never returned", memory.fetch(&asked)));
        let expected = entries.get(&asked).cloned().ok_or_else(|| FetchError::NotFound(asked.clone()));
        prop_assert!(
            found == expected,
            "Memory must answer the value stored under exactly the key asked, or NotFound \
             with that key.\nA Memory holding {:?}, asked for {:?}: expected {:?}, yours {:?}",
            entries, asked, expected, found
        );
    }

    /// Any number of `Slow`s, each with any delay (0 included), in front of a
    /// source: the source is asked once, after all the delays, one after the other.
    #[test]
    fn slows_in_a_row_add_their_delays(delays in prop::collection::vec(prop_oneof![Just(0_u64), 0_u64..500], 1..4)) {
        let (answer, calls) = props::paused(async {
            let recorder = Recorder::new(0);
            match delays.as_slice() {
                [a] => {
                    let slow = Slow { delay: ms(*a), inner: recorder };
                    let answer = within(LIMIT, "Slow::fetch never returned", slow.fetch("k")).await;
                    (answer, slow.inner.calls())
                }
                [a, b] => {
                    let slow = Slow { delay: ms(*a), inner: Slow { delay: ms(*b), inner: recorder } };
                    let answer = within(LIMIT, "Slow::fetch never returned", slow.fetch("k")).await;
                    (answer, slow.inner.inner.calls())
                }
                [a, b, c] => {
                    let slow = Slow {
                        delay: ms(*a),
                        inner: Slow { delay: ms(*b), inner: Slow { delay: ms(*c), inner: recorder } },
                    };
                    let answer = within(LIMIT, "Slow::fetch never returned", slow.fetch("k")).await;
                    (answer, slow.inner.inner.inner.calls())
                }
                _ => unreachable!("one to three delays"),
            }
        });
        let total: u64 = delays.iter().sum();
        prop_assert!(
            (&answer, &calls) == (&Ok("k on call 1".to_owned()), &vec![u128::from(total)]),
            "each Slow must wait its delay, then ask what is behind it, once, and return its \
             answer.\nSlows of {:?} ms in front of a source: expected it asked at [{}] ms and \
             Ok(\"k on call 1\"); yours asked it at {:?} ms and answered {:?}",
            delays, total, calls, answer
        );
    }

    /// Any number of attempts (0, 1, a few, the largest), any pause (0
    /// included), a source that fails any number of times first. The model:
    /// `n = max(attempts, 1)` calls at most, one every `pause`, stopping at the
    /// first success; the last error if none succeeded.
    #[test]
    fn retry_against_a_model(
        attempts in prop_oneof![Just(0_usize), Just(1), Just(usize::MAX), 0_usize..6],
        pause in prop_oneof![Just(0_u64), Just(1), 0_u64..300],
        failures in 0_usize..7,
    ) {
        let (answer, calls, elapsed) = props::paused(async {
            let source = Recorder::new(failures);
            let started = Instant::now();
            let answer = within(
                LIMIT,
                "retry never returned",
                retry(attempts, ms(pause), async || source.fetch("k").await),
            )
            .await;
            (answer, source.calls(), started.elapsed())
        });
        let n = attempts.max(1);
        let made = n.min(failures + 1);
        let expected_calls: Vec<u128> = (0..made).map(|i| (i as u128) * u128::from(pause)).collect();
        let expected_answer = if failures < n {
            Ok(format!("k on call {}", failures + 1))
        } else {
            Err(FetchError::Unavailable)
        };
        prop_assert!(
            (&answer, &calls, elapsed) == (&expected_answer, &expected_calls, ms(pause * (made as u64 - 1))),
            "retry must call at most `attempts` times (0 counts as 1), with a pause \
             between two calls and none after the last or after a success.\nretry({}, {} \
             ms) on a source that fails {} times first: expected {:?} with calls at {:?} \
             ms; yours answered {:?} with calls at {:?} ms, ending at {:?}",
            attempts, pause, failures, expected_answer, expected_calls, answer, calls, elapsed
        );
    }
}
