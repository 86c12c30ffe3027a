export * from './fonts';
