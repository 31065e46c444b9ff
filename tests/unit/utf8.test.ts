import { describe, expect, it } from 'vitest';
import { Utf8Decoder, wholeCharactersUpTo } from '../../src/ingest/utf8.js';

/** What TextDecoder makes of `bytes` cut into `pieces`, streamed (the reference). */
function reference(pieces: Uint8Array[]): string {
  const d = new TextDecoder('utf-8');
  return pieces.map((p) => d.decode(p, { stream: true })).join('') + d.decode();
}

function ours(pieces: Uint8Array[]): string {
  const d = new Utf8Decoder();
  return pieces.map((p) => d.decode(p, { stream: true })).join('') + d.decode();
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Bytes that are mostly text with some of every kind of trouble: cut, overlong, surrogate, stray, too large. */
function messyBytes(rnd: () => number, n: number): Uint8Array {
  const text = Buffer.from('Overlast bij café “De Kroon”, ëën 𝄞 ', 'utf8');
  const odd = [0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0xa0, 0x9f, 0x90, 0x8f];
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rnd() < 0.8 ? text[Math.floor(rnd() * text.length)]! : odd[Math.floor(rnd() * odd.length)]!;
  return out;
}

/** `bytes` cut at random places (pieces of 0 to `most` bytes). */
function cut(rnd: () => number, bytes: Uint8Array, most: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; ) {
    const len = Math.floor(rnd() * (most + 1));
    pieces.push(bytes.subarray(at, at + len));
    at += len;
  }
  return pieces;
}

describe('Utf8Decoder', () => {
  it('decodes like TextDecoder, however the bytes are cut (2,000 messy inputs)', () => {
    const rnd = random(20261130);
    for (let k = 0; k < 2000; k++) {
      const bytes = messyBytes(rnd, 1 + Math.floor(rnd() * 60));
      const pieces = cut(rnd, bytes, 1 + Math.floor(rnd() * 8));
      expect(ours(pieces), `input ${Buffer.from(bytes).toString('hex')}`).toBe(reference(pieces));
    }
  });

  it('drops a byte order mark only at the very start, also when it comes in pieces', () => {
    const bom = [0xef, 0xbb, 0xbf];
    const text = new Uint8Array([...bom, 0x61, ...bom, 0x62]);
    expect(ours([text])).toBe('a\ufeffb');
    expect(ours([text.subarray(0, 1), text.subarray(1, 2), text.subarray(2)])).toBe('a\ufeffb');
    expect(ours([new Uint8Array(0), text])).toBe(reference([new Uint8Array(0), text]));
  });

  it('gives a cut-off character at the end as one U+FFFD, as TextDecoder does', () => {
    const pieces = [new Uint8Array([0x61, 0xe2, 0x82])];
    expect(ours(pieces)).toBe('a\ufffd');
    expect(ours(pieces)).toBe(reference(pieces));
  });

  it('holds back only the bytes of a character the chunk cuts off', () => {
    expect(wholeCharactersUpTo(new Uint8Array([0x61, 0x62]))).toBe(2);
    expect(wholeCharactersUpTo(new Uint8Array([0x61, 0xc3]))).toBe(1); // é cut after its lead byte
    expect(wholeCharactersUpTo(new Uint8Array([0x61, 0xc3, 0xa9]))).toBe(3); // é whole
    expect(wholeCharactersUpTo(new Uint8Array([0x61, 0xf0, 0x9d, 0x84]))).toBe(1); // 𝄞 cut after three bytes
    expect(wholeCharactersUpTo(new Uint8Array([0xf0, 0x9d, 0x84, 0x9e]))).toBe(4); // 𝄞 whole
    expect(wholeCharactersUpTo(new Uint8Array([0x80, 0x80, 0x80]))).toBe(3); // stray continuation bytes
    expect(wholeCharactersUpTo(new Uint8Array(0))).toBe(0);
  });
});
