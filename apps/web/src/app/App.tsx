import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { setCsrfRefresher, setUnauthorizedHandler } from '../api/client';
import { fetchMe, ME_KEY } from '../auth/session';
import { LocaleProvider } from '../i18n/LocaleProvider';
import { queryClient } from './queryClient';
import { router } from './router';

// A 401 anywhere means the session is gone: forget the user, and the shell sends them to /login
// (keeping the page they were on as ?next=).
setUnauthorizedHandler(() => queryClient.setQueryData(ME_KEY, null));
setCsrfRefresher(async () => (await fetchMe())?.csrfToken ?? null);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <RouterProvider router={router} />
      </LocaleProvider>
    </QueryClientProvider>
  );
}
