import { createClient, type MetrologyClient } from '@metrology/sdk';
import { type Command, type Env, UsageError } from './command';

export const DEFAULT_GATEWAY_URL = 'http://localhost:4000/graphql';

/** The options of every command that calls the gateway. */
export const GATEWAY_OPTIONS: Command['options'] = {
  url: { type: 'string' },
  token: { type: 'string' },
};

/** The usage rows of --url and --token (see `optionLines`). */
export const GATEWAY_USAGE: [string, string][] = [
  ['--url', `the gateway's GraphQL endpoint (default: METROLOGY_URL, else ${DEFAULT_GATEWAY_URL})`],
  ['--token', 'bearer token (default: METROLOGY_TOKEN); in development: metrology token --role trainer'],
];

/** The SDK client for the gateway named by --url / METROLOGY_URL, with --token / METROLOGY_TOKEN. */
export function gatewayClient(values: Record<string, unknown>, env: Env): MetrologyClient {
  const url = (values.url as string | undefined) ?? env.METROLOGY_URL ?? DEFAULT_GATEWAY_URL;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`Địa chỉ --url không hợp lệ / invalid --url: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`--url phải là địa chỉ http(s) / --url must be an http(s) URL: ${url}`);
  }
  const token = (values.token as string | undefined) ?? env.METROLOGY_TOKEN;
  return createClient({ url, token: token || undefined });
}

/** A required string option, or a usage error naming it. */
export function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`Thiếu --${name}. / --${name} is required.`);
  return value.trim();
}
