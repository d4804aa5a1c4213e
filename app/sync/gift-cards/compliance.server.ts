// GDPR for gift cards: a customer's cards (by the buyer's e-mail) and the mails planned to them as a
// recipient are found; redact blanks the e-mails and the giver's message; shop/redact erases it all.
import type { ShopDataEraser } from "../../compliance/compliance.server";
import type { CustomerDataHolder } from "../../compliance/customer-data.server";
import { db } from "../../db.server";

export const giftCardsHolder: CustomerDataHolder = {
  name: "giftCards",
  async find({ shop, customer }) {
    if (!customer.email) return [];
    const [cards, mails] = await Promise.all([
      db.giftCardLink.findMany({ where: { shop, customerEmail: customer.email } }),
      db.giftCardMail.findMany({ where: { shop, recipientEmail: customer.email } }),
    ]);
    return [
      ...cards.map((c) => ({ giftCard: c.code, email: c.customerEmail })),
      ...mails.map((m) => ({ giftCardMail: m.code, to: m.recipientEmail, name: m.recipientName, message: m.message })),
    ];
  },
  async redact({ shop, customer }) {
    if (!customer.email) return 0;
    const cards = await db.giftCardLink.updateMany({
      where: { shop, customerEmail: customer.email },
      data: { customerEmail: null },
    });
    const mails = await db.giftCardMail.updateMany({
      where: { shop, recipientEmail: customer.email },
      data: { recipientEmail: "(erased)", recipientName: null, senderName: null, message: null },
    });
    return cards.count + mails.count;
  },
};

export const eraseGiftCards: ShopDataEraser = async (shop) => {
  await db.giftCardMail.deleteMany({ where: { shop } });
  await db.giftCardLink.deleteMany({ where: { shop } });
};
