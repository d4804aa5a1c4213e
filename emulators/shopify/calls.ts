// The log of every Admin API call the emulator answered, for tests and the demo.
export interface AdminCall {
  shop: string;
  operationName: string | null;
  requestedQueryCost: number | null;
  actualQueryCost: number | null;
  throttled: boolean;
  /** HTTP status the emulator answered. */
  status: number;
  errors: string[];
  at: number;
}

export class CallLog {
  private readonly calls: AdminCall[] = [];

  record(call: AdminCall): void {
    this.calls.push(call);
  }

  list(filter: { shop?: string } = {}): AdminCall[] {
    return this.calls.filter((c) => !filter.shop || c.shop === filter.shop);
  }

  clear(): void {
    this.calls.length = 0;
  }
}
