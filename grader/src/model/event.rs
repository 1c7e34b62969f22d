//! What the pipeline tells whoever watches it run.

use crate::model::outcome::TestResult;

/// Hears about a run's progress, for a progress bar. Every method does nothing
/// unless overridden, so a quiet run passes `&Quiet`.
pub trait Observer {
    /// The build has started.
    fn building(&self) {}
    /// Cargo finished compiling the crate or target `name`.
    fn compiled(&self, _name: &str) {}
    /// The build is done and `total` tests are about to run.
    fn running(&self, _total: usize) {}
    /// One test finished.
    fn finished(&self, _result: &TestResult) {}
}

/// An [`Observer`] that shows nothing.
#[derive(Debug, Clone, Copy)]
pub struct Quiet;

impl Observer for Quiet {}
