import type { ComponentChildren } from 'preact';
import { hrefOf, type Route } from '../routes.js';

/** The page's one `h1`, a way back, and the page's own buttons. */
export function PageHeader({
  title,
  back,
  children,
}: {
  title: string;
  back?: { label: string; route: Route };
  children?: ComponentChildren;
}) {
  return (
    <header class="page-header">
      <div>
        {back && (
          <a class="back" href={hrefOf(back.route)}>
            ← {back.label}
          </a>
        )}
        <h1 tabIndex={-1}>{title}</h1>
      </div>
      {children && <div class="page-actions">{children}</div>}
    </header>
  );
}
