//! Ctrl-C and `kill`: the grader stops at once and takes every test process
//! and compiler it started with it, leaving the terminal as it found it.

use std::io::{IsTerminal, Write};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// Starts a thread that waits for SIGINT, SIGTERM or SIGHUP at any moment
/// (grading, building, or a `watch` waiting for a save).
pub fn install() {
    let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("interrupt".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                grader::processes::kill_all();
                // Out of watch's full screen first, or the message is lost with it.
                crate::watch::restore_terminal();
                if std::io::stderr().is_terminal() {
                    // Erase a half-drawn progress bar and show the cursor again.
                    let _ = write!(std::io::stderr(), "\r\x1b[2K\x1b[?25h");
                }
                eprintln!("Interrupted: every test process was stopped.");
                std::process::exit(128 + signal);
            }
        });
}
