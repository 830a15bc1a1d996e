-- Events from everything (docs/governance-events.md): an access grant's end is recorded in
-- the governance log once, by the portal's sweep, which marks the grant as it appends the
-- `access.grant_expired` event (same transaction).
ALTER TABLE access_grants ADD COLUMN expiry_recorded_at timestamptz;
CREATE INDEX access_grants_unrecorded_expiry_idx ON access_grants (expires_at)
  WHERE expiry_recorded_at IS NULL AND revoked_at IS NULL;
