//! Black-box tests of the API: one binary, one module per resource.
mod helpers;

mod auth;
mod errors;
mod health;
