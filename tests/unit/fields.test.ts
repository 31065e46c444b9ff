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
});

describe('CBS codes', () => {
  it('accepts letters (Amsterdam) and bare digits', () => {
    expect(normaliseBuurt('BU0363AD03')).toBe('BU0363AD03');
    expect(normaliseBuurt('09350405')).toBe('BU09350405');
    expect(normaliseBuurt('A04i')).toBeNull();
    expect(normaliseWijk('wk093500')).toBe('WK093500');
    expect(wijkOfBuurt('BU09350001')).toBe('WK093500');
  });
});

describe('pseudonymise', () => {
  const key = new TextEncoder().encode('k'.repeat(32));
  it('is keyed, stable and normalised', () => {
    const a = pseudonymise('Jan.Jansen@Example.nl ', key);
    expect(a).toMatch(/^P[0-9a-f]{16}$/);
    expect(pseudonymise('jan.jansen@example.nl', key)).toBe(a);
    expect(pseudonymise('jan.jansen@example.nl', new TextEncoder().encode('other-key-0123456789'))).not.toBe(a);
    expect(pseudonymise('+31 6 12345678', key)).toBe(pseudonymise('06-12345678', key));
    expect(pseudonymise('   ', key)).toBeNull();
  });
  it('never contains the identifier', () => {
    expect(pseudonymise('0612345678', key)).not.toContain('12345678');
  });
  it('gives the same pseudonyms with its memory on, full, dropped or left off', () => {
    const p = pseudonymiser(key, 16);
    // a reporter per report (the memory is then left off a while), then a few reporters over and over
    const ids = [
      ...Array.from({ length: 400 }, (_, i) => `r${i}@example.nl`),
      ...Array.from({ length: 400 }, (_, i) => `r${i % 5}@example.nl`),
      '  ',
      ...Array.from({ length: 100 }, (_, i) => `r${i}@example.nl`),
    ];
    for (const id of ids) expect(p(id)).toBe(pseudonymise(id, key));
  });
});
