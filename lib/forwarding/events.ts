/** The governance events that record forwarding's configuration, in the chain concerned. */
export const FORWARDING_EVENTS = {
  added: 'governance.forwarding_added',
  removed: 'governance.forwarding_removed',
} as const;
