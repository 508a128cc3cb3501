//! The Hades round constants of Starknet's Poseidon (3-felt state, 4 full, 83 partial and 4
//! full rounds), in raw Montgomery form (`starknet_types_core::felt::Felt::to_raw` layout).
//!
//! Generated from the definition in cairo-lang's `poseidon_utils.py`: constant `k` is
//! `int.from_bytes(sha256(f"Hades{k}".encode()).digest(), "big") % p`, round `r` adding
//! constants `3r, 3r + 1, 3r + 2` before the S-box and the MDS matrix `M`
//! `[[3, 1, 1], [1, -1, 1], [1, 1, -2]]`.
//!
//! The partial rounds are compressed: a partial round's constants for the two elements that
//! skip the S-box only pass through `M`, so they are carried forward (`M (a, b, 0)` added to the
//! next round's constants) and a partial round adds a single constant; the carry out of the
//! last partial round is folded into the first of the last full rounds. The generator:
//!
//! ```text
//! from hashlib import sha256
//! p = 2**251 + 17 * 2**192 + 1
//! ark = [[int.from_bytes(sha256(f"Hades{3 * r + j}".encode()).digest(), "big") % p
//!         for j in range(3)] for r in range(91)]
//! mix = lambda a, b, c: [3 * a + b + c, a - b + c, a + b - 2 * c]
//! partial, carry = [], [0, 0, 0]
//! for r in range(4, 87):
//!     c = [x + y for x, y in zip(ark[r], carry)]
//!     partial.append(c[2] % p)
//!     carry = mix(c[0], c[1], 0)
//! last = ark[87:]; last[0] = [(x + y) % p for x, y in zip(last[0], carry)]
//! # then each constant x is printed as x * 2**256 % p in 64-bit limbs, most significant first
//! ```

/// The constants of the first four (full) rounds.
pub(super) const FIRST_FULL: [[[u64; 4]; 3]; 4] = [
    [
        [0x04056cdd9992bdde, 0x62818313eae79571, 0xfb041a7cb2aca4da, 0x8048052ec221e1ea],
        [0x0484554f61e49665, 0xae733d752c202185, 0x9695782cbd677783, 0x6cfd5c8f3580f047],
        [0x058f9a5ad4dd597e, 0x74c4ec65168c7662, 0x47faedab221ec217, 0xc90f316975532c64],
    ],
    [
        [0x01129db57f9b90bc, 0x24a83901671fa00c, 0xf6f7bde00871aba2, 0x2d864df13e94add8],
        [0x0761fbc4956d2685, 0x0cba313bbb561f5f, 0x4e07677f574e6fe4, 0x70811a0d389765f0],
        [0x041bb66b183c3005, 0xa033b0a872f61412, 0xb5db4cf52a39d49b, 0x0842907fc24956c4],
    ],
    [
        [0x0641854fe32a523a, 0xd5c49c2ce3d34869, 0x2e99c7e0a46caf1c, 0x6c7a80c6fc38a8d1],
        [0x0359578f7bb96ac7, 0x82d487d18cee4904, 0x5530a38e869b7372, 0x08d65da24e999d8d],
        [0x07090d9a992eabd0, 0x810aa762455d3878, 0x45efb05959eab7ce, 0xeff8b9519fd5c09b],
    ],
    [
        [0x031182ed969f2a10, 0xc80bd628752a2d39, 0x0f27dbe763eb7953, 0xa3d9d00ce2f6e2b5],
        [0x070a3cd4dccb90b7, 0xd5d6cc556ec2f150, 0x243da31ec1d31ad9, 0xbfec01388817d47e],
        [0x000f168c7fb74019, 0x8f864b0632224ec1, 0x72415ee326860729, 0xb590ba90cdb0eff3],
    ],
];

