import type { PageMeta } from '../api/resources.js';
import { hrefOf, type Route } from '../routes.js';

/** Previous and next page links of a paginated list, with where the owner is. */
export function Pager({ meta, routeOf }: { meta: PageMeta; routeOf: (pageNumber: number) => Route }) {
  if (meta.totalPages <= 1) return null;
  return (
    <nav class="pager" aria-label="Pages">
      {meta.page > 1 ? <a href={hrefOf(routeOf(meta.page - 1))}>← Previous</a> : <span />}
      <span>
        Page {meta.page} of {meta.totalPages}
      </span>
      {meta.page < meta.totalPages ? <a href={hrefOf(routeOf(meta.page + 1))}>Next →</a> : <span />}
    </nav>
  );
}
