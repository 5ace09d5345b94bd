import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './app/App';
import { prefetchForStart } from './app/prefetch';
import { queryClient } from './app/queryClient';
import { router } from './app/router';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
// the session, the page's code and its first data, all at once, before React renders anything
prefetchForStart(queryClient, router.routes, window.location);
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
