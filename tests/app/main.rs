//! HTTP-level tests against a spawned app (port 0, fresh SQLite file). One binary, one module per
//! capability.
#![cfg(feature = "ssr")]

mod accounts;
mod alterations;
mod authorization;
mod automation;
mod campaigns;
mod disk;
mod foundation;
mod helpers;
mod hostile;
mod lunch;
mod planning;
mod privacy;
mod second_factor;
