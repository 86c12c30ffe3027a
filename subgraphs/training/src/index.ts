export { trainingSubgraph } from './definition';
