//! Mistake: A blank line has no number in it, so the stream can pass over it.
//! Expect: The first line that does not parse
//! Exercise 5.2, solved: a stream of `Result`s with `try_stream!`.

use std::num::ParseIntError;

use futures::{Stream, TryStreamExt};
use tokio::time::{Duration, sleep};

/// How long each line takes to arrive.
pub const LINE_DELAY: Duration = Duration::from_millis(100);

/// Each line parsed as a number, one every `LINE_DELAY`. The first line that
/// does not parse is yielded as an `Err`, and ends the stream.
pub fn parse_numbers(lines: Vec<String>) -> impl Stream<Item = Result<u64, ParseIntError>> {
    async_stream::try_stream! {
        for line in lines {
            sleep(LINE_DELAY).await;
            // In try_stream!, `?` yields the error as the last item and ends
            // the stream: no line after it is read.
            if line.trim().is_empty() {
                continue;
            }
            let number: u64 = line.trim().parse()?;
            yield number;
        }
    }
}

/// The sum of the numbers, or the first error, as soon as it comes.
pub async fn sum_all<E>(numbers: impl Stream<Item = Result<u64, E>>) -> Result<u64, E> {
    let mut numbers = std::pin::pin!(numbers);
    let mut total = 0;
    // `try_next().await?` returns the first error as soon as it arrives,
    // without waiting for the items after it.
    while let Some(number) = numbers.try_next().await? {
        total += number;
    }
    Ok(total)
}