/// The constant of each partial round (added to the last state element).
pub(super) const PARTIAL: [[u64; 4]; 83] = [
    [0x05618630211d023b, 0x5918e10c4ecc005c, 0x24aaf064d3ca097f, 0xc3f7a99f4963dd53],
    [0x04fe4f78f754009d, 0x6f5159ba2c533f13, 0xb3600295ad4c1077, 0x3f3f8bdcfa6f4ff7],
    [0x02f4ed1c5a497fd5, 0xc575b3322087f6f6, 0x8c2f718790984b97, 0x1a3b3c260b6189b1],
    [0x02b102483937ca0c, 0xebf18a6cb0e7f0d1, 0x2bec6465fa1cdf6f, 0xf5e5d94b7873a456],
    [0x0573b104a51da766, 0xa70851d2e042a14b, 0x6f9e0b729062118a, 0x002a847038846315],
    [0x022b270b9f4dceb4, 0x9a29671b814b7583, 0x1a3fd0964c407f5b, 0xcc0b0beb37dbee59],
    [0x07ab70c8c2efd626, 0xfa2aa2f1b1ff9798, 0xb04d5e5957fb48f1, 0x1b0154efa8f8f32c],
    [0x03dfa5d6064e8c82, 0xd891694f79eec716, 0x656365000d1d5651, 0xd98ecc46bc4ee4e5],
    [0x02e803a70c034558, 0x5d952e4553756e8c, 0x5e77061045afd62b, 0x5f75099547958b57],
    [0x016d921339e2bd21, 0x67d28a4d65fa5cb3, 0x03e521a8489856a7, 0xc88f62b13755d070],
    [0x04871c51cda48996, 0xd68fc87c1013066c, 0x8b79d6fa39d76720, 0x8c27794f7b3ad07e],
    [0x036caa36c54fe095, 0x2610f853acc2bd36, 0xfc6e196ec4046216, 0xa929c02fb0510364],
    [0x072e03546b02b35d, 0x397dfbf44c0b3df7, 0x39442f5c326cd8d9, 0xedc0ae8a42be84b5],
    [0x055fd8f05240e5b1, 0x42d578e2163ae3f5, 0x77f1c6df9e73792e, 0x815c1fb36d1ab29a],
    [0x0545c177682c352a, 0xcef2120eedac1f00, 0x026637fee001bd6c, 0x8914af8468c08a72],
    [0x06fe18c127ed18da, 0xad27305457773a38, 0x2b318b38e5cb91e4, 0x48e977f197c6cef6],
    [0x050368f4bec5f422, 0x3a44c6b1eb762b41, 0x76958fc7d3dda149, 0x59a5f0a42fcbfd23],
    [0x07e5d4dc8c1009af, 0x0ff86251ddc2eebd, 0x9a8e69d85cbf72ce, 0xd542cf17048099e3],
    [0x07352c9255a335ea, 0xc54428e1a22f2820, 0xccee476b590d6fc8, 0x0d07e68f8b5f8cbb],
    [0x010fe99105327e5e, 0xcf92b8b89f202cd4, 0xd5ed56b3ac15e0c0, 0x7687e8af6d4f12e8],
    [0x0575d17f97cd226c, 0x578e5bfb5b0860d5, 0x5a5ceeaf9264b02b, 0x2237f87a00505140],
    [0x03ff94d08928c852, 0x4ae3e358d1fecd5a, 0x71b2d06dd90c95da, 0x0d0e77e2522f3fe4],
    [0x0540df565717fd0f, 0x6f4f4e485531b2ff, 0xc80a05f633662d5d, 0xf9fe6442a130db3f],
    [0x046261308cec3607, 0xe15db882c61acc07, 0xbbd38ee5acf05d01, 0x9704c602491ec3c3],
    [0x05a77a7acd573b0d, 0x23cdced0539c1003, 0x94a81e5e72a2e169, 0xa3d0c5c613cf2a8b],
    [0x0736ce300bcd559a, 0x21e0c09f9a4b5ee7, 0xac0c59e05a22028c, 0x31f2a9197dfac868],
    [0x041f3f9c00755ef6, 0x8435081cfda81c37, 0x1f4c7bc656963570, 0x0f922d1b2098f31f],
    [0x01d3492afd26c2ea, 0xd877f1d01221219f, 0x08484be2d0b4ce55, 0x1baac7679d8bb933],
    [0x031c05e7a03423bb, 0xdfddeec215fba9fe, 0x3aa63dc383550369, 0x40e0682f63721a06],
    [0x010b4d7dce3fc320, 0x52633e1fae006f90, 0x22555c9521055a3b, 0x9ba39e0979c70eee],
    [0x02b1ff48ff3a983d, 0x949cad2735ea4aa1, 0x80f682ba5d6ba51d, 0x16fc7338e3ed0a89],
    [0x00eff52837173b03, 0x166aedbcedc1378f, 0x7832e44d49b54f6d, 0x7b8f4444ac42d49e],
    [0x068254962f03a90d, 0x236b949a3af93346, 0x299dd5e5665a3a5d, 0xd5c7edd6f77e9dd3],
    [0x064ba4548d40627e, 0x5dd52333b9f9bddd, 0x6a24a9fe82224ce4, 0xb1f5b87186a4e117],
    [0x023e88c34e627eca, 0xa2e8f6a61d52c647, 0x950de1ee0a0cb4b6, 0x83ab3240bd268e1d],
    [0x03db97be1706d2e4, 0x8b651fed3c9ab664, 0x8b6e79a0a857ed0f, 0xbd73e0d44a924a7b],
    [0x03a74a435a8b57b9, 0x65614842cb7daa8b, 0x7a7618f277c721fe, 0x76ba0d2439dae969],
    [0x010196148098b6d2, 0xeeef5770bf204a08, 0x6fa8d513b2ae77a0, 0x70f94f2d218efc82],
    [0x073bf338bb81d705, 0x49d2925b285ad7b0, 0x028dd98be4443aa6, 0x2136a7019e7b2a0d],
    [0x02a2e236a024e594, 0x0585a32037e9fe6f, 0xeb7b7c5e04a18b06, 0x06082c932ff35aa2],
    [0x06b911d587251abb, 0x1a8af5d2f2ab944b, 0x64566051a2706872, 0xd2d5f86d71b601d2],
    [0x01d3bf2bb0d02f01, 0x8f1c043d5e9a42a8, 0x4a3d27245f8cbd80, 0x2f3d9e0db342de50],
    [0x03f60e3ff0609784, 0x8f3bd6e6a6a6a542, 0x9f5ba5fbdae5765c, 0xe04971518234055b],
    [0x0710fdd7830d3615, 0x3d4dabb9ee5148af, 0xdd2098b9a3dba055, 0x6bd2ab37d5410907],
    [0x02289e8b7450de42, 0x47482c2211bbbde4, 0xc715c78d3d91db2f, 0x420629d7a686fa7f],
    [0x05e509e8e92777d9, 0x31feca1a95c2d542, 0xd709fb1903f8b6ec, 0xeb49311881a0347c],
    [0x0421f78441fe8eda, 0x9c1e4cecc37d2e46, 0x7978b841b06708ea, 0x0adc4f6537acbb97],
    [0x0393bb435867c46f, 0x7dd56f8ef4cd06fe, 0x086f8af0fb772456, 0x7bcca4976cc70956],
    [0x038bbf0f8e9b906c, 0x95fffa597faf9c68, 0x084f987d9c77b7a1, 0xb19b0363b7bdc457],
    [0x04af09f4a832c31f, 0xa134cb922abca96c, 0xc83763d034cfc5e3, 0xfec33f1ca87cf283],
    [0x0667bc243ba7c6bc, 0xbe419946a02dea52, 0x3e0f559cefd3531b, 0x98c0482da6a38413],
    [0x035a3cf180330d96, 0xdecfb757f4e10109, 0x6495d99ac9ed8636, 0x369d86db32e6850f],
    [0x0049fdd9c17b6a7e, 0x67b6c06b9dac59ab, 0x7758feaa8156b124, 0xa91d1277d465a604],
    [0x0483a49539c2a24e, 0xab3e7fe1697164d3, 0x9d514af0992dbde9, 0x7e7bf33462bb132f],
    [0x0746adf54be2da54, 0x504e6c5bd03bcef1, 0xbb7d328c03c2af10, 0x6dd2711124987ec7],
    [0x01465ca93908be98, 0x12a4379665d160e4, 0x0912bc34ce466794, 0x9f7329713d92e8c5],
    [0x021e57adeb8c6f60, 0x24429e628348771b, 0x54e41f39761a5285, 0x759e0bd84fcfa7b9],
    [0x06dd43fe8af5c19a, 0x0bd64ce2f11aa03e, 0x11119d1af94caa52, 0x8e99251e4137cca5],
    [0x0057973b9cedbabb, 0xe195a0c70c7f7410, 0xce9f1e0922755c7e, 0x065d75a6fe73ce6e],
    [0x079b69a67c225dd3, 0x6c956874a1614b0d, 0xd932dce02323f80e, 0xa79f03293ab2b033],
    [0x078d9e55d54b3073, 0xf386e34fbeea7914, 0xdc3bd5abff26de8c, 0x633c0f823a084f80],
    [0x0188839e5b6dc188, 0x0b8912e4cf143ca6, 0x7376f04bdd06fed3, 0x7a7a1df5f97a1d22],
    [0x06d508aa1058d797, 0x1f5418166911f3c0, 0x25e399dc8b310bd6, 0xe185d52f6adffdf2],
    [0x04fa96ca754a1edb, 0x0abf833b6fce0a71, 0x0b80c537cedcb594, 0xc457af17dc8cc308],
    [0x070272a2e75b713f, 0xa08fe9068c7769e1, 0xe29349a743f1cad4, 0x204d2794c2d8dde4],
    [0x00d105fe18de8d2d, 0x169fcf9186c955d2, 0x70800a42a1891181, 0x87ce8b43f4582062],
    [0x01a714a1ca2b2d75, 0x6fca3c35a29b905a, 0x2ca095d35c64b621, 0x2da80a42e081ff52],
    [0x0370df83b490ff37, 0xd66cd1b905c39119, 0xe333e9a760ac3ade, 0x4c1854b5f01173c5],
    [0x0049dea8bab9195f, 0x4894ba047d5bb050, 0xc15e27d396bad8d5, 0x3ccfb4d04a24b8e5],
    [0x06246502d2c27a0e, 0xb9f8f890f35efbf6, 0xe80fc62852a0db13, 0x79f96fa09475764b],
    [0x0414483e94c0abb2, 0x4a56ddc50d9f59f7, 0x040d86c09230de37, 0xc2ef8036a99d8ee9],
    [0x04d6b05f57e21999, 0x5169a9365f0fcc63, 0x4fe14c9f4d26b29c, 0x0546c27fdf77e525],
    [0x01940239e00d9e65, 0x6c25f5057785158c, 0x52da1eb5d16f5717, 0x7ec47f0eb22fcfb9],
    [0x00ac779f66bc4dbc, 0x9cf58ab6a733479f, 0x420b5c096f6f5823, 0x2890ff620ba817b5],
    [0x03ffa11ab1599c68, 0xcc95c97989709cc1, 0x77b740b28f25290e, 0x8fb95c02953f4644],
    [0x0581ed3c3119612f, 0x7a2f486a9f1d2aee, 0xddfadd140ec3452d, 0xd1689d0299732997],
    [0x056562f70a0a6270, 0x97c986798427e4c8, 0x4600d726cacaf451, 0x19122a58abda1a1d],
    [0x00800267ed8eadae, 0x90285959f7e749e1, 0x9f86873e8344fab6, 0x02b62ea4b0b8f95b],
    [0x04c0746af0534173, 0x89d37ec228f3ea03, 0xd4d486712e760bf2, 0x56c604cced331123],
    [0x01be3855bfc56b2f, 0x9e9b58e775580348, 0x57ed9045e3baf57f, 0x7ac1d5550495fccb],
    [0x04775e6ee5000fa2, 0xd78b0669a0209b44, 0x52a9f05d3be0e7dd, 0xd995695c229a6b62],
    [0x05f786c653d99146, 0xea1d3c2aa9a6faca, 0xfda40529389cc355, 0xb0e7918e65c5cb4e],
    [0x07779dbda979f8e0, 0x2bbf86b4f3547b53, 0xafb126d19253071e, 0x7a61ae13988e4174],
];

