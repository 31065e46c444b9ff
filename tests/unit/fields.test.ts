import { hmacSha256Hex } from '../../src/util/hmac.js';
import { sipHash24, sipKey } from '../../src/util/siphash.js';
import { describe, expect, it } from 'vitest';
import {
  cleanStreet,
  normaliseBuurt,
  normalisePostcode,
  normaliseWijk,
  parseHouseNumber,
  parseNumber,
  pseudonymise,
  pseudonymiser,
  wijkOfBuurt,
} from '../../src/ingest/fields.js';
import { Random } from '../../tools/scenario/random.js';

describe('parseNumber', () => {
  it.each([
    ['176248.5', false, 176248.5],
    ['52,3676', false, 52.3676],
    ['176.248,50', false, 176248.5],
    ['176,248.50', false, 176248.5],
    ['176.248', true, 176248],
    ['176.248', false, 176.248],
    ['-0,097736', false, -0.097736],
    [' 5.6889 ', false, 5.6889],
    ['', false, null],
    ['abc', false, null],
    ['1,2,3', false, null],
    ['175948,7', true, 175948.7],
    ['-3,25', true, -3.25],
    ['1,234', true, 1.234],
    ['1,234', false, 1.234],
    [' 175948,7 ', true, 175948.7],
    ['1.234,5', true, 1234.5],
    [',5', true, null],
    ['5,', true, null],
  ] as const)('%j (decimalComma=%s) -> %s', (text, dc, expected) => {
    expect(parseNumber(text, dc)).toBe(expected);
  });

  it('reads a plain decimal comma the same on its fast path as padded (the general path)', () => {
    for (let k = 0; k < 2000; k++) {
      const text = `${k % 3 ? '' : '-'}${(k * 7919) % 400_000},${String((k * 31) % 1000).padStart(k % 4, '0')}`;
      for (const dc of [true, false]) expect(parseNumber(text, dc)).toBe(parseNumber(` ${text} `, dc));
    }
  });
});

describe('parseNumber fast path', () => {
  /** The two regular expressions the character scan replaced, with the general path behind them. */
  const PLAIN_DECIMAL = /^-?\d{1,15}(\.\d{1,15})?$/;
  const PLAIN_DECIMAL_COMMA = /^-?\d{1,15},\d{1,15}$/;
  const byRegex = (text: string, dc: boolean) => {
    if (PLAIN_DECIMAL.test(text) && !(dc && text.includes('.'))) return Number(text);
    if (PLAIN_DECIMAL_COMMA.test(text)) return Number(text.replace(',', '.'));
    return parseNumber(` ${text} `, dc); // padded: past the fast path, to the general path
  };

  it('reads every text as the regular expressions did: signs, marks, digit counts round 15, other characters', () => {
    const parts = ['', '-', '+', '0', '7', '1234567', '123456789012345', '1234567890123456', '.', ',', '..', ' ', 'e5', '٣', 'x'];
    let n = 0;
    for (const a of parts)
      for (const b of parts)
        for (const c of parts) {
          const text = a + b + c;
          for (const dc of [true, false]) {
            const want = byRegex(text, dc);
            expect(parseNumber(text, dc), `${JSON.stringify(text)} decimalComma=${dc}`).toBe(want);
            n++;
          }
        }
    expect(n).toBe(2 * parts.length ** 3);
  });

  it('gives the very double Number() reads for plain decimals of 1-15 digits in all and longer ones', () => {
    const random = new Random(7);
    const digits = (k: number) => Array.from({ length: k }, () => random.int(0, 9)).join('');
    for (let k = 0; k < 20000; k++) {
      const int = digits(random.int(1, 15)),
        frac = digits(random.int(1, 15));
      const sign = random.next() < 0.3 ? '-' : '';
      expect(Object.is(parseNumber(`${sign}${int}.${frac}`, false), Number(`${sign}${int}.${frac}`))).toBe(true);
      expect(Object.is(parseNumber(`${sign}${int},${frac}`, true), Number(`${sign}${int}.${frac}`))).toBe(true);
      expect(Object.is(parseNumber(`${sign}${int}`, true), Number(`${sign}${int}`))).toBe(true);
    }
    expect(Object.is(parseNumber('-0', false), -0)).toBe(true);
    expect(Object.is(parseNumber('-0,0', true), -0)).toBe(true);
  });
});

