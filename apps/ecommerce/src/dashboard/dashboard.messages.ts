/** What the runs API and pages answer when they have nothing to show; each says where to look. */
export const messages = {
  runNotFound: (id: string) => `No flow run has the id "${id}". GET /api/runs lists the runs the shop recorded.`,
  eventNotFound: (id: string) => `No webhook delivery and no flow run has the event id "${id}". The ids are on each run's page and in GET /api/runs/:id.`,
};
