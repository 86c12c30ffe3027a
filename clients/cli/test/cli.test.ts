import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTokenVerifier, DEV_JWT_SECRET } from '@metrology/kit';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = path.resolve(__dirname, '../dist/main.js');
const JWT = {
  issuer: 'metrology-dev',
  audience: 'metrology-platform',
  secret: DEV_JWT_SECRET,
  rolesClaim: 'roles',
  maxLifetimeSeconds: 12 * 60 * 60,
};

async function metrology(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('metrology CLI (the built binary)', () => {
  it('prints a development token for the demo trainer that the gateway’s verifier accepts', async () => {
    const result = await metrology(['token', '--role', 'trainer']);
    expect(result.code).toBe(0);
    const identity = await createTokenVerifier(JWT)(result.stdout.trim());
    expect(identity).toEqual({ subject: 'demo-trainer', roles: ['trainer'], name: 'Giảng viên Trần Thị Bình (demo)' });
  });

  it('takes a chosen subject, several roles and a display name', async () => {
    const result = await metrology([
      'token',
      '--role',
      'trainer',
      '--role',
      'assessor',
      '--sub',
      'u-42',
      '--name',
      'Nguyễn Văn Hải',
    ]);
    expect(await createTokenVerifier(JWT)(result.stdout.trim())).toEqual({
      subject: 'u-42',
      roles: ['trainer', 'assessor'],
      name: 'Nguyễn Văn Hải',
    });
  });

  it('refuses an unknown role with exit code 2 and the usage', async () => {
    const result = await metrology(['token', '--role', 'emperor']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown role: emperor');
    expect(result.stderr).toContain('Usage: metrology token');
  });

  it('refuses a lifetime past the maximum the gateway accepts (exit 2), and follows JWT_MAX_LIFETIME_SECONDS', async () => {
    const tooLong = await metrology(['token', '--role', 'viewer', '--hours', '13']);
    expect(tooLong.code).toBe(2);
    expect(tooLong.stdout).toBe('');
    expect(tooLong.stderr).toContain('--hours must be more than 0 and at most 12 hours');
    const shorter = await metrology(['token', '--role', 'viewer', '--hours', '2'], { JWT_MAX_LIFETIME_SECONDS: '3600' });
    expect(shorter.code).toBe(2);
    expect(shorter.stderr).toContain('at most 1 hours');
    // Without --hours, the token lives as long as the maximum allows.
    const fitted = await metrology(['token', '--role', 'viewer'], { JWT_MAX_LIFETIME_SECONDS: '3600' });
    expect(fitted.code).toBe(0);
    const verify = createTokenVerifier({ ...JWT, maxLifetimeSeconds: 3600 });
    expect((await verify(fitted.stdout.trim())).subject).toBe('demo-viewer');
  });

  it('refuses to issue development tokens in production (exit 1)', async () => {
    const result = await metrology(['token', '--role', 'admin'], {
      NODE_ENV: 'production',
      GATEWAY_SECRET: 'g'.repeat(40),
      JWT_SECRET: 'j'.repeat(40),
      JWT_ISSUER: 'https://id.example.gov.vn',
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
  });

  it('answers --help for the program and for each command, with its options', async () => {
    const program = await metrology(['--help']);
    expect(program.code).toBe(0);
    const options: Record<string, string[]> = {
      'import-attendance': ['--session', '--file', '--valid-rows-only', '--url', '--token'],
      'issue-certificates': ['--course', '--url', '--token'],
      'download-certificate': ['--id', '--out', '--url', '--token'],
      'download-report': ['--plan', '--year', '--out', '--url', '--token'],
      token: ['--role', '--sub', '--hours'],
    };
    for (const [command, expected] of Object.entries(options)) {
      expect(program.stdout).toContain(`  ${command} `);
      const help = await metrology([command, '--help']);
      expect(help.code, command).toBe(0);
      expect(help.stdout).toContain(`Usage: metrology ${command}`);
      for (const option of expected) expect(help.stdout, `${command} ${option}`).toContain(option);
    }
  });

  it('answers exit 2 with the usage for a malformed --url, before any request', async () => {
    const result = await metrology(['issue-certificates', '--course', 'c-1', '--url', 'localhost:4000']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--url must be an http(s) URL: localhost:4000');
  });

  it('refuses an unknown command with exit code 2', async () => {
    const result = await metrology(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command: frobnicate');
  });
});
