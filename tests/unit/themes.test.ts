import { describe, expect, it } from 'vitest';
import { themeClassifier } from '../../src/ingest/themes.js';

describe('themeClassifier', () => {
  const theme = themeClassifier();
  it.each([
    ['E38 Overlast alcohol/drugs', 'drugs'],
    ['E33   ', 'verward'],
    ['E35 Melding overlast jeugd', 'jeugd'],
    ['F010 Openbare dronkenschap', 'alcohol'],
    ['M22 Geluidshinder overig', 'geluid'],
    ['E41 Overlast zwervers', 'personen'],
    ['Overlast van en door personen of groepen / Drank- / drugsoverlast', 'drugs'],
    ['Overlast van en door personen of groepen / Jongerenoverlast', 'jeugd'],
    ['Overlast van en door personen of groepen / Drankoverlast', 'alcohol'],
    ['Overlast van en door personen of groepen / Verward persoon', 'verward'],
    ['Woonoverlast / Overlast vanuit woning', 'woon'],
    ['F95 Burengerucht (relatieproblemen)', 'woon'],
    ['Overlast in de openbare ruimte / Overig openbare ruimte', 'overig'],
    ['', 'overig'],
    ['GELUIDSOVERLAST', 'geluid'],
  ])('%j -> %s', (category, expected) => expect(theme(category)).toBe(expected));

  it('matches at word starts only', () => {
    expect(theme('Schoonmaakdrugs')).toBe('overig');
  });

  it('tries user rules first, with regex characters taken literally', () => {
    const custom = themeClassifier([{ match: 'c.o.d.e (x)', theme: 'woon' }]);
    expect(custom('C.O.D.E (X) melding')).toBe('woon');
    expect(custom('cXoXdXe (x)')).toBe('overig');
  });
});
