import { describe, expect, it } from 'vitest';
import { parseHouseNumber, splitAddress } from '../../src/model/address.js';
import { addressLabel } from '../../src/model/batch.js';
import { dwellingKeys, normaliseName } from '../../src/model/incoming.js';
import { ReportStore } from '../../src/model/columns.js';
import type { Address, Report } from '../../src/model/incoming.js';

describe('splitAddress', () => {
  it.each([
    ['Adelaarsweg 4', { street: 'Adelaarsweg', houseNumber: 4 }],
    ['Hoogbrugstraat 39 A', { street: 'Hoogbrugstraat', houseNumber: 39, suffix: 'A' }],
    ['Kerkstraat 12-bis', { street: 'Kerkstraat', houseNumber: 12, suffix: 'BIS' }],
    ['Plein 1944 3', { street: 'Plein 1944', houseNumber: 3 }],
    ['Sint Pieterstraat 2a', { street: 'Sint Pieterstraat', houseNumber: 2, suffix: 'A' }],
    ['2e Van Swindenstraat 5', { street: '2e Van Swindenstraat', houseNumber: 5 }],
    ['Amstel 1 1011PN Amsterdam', { street: 'Amstel', houseNumber: 1, postcode: '1011PN', city: 'Amsterdam' }],
    [
      'Scharnerweg 88B, 6224 ja Maastricht',
      { street: 'Scharnerweg', houseNumber: 88, suffix: 'B', postcode: '6224JA', city: 'Maastricht' },
    ],
    ['Markt 12, Maastricht', { street: 'Markt', houseNumber: 12, city: 'Maastricht' }],
    ['Vrijthof', { street: 'Vrijthof' }],
    ['  Wycker   Brugstraat 365A ', { street: 'Wycker Brugstraat', houseNumber: 365, suffix: 'A' }],
  ])('%j', (text, expected) => expect(splitAddress(text)).toEqual(expected));
});

describe('dwelling identity', () => {
  it('is street + number + suffix + city, folded; with the postcode form beside it', () => {
    expect(dwellingKeys({ street: 'Sint-Pieterstraat', houseNumber: 2, suffix: 'A', city: 'MAASTRICHT', postcode: '6211AB' })).toEqual({
      street: 'sint pieterstraat|2|A|maastricht',
      postcode: 'pc:6211AB|2|A',
    });
    expect(dwellingKeys({ street: 'Markt' })).toEqual({});
  });

  const report = (i: number, address: Address): Report => ({
    id: `r${i}`,
    hasSourceId: true,
    source: 's',
    reportedAt: 0,
    precision: 'minute',
    category: '',
    theme: 'woon',
    line: i,
    file: 'f',
    address,
  });
  it('joins reports of one address from a source with postcodes and one without', () => {
    const store = new ReportStore();
    const withPostcode = { street: 'Kerkstraat', houseNumber: 12, suffix: 'A', postcode: '6211AB', city: 'Maastricht' };
    store.add(report(1, { postcode: '6211AB', houseNumber: 12, suffix: 'A' }), 0, 1); // police: postcode, no street
    store.add(report(2, { street: 'Kerkstraat', houseNumber: 12, suffix: 'A' }), 0, 1); // Signalen public: no postcode, no city
    store.add(report(3, withPostcode), 0, 1); // municipality: everything
    store.add(report(4, { street: 'Kerkstraat', houseNumber: 14, city: 'Maastricht' }), 0, 1);
    const a = store.columns().address;
    expect(a[0]).toBe(a[2]);
    expect(a[1]).toBe(a[2]);
    expect(a[3]).not.toBe(a[2]);
    expect(store.addresses.values[a[0]!]).toBe('kerkstraat|12|A|maastricht');
    expect(store.addressLabel(a[0]!)).toBe('Kerkstraat 12A, 6211AB Maastricht');
    expect(store.postcodeKeyOf(a[0]!)).toBe('pc:6211AB|12|A');
  });

  it('leaves an address without a city alone when two cities have it', () => {
    const store = new ReportStore();
    store.add(report(1, { street: 'Kerkstraat', houseNumber: 1, city: 'Maastricht' }), 0, 1);
    store.add(report(2, { street: 'Kerkstraat', houseNumber: 1, city: 'Meerssen' }), 0, 1);
    store.add(report(3, { street: 'Kerkstraat', houseNumber: 1 }), 0, 1);
    expect(new Set(store.columns().address).size).toBe(3);
  });
});

describe('addressLabel and normaliseName (written as loops for the reading thread)', () => {
  /** The label as it was written before: the non-empty parts joined. */
  const joined = (a: Address) => {
    const number = `${a.houseNumber ?? ''}${a.suffix ? (/^\d/.test(a.suffix) ? `-${a.suffix}` : a.suffix) : ''}`;
    return [[a.street, number].filter(Boolean).join(' '), [a.postcode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  };
  it('labels every combination of parts as the joined parts', () => {
    const streets = [undefined, '', 'Kerkstraat'];
    const numbers: Array<Pick<Address, 'houseNumber' | 'suffix'>> = [
      {},
      { houseNumber: 12 },
      { houseNumber: 12, suffix: 'A' },
      { houseNumber: 3, suffix: '2' },
    ];
    const postcodes = [undefined, '', '6211AB'];
    const cities = [undefined, '', 'Maastricht'];
    for (const street of streets)
      for (const n of numbers)
        for (const postcode of postcodes)
          for (const city of cities) {
            const a: Address = {
              ...(street !== undefined ? { street } : {}),
              ...n,
              ...(postcode !== undefined ? { postcode } : {}),
              ...(city !== undefined ? { city } : {}),
            };
            expect(addressLabel({ address: a } as Report)).toBe(joined(a));
          }
  });
  it('normalises a name the same when it was seen before, and after its memory was dropped', () => {
    const names = Array.from({ length: 9000 }, (_, i) => `Sint-Pieter's  Straat ${i % 5000} Ééé`);
    const first = names.map((n) => normaliseName(n));
    expect(first[0]).toBe('sint pieters straat 0 eee');
    expect(names.map((n) => normaliseName(n))).toEqual(first);
  });
  it('splits house numbers with additions as before', () => {
    expect(parseHouseNumber('12')).toEqual({ houseNumber: 12 });
    expect(parseHouseNumber('12 a', 'bis')).toEqual({ houseNumber: 12, suffix: 'A-BIS' });
    expect(parseHouseNumber('12', ' b ')).toEqual({ houseNumber: 12, suffix: 'B' });
    expect(parseHouseNumber('12-2 b')).toEqual({ houseNumber: 12, suffix: '2B' });
  });
});
