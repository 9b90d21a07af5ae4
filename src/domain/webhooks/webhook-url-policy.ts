/**
 * Decides whether the service may send to a URL: a webhook must not reach the
 * owner's own network (loopback, private and other non-public addresses),
 * whether its host is an address or a name that resolves to one.
 */
export interface WebhookUrlPolicy {
  /** Why the URL is refused, in a sentence for the owner; null when it is allowed. */
  refusalOf(url: string): Promise<string | null>;
}
