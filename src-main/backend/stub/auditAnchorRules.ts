/**
 * Audit anchors (docs/architecture.md §6): each kiosk's audit chain heads,
 * kept off the kiosk so that its log can be checked against them. One per
 * kiosk and UTC day, the highest; an anchor only moves forward. Seqs grow
 * with days, so an anchor is behind when an anchor already stored has a
 * higher seq for the same or an earlier day, a lower seq for a later day, or
 * the same seq with another hash or day.
 */
import type { ContractSchema, RequestBodyOf } from '../contract/document';
import { problem, toIso, type Reply } from './problem';
import type { AuditAnchorRecord, StubState } from './state';

type AnchorView = ContractSchema<'AuditAnchor'>;

function viewOf(anchor: AuditAnchorRecord): AnchorView {
  return { day: anchor.day, seq: anchor.seq, hash: anchor.hash, at: anchor.at, receivedAt: toIso(anchor.receivedAt) };
}

/** A real calendar day (the contract's pattern lets 2025-02-31 through). */
function isCalendarDay(day: string): boolean {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === day;
}

function isBehind(stored: AuditAnchorRecord, sent: RequestBodyOf<'auditAnchor'>): boolean {
  if (stored.day === sent.day) return stored.seq > sent.seq || (stored.seq === sent.seq && stored.hash !== sent.hash);
  return stored.day < sent.day ? stored.seq >= sent.seq : stored.seq <= sent.seq;
}

export function storeAnchor(state: StubState, kioskId: string, sent: RequestBodyOf<'auditAnchor'>, now: number): Reply {
  if (!isCalendarDay(sent.day)) return problem('VALIDATION_FAILED', 400, { field: 'day' });
  if (Number.isNaN(Date.parse(sent.at))) return problem('VALIDATION_FAILED', 400, { field: 'at' });
  const anchors = (state.auditAnchors ??= []);
  const mine = anchors.filter((anchor) => anchor.kioskId === kioskId);
  const sameDay = mine.find((anchor) => anchor.day === sent.day);
  if (sameDay !== undefined && sameDay.seq === sent.seq && sameDay.hash === sent.hash) return { status: 201, body: viewOf(sameDay) };
  if (mine.some((anchor) => isBehind(anchor, sent))) return problem('AUDIT_ANCHOR_BEHIND', 409);
  const stored: AuditAnchorRecord = { kioskId, day: sent.day, seq: sent.seq, hash: sent.hash, at: sent.at, receivedAt: now };
  if (sameDay === undefined) anchors.push(stored);
  else anchors[anchors.indexOf(sameDay)] = stored;
  return { status: 201, body: viewOf(stored) };
}

export function listAnchors(state: StubState, kioskId: string, from: string | undefined, to: string | undefined): Reply {
  const anchors = (state.auditAnchors ?? [])
    .filter((anchor) => anchor.kioskId === kioskId && (from === undefined || anchor.day >= from) && (to === undefined || anchor.day <= to))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
    .map(viewOf);
  return { status: 200, body: { anchors } satisfies ContractSchema<'AuditAnchors'> };
}
