//! Generated inputs for code that is not async (sections 1 and 2), with a
//! failure message a learner can read in the grader's sixteen lines.
//!
//! [`for_all`] runs a property over generated inputs with the shared settings
//! of [`crate::props`] (fixed seed, no files written) and, when it fails,
//! panics with the property's own words about the smallest failing input,
//! nothing else. The `proptest!` macro would print that input with `{:#?}`,
//! one line per element of a list, and every panic of the learner's code met
//! while shrinking would be printed too; here a panic is caught quietly and
//! becomes part of the one message.
//!
//! [`finite`] is the generated counterpart of [`crate::pulls::counted`]: a
//! finite input that counts what it gave and how often it was asked again
//! after its end, and stops code that keeps asking (a loop that never sees
//! the end) with a message instead of a hang.
//!
//! ```ignore
//! use testkit::for_all::{for_all, quietly};
//! use testkit::props::proptest::prelude::*;
//!
//! for_all(64, 0_u64..100, |&n| {
//!     let got = quietly(|| learner_code(n))?;
//!     (got == model(n)).then_some(()).ok_or(format!("for {n}: expected …, got {got:?}"))
//! });
//! ```

use std::cell::Cell;
use std::fmt::Debug;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;
use std::sync::Once;

use proptest::strategy::Strategy;
use proptest::test_runner::{TestCaseError, TestError, TestRunner};

thread_local! {
    /// Whether a panic on this thread is being caught by [`quietly`].
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Installs, once per process, a panic hook that stays silent for panics
/// caught by [`quietly`] and prints every other panic as before. Per thread:
/// tests that run beside this one keep their messages.
fn install_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Runs `f`; if it panics, the panic's message comes back as `Err`, and
/// nothing is printed. For calls into a learner's code inside a property:
/// an overflow or a `todo!()` then reads as a failed case, with its input.
pub fn quietly<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    install_hook();
    let was = QUIET.with(|quiet| quiet.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|quiet| quiet.set(was));
    result.map_err(|payload| {
        let text = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned());
        format!("your code panicked: {text}")
    })
}

/// Checks `property` on `cases` inputs drawn from `strategy` (from the fixed
/// seed of [`crate::props`]). The property returns `Err(message)` for an
/// input it rejects; the message says what the input was, what the course
/// expects and what the code did. On a failure, proptest looks for a smaller
/// input that still fails, and this panics with that input's message.
#[track_caller]
pub fn for_all<S>(cases: u32, strategy: S, property: impl Fn(&S::Value) -> Result<(), String>)
where
    S: Strategy,
    S::Value: Debug,
{
    let mut runner = TestRunner::new(crate::props::cases(cases));
    let outcome = runner.run(&strategy, |input| {
        match quietly(|| property(&input)) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(message)) => Err(TestCaseError::fail(message)),
            // The property itself panicked (a learner's panic it did not catch).
            Err(panic) => Err(TestCaseError::fail(format!("input {input:?}: {panic}"))),
        }
    });
    match outcome {
        Ok(()) => {}
        Err(TestError::Fail(message, _)) => panic!(
            "{message}\n(the smallest failing case found among {cases} generated inputs; \
             the same inputs every run)"
        ),
        Err(TestError::Abort(reason)) => panic!("the generated inputs ran out: {reason}"),
    }
}

/// How many times a [`Finite`] input was asked for a value.
#[derive(Debug, Clone, Default)]
pub struct Asked(Rc<Cell<(usize, usize)>>);

impl Asked {
    /// How many values it gave.
    pub fn values(&self) -> usize {
        self.0.get().0
    }

    /// How many times it was asked again once it had no value left (each
    /// answered `None`).
    pub fn after_end(&self) -> usize {
        self.0.get().1
    }
}

/// A finite input that counts what it is asked: the generated counterpart of
/// [`crate::pulls::counted`], whose inputs are endless.
#[derive(Debug)]
pub struct Finite<T> {
    values: std::vec::IntoIter<T>,
    asked: Asked,
}

/// How many times code may ask an ended input again before the input says
/// that something loops (instead of letting the test hang).
pub const ASKED_AFTER_THE_END: usize = 50;

/// `values` as an iterator whose pulls are counted in the [`Asked`] handle.
pub fn finite<T>(values: Vec<T>) -> (Finite<T>, Asked) {
    let asked = Asked::default();
    (
        Finite {
            values: values.into_iter(),
            asked: asked.clone(),
        },
        asked,
    )
}

impl<T> Iterator for Finite<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        let (values, after_end) = self.asked.0.get();
        let next = self.values.next();
        if next.is_some() {
            self.asked.0.set((values + 1, after_end));
        } else {
            assert!(
                after_end < ASKED_AFTER_THE_END,
                "a finite input was asked for a value {ASKED_AFTER_THE_END} times after it \
                 had answered None (it had given its {values} values): once an input says None \
                 it has ended, so stop there and answer None yourself"
            );
            self.asked.0.set((values, after_end + 1));
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_caught_with_its_message() {
        let caught = quietly(|| -> u8 { panic!("boom {}", 7) });
        assert_eq!(caught, Err("your code panicked: boom 7".to_owned()));
        assert_eq!(quietly(|| 3), Ok(3));
    }

    #[test]
    fn a_failure_names_the_smallest_input() {
        let failure = std::panic::catch_unwind(|| {
            for_all(64, 0_u32..1_000, |&n| {
                if n >= 10 {
                    Err(format!("{n} is too big"))
                } else {
                    Ok(())
                }
            })
        })
        .expect_err("the property fails");
        let message = failure.downcast_ref::<String>().expect("a message");
        assert!(message.starts_with("10 is too big\n"), "{message}");
    }
}
