import type { HotspotChange } from '../model/screening.js';
import type { Lang } from '../model/lang.js';
import { DAY_NAMES } from '../util/time.js';

export type { Lang };

/** The values people read, per language: kinds, classes, trends, changes, caveats. */
const TERMS: Record<Lang, Record<string, string>> = {
  nl: {
    'public-space': 'openbare ruimte',
    dwelling: 'woning',
    hotspot: 'hotspot',
    watch: 'aandachtslocatie',
    new: 'nieuw',
    consecutive: 'opeenvolgend',
    intensifying: 'toenemend',
    persistent: 'aanhoudend',
    diminishing: 'afnemend',
    sporadic: 'sporadisch',
    oscillating: 'wisselend',
    historical: 'voormalig',
    'no-pattern': 'geen patroon',
    'too-short': 'te kort',
    up: 'hoger',
    down: 'lager',
    same: 'gelijk',
    from: 'was',
    'reporters-unknown': 'melders onbekend: controleren op een enkele melder',
    'gone-quiet': 'stil gevallen: geen melding in de laatste weken',
    beoordeeld: 'beoordeeld',
    aanpak: 'aanpak',
    afgesloten: 'afgesloten',
    'geen-hotspot': 'geen hotspot',
    'new-unassessed': 'nieuw, nog niet beoordeeld',
    'aanpak-intensifying': 'onder aanpak, maar toenemend',
    relapse: 'terugval: na afsluiting weer gemeld',
  },
  en: {
    'public-space': 'public space',
    dwelling: 'dwelling',
    hotspot: 'hotspot',
    watch: 'watch',
    new: 'new',
    consecutive: 'consecutive',
    intensifying: 'intensifying',
    persistent: 'persistent',
    diminishing: 'diminishing',
    sporadic: 'sporadic',
    oscillating: 'oscillating',
    historical: 'historical',
    'no-pattern': 'no pattern',
    'too-short': 'too short',
    up: 'up',
    down: 'down',
    same: 'same',
    from: 'from',
    'reporters-unknown': 'reporters unknown: check for a single complainer',
    'gone-quiet': 'gone quiet: no report in the last weeks',
    beoordeeld: 'assessed',
    aanpak: 'action plan',
    afgesloten: 'closed',
    'geen-hotspot': 'not a hotspot',
    'new-unassessed': 'new, not yet assessed',
    'aanpak-intensifying': 'under an action plan, still intensifying',
    relapse: 'relapse: reported again after closing',
  },
};

/** A value in words in `lang` (a value the catalogue does not know, as it is). */
export const term = (lang: Lang, value: string): string => TERMS[lang][value] ?? value;

/** The keys of the vocabulary, per language (a test checks both have the same). */
export const termKeys = (lang: Lang): string[] => Object.keys(TERMS[lang]);

/** "nieuw", "hoger (was 9)", "lager (was 12)", "gelijk" (or the English words). */
export function changeWords(change: HotspotChange, lang: Lang): string {
  const status = term(lang, change.status);
  return change.status === 'up' || change.status === 'down' ? `${status} (${term(lang, 'from')} ${change.previousScore})` : status;
}

/** Weekday abbreviations, Monday first. */
export const DAY_ABBREVIATIONS: Record<Lang, readonly string[]> = {
  nl: DAY_NAMES, // the days in the busiest-hours labels (nameWindow)
  en: ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'],
};

/** A number with fixed decimals in the language's notation: 0,39 (nl) or 0.39 (en); "-" when not finite. */
export function decimal(v: number, lang: Lang, digits = 2): string {
  if (!Number.isFinite(v)) return '-';
  const s = v.toFixed(digits);
  return lang === 'nl' ? s.replace('.', ',') : s;
}

/** A share as a percentage: 0.364 -> "36 %" (digits 0) or "36,4 %" (nl, digits 1). */
export const percent = (share: number, lang: Lang, digits = 0): string => `${decimal(share * 100, lang, digits)} %`;
