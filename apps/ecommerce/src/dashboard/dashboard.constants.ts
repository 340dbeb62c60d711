/** How often the stream sends the figures (and how old the figures a new subscriber first gets can be). */
export const STREAM_INTERVAL_MS = 1_000;

/** Rows the dashboard lists: products in the sentiment chart, held orders, recent runs. */
export const DASHBOARD_LIMITS = { products: 12, heldOrders: 8, recentRuns: 10 } as const;

/** `GET /api/runs`: page size when none is asked, and the most one page returns. */
export const RUNS_PAGE = { default: 50, max: 200 } as const;

/** The monitoring admin's run view (AppModule mounts the admin at `/admin`): its steps graph and replay. */
export const ADMIN_RUN_PATH = '/admin/flows/runs/';

/** Run statuses that are not over yet: the dashboard's "running" column. */
export const ACTIVE_STATUSES = ['queued', 'running', 'sleeping', 'waiting'] as const;

/** Every status a flow run can have (`GET /api/runs?status=`). */
export const RUN_STATUSES = [...ACTIVE_STATUSES, 'completed', 'failed', 'cancelled'] as const;
