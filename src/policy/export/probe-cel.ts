/**
 * Probes in CEL, read as the model reads them (src/model/probes.ts, drain-marker.ts), for the
 * exported liveness-gates-on-load: ports resolved by name, the same check twice, the drain
 * markers a preStop writes, and a probe's failure window.
 */
import { PROBE_DEFAULTS, PROBE_MINIMUMS, type ProbeTiming } from '../../domain/index.js';
import { celString } from './cel-text.js';

/** A timing as the kubelet reads it: the written int, else (unset or invalid) the default. */
export function probeTiming(probe: string, key: ProbeTiming): string {
  const value = `${probe}.?${key}.orValue(${PROBE_DEFAULTS[key]})`;
  return `(type(${value}) == int && ${value} >= ${PROBE_MINIMUMS[key]} ? ${value} : ${PROBE_DEFAULTS[key]})`;
}

/** `periodSeconds × failureThreshold`. */
export function failureWindow(probe: string): string {
  return `${probeTiming(probe, 'periodSeconds')} * ${probeTiming(probe, 'failureThreshold')}`;
}

/** The port a probe's handler names ('' for none), a name resolved through the container's ports. */
export function resolvedPort(probe: string, c: string): string {
  const written = `${probe}.?httpGet.?port.orValue(${probe}.?tcpSocket.?port.orValue(${probe}.?grpc.?port.orValue('')))`;
  const named = `${c}.?ports.orValue([]).filter(x, x.?name.orValue('') == ${written} && has(x.containerPort))`;
  return `(type(${written}) == int ? string(${written}) : ${named}.size() > 0 ? string(${named}[0].containerPort) : string(${written}))`;
}

const handlerKind = (probe: string) => `(has(${probe}.exec) ? 'exec' : has(${probe}.httpGet) ? 'httpGet' : has(${probe}.tcpSocket) ? 'tcpSocket' : has(${probe}.grpc) ? 'grpc' : 'unknown')`;

/** Two probes of the container run the same check: same kind, path, port, host, command (model/probes.ts `sameCheck`). */
export function sameCheck(a: string, b: string, c: string): string {
  const samePort = `${resolvedPort(a, c)} != '' && ${resolvedPort(a, c)} == ${resolvedPort(b, c)}`;
  return [
    `${handlerKind(a)} == ${handlerKind(b)} && (`,
    `${handlerKind(a)} == 'httpGet' ? ${a}.httpGet.?path.orValue('/') == ${b}.httpGet.?path.orValue('/') && ${a}.httpGet.?host.orValue('') == ${b}.httpGet.?host.orValue('') && ${samePort} : `,
    `${handlerKind(a)} == 'tcpSocket' || ${handlerKind(a)} == 'grpc' ? ${samePort} : `,
    `${handlerKind(a)} == 'exec' ? ${a}.exec.?command.orValue([]) == ${b}.exec.?command.orValue([]) : false)`,
  ].join('');
}

/**
 * The files a preStop exec writes to mark the pod draining (`touch F`, `> F`, `echo … > F`),
 * not logs under /dev or /proc (model/drain-marker.ts `markerFiles`).
 */
export function markerFiles(c: string): string {
  const script = `${c}.lifecycle.preStop.exec.?command.orValue([]).join(' ')`;
  const writes = `${script}.findAll('(^|[\\\\s;&|(])touch\\\\s+["\\']?[^\\\\s"\\';&|)-][^\\\\s"\\';&|)]*|(^|[^0-9&])>>?\\\\s*["\\']?[^\\\\s"\\';&|)&][^\\\\s"\\';&|)]*')`;
  const file = `m.replace('>', ' ').replace('"', ' ').replace("'", ' ').trim().split(' ')`;
  return `(has(${c}.lifecycle) && has(${c}.lifecycle.preStop) && has(${c}.lifecycle.preStop.exec) ? ${writes}.map(m, ${file}[${file}.size() - 1]).filter(f, !f.matches('^/(dev|proc)/')) : [])`;
}

/** A regex that matches `file` as a whole word in an exec probe's argument (model/drain-marker.ts `probeMentions`). */
function mentionRegex(file: string): string {
  const escaped = ['\\', '.', '*', '+', '?', '^', '$', '{', '}', '(', ')', '|', '[', ']'].reduce((text, c) => `${text}.replace(${celString(c)}, ${celString(`\\${c}`)})`, file);
  return `'(^|[\\\\s\\'"=;(\\\\[])' + ${escaped} + '($|[\\\\s\\'"\\\\];)])'`;
}

/** The liveness probe tests a drain marker the preStop writes. */
export function livenessTestsMarker(c: string): string {
  return `has(${c}.livenessProbe.exec) && ${markerFiles(c)}.exists(f, ${c}.livenessProbe.exec.?command.orValue([]).exists(arg, arg.matches(${mentionRegex('f')})))`;
}

/**
 * The liveness probe hits the port the server answers on: readiness's port, else the container's
 * only port (rules/liveness-gates-on-load.ts `onServingPort`).
 */
export function onServingPort(c: string): string {
  const liveness = `${c}.livenessProbe`;
  const port = resolvedPort(liveness, c);
  const readinessPort = `(has(${c}.readinessProbe) ? ${resolvedPort(`${c}.readinessProbe`, c)} : '')`;
  const ports = `${c}.?ports.orValue([])`;
  return `${port} != '' && (${readinessPort} != '' ? ${readinessPort} == ${port} : ${ports}.size() == 1 && ${ports}.all(x, has(x.containerPort) && string(x.containerPort) == ${port}))`;
}
