// Deliveries queued in this process wake its deliverer at once (others find them at their next poll).
const listeners = new Set<() => void>();

export function ringFeedDoorbell(): void {
  for (const listener of listeners) listener();
}

export function onFeedDoorbell(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
