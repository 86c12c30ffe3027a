import { runSubgraph } from '@metrology/kit';
import { trainingSubgraph } from './definition';

void runSubgraph(trainingSubgraph);
