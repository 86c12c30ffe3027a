import { type Command, type Env, EXIT, type Output, runCommand } from './command';
import { downloadCertificateCommand } from './commands/download-certificate';
import { downloadReportCommand } from './commands/download-report';
import { importAttendanceCommand } from './commands/import-attendance';
import { issueCertificatesCommand } from './commands/issue-certificates';
import { tokenCommand } from './commands/token';
import { DEFAULT_GATEWAY_URL } from './gateway';

export const COMMANDS: Command[] = [
  importAttendanceCommand,
  issueCertificatesCommand,
  downloadCertificateCommand,
  downloadReportCommand,
  tokenCommand,
];

const HELP = [
  'metrology — dòng lệnh cho giảng viên và cán bộ / command line for trainers and officers',
  '',
  'Usage: metrology <command> [options]',
  '',
  ...COMMANDS.map((command) => `  ${command.name.padEnd(21)} ${command.summary}`),
  '',
  'Commands that call the gateway take --url (default: METROLOGY_URL, else',
  `${DEFAULT_GATEWAY_URL}) and --token (default: METROLOGY_TOKEN).`,
  'Exit codes: 0 done, 1 the operation failed, 2 the command line was wrong.',
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
