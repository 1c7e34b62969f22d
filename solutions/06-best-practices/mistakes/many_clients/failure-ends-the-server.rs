//! Mistake: The server keeps its connections' tasks in a JoinSet and passes their errors on with ?.
//! Expect: stopped serving after one connection's handler failed
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
    let mut connections = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (connection, _) = accepted?;
                connections.spawn(handle(connection));
            }
            Some(finished) = connections.join_next() => {
                finished.expect("a handler does not panic")?;
            }
        }
    }
}
