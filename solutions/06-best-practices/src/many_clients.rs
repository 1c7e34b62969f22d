//! Exercise 6.8, solved: a task per connection, all on the runtime's thread.

use std::future::Future;
use std::io;

use tokio::net::{TcpListener, TcpStream};

/// Accepts connections for ever, each served by `handle` on a task of its
/// own. Returns only if accepting fails.
pub async fn serve<H, F>(listener: TcpListener, handle: H) -> io::Result<()>
where
    H: Fn(TcpStream) -> F,
    F: Future<Output = io::Result<()>> + Send + 'static,
{
    loop {
        let (connection, _) = listener.accept().await?;
        let served = handle(connection);
        // Spawned, not awaited: the loop is back at `accept` at once, and
        // a client that stalls holds up only its own task.
        tokio::spawn(async move {
            // One client's failure is that client's: the server goes on.
            let _ = served.await;
        });
    }
}
