import type { EventName, EventPayload } from '../../app/contract/events';

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;

/** Typed events from services to whichever hosts are listening (IPC, SSE). */
export class EventBus {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch {
        // A failing transport must not stop the pipeline or other listeners.
      }
    }
  }
}
