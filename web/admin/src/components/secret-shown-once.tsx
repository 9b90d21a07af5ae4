import { useState } from 'preact/hooks';

/**
 * A webhook's signing secret, in the one answer that shows it (create,
 * rotate-secret): the service never shows it again, so the owner is told to
 * copy it now, and can with one click where the browser allows it.
 */
export function SecretShownOnce({ secret, onDismiss }: { secret: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      // No clipboard (an insecure context, a refusal): the field is there to select by hand.
    }
  };
  return (
    <section class="secret" aria-labelledby="secret-title">
      <h2 id="secret-title">Copy the signing secret now</h2>
      <p>
        It is not shown again. Your receiver needs it to check each delivery's signature (Standard Webhooks); if it is
        lost, rotate the secret to get a new one.
      </p>
      <div class="field">
        <label for="webhook-secret">Signing secret</label>
        <input
          id="webhook-secret"
          readOnly
          value={secret}
          spellcheck={false}
          autoComplete="off"
          onFocus={(event) => event.currentTarget.select()}
        />
      </div>
      <div class="secret-actions">
        <button type="button" class="button" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy to the clipboard'}
        </button>
        <button type="button" class="button button-secondary" onClick={onDismiss}>
          I have copied it
        </button>
      </div>
    </section>
  );
}
