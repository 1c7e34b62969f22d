//! Ctrl-C and `kill` (on Windows, Ctrl-C, Ctrl-Break and closing the
//! console): the grader stops at once and takes every test process and
//! compiler it started with it, leaving the terminal as it found it.

use std::io::{IsTerminal, Write};

/// Starts listening for an interrupt at any moment (grading, building, or a
/// `watch` waiting for a save).
pub fn install() {
    grader::os::on_interrupt(stop);
}

/// Stops everything and exits with `code`, which says what interrupted us.
fn stop(code: i32) -> ! {
    grader::os::kill_all();
    // Out of watch's full screen first, or the message is lost with it.
    crate::watch::restore_terminal();
    if std::io::stderr().is_terminal() {
        // Erase a half-drawn progress bar and show the cursor again.
        let _ = write!(std::io::stderr(), "\r\x1b[2K\x1b[?25h");
    }
    eprintln!("Interrupted: every test process was stopped.");
    std::process::exit(code);
}
