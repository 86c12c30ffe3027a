import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACT_PATHS } from '../src/logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, stream);
  return { logger, lines };
}

describe('logging never writes personal data (Decree 13/2023/NĐ-CP)', () => {
  it('redacts citizen ID, birth date, email, phone and name at the top level and one level down', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        citizenId: '001099012345',
        trainee: {
          citizenId: '001099012345',
          dateOfBirth: '1990-01-02',
          email: 'hai@example.vn',
          phone: '0912345678',
          fullName: 'Nguyễn Văn Hải',
        },
      },
      'trainee enrolled',
    );
    const written = lines.join('');
    for (const secret of ['001099012345', '1990-01-02', 'hai@example.vn', '0912345678', 'Nguyễn Văn Hải']) {
      expect(written).not.toContain(secret);
    }
    expect(written).toContain('[redacted]');
  });

  it('redacts the Authorization header and GraphQL variables', () => {
    const { logger, lines } = capture();
    logger.info(
      { req: { headers: { authorization: 'Bearer abc.def.ghi' } }, request: { variables: { citizenId: 'x' } } },
      'request',
    );
    expect(lines.join('')).not.toContain('abc.def.ghi');
    expect(lines.join('')).not.toContain('"citizenId"');
  });
});
