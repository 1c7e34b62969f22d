//! # Exercise 4.16 — a task that owns its state, and answers requests
//!
//! Instead of sharing a value behind a lock, give it to one task, and let the
//! others ask that task for what they need. In Python the requests come
//! through an `asyncio.Queue`, each with a `Future` for its answer:
//!
//! ```python
//! async def bank(requests: asyncio.Queue):
//!     balances = {}
//!     while (request := await requests.get()) is not None:
//!         kind, who, amount, reply = request
//!         await asyncio.sleep(SERVE_TIME)           # the ledger is slow
//!         if kind == "deposit":
//!             balances[who] = balances.get(who, 0) + amount
//!         if not reply.cancelled():                 # the caller may have given up
//!             reply.set_result(balances.get(who, 0))
//!     return balances
//!
//! async def deposit(requests, who, amount):
//!     reply = asyncio.get_running_loop().create_future()
//!     await requests.put(("deposit", who, amount, reply))
//!     return await reply
//! ```
//!
//! In tokio the queue is an `mpsc` channel and the future a `oneshot`
//! channel: the caller keeps its `Receiver` and sends the `Sender` along with
//! the request; the bank answers through it. Only the bank's task touches the
//! balances, so they need no lock, and requests are served one at a time, in
//! the order they arrive. The bank stops when `recv` returns `None`: every
//! `Sender` of the channel, that is every `Bank` handle, has been dropped.
//!
//! **Task:** `spawn_bank` starts the bank's task and returns a handle on it;
//! `Bank::deposit` and `Bank::balance` send a request with a `oneshot` for
//! the reply, and await the reply.
//!
//! Read: `book/src/04-sharing-between-tasks.md`, "A task that owns its state".

use std::collections::HashMap;

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio::time::Duration;

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
    /// Reply with `who`'s balance (0 for an account never seen, which the
    /// question does not open: only a deposit does).
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

/// Starts the bank's task, the only owner of the balances. It serves one
/// request at a time, in the order they arrive, taking `SERVE_TIME` for
/// each; it ends when every `Bank` handle has been dropped, and returns the
/// balances (of the accounts that got a deposit).
pub fn spawn_bank() -> (Bank, JoinHandle<HashMap<String, u64>>) {
    todo!("mpsc::channel(CAPACITY); spawn a loop that receives requests until None")
}

impl Bank {
    /// Deposits `amount` for `who`; the new balance.
    pub async fn deposit(&self, who: &str, amount: u64) -> u64 {
        todo!("a oneshot channel: send the request with its Sender, await its Receiver")
    }

    /// `who`'s balance.
    pub async fn balance(&self, who: &str) -> u64 {
        todo!("the same, with Request::Balance")
    }
}
