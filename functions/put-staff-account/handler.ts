import { actorOf, api, staffCallerOf } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { putStaffAccount } from '../../shared/use-cases/staff-accounts.js';

export const handler = api({ access: { staff: 'admin', scopeChecked: true }, body: true }, async (event) =>
  jsonResponse(
    200,
    await putStaffAccount(event.ids.username ?? '', event.json, {
      elections: staffCallerOf(event).elections,
      by: actorOf(event),
    }),
  ),
);
