import { onShutdownSignal } from '@metrology/kit/http';
import { createLogger } from '@metrology/kit/logger';
import { loadGatewayConfig } from './config';
import { startGateway } from './server';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.logLevel);
  try {
    const gateway = await startGateway(config, { logger });
    onShutdownSignal(gateway.stop, (message) => logger.info(message));
  } catch (error) {
    logger.fatal({ err: error }, 'gateway failed to start');
    process.exit(1);
  }
}

void main();
