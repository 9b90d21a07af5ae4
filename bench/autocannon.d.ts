/** The part of autocannon (bench/package.json; it ships no types) that bench/load.ts uses. */
declare module 'autocannon' {
  interface AutocannonResult {
    requests: { total: number };
    duration: number;
    non2xx: number;
    errors: number;
    timeouts: number;
    statusCodeStats: Record<string, { count: number }>;
    throughput: { total: number };
  }
  interface AutocannonInstance extends PromiseLike<AutocannonResult> {
    on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  }
  export default function autocannon(options: object): AutocannonInstance;
}
