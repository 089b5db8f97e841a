//! WebAssembly glue over mockgate-gateway.
