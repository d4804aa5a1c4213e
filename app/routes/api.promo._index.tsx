// The seed's /promo: GET lists, POST creates (or previews) a promotion, as /api/promotions does.
export { action, loader } from "./api.promotions._index";
