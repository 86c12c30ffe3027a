/**
 * The system under test as it runs in production: each subgraph and the gateway in its own
 * process, from the built `dist`, in production mode (hardening on, introspection off), with
 * secrets made for this run, on free loopback ports. Their logs go to files in a temporary
 * directory, shown when a service fails.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './scenario.mjs';

const START_TIMEOUT_MS = 60_000;

/** A loopback port free at the time of asking. */
async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/** Settings every service of the run shares (a gateway secret and a JWT key made for it). */
export function runSecrets() {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    GATEWAY_SECRET: randomBytes(32).toString('hex'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    JWT_ISSUER: 'metrology-bench',
  };
}

/** Polls `url` until it answers 200 (true), or the process exits or the time is up (false). */
async function waitReady(child, url) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && child.exitCode === null) {
    const ready = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/**
 * Starts `node <entry>` with only `env` (and PATH); resolves once `readyPath` answers. With
 * `profileDir`, under V8's CPU profiler (`--cpu-prof`), which writes `<profileDir>/<name>/*.cpuprofile`
 * when the process exits. Returns `{ name, base, pid, logFile, stop() }`.
 */
async function startProcess(name, entry, env, port, readyPath, logDir, profileDir) {
  const logFile = path.join(logDir, `${name}.log`);
  const log = createWriteStream(logFile);
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', path.join(profileDir, name)] : [];
  const child = spawn(process.execPath, [...profile, path.join(ROOT, entry)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Both streams into one file, which is closed (flushed) once the process and its pipes are.
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const closed = once(child, 'close').then(() => new Promise((resolve) => log.end(resolve)));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await closed;
      clearTimeout(timer);
    }
    await closed;
  };
  if (!(await waitReady(child, `${base}${readyPath}`))) {
    await stop();
    const output = await readFile(logFile, 'utf8').catch(() => '');
    throw new Error(`${name} did not become ready at ${base}${readyPath}; its log (${logFile}):\n${output.slice(-2000)}`);
  }
  return { name, base, pid: child.pid, logFile, stop };
}

/**
 * Starts the three subgraphs on their bench databases, then the gateway in front of them; with
 * `profileDir`, each under the CPU profiler (`startProcess`).
 * Returns `{ gatewayUrl, gatewayEnv, subgraphUrls, pids (by service), logDir, stop() }`.
 */
export async function startServices(databaseUrls, secrets, { profileDir } = {}) {
  const logDir = await mkdtemp(path.join(os.tmpdir(), 'metrology-bench-'));
  const started = [];
  // The gateway first, then the subgraphs; a second call finds nothing left to stop.
  const stop = async () => {
    for (const service of started.splice(0).reverse()) await service.stop();
  };
  try {
    const subgraphs = await Promise.all(
      Object.entries(databaseUrls).map(async ([name, databaseUrl]) => {
        const port = await freePort();
        const prefix = name.toUpperCase();
        const service = await startProcess(
          name,
          path.join('subgraphs', name, 'dist', 'main.js'),
          { ...secrets, [`${prefix}_PORT`]: String(port), [`${prefix}_DATABASE_URL`]: databaseUrl },
          port,
          '/ready',
          logDir,
          profileDir,
        );
        started.push(service);
        return [name, `${service.base}/graphql`];
      }),
    );
    const subgraphUrls = Object.fromEntries(subgraphs);
    const port = await freePort();
    const gatewayEnv = {
      ...secrets,
      GATEWAY_PORT: String(port),
      TRAINING_URL: subgraphUrls.training,
      LABS_URL: subgraphUrls.labs,
      FUNDING_URL: subgraphUrls.funding,
    };
    const gateway = await startProcess(
      'gateway',
      path.join('gateway', 'dist', 'main.js'),
      gatewayEnv,
      port,
      '/health',
      logDir,
      profileDir,
    );
    started.push(gateway);
    const pids = Object.fromEntries(started.map((service) => [service.name, service.pid]));
    return { gatewayUrl: `${gateway.base}/graphql`, gatewayEnv, subgraphUrls, pids, logDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
