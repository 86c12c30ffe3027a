export * from './document';
export * from './matrix';
