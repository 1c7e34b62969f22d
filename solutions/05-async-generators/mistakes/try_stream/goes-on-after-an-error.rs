//! Mistake: A stream of Results yields every line's result, good or bad.
//! Expect: and ends there
//! Exercise 5.2, solved: a stream of `Result`s with `try_stream!`.

use std::num::ParseIntError;

use futures::{Stream, TryStreamExt};
use tokio::time::{Duration, sleep};

/// How long each line takes to arrive.
pub const LINE_DELAY: Duration = Duration::from_millis(100);

/// Each line parsed as a number, one every `LINE_DELAY`. The first line that
/// does not parse is yielded as an `Err`, and ends the stream.
pub fn parse_numbers(lines: Vec<String>) -> impl Stream<Item = Result<u64, ParseIntError>> {
    async_stream::stream! {
        for line in lines {
            sleep(LINE_DELAY).await;
            yield line.trim().parse::<u64>();
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
