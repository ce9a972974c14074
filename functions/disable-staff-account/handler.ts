import { actorOf, api, staffCallerOf } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { disableStaffAccount } from '../../shared/use-cases/staff-accounts.js';

export const handler = api({ access: { staff: 'admin', scopeChecked: true } }, async (event) =>
  jsonResponse(
    200,
    await disableStaffAccount(event.ids.username ?? '', {
      elections: staffCallerOf(event).elections,
      by: actorOf(event),
    }),
  ),
);
