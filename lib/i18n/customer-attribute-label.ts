import type { Dictionary } from "./index";

/** Acquisition channels the product knows get a translated label; imported ones show as written. */
export function channelLabel(t: Dictionary, channel: string | null): string {
  if (channel === null) return "—";
  return t.common.acquisitionChannels[channel] ?? channel;
}

/** Devices the product knows get a translated label; others show as written. */
export function deviceLabel(t: Dictionary, device: string | null): string {
  if (device === null) return "—";
  return t.common.devices[device] ?? device;
}
