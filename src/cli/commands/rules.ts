import { Command, Option } from 'commander';
import type { Lang } from '../../model/lang.js';
import type { CommandContext } from '../context.js';
import { loadRulesFile } from '../../pipeline/inputs.js';
import { explainRules } from '../../rules/explain.js';
import { rulesJsonSchema } from '../../pipeline/schemas.js';

/** `hotspots rules check|explain|schema`: the indicator rules as data. */
export function rulesCommand(ctx: CommandContext): Command {
  const rules = new Command('rules').summary('check, explain or describe indicator rules files');
  rules.addCommand(
    new Command('check')
      .description('check a rules file (default: the bundled rules); every problem with file:line:column')
      .argument('[file]', 'rules file (YAML or JSON)')
      .action((file: string | undefined) => {
        const loaded = loadRulesFile(ctx.io.cwd, file);
        const r = loaded.rules;
        ctx.io.stdout.write(
          `${loaded.file}: ok (${r.signals.length} signals, ${r.indicators.length} indicators; sha256 ${loaded.sha256.slice(0, 12)})\n`,
        );
      }),
  );
  rules.addCommand(
    new Command('explain')
      .description('print the rules in plain language (Dutch, or English with --lang en)')
      .argument('[file]', 'rules file (default: the bundled rules)')
      .addOption(
        new Option('--lang <lang>', "language of the explanation; the rules' own labels are shown as written")
          .choices(['nl', 'en'])
          .default('nl'),
      )
      .action((file: string | undefined, flags: { lang: Lang }) => {
        ctx.io.stdout.write(explainRules(loadRulesFile(ctx.io.cwd, file).rules, flags.lang));
      }),
  );
  rules.addCommand(
    new Command('schema').description('print the JSON Schema of rules files, for editors').action(() => {
      ctx.io.stdout.write(`${JSON.stringify(rulesJsonSchema(), null, 2)}\n`);
    }),
  );
  return rules;
}
