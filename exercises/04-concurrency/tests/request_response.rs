//! Exercise 4.16: a bank task owns the balances and answers each request
//! through the `oneshot` that came with it. The tests are its callers: many
//! at once, one that gives up, and the last one hanging up.

use std::any::Any;
use std::collections::HashMap;

use concurrency::request_response::{Bank, CAPACITY, SERVE_TIME, spawn_bank};
use testkit::held::{self, render, two_timelines, within, within_seen};
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::task::JoinHandle;
use tokio::time::{Duration, Instant, sleep, timeout};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);

/// The text a panicking task left behind.
fn panic_text(payload: Box<dyn Any + Send>) -> String {
    match payload.downcast::<String>() {
        Ok(text) => *text,
        Err(payload) => payload
            .downcast::<&str>()
            .map(|text| text.to_string())
            .unwrap_or_else(|_| "a panic".to_string()),
    }
}

/// A caller on a task of its own: deposits `amount` for `who`.
fn deposit(bank: &Bank, who: &'static str, amount: u64) -> JoinHandle<u64> {
    let bank = bank.clone();
    tokio::spawn(async move { bank.deposit(who, amount).await })
}

#[tokio::test(start_paused = true)]
async fn a_caller_that_stops_waiting_does_not_stop_the_bank() {
    let (bank, running) = spawn_bank();
    let gave_up = timeout(SERVE_TIME / 2, bank.deposit("ann", 5)).await;
    assert!(
        gave_up.is_err(),
        "the bank takes SERVE_TIME to serve a request: a deposit cannot be answered sooner"
    );
    sleep(SERVE_TIME * 2).await;
    if running.is_finished() {
        let why = match running.await {
            Err(error) if error.is_panic() => {
                format!("it panicked: {}", panic_text(error.into_panic()))
            }
            _ => "it returned".to_string(),
        };
        panic!(
            "ann stopped waiting for her deposit's reply, and the bank's task ended ({why}). \
             A caller may drop its oneshot::Receiver at any time; the bank's reply.send(...) \
             then returns Err, which is no reason to stop serving everyone else"
        );
    }
    let balance = within(LIMIT, "the bank never answered", bank.balance("ann")).await;
    assert_eq!(
        balance, 5,
        "ann's deposit was in the bank's channel before she gave up: the bank still makes it"
    );
}

#[tokio::test(start_paused = true)]
async fn each_caller_gets_its_own_reply() {
    let (bank, _running) = spawn_bank();
    let callers =
        [("ann", 100), ("bob", 200), ("cy", 300)].map(|(who, amount)| deposit(&bank, who, amount));
    for (caller, expected) in callers.into_iter().zip([100, 200, 300]) {
        let balance = within(LIMIT, "a deposit never got its reply", caller)
            .await
            .expect("a deposit does not panic");
        assert_eq!(
            balance, expected,
            "each caller's reply is the balance of its own account, sent through the \
             oneshot that came with its request"
        );
    }
    assert_eq!(
        within(LIMIT, "the bank never answered", bank.balance("bob")).await,
        200,
        "bob deposited 200, and nothing else"
    );
    assert_eq!(
        within(LIMIT, "the bank never answered", bank.balance("nobody")).await,
        0,
        "an account never seen has a balance of 0"
    );
}

#[tokio::test(start_paused = true)]
async fn many_callers_at_once_are_served_one_at_a_time() {
    // More callers than the channel holds, yet few: each caller whose request
    // is lost panics on its own task, and a learner must still see this test's
    // message below those panics.
    const CALLERS: u32 = CAPACITY as u32 + 2;
    let (bank, _running) = spawn_bank();
    let started = Instant::now();
    let callers: Vec<_> = (0..CALLERS).map(|_| deposit(&bank, "pot", 1)).collect();
    let mut balances = Vec::new();
    for (i, caller) in callers.into_iter().enumerate() {
        match within(LIMIT, "a deposit never got its reply", caller).await {
            Ok(balance) => balances.push(balance),
            Err(error) => panic!(
                "caller {i}'s deposit failed ({}) while {CALLERS} callers asked at once \
                 and the channel holds {CAPACITY} requests: `send(...).await` waits for \
                 room, `try_send` gives up",
                panic_text(error.into_panic())
            ),
        }
    }
    balances.sort();
    assert_eq!(
        balances,
        (1..=u64::from(CALLERS)).collect::<Vec<_>>(),
        "{CALLERS} deposits of 1 into one account: the replies are the balances 1 to {CALLERS}"
    );
    assert_eq!(
        started.elapsed(),
        SERVE_TIME * CALLERS,
        "the bank serves one request at a time, SERVE_TIME each: {CALLERS} take {:?}. \
         Its task alone owns the balances, and handles each request before it takes \
         the next",
        SERVE_TIME * CALLERS
    );
}

