//! Taking in submissions: a pristine working copy of the course and a
//! learner's files laid over it ([`submission`]), found in whatever shape
//! the upload has ([`layout`]); a class's cache of section results
//! ([`class`]).
//!
//! May import: `model`, `course`, `build` (the working copy's generated
//! test targets), `os`.
pub mod class;
pub mod layout;
pub mod submission;
