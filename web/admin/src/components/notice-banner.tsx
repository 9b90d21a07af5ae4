import { useEffect, useRef } from 'preact/hooks';
import type { Notice } from '../editor.js';

/**
 * The outcome of the last write, above the form. It takes the focus when it
 * changes, so that it is seen (and read out) even when the button that
 * caused it is far below. A conflict (`412`) offers to reload the item:
 * what is typed stays until the owner chooses to.
 */
export function NoticeBanner({ notice, onReload }: { notice: Notice | undefined; onReload?: () => void }) {
  const banner = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) banner.current?.focus();
  }, [notice]);
  if (!notice) return null;
  return (
    <div
      ref={banner}
      tabIndex={-1}
      class={`notice notice-${notice.kind}`}
      role={notice.kind === 'saved' ? 'status' : 'alert'}
    >
      <p>{notice.message}</p>
      {notice.kind === 'conflict' && onReload && (
        <button type="button" class="button" onClick={onReload}>
          Reload the current version
        </button>
      )}
    </div>
  );
}
