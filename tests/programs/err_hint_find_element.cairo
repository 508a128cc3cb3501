// error: find_element on a missing key (ValueError raised on line 29 of the hint).
%builtins range_check

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.find_element import find_element

func main{range_check_ptr}() {
    alloc_locals;
    let (local arr: felt*) = alloc();
    assert arr[0] = 1;
    assert arr[1] = 2;
    let (p) = find_element(array_ptr=arr, elm_size=1, n_elms=2, key=3);
    return ();
}
