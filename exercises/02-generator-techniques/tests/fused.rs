//! Exercise 2.3: what an iterator does after its first `None`, and `fuse`.

use std::collections::VecDeque;

use generator_techniques::fused::Mailbox;
use testkit::for_all::{for_all, quietly};
use testkit::props::proptest::prelude::*;

#[test]
fn letters_are_read_in_the_order_they_were_posted() {
    let mailbox = Mailbox::new();
    mailbox.post("first");
    mailbox.post("second");
    // `take` bounds the read, so a reader that never ends fails instead of hanging.
    let read: Vec<String> = mailbox.letters().take(10).collect();
    assert_eq!(
        read,
        ["first", "second"],
        "letters come out in the order they went in, each once: reading one takes it \
         out of the mailbox"
    );
    assert_eq!(
        mailbox.letters().next(),
        None,
        "reading takes the letters out of the mailbox: a second reader finds it empty"
    );
}

#[test]
fn a_reader_yields_again_after_none() {
    let mailbox = Mailbox::new();
    let mut reader = mailbox.letters();
    mailbox.post("early");
    let first = reader.next();
    assert_eq!(
        first.as_deref(),
        Some("early"),
        "a reader made before a letter was posted must still read it; yours gave {first:?}"
    );
    assert_eq!(
        reader.next(),
        None,
        "the mailbox is empty now: the reader says None"
    );
    mailbox.post("late");
    assert_eq!(
        reader.next().as_deref(),
        Some("late"),
        "after None, a letter was posted: this reader is not fused, so the same \
         reader must read it (None meant \"nothing right now\", not \"finished\")"
    );
}

#[test]
fn a_fused_reader_stays_finished() {
    let mailbox = Mailbox::new();
    mailbox.post("early");
    let mut once = mailbox.read_once();
    let answers = [once.next(), once.next()];
    assert_eq!(
        answers,
        [Some("early".to_owned()), None],
        "read_once on a mailbox holding \"early\" must read it, then say None; yours gave {answers:?}"
    );
    mailbox.post("late");
    assert_eq!(
        once.next(),
        None,
        "read_once already said None once: like a finished Python generator, it must \
         stay finished even though a letter arrived"
    );
    assert_eq!(
        mailbox.letters().next().as_deref(),
        Some("late"),
        "the fused reader must not have taken the late letter: a fresh reader finds it"
    );
}

/// One step of a generated session with a mailbox.
#[derive(Debug, Clone)]
enum Step {
    /// `mailbox.post(letter)`.
    Post(String),
    /// `next()` on plain reader 0 or 1 (made by `letters()` when first used).
    Read(usize),
    /// The plain reader is dropped; a later `Read` of it makes a new one.
    DropReader(usize),
    /// `next()` on fused reader 0 or 1 (made by `read_once()` when first used).
    ReadOnce(usize),
}

/// Letters at the edges of text: empty, blank, `\r\n`, spaces and tabs.
fn letter() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" ".to_owned()),
        Just("\t".to_owned()),
        Just("a\r\n".to_owned()),
        Just(" b ".to_owned()),
        "[a-c]{1,3}",
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => letter().prop_map(Step::Post),
        3 => (0_usize..2).prop_map(Step::Read),
        1 => (0_usize..2).prop_map(Step::DropReader),
        2 => (0_usize..2).prop_map(Step::ReadOnce),
    ]
}

/// The model: one queue; a plain reader takes from its front whenever asked;
/// a fused reader does too until its first None, and after that asks nothing.
fn model(steps: &[Step]) -> Vec<Option<String>> {
    let mut queue = VecDeque::new();
    let mut finished = [false, false];
    let mut answers = Vec::new();
    for step in steps {
        match step {
            Step::Post(letter) => queue.push_back(letter.clone()),
            Step::Read(_) => answers.push(queue.pop_front()),
            Step::DropReader(_) => {}
            Step::ReadOnce(f) => {
                let answer = if finished[*f] {
                    None
                } else {
                    queue.pop_front()
                };
                finished[*f] |= answer.is_none();
                answers.push(answer);
            }
        }
    }
    answers
}

#[test]
fn any_session_reads_like_a_queue() {
    for_all(64, prop::collection::vec(step(), 0..14), |steps| {
        let expected = model(steps);
        let mut got = Vec::new();
        let run = quietly(|| {
            let mailbox = Mailbox::new();
            let mut readers = [None, None];
            let mut once = [None, None];
            for step in steps {
                match step {
                    Step::Post(letter) => mailbox.post(letter),
                    Step::Read(r) => {
                        got.push(readers[*r].get_or_insert_with(|| mailbox.letters()).next())
                    }
                    Step::DropReader(r) => readers[*r] = None,
                    Step::ReadOnce(f) => {
                        got.push(once[*f].get_or_insert_with(|| mailbox.read_once()).next())
                    }
                }
            }
        });
        (run.is_ok() && got == expected).then_some(()).ok_or_else(|| {
            format!(
                "with the steps {steps:?}\nthe reads must give {expected:?}\nyours gave {got:?}{}\n\
                 (one queue: a letter is taken from the front by whichever reader asks, and a \
                 letter a dropped reader did not read is still there; a fused reader stays \
                 finished after its first None)",
                run.err().map(|panic| format!(", then {panic}")).unwrap_or_default()
            )
        })
    });
}
