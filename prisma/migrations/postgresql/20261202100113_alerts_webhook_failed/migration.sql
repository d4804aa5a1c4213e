-- AlterTable
ALTER TABLE "AlertSettings" ALTER COLUMN "eventsJson" SET DEFAULT '["run-failed","connector-down","delivery-dead","webhook-failed"]';


-- A new kind of alert, a Shopify webhook whose processing was given up: shops that chose to hear of event
-- feed deliveries given up (the other events given up) hear of it too; they can untick it on the Alerts screen.
UPDATE "AlertSettings" SET "eventsJson" = replace("eventsJson", '"delivery-dead"', '"delivery-dead","webhook-failed"')
WHERE "eventsJson" LIKE '%"delivery-dead"%' AND "eventsJson" NOT LIKE '%"webhook-failed"%';
