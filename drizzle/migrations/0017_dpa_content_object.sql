-- The DPA's content as a JSON object. Runs as trust_owner.
--
-- The demo seed stored version 1 on PostgreSQL as a JSON string holding the content's JSON text
-- (jsonb_typeof(content) = 'string'): the driver encoded the text it was given a second time.
-- The app read it back through two decodings and saw the object, so nothing showed; but the
-- database held a string, and any reader that decodes once (a query, an export) sees text.
--
-- The recorded hash is unaffected. content_sha256 is the SHA-256 of the RFC 8785 canonical JSON
-- of the content *object* (canonicalSha256() in lib/canonical-json.ts, at publication in
-- lib/dpa/versions.ts and in the seed), never of the stored text, and the app has always
-- hashed the object it decoded. Decoding the string once, (content #>> '{}')::jsonb, yields that
-- same object: the same keys, the same strings (escapes decoded, characters unchanged), the
-- same arrays; the content holds no numbers whose spelling could change. So each version's
-- recorded hash matches its migrated content, and nothing is recomputed
-- (test/integration/dpa-content-migration.test.ts checks every version). A string whose text
-- is not a JSON object stops the migration instead of being kept or guessed at.
--
-- The tables force row-level security and trust_owner has no policy of its own (only trust_app
-- has), so an UPDATE as the owner would see no row: the force is lifted for the two
-- statements and restored, within this migration's transaction.
ALTER TABLE dpa_versions NO FORCE ROW LEVEL SECURITY;
ALTER TABLE dpa_draft NO FORCE ROW LEVEL SECURITY;
UPDATE dpa_versions SET content = (content #>> '{}')::jsonb WHERE jsonb_typeof(content) = 'string';
UPDATE dpa_draft SET content = (content #>> '{}')::jsonb WHERE jsonb_typeof(content) = 'string';
ALTER TABLE dpa_versions FORCE ROW LEVEL SECURITY;
ALTER TABLE dpa_draft FORCE ROW LEVEL SECURITY;

-- From now on only an object can be stored.
ALTER TABLE dpa_versions ADD CONSTRAINT dpa_versions_content_object CHECK (jsonb_typeof(content) = 'object');
ALTER TABLE dpa_draft ADD CONSTRAINT dpa_draft_content_object CHECK (jsonb_typeof(content) = 'object');
