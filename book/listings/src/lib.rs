//! The book's code, tested.
//!
//! - `examples/` holds one program per snippet of the post; each prints what
//!   the Python prints, and `output/<name>.txt` holds that output, checked by
//!   the workspace tests and included by the chapters.
//! - Each chapter of `book/src/` is the documentation of a module below, so
//!   every Rust block in the book is a doctest (see `build.rs`).

include!(concat!(env!("OUT_DIR"), "/chapters.rs"));
