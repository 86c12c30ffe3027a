import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadGatewayConfig } from '@metrology/gateway';
import { loadSubgraphConfig, type SubgraphName } from '@metrology/kit/config';
import { loadReportsConfig } from '@metrology/reports';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The production topology (docker-compose.yml + Dockerfile) checked without a Docker engine: the
 * compose file is parsed, each service's environment is interpolated the way compose does it, and
 * the result is fed to the same configuration loaders the services run at start.
 */

const root = path.resolve(__dirname, '..');
const composePath = path.join(root, 'docker-compose.yml');

type Env = Record<string, string | undefined>;

interface ComposeBuild {
  context?: string;
  dockerfile?: string;
  target?: string;
  args?: Record<string, string> | string[];
}

interface ComposeService {
  image?: string;
  build?: ComposeBuild | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: unknown[];
  expose?: (string | number)[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string[] | string; disable?: boolean };
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  configs?: { source: string; target: string }[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  configs?: Record<string, { content?: string }>;
}

const SUBGRAPHS: SubgraphName[] = ['training', 'labs', 'funding'];
const SUBGRAPH_PORTS: Record<SubgraphName, number> = { training: 4001, labs: 4002, funding: 4003 };
const APP_SERVICES = [...SUBGRAPHS, 'gateway', 'reports'];

/** What an operator would put in `.env`: the required secrets, nothing else. */
const SAMPLE_VARIABLES: Env = {
  GATEWAY_SECRET: 'g'.repeat(40),
  JWT_SECRET: 'j'.repeat(40),
  POSTGRES_PASSWORD: 'pw',
};

function loadCompose(): ComposeFile {
  // Compose understands YAML merge keys (`<<: *anchor`); the yaml package needs them switched on.
  return parse(readFileSync(composePath, 'utf8'), { merge: true }) as ComposeFile;
}

function service(compose: ComposeFile, name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/**
 * Compose variable interpolation: `$$`, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+alternative}`, `${VAR+alternative}`. Like compose, a
 * missing required variable is an error.
 */
function interpolate(value: string, variables: Env): string {
  const pattern = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;
  const result = value.replace(pattern, (match, dollar, braced, operator, argument, bare) => {
    if (dollar) return '$';
    const name: string = braced ?? bare;
    const current = variables[name];
    const unset = current === undefined;
    const empty = unset || current === '';
    switch (operator as string | undefined) {
      case undefined:
        return current ?? '';
      case ':-':
        return empty ? argument : (current as string);
      case '-':
        return unset ? argument : (current as string);
      case ':?':
      case '?':
        if (operator === ':?' ? empty : unset) throw new Error(`required variable ${name} is missing: ${argument || match}`);
        return current as string;
      case ':+':
        return empty ? '' : argument;
      case '+':
        return unset ? '' : argument;
      default:
        throw new Error(`unsupported interpolation ${match}`);
    }
  });
  if (/\$\{/.test(result.replace(/\$\$/g, ''))) throw new Error(`invalid interpolation in "${value}"`);
  return result;
}

/** A service's `environment` (map or list form), interpolated with `variables`. */
function resolveEnvironment(definition: ComposeService, variables: Env = SAMPLE_VARIABLES): Env {
  const raw = definition.environment ?? {};
  const entries: [string, string | undefined][] = Array.isArray(raw)
    ? raw.map((line) => {
        const index = line.indexOf('=');
        return index === -1 ? [line, variables[line]] : [line.slice(0, index), line.slice(index + 1)];
      })
    : Object.entries(raw).map(([key, value]) => [key, value === null ? variables[key] : String(value)]);
  return Object.fromEntries(
    entries.map(([key, value]) => [key, value === undefined ? undefined : interpolate(value, variables)]),
  );
}

function healthcheckCommand(definition: ComposeService): string {
  const test = definition.healthcheck?.test;
  if (test === undefined) return '';
  return Array.isArray(test) ? test.join(' ') : test;
}

function dependencies(definition: ComposeService): Record<string, string | undefined> {
  const raw = definition.depends_on ?? {};
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(raw).map(([name, options]) => [name, options?.condition]));
}

/** The SQL that postgres runs on first start: the compose config mounted into its init folder. */
function initScript(compose: ComposeFile): string {
  const postgres = service(compose, 'postgres');
  const mounted = (postgres.configs ?? []).find((config) => config.target === '/docker-entrypoint-initdb.d/init-databases.sql');
  if (!mounted) throw new Error('postgres mounts no init script');
  const content = compose.configs?.[mounted.source]?.content;
  if (!content) throw new Error(`config ${mounted.source} has no content`);
  return content;
}

function bindMount(definition: ComposeService, target: string): string | undefined {
  for (const volume of definition.volumes ?? []) {
    if (typeof volume === 'string') {
      const [source, mountTarget] = volume.split(':');
      if (mountTarget === target) return source;
    } else if (volume.target === target) {
      return volume.source;
    }
  }
  return undefined;
}

function buildOf(definition: ComposeService): ComposeBuild {
  const build = definition.build;
  if (build === undefined) throw new Error('service has no build section');
  return typeof build === 'string' ? { context: build } : build;
}

function buildArgs(build: ComposeBuild): Record<string, string> {
  const args = build.args ?? {};
  if (!Array.isArray(args)) return args;
  return Object.fromEntries(args.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

function databasesCreatedBy(sql: string): string[] {
  const withoutComments = sql.replace(/--.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
  return [...withoutComments.matchAll(/\bcreate\s+database\s+(?:if\s+not\s+exists\s+)?"?([A-Za-z_][A-Za-z0-9_]*)"?/gi)].map((m) =>
    m[1].toLowerCase(),
  );
}

describe('production topology (docker-compose.yml)', () => {
  it('declares postgres with a healthcheck and an init script that creates exactly the training, labs and funding databases', () => {
    const compose = loadCompose();
    expect(Object.keys(compose.services).sort()).toEqual(['funding', 'gateway', 'labs', 'postgres', 'reports', 'training']);

    const postgres = service(compose, 'postgres');
    expect(postgres.image).toBe('postgres:15-alpine');
    expect(healthcheckCommand(postgres)).toMatch(/pg_isready/);

    const dataVolume = bindMount(postgres, '/var/lib/postgresql/data');
    expect(dataVolume, 'postgres keeps its data in a named volume').toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(dataVolume);

    expect(databasesCreatedBy(initScript(compose)).sort()).toEqual(['funding', 'labs', 'training']);
  });

  it.each(SUBGRAPHS)(
    'the %s service’s environment passes the subgraph’s production configuration and targets its own database',
    (name) => {
      const compose = loadCompose();
      const env = resolveEnvironment(service(compose, name));
      expect(env.NODE_ENV).toBe('production');
      expect(env.HOST).toBe('0.0.0.0');

      const config = loadSubgraphConfig(name, env);
      expect(config.environment).toBe('production');
      expect(config.gatewaySecret).toBe(SAMPLE_VARIABLES.GATEWAY_SECRET);
      expect(config.port).toBe(SUBGRAPH_PORTS[name]);
      expect(config.publicUrl).toBe('http://localhost:4000');

      const database = new URL(config.databaseUrl as string);
      expect(database.hostname).toBe('postgres');
      expect(database.port).toBe('5432');
      expect(database.pathname).toBe(`/${name}`);
      const postgresEnv = resolveEnvironment(service(compose, 'postgres'));
      expect(database.username).toBe(postgresEnv.POSTGRES_USER);
      expect(decodeURIComponent(database.password)).toBe(postgresEnv.POSTGRES_PASSWORD);
      expect(databasesCreatedBy(initScript(compose))).toContain(name);
    },
  );

  it('the gateway’s environment passes the production gateway configuration and reaches each subgraph by service name and port', () => {
    const compose = loadCompose();
    const env = resolveEnvironment(service(compose, 'gateway'));
    const config = loadGatewayConfig(env);
    expect(config.environment).toBe('production');
    expect(config.port).toBe(4000);
    expect(config.gatewaySecret).toBe(SAMPLE_VARIABLES.GATEWAY_SECRET);
    expect(config.jwt).toMatchObject({
      secret: SAMPLE_VARIABLES.JWT_SECRET,
      issuer: 'metrology',
      audience: 'metrology-platform',
    });
    expect(config.jwt.publicKeyPem).toBeUndefined();
    expect(config.jwt.jwksUrl).toBeUndefined();

    for (const name of SUBGRAPHS) {
      const url = new URL(config.subgraphUrls[name]);
      const subgraph = loadSubgraphConfig(name, resolveEnvironment(service(compose, name)));
      expect(url.hostname).toBe(name);
      expect(Number(url.port)).toBe(subgraph.port);
      expect(url.pathname).toBe('/graphql');
    }
  });

  it('the reports service passes its production configuration, reads the gateway’s /graphql by service name, and the gateway proxies to its port', () => {
    const compose = loadCompose();
    const reports = loadReportsConfig(resolveEnvironment(service(compose, 'reports')));
    expect(reports.environment).toBe('production');
    expect(reports.gatewaySecret).toBe(SAMPLE_VARIABLES.GATEWAY_SECRET);
    const graphql = new URL(reports.graphqlUrl);
    expect([graphql.hostname, graphql.port, graphql.pathname]).toEqual(['gateway', '4000', '/graphql']);
    const proxied = new URL(loadGatewayConfig(resolveEnvironment(service(compose, 'gateway'))).reportsUrl);
    expect([proxied.hostname, Number(proxied.port)]).toEqual(['reports', reports.port]);
    expect(healthcheckCommand(service(compose, 'reports'))).toContain(`:${reports.port}/health`);
  });

  it('a subgraph refuses to start when GATEWAY_SECRET is removed from its environment', () => {
    const compose = loadCompose();
    for (const name of SUBGRAPHS) {
      const { GATEWAY_SECRET: _removed, ...env } = resolveEnvironment(service(compose, name));
      expect(() => loadSubgraphConfig(name, env)).toThrow(/GATEWAY_SECRET is required in production/);
    }
  });

  it.each(['GATEWAY_SECRET', 'JWT_SECRET', 'POSTGRES_PASSWORD'])(
    'compose refuses to interpolate the file without %s',
    (variable) => {
      const compose = loadCompose();
      const { [variable]: _removed, ...variables } = SAMPLE_VARIABLES;
      const resolveAll = () => Object.values(compose.services).map((definition) => resolveEnvironment(definition, variables));
      expect(resolveAll).toThrow(new RegExp(`required variable ${variable} is missing`));
    },
  );

  it('every application service has a healthcheck; subgraphs wait for a healthy postgres, the gateway for healthy subgraphs; only the gateway publishes a port', () => {
    const compose = loadCompose();
    for (const name of SUBGRAPHS) {
      const definition = service(compose, name);
      expect(healthcheckCommand(definition)).toContain(`:${SUBGRAPH_PORTS[name]}/ready`);
      expect(definition.healthcheck?.disable).not.toBe(true);
      expect(dependencies(definition)).toEqual({ postgres: 'service_healthy' });
      expect(definition.ports ?? []).toEqual([]);
    }

    const gateway = service(compose, 'gateway');
    expect(healthcheckCommand(gateway)).toContain(':4000/health');
    expect(dependencies(gateway)).toEqual({ training: 'service_healthy', labs: 'service_healthy', funding: 'service_healthy' });
    expect(gateway.ports).toEqual(['4000:4000']);

    expect(service(compose, 'postgres').ports ?? []).toEqual([]);
    const publishing = Object.entries(compose.services)
      .filter(([, definition]) => (definition.ports ?? []).length > 0)
      .map(([name]) => name);
    expect(publishing).toEqual(['gateway']);
  });

  it('every application service is built from the one root Dockerfile, with a target it defines', () => {
    const compose = loadCompose();
    const dockerfilePath = path.join(root, 'Dockerfile');
    expect(existsSync(dockerfilePath)).toBe(true);
    const dockerfile = readFileSync(dockerfilePath, 'utf8');
    const stages = [...dockerfile.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)\s*$/gim)].map((m) => m[1]);
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim\b|^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(dockerfile).toMatch(/pnpm@12\.4\.2/);
    expect(dockerfile).toMatch(/install --frozen-lockfile/);

    for (const name of APP_SERVICES) {
      const build = buildOf(service(compose, name));
      const context = path.resolve(root, build.context ?? '.');
      expect(context).toBe(root);
      expect(path.resolve(context, build.dockerfile ?? 'Dockerfile')).toBe(dockerfilePath);
      if (build.target !== undefined) expect(stages).toContain(build.target);
    }
    for (const name of SUBGRAPHS) {
      expect(buildArgs(buildOf(service(compose, name)))).toEqual({ SERVICE: name });
    }
    expect(dockerfile).toMatch(/^ARG SERVICE$/m);

    const dockerignore = readFileSync(path.join(root, '.dockerignore'), 'utf8').split('\n');
    for (const pattern of ['node_modules', 'dist', '.data', '.git', '*.tsbuildinfo']) {
      expect(dockerignore.some((line) => line.trim() === pattern || line.trim() === `**/${pattern}`)).toBe(true);
    }
  });
});
