import type { Dictionary } from "./index";

/** Acquisition channels the product knows get a translated label; imported ones show as written. */
export function channelLabel(t: Dictionary, channel: string | null): string {
  if (channel === null) return "—";
  return t.common.acquisitionChannels[channel] ?? channel;
}
