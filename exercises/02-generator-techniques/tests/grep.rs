//! Exercise 2.6: a coroutine that must be primed before use, and can be closed.

use generator_techniques::grep::{Closed, grep};

/// The Python session of the stub's doc comment, as what it prints.
#[test]
fn a_session_prints_like_the_python() {
    let mut g = grep("python").prime();
    g.send("coroutines are fun").expect("g is running");
    g.send("python generators rock").expect("g is running");
    g.close();
    insta::assert_snapshot!("session", g.printed().join("\n"));
}

#[test]
fn priming_runs_up_to_the_first_yield() {
    let g = grep("rust").prime();
    assert_eq!(
        g.printed(),
        ["Looking for rust"],
        "priming runs the body up to `line = yield`: it prints the greeting, once, \
         and nothing else"
    );
}

#[test]
fn only_lines_with_the_pattern_are_printed() {
    let mut g = grep("ok").prime();
    for line in ["ok: one", "fail: two", "three is ok", "four"] {
        assert_eq!(
            g.send(line),
            Ok(()),
            "a running coroutine accepts every line"
        );
    }
    assert_eq!(
        g.printed(),
        ["Looking for ok", "ok: one", "three is ok"],
        "only the lines that contain the pattern are printed, in the order sent"
    );
}

#[test]
fn closing_says_goodbye_once() {
    let mut g = grep("x").prime();
    g.close();
    g.close();
    assert_eq!(
        g.printed(),
        ["Looking for x", "Going away. Goodbye"],
        "close prints the goodbye the first time only: closing a closed coroutine \
         does nothing"
    );
}

#[test]
fn sending_after_close_is_an_error_not_a_panic() {
    let mut g = grep("x").prime();
    g.close();
    assert_eq!(
        g.send("x marks the spot"),
        Err(Closed),
        "a closed coroutine takes no more values: `send` must return Err(Closed)"
    );
    assert_eq!(
        g.printed().len(),
        2,
        "a line sent after close must not be printed, even if it matches: {:?}",
        g.printed()
    );
}
