//! Tests of the in-place update.
