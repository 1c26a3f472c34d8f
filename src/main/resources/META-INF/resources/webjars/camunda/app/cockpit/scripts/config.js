// Configuration of Camunda Cockpit (replaces the webjar's empty scripts/config.js).
export default {
  // Header and browser tab show "<vendor> <name>", as Tasklist does.
  app: {
    name: 'LĐLĐ tỉnh Lai Châu',
    vendor: 'Khen thưởng –'
  },
  // Only 'vi' is listed, so every browser gets Vietnamese (locales/vi.json beside this folder is our
  // translation; Camunda ships only en and de). List 'en' as well to let English browsers see English.
  locales: {
    availableLocales: ['vi'],
    fallbackLocale: 'vi'
  }
};
