import { EnvReader, readCommon, readJwtConfig } from '@metrology/kit/config';
import { DEMO_USERS, isRole, ROLES, signDevelopmentToken } from '@metrology/kit/identity';
import { type Command, EXIT, UsageError } from '../command';

/** Prints a development token accepted by a gateway with the same JWT settings. */
export const tokenCommand: Command = {
  name: 'token',
  summary: 'In ra mã xác thực (JWT) phát triển cho một vai trò. / Print a development token for a role.',
  usage: [
    'Usage: metrology token --role <role> [--role <role>…] [--sub <user id>] [--name <display name>] [--hours 12]',
    '',
    `  --role   ${ROLES.join(' | ')} (repeatable)`,
    '  --sub    the user id (token subject); default: the demo user of the first role',
    '  --name   display name; default: the demo user’s',
    '  --hours  lifetime in hours, at most the gateway’s JWT_MAX_LIFETIME_SECONDS (default 12 hours or that maximum)',
    '',
    `Demo users: ${DEMO_USERS.map((user) => `${user.subject} (${user.roles.join(', ')})`).join(', ')}`,
    'Uses JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE and JWT_ROLES_CLAIM as the gateway does. Refused when NODE_ENV=production.',
  ].join('\n'),
  options: {
    role: { type: 'string', multiple: true },
    sub: { type: 'string' },
    name: { type: 'string' },
    hours: { type: 'string' },
  },
  async run(values, env, io) {
    const requested = (values.role as string[] | undefined) ?? [];
    if (requested.length === 0) throw new UsageError('Thiếu --role. / --role is required.');
    const unknown = requested.filter((role) => !isRole(role));
    if (unknown.length > 0) throw new UsageError(`Vai trò không hợp lệ / unknown role: ${unknown.join(', ')}`);
    const roles = requested.filter(isRole);
    const reader = new EnvReader(env);
    const common = readCommon(reader);
    const jwt = readJwtConfig(reader, common.environment);
    reader.done();
    // The gateway refuses a token that lives longer than its maximum: none is issued.
    const maxHours = jwt.maxLifetimeSeconds / 3600;
    const hours = values.hours === undefined ? Math.min(12, maxHours) : Number(values.hours);
    if (!Number.isFinite(hours) || hours <= 0 || Math.round(hours * 3600) > jwt.maxLifetimeSeconds) {
      throw new UsageError(
        `--hours phải từ 0 đến ${maxHours} giờ (JWT_MAX_LIFETIME_SECONDS). / --hours must be more than 0 and at most ${maxHours} hours, the maximum token lifetime the gateway accepts (JWT_MAX_LIFETIME_SECONDS).`,
      );
    }
    if (common.environment === 'production') {
      io.err('Không cấp mã phát triển trong môi trường production. / Development tokens are not issued in production.\n');
      return EXIT.failed;
    }
    const demo = DEMO_USERS.find((user) => user.roles[0] === roles[0]);
    const subject = (values.sub as string | undefined) ?? demo?.subject ?? `dev-${roles[0]}`;
    const name = (values.name as string | undefined) ?? demo?.name;
    io.out(`${await signDevelopmentToken(jwt, { subject, roles, name }, Math.round(hours * 3600))}\n`);
    return EXIT.ok;
  },
};
