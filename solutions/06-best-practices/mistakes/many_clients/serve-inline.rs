//! Mistake: An async server serves each client with an await, and the runtime overlaps them.
//! Expect: serve each connection on a task of its own
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
        handle(connection).await?;
    }
}
