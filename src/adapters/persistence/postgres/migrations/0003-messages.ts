/** The contact inbox, listed newest first with ties by id descending. */
export const sql = `
CREATE TABLE messages (
  id text COLLATE "C" PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL,
  subject text,
  message text NOT NULL,
  status text NOT NULL CHECK (status IN ('new', 'read', 'archived')),
  received_at timestamptz NOT NULL,
  version integer NOT NULL
);
CREATE INDEX messages_received_at_idx ON messages (received_at DESC, id DESC);
CREATE INDEX messages_status_received_at_idx ON messages (status, received_at DESC, id DESC);
`;
