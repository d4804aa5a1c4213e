// Items: GET /api/v5/store/product-groups, /store/products and /store/products/properties.
import type { ApiMethod } from "./context";
import { paginate, pageOf } from "./envelope";
import { flagOf, isRecord, listOf, stringOf, type ParamValue } from "./params";
import type { Account, Product } from "./store";

function filterOf(params: Record<string, ParamValue>): Record<string, ParamValue> {
  return (isRecord(params.filter) ? params.filter : {}) as Record<string, ParamValue>;
}

export const listProductGroups: ApiMethod = ({ account, params }) => {
  const filter = filterOf(params);
  const page = pageOf(params.limit, params.page);
  const ids = listOf(filter.ids);
  const sites = listOf(filter.sites);
  const active = flagOf(filter.active, "filter[active]");
  const parentGroupId = stringOf(filter.parentGroupId);
  const name = stringOf(filter.name)?.toLowerCase();
  const groups = [...account.groups.values()].filter(
    (group) =>
      (!ids.length || ids.includes(String(group.id))) &&
      (!sites.length || sites.includes(group.site)) &&
      (active === undefined || group.active === active) &&
      (!parentGroupId || String(group.parentId ?? "") === parentGroupId) &&
      (!name || group.name.toLowerCase().includes(name)),
  );
  const { items, pagination } = paginate(groups, page);
  return {
    body: {
      success: true,
      pagination,
      // RetailCRM names this list in the singular.
      productGroup: items.map((group) => ({
        ...(group.parentId ? { parentId: group.parentId } : {}),
        site: group.site,
        id: group.id,
        name: group.name,
        ...(group.externalId ? { externalId: group.externalId } : {}),
        active: group.active,
      })),
    },
  };
};

export const listProducts: ApiMethod = ({ account, params }) => {
  const filter = filterOf(params);
  const page = pageOf(params.limit, params.page);
  const ids = listOf(filter.ids);
  const offerIds = listOf(filter.offerIds);
  const externalId = stringOf(filter.externalId);
  const offerExternalId = stringOf(filter.offerExternalId);
  const article = stringOf(filter.article);
  const name = stringOf(filter.name)?.toLowerCase();
  const groups = listOf(filter.groups);
  const sites = listOf(filter.sites);
  const active = flagOf(filter.active, "filter[active]");
  const offers = (product: Product) => product.offerIds.map((id) => account.offers.get(id)!);
  const products = [...account.products.values()].filter(
    (product) =>
      (!ids.length || ids.includes(String(product.id))) &&
      (!offerIds.length || product.offerIds.some((id) => offerIds.includes(String(id)))) &&
      (!externalId || product.externalId === externalId) &&
      (!offerExternalId || offers(product).some((o) => o.externalId === offerExternalId)) &&
      (!article || product.article === article || offers(product).some((o) => o.article === article)) &&
      (!name || product.name.toLowerCase().includes(name)) &&
      (!groups.length || product.groupIds.some((id) => groups.includes(String(id)))) &&
      (!sites.length || sites.includes(product.site)) &&
      (active === undefined || product.active === active),
  );
  const { items, pagination } = paginate(products, page);
  return { body: { success: true, pagination, products: items.map((p) => productView(account, p)) } };
};

function productView(account: Account, product: Product) {
  const offers = product.offerIds.map((id) => account.offers.get(id)!);
  const prices = offers.map((o) => o.price).filter((p): p is number => p !== undefined);
  return {
    ...(prices.length ? { minPrice: Math.min(...prices), maxPrice: Math.max(...prices) } : {}),
    id: product.id,
    ...(product.article ? { article: product.article } : {}),
    type: "product",
    name: product.name,
    groups: product.groupIds.map((id) => {
      const group = account.groups.get(id)!;
      return { id, ...(group.externalId ? { externalId: group.externalId } : {}) };
    }),
    ...(product.externalId ? { externalId: product.externalId } : {}),
    ...(product.manufacturer ? { manufacturer: product.manufacturer } : {}),
    offers: offers.map((offer) => ({
      name: offer.name,
      ...(offer.price !== undefined ? { price: offer.price } : {}),
      id: offer.id,
      ...(offer.externalId ? { externalId: offer.externalId } : {}),
      ...(offer.xmlId ? { xmlId: offer.xmlId } : {}),
      ...(offer.article ? { article: offer.article } : {}),
      ...(offer.purchasePrice !== undefined ? { purchasePrice: offer.purchasePrice } : {}),
      properties: offer.properties,
      quantity: account.quantityOf(offer),
      active: offer.active,
    })),
    active: product.active,
    quantity: offers.reduce((sum, offer) => sum + account.quantityOf(offer), 0),
  };
}

export const listProductProperties: ApiMethod = ({ account, params }) => {
  const filter = filterOf(params);
  const page = pageOf(params.limit, params.page);
  const code = stringOf(filter.code);
  const name = stringOf(filter.name)?.toLowerCase();
  const sites = listOf(filter.sites);
  const properties = account
    .allProperties()
    .filter(
      (p) =>
        (!code || p.code === code) &&
        (!name || p.name.toLowerCase().includes(name)) &&
        (!sites.length || sites.includes(account.site)),
    );
  const { items, pagination } = paginate(properties, page);
  const groups = [...account.groups.values()].map((g) => ({ id: g.id, name: g.name }));
  return {
    body: {
      success: true,
      pagination,
      properties: items.map((p) => ({ sites: [account.site], groups, ...p })),
    },
  };
};
