export * from './criteria';
export * from './age';
export * from './matcher';
export * from './enterprise-matches';
