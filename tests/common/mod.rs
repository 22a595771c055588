//! Helpers shared by the integration tests, used with `mod common;`.

// Each test binary compiles this whole module but uses a different subset of it.
#![allow(dead_code)]

pub mod journey;
pub mod pty;
pub mod store;
pub mod tui;

/// The institution whose submission the tests create through the new-submission form.
pub const INSTITUTION: &str = "Valsts ieņēmumu dienests";
