/**
 * Sending the sweep's requests through the gateway and judging each answer against the house
 * rules: never a 5xx or INTERNAL_SERVER_ERROR, every error coded with a client-error code, and a
 * value the input policy refuses answered BAD_USER_INPUT naming its location.
 */
import type { FieldCase, Location } from './schema-cases';
import { withValueAt } from './schema-cases';
import { type HostileClass, requestBody } from './values';

/** Codes that say "the request was wrong", never "the server failed". */
export const CLIENT_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
]);

export interface Answer {
  status: number;
  errors?: { message?: string; extensions?: Record<string, unknown> }[];
}

export interface Probe {
  fieldCase: FieldCase;
  location: Location;
  hostile: HostileClass;
  /**
   * When set, the answer must hold a BAD_USER_INPUT; `named`: naming the location (as the input
   * policy does), with `reason` when given.
   */
  expectRefusal?: { named: boolean; reason?: string };
  /** When set, the HTTP status the answer must have. */
  expectStatus?: number;
  /** The request body, when not the field's document with the value in its variables. */
  body?: string;
}

/** Posts one operation to the gateway as the given bearer; the raw body keeps JSON escapes. */
export async function post(url: string, token: string, body: string): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  const text = await response.text();
  try {
    return { status: response.status, ...(JSON.parse(text) as Omit<Answer, 'status'>) };
  } catch {
    return { status: response.status, errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] };
  }
}

export function probeBody(probe: Probe): string {
  if (probe.body !== undefined) return probe.body;
  const variables = withValueAt(probe.fieldCase.variables(), probe.location, probe.hostile.value);
  return requestBody({ query: probe.fieldCase.document, variables });
}

/** What is wrong with an answer, or null when it keeps the rules. */
export function judge(answer: Answer, probe: Probe): string | null {
  const where = `${probe.fieldCase.coordinate} at ${probe.location.keys.join('.')} with ${probe.hostile.name}`;
  if (answer.status >= 500) return `${where}: HTTP ${answer.status} ${JSON.stringify(answer.errors)}`;
  const errors = answer.errors ?? [];
  for (const error of errors) {
    const code = error.extensions?.code;
    if (typeof code !== 'string') return `${where}: an error without a code: ${JSON.stringify(error)}`;
    if (!CLIENT_ERROR_CODES.has(code)) return `${where}: ${code}: ${error.message}`;
  }
  if (probe.expectStatus !== undefined && answer.status !== probe.expectStatus) {
    return `${where}: HTTP ${answer.status}, not ${probe.expectStatus}: ${JSON.stringify(errors).slice(0, 300)}`;
  }
  if (probe.expectRefusal) {
    const refusal = errors.find(
      (error) =>
        error.extensions?.code === 'BAD_USER_INPUT' &&
        (!probe.expectRefusal?.named || error.extensions.field === probe.location.fieldPath) &&
        (probe.expectRefusal?.reason === undefined || error.extensions.reason === probe.expectRefusal.reason),
    );
    if (!refusal) {
      const naming = probe.expectRefusal.named ? ` naming "${probe.location.fieldPath}"` : '';
      return `${where}: not refused as BAD_USER_INPUT${naming}: ${JSON.stringify(errors).slice(0, 400)}`;
    }
  }
  return null;
}

/** Runs the probes, `concurrency` at a time; gives every rule broken. */
export async function runProbes(url: string, token: string, probes: Probe[], concurrency = 6): Promise<string[]> {
  const problems: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < probes.length) {
      const probe = probes[next++] as Probe;
      const problem = judge(await post(url, token, probeBody(probe)), probe);
      if (problem) problems.push(problem);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return problems;
}

/** Every (field, location, class) of the given scalars. */
export function probesOf(
  cases: FieldCase[],
  scalars: Location['scalar'][],
  classes: HostileClass[],
  refusal: (hostile: HostileClass) => Probe['expectRefusal'],
): Probe[] {
  return cases.flatMap((fieldCase) =>
    fieldCase.locations
      .filter((location) => scalars.includes(location.scalar))
      .flatMap((location) => classes.map((hostile) => ({ fieldCase, location, hostile, expectRefusal: refusal(hostile) }))),
  );
}
