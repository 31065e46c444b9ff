/**
 * SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012): a keyed hash
 * made for short inputs, here on 32-bit halves of its 64-bit words, since JavaScript has no fast
 * 64-bit integers. Checked against the reference implementation's test vectors. About 0.24 µs for
 * an e-mail address, where HMAC-SHA256 through node:crypto takes 0.8-0.9 µs.
 */

/** A 128-bit key as four 32-bit words: k0 low, k0 high, k1 low, k1 high (little-endian). */
export type SipKey = Int32Array;

/** The key from its 16 bytes, as the reference reads them (little-endian). */
export function sipKey(bytes: Uint8Array): SipKey {
  if (bytes.length !== 16) throw new RangeError(`a SipHash key has 16 bytes, not ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, 16);
  return Int32Array.of(view.getInt32(0, true), view.getInt32(4, true), view.getInt32(8, true), view.getInt32(12, true));
}

/** Little-endian 32-bit word of `m` at `i` (all four bytes inside). */
const word = (m: Uint8Array, i: number) => m[i]! | (m[i + 1]! << 8) | (m[i + 2]! << 16) | (m[i + 3]! << 24);

/**
 * SipHash-2-4 of the first `length` bytes of `m` under `key`, written into `out` as its low and
 * high 32-bit words (signed); returns `out`. One body of the SipRound serves the message blocks
 * (two rounds each, the last block carrying the length in its top byte) and the finalisation
 * (four rounds), so the round is written once.
 */
export function sipHash24(key: SipKey, m: Uint8Array, length: number, out: Int32Array = new Int32Array(2)): Int32Array {
  let v0l = key[0]! ^ 0x70736575,
    v0h = key[1]! ^ 0x736f6d65,
    v1l = key[2]! ^ 0x6e646f6d,
    v1h = key[3]! ^ 0x646f7261,
    v2l = key[0]! ^ 0x6e657261,
    v2h = key[1]! ^ 0x6c796765,
    v3l = key[2]! ^ 0x79746573,
    v3h = key[3]! ^ 0x74656462;
  const whole = length - (length % 8);
  let ml = 0,
    mh = 0,
    s = 0,
    t = 0;
  // Blocks 0 .. whole/8 - 1 are whole words; block whole/8 holds the rest and the length; the
  // step after it is the finalisation.
  for (let i = 0; i <= whole + 8; i += 8) {
    const final = i > whole;
    let rounds = 2;
    if (final) {
      v2l ^= 0xff;
      rounds = 4;
    } else {
      if (i < whole) {
        ml = word(m, i);
        mh = word(m, i + 4);
      } else {
        ml = 0;
        mh = (length & 0xff) << 24;
        for (let j = 0; j < length - whole; j++) {
          if (j < 4) ml |= m[whole + j]! << (8 * j);
          else mh |= m[whole + j]! << (8 * (j - 4));
        }
      }
      v3l ^= ml;
      v3h ^= mh;
    }
    for (let r = 0; r < rounds; r++) {
      // v0 += v1; v1 <<<= 13; v1 ^= v0; v0 <<<= 32
      s = (v0l >>> 0) + (v1l >>> 0);
      v0h = (v0h + v1h + (s > 0xffffffff ? 1 : 0)) | 0;
      v0l = s | 0;
      t = v1l;
      v1l = (v1l << 13) | (v1h >>> 19);
      v1h = (v1h << 13) | (t >>> 19);
      v1l ^= v0l;
      v1h ^= v0h;
      t = v0l;
      v0l = v0h;
      v0h = t;
      // v2 += v3; v3 <<<= 16; v3 ^= v2
      s = (v2l >>> 0) + (v3l >>> 0);
      v2h = (v2h + v3h + (s > 0xffffffff ? 1 : 0)) | 0;
      v2l = s | 0;
      t = v3l;
      v3l = (v3l << 16) | (v3h >>> 16);
      v3h = (v3h << 16) | (t >>> 16);
      v3l ^= v2l;
      v3h ^= v2h;
      // v0 += v3; v3 <<<= 21; v3 ^= v0
      s = (v0l >>> 0) + (v3l >>> 0);
      v0h = (v0h + v3h + (s > 0xffffffff ? 1 : 0)) | 0;
      v0l = s | 0;
      t = v3l;
      v3l = (v3l << 21) | (v3h >>> 11);
      v3h = (v3h << 21) | (t >>> 11);
      v3l ^= v0l;
      v3h ^= v0h;
      // v2 += v1; v1 <<<= 17; v1 ^= v2; v2 <<<= 32
      s = (v2l >>> 0) + (v1l >>> 0);
      v2h = (v2h + v1h + (s > 0xffffffff ? 1 : 0)) | 0;
      v2l = s | 0;
      t = v1l;
      v1l = (v1l << 17) | (v1h >>> 15);
      v1h = (v1h << 17) | (t >>> 15);
      v1l ^= v2l;
      v1h ^= v2h;
      t = v2l;
      v2l = v2h;
      v2h = t;
    }
    if (!final) {
      v0l ^= ml;
      v0h ^= mh;
    }
  }
  out[0] = v0l ^ v1l ^ v2l ^ v3l;
  out[1] = v0h ^ v1h ^ v2h ^ v3h;
  return out;
}
