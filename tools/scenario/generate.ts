import { Random } from './random.js';
import { CITY_HALL, STREETS, type Street } from './city.js';
import { wallTimeToUtc, DEFAULT_TIME_ZONE } from '../../dist/util/time.js';
import type { Theme } from '../../dist/model/incoming.js';

/**
 * A seeded two-year city scenario with known truth: planted public-space hotspots (with trend
 * patterns), woonoverlast addresses, background noise and decoys that must NOT become
 * hotspots (a carnaval burst, a serial complainer, reports pinned on the city hall).
 */

export type Channel = 'gemeente' | 'politie';
export type TrendPattern = 'persistent' | 'intensifying' | 'diminishing' | 'new' | 'former' | 'stopped';

/** Backgrounds of planted woonoverlast, as the plan names them. */
export const DWELLING_KINDS = ['geluid', 'vervuiling', 'personen', 'woon', 'drugs'] as const;
export type DwellingKind = (typeof DWELLING_KINDS)[number];

export interface ScenarioReport {
  seq: number;
  /** Entity this report belongs to: `HS01`, `WO05`, `DECOY-carnaval`, `BG`. */
  truth: string;
  channel: Channel;
  reportedAtMs: number;
  incidentStartMs?: number;
  incidentEndMs?: number;
  theme: Theme;
  text: string;
  x: number;
  y: number;
  street: string;
  houseNumber?: number;
  suffix?: string;
  postcode?: string;
  buurt: string;
  reporter: string;
  /** Reported about a dwelling (woonoverlast, the serial complainer): exports use residential categories. */
  dwelling?: boolean;
}

export interface PlantedHotspot {
  id: string;
  kind: 'public-space' | 'dwelling';
  x: number;
  y: number;
  radiusM: number;
  street: string;
  buurt: string;
  address?: string;
  pattern: TrendPattern;
  themes: Theme[];
  /** Dwellings: the background of the nuisance. */
  dwellingKind?: DwellingKind;
  /** Pattern `stopped`: the first week without reports (4-6 weeks before the end). */
  stopWeek?: number;
}

export interface Decoy {
  id: string;
  kind: 'event-spike' | 'serial-complainer' | 'geocode-default';
  x: number;
  y: number;
  description: string;
}

export interface ScenarioOptions {
  seed?: number;
  /** Multiplies every count (1 = about 4,400 reports over two years). */
  scale?: number;
  /** First Monday of the scenario, local date. */
  start?: { year: number; month: number; day: number };
  weeks?: number;
}

export interface ScenarioPlan {
  seed: number;
  scale: number;
  startMs: number;
  start: { year: number; month: number; day: number };
  weeks: number;
  hotspots: PlantedHotspot[];
  decoys: Decoy[];
}

const NAMES = ['Jan de Vries', 'Mieke Janssen', 'Ahmed el Amrani', 'Sjef Peters', 'Lotte Smeets', 'Ruud Hermans'];

const HOTSPOT_TEXT = [
  'Er wordt weer gedeald bij de bankjes, steeds dezelfde groep jongens.',
  'Groep hangt rond en intimideert voorbijgangers, ik werd uitgescholden.',
  "Drugshandel op de hoek, auto's stoppen kort en rijden weer weg.",
  'Bedreigd door een man toen ik er iets van zei. Melder: {name}, tel 06-{phone}.',
  'Overlast van dealers en gebruikers in het portiek, spuiten gevonden.',
  'Intimiderende groep met scooters, veel lawaai en drugsgebruik.',
];
/** What neighbours write, per background; most of it names no drugs and no threats. */
const DWELLING_TEXT: Record<DwellingKind, string[]> = {
  geluid: [
    'Harde muziek tot diep in de nacht, weer niet kunnen slapen.',
    'Bonken, schreeuwen en deuren slaan bij de buren.',
    'Feest met harde bassen, het hele portiek hoort het.',
    'Honden blaffen uren achter elkaar, bewoner {name} doet niets.',
  ],
  vervuiling: [
    'Vuilniszakken staan al weken op het balkon, het stinkt.',
    'Ratten in de tuin door afval bij de woning.',
    'Stank uit de woning trekt het trappenhuis in.',
    'Tuin ligt vol rommel en etensresten, ongedierte.',
  ],
  personen: [
    'Gezin maakt ruzie op straat, kinderen gooien met stenen naar ramen.',
    'Bewoner scheldt buren uit en gooit spullen van het balkon.',
    'Steeds mensen in en uit, ruzies in het portiek.',
    'Buren voelen zich niet meer op hun gemak door bewoner {name}.',
  ],
  woon: [
    'Overlast van de bovenburen, al maanden.',
    'Burenruzie, harde stemmen en geluid van de trap.',
    'Bewoner laat vreemden binnen die in het portiek slapen.',
    'Weer overlast van nummer {number}, nu al weken.',
  ],
  drugs: [
    'Drugshandel vanuit de woning, de hele nacht aanloop van klanten.',
    "Hennepgeur en steeds andere mensen bij de voordeur, ook 's nachts.",
    'Bewoner bedreigt buren en schreeuwt in het trappenhuis.',
    'Buren voelen zich onveilig door intimiderend gedrag van bewoner {name}.',
  ],
};

