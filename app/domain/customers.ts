// Customers and addresses as back offices know them.

export interface PostalAddress {
  /** A label for the address (some back offices store delivery addresses by name). */
  name?: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  address1: string;
  address2?: string;
  zip: string;
  city: string;
  /** ISO 3166 alpha-2 when known (FR), otherwise what the system gave. */
  country: string;
  phone?: string;
}

export interface ErpCustomer {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  phone?: string;
  address?: PostalAddress;
  /** Our id for this customer (e.g. the Shopify customer id), when the back office keeps it. */
  externalId?: string;
}

export interface ErpCustomerDraft {
  email: string;
  firstName: string;
  lastName: string;
  civility?: "MONSIEUR" | "MADAME" | "";
  phone?: string;
  company?: string;
  address?: PostalAddress;
  externalId?: string;
  notes?: string;
}
