import type { Notice } from '../editor.js';

/**
 * The outcome of the last write, above the form. A conflict (`412`) offers to
 * reload the item: what is typed stays until the owner chooses to.
 */
export function NoticeBanner({ notice, onReload }: { notice: Notice | undefined; onReload?: () => void }) {
  if (!notice) return null;
  return (
    <div class={`notice notice-${notice.kind}`} role={notice.kind === 'saved' ? 'status' : 'alert'}>
      <p>{notice.message}</p>
      {notice.kind === 'conflict' && onReload && (
        <button type="button" class="button" onClick={onReload}>
          Reload the current version
        </button>
      )}
    </div>
  );
}
