//! Starknet syscalls and cheatcodes: served by a [`SyscallHandler`] the caller provides.
//!
//! A Cairo 1 program that takes a `System` argument gets a fresh segment as its syscall
//! pointer; each syscall writes a request there (`selector, gas, args...`) and runs the
//! `SystemCall` hint, which must write the response right after the request. Without a
//! handler the hint fails, naming the syscall (the selector as a short string) and the pc.

use crate::vm::{Relocatable, Vm};
use starknet_types_core::felt::Felt;

/// Serves Starknet syscalls (and cheatcodes) for a run.
pub trait SyscallHandler: Send {
    /// Serves the syscall whose request starts at `syscall_ptr` (its selector, the remaining
    /// gas, then the syscall's arguments), writing the response after the request.
    fn syscall(&mut self, vm: &mut Vm, syscall_ptr: Relocatable) -> Result<(), String>;

    /// Serves a cheatcode: reads its input from `input` (a range of felts) and returns the
    /// values to write as its output (default: not supported).
    fn cheatcode(&mut self, vm: &mut Vm, selector: &Felt, input: Vec<Felt>) -> Result<Vec<Felt>, String> {
        let _ = (vm, input);
        Err(format!("cheatcode {} is not supported", short_string(selector)))
    }
}

/// `selector` as Cairo short string (`'StorageRead'`) when it is printable ASCII, else its
/// decimal value.
pub fn short_string(selector: &Felt) -> String {
    let bytes = selector.to_bytes_be();
    let s: Vec<u8> = bytes.iter().copied().skip_while(|b| *b == 0).collect();
    if !s.is_empty() && s.iter().all(|b| b.is_ascii_graphic() || *b == b' ') {
        format!("'{}'", String::from_utf8_lossy(&s))
    } else {
        selector.to_string()
    }
}
