export { labsSubgraph } from './definition';
