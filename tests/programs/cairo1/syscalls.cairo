// Starknet syscalls from a plain program: served by a SyscallHandler given to the run.
use core::starknet::SyscallResultTrait;
use core::starknet::storage_access::{storage_address_from_base, storage_base_address_from_felt252};
use core::starknet::syscalls::{storage_read_syscall, storage_write_syscall};

fn main() -> felt252 {
    let addr = storage_address_from_base(storage_base_address_from_felt252(7));
    storage_write_syscall(0, addr, 42).unwrap_syscall();
    storage_read_syscall(0, addr).unwrap_syscall() + 1
}
