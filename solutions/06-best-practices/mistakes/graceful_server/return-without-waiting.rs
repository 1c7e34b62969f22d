//! Mistake: Once the signal has come, the server is done; the connections' tasks finish by themselves.
//! Expect: wait for the connections' tasks
//! Exercise 6.9, solved: stop accepting, tell the connections, wait for them.

use std::future::Future;
use std::io;

use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;

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
        tokio::spawn(async move {
            let _ = handled.await;
        });
    }
    drop(listener);
    Ok(served)
}
