import { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { historyPath } from '../../pipeline/history.js';
import { assessmentsJson, listAssessments, recordAssessment } from '../../pipeline/assess.js';
import { ASSESSMENT_STATUSES, type Assessment } from '../../model/assessment.js';
import { UserError } from '../../util/errors.js';
import { parseNow } from '../options.js';

interface AssessFlags {
  status?: string;
  since?: string;
  team?: string;
  ref?: string;
  list?: boolean;
  db?: string;
  now?: string;
  json?: boolean;
}

const line = (a: Assessment) =>
  `${a.key.padEnd(8)} ${a.status.padEnd(12)} since ${a.since}  ${(a.team ?? '').padEnd(20)} ${(a.ref ?? '').padEnd(12)} recorded ${a.recordedAt}\n`;

/** `hotspots assess KEY --status ...` records a team's decision; `--list` shows them. */
export function assessCommand(ctx: CommandContext): Command {
  return new Command('assess')
    .summary("record a gebiedsteam's decision about a hotspot key, or list them")
    .description(
      `Records a decision (${ASSESSMENT_STATUSES.join(', ')}) with the date it holds from, the team and an external ` +
        'case reference. Every decision is kept (an audit trail); the latest is the current status, shown in every ' +
        'screening, export and report. There is no notes field: notes attract names (AVG); keep them in the case system.',
    )
    .argument('[key]', 'the hotspot key, e.g. HS-0012 (with --list: only this key)')
    .option('--status <status>', ASSESSMENT_STATUSES.join('|'))
    .option('--since <date>', 'the date the status holds from, yyyy-mm-dd (default today)')
    .option('--team <name>', 'the gebiedsteam')
    .option('--ref <ref>', 'an external case reference, e.g. ZAAK-123')
    .option('--list', 'list the current statuses and the audit trail')
    .option('--db <file>', 'history file (default $HOTSPOTS_DB or ./hotspots.sqlite)')
    .option('--now <time>', 'the current time (ISO 8601)')
    .option('--json', 'as JSON')
    .action((key: string | undefined, flags: AssessFlags) => {
      const { io } = ctx;
      const dbPath = historyPath(io.cwd, io.env, flags.db);
      if (flags.list) {
        const r = listAssessments(dbPath, key);
        if (flags.json) {
          io.stdout.write(`${JSON.stringify(assessmentsJson(r), null, 2)}\n`);
          return;
        }
        if (r.trail.length === 0) {
          io.stdout.write(key ? `no decisions about ${key} yet\n` : 'no decisions yet\n');
          return;
        }
        io.stdout.write('current status\n');
        for (const a of r.current) io.stdout.write(`  ${line(a)}`);
        io.stdout.write('audit trail (oldest first)\n');
        for (const a of r.trail) io.stdout.write(`  ${line(a)}`);
        return;
      }
      if (!key)
        throw new UserError('assess needs a hotspot key', {
          hint: 'hotspots assess HS-0012 --status aanpak --since 2025-03-01, or --list',
        });
      if (!flags.status) throw new UserError('assess needs --status', { hint: `one of ${ASSESSMENT_STATUSES.join(', ')}` });
      const a = recordAssessment(dbPath, {
        key,
        status: flags.status,
        nowMs: parseNow(flags.now, io.now).getTime(),
        ...(flags.since !== undefined ? { since: flags.since } : {}),
        ...(flags.team !== undefined ? { team: flags.team } : {}),
        ...(flags.ref !== undefined ? { ref: flags.ref } : {}),
      });
      if (flags.json) io.stdout.write(`${JSON.stringify({ schemaVersion: 1, recorded: a }, null, 2)}\n`);
      else io.stdout.write(`recorded: ${line(a)}`);
    });
}
