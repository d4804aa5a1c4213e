// Customers: look one up by email, create one (CLIENT record), add a delivery address.
import type { ErpCustomer, ErpCustomerDraft, PostalAddress } from "../../domain/customers";
import type { FastmagContext } from "./context.server";
import { mapTable } from "./mapping.server";
import { customerRecord, deliveryAddressRecord } from "./records.server";
import { fitsCodePage } from "./text";

export function customersService(ctx: FastmagContext) {
  return {
    customerByEmail: async (email: string): Promise<ErpCustomer | null> => {
      // An e-mail the code page cannot hold is no Fastmag customer's: never looked up as "????@…".
      if (!fitsCodePage(email)) return null;
      const table = await ctx.client.queryAnswer(ctx.queries.sql("customerByEmail", { email }));
      const result = mapTable(table, {
        describe: (row) => (row.email ? `customer ${row.email}` : undefined),
        externalId: (row) => row.id,
        timeZone: ctx.timeZone,
        map: (r): ErpCustomer => {
          const address1 = r.optionalText("address1");
          return {
            id: r.text("id"),
            email: r.text("email"),
            firstName: r.optionalText("firstname") ?? "",
            lastName: r.optionalText("lastname") ?? "",
            phone: r.optionalText("phone"),
            externalId: r.optionalText("external_id"),
            address: address1
              ? {
                  address1,
                  address2: r.optionalText("address2"),
                  zip: r.optionalText("zip") ?? "",
                  city: r.optionalText("city") ?? "",
                  country: r.optionalText("country") ?? "",
                }
              : undefined,
          };
        },
      });
      // Matched on the value we hold, never on what an instance might have stored changed.
      return result.items.find((c) => c.email.toLowerCase() === email.toLowerCase()) ?? null;
    },
    /** Creates the customer; returns Fastmag's customer number when it gives one. */
    createCustomer: async (customer: ErpCustomerDraft): Promise<{ customerId?: string }> => {
      const { number } = await ctx.client.transact(customerRecord(customer));
      return { customerId: number };
    },
    addDeliveryAddress: async (email: string, address: PostalAddress): Promise<void> => {
      await ctx.client.transact(deliveryAddressRecord(email, address));
    },
  };
}
