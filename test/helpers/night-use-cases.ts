/**
 * The use cases through which the integration tests write a night: define an election, submit
 * turnout readings and counts, review a section. Shared modules read their configuration on first
 * use, so they are imported at the call, after startLocalTable (and startLocalBucket) have set it.
 */
export async function nightUseCases() {
  return {
    ...(await import('../../shared/use-cases/define-election.js')),
    ...(await import('../../shared/use-cases/submit-section-data.js')),
    ...(await import('../../shared/use-cases/review-section.js')),
  };
}

export type NightUseCases = Awaited<ReturnType<typeof nightUseCases>>;
