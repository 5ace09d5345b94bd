export * from './indicators';
export * from './period';
export * from './comparable-growth';
export * from './above-scale';
export * from './per-mu';
export * from './figure-row';
export * from './transfer-match';