/** Themes of a dwelling's reports: its background, sometimes filed as general residential nuisance. */
const DWELLING_THEMES: Record<DwellingKind, Theme[]> = {
  geluid: ['geluid', 'geluid', 'woon'],
  vervuiling: ['vervuiling', 'vervuiling', 'woon'],
  personen: ['personen', 'woon'],
  woon: ['woon'],
  drugs: ['drugs', 'woon'],
};
const BACKGROUND_TEXT: Record<Theme, string[]> = {
  geluid: ['Harde muziek op straat.', 'Geluidsoverlast van een feestje.'],
  overig: ['Fietsen blokkeren de stoep.', 'Kapotte lantaarnpaal.'],
  afval: ['Afval naast de container.', 'Grofvuil op de stoep gedumpt.'],
  vervuiling: ['Stank uit een put.', 'Vervuilde stoep.'],
  jeugd: ['Jongeren op het schoolplein na sluitingstijd.', 'Jeugd met brommers in het park.'],
  personen: ['Persoon valt mensen lastig om geld.', 'Man slaapt in portiek.'],
  alcohol: ['Dronken mensen na sluitingstijd.', 'Drankgebruik op straat.'],
  drugs: ['Wietlucht op straat.', 'Iemand bood drugs aan.'],
  verward: ['Verward persoon loopt op de weg.', 'Vrouw roept en lijkt in de war.'],
  woon: ['Burenruzie, harde stemmen.', 'Overlast van bovenburen.'],
};

function jitter(rng: Random, x: number, y: number, sigmaM: number): [number, number] {
  return [Math.round((x + rng.normal() * sigmaM) * 10) / 10, Math.round((y + rng.normal() * sigmaM) * 10) / 10];
}

/** Poisson draw (Knuth; fine for the small means used here). */
function poisson(rng: Random, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
  const l = Math.exp(-mean);
  let k = 0;
  for (let p = rng.next(); p > l; p *= rng.next()) k++;
  return k;
}

function weekRate(pattern: TrendPattern, week: number, weeks: number): number {
  const f = week / (weeks - 1);
  switch (pattern) {
    case 'persistent':
      return 1;
    case 'intensifying':
      return 0.25 + 1.75 * f;
    case 'diminishing':
      return 2 - 1.8 * f;
    case 'new':
      return week >= weeks * 0.75 ? 2.2 : 0;
    case 'former':
      return week < weeks * 0.5 ? 1.6 : 0;
    case 'stopped':
      return 1.2;
  }
}

