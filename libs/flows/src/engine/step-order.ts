/**
 * The determinism check of a re-run: the step id recorded at position `seq` when it is not `stepId`
 * (the code reaches another step there), or the id recorded where `stepId` was first reached when
 * that is elsewhere (the code moved it). Undefined when the position agrees, or is new.
 * `order` holds '' at positions reached but not yet stored (a parallel step still running then).
 */
export function positionConflict(order: readonly string[], recordedSeq: ReadonlyMap<string, { readonly seq: number }>, stepId: string, seq: number): string | undefined {
  const expected = order[seq];
  if (expected && expected !== stepId) return expected;
  const recorded = recordedSeq.get(stepId);
  if (recorded && recorded.seq >= 0 && recorded.seq !== seq) return order[recorded.seq] || stepId;
  return undefined;
}
