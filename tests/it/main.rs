//! The one integration-test binary (matklad's "delete cargo integration tests"): each module
//! drives the crate from the outside.

mod fixtures;