/** Plans the scenario: where the planted hotspots and decoys are. Pure and seeded. */
export function planScenario(opts: ScenarioOptions = {}): ScenarioPlan {
  const seed = opts.seed ?? 20251;
  const rng = new Random(seed);
  const start = opts.start ?? { year: 2024, month: 11, day: 25 };
  const startMs = wallTimeToUtc(start.year, start.month, start.day, 0, 0, 0, 0, DEFAULT_TIME_ZONE);
  const weeks = opts.weeks ?? 104;
  const patterns: TrendPattern[] = [
    'persistent',
    'persistent',
    'intensifying',
    'persistent',
    'diminishing',
    'persistent',
    'new',
    'persistent',
    'intensifying',
    'persistent',
    'former',
    'persistent',
    'diminishing',
    'stopped',
    'persistent',
  ];
  const vrijthof = STREETS.find((s) => s.name === 'Vrijthof')!;
  const shuffled = [...STREETS].filter((s) => s.name !== 'Scharnerweg').sort(() => rng.next() - 0.5);
  // Planted public-space hotspots lie at least 350 m from each other, from the carnaval square and
  // from the city hall (the geocoding-default decoy), so the truth is unambiguous; the streets left
  // over carry the woonoverlast addresses.
  const sites: Street[] = [];
  for (const s of shuffled) {
    const far = (o: { x: number; y: number }, m: number) => Math.hypot(s.x - o.x, s.y - o.y) >= m;
    if (sites.length < patterns.length && far(vrijthof, 350) && far(CITY_HALL, 350) && sites.every((o) => far(o, 350))) sites.push(s);
  }
  if (sites.length < patterns.length) throw new Error(`scenario: only ${sites.length} sites for ${patterns.length} hotspots`);
  const rest = shuffled.filter((s) => !sites.includes(s));
  const hotspots: PlantedHotspot[] = patterns.map((pattern, i) => {
    const s = sites[i]!;
    const [x, y] = jitter(rng, s.x, s.y, 40);
    return {
      id: `HS${String(i + 1).padStart(2, '0')}`,
      kind: 'public-space',
      x,
      y,
      radiusM: rng.int(30, 60),
      street: s.name,
      buurt: s.buurt,
      pattern,
      themes: i % 3 === 0 ? ['drugs', 'personen'] : i % 3 === 1 ? ['drugs', 'jeugd'] : ['personen', 'jeugd'],
      ...(pattern === 'stopped' ? { stopWeek: weeks - rng.int(4, 6) } : {}),
    };
  });
  for (let i = 0; i < 19; i++) {
    const s = rest[i % rest.length]!;
    const [x, y] = jitter(rng, s.x, s.y, 120);
    const houseNumber = rng.int(201, 400); // background reports use 1-200: no shared addresses
    const postcode = `${s.postcode4}${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))}`;
    const dwellingKind = DWELLING_KINDS[(i + rng.int(0, 4)) % DWELLING_KINDS.length]!;
    hotspots.push({
      id: `WO${String(i + 1).padStart(2, '0')}`,
      kind: 'dwelling',
      x,
      y,
      radiusM: 0,
      street: s.name,
      buurt: s.buurt,
      address: `${postcode}|${houseNumber}|${i % 5 === 0 ? 'A' : ''}`,
      pattern: 'persistent',
      themes: DWELLING_THEMES[dwellingKind],
      dwellingKind,
    });
  }
  const scharn = STREETS.find((s) => s.name === 'Scharnerweg')!;
  const decoys: Decoy[] = [
    {
      id: 'DECOY-carnaval',
      kind: 'event-spike',
      x: vrijthof.x,
      y: vrijthof.y,
      description: 'carnaval weekends on the Vrijthof: a hottime, not a persistent hotspot',
    },
    {
      id: 'DECOY-serial',
      kind: 'serial-complainer',
      x: scharn.x + 40,
      y: scharn.y - 30,
      description: 'one reporter complaining about neighbours every week',
    },
    {
      id: 'DECOY-cityhall',
      kind: 'geocode-default',
      x: CITY_HALL.x,
      y: CITY_HALL.y,
      description: 'reports without a usable location pinned on the city hall',
    },
  ];
  return { seed, scale: opts.scale ?? 1, startMs, start, weeks, hotspots, decoys };
}

/** A local time in week `week` at a weekday/hour drawn from `profile`. */
function timeIn(rng: Random, plan: ScenarioPlan, week: number, profile: 'night' | 'day' | 'any'): number {
  const weekday =
    profile === 'night'
      ? rng.weighted([
          [0, 1],
          [1, 1],
          [2, 1],
          [3, 1.3],
          [4, 2.2],
          [5, 2.6],
          [6, 1.4],
        ] as const)
      : rng.int(0, 6);
  const hour =
    profile === 'night'
      ? rng.weighted([
          [19, 1],
          [20, 2],
          [21, 3],
          [22, 4],
          [23, 4],
          [0, 3],
          [1, 2],
          [2, 1],
          [15, 1],
          [16, 1],
        ] as const)
      : profile === 'day'
        ? rng.int(8, 20)
        : rng.int(0, 23);
  return localTime(plan, week * 7 + weekday, hour, rng.int(0, 59));
}

