// Proof mode (all_solidity, test hints): ECDSA signatures in the AIR private input (r and
// w = s^-1), with pedersen and range_check beside them.
%builtins output pedersen range_check ecdsa

from starkware.cairo.common.cairo_builtins import HashBuiltin, SignatureBuiltin
from starkware.cairo.common.hash import hash2
from starkware.cairo.common.signature import verify_ecdsa_signature
from starkware.cairo.common.serialize import serialize_word

func main{output_ptr: felt*, pedersen_ptr: HashBuiltin*, range_check_ptr, ecdsa_ptr: SignatureBuiltin*}() {
    verify_ecdsa_signature(
        message=0x2,
        public_key=0x2abbefdcbf731195ee2acd186441eb536e86f888327b3655cffbd07b57dbf26,
        signature_r=0x1de8e4cc68f49f2c3a05796b1ff9d135ac80549e3d414ab192f42f7f9fe12c7,
        signature_s=0x33bfc90f92c3c92f4f053517b70dcb8907b8fe4bc6019d3b841ecaff08ba041,
    );
    let (h) = hash2{hash_ptr=pedersen_ptr}(5, 6);
    serialize_word(h);
    return ();
}
