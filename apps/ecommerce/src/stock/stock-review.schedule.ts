/** When the nightly stock review fires: a cron pattern and its IANA time zone. */
export interface StockReviewSchedule {
  readonly cron: string;
  readonly tz: string;
}

/**
 * `STOCK_REVIEW_CRON` / `STOCK_REVIEW_TZ`, with the defaults of `loadShopConfig` (`0 2 * * *`, UTC).
 * `@Flow` takes its trigger when the class is declared, before any `ShopConfig` exists, so the
 * schedule is read from the process environment at import; `StockReviewFlow` warns at startup
 * when the app's config names another one (a value given to `loadShopConfig` but not exported).
 */
export function stockReviewSchedule(env: NodeJS.ProcessEnv = process.env): StockReviewSchedule {
  return { cron: nonEmpty(env.STOCK_REVIEW_CRON) ?? '0 2 * * *', tz: nonEmpty(env.STOCK_REVIEW_TZ) ?? 'UTC' };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export const STOCK_REVIEW_SCHEDULE: StockReviewSchedule = stockReviewSchedule();
