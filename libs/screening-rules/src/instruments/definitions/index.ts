import type { InstrumentDefinition, InstrumentKind } from '../instrument-types';
import { DASH_V2009, S_DASH_V1 } from './dash';
import { DARA_V1, SAI_V1, SASH_V1 } from './police-tools';
import { AAQ_II_V1, CFQ_7_V1, COMPACT_V1_0_4, COMPACT_V1_0_6 } from './psychometrics';

export { AAQ_II_V1, CFQ_7_V1, COMPACT_V1_0_4, COMPACT_V1_0_6, DARA_V1, DASH_V2009, S_DASH_V1, SAI_V1, SASH_V1 };

/** Every shipped definition version; a force adds its own configured versions beside these. */
export const INSTRUMENT_DEFINITIONS: readonly InstrumentDefinition[] = [
  DASH_V2009,
  S_DASH_V1,
  SASH_V1,
  SAI_V1,
  DARA_V1,
  AAQ_II_V1,
  CFQ_7_V1,
  COMPACT_V1_0_6,
  COMPACT_V1_0_4,
];

export const findInstrumentDefinition = (
  instrument: InstrumentKind,
  version: string,
  definitions: readonly InstrumentDefinition[] = INSTRUMENT_DEFINITIONS,
): InstrumentDefinition | undefined => definitions.find((d) => d.instrument === instrument && d.version === version);

/**
 * A new definition version from an existing one with some items' text (or flags) changed,
 * for forces configuring placeholder items. Items not mentioned are kept.
 */
export const configureInstrument = (
  base: InstrumentDefinition,
  version: string,
  changes: { items?: Readonly<Record<string, { text?: string; reverse?: boolean }>>; title?: string; notes?: readonly string[] },
): InstrumentDefinition => {
  if (version === base.version) throw new Error('a configured definition needs its own version');
  const unknown = Object.keys(changes.items ?? {}).filter((id) => !base.items.some((item) => item.id === id));
  if (unknown.length > 0) throw new Error(`unknown item(s) for ${base.instrument}: ${unknown.join(', ')}`);
  return {
    ...base,
    version,
    title: changes.title ?? base.title,
    items: base.items.map((item) => ({ ...item, ...changes.items?.[item.id] })),
    notes: changes.notes ?? base.notes,
  };
};
