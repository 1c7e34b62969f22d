//! Reading the course's own files.
pub mod facts;
pub mod history;
pub mod integrity;
pub mod source;
