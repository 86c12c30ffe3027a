import { runSubgraph } from '@metrology/kit';
import { labsSubgraph } from './definition';

void runSubgraph(labsSubgraph);
