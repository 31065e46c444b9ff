import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { validateCommand } from './validate.js';
import { screenCommand } from './screen.js';
import { profilesCommand } from './profiles.js';
import { rulesCommand } from './rules.js';
import { historyCommand } from './history.js';
import { trendCommand } from './trend.js';
import { hottimesCommand } from './hottimes.js';
import { exportCommand } from './export.js';
import { assessCommand } from './assess.js';
import { effectCommand } from './effect.js';

/** The registry of commands, in help order. */
export const COMMANDS: ReadonlyArray<(ctx: CommandContext) => Command> = [
  screenCommand,
  validateCommand,
  exportCommand,
  trendCommand,
  assessCommand,
  effectCommand,
  hottimesCommand,
  historyCommand,
  rulesCommand,
  profilesCommand,
];
