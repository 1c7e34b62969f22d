//! Mistake: Each reader can subscribe when its task starts.
//! Expect: Subscribe in spawn_readers, before spawning
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
        match news.recv().await {
            Ok(item) => {
                report.read.push(item);
                sleep(pace).await;
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
            let news = news.clone();
            tokio::spawn(async move {
                let receiver = news.subscribe();
                drop(news);
                read_all(receiver, pace).await
            })
        })
        .collect()
}
