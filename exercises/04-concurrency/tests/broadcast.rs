//! Exercise 4.18: readers of a `broadcast` channel, fast and slow. The tests
//! are the publisher: they send numbered items at a steady rate and read
//! the readers' reports.

use concurrency::broadcast::{Report, spawn_readers};
use testkit::held::{self, within};
use testkit::props::{self, proptest};
use tokio::sync::broadcast;
use tokio::task::JoinHandle;
use tokio::time::{Duration, Instant, sleep};

use proptest::prelude::*;

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

/// The model of one reader of a channel that keeps `CAPACITY` messages:
/// items are sent at `sent_at` (ms, in order; those at 0 before the reader
/// runs), and the sender is dropped after the last. The reader receives,
/// keeps an item and sleeps `pace`; when more than `CAPACITY` were sent past
/// its place, it is told how many it lost and goes on from the oldest kept.
/// `None` when the reader would wake at the very instant of a send: who goes
/// first there is not what the test is about.
fn model_reader(sent_at: &[u64], pace: u64) -> Option<Report> {
    let mut report = Report::default();
    let (mut place, mut now) = (0_usize, 0_u64);
    loop {
        let sent = sent_at.iter().filter(|at| **at <= now).count();
        if place < sent {
            let oldest = sent.saturating_sub(CAPACITY);
            if place < oldest {
                report.missed += (oldest - place) as u64;
                place = oldest;
            }
            report.read.push(place as u32);
            place += 1;
            now += pace;
            if sent_at.contains(&now) {
                return None;
            }
        } else if sent == sent_at.len() {
            return Some(report);
        } else {
            // Nothing new: wait for the next send, and take it then.
            now = sent_at[place];
        }
    }
}

// Generated sends (several at one instant, bursts and pauses, sends before
// any reader has run) and readers of generated paces, quicker and slower
// than the sends. Each reader's report is compared with the model.
proptest! {
    #![proptest_config(props::cases(48))]
    #[test]
    fn readers_on_generated_sends(
        gaps in prop::collection::vec(prop_oneof![Just(0_u64), 0_u64..40], 0..16),
        paces in prop::collection::vec(1_u64..60, 1..4),
    ) {
        let sent_at: Vec<u64> = gaps.iter().scan(0, |at, gap| { *at += gap; Some(*at) }).collect();
        let expected: Option<Vec<Report>> = paces.iter().map(|&pace| model_reader(&sent_at, pace)).collect();
        prop_assume!(expected.is_some());
        let expected = expected.expect("assumed");
        let reports = held::paused(async {
            let (news, _unread) = channel();
            let readers = spawn_readers(&news, &paces.iter().copied().map(Duration::from_millis).collect::<Vec<_>>());
            let start = Instant::now();
            let publishing = async {
                for (item, at) in sent_at.iter().enumerate() {
                    tokio::time::sleep_until(start + Duration::from_millis(*at)).await;
                    news.send(item as u32).expect("the test keeps a receiver");
                }
                drop(news);
            };
            within(LIMIT, "the sends never ended", publishing).await;
            reports(readers).await
        });
        for ((report, model), pace) in reports.iter().zip(&expected).zip(&paces) {
            prop_assert!(
                report == model,
                "a reader of pace {pace} ms, items 0, 1, ... sent at {sent_at:?} ms, {CAPACITY} \
                 kept\n  expected: {model:?}\n  yours:    {report:?}\nthe reader takes each item \
                 when it can, then sleeps its pace; after a lag it counts the n lost and goes on \
                 from the oldest kept"
            );
        }
    }
}
