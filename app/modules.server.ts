// The composition root: every feature's job types, GDPR holders and shop-erasure steps, registered in
// one place by each process's entry (the server's entry.server.tsx, the worker), so what the app can
// run and erase never depends on which module happened to be imported first.
import { db } from "./db.server";
import { eraseUnmatchedSkus } from "./sync/unmatched/decisions.server";
import { alertJobTypes } from "./alerts/send.server";
import { registerAlerts } from "./alerts/listeners.server";
import { eraseAlerts } from "./alerts/app-events.server";
import { onShopRedact } from "./compliance/compliance.server";
import { registerCustomerDataHolder } from "./compliance/customer-data.server";
import { eraseCustomerCredit, storeCreditMirrorHolder } from "./customers/compliance.server";
import { customerJobTypes } from "./customers/jobs.server";
import { eraseTuyoData } from "./connectors/tuyo/erase.server";
import { eraseFeedData, feedEventsHolder } from "./event-feed/compliance.server";
import { eraseJobApplications, jobApplicationsHolder } from "./job-applications/compliance.server";
import { jobApplicationJobTypes } from "./job-applications/send.server";
import { registerJobType } from "./jobs/registry.server";
import { pruneJobHistoryJob } from "./jobs/retention.server";
import { eraseCatalogData } from "./sync/catalog/erase.server";
import { catalogJobTypes } from "./sync/catalog/jobs.server";
import { imageJobTypes } from "./sync/images/jobs.server";
import { publishingJobTypes } from "./sync/publishing/jobs.server";
import { promotionJobTypes } from "./promotions/jobs.server";
import { eraseMail, mailLogHolder } from "./mail/compliance.server";
import { eraseGiftCards, giftCardsHolder } from "./sync/gift-cards/compliance.server";
import { giftCardJobTypes } from "./sync/gift-cards/jobs.server";
import { eraseOrderRecords, orderRecordsHolder } from "./sync/orders/compliance.server";
import { listingJobTypes } from "./sync/listings/jobs.server";
import { orderJobTypes } from "./sync/orders/jobs.server";
import { stockJobTypes } from "./sync/stock-jobs.server";
import { pruneWebhookDeliveriesJob } from "./webhooks/retention.server";
import { feedJobTypes } from "./event-feed/jobs.server";
import { posJobTypes } from "./pos/jobs.server";

let registered = false;

export function registerModules(): void {
  if (registered) return;
  registered = true;
  for (const definition of [
    pruneJobHistoryJob,
    pruneWebhookDeliveriesJob,
    ...stockJobTypes,
    ...orderJobTypes,
    ...catalogJobTypes,
    ...imageJobTypes,
    ...publishingJobTypes,
    ...promotionJobTypes,
    ...giftCardJobTypes,
    ...listingJobTypes,
    ...jobApplicationJobTypes,
    ...customerJobTypes,
    ...feedJobTypes,
    ...alertJobTypes,
    ...posJobTypes,
  ])
    registerJobType(definition);
  registerAlerts();
  registerCustomerDataHolder(orderRecordsHolder);
  onShopRedact(eraseOrderRecords);
  registerCustomerDataHolder(mailLogHolder);
  onShopRedact(eraseMail);
  registerCustomerDataHolder(giftCardsHolder);
  onShopRedact(eraseGiftCards);
  onShopRedact(eraseTuyoData);
  onShopRedact(eraseCatalogData);
  registerCustomerDataHolder(jobApplicationsHolder);
  onShopRedact(eraseJobApplications);
  registerCustomerDataHolder(storeCreditMirrorHolder);
  onShopRedact(eraseCustomerCredit);
  registerCustomerDataHolder(feedEventsHolder);
  onShopRedact(eraseFeedData);
  onShopRedact((shop) => eraseUnmatchedSkus(db, shop));
  onShopRedact((shop) => eraseAlerts(shop));
}
