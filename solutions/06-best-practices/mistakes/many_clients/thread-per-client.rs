//! Mistake: Each client needs a thread of its own so that a slow one cannot hold up the rest, and spawn_blocking gives one.
//! Expect: served on
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
        let runtime = tokio::runtime::Handle::current();
        tokio::task::spawn_blocking(move || {
            let _ = runtime.block_on(served);
        });
    }
}
