// output: pages and attributes added by (custom) hints, checked in the AIR public input and
// the Cairo PIE.
%builtins output

from starkware.cairo.common.serialize import serialize_word

func main{output_ptr: felt*}() {
    serialize_word(1);
    serialize_word(2);
    %{ output_builtin.add_page(page_id=1, page_start=ids.output_ptr, page_size=3) %}
    serialize_word(3);
    serialize_word(4);
    serialize_word(5);
    %{ output_builtin.add_attribute('gps_fact_topology', [2, 1, 0, 2]) %}
    return ();
}