/// The constants of the last four (full) rounds, the first with the partial rounds' carry.
pub(super) const LAST_FULL: [[[u64; 4]; 3]; 4] = [
    [
        [0x06a426428fcac9e9, 0xf4963227a2cb2d8b, 0x60a41b6ec8c0045b, 0x61dd1446bc66af6a],
        [0x0266f5d839092493, 0x388a77d985153736, 0xd444622e2702657d, 0xb1638f6edfba1982],
        [0x0741f03eeb23f29f, 0x778d6620fff93969, 0x1e8346bc6967e11c, 0x186af6557935089b],
    ],
    [
        [0x027b1ea6b8b83610, 0x77deb15c59a84bd2, 0xeded06fed3471fc7, 0xdaa3ddf989058331],
        [0x0472ba38a97b2712, 0x4e4f98d22eb06627, 0xa6bd77fe6b9a42c4, 0x042627c6b6dd996f],
        [0x05dfc99aaf340321, 0x2ea1f8c1fda48306, 0x5a9babc31ebf1b34, 0x1e005a6ca68264ad],
    ],
    [
        [0x07beca41e700759e, 0x42ced671cc8c38e7, 0x9685d00729cf4c56, 0xf8b92ee1586c9aa6],
        [0x00c38eee2cdf74aa, 0x6ee7f8ea9ab3d3a5, 0x480b232c14b8d66d, 0xc696b2e44d60538d],
        [0x07e6e95fbaf231b1, 0xc9e5021d11584b4b, 0x3943a84d86f651ab, 0x3e1d71e9d88f31d1],
    ],
    [
        [0x05773d17f4bc6c42, 0x0a2e7aaba92c7ed4, 0xbe9c72dbab099c46, 0xedd376e73ea03960],
        [0x053248ca543c09f6, 0xb6f131ee19f621ac, 0x7ea5783359e286da, 0xfcad3a8573be7a1c],
        [0x0240d06a102ca120, 0x164a89c941b7ca92, 0x1edf0a72a5d60bcd, 0xa2b8164799455fbf],
    ],
];
