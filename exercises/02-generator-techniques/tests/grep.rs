//! Exercise 2.6: a coroutine that must be primed before use, and can be closed.

use generator_techniques::grep::{Closed, grep};
use testkit::for_all::{for_all, quietly};
use testkit::props::proptest::prelude::*;

/// The Python session of the stub's doc comment, as what it prints.
#[test]
fn a_session_prints_like_the_python() {
    let mut g = grep("python").prime();
    for line in ["coroutines are fun", "python generators rock"] {
        assert_eq!(
            g.send(line),
            Ok(()),
            "a primed, open grep must accept every line it is sent ({line:?})"
        );
    }
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

/// One step of a generated session: a line sent, or `close`.
#[derive(Debug, Clone)]
enum Step {
    Send(String),
    Close,
}

/// Text from a small alphabet, so that patterns often match: letters in both
/// cases, spaces, tabs, and `\r\n` line endings.
fn text(max: usize) -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("a"),
        Just("b"),
        Just("A"),
        Just(" "),
        Just("\t"),
        Just("\r\n"),
        Just("ab"),
    ];
    prop::collection::vec(pieces, 0..=max).prop_map(|pieces| pieces.concat())
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let step = prop_oneof![5 => text(5).prop_map(Step::Send), 1 => Just(Step::Close)];
    prop::collection::vec(step, 0..8)
}

/// The model: what the Python coroutine prints, and what each send returns.
fn model(pattern: &str, steps: &[Step]) -> (Vec<String>, Vec<Result<(), Closed>>) {
    let mut printed = vec![format!("Looking for {pattern}")];
    let (mut closed, mut results) = (false, Vec::new());
    for step in steps {
        match step {
            Step::Send(_) if closed => results.push(Err(Closed)),
            Step::Send(line) => {
                if line.contains(pattern) {
                    printed.push(line.clone());
                }
                results.push(Ok(()));
            }
            Step::Close if closed => {}
            Step::Close => {
                closed = true;
                printed.push("Going away. Goodbye".to_owned());
            }
        }
    }
    (printed, results)
}

#[test]
fn any_session_prints_like_the_python() {
    for_all(64, (text(3), steps()), |(pattern, steps)| {
        let expected = model(pattern, steps);
        let mut results = Vec::new();
        let run = quietly(|| {
            let mut g = grep(pattern).prime();
            for step in steps {
                match step {
                    Step::Send(line) => results.push(g.send(line)),
                    Step::Close => g.close(),
                }
            }
            g.printed().to_vec()
        });
        let got = run.map(|printed| (printed, results));
        (got.as_ref() == Ok(&expected)).then_some(()).ok_or_else(|| {
            format!(
                "grep({pattern:?}), primed, then {steps:?}:\nexpected printed {:?}, sends {:?}\n\
                 yours: {}\nA line is printed exactly as sent when it contains the pattern \
                 exactly as given (Python's `pattern in line`: case, spaces, tabs and \\r count)",
                expected.0,
                expected.1,
                got.map_or_else(|panic| panic, |(p, r)| format!("printed {p:?}, sends {r:?}"))
            )
        })
    });
}