describe('addresses', () => {
  it.each([
    ['6219 ab', '6219AB'],
    ['6224JA', '6224JA'],
    [' 1011pn ', '1011PN'],
    ['0123AB', null],
    ['62245', null],
  ])('postcode %j -> %s', (text, expected) => expect(normalisePostcode(text)).toBe(expected));

  it.each([
    ['12', {}, { houseNumber: 12 }],
    ['12a', {}, { houseNumber: 12, suffix: 'A' }],
    ['88 b', {}, { houseNumber: 88, suffix: 'B' }],
    ['12-2', {}, { houseNumber: 12, suffix: '2' }],
    ['12 bis', {}, { houseNumber: 12, suffix: 'BIS' }],
    ['12', { extra: 'a' }, { houseNumber: 12, suffix: 'A' }],
    ['12A', { extra: '3' }, { houseNumber: 12, suffix: 'A-3' }],
  ])('house number %j %j', (text, o, expected) => {
    expect(parseHouseNumber(text, (o as { extra?: string }).extra)).toEqual(expected);
  });
  it('refuses a house number without digits', () => expect(parseHouseNumber('x')).toBeNull());

  it('cleans police.uk street labels', () => {
    expect(cleanStreet('On or near  Moor Lane')).toBe('Moor Lane');
    expect(cleanStreet('No Location')).toBe('');
  });
  it('cleans every street as the three replacements did, also when it skips them', () => {
    const slow = (text: string) => {
      const s = text
        .trim()
        .replace(/^on or near\s+/i, '')
        .replace(/\s+/g, ' ');
      return /^no location$/i.test(s) ? '' : s;
    };
    const pieces = [
      'Moor',
      'Lane',
      ' ',
      '  ',
      '\t',
      '\u00a0',
      '\n',
      'On or near',
      'on or near ',
      'No Location',
      'no location',
      'St.',
      'Ée',
    ];
    const rng = new Random(11);
    for (let k = 0; k < 5000; k++) {
      const text = Array.from({ length: rng.int(1, 5) }, () => pieces[rng.int(0, pieces.length - 1)]).join(rng.int(0, 3) === 0 ? '' : ' ');
      expect(cleanStreet(text)).toBe(slow(text));
    }
  });
});

describe('CBS codes', () => {
  it('accepts letters (Amsterdam) and bare digits', () => {
    expect(normaliseBuurt('BU0363AD03')).toBe('BU0363AD03');
    expect(normaliseBuurt('09350405')).toBe('BU09350405');
    expect(normaliseBuurt('A04i')).toBeNull();
    expect(normaliseWijk('wk093500')).toBe('WK093500');
    expect(wijkOfBuurt('BU09350001')).toBe('WK093500');
  });
  it('gives the same codes when a text was seen before, and after the memory of them was dropped', () => {
    const texts = Array.from(
      { length: 9000 },
      (_, i) => [`0935${String(i % 5000).padStart(4, '0')}`, ` bu0363ad${String(i % 90).padStart(2, '0')} `, `x${i}`][i % 3]!,
    );
    const first = texts.map((t) => [normaliseBuurt(t), normaliseBuurt(t) && wijkOfBuurt(normaliseBuurt(t)!)]);
    expect(first[0]).toEqual(['BU09350000', 'WK093500']);
    expect(first[1]).toEqual(['BU0363AD01', 'WK0363AD']);
    expect(first[2]).toEqual([null, null]);
    expect(texts.map((t) => [normaliseBuurt(t), normaliseBuurt(t) && wijkOfBuurt(normaliseBuurt(t)!)])).toEqual(first);
  });
});

describe('pseudonymise', () => {
  const key = new TextEncoder().encode('k'.repeat(32));
  it('is keyed, stable and normalised: a 31-bit number', () => {
    const a = pseudonymise('Jan.Jansen@Example.nl ', key)!;
    expect(Number.isInteger(a) && a >= 0 && a < 2 ** 31).toBe(true);
    expect(pseudonymise('jan.jansen@example.nl', key)).toBe(a);
    expect(pseudonymise('jan.jansen@example.nl', new TextEncoder().encode('other-key-0123456789'))).not.toBe(a);
    expect(pseudonymise('+31 6 12345678', key)).toBe(pseudonymise('06-12345678', key));
    expect(pseudonymise('0031612345678', key)).toBe(pseudonymise('06 1234 5678', key));
    expect(pseudonymise('   ', key)).toBeNull();
  });
  it('is SipHash-2-4 of the UTF-8 of the identifier under a key derived from the secret', () => {
    const p = pseudonymiser(key);
    const derived = sipKey(Buffer.from(hmacSha256Hex(key)('overlast-hotspots reporter number v1').slice(0, 32), 'hex'));
    const expected = (text: string) => {
      const bytes = new TextEncoder().encode(text);
      return sipHash24(derived, bytes, bytes.length)[0]! & 0x7fffffff;
    };
    expect(p(' Jan.Jansen@Example.NL')).toBe(expected('jan.jansen@example.nl'));
    expect(p('+31 (6) 1234-5678')).toBe(expected('0612345678'));
    expect(p('Jürgen@example.de')).toBe(expected('jürgen@example.de'));
    // non-ASCII identifiers are hashed as UTF-8, also past the first byte outside ASCII
    expect(p('jürgen@example.de')).not.toBe(p('jurgen@example.de'));
    expect(p('JÜRGEN@example.de ')).toBe(p('jürgen@example.de'));
    // lower case as toLowerCase makes it, also where it lengthens the text (İ is i and a dot above)
    for (const id of ['İSMAIL@example.nl', 'ΣΟΦΙΑ@example.gr', `${'İ'.repeat(90)}@x.nl`, 'MiXeD.CaSe@Example.NL'])
      expect(p(id)).toBe(expected(id.trim().toLowerCase()));
    // the same numbers from one pseudonymiser as from a fresh one, after long and short identifiers
    const ids = ['a@b.nl', `${'x'.repeat(500)}@example.nl`, 'ö'.repeat(200), '06-12345678', 'a@b.nl'];
    for (const id of ids) expect(p(id)).toBe(pseudonymise(id, key));
  });
  it('spreads distinct reporters over distinct numbers', () => {
    const p = pseudonymiser(key);
    const numbers = new Set(Array.from({ length: 20_000 }, (_, i) => p(`melder${i}@example.nl`)));
    expect(numbers.size).toBeGreaterThanOrEqual(19_999); // a collision among 20,000 has a chance of about 1 in 10^4
  });
});
