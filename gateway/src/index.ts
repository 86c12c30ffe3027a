export { type GatewayConfig, loadGatewayConfig } from './config';
export type { GatewayContext } from './context';
export { DEMO_USERS } from './demo-users';
export { type RunningGateway, startGateway } from './server';
