import { runSubgraph } from '@metrology/kit';
import { fundingSubgraph } from './definition';

void runSubgraph(fundingSubgraph);
