/**
 * Collations that let SQL order and compare text the way the in-process
 * adapters do (`localeCompare(…, 'en', { sensitivity: 'base' })` and
 * `toLowerCase()`), both of which are ICU in Node. A server built without ICU
 * falls back to its own libc locale: close, but not identical for accents.
 */
export const sql = `
DO $$
DECLARE
  ctype text := (SELECT datctype FROM pg_database WHERE datname = current_database());
BEGIN
  BEGIN
    CREATE COLLATION portfolio_case (provider = icu, locale = 'und');
    CREATE COLLATION portfolio_title (provider = icu, locale = 'en-u-ks-level1', deterministic = false);
  EXCEPTION WHEN feature_not_supported THEN
    EXECUTE format('CREATE COLLATION portfolio_case (provider = libc, locale = %L)', ctype);
    EXECUTE format('CREATE COLLATION portfolio_title (provider = libc, locale = %L)', ctype);
  END;
END
$$;
`;
