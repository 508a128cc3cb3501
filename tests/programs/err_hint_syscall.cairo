// error: a deprecated Starknet syscall hint outside Starknet (no `syscall_handler`). cairo-run
// fails with a NameError; cairo-jit says in the same line that a Starknet environment is needed
// (tests/hints.rs compares the rest of the report with cairo-run's).
from starkware.cairo.common.alloc import alloc

func main() {
    alloc_locals;
    let (local syscall_ptr: felt*) = alloc();
    %{ syscall_handler.storage_read(segments=segments, syscall_ptr=ids.syscall_ptr) %}
    return ();
}
