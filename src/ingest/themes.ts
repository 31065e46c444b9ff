import type { Theme } from '../model/incoming.js';
import { escapeRegExp, foldText, rememberedByText } from '../util/text.js';

/**
 * Built-in category -> theme rules, first match wins. Sources: Dutch police overlast codes
 * (E33 verward, E35 jeugd, E38 alcohol/drugs, E41 zwervers, F010 dronkenschap, M061/M062/M22
 * geluid) and Signalen slugs/names of several municipalities (../shared/research/dutch-data.md).
 * Matching is on word starts of the folded category text, so "drugs" matches "drugsoverlast".
 */
export const BUILT_IN_THEME_RULES: ReadonlyArray<{ match: string; theme: Theme }> = [
  { match: 'E33', theme: 'verward' },
  { match: 'verward', theme: 'verward' },
  { match: 'overspannen', theme: 'verward' },
  { match: 'E38', theme: 'drugs' },
  { match: 'drugs', theme: 'drugs' },
  { match: 'drank- / drugs', theme: 'drugs' },
  { match: 'dealen', theme: 'drugs' },
  { match: 'hennep', theme: 'drugs' },
  { match: 'E35', theme: 'jeugd' },
  { match: 'jeugd', theme: 'jeugd' },
  { match: 'jongeren', theme: 'jeugd' },
  { match: 'hangjeugd', theme: 'jeugd' },
  { match: 'F010', theme: 'alcohol' },
  { match: 'dronken', theme: 'alcohol' },
  { match: 'alcohol', theme: 'alcohol' },
  { match: 'drank', theme: 'alcohol' },
  { match: 'vervuiling', theme: 'vervuiling' },
  { match: 'vervuild', theme: 'vervuiling' },
  { match: 'stank', theme: 'vervuiling' },
  { match: 'huisafval', theme: 'vervuiling' },
  { match: 'ongedierte', theme: 'vervuiling' },
  { match: 'verwaarlozing', theme: 'vervuiling' },
  { match: 'woonoverlast', theme: 'woon' },
  { match: 'woning', theme: 'woon' },
  { match: 'buren', theme: 'woon' },
  { match: 'burengerucht', theme: 'woon' },
  { match: 'M061', theme: 'geluid' },
  { match: 'M062', theme: 'geluid' },
  { match: 'M22', theme: 'geluid' },
  { match: 'geluid', theme: 'geluid' },
  { match: 'afval', theme: 'afval' },
  { match: 'zwerfvuil', theme: 'afval' },
  { match: 'dumping', theme: 'afval' },
  { match: 'grofvuil', theme: 'afval' },
  { match: 'vuilnis', theme: 'afval' },
  { match: 'E41', theme: 'personen' },
  { match: 'zwerver', theme: 'personen' },
  { match: 'daklozen', theme: 'personen' },
  { match: 'bedelen', theme: 'personen' },
  { match: 'personen', theme: 'personen' },
  { match: 'persoon', theme: 'personen' },
  { match: 'intimidatie', theme: 'personen' },
  { match: 'agressie', theme: 'personen' },
  { match: 'bedreiging', theme: 'personen' },
  { match: 'groepen', theme: 'personen' },
];

type Rule = { re: RegExp; theme: Theme };

function compile(rules: ReadonlyArray<{ match: string; theme: Theme }>): Rule[] {
  // Word-start match: the keyword must follow the start or a non-letter; letters may follow it.
  return rules.map((r) => ({ re: new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(foldText(r.match))}`, 'u'), theme: r.theme }));
}

const BUILT_IN = compile(BUILT_IN_THEME_RULES);

const has = (text: string, ...words: string[]) => words.some((w) => new RegExp(`(^|[^\\p{L}\\p{N}])${w}`, 'u').test(text));

/**
 * Signalen's standard category tree (names or slugs, main and sub joined by " / "), after the
 * Amsterdam tree and its municipal variants (research notes, section 1.4). Undefined when the
 * main category is not one of Signalen's, so other sources fall through to the word rules.
 * - Overlast van en door personen of groepen: drank- en drugsoverlast -> drugs (alcohol when only
 *   drink), jongerenoverlast -> jeugd, huisvesting/wonen -> woon, geluid -> geluid, daklozen,
 *   bedelen, wildplassen and the rest -> personen;
 * - Overlast bedrijven en horeca: geluid -> geluid, the rest -> overig;
 * - Overlast (in de) openbare ruimte: overig, unless the sub category names drugs, youth or persons;
 * - Afval: huisafval, vervuiling, stank -> vervuiling (afval when not at an address), the rest -> afval;
 * - Wonen -> woon; Overlast van dieren, Schoon and the other main categories -> overig.
 */
export function signalenTheme(category: string): Theme | undefined {
  const [mainRaw = '', ...rest] = foldText(category).replace(/-/g, ' ').split(' / ');
  const main = mainRaw.trim(),
    sub = rest.join(' / ');
  if (/^overlast van en door personen( of groepen)?$/.test(main)) {
    if (has(sub, 'drugs')) return 'drugs';
    if (has(sub, 'drank', 'alcohol')) return 'alcohol';
    if (has(sub, 'jongeren', 'jeugd')) return 'jeugd';
    if (has(sub, 'huisvesting', 'wonen', 'woning')) return 'woon';
    if (has(sub, 'geluid')) return 'geluid';
    if (has(sub, 'verward')) return 'verward';
    return 'personen';
  }
  if (/^overlast (van )?bedrijven (en|&) horeca$/.test(main)) return has(sub, 'geluid') ? 'geluid' : 'overig';
  if (/^overlast (in de )?openbare ruimte$/.test(main)) {
    if (has(sub, 'drugs')) return 'drugs';
    if (has(sub, 'jongeren', 'jeugd', 'hangjongeren')) return 'jeugd';
    if (has(sub, 'persoon', 'personen', 'thuislozen', 'daklozen', 'zwervers')) return 'personen';
    return 'overig';
  }
  if (main === 'afval') return has(sub, 'huisafval', 'vervuiling', 'vervuild', 'stank') ? 'vervuiling' : 'afval';
  if (main === 'wonen') return 'woon';
  if (
    [
      'overlast van dieren',
      'overlast dier',
      'schoon',
      'overlast op het water',
      'openbaar groen en water',
      'wegen verkeer straatmeubilair',
      'wegen verkeer en straatmeubilair',
      'civiele constructies',
      'civiele constructie',
      'riolering',
    ].includes(main)
  )
    return 'overig';
  return undefined;
}

/**
 * Pollution is a dwelling's theme only where it is reported at an address (a house number);
 * elsewhere it is waste in public space.
 */
export function placeTheme(theme: Theme, hasHouseNumber: boolean): Theme {
  return theme === 'vervuiling' && !hasHouseNumber ? 'afval' : theme;
}

/**
 * Makes a category -> theme function: the user's rules first, then Signalen's category tree, then
 * the built-in word rules; remembered for the last 10,000 categories (see rememberedByText).
 */
export function themeClassifier(userRules: ReadonlyArray<{ match: string; theme: Theme }> = []): (category: string) => Theme {
  const user = compile(userRules);
  return rememberedByText((category: string): Theme => {
    const folded = foldText(category);
    return (
      user.find((r) => r.re.test(folded))?.theme ?? signalenTheme(category) ?? BUILT_IN.find((r) => r.re.test(folded))?.theme ?? 'overig'
    );
  }, 10_000);
}
