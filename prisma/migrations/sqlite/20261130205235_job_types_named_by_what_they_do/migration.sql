-- Job types are named by what they do, not by the system they talk to.
UPDATE "Job" SET "type" = 'stock.full' WHERE "type" = 'fastmag.full-stock';
UPDATE "Job" SET "type" = 'stock.changes' WHERE "type" = 'fastmag.differential-stock';
UPDATE "Job" SET "type" = 'prices.update' WHERE "type" = 'fastmag.prices';
UPDATE "Job" SET "type" = 'orders.export' WHERE "type" = 'fastmag.export-order';
UPDATE "Job" SET "type" = 'orders.reconcile' WHERE "type" = 'fastmag.reconcile-orders';
UPDATE "Job" SET "type" = 'orders.statuses' WHERE "type" = 'fastmag.order-statuses';
UPDATE "Job" SET "type" = 'orders.deliveries' WHERE "type" = 'fastmag.order-deliveries';
UPDATE "Schedule" SET "type" = 'stock.full' WHERE "type" = 'fastmag.full-stock';
UPDATE "Schedule" SET "type" = 'stock.changes' WHERE "type" = 'fastmag.differential-stock';
UPDATE "Schedule" SET "type" = 'prices.update' WHERE "type" = 'fastmag.prices';
UPDATE "Schedule" SET "type" = 'orders.export' WHERE "type" = 'fastmag.export-order';
UPDATE "Schedule" SET "type" = 'orders.reconcile' WHERE "type" = 'fastmag.reconcile-orders';
UPDATE "Schedule" SET "type" = 'orders.statuses' WHERE "type" = 'fastmag.order-statuses';
UPDATE "Schedule" SET "type" = 'orders.deliveries' WHERE "type" = 'fastmag.order-deliveries';
