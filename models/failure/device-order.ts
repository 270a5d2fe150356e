// Rows grouped by device and sorted by time within each device, done once so every later pass
// is a linear walk. A counting sort by device keeps input order, so data already sorted by time
// (the usual export) costs one check per device instead of a sort.

export interface DeviceOrder {
  /** Row indices, device by device, in ascending time within a device. */
  order: Int32Array;
  /** Rows of device d are order[start[d]] … order[start[d + 1] − 1]; length numDevices + 1. */
  start: Int32Array;
}

/**
 * Groups rows by device code (0 … numDevices − 1) and sorts each group by time. Rows with a
 * negative or out-of-range device code or a NaN time are left out.
 */
export function orderByDevice(
  device: Int32Array,
  time: Float64Array,
  numDevices: number,
): DeviceOrder {
  const keep = (i: number): boolean => {
    const d = device[i]!;
    return d >= 0 && d < numDevices && !Number.isNaN(time[i]!);
  };
  const start = new Int32Array(numDevices + 1);
  for (let i = 0; i < device.length; i++) if (keep(i)) start[device[i]! + 1]!++;
  for (let d = 0; d < numDevices; d++) start[d + 1] = start[d + 1]! + start[d]!;
  const order = new Int32Array(start[numDevices]!);
  const fill = start.slice(0, numDevices);
  for (let i = 0; i < device.length; i++) if (keep(i)) order[fill[device[i]!]!++] = i;
  for (let d = 0; d < numDevices; d++) {
    const seg = order.subarray(start[d]!, start[d + 1]!);
    let sorted = true;
    for (let j = 1; j < seg.length && sorted; j++) sorted = time[seg[j - 1]!]! <= time[seg[j]!]!;
    if (!sorted) seg.sort((a, b) => time[a]! - time[b]! || a - b);
  }
  return { order, start };
}
