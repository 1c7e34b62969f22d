//! Data only: the course, a plan, a report.
pub mod course;
pub mod event;
pub mod libtest;
pub mod outcome;
pub mod partition;
pub mod plan;
pub mod report;
pub mod submission;
