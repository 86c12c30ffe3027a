export { fundingSubgraph } from './definition';
