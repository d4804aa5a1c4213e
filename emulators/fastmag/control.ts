// Fastmag's own control routes under /_emulator/… (not part of Fastmag; never called by the app), next to
// the kit's: its fault config, and read-outs of its stores for reliability runs — stocks, orders by
// Shopify id, stock movements, calls by outcome.
import type { ServerResponse } from "node:http";
import type Database from "better-sqlite3";
import { ControlError, type ControlHandler, type FaultInjector } from "../_kit/index";
import { httpFaultRules, type FaultConfig, type FaultState } from "./faults";
import { localDateTime } from "./schema";

export interface FastmagControlDeps {
  db: Database.Database;
  faults: FaultState;
  /** The kit's rules (the server's, once it runs), where the HTTP-level part of a fault config goes. */
  rules: () => FaultInjector;
  calls: { outcome: string }[];
  /** The emulator clock's date, and the store orders are made for (the credentials' magasin). */
  now: () => Date;
  magasin: string;
}

/** Sets a whole fault config (as setFaults does): the kit's rules are replaced, Fastmag's own state too. */
export function applyFaultConfig(faults: FaultState, rules: FaultInjector, config: FaultConfig = {}): void {
  rules.replace(httpFaultRules(config));
  faults.set(config);
}

/** Fastmag's routes under /_emulator, next to the kit's (state, reset, faults, clock, calls). */
export function fastmagControlRoutes(deps: FastmagControlDeps): Record<string, ControlHandler> {
  return {
    "GET fault-config": () => ({ ...deps.faults.current, rules: deps.rules().list() }),
    "PUT fault-config": ({ body }) => {
      if ("rules" in body) throw new ControlError(400, "send a fault config; kit rules go to /_emulator/faults");
      applyFaultConfig(deps.faults, deps.rules(), body as FaultConfig);
      return { ...deps.faults.current, rules: deps.rules().list() };
    },
    "GET stocks": () => ({
      columns: ["reference", "color", "size", "stock_general", "stock_web"],
      rows: deps.db
        .prepare("SELECT reference, color, size, stock_general, stock_web FROM stocks ORDER BY reference, color, size")
        .raw(true)
        .all(),
    }),
    "GET orders": () => ({
      orders: deps.db
        .prepare(
          `SELECT o.order_id AS orderId, o.shopify_order_id AS shopifyOrderId, o.shopify_order_name AS shopifyOrderName,
                  o.status, (SELECT label FROM order_statuses s WHERE s.status = o.status) AS statusLabel,
                  (SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.order_id) AS lines
           FROM orders o WHERE o.shopify_order_id IS NOT NULL ORDER BY o.order_id`,
        )
        .all(),
    }),
    // An order entered in Fastmag by someone else (a store employee, a former integration): a header
    // only, found by its Shopify id like any other.
    "POST orders": ({ body }) => {
      const b = body as Record<string, unknown>;
      const text = (key: string) => (typeof b[key] === "string" && b[key] !== "" ? (b[key] as string) : null);
      const shopifyOrderId = text("shopifyOrderId");
      if (!shopifyOrderId) throw new ControlError(400, "shopifyOrderId is required");
      const status = b.status === undefined ? 100 : Number(b.status);
      if (!Number.isInteger(status) || !deps.db.prepare("SELECT 1 FROM order_statuses WHERE status = ?").get(status))
        throw new ControlError(400, `unknown status ${String(b.status)}`);
      const total = b.total === undefined ? 0 : Number(b.total);
      if (!Number.isFinite(total)) throw new ControlError(400, "total must be a number");
      const stamp = localDateTime(deps.now());
      const { lastInsertRowid } = deps.db
        .prepare(
          `INSERT INTO orders (magasin, kind, status, total, quantity, shopify_order_id, shopify_order_name, carrier, tracking_number, created_at, last_modified)
           VALUES (?, 'COMMANDE', ?, ?, 1, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          deps.magasin,
          status,
          total,
          shopifyOrderId,
          text("shopifyOrderName"),
          text("carrier"),
          text("trackingNumber"),
          stamp,
          stamp,
        );
      return { orderId: String(lastInsertRowid) };
    },
    // Gift cards as a till sells and spends them (the EDI has no gift-card transaction we know of).
    "GET giftcards": () => ({
      giftcards: deps.db
        .prepare(
          "SELECT card_id AS id, activated, initial_amount AS initialAmount, balance, currency, customer_email AS customerEmail, created_at AS createdAt, expires_on AS expiresOn FROM giftcards ORDER BY card_id",
        )
        .all(),
    }),
    "POST giftcards": ({ body }) => {
      const b = body as Record<string, unknown>;
      const id = typeof b.id === "string" ? b.id.trim() : "";
      const amount = Number(b.initialAmount);
      if (!id) throw new ControlError(400, "id is required");
      if (!(amount > 0)) throw new ControlError(400, "initialAmount must be a positive number");
      if (deps.db.prepare("SELECT 1 FROM giftcards WHERE card_id = ?").get(id))
        throw new ControlError(409, `gift card ${id} exists`);
      deps.db
        .prepare(
          "INSERT INTO giftcards (card_id, activated, initial_amount, balance, currency, customer_email, created_at, expires_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .run(
          id,
          b.activated === false ? 0 : 1,
          amount,
          amount,
          typeof b.currency === "string" ? b.currency : "EUR",
          typeof b.customerEmail === "string" ? b.customerEmail : null,
          localDateTime(deps.now()),
          typeof b.expiresOn === "string" ? b.expiresOn : null,
        );
      return { id };
    },
    // Spent (a positive amount) or topped up (negative) at a till; activation as a till does it.
    "POST giftcards/:id": ({ params, body }) => {
      const b = body as Record<string, unknown>;
      const card = deps.db.prepare("SELECT balance FROM giftcards WHERE card_id = ?").get(params.id) as
        { balance: number } | undefined;
      if (!card) throw new ControlError(404, `no gift card ${params.id}`);
      if (b.activated !== undefined)
        deps.db.prepare("UPDATE giftcards SET activated = ? WHERE card_id = ?").run(b.activated ? 1 : 0, params.id);
      if (b.spend !== undefined) {
        const spend = Number(b.spend);
        const balance = Math.round((card.balance - spend) * 100) / 100;
        if (!Number.isFinite(spend) || balance < 0) throw new ControlError(400, "spend must fit the balance");
        deps.db.prepare("UPDATE giftcards SET balance = ? WHERE card_id = ?").run(balance, params.id);
      }
      return deps.db
        .prepare("SELECT card_id AS id, activated, balance FROM giftcards WHERE card_id = ?")
        .get(params.id);
    },
    // A customer's wallet (PME) topped up or spent at a till: its new balance.
    "POST pme/:code": ({ params, body }) => {
      const balance = Number((body as Record<string, unknown>).balance);
      if (!Number.isFinite(balance)) throw new ControlError(400, "balance must be a number");
      const changed = deps.db.prepare("UPDATE pme SET balance = ? WHERE code = ?").run(balance, params.code);
      if (changed.changes === 0) throw new ControlError(404, `no PME ${params.code}`);
      return deps.db
        .prepare("SELECT code, kind, balance, customer_id AS customerId FROM pme WHERE code = ?")
        .get(params.code);
    },
    // A credit note (avoir) issued after a return in store, for the customer with this e-mail.
    "POST avoirs": ({ body }) => {
      const b = body as Record<string, unknown>;
      const amount = Number(b.amount);
      if (!(amount > 0)) throw new ControlError(400, "amount must be a positive number");
      const customer = deps.db
        .prepare("SELECT customer_id AS id FROM customers WHERE LOWER(email) = LOWER(?)")
        .get(String(b.customerEmail ?? "")) as { id: number } | undefined;
      if (!customer) throw new ControlError(404, `no customer ${String(b.customerEmail)}`);
      const day = localDateTime(deps.now()).slice(0, 10);
      const { lastInsertRowid } = deps.db
        .prepare(
          "INSERT INTO avoirs (customer_id, amount, remaining, store, created_at, expires_on) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .run(customer.id, amount, amount, deps.magasin, day, typeof b.expiresOn === "string" ? b.expiresOn : null);
      return { id: String(lastInsertRowid) };
    },
    // A credit note spent at a till.
    "POST avoirs/:id": ({ params, body }) => {
      const spend = Number((body as Record<string, unknown>).spend);
      const avoir = deps.db.prepare("SELECT remaining FROM avoirs WHERE avoir_id = ?").get(params.id) as
        { remaining: number } | undefined;
      if (!avoir) throw new ControlError(404, `no avoir ${params.id}`);
      const remaining = Math.round((avoir.remaining - spend) * 100) / 100;
      if (!Number.isFinite(spend) || spend <= 0 || remaining < 0)
        throw new ControlError(400, "spend must be positive and fit what is left");
      deps.db.prepare("UPDATE avoirs SET remaining = ? WHERE avoir_id = ?").run(remaining, params.id);
      return { id: params.id, remaining };
    },
    "GET movements": ({ query }) => {
      const prefix = query.get("reasonPrefix") ?? "";
      return {
        movements: deps.db
          .prepare(
            `SELECT reason, stock, COUNT(*) AS count, SUM(quantity) AS quantity FROM stock_movements
             WHERE substr(reason, 1, length(?)) = ? GROUP BY reason, stock ORDER BY reason, stock`,
          )
          .all(prefix, prefix),
      };
    },
    "GET outcomes": () => {
      const byOutcome: Record<string, number> = {};
      for (const call of deps.calls) {
        const key = call.outcome.startsWith("rows:") ? "rows" : call.outcome || "other";
        byOutcome[key] = (byOutcome[key] ?? 0) + 1;
      }
      return { calls: deps.calls.length, byOutcome };
    },
  };
}

/**
 * Holds whatever the handler answers on `res` until `until`, then sends it late ("answer") or resets
 * the connection ("reset") — a hung instance that did the work but could not say so in time.
 */
export function holdAnswer(
  res: ServerResponse,
  until: number,
  end: "answer" | "reset",
  held: Set<ServerResponse>,
  now: () => number,
): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  const finish = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  let head: unknown[] | undefined;
  held.add(res);
  res.writeHead = ((...args: unknown[]) => {
    head = args;
    return res;
  }) as unknown as ServerResponse["writeHead"];
  res.end = ((...args: unknown[]) => {
    const timer = setTimeout(
      () => {
        held.delete(res);
        if (res.destroyed) return;
        if (end === "reset") return void res.destroy();
        if (head) writeHead(...head);
        finish(...args);
      },
      Math.max(0, until - now()),
    );
    timer.unref();
    return res;
  }) as unknown as ServerResponse["end"];
}