/** The instant of a local (Europe/Amsterdam) wall time `dayOffset` days after the start. */
function localTime(plan: ScenarioPlan, dayOffset: number, hour: number, minute: number): number {
  const d = new Date(Date.UTC(plan.start.year, plan.start.month - 1, plan.start.day + dayOffset + Math.floor(hour / 24)));
  return wallTimeToUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), hour % 24, minute, 0, 0, DEFAULT_TIME_ZONE);
}

const reporterEmail = (n: number) => `melder${n}@example.nl`;
const phone = (rng: Random) => String(rng.int(10_000_000, 99_999_999));

function fillText(rng: Random, template: string): string {
  return template
    .replace('{name}', rng.pick(NAMES))
    .replace('{phone}', phone(rng))
    .replace('{number}', String(rng.int(1, 200)));
}

/** Every report of the scenario, entity by entity (not sorted by time), in bounded memory. */
export function* generateReports(plan: ScenarioPlan): Generator<ScenarioReport> {
  const rng = new Random(plan.seed * 7919 + 1);
  let seq = 0;
  const base = (r: Omit<ScenarioReport, 'seq'>): ScenarioReport => ({ seq: ++seq, ...r });
  for (const h of plan.hotspots.filter((x) => x.kind === 'public-space')) {
    const reporters = Array.from({ length: rng.int(12, 30) }, () => rng.int(1, 1_000_000));
    for (let w = 0; w < plan.weeks; w++) {
      if (h.stopWeek !== undefined && w >= h.stopWeek) continue;
      const n = poisson(rng, 0.8 * plan.scale * weekRate(h.pattern, w, plan.weeks));
      for (let k = 0; k < n; k++) {
        const [x, y] = jitter(rng, h.x, h.y, h.radiusM / 2);
        const t = timeIn(rng, plan, w, 'night');
        yield base({
          truth: h.id,
          channel: rng.chance(0.6) ? 'gemeente' : 'politie',
          reportedAtMs: t + rng.int(0, 40) * 60_000,
          incidentStartMs: t,
          incidentEndMs: t + rng.int(1, 4) * 30 * 60_000,
          theme: rng.pick(h.themes),
          text: fillText(rng, rng.pick(HOTSPOT_TEXT)),
          x,
          y,
          street: h.street,
          buurt: h.buurt,
          reporter: reporterEmail(rng.pick(reporters)),
        });
      }
    }
  }
  yield* dwellingReports(plan, rng, base);
  yield* decoyReports(plan, rng, base);
  yield* backgroundReports(plan, rng, base);
}

type Make = (r: Omit<ScenarioReport, 'seq'>) => ScenarioReport;

/**
 * Woonoverlast: 10-30 reports at one address from 3-8 neighbours (each at least once, one of them
 * twice as often as each other) over 20 weeks or more, of the dwelling's background.
 */
function* dwellingReports(plan: ScenarioPlan, rng: Random, base: Make): Generator<ScenarioReport> {
  for (const h of plan.hotspots.filter((x) => x.kind === 'dwelling')) {
    const [postcode, number, suffix] = h.address!.split('|') as [string, string, string];
    const neighbours = Array.from({ length: rng.int(3, 8) }, () => rng.int(1, 1_000_000));
    const weighted = neighbours.map((n, k) => [n, k === 0 ? 2 : 1] as const);
    const spanWeeks = rng.int(20, Math.min(70, plan.weeks - 1));
    const firstWeek = rng.int(0, plan.weeks - 1 - spanWeeks);
    const total = Math.round(rng.int(10, 30) * plan.scale);
    for (let k = 0; k < total; k++) {
      // Every neighbour reports at least once; after that, the first one twice as often as each other.
      const reporter = k < neighbours.length ? neighbours[k]! : rng.weighted(weighted);
      // The first and last reports mark the span; the rest fall anywhere in it.
      const week = k === 0 ? firstWeek : k === 1 ? firstWeek + spanWeeks : rng.int(firstWeek, firstWeek + spanWeeks);
      const t = timeIn(rng, plan, week, h.dwellingKind === 'geluid' || h.dwellingKind === 'drugs' ? 'night' : 'any');
      const [x, y] = jitter(rng, h.x, h.y, 3);
      yield base({
        truth: h.id,
        channel: rng.chance(0.5) ? 'gemeente' : 'politie',
        reportedAtMs: t,
        theme: rng.pick(h.themes),
        text: fillText(rng, rng.pick(DWELLING_TEXT[h.dwellingKind ?? 'woon'])),
        x,
        y,
        street: h.street,
        houseNumber: Number(number),
        ...(suffix ? { suffix } : {}),
        postcode,
        buurt: h.buurt,
        reporter: reporterEmail(reporter),
        dwelling: true,
      });
    }
  }
}

