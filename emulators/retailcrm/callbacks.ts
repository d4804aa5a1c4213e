// RetailCRM calling the warehouse system: POST {baseUrl}{action.url} with the module's clientId, at the
// call points the module registered. Tests and the demo trigger it through the control API.
import type { EmulatorClock } from "../_kit/index";
import { ControlError } from "../_kit/index";
import type { Account } from "./store";

export interface CallbackRecord {
  at: string;
  module: string;
  action: string;
  callPoint?: string;
  url: string;
  /** The form fields sent (clientId included). */
  sent: Record<string, string>;
  /** 0 when no answer came (connection refused, timeout). */
  status: number;
  /** The answer, parsed when it is JSON. */
  answer?: unknown;
  error?: string;
}

export interface CallActionOptions {
  /** Must be one the action registered, when given. */
  callPoint?: string;
  /** Extra form fields; objects are sent as JSON strings, as RetailCRM sends nested values. */
  fields?: Record<string, unknown>;
}

/** baseUrl + url with exactly one slash between them. */
export function actionUrl(baseUrl: string, url: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/${url.replace(/^\/+/, "")}`;
}

export class Callbacks {
  readonly log: CallbackRecord[] = [];

  constructor(
    private readonly account: () => Account,
    private readonly clock: EmulatorClock,
    private readonly timeoutMs: number,
  ) {}

  async call(moduleCode: string, actionCode: string, options: CallActionOptions = {}): Promise<CallbackRecord> {
    const module = this.account().modules.get(moduleCode);
    if (!module) throw new ControlError(404, `no integration module ${moduleCode}`);
    const action = module.integrations.store?.actions.find((a) => a.code === actionCode);
    if (!action) throw new ControlError(409, `module ${moduleCode} registered no store action ${actionCode}`);
    if (options.callPoint !== undefined && !action.callPoints.includes(options.callPoint))
      throw new ControlError(409, `action ${actionCode} is not called at ${options.callPoint}`);

    const sent: Record<string, string> = { clientId: module.clientId };
    for (const [key, value] of Object.entries(options.fields ?? {}))
      sent[key] = typeof value === "string" ? value : JSON.stringify(value);
    const record: CallbackRecord = {
      at: this.clock.date().toISOString(),
      module: moduleCode,
      action: actionCode,
      ...(options.callPoint ? { callPoint: options.callPoint } : {}),
      url: actionUrl(module.baseUrl, action.url),
      sent,
      status: 0,
    };
    this.log.push(record);
    try {
      const response = await fetch(record.url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(sent).toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      record.status = response.status;
      const text = await response.text();
      try {
        record.answer = JSON.parse(text);
      } catch {
        record.answer = text;
      }
    } catch (error) {
      record.error = (error as Error).message;
    }
    return record;
  }

  clear(): void {
    this.log.length = 0;
  }
}
