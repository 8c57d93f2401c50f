// Every namespace's strings in this language, in one module (see lib/i18n.ts).
export const strings = import.meta.glob(['../en.json', '../../features/*/locales/en.json'], {
  eager: true,
  import: 'default',
});
