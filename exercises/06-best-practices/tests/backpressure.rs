//! Exercise 6.6: a producer feeding a slow consumer through a bounded channel.
//! The tests count the items the producer has pulled from its source, and
//! compare with what the consumer has received.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use best_practices::backpressure::spawn_producer;
use testkit::drops::drop_guard;
use testkit::limit::within;
use testkit::props::{self, proptest};
use tokio::time::{Duration, sleep};

use proptest::prelude::*;

const CAPACITY: usize = 3;
const LIMIT: Duration = Duration::from_secs(60);
const ITEMS: u32 = 20;

/// The numbers 0..ITEMS, counting how many the producer has pulled.
fn counted_source() -> (impl Iterator<Item = u32> + Send + 'static, Arc<AtomicUsize>) {
    let pulled = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&pulled);
    let source = (0..ITEMS).inspect(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    (source, pulled)
}

#[tokio::test(start_paused = true)]
async fn the_consumer_receives_everything_in_order() {
    let (source, _) = counted_source();
    let mut receiver = spawn_producer(source, CAPACITY);
    let mut received = Vec::new();
    while let Some(item) = within(
        Duration::from_secs(60),
        "the channel never closed after the last item: the producer must drop its sender \
         when it is done",
        receiver.recv(),
    )
    .await
    {
        received.push(item);
        // A consumer slower than its producer: the channel fills up.
        sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(
        received,
        (0..ITEMS).collect::<Vec<_>>(),
        "every item, in order: none may be dropped when the channel is full \
         (`send(...).await` waits for a free slot)"
    );
}

#[tokio::test(start_paused = true)]
async fn the_producer_is_never_more_than_capacity_ahead() {
    let (source, pulled) = counted_source();
    let mut receiver = spawn_producer(source, CAPACITY);
    // Let the producer run as far ahead as it can before anything is received.
    sleep(Duration::from_secs(1)).await;
    let mut received = 0;
    loop {
        let ahead = pulled.load(Ordering::SeqCst) - received;
        assert!(
            ahead <= CAPACITY + 1,
            "after the consumer received {received} items, the producer had pulled {} from \
             its source: {ahead} ahead. With {CAPACITY} slots in the channel it can be at \
             most {} ahead (a full channel and one item waiting to be sent). Is the channel \
             unbounded, or is the producer collecting items before sending them?",
            received + ahead,
            CAPACITY + 1
        );
        let item = within(
            Duration::from_secs(60),
            "the producer stopped sending before the end of its items",
            receiver.recv(),
        )
        .await;
        if item.is_none() {
            break;
        }
        received += 1;
        // A slow consumer: 100 ms per item, during which the producer may run.
        sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(received, ITEMS as usize, "every item arrives");
}

#[tokio::test(start_paused = true)]
async fn the_producer_fills_the_channel_while_the_consumer_is_busy() {
    let (source, pulled) = counted_source();
    let _receiver = spawn_producer(source, CAPACITY);
    sleep(Duration::from_secs(1)).await;
    let pulled = pulled.load(Ordering::SeqCst);
    assert!(
        pulled >= CAPACITY,
        "in a second with nobody receiving, the producer pulled {pulled} items; it should \
         fill the channel's {CAPACITY} slots. Does it run as a task of its own (tokio::spawn)?"
    );
}

#[tokio::test(start_paused = true)]
async fn the_producer_stops_when_the_receiver_is_dropped() {
    let (source, pulled) = counted_source();
    let (guard, source_dropped) = drop_guard();
    // The guard lives in the source: it is dropped when the producer drops the source.
    let source = source.inspect(move |_| {
        let _keep = &guard;
    });
    let mut receiver = spawn_producer(source, CAPACITY);
    for expected in 0..2 {
        let item = within(Duration::from_secs(60), "no item arrived", receiver.recv()).await;
        assert_eq!(
            item,
            Some(expected),
            "the items arrive in order, starting at 0"
        );
    }
    drop(receiver);
    sleep(Duration::from_secs(1)).await;
    let pulled = pulled.load(Ordering::SeqCst);
    assert!(
        pulled <= 2 + CAPACITY + 2,
        "after the consumer received 2 items and hung up, the producer went on to pull \
         {pulled} of its {ITEMS} items. When `send` returns an error the receiver is gone: \
         stop producing"
    );
    assert!(
        source_dropped.is_set(),
        "a second after the receiver was dropped, the producer still holds its source: \
         the producer task must end when nobody is listening"
    );
}

proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn never_more_than_capacity_ahead_whatever_the_consumer_does(
        capacity in 1_usize..5,
        items in 0_u32..12,
        pauses in prop::collection::vec(prop::sample::select(vec![0_u64, 1, 10, 100]), 12),
        hang_up_after in prop::option::of(0_usize..12),
    ) {
        let verdict = props::paused(async {
            let pulled = Arc::new(AtomicUsize::new(0));
            let counter = Arc::clone(&pulled);
            let (guard, source_dropped) = drop_guard();
            let source = (0..items).inspect(move |_| {
                let _keep = &guard;
                counter.fetch_add(1, Ordering::SeqCst);
            });
            let mut receiver = spawn_producer(source, capacity);
            let mut received = Vec::new();
            let mut waited = true; // the consumer gives the producer time before it starts
            sleep(Duration::from_millis(1)).await;
            loop {
                let (got, ahead) = (received.len(), pulled.load(Ordering::SeqCst) - received.len());
                if ahead > capacity + 1 {
                    return Err(format!(
                        "after {got} items received, the producer had pulled {ahead} more from its \
                         source: with {capacity} slots it can be at most {} ahead (a full channel \
                         and one item in hand)",
                        capacity + 1
                    ));
                }
                let left = items as usize - got;
                if waited && ahead < capacity.min(left) {
                    return Err(format!(
                        "after {got} items received, and time for the producer to run, it had \
                         pulled only {ahead} more: it should fill the channel's {capacity} slots \
                         while the consumer is busy"
                    ));
                }
                if hang_up_after == Some(got) {
                    drop(receiver);
                    sleep(Duration::from_secs(1)).await;
                    let pulled = pulled.load(Ordering::SeqCst);
                    if !source_dropped.is_set() || pulled > got + capacity + 1 {
                        return Err(format!(
                            "the consumer hung up after {got} items; a second later the producer \
                             had pulled {pulled} items and {} its source: when `send` returns an \
                             error nobody is listening, so stop",
                            if source_dropped.is_set() { "had let go of" } else { "still held" }
                        ));
                    }
                    return Ok(());
                }
                match within(LIMIT, "the producer stopped sending before the end of its items", receiver.recv()).await {
                    Some(item) => received.push(item),
                    None => break,
                }
                let pause = pauses[received.len() % pauses.len()];
                waited = pause > 0;
                sleep(Duration::from_millis(pause)).await;
            }
            if received != (0..items).collect::<Vec<_>>() {
                return Err(format!("the consumer received {received:?}: every item, in order"));
            }
            Ok(())
        });
        prop_assert!(
            verdict.is_ok(),
            "{} items through a channel of {capacity} slots, the consumer pausing {:?}… ms after \
             each item{}:\n{}",
            items,
            &pauses[..4],
            hang_up_after.map(|k| format!(" and hanging up after {k}")).unwrap_or_default(),
            verdict.unwrap_err()
        );
    }
}