function* decoyReports(plan: ScenarioPlan, rng: Random, base: Make): Generator<ScenarioReport> {
  const [carnaval, serial, cityHall] = plan.decoys as [Decoy, Decoy, Decoy];
  // Carnaval, Saturday-Tuesday: 1-4 March 2025 (week 13) and 14-17 February 2026 (week 63).
  for (const week of [13, 63]) {
    const n = Math.round(70 * plan.scale);
    for (let k = 0; k < n; k++) {
      const t = localTime(plan, week * 7 + 5 + rng.int(0, 3), rng.int(14, 27), rng.int(0, 59));
      const [x, y] = jitter(rng, carnaval.x, carnaval.y, 50);
      yield base({
        truth: carnaval.id,
        channel: rng.chance(0.5) ? 'gemeente' : 'politie',
        reportedAtMs: t,
        theme: rng.pick(['alcohol', 'geluid', 'jeugd'] as const),
        text: rng.pick(['Dronken carnavalsvierders plassen tegen de gevel.', 'Harde muziek en vechtpartij bij de kroeg.']),
        x,
        y,
        street: 'Vrijthof',
        buurt: 'BU09350000',
        reporter: reporterEmail(rng.int(1, 1_000_000)),
      });
    }
  }
  const complainer = reporterEmail(424242);
  for (let w = 0; w < plan.weeks; w++) {
    if (!rng.chance(0.85)) continue;
    const t = timeIn(rng, plan, w, 'night');
    yield base({
      truth: serial.id,
      channel: 'gemeente',
      reportedAtMs: t,
      theme: rng.pick(['woon', 'geluid'] as const),
      text: 'Buren maken weer lawaai en ik voel me bedreigd door hun blikken.',
      x: serial.x,
      y: serial.y,
      street: 'Scharnerweg',
      houseNumber: 88,
      postcode: '6224JA',
      buurt: 'BU09350405',
      reporter: complainer,
      dwelling: true,
    });
  }
  const pinned = Math.round(40 * plan.scale);
  for (let k = 0; k < pinned; k++) {
    yield base({
      truth: cityHall.id,
      channel: 'gemeente',
      reportedAtMs: timeIn(rng, plan, rng.int(0, plan.weeks - 1), 'day'),
      theme: rng.pick(['overig', 'geluid', 'jeugd', 'drugs', 'personen'] as const),
      text: 'Locatie onbekend, melding via telefoon.',
      x: cityHall.x,
      y: cityHall.y,
      street: CITY_HALL.street,
      buurt: CITY_HALL.buurt,
      reporter: reporterEmail(rng.int(1, 1_000_000)),
    });
  }
}

const BACKGROUND_THEMES: ReadonlyArray<readonly [Theme, number]> = [
  ['geluid', 30],
  ['overig', 12],
  ['afval', 8],
  ['jeugd', 15],
  ['personen', 15],
  ['alcohol', 8],
  ['drugs', 7],
  ['verward', 5],
];

function* backgroundReports(plan: ScenarioPlan, rng: Random, base: Make): Generator<ScenarioReport> {
  const n = Math.round(2600 * plan.scale);
  for (let k = 0; k < n; k++) {
    const s: Street = rng.pick(STREETS);
    const [x, y] = jitter(rng, s.x, s.y, 350);
    const theme = rng.weighted(BACKGROUND_THEMES);
    yield base({
      truth: 'BG',
      channel: rng.chance(0.65) ? 'gemeente' : 'politie',
      reportedAtMs: timeIn(rng, plan, rng.int(0, plan.weeks - 1), rng.chance(0.5) ? 'day' : 'any'),
      theme,
      text: rng.pick(BACKGROUND_TEXT[theme]),
      x,
      y,
      street: s.name,
      ...(rng.chance(0.3)
        ? { houseNumber: rng.int(1, 200), postcode: `${s.postcode4}${'AB'[rng.int(0, 1)]}${'CDEFGH'[rng.int(0, 5)]}` }
        : {}),
      buurt: s.buurt,
      reporter: reporterEmail(rng.int(1, 1_000_000)),
    });
  }
}
