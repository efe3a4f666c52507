//! Byte offsets ↔ (line, UTF-16 column): the only place that counts UTF-16.
