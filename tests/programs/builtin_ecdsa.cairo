// ecdsa: verify_ecdsa_signature (its hint registers the signature with the builtin) for two
// messages; the validation rule checks each pair.
%builtins output ecdsa

from starkware.cairo.common.cairo_builtins import SignatureBuiltin
from starkware.cairo.common.signature import verify_ecdsa_signature
from starkware.cairo.common.serialize import serialize_word

func main{output_ptr: felt*, ecdsa_ptr: SignatureBuiltin*}() {
    verify_ecdsa_signature(
        message=0x2,
        public_key=0x2abbefdcbf731195ee2acd186441eb536e86f888327b3655cffbd07b57dbf26,
        signature_r=0x1de8e4cc68f49f2c3a05796b1ff9d135ac80549e3d414ab192f42f7f9fe12c7,
        signature_s=0x33bfc90f92c3c92f4f053517b70dcb8907b8fe4bc6019d3b841ecaff08ba041,
    );
    verify_ecdsa_signature(
        message=0x3, public_key=0x2abbefdcbf731195ee2acd186441eb536e86f888327b3655cffbd07b57dbf26, signature_r=0x62b345c36173d373c4090c2c78329118f081473bae99de364140380d05ff77a, signature_s=0x28d994b02fa823c8ff43c3e43423a0b19456d208b8f4cea7d9b4bca8f5593b6
    );
    serialize_word(1);
    return ();
}
