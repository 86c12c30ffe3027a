export * from './document';
export * from './four-eyes';
export * from './matrix';
