//! Data only: the course, a plan, a report.
pub mod course;
pub mod plan;
pub mod report;
