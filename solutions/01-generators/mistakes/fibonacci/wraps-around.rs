//! Mistake: When the sum overflows, wrapping around is fine: the sequence is endless anyway.
//! Expect: the sequence must end after F(93)
//! Exercise 1.4, solved: the Fibonacci numbers that fit in a `u64`.

/// The Fibonacci numbers that fit in a `u64`, from 0.
#[derive(Debug, Clone)]
pub struct Fibonacci {
    /// The value to yield next, or `None` once the sequence has ended.
    a: Option<u64>,
    /// The one after it, or `None` if it would overflow.
    b: Option<u64>,
}

/// Starts the sequence at F(0) = 0.
pub fn fibonacci() -> Fibonacci {
    Fibonacci {
        a: Some(0),
        b: Some(1),
    }
}

impl Iterator for Fibonacci {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        let a = self.a?;
        let after_b = self.b.map(|b| b.wrapping_add(a));
        (self.a, self.b) = (self.b, after_b);
        Some(a)
    }
}
