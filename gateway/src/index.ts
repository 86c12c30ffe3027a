export { type GatewayConfig, loadGatewayConfig } from './config';
export type { GatewayContext } from './context';
export { type RunningGateway, startGateway } from './server';
