import type en from './en.json';

// The 'capacity' namespace's keys, typed from its English bundle (see lib/i18n.ts).
declare module '@/web/lib/i18n' {
  interface Namespaces {
    capacity: typeof en;
  }
}
