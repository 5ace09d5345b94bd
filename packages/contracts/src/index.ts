export * from './errors';
export * from './permissions';
export * from './common';
export * from './enterprises';
export * from './talent';
export * from './calendar';
