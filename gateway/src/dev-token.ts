/**
 * Prints a development token for a role and a user, accepted by a gateway that runs with the
 * development JWT settings (or the same JWT_SECRET/JWT_ISSUER/JWT_AUDIENCE).
 *
 *   pnpm token --role trainer [--sub demo-trainer] [--name "Trần Thị Bình"] [--hours 12]
 */
import { parseArgs } from 'node:util';
import { isRole, ROLES, signDevelopmentToken } from '@metrology/kit/identity';
import { loadGatewayConfig } from './config';
import { DEMO_USERS } from './demo-users';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      sub: { type: 'string' },
      name: { type: 'string' },
      hours: { type: 'string', default: '12' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.role?.length) {
    process.stdout.write(
      `Usage: pnpm token --role <${ROLES.join('|')}> [--role …] [--sub <user id>] [--name <display name>] [--hours 12]\n` +
        `Demo users: ${DEMO_USERS.map((u) => `${u.subject} (${u.roles.join(', ')})`).join('; ')}\n`,
    );
    process.exit(values.help ? 0 : 2);
  }
  const roles = values.role.filter(isRole);
  if (roles.length !== values.role.length) {
    process.stderr.write(`Unknown role. Roles: ${ROLES.join(', ')}\n`);
    process.exit(2);
  }
  const hours = Number(values.hours);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) {
    process.stderr.write('--hours must be a number of hours from 0 to 720\n');
    process.exit(2);
  }
  const config = loadGatewayConfig();
  if (config.environment === 'production') {
    process.stderr.write('Development tokens are not issued in production.\n');
    process.exit(2);
  }
  const demo = DEMO_USERS.find((user) => user.roles[0] === roles[0]);
  const token = await signDevelopmentToken(
    config.jwt,
    { subject: values.sub ?? demo?.subject ?? `dev-${roles[0]}`, roles, name: values.name ?? demo?.name },
    Math.round(hours * 3600),
  );
  process.stdout.write(`${token}\n`);
}

void main();
