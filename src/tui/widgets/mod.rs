//! Widgets: one file each. They draw from borrowed state and never change it.

pub mod choices;
pub mod dialog;
pub mod field;
pub mod footer;
pub mod matrix;
pub mod question;
pub mod roster;
pub mod sections;
pub mod table;
