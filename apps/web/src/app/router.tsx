import { createBrowserRouter } from 'react-router';
import { appRoutes, publicRoutes } from '../modules/registry';
import { NotFoundResult } from '../ui/StatusResult';
import { HomeRedirect, WelcomePage } from './HomeRedirect';
import { RouteError } from './RouteError';
import { Shell } from './Shell';

export const router = createBrowserRouter([
  ...publicRoutes().map((r) => ({ ...r, errorElement: r.errorElement ?? <RouteError /> })),
  {
    element: <Shell />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'welcome', element: <WelcomePage /> },
      ...appRoutes(),
      { path: '*', element: <NotFoundResult /> },
    ],
  },
]);
