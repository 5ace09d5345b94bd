import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/client';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // 4xx answers are final (no permission, not found, bad filter); only retry the server's bad days.
      retry: (count, e) => !(isApiError(e) && e.status > 0 && e.status < 500) && count < 2,
    },
    mutations: { retry: false },
  },
});
