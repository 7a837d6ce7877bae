import { markerFiles, probeMentions } from './drain-marker.js';
import type { Container, Handler, Probe } from './pod.js';

/** Whether two handlers of `container` run the same check: same kind, path, port, host, command. */
export function sameCheck(a: Handler, b: Handler, container: Container): boolean {
  if (a.kind !== b.kind) return false;
  const samePort = () => resolvedPort(a, container) === resolvedPort(b, container);
  switch (a.kind) {
    case 'httpGet':
      return (a.httpGet?.path?.value ?? '/') === (b.httpGet?.path?.value ?? '/') && samePort() && a.httpGet?.host?.value === b.httpGet?.host?.value;
    case 'tcpSocket':
    case 'grpc':
      return samePort();
    case 'exec':
      return JSON.stringify(a.command?.value) === JSON.stringify(b.command?.value);
    default:
      return false;
  }
}

/** The port a network probe targets, with a port name resolved through the container's ports. */
export function resolvedPort(probe: Handler, container: Container): string | undefined {
  const port = probe.httpGet?.port?.value ?? probe.tcpSocketPort?.value ?? probe.grpcPort?.value;
  if (port === undefined) return undefined;
  if (typeof port === 'string') {
    const named = container.ports.find((p) => p.name === port)?.containerPort;
    return named === undefined ? port : String(named);
  }
  return String(port);
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
