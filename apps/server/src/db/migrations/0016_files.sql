-- The platform's file store (core/files, docs/ARCHITECTURE.md "Files"): evidence for talent facts
-- today, request attachments later. The metadata and the content live in two tables of the
-- database itself, so that every API process sees the same files and a database backup holds them.
-- The media type is the one detected from the content's first bytes, never the client's.
CREATE TABLE files (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),     -- the original name, sanitised
  media_type   text NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
  size_bytes   integer NOT NULL CHECK (size_bytes > 0),
  -- who the file belongs to: the owning module decides who may read it ('talent.claim' + claim id)
  owner_kind   text NOT NULL CHECK (owner_kind ~ '^[a-z][a-z0-9_.]{1,39}$'),
  owner_id     text NOT NULL CHECK (length(owner_id) BETWEEN 1 AND 100),
  uploaded_by  uuid REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX files_owner ON files (owner_kind, owner_id, created_at);

-- The bytes, apart from the metadata so that listing files never reads them.
CREATE TABLE file_contents (
  file_id  uuid PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
  content  bytea NOT NULL
);
