import { onShutdownSignal } from '@metrology/kit/http';
import { createLogger } from '@metrology/kit/logger';
import { loadReportsConfig } from './config';
import { startReportsService } from './server';

async function main(): Promise<void> {
  const config = loadReportsConfig();
  const logger = createLogger('reports', config.logLevel);
  try {
    const reports = await startReportsService(config, { logger });
    onShutdownSignal(reports.stop, (message) => logger.info(message));
  } catch (error) {
    logger.fatal({ err: error }, 'reports failed to start');
    process.exit(1);
  }
}

void main();