#[tokio::test(start_paused = true)]
async fn the_bank_ends_when_every_handle_is_dropped() {
    let (bank, running) = spawn_bank();
    let other = bank.clone();
    within(LIMIT, "the bank never answered", bank.deposit("ann", 5)).await;
    drop(bank);
    within(LIMIT, "the bank never answered", other.deposit("bob", 7)).await;
    sleep(SERVE_TIME * 10).await;
    assert!(
        !running.is_finished(),
        "one Bank handle is still alive: the bank must keep serving"
    );
    drop(other);
    let balances = within(
        LIMIT,
        "the bank's task never ended after every Bank handle was dropped: its loop must \
         stop when recv() returns None, and nothing else may hold a Sender of its channel",
        running,
    )
    .await
    .expect("the bank does not panic");
    let expected: HashMap<String, u64> = [("ann".to_string(), 5), ("bob".to_string(), 7)].into();
    assert_eq!(
        balances, expected,
        "the bank returns the balances when it ends"
    );
}

/// Three callers ask at the same moment; the bank answers them in turn.
#[tokio::test(start_paused = true)]
async fn timeline_of_three_callers() {
    let timeline = Timeline::start();
    let (bank, _running) = spawn_bank();
    let callers = [("ann", 5), ("bob", 7), ("ann", 1)].map(|(who, amount)| {
        let bank = bank.clone();
        let timeline = timeline.clone();
        tokio::spawn(async move {
            timeline.record(format!("{who} asks to deposit {amount}"));
            let balance = bank.deposit(who, amount).await;
            timeline.record(format!("{who} hears: balance {balance}"));
        })
    });
    for caller in callers {
        within_seen(LIMIT, "a deposit never got its reply", &timeline, caller)
            .await
            .expect("a deposit does not panic");
    }
    insta::assert_snapshot!("timeline", timeline.render());
}

/// A generated request: when it is made (ms), whose, and a deposit (of 0 to
/// 1000) or a balance query (`None`).
type Asked = (u64, &'static str, Option<u64>);

// Generated callers: deposits (0 included) and balance queries, some for
// accounts never seen, arriving at once or spread out, more at a time than
// the channel holds. The model: one request at a time, in the order they
// were made, each answered SERVE_TIME after the bank takes it; and once every
// handle is dropped, the balances of the accounts that got a deposit, and of
// no other: a query leaves nothing behind.
proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn the_bank_on_generated_callers(
        requests in prop::collection::vec(
            (
                prop_oneof![Just(0_u64), 0_u64..60],
                prop::sample::select(vec!["ann", "bob", "cy"]),
                prop::option::weighted(0.6, prop_oneof![Just(0_u64), 0_u64..=1000]),
            ),
            0..8,
        )
    ) {
        // Made in time order; those made at one instant, in input order.
        let mut requests: Vec<Asked> = requests;
        requests.sort_by_key(|r| r.0);
        let serve = SERVE_TIME.as_millis() as u64;
        let (mut free_at, mut balances, mut events) = (0_u64, HashMap::<String, u64>::new(), Vec::new());
        for (i, (at, who, deposit)) in requests.iter().enumerate() {
            free_at = free_at.max(*at) + serve;
            let balance = match deposit {
                Some(amount) => {
                    let balance = balances.entry(who.to_string()).or_default();
                    *balance += amount;
                    *balance
                }
                None => balances.get(*who).copied().unwrap_or(0),
            };
            events.push((u128::from(free_at), format!("caller {i} ({who}) hears {balance}")));
        }
        let expected = render(&events);
        let (rendered, final_balances) = held::paused(async {
            let timeline = Timeline::start();
            let (bank, running) = spawn_bank();
            let start = Instant::now();
            let mut callers = Vec::new();
            let calling = async {
                for (i, (at, who, deposit)) in requests.iter().copied().enumerate() {
                    tokio::time::sleep_until(start + Duration::from_millis(at)).await;
                    let (bank, timeline) = (bank.clone(), timeline.clone());
                    callers.push(tokio::spawn(async move {
                        let balance = match deposit {
                            Some(amount) => bank.deposit(who, amount).await,
                            None => bank.balance(who).await,
                        };
                        timeline.record(format!("caller {i} ({who}) hears {balance}"));
                    }));
                }
                for caller in callers {
                    caller.await.expect("a caller does not panic");
                }
            };
            within_seen(LIMIT, "a caller never got its reply", &timeline, calling).await;
            drop(bank);
            let balances = within_seen(LIMIT, "the bank's task never ended after every Bank handle was dropped", &timeline,
                running,
            )
            .await
            .expect("the bank does not panic");
            (timeline.render(), balances)
        });
        prop_assert!(
            rendered == expected,
            "callers {requests:?} (ms, whose, Some(deposit) or None for a balance): one \
             request at a time, in the order they were made, SERVE_TIME each\n{}",
            two_timelines(&expected, &rendered)
        );
        prop_assert!(
            final_balances == balances,
            "callers {requests:?} (ms, whose, Some(deposit) or None for a balance)\n  \
             expected balances at the end: {balances:?}\n  yours: {final_balances:?}\nonly \
             accounts that got a deposit have a balance: asking for one must not add it"
        );
    }
}
