/** The governance events that record forwarding's configuration, in the chain concerned. */
export const FORWARDING_EVENTS = {
  added: 'governance.forwarding_added',
  removed: 'governance.forwarding_removed',
  rotated: 'governance.forwarding_rotated',
  disabled: 'governance.forwarding_disabled',
  enabled: 'governance.forwarding_enabled',
} as const;
