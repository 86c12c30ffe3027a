/**
 * The end-to-end harness: the three subgraphs on free ports, each with a fresh database on the
 * test PostgreSQL server, and the gateway in front of them over the committed supergraph.
 * Tests call `execute` as a client would, with a token for a role.
 */
import { fundingSubgraph } from '@metrology/funding';
import { type GatewayConfig, loadGatewayConfig, type RunningGateway, startGateway } from '@metrology/gateway';
import type { SubgraphName } from '@metrology/kit/config';
import type { Role } from '@metrology/kit/identity';
import { signDevelopmentToken } from '@metrology/kit/identity';
import { type GraphQLResponse, type Operation, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { labsSubgraph } from '@metrology/labs';
import { trainingSubgraph } from '@metrology/training';

export type { GraphQLResponse, Operation };

export interface Caller {
  /** A development token is made for this role (and `subject`). */
  role?: Role;
  subject?: string;
  /** Or exactly this Authorization header value. */
  authorization?: string;
}

export interface Stack {
  gatewayUrl: string;
  gatewayConfig: GatewayConfig;
  subgraphs: Record<SubgraphName, TestSubgraph>;
  token(role: Role, subject?: string): Promise<string>;
  execute<T = Record<string, unknown>>(operation: Operation, caller?: Caller): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const [training, labs, funding] = await Promise.all([
    startTestSubgraph(trainingSubgraph),
    startTestSubgraph(labsSubgraph),
    startTestSubgraph(fundingSubgraph),
  ]);
  const subgraphs = { training, labs, funding };
  const gatewayConfig = loadGatewayConfig({
    NODE_ENV: 'test',
    GATEWAY_PORT: '0',
    TRAINING_URL: training.url,
    LABS_URL: labs.url,
    FUNDING_URL: funding.url,
  });
  let gateway: RunningGateway;
  try {
    gateway = await startGateway(gatewayConfig);
  } catch (error) {
    await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
    throw error;
  }
  const token = (role: Role, subject = `e2e-${role}`) =>
    signDevelopmentToken(gatewayConfig.jwt, { subject, roles: [role], name: `E2E ${role}` });
  return {
    gatewayUrl: gateway.url,
    gatewayConfig,
    subgraphs,
    token,
    async execute<T>(operation: Operation, caller: Caller = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (caller.authorization) headers.authorization = caller.authorization;
      else if (caller.role) headers.authorization = `Bearer ${await token(caller.role, caller.subject)}`;
      const response = await fetch(gateway.url, { method: 'POST', headers, body: JSON.stringify(operation) });
      return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<T>, 'status'>) };
    },
    async stop() {
      await gateway.stop();
      await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
    },
  };
}
