//! The server: configuration, start-up, and the administrative commands of the `scrutiny` binary.
pub mod accounts;
pub mod demo;
pub mod demo_progress;
pub mod jobs;
pub mod logging;
pub mod settings;
pub mod startup;
