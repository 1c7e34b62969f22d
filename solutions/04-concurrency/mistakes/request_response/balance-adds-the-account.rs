//! Mistake: A balance query can look the account up with `entry(...).or_default()`, like a deposit: an unknown account is 0 either way.
//! Expect: asking for one must not add it
//! Exercise 4.16, solved: an actor owns the balances; requests come through
//! an `mpsc` channel, each with a `oneshot` for its reply.

use std::collections::HashMap;

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio::time::{Duration, sleep};

/// How long the bank takes to serve one request, before it replies.
pub const SERVE_TIME: Duration = Duration::from_millis(10);

/// How many requests may wait in the bank's channel.
pub const CAPACITY: usize = 4;

/// What a caller asks of the bank, with where to send the reply.
#[derive(Debug)]
pub enum Request {
    /// Add `amount` to `who`'s balance; reply with the new balance.
    Deposit {
        who: String,
        amount: u64,
        reply: oneshot::Sender<u64>,
    },
    /// Reply with `who`'s balance (0 for an account never seen).
    Balance {
        who: String,
        reply: oneshot::Sender<u64>,
    },
}

/// A handle on the bank: clone it to give another task access.
#[derive(Debug, Clone)]
pub struct Bank {
    requests: mpsc::Sender<Request>,
}

/// Starts the bank's task, the only owner of the balances.
pub fn spawn_bank() -> (Bank, JoinHandle<HashMap<String, u64>>) {
    let (requests, mut incoming) = mpsc::channel(CAPACITY);
    let bank = tokio::spawn(async move {
        let mut balances: HashMap<String, u64> = HashMap::new();
        // `None` once every `Bank` (every Sender) is gone: the bank's only
        // way to learn that nobody can ask it anything any more.
        while let Some(request) = incoming.recv().await {
            sleep(SERVE_TIME).await;
            let (reply, balance) = match request {
                Request::Deposit { who, amount, reply } => {
                    let balance = balances.entry(who).or_default();
                    *balance += amount;
                    (reply, *balance)
                }
                Request::Balance { who, reply } => (reply, *balances.entry(who).or_default()),
            };
            // Err means the caller stopped waiting: its business, not a
            // reason to stop serving everyone else.
            let _ = reply.send(balance);
        }
        balances
    });
    (Bank { requests }, bank)
}

impl Bank {
    /// Deposits `amount` for `who`; the new balance.
    pub async fn deposit(&self, who: &str, amount: u64) -> u64 {
        let who = who.to_string();
        self.ask(|reply| Request::Deposit { who, amount, reply })
            .await
    }

    /// `who`'s balance.
    pub async fn balance(&self, who: &str) -> u64 {
        let who = who.to_string();
        self.ask(|reply| Request::Balance { who, reply }).await
    }

    /// Sends the request made with a fresh reply channel, and awaits the reply.
    async fn ask(&self, request: impl FnOnce(oneshot::Sender<u64>) -> Request) -> u64 {
        let (reply, answer) = oneshot::channel();
        // `send().await` waits while the channel is full: a busy bank slows
        // its callers down instead of losing their requests.
        self.requests
            .send(request(reply))
            .await
            .expect("the bank runs while a Bank handle exists");
        answer.await.expect("the bank replies to every request")
    }
}
