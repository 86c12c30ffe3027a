import path from 'node:path';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, type JwtConfig } from './identity/jwt';

/**
 * Configuration is read from the environment once, validated, and passed down as plain objects.
 * No service code reads `process.env` elsewhere (test helpers and the launcher read their own). Every value has a default that runs on a
 * laptop; secrets default to clearly marked development values that production mode refuses.
 */

export type Environment = 'development' | 'test' | 'production';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Development-only defaults. Production mode refuses to start with any of them. */
export const DEV_GATEWAY_SECRET = 'dev-only-gateway-secret-do-not-use-in-production';
export const DEV_JWT_SECRET = 'dev-only-jwt-secret-do-not-use-in-production';

type Env = Record<string, string | undefined>;

/** Collects every problem before failing, so that one start shows all misconfigurations. */
export class EnvReader {
  private readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    const value = this.env[name];
    return value === undefined || value === '' ? fallback : value;
  }

  optional(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value === '' ? undefined : value;
  }

  int(name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  }

  url(name: string, protocols: string[]): string | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
      return raw;
    } catch {
      this.problems.push(`${name} must be a ${protocols.join(' or ')} URL`);
      return undefined;
    }
  }

  secret(name: string, devDefault: string, environment: Environment, minLength = 32): string {
    const raw = this.optional(name);
    if (raw === undefined) {
      if (environment === 'production') this.problems.push(`${name} is required in production`);
      return devDefault;
    }
    if (raw.length < minLength) this.problems.push(`${name} must be at least ${minLength} characters`);
    if (environment === 'production' && raw === devDefault) {
      this.problems.push(`${name} must not be the development default in production`);
    }
    return raw;
  }

  problem(message: string): void {
    this.problems.push(message);
  }

  done(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}

export interface CommonConfig {
  environment: Environment;
  logLevel: string;
  /** HMAC key shared by the gateway and the subgraphs to sign the caller's identity. */
  gatewaySecret: string;
}

export function readCommon(reader: EnvReader): CommonConfig {
  const environment = reader.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  return {
    environment,
    logLevel: reader.oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      environment === 'test' ? 'silent' : 'info',
    ),
    gatewaySecret: reader.secret('GATEWAY_SECRET', DEV_GATEWAY_SECRET, environment),
  };
}

/**
 * How bearer tokens are verified (gateway) and, in development, issued (CLI): HS256 with
 * `JWT_SECRET`, or a real identity provider's `JWT_PUBLIC_KEY` / `JWT_JWKS_URL`.
 */
export function readJwtConfig(reader: EnvReader, environment: Environment): JwtConfig {
  const publicKeyPem = reader.optional('JWT_PUBLIC_KEY');
  const jwksUrl = reader.url('JWT_JWKS_URL', ['https:', 'http:']);
  if (publicKeyPem && jwksUrl) reader.problem('set JWT_PUBLIC_KEY or JWT_JWKS_URL, not both');
  if (environment === 'production' && !reader.optional('JWT_ISSUER')) reader.problem('JWT_ISSUER is required in production');
  return {
    issuer: reader.string('JWT_ISSUER', 'metrology-dev'),
    audience: reader.string('JWT_AUDIENCE', 'metrology-platform'),
    // With a public key or JWKS the HS256 secret is not used, and not required in production.
    secret:
      publicKeyPem || jwksUrl
        ? reader.string('JWT_SECRET', DEV_JWT_SECRET)
        : reader.secret('JWT_SECRET', DEV_JWT_SECRET, environment),
    publicKeyPem,
    jwksUrl,
    rolesClaim: reader.string('JWT_ROLES_CLAIM', 'roles'),
    // From one minute to a week; longer-lived bearer tokens are refused however they are signed.
    maxLifetimeSeconds: reader.int('JWT_MAX_LIFETIME_SECONDS', DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, 60, 7 * 24 * 60 * 60),
  };
}

export type SubgraphName = 'training' | 'labs' | 'funding';

/** The subgraphs, in the platform's order (schema files, composition, the role document). */
export const SUBGRAPH_NAMES: readonly SubgraphName[] = ['training', 'labs', 'funding'];

export const SUBGRAPH_DEFAULT_PORTS: Record<SubgraphName, number> = {
  training: 4001,
  labs: 4002,
  funding: 4003,
};

/** The reports service (clients/reports), behind the gateway like the subgraphs. */
export const REPORTS_DEFAULT_PORT = 4004;

export interface SubgraphConfig extends CommonConfig {
  name: SubgraphName;
  host: string;
  port: number;
  /** Real PostgreSQL when set; otherwise an embedded PGlite database under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  poolSize: number;
  /** Public base URL of the gateway, used in links that people open (verification, downloads). */
  publicUrl: string;
  /** The authority that issues certificates and reports, and who signs them. */
  authority: { name: string; signerName: string; signerTitle: string };
  /** Add the clearly labelled demo data set at start (development only). */
  seedDemo: boolean;
  /**
   * GraphQL URLs of the other subgraphs, for the few questions one asks another (whether an
   * entity it links to exists): `TRAINING_URL`, `LABS_URL`, `FUNDING_URL`, the same variables the
   * gateway reads; default the local ports.
   */
  peers: Record<SubgraphName, string>;
}

function peerUrl(reader: EnvReader, name: SubgraphName): string {
  return (
    reader.url(`${name.toUpperCase()}_URL`, ['http:', 'https:']) ?? `http://127.0.0.1:${SUBGRAPH_DEFAULT_PORTS[name]}/graphql`
  );
}

/** Reads one subgraph's configuration: `<NAME>_DATABASE_URL`, `<NAME>_PORT`, and the common keys. */
export function loadSubgraphConfig(name: SubgraphName, env: Env = process.env): SubgraphConfig {
  const reader = new EnvReader(env);
  const prefix = name.toUpperCase();
  const common = readCommon(reader);
  const config: SubgraphConfig = {
    ...common,
    name,
    host: reader.string('HOST', '127.0.0.1'),
    port: reader.int(`${prefix}_PORT`, SUBGRAPH_DEFAULT_PORTS[name], 0, 65535),
    databaseUrl: reader.url(`${prefix}_DATABASE_URL`, ['postgres:', 'postgresql:']),
    dataDir: path.resolve(reader.string('DATA_DIR', '.data'), name),
    poolSize: reader.int('DATABASE_POOL_SIZE', 10, 1, 200),
    publicUrl: (reader.url('PUBLIC_URL', ['http:', 'https:']) ?? 'http://localhost:4000').replace(/\/+$/, ''),
    authority: {
      name: reader.string('AUTHORITY_NAME', 'Sở Khoa học và Công nghệ tỉnh Lạng Sơn'),
      signerName: reader.string('AUTHORITY_SIGNER_NAME', 'Nguyễn Văn A (mẫu)'),
      signerTitle: reader.string('AUTHORITY_SIGNER_TITLE', 'Giám đốc'),
    },
    seedDemo: reader.oneOf('SEED_DEMO', ['true', 'false'] as const, 'false') === 'true',
    peers: {
      training: peerUrl(reader, 'training'),
      labs: peerUrl(reader, 'labs'),
      funding: peerUrl(reader, 'funding'),
    },
  };
  if (common.environment === 'production' && config.seedDemo) reader.problem('SEED_DEMO must not be true in production');
  if (common.environment === 'production' && !config.databaseUrl) {
    reader.problem(`${prefix}_DATABASE_URL is required in production (the embedded database is for development)`);
  }
  reader.done();
  return config;
}
