// Orders: reading their status and tracking (shipped = status 300 or 305), finding the order made
// for a Shopify order, and creating one (customer, delivery address, then the order).
import type { ErpOrder, ErpOrderDraft } from "../../domain/orders";
import type { ReadResult } from "../../domain/results";
import type { FastmagContext } from "./context.server";
import { customersService } from "./customers.server";
import { mapTable } from "./mapping.server";
import type { QueryAnswer } from "./protocol";
import { customerRecord, deliveryAddressRecord, orderRecords, orderStatusRecord } from "./records.server";

/** Fastmag statuses meaning "shipped, tracking number available"; 305 is shipped in part. */
export const SHIPPED_STATUSES = [300, 305] as const;
const PARTLY_SHIPPED = 305;

export function ordersService(ctx: FastmagContext, magasin: string) {
  const read = (answer: QueryAnswer): ReadResult<ErpOrder> =>
    mapTable(answer, {
      describe: (row) => (row.id ? `order ${row.id}` : undefined),
      externalId: (row) => row.id,
      timeZone: ctx.timeZone,
      map: (r): ErpOrder => {
        const status = r.integer("status");
        return {
          id: r.text("id"),
          shopifyOrderId: r.optionalText("shopify_order_id"),
          shopifyOrderName: r.optionalText("shopify_order_name"),
          status,
          statusLabel: r.optionalText("status_label") ?? `status ${status}`,
          shipped: (SHIPPED_STATUSES as readonly number[]).includes(status),
          partlyShipped: status === PARTLY_SHIPPED,
          carrier: r.optionalText("carrier"),
          trackingNumber: r.optionalText("tracking_number"),
          total: r.optionalNumber("total"),
          createdAt: r.optionalDateTime("created_at"),
        };
      },
    });
  const customers = customersService(ctx);

  const service = {
    orderById: async (id: string): Promise<ErpOrder | null> =>
      read(await ctx.client.queryAnswer(ctx.queries.sql("orderById", { id }))).items[0] ?? null,
    /** The orders made for these Shopify orders (by Shopify order id). */
    ordersByShopifyIds: async (shopifyIds: string[]): Promise<ReadResult<ErpOrder>> =>
      shopifyIds.length === 0
        ? { items: [], skipped: [] }
        : read(await ctx.client.queryAnswer(ctx.queries.sql("ordersByShopifyIds", { shopifyIds }))),
    orderByShopifyId: async (shopifyId: string): Promise<ErpOrder | null> =>
      (await service.ordersByShopifyIds([shopifyId])).items[0] ?? null,
    allOrders: async () => read(await ctx.client.queryAnswer(ctx.queries.sql("allOrders"))),

    /**
     * Creates the order in Fastmag: the customer when Fastmag does not know the email yet, the
     * delivery address, then the order. Returns Fastmag's order number. Not idempotent by itself:
     * call orderByShopifyId first (and again after an ambiguous timeout).
     */
    createOrder: async (
      draft: ErpOrderDraft,
      customer?: Parameters<typeof customers.createCustomer>[0],
    ): Promise<{ orderId: string }> => {
      // Every record is built (and its text checked) before the first is sent: a refusal leaves nothing half-made.
      const customerLine = customerRecord(
        customer ?? {
          email: draft.email,
          firstName: draft.shippingAddress?.firstName ?? "",
          lastName: draft.shippingAddress?.lastName ?? draft.email,
          address: draft.shippingAddress,
        },
      );
      const addressLine = draft.shippingAddress ? deliveryAddressRecord(draft.email, draft.shippingAddress) : null;
      const order = orderRecords(magasin, draft);
      if (!(await customers.customerByEmail(draft.email))) await ctx.client.transact(customerLine);
      // Each order's address under its own name: a later order never rewrites an earlier one's.
      if (addressLine) await ctx.client.transact(addressLine);
      const { number } = await ctx.client.transact(order);
      if (!number) throw new Error(`Fastmag accepted order ${draft.shopifyOrderName} without giving its number`);
      return { orderId: number };
    },

    /** Tells Fastmag the web order's status (VSHOPSTATUS). */
    setWebStatus: async (orderId: string, status: number, carrier?: string, trackingNumber?: string) => {
      await ctx.client.transact(orderStatusRecord(orderId, status, carrier, trackingNumber));
    },
  };
  return service;
}
