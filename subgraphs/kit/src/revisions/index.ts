export * from './coverage';
export * from './protocol';
export * from './sql';
export * from './stream';
export * from './watcher';
