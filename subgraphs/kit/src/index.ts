import 'reflect-metadata';

export * from './auth';
export * from './config';
export * from './context';
export * from './database';
export * from './errors';
export * from './http';
export * from './identity';
export * from './logger';
export * from './plan';
export * from './scalars';
export * from './schema';
export * from './server';
export * from './targets';
