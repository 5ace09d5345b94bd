export { claimRoutes } from './claim.routes';
