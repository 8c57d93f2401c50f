// Every namespace's strings in this language, in one module (see lib/i18n.ts).
export const strings = import.meta.glob(['../es.json', '../../features/*/locales/es.json'], {
  eager: true,
  import: 'default',
});
