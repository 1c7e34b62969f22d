//! Exercise 2.4: `echo` as a struct with a `send` method.

use std::io::{self, Write};

use generator_techniques::echo::echo;

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
