import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMappingFile } from '../../src/ingest/mapping.js';
import { defect, NOW, runCli, tempDir } from '../helpers.js';

/** Mapping templates that work: every printed mapping loads, and fed back with --map reads the file alike. */

const documents = (yaml: string) =>
  yaml
    .split(/^---$/m)
    .map((d) => d.trim())
    .filter(Boolean);

function load(yaml: string) {
  const file = join(tempDir(), 'mapping.yaml');
  writeFileSync(file, yaml);
  return { file, loaded: loadMappingFile(file) };
}

describe('profiles NAME', () => {
  it.each(['signalen', 'police-uk', 'generic'])('prints %s as valid, commented mapping files', async (name) => {
    const r = await runCli(['profiles', name]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# /m);
    for (const doc of documents(r.stdout)) expect(load(doc).loaded.mapping.fields.reportedAt).toBeDefined();
  });

  it("generic: a file with the template's columns is read with it", async () => {
    const { file } = load((await runCli(['profiles', 'generic'])).stdout);
    const csv = join(tempDir(), 'mijn-export.csv');
    writeFileSync(
      csv,
      'meldingnummer,datum_melding,hoofdcategorie,subcategorie,omschrijving,x,y,straat,huisnummer,postcode,woonplaats,buurtcode,melder_email\n' +
        'M1,01-06-2026 21:15,Overlast van en door personen of groepen,Drank- / drugsoverlast,tekst,176248,317718,Vrijthof,1,6211LE,Maastricht,BU09350000,a@b.nl\n',
    );
    const j = JSON.parse((await runCli(['validate', csv, '--map', file, '--now', NOW, '--json'])).stdout);
    expect(j.files[0]).toMatchObject({ profile: 'mijn-export', accepted: 1 });
  });
});

describe('validate --print-mapping', () => {
  it.each([
    [['fixtures/demo/politie-export.csv']],
    [[defect('signalen-export.csv')]],
    [[defect('cp1252-semicolon.csv')]],
    [[defect('headerless-fixi.csv'), '--map', defect('headerless-fixi.mapping.yaml')]],
  ])('prints the mapping it used for %j; fed back with --map it reads the same', async (args) => {
    const [file, ...rest] = args as string[];
    const printed = await runCli(['validate', file!, ...rest, '--now', NOW, '--print-mapping']);
    expect(printed.stdout).toMatch(/^# The mapping hotspots used for /);
    const { file: mapping } = load(printed.stdout);
    const before = JSON.parse((await runCli(['validate', file!, ...rest, '--now', NOW, '--json'])).stdout).files[0];
    const after = JSON.parse((await runCli(['validate', file!, '--map', mapping, '--now', NOW, '--json'])).stdout).files[0];
    for (const k of ['read', 'accepted', 'rejected', 'duplicates', 'themes', 'rejectReasons'] as const)
      expect(after[k], k).toEqual(before[k]);
  });
});

describe('time zones per file', () => {
  it("reads local times in the profile's zone, or in --tz, and says which", async () => {
    const csv = join(tempDir(), 'zones.csv');
    writeFileSync(csv, 'id,datum,categorie,lat,lon\nA,2026-06-01 22:00,Drugsoverlast,50.8489,5.6889\n');
    const ams = JSON.parse((await runCli(['validate', csv, '--now', NOW, '--json'])).stdout).files[0];
    expect(ams).toMatchObject({ timeZone: 'Europe/Amsterdam', firstReportedAt: '2026-06-01T22:00:00+02:00' });
    const lon = JSON.parse((await runCli(['validate', csv, '--now', NOW, '--json', '--tz', 'Europe/London'])).stdout).files[0];
    expect(lon).toMatchObject({ timeZone: 'Europe/London', firstReportedAt: '2026-06-01T22:00:00+01:00' });
    expect((await runCli(['validate', csv, '--now', NOW, '--tz', 'Europe/Maastricht'])).stderr).toMatch(
      /--tz: "Europe\/Maastricht" is not a time zone/,
    );
  });
});

describe('a housing corporation export without a mapping', () => {
  it('is read by the generic profile: klachtnummer, datum klacht, soort overlast, adres, klager', async () => {
    const csv = join(tempDir(), 'corporatie.csv');
    writeFileSync(
      csv,
      'Klachtnummer;Datum klacht;Soort overlast;Omschrijving;Adres;Postcode;Plaats;Klager\n' +
        'K-1;03-02-2026;Geluidsoverlast;Harde muziek;Kerkstraat 12 A;6211 AB;Maastricht;jan@example.nl\n' +
        'K-2;05-02-2026;Burenruzie;;Kerkstraat 12A;6211AB;Maastricht;piet@example.nl\n',
    );
    const printed = (await runCli(['validate', csv, '--now', NOW, '--print-mapping'])).stdout;
    for (const field of ['id: Klachtnummer', 'reportedAt: Datum klacht', 'category: Soort overlast', 'address: Adres', 'reporter: Klager'])
      expect(printed).toContain(field);
    const j = JSON.parse((await runCli(['validate', csv, '--now', NOW, '--json'])).stdout);
    expect(j.files[0]).toMatchObject({ accepted: 2, themes: { geluid: 1, woon: 1 } });
  });
});
