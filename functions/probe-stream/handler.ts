import { sendProbe } from '../../shared/use-cases/check-health.js';

/** Every minute: a probe item through the table's stream, which both stream readers answer. */
export const handler = async (): Promise<void> => {
  await sendProbe();
};
