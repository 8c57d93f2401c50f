import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { initI18n } from './lib/i18n';
import { readPreferences } from './lib/preferences';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const { lang } = readPreferences(new URLSearchParams(window.location.search));
document.documentElement.lang = lang;
// Strings first, so the first paint is already in the reader's language.
await initI18n(lang);
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
