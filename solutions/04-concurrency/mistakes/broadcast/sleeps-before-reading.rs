//! Mistake: The reader's pace is a wait between two messages: sleep, then receive the next one.
//! Expect: then sleeps its pace
//! Exercise 4.18, solved: `broadcast` fans each message out to every
//! receiver; a receiver that lags is told how many it lost, and goes on.

use tokio::sync::broadcast::{self, error::RecvError};
use tokio::task::JoinHandle;
use tokio::time::{Duration, sleep};

/// What one reader got out of the channel.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The messages it received, in order.
    pub read: Vec<u32>,
    /// How many it lost by lagging behind.
    pub missed: u64,
}

/// Receives until the channel is closed, sleeping `pace` after each message.
pub async fn read_all(mut news: broadcast::Receiver<u32>, pace: Duration) -> Report {
    let mut report = Report::default();
    loop {
        sleep(pace).await;
        match news.recv().await {
            Ok(item) => {
                report.read.push(item);
            }
            // Not the end: the oldest messages are gone, and the next recv
            // goes on from the oldest one still kept.
            Err(RecvError::Lagged(lost)) => report.missed += lost,
            Err(RecvError::Closed) => return report,
        }
    }
}

/// One `read_all` task per pace, each with a receiver of its own.
pub fn spawn_readers(news: &broadcast::Sender<u32>, paces: &[Duration]) -> Vec<JoinHandle<Report>> {
    paces
        .iter()
        .map(|&pace| {
            // Subscribe here, not in the task: a receiver sees only what is
            // sent after it exists, and the task may start after a send.
            let receiver = news.subscribe();
            tokio::spawn(read_all(receiver, pace))
        })
        .collect()
}
