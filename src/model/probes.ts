import { markerFiles, probeMentions } from './drain-marker.js';
import type { Container, Handler, Probe } from './pod.js';

/** Whether two handlers run the same check: same kind, path, port, host, command. */
export function sameCheck(a: Handler, b: Handler): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'httpGet':
      return (
        (a.httpGet?.path?.value ?? '/') === (b.httpGet?.path?.value ?? '/') &&
        String(a.httpGet?.port?.value) === String(b.httpGet?.port?.value) &&
        a.httpGet?.host?.value === b.httpGet?.host?.value
      );
    case 'tcpSocket':
      return String(a.tcpSocketPort?.value) === String(b.tcpSocketPort?.value);
    case 'grpc':
      return a.grpcPort?.value === b.grpcPort?.value;
    case 'exec':
      return JSON.stringify(a.command?.value) === JSON.stringify(b.command?.value);
    default:
      return false;
  }
}

/** The port a network probe targets, as written (a number or a port name). */
export function probePort(probe: Handler): string | undefined {
  const port = probe.httpGet?.port?.value ?? probe.tcpSocketPort?.value ?? probe.grpcPort?.value;
  return port === undefined ? undefined : String(port);
}

/** The drain markers the container's preStop writes that `probe` tests. */
export function testedMarkers(container: Container, probe: Probe | undefined): string[] {
  return markerFiles(container.preStop).filter((file) => probeMentions(probe, file));
}

/** `periodSeconds × failureThreshold`: how long a probe takes to act on a failure. */
export function failureWindow(probe: Probe): number {
  return probe.periodSeconds * probe.failureThreshold;
}

/** An exec probe that tests some file (`test -f`, `[ -e … ]`, `stat`): a marker check in spirit. */
export function testsAFile(probe: Probe): boolean {
  if (probe.kind !== 'exec' || !probe.command) return false;
  const script = probe.command.value.join(' ');
  return /(^|[\s;&|(!])(test|\[\[?)\s+(!\s+)?-[efs]\s/.test(script) || /(^|[\s;&|(!])stat\s/.test(script);
}
