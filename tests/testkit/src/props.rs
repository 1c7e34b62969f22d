//! Generated inputs and schedules: the settings every exercise's property
//! tests share, so that a run is the same on every machine and every time.
//!
//! A property test generates inputs (values at 0, 1 and the type's maximum,
//! empty and one-element lists, text with `\r\n`, spaces, tabs and blank
//! lines, durations, orders, limits), runs the learner's code on each and
//! compares what it did with a small model written in the test, never with
//! the solution. On a failure proptest shrinks the input to a smallest one
//! that still fails, and that input is the message.
//!
//! ```ignore
//! use testkit::props::{config, proptest};
//! use proptest::prelude::*;
//!
//! proptest! {
//!     #![proptest_config(config())]
//!     #[test]
//!     fn counts_every_value(n in 0_u64..50) { /* prop_assert_eq!(…) */ }
//! }
//! ```
//!
//! Re-exported here so that the exercise packages need no dependency line of
//! their own: the learner's `Cargo.toml` stays as it is.

pub use proptest;

use proptest::test_runner::{Config, RngSeed};

/// The seed of every run: a failure on a learner's machine is the failure CI
/// saw, and a counterexample found once is found again.
pub const SEED: u64 = 0x00C0_FFEE_2026;

/// How many generated cases a property runs by default: enough to meet the
/// boundaries (proptest tries the simplest values, 0 and empty, first), few
/// enough that an exercise's tests stay well under a second.
pub const CASES: u32 = 64;

/// The configuration for [`proptest!`](proptest::proptest): [`CASES`] cases
/// from the fixed [`SEED`], and no regression files (they would be written
/// beside the test file, in a learner's checkout). A counterexample worth
/// keeping is kept as a plain test of its own, with its message.
pub fn config() -> Config {
    cases(CASES)
}

/// [`config`] with another number of cases, for a property whose cases are
/// costly (a runtime each) or whose input space is small.
pub fn cases(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(SEED),
        // A shrink that takes longer than this is cut short; the input found
        // so far is still printed.
        max_shrink_time: 2_000,
        ..Config::default()
    }
}

/// Runs `future` to completion on a fresh current-thread runtime whose clock
/// is paused, as `#[tokio::test(start_paused = true)]` does for a whole test:
/// one runtime per generated case, so that no case sees another's timers or
/// tasks.
#[cfg(feature = "async")]
pub fn paused<F: std::future::Future>(future: F) -> F::Output {
    let mut output = None;
    // Boxed and given away: `block_on` drops the finished future while the
    // runtime is still there, as it did with the future itself.
    on_a_paused_runtime(Box::pin(crate::limit::Slot::new(future, &mut output)));
    output.expect("a future's output is kept once it is ready")
}

/// [`paused`], compiled once in testkit rather than for every case's future
/// type in every test executable (see [`Slot`](crate::limit::Slot)).
#[cfg(feature = "async")]
fn on_a_paused_runtime(future: std::pin::Pin<Box<dyn std::future::Future<Output = ()> + '_>>) {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .expect("a paused tokio runtime")
        .block_on(future)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(config())]
        #[test]
        fn a_property_runs_with_the_shared_settings(n in 0_u32..10) {
            prop_assert!(n < 10);
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_cases() {
        use proptest::strategy::ValueTree;
        let draw = || {
            let mut runner = proptest::test_runner::TestRunner::new(config());
            (0..5)
                .map(|_| (0_u64..1_000_000).new_tree(&mut runner).unwrap().current())
                .collect::<Vec<_>>()
        };
        assert_eq!(draw(), draw());
    }

    #[cfg(feature = "async")]
    #[test]
    fn paused_runs_on_virtual_time() {
        let elapsed = paused(async {
            let start = tokio::time::Instant::now();
            tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
            start.elapsed()
        });
        assert_eq!(elapsed, std::time::Duration::from_secs(3600));
    }
}
