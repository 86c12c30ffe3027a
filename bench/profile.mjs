/**
 * `npm run bench -- --profile`: where the CPU of a computed scorecard goes. The V8 CPU profiles
 * (`--cpu-prof`, written by each service when it exits, `services.mjs`) summarised as self time by
 * part (the package a function's file belongs to, grouped as below) and the top functions by self
 * time, per process.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** A package (or node_modules path prefix) → the part it is reported under; the first match wins. */
const PARTS = [
  [/^@apollo\/(gateway|query-planner|query-graphs|federation-internals)$/, 'Apollo gateway (planning, execution)'],
  [/^@apollo\/(server|subgraph)$|^@apollo\/utils/, 'Apollo Server / @apollo/subgraph'],
  [/^graphql\/validation\//, 'graphql-js validation'],
  [/^graphql\/execution\//, 'graphql-js execution'],
  [/^graphql\//, 'graphql-js (parse, print, types)'],
  [/^type-graphql\//, 'type-graphql'],
  [/^@mikro-orm\//, 'MikroORM'],
  [/^(pg|pg-protocol|pg-types|pg-pool|postgres-\w+)\//, 'pg driver'],
  [/^undici\//, 'undici (HTTP client)'],
  [/^lru-cache\//, 'lru-cache'],
];

/** The part a profile node's function belongs to, from its script URL and name. */
function partOf({ url, functionName }) {
  if (!url) {
    if (functionName === '(garbage collector)') return 'garbage collector';
    if (functionName === '(idle)' || functionName === '(program)') return functionName;
    if (/^(parse|stringify)$/.test(functionName)) return 'JSON (V8)';
    // Native socket writes: on loopback the kernel's TCP send and receive paths run in the writer's time.
    if (/^(writeBuffer|writev|write\w*String)$/.test(functionName)) return 'socket writes (syscalls)';
    if (functionName === 'runMicrotasks') return 'promise microtasks';
    return 'V8 built-ins';
  }
  if (url.startsWith('node:')) return 'Node internals (HTTP, streams, crypto…)';
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = file.slice(modules + '/node_modules/'.length);
    const withDir = rest.replace(/\/(dist|lib|cjs|esm)\//, '/');
    for (const [pattern, part] of PARTS)
      if (
        pattern.test(withDir) ||
        pattern.test(
          rest
            .split('/')
            .slice(0, rest.startsWith('@') ? 2 : 1)
            .join('/'),
        )
      )
        return part;
    const name = rest
      .split('/')
      .slice(0, rest.startsWith('@') ? 2 : 1)
      .join('/');
    return `other package: ${name}`;
  }
  return 'our code';
}

/** The monotonic clock V8's profiles are stamped with, in µs (`process.hrtime`). */
export const nowMicros = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Self time in ms per profile node id, from the samples stamped within `window` ([from, to] µs,
 * `nowMicros`) and their time deltas.
 */
function selfTimes(profile, [from, to]) {
  const self = new Map();
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index];
    const delta = profile.timeDeltas[index + 1] ?? 0;
    if (at >= from && at <= to) self.set(id, (self.get(id) ?? 0) + delta / 1000);
  });
  return self;
}

/**
 * The profiles under `profileDir` (one folder per service), summarised over the samples within
 * `window` (the measurement): per service, its busy time (idle excluded), its self time by part,
 * and its top `top` functions.
 */
export async function summariseProfiles(profileDir, window, { top = 12 } = {}) {
  const services = {};
  for (const service of await readdir(profileDir)) {
    const parts = new Map();
    const functions = new Map();
    let busy = 0;
    for (const file of await readdir(path.join(profileDir, service))) {
      if (!file.endsWith('.cpuprofile')) continue;
      const profile = JSON.parse(await readFile(path.join(profileDir, service, file), 'utf8'));
      const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
      for (const [id, ms] of selfTimes(profile, window)) {
        const frame = nodes.get(id);
        const part = partOf(frame);
        if (part === '(idle)') continue;
        busy += ms;
        parts.set(part, (parts.get(part) ?? 0) + ms);
        const where = frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : '';
        const key = `${frame.functionName || '(anonymous)'} ${where} [${part}]`;
        functions.set(key, (functions.get(key) ?? 0) + ms);
      }
    }
    const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]);
    services[service] = { busy, parts: sorted(parts), functions: sorted(functions).slice(0, top) };
  }
  return services;
}

/** The summary as text, with each part's share of the service's busy time and ms per request. */
export function profileText(services, requests) {
  const lines = [];
  for (const [service, { busy, parts, functions }] of Object.entries(services)) {
    lines.push(
      `## ${service}: ${busy.toFixed(0)} ms busy during the measurement (${(busy / requests).toFixed(2)} ms per request)`,
    );
    for (const [part, ms] of parts) {
      lines.push(`  ${((100 * ms) / busy).toFixed(1).padStart(5)} %  ${(ms / requests).toFixed(3).padStart(7)} ms/req  ${part}`);
    }
    lines.push('  top functions by self time:');
    for (const [name, ms] of functions) lines.push(`  ${((100 * ms) / busy).toFixed(1).padStart(5)} %  ${name}`);
    lines.push('');
  }
  return lines.join('\n');
}
