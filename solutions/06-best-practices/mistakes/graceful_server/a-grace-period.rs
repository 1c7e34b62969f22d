//! Mistake: A graceful stop gives the open connections a grace period (a second is plenty), then returns.
//! Expect: however long that takes
//! Exercise 6.9, solved: stop accepting, tell the connections, wait for them.

use std::future::Future;
use std::io;

use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// Serves connections until `shutdown` is cancelled, then lets the open
/// ones finish; the number of connections served.
pub async fn serve_until<H, F>(
    listener: TcpListener,
    handle: H,
    shutdown: CancellationToken,
) -> io::Result<usize>
where
    H: Fn(TcpStream, CancellationToken) -> F,
    F: Future<Output = io::Result<()>> + Send + 'static,
{
    // A tracker, not a Vec of JoinHandles: it forgets each task as it ends,
    // so a server that runs for months does not pile them up.
    let connections = TaskTracker::new();
    let mut served = 0;
    loop {
        // accept() alone would wait for the next client, however long after
        // the signal: race the two.
        let (connection, _) = tokio::select! {
            () = shutdown.cancelled() => break,
            accepted = listener.accept() => accepted?,
        };
        served += 1;
        // Each handler holds a clone: it sees the signal too, and closes
        // its connection once the request in hand is answered.
        let handled = handle(connection, shutdown.clone());
        connections.spawn(async move {
            let _ = handled.await;
        });
    }
    // Close the port before waiting: whoever connects now is refused at
    // once rather than left in the queue of a server that will not answer.
    drop(listener);
    connections.close();
    let _ = tokio::time::timeout(std::time::Duration::from_secs(1), connections.wait()).await;
    Ok(served)
}
