//! Reading the course's own files: `course.toml` ([`manifest`]), the test functions
//! of a test file ([`source`]), what a report needs of them ([`facts`]), the
//! checksums the course shipped ([`integrity`]) and an exercise's stub in git
//! history ([`history`]).
//!
//! May import: `model`, `os`.
pub mod facts;
pub mod history;
pub mod integrity;
pub mod manifest;
pub mod source;
