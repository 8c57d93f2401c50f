// Every namespace's strings in this language, in one module (see lib/i18n.ts).
export const strings = import.meta.glob(['../fr.json', '../../features/*/locales/fr.json'], {
  eager: true,
  import: 'default',
});
