import { createHash } from 'node:crypto';

/**
 * An applicant's lottery ticket: SHA-256 of "<seed>:<applicant id>" in hex; the lower ticket wins
 * a tie. Each ticket depends only on the seed and the applicant, not on who else applied or in
 * which order, so anyone can check one draw with `printf '%s' 'SEED:ID' | sha256sum`.
 */
export function lotteryTicket(seed: string, applicantId: string): string {
  return createHash('sha256').update(`${seed}:${applicantId}`).digest('hex');
}

/** The commitment published before a round: SHA-256 of the seed, in hex. */
export function seedCommitment(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}
