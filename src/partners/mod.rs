//! Partner organisations (La Redoute, the Lycée Hôtelier…): requests and campaigns name one so
//! staff can group them. Shared by the conciergerie and the slot campaigns.

#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    pub id: i64,
    pub name: String,
    pub active: bool,
}
