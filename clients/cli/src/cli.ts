import { type Command, type Env, EXIT, type Output, runCommand } from './command';
import { tokenCommand } from './commands/token';

export const COMMANDS: Command[] = [tokenCommand];

const HELP = [
  'metrology — dòng lệnh cho giảng viên và cán bộ / command line for trainers and officers',
  '',
  'Usage: metrology <command> [options]',
  '',
  ...COMMANDS.map((command) => `  ${command.name.padEnd(10)} ${command.summary}`),
  '',
  'metrology <command> --help shows the options of a command.',
].join('\n');

/** Runs the CLI; returns the exit code. */
export async function cli(argv: string[], env: Env, io: Output): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(`${HELP}\n`);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`Lệnh không tồn tại / unknown command: ${name}\n\n${HELP}\n`);
    return EXIT.usage;
  }
  return runCommand(command, rest, env, io);
}
