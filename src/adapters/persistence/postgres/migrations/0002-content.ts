/**
 * The owner's content. Ids, slugs and tags use the "C" collation so that
 * ties and tag order match JavaScript's string comparison. Dates are `date`
 * and instants `timestamptz`; the repositories format both back to the exact
 * strings the domain uses. Links are `json`, not `jsonb`, to keep key order.
 */
export const sql = `
CREATE TABLE profile (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  name text NOT NULL,
  headline text NOT NULL,
  bio text NOT NULL,
  location text,
  email text,
  avatar_url text,
  links json NOT NULL,
  available_for_work boolean NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL
);

CREATE TABLE projects (
  id text COLLATE "C" PRIMARY KEY,
  slug text COLLATE "C" NOT NULL CONSTRAINT projects_slug_key UNIQUE,
  title text NOT NULL,
  summary text NOT NULL,
  description text NOT NULL,
  tags text[] COLLATE "C" NOT NULL,
  tech text[] NOT NULL,
  links json NOT NULL,
  featured boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'published')),
  started_at date NOT NULL,
  ended_at date,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL
);
CREATE INDEX projects_tags_idx ON projects USING gin (tags);
CREATE INDEX projects_status_started_at_idx ON projects (status, started_at DESC, slug);
CREATE INDEX projects_started_at_idx ON projects (started_at, slug);
CREATE INDEX projects_updated_at_idx ON projects (updated_at, slug);

-- seq keeps insertion order, which is the order the other adapters list in.
CREATE TABLE skills (
  id text COLLATE "C" PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL,
  category text NOT NULL,
  level integer NOT NULL,
  years double precision,
  version integer NOT NULL
);
CREATE UNIQUE INDEX skills_category_name_key ON skills (category, lower(name COLLATE portfolio_case));

CREATE TABLE experience (
  id text COLLATE "C" PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  company text NOT NULL,
  role text NOT NULL,
  location text,
  start_date date NOT NULL,
  end_date date,
  highlights text[] NOT NULL,
  tech text[] NOT NULL,
  version integer NOT NULL
);
CREATE INDEX experience_start_date_idx ON experience (start_date DESC);
`;
