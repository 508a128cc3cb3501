// signature.cairo hint: verify_ecdsa_signature registers each signature with the ECDSA builtin
// (ecdsa_builtin.add_signature), whose validation rule then checks it; the message is a
// Pedersen hash.
%builtins output pedersen ecdsa

from starkware.cairo.common.cairo_builtins import HashBuiltin, SignatureBuiltin
from starkware.cairo.common.hash import hash2
from starkware.cairo.common.serialize import serialize_word
from starkware.cairo.common.signature import verify_ecdsa_signature

func main{output_ptr: felt*, pedersen_ptr: HashBuiltin*, ecdsa_ptr: SignatureBuiltin*}() {
    let (msg) = hash2{hash_ptr=pedersen_ptr}(11, 22);
    serialize_word(msg);
    verify_ecdsa_signature(
        message=msg,
        public_key=0x2abbefdcbf731195ee2acd186441eb536e86f888327b3655cffbd07b57dbf26,
        signature_r=0x7d4f6bab22d4af6b34f2b95c7d3757300817ed47d4b9840aaf9d794caeda5ef,
        signature_s=0xc87332d337685ce4588ed91f906193d434ecc415cba95771c2649685e751e7,
    );
    verify_ecdsa_signature(
        message=5,
        public_key=0x2abbefdcbf731195ee2acd186441eb536e86f888327b3655cffbd07b57dbf26,
        signature_r=0x5c248bd6ec0bd482c3cd6bb86c688f0f5498302856da447306b82d007026fe1,
        signature_s=0x34c32126cfccf38ca54a9c6f113936e2fd76eb9f2b0d0610cc83fee0d267609,
    );
    return ();
}
