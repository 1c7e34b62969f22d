//! `cargo grade watch`: the learner's loop. Grade once, then re-grade the
//! exercise whose file is saved, and show its verdict and what to do next.
//!
//! On a terminal this is a full-screen view with keys ([`tui`]); piped, it
//! prints plain lines ([`plain`]). Both hear about saved files from
//! [`changes`], which turns file-system events into "this exercise's source
//! changed": one re-grade per save, and none for the files that the build and
//! the tests themselves touch.

mod changes;
mod plain;
mod round;
mod screen;
mod tui;

use std::io::IsTerminal;
use std::sync::mpsc;

use anyhow::Result;

use crate::session::Session;

pub use screen::restore as restore_terminal;

/// `cargo grade watch`; `Ok(true)` when every exercise watched passes at the end.
pub fn run(session: &Session, poll: bool) -> Result<bool> {
    let (events, received) = mpsc::channel();
    // The watcher must live as long as the loop: dropping it stops the watching.
    let _watcher = changes::watch(&session.root, poll, events.clone())?;
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        tui::run(session, events, received)
    } else {
        plain::run(session, received)
    }
}
