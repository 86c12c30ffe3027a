/**
 * Where the CPU went during a measurement, from /proc (Linux): each service's process, the load
 * generator, PostgreSQL (all its processes, so other sessions on the same server are included)
 * and the whole machine (everything running on it, other people's work included). Read before
 * and after a measurement; the difference, divided by the requests, is CPU ms per request.
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** utime, stime, cutime, cstime of a process in ticks (0 once it is gone). */
async function processTimes(pid) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return { own: 0, children: 0 };
  // The fields after the command name, which is in parentheses and may hold spaces: state is field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { own: Number(fields[11]) + Number(fields[12]), children: Number(fields[13]) + Number(fields[14]) };
}

/**
 * Every PostgreSQL process's own time plus the time of its children that have exited (parallel
 * workers and ended sessions are the postmaster's children): a process that ends between two
 * readings still counts. Apart, the own time of the backends connected to a database whose name
 * starts with `databasePrefix` (a backend's command line is `postgres: [cluster:] user database host state`):
 * the sessions of the system under test, without other sessions on the same server (but without
 * the parallel workers they start either, which name no database).
 */
async function postgresTicks(databasePrefix) {
  let total = 0;
  let backends = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const name = await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '');
    if (name.trim() !== 'postgres') continue;
    const times = await processTimes(entry);
    total += times.own + times.children;
    const command = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const words = command.replaceAll('\0', ' ').split(/\s+/);
    if (databasePrefix && words.some((word) => word.startsWith(databasePrefix))) backends += times.own;
  }
  return { total, backends };
}

/** Busy time of all CPUs (everything but idle and I/O wait). */
async function machineTicks() {
  const [user, nice, system, , , irq, softirq, steal] = (await readFile('/proc/stat', 'utf8'))
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return user + nice + system + irq + softirq + steal;
}

/** The bench's databases (`dataset.mjs`): their backends are counted apart as `backends`. */
const BENCH_DATABASES = 'metrology_bench_';

/**
 * A reading of the processes `pids` (name → pid), PostgreSQL (all of it, and the backends of the
 * bench's databases) and the machine.
 */
export async function cpuReading(pids) {
  const postgres = await postgresTicks(BENCH_DATABASES);
  const reading = { postgres: postgres.total, backends: postgres.backends, machine: await machineTicks() };
  for (const [name, pid] of Object.entries(pids)) reading[name] = (await processTimes(pid)).own;
  return reading;
}

/**
 * CPU ms per request between two readings, by name, and `system`: the sum over the services
 * (every name but the load generator, PostgreSQL and the machine) and all of PostgreSQL, i.e.
 * what one request costs the system under test. A backend that ends between two readings loses
 * the time it spent since the first (its parent counts it only once it has been waited for, in
 * `postgres`); the services' pools keep theirs open.
 */
export function cpuPerRequest(before, after, requests) {
  const perRequest = Object.fromEntries(
    Object.keys(after).map((name) => [name, ((after[name] - before[name]) * 1000) / TICKS_PER_SECOND / requests]),
  );
  const services = Object.keys(after).filter((name) => !NOT_SERVICES.has(name));
  return { ...perRequest, system: services.reduce((total, name) => total + perRequest[name], 0) + perRequest.postgres };
}

const NOT_SERVICES = new Set(['load', 'postgres', 'backends', 'machine']);
