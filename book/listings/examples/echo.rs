//! The post's `echo` generator, which receives values through `send`, as a
//! struct with a `send` method.
//!
//! ```python
//! def echo():
//!     while True:
//!         value = yield
//!         print(value)
//!
//! gen = echo()
//! next(gen)  # Initialize the generator
//! gen.send('Hello!')  # Output: Hello!
//! gen.send('World!')  # Output: World!
//! ```
//!
//! Run it with `cargo run -q -p listings --example echo`.

/// The coroutine's state between two `send`s. `echo` keeps none: the Python
/// loop's only variable, `value`, lives for one trip around it.
struct Echo;

/// Calling the "generator function": it is ready at once, with no priming
/// `next` to forget.
fn echo() -> Echo {
    Echo
}

impl Echo {
    /// One trip around the Python loop: receive a value, print it.
    fn send(&mut self, value: &str) {
        println!("{value}");
    }
}

fn main() {
    let mut coroutine = echo();
    coroutine.send("Hello!");
    coroutine.send("World!");
}
