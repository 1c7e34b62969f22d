//! Exercise 2.4: `echo` as a struct with a `send` method.

use std::io::{self, Write};

use generator_techniques::echo::echo;
use testkit::for_all::{for_all, quietly};
use testkit::props::proptest::prelude::*;

#[test]
fn creating_it_prints_nothing() {
    let coroutine = echo(Vec::new());
    assert!(
        coroutine.get_ref().is_empty(),
        "creating the coroutine printed something: like `gen = echo()`, it must only \
         set up its state"
    );
}

#[test]
fn each_value_is_printed_when_it_is_sent() -> io::Result<()> {
    let mut coroutine = echo(Vec::new());
    let printed = |coroutine: &generator_techniques::echo::Echo<Vec<u8>>| {
        String::from_utf8_lossy(coroutine.get_ref()).into_owned()
    };
    coroutine.send("one")?;
    assert_eq!(
        printed(&coroutine),
        "one\n",
        "`send` must print its value at once, on its own line"
    );
    coroutine.send("two")?;
    coroutine.send("three")?;
    assert_eq!(
        printed(&coroutine),
        "one\ntwo\nthree\n",
        "values must be printed in the order they were sent, one per line"
    );
    Ok(())
}

/// A writer whose every write fails, like a closed pipe.
struct Broken;

impl Write for Broken {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::new(
            io::ErrorKind::BrokenPipe,
            "the pipe is closed",
        ))
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_failed_write_is_returned_not_a_panic() {
    let mut coroutine = echo(Broken);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| coroutine.send("lost")))
        .unwrap_or_else(|_| {
            panic!(
                "`send` panicked when the writer failed: it must return the error \
                 to its caller (use `?`), not unwrap it"
            )
        });
    assert_eq!(
        result.map_err(|e| e.kind()),
        Err(io::ErrorKind::BrokenPipe),
        "when the writer fails, `send` must return its error (use `?`), not panic"
    );
}

/// The seed's two sends, and what they print.
#[test]
fn prints_hello_world_like_the_python() -> io::Result<()> {
    let mut printed = Vec::new();
    let mut coroutine = echo(&mut printed);
    coroutine.send("Hello!")?;
    coroutine.send("World!")?;
    insta::assert_snapshot!("hello_world", String::from_utf8_lossy(&printed));
    Ok(())
}

/// A writer that takes at most `chunk` bytes per `write` call, as a pipe or a
/// socket may: a short write is not an error, the caller writes the rest.
struct Trickle {
    written: Vec<u8>,
    chunk: usize,
}

impl Write for Trickle {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let n = bytes.len().min(self.chunk);
        self.written.extend_from_slice(&bytes[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Values at the edges of text: empty, blank, spaces and tabs around words,
/// `\r\n` and `\n` inside, non-ASCII letters.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" ".to_owned()),
        Just("\t".to_owned()),
        Just("line\r\n".to_owned()),
        Just("  two  words\t".to_owned()),
        Just("é\nü".to_owned()),
        "[ \ta-c\r]{0,6}",
    ]
}

/// What `echo` prints for `values`, sent in order to `out`: the bytes, or
/// the first error or panic.
fn echoed<W: Write>(
    values: &[String],
    out: W,
    written: impl Fn(&W) -> Vec<u8>,
) -> Result<String, String> {
    let mut coroutine = quietly(|| echo(out))?;
    for value in values {
        quietly(|| coroutine.send(value))?
            .map_err(|e| format!("send({value:?}) returned the error {e}"))?;
    }
    Ok(String::from_utf8_lossy(&written(coroutine.get_ref())).into_owned())
}

#[test]
fn any_values_are_printed_exactly_as_sent() {
    for_all(64, prop::collection::vec(value(), 0..5), |values| {
        let expected: String = values.iter().map(|v| format!("{v}\n")).collect();
        let got = echoed(values, Vec::new(), Clone::clone);
        (got.as_ref() == Ok(&expected)).then_some(()).ok_or_else(|| {
            format!(
                "sending {values:?} must print {expected:?}: each value exactly as sent, spaces, \
                 tabs and \\r included, then \\n;\nyours printed {}",
                got.map_or_else(|e| e, |got| format!("{got:?}"))
            )
        })
    });
}

#[test]
fn every_byte_reaches_a_writer_that_takes_a_few_at_a_time() {
    let cases = (prop::collection::vec(value(), 1..4), 1_usize..=4);
    for_all(48, cases, |(values, chunk)| {
        let expected: String = values.iter().map(|v| format!("{v}\n")).collect();
        let got = echoed(
            values,
            Trickle {
                written: Vec::new(),
                chunk: *chunk,
            },
            |t| t.written.clone(),
        );
        (got.as_ref() == Ok(&expected)).then_some(()).ok_or_else(|| {
            // The same values to a writer that takes everything: if they all
            // arrive there, what went missing here is what `write` left over.
            let whole = echoed(values, Vec::new(), Clone::clone);
            let cause = if whole.as_ref() == Ok(&expected) {
                "\nWritten to a Vec, which takes everything at once, the same values all arrive: \
                 here `write` took only part of the bytes and the rest was never offered \
                 again. `write_all` (and `writeln!`) go on until every byte is written"
            } else {
                ""
            };
            format!(
                "sending {values:?} to a writer that takes at most {chunk} byte(s) per `write` \
                 call must still print {expected:?};\nyours printed {}.{cause}",
                got.map_or_else(|e| e, |got| format!("{got:?}"))
            )
        })
    });
}
