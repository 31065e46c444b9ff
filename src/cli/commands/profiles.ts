import { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { builtInProfiles } from '../../pipeline/profiles.js';
import { UserError } from '../../util/errors.js';

/** `hotspots profiles [NAME]`: lists built-in column profiles, or prints one as a mapping template. */
export function profilesCommand(ctx: CommandContext): Command {
  return new Command('profiles')
    .summary('list built-in column profiles, or print one as a mapping-file template')
    .argument('[name]', 'profile to print as a commented mapping file (a starting point for --map)')
    .action((name: string | undefined) => {
      const profiles = builtInProfiles();
      if (!name) {
        for (const p of profiles) ctx.io.stdout.write(`${p.name.padEnd(10)} ${p.summary}\n`);
        return;
      }
      const p = profiles.find((x) => x.name === name);
      if (!p) throw new UserError(`no profile "${name}"`, { hint: `choose one of ${profiles.map((x) => x.name).join(', ')}` });
      ctx.io.stdout.write(p.template());
    });
}
