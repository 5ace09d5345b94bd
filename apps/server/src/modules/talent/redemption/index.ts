export { redemptionRoutes } from './redemption.routes';
