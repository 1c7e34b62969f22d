//! Exercise 4.18: readers of a `broadcast` channel, fast and slow. The tests
//! are the publisher: they send numbered items at a steady rate and read
//! the readers' reports.

use concurrency::broadcast::{Report, spawn_readers};
use testkit::held::within;
use tokio::sync::broadcast;
use tokio::task::JoinHandle;
use tokio::time::{Duration, sleep};

const LIMIT: Duration = Duration::from_secs(60);

/// Messages the channel keeps for a reader that has not read them yet.
const CAPACITY: usize = 4;

/// A channel, and a receiver that the test keeps and never reads: `send`
/// fails when no receiver exists, and a reader that is late to subscribe
/// must not make the publisher fail.
fn channel() -> (broadcast::Sender<u32>, broadcast::Receiver<u32>) {
    broadcast::channel(CAPACITY)
}

/// Sends `0..count`, one every 10 ms, and drops the sender.
async fn publish(news: broadcast::Sender<u32>, count: u32) {
    for item in 0..count {
        sleep(Duration::from_millis(10)).await;
        news.send(item).expect("the test keeps a receiver");
    }
}

/// The readers' reports, once the channel is closed.
async fn reports(readers: Vec<JoinHandle<Report>>) -> Vec<Report> {
    let mut reports = Vec::new();
    for reader in readers {
        let report = within(
            LIMIT,
            "a reader never finished after the sender was dropped: it must stop on \
             Err(RecvError::Closed), and no Sender may be kept alive elsewhere (say, in \
             the reader's task), since that keeps the channel open",
            reader,
        )
        .await
        .expect("a reader does not panic");
        reports.push(report);
    }
    reports
}

#[tokio::test(start_paused = true)]
async fn a_fast_reader_reads_everything_in_order() {
    let (news, _unread) = channel();
    let readers = spawn_readers(&news, &[Duration::from_millis(1)]);
    publish(news, 20).await;
    let reports = reports(readers).await;
    assert_eq!(
        reports,
        [Report {
            read: (0..20).collect(),
            missed: 0
        }],
        "a reader that takes 1 ms per item, with one item every 10 ms, reads all 20, in \
         order, and misses none"
    );
}

#[tokio::test(start_paused = true)]
async fn a_slow_reader_skips_what_it_missed_and_goes_on() {
    let (news, _unread) = channel();
    let readers = spawn_readers(&news, &[Duration::from_millis(50)]);
    publish(news, 20).await;
    let [slow] = <[Report; 1]>::try_from(reports(readers).await).expect("one reader");
    assert!(
        slow.missed > 0,
        "a reader that takes 50 ms per item, with one every 10 ms and {CAPACITY} kept, \
         falls behind: it must count what it lost, from Err(RecvError::Lagged(n)). It read \
         {:?}",
        slow.read
    );
    assert_eq!(
        slow.read.len() as u64 + slow.missed,
        20,
        "the slow reader read {} items ({:?}) and counted {} missed: together they must be \
         the 20 sent. On Err(Lagged(n)), n messages were lost: add n, and keep receiving \
         from the same receiver",
        slow.read.len(),
        slow.read,
        slow.missed
    );
    assert_eq!(
        slow.read.last(),
        Some(&19),
        "after a lag the reader goes on, to the last item: Lagged is not the end ({:?})",
        slow.read
    );
    assert!(
        slow.read.is_sorted(),
        "the items come in order: {:?}",
        slow.read
    );
}

#[tokio::test(start_paused = true)]
async fn every_reader_gets_every_message_sent_after_spawn_readers_returns() {
    let (news, _unread) = channel();
    let paces = [1, 2, 3].map(Duration::from_millis);
    let readers = spawn_readers(&news, &paces);
    // At once, before any reader's task has had a chance to run.
    news.send(100).expect("the test keeps a receiver");
    news.send(101).expect("the test keeps a receiver");
    drop(news);
    for (i, report) in reports(readers).await.into_iter().enumerate() {
        assert_eq!(
            report.read,
            [100, 101],
            "reader {i} missed what was sent right after spawn_readers returned: a receiver \
             sees only what is sent after it exists. Subscribe in spawn_readers, before \
             spawning, not inside the reader's task"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn readers_read_what_is_left_after_the_sender_is_dropped() {
    let (news, _unread) = channel();
    let readers = spawn_readers(&news, &[Duration::from_millis(50)]);
    for item in 0..3 {
        news.send(item).expect("the test keeps a receiver");
    }
    drop(news);
    let reports = reports(readers).await;
    assert_eq!(
        reports[0].read,
        [0, 1, 2],
        "the sender was dropped after sending 3 items: a receiver still gets all three, \
         and only then Err(RecvError::Closed)"
    );
}
