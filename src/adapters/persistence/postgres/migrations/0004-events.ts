/**
 * Webhooks, the events recorded by writes and awaiting fan-out (deleted once
 * fanned out), and the deliveries made from them. A delivery goes to a
 * webhook or, for a contact message, to the owner's mailbox. A claim sets
 * `lease` and `locked_until`; a claim whose instance died runs out and the
 * delivery is due again. `data` and `last_attempt` are `json`, not `jsonb`,
 * so that a delivery's body keeps its key order on every attempt.
 */
export const sql = `
CREATE TABLE webhooks (
  id text COLLATE "C" PRIMARY KEY,
  url text NOT NULL,
  events text[] NOT NULL,
  description text,
  debounce_seconds integer NOT NULL,
  active boolean NOT NULL,
  secret text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL
);

CREATE TABLE outbox_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text COLLATE "C" NOT NULL UNIQUE,
  type text NOT NULL,
  occurred_at timestamptz NOT NULL,
  data json NOT NULL,
  message_id text COLLATE "C"
);
CREATE INDEX outbox_events_message_idx ON outbox_events (message_id) WHERE message_id IS NOT NULL;

CREATE TABLE deliveries (
  id text COLLATE "C" PRIMARY KEY,
  webhook_id text COLLATE "C",
  message_id text COLLATE "C",
  event_id text COLLATE "C" NOT NULL,
  event_type text NOT NULL,
  body_timestamp timestamptz NOT NULL,
  data json NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL,
  failures integer NOT NULL,
  created_at timestamptz NOT NULL,
  next_attempt_at timestamptz,
  delivered_at timestamptz,
  last_attempt json,
  lease text,
  locked_until timestamptz,
  CHECK ((webhook_id IS NULL) <> (message_id IS NULL))
);
CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX deliveries_webhook_idx ON deliveries (webhook_id, created_at DESC, id DESC);
CREATE INDEX deliveries_message_idx ON deliveries (message_id, created_at DESC, id DESC) WHERE message_id IS NOT NULL;
`;
