import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createRouter } from './app/router';
import { initI18n } from './lib/i18n';
import { createQueryClient } from './lib/query-client';
import { readPreferences } from './lib/preferences';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const { lang } = readPreferences(new URLSearchParams(window.location.search));
document.documentElement.lang = lang;
const queryClient = createQueryClient();
// Made before the strings are in: a router starts its first route's loaders (the session, the page's data)
// and code as it is made, so they load beside the strings rather than after them.
const router = createRouter(queryClient);
// Strings first, so the first paint is already in the reader's language. Not a top-level await: one turns off
// Rolldown's chunk optimisations for the whole build, and the first page then came in 20 scripts instead of a few.
void initI18n(lang).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App queryClient={queryClient} router={router} />
    </StrictMode>,
  ),
);
