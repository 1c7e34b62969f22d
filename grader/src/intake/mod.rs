//! Taking in submissions.
pub mod class;
pub mod layout;
pub mod submission;
