import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../../src/util/hmac.js';

describe('hmacSha256Hex', () => {
  it('gives the RFC 4231 test vectors (cases 2 and 6: a short key, a key longer than a block)', () => {
    expect(hmacSha256Hex(new TextEncoder().encode('Jefe'))('what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    const long = new Uint8Array(131).fill(0xaa);
    expect(hmacSha256Hex(long)('Test Using Larger Than Block-Size Key - Hash Key First')).toBe(
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    );
  });

  it('equals createHmac for keys of every length round the block size and texts of any script and length', () => {
    const texts = [
      '',
      'a',
      'melder@example.nl',
      'é€😀 Ünïcødé',
      'x'.repeat(100),
      'y'.repeat(1000),
      '\u0000\uffff',
      'lone \ud800 surrogate \udc00',
    ];
    for (const keyLength of [1, 16, 63, 64, 65, 200]) {
      const key = Uint8Array.from({ length: keyLength }, (_, i) => (i * 37 + 11) & 0xff);
      const hmac = hmacSha256Hex(key);
      for (const t of [...texts, ...texts.slice().reverse()]) expect(hmac(t)).toBe(createHmac('sha256', key).update(t).digest('hex'));
    }
  });

  it('equals createHmac for every text length round the padding boundaries (55/56 and 119/120 bytes), ASCII and not', () => {
    const key = new TextEncoder().encode('bench-key-0123456789abcdef');
    const hmac = hmacSha256Hex(key);
    for (let n = 0; n <= 200; n++) {
      for (const t of ['a'.repeat(n), `${'b'.repeat(n)}é`, `€${'c'.repeat(n)}`]) {
        expect(hmac(t)).toBe(createHmac('sha256', key).update(t).digest('hex'));
      }
    }
  });
});
