export * from './claim-lifecycle';
