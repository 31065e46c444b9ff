import { describe, expect, it } from 'vitest';
import { placeTheme, themeClassifier } from '../../src/ingest/themes.js';

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

  it.each([
    // Signalen's standard tree (issue table), by name and by slug
    ['Overlast van en door personen of groepen / Drank- en drugsoverlast', 'drugs'],
    ['overlast-van-en-door-personen-of-groepen / drank-en-drugsoverlast', 'drugs'],
    ['Overlast van en door personen of groepen / Drankoverlast', 'alcohol'],
    ['overlast-van-en-door-personen-of-groepen / jongerenoverlast', 'jeugd'],
    ['Overlast van en door personen of groepen / Daklozen / bedelen', 'personen'],
    ['overlast-van-en-door-personen-of-groepen / wildplassen-poepen-overgeven', 'personen'],
    ['Overlast van en door personen of groepen / Huisvesting', 'woon'],
    ['Overlast van en door personen of groepen / Overige overlast door personen', 'personen'],
    ['Overlast Bedrijven en Horeca / Geluidsoverlast muziek', 'geluid'],
    ['overlast-bedrijven-en-horeca / geluidsoverlast-installaties', 'geluid'],
    ['Overlast Bedrijven en Horeca / Overlast terrassen', 'overig'],
    ['Overlast in de openbare ruimte / Parkeeroverlast', 'overig'],
    ['overlast-in-de-openbare-ruimte / stank-geluidsoverlast', 'overig'],
    ['overlast-in-de-openbare-ruimte / drugsoverlast', 'drugs'],
    ['Overlast in de openbare ruimte / Overlast dak- en thuislozen', 'personen'],
    ['Overlast openbare ruimte / Persoon', 'personen'],
    ['Afval / Huisafval', 'vervuiling'],
    ['afval / vervuiling', 'vervuiling'],
    ['Afval / Stank', 'vervuiling'],
    ['Afval / Dumping', 'afval'],
    ['afval / zwerfvuil', 'afval'],
    ['Afval / Grofvuil', 'afval'],
    ['Wonen / Woningdelen / spookburgers', 'woon'],
    ['Overlast van dieren / Ratten', 'overig'],
  ])('Signalen %j -> %s', (category, expected) => expect(theme(category)).toBe(expected));

  it('keeps pollution a dwelling theme only at an address', () => {
    expect(placeTheme('vervuiling', true)).toBe('vervuiling');
    expect(placeTheme('vervuiling', false)).toBe('afval');
    expect(placeTheme('geluid', false)).toBe('geluid');
  });

  it('matches at word starts only', () => {
    expect(theme('Schoonmaakdrugs')).toBe('overig');
  });

  it('tries user rules first, with regex characters taken literally', () => {
    const custom = themeClassifier([{ match: 'c.o.d.e (x)', theme: 'woon' }]);
    expect(custom('C.O.D.E (X) melding')).toBe('woon');
    expect(custom('cXoXdXe (x)')).toBe('overig');
  });
});

describe('housing corporation categories', () => {
  const theme = themeClassifier();
  it.each([
    ['Hennepteelt', 'drugs'],
    ['Burenruzie', 'woon'],
    ['Verwaarlozing woning', 'vervuiling'],
    ['Stankoverlast', 'vervuiling'],
    ['Agressie', 'personen'],
    ['Bedreiging', 'personen'],
    ['Geluidsoverlast', 'geluid'],
    ['Overlast huisdieren', 'overig'],
  ])('%j -> %s', (category, expected) => expect(theme(category)).toBe(expected));
});
