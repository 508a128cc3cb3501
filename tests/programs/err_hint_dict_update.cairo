// error: dict_update with a wrong prev_value (the hint's assert, line 4 of the hint).
from starkware.cairo.common.default_dict import default_dict_new
from starkware.cairo.common.dict import dict_update, dict_write

func main() {
    let (d) = default_dict_new(default_value=0);
    let dict_ptr = d;
    with dict_ptr {
        dict_write(key=1, new_value=10);
        dict_update(key=1, prev_value=11, new_value=12);
    }
    return ();
}
