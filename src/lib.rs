//! anketa: offline, keyboard-first self-assessment questionnaires.
//!
//! The pure core — [`questionnaire`] (definitions), [`expr`] (the filter and check language),
//! [`response`] (answers as data), [`rules`] (visibility, required answers, checks),
//! [`review`] (what returning and accepting a submission need) and [`plausibility`]
//! (reviewers' comparisons with the cohort) — does no I/O beyond reading a definition's bytes
//! handed to it. The command-line shell is [`cli`].

pub mod cli;
pub mod dataset;
pub mod demo;
pub mod diag;
pub mod exchange;
pub mod expr;
pub mod files;
pub mod handout;
pub mod i18n;
pub mod ids;
pub mod inbox;
pub mod plausibility;
pub mod questionnaire;
pub mod report;
pub mod response;
pub mod results;
pub mod review;
pub mod rules;
pub mod sample;
pub mod scoring;
pub mod store;
pub mod tables;
pub mod tui;
