//! HTTP-level tests against a spawned app (port 0, fresh SQLite file). One binary, one module per
//! capability.
#![cfg(feature = "ssr")]

mod accounts;
mod alterations;
mod authorization;
mod automation;
mod backup;
mod campaigns;
mod catering;
mod closures;
mod counter;
mod deploy;
mod disk;
mod figures;
mod forms;
mod foundation;
mod helpers;
mod hostile;
mod inbox;
mod lunch;
mod made_to_order;
mod organisations;
mod pathway;
mod planning;
mod privacy;
mod quotes;
mod retention;
mod rights;
mod second_factor;
