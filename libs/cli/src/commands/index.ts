import type { CliCommand } from '../command.js';
import { fixturesCommand } from './fixtures.command.js';
import { signCommand } from './sign.command.js';
import { triggerCommand } from './trigger.command.js';
import { deadLettersCommand } from './dead-letters.command.js';
import { runsCommand } from './runs.command.js';
import { tailCommand } from './tail.command.js';
import { doctorCommand } from './doctor.command.js';

/** Every command, in the order `aiwire --help` lists them. Append one import and one entry per command. */
export const COMMANDS: readonly CliCommand[] = [triggerCommand, signCommand, fixturesCommand, deadLettersCommand, runsCommand, tailCommand, doctorCommand];
