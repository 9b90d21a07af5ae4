import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';
import proxyAddr from 'proxy-addr';

/**
 * Which peers may speak for the client (`TRUST_PROXY`): none, any (every peer
 * is the proxy: for a service that nothing but the proxy can reach), or these
 * addresses, CIDR ranges and proxy-addr's names (`loopback`, `linklocal`,
 * `uniquelocal`).
 */
export type TrustProxy = boolean | readonly string[];

/** Whether the address at this hop (0: the socket's peer, 1: the last X-Forwarded-For entry, …) is a proxy. */
export type Trust = (address: string, hop: number) => boolean;

/**
 * The trust function of a setting. `true` trusts the peer alone: its last
 * X-Forwarded-For entry, the one it added, is the client, and those before it
 * are whatever the client wrote. Only addresses Node itself reads as IP
 * addresses are trusted: ipaddr.js, under proxy-addr, also reads forms such
 * as `2130706433` or `0x7f000001` (127.0.0.1) that no proxy writes.
 */
export function trustOf(setting: TrustProxy): Trust {
  if (setting === false) return () => false;
  if (setting === true) return (_address, hop) => hop === 0;
  const listed = proxyAddr.compile([...setting]);
  return (address, hop) => isIP(address) !== 0 && listed(address, hop);
}

/**
 * The client's address: X-Forwarded-For walked from the right for as long as
 * each hop is a trusted proxy, and the first untrusted entry taken. An entry
 * there that is not an IP address (the header is free text) names no one,
 * and the peer's own address counts instead.
 */
export function clientAddressOf(req: IncomingMessage, trust: Trust): string {
  const peer = req.socket.remoteAddress ?? '';
  const address = proxyAddr(req, trust);
  return isIP(address) !== 0 ? address : peer;
}

/**
 * Whether the client reached us over HTTPS: on our own TLS socket, or through
 * a trusted proxy whose X-Forwarded-Proto says so. Its first value is the
 * protocol of the first hop, the browser's.
 */
export function cameOverHttps(req: IncomingMessage, trust: Trust): boolean {
  if ((req.socket as Partial<TLSSocket>).encrypted === true) return true;
  if (!trust(req.socket.remoteAddress ?? '', 0)) return false;
  const forwarded = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0];
  return first?.trim().toLowerCase() === 'https';
}
