//! The server: configuration, start-up, and the administrative commands of the `scrutiny` binary.
pub mod accounts;
pub mod demo;
pub mod logging;
pub mod settings;
pub mod startup;
