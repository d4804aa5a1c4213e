// What an emulator received on its emulated routes, in order: enough for a test to assert "two uploads,
// no third", never the credentials (query strings are left out).

export interface RecordedCall {
  /** Emulator clock, ms since epoch. */
  at: number;
  method: string;
  path: string;
  /** Status answered; 0 when the connection was dropped or held without an answer. */
  status: number;
  /** The injected fault, when one decided the outcome. */
  fault?: "hang" | "status" | "reset";
}

export class CallLog {
  private calls: RecordedCall[] = [];

  constructor(private readonly limit = 10_000) {}

  record(call: RecordedCall): RecordedCall {
    this.calls.push(call);
    if (this.calls.length > this.limit) this.calls.splice(0, this.calls.length - this.limit);
    return call;
  }

  list(filter: { method?: string; path?: string } = {}): RecordedCall[] {
    return this.calls.filter(
      (call) =>
        (!filter.method || call.method === filter.method.toUpperCase()) && (!filter.path || call.path === filter.path),
    );
  }

  clear(): void {
    this.calls = [];
  }
}
