export * from './period';
export * from './rule';
export * from './types';
