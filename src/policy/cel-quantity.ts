/**
 * Kubernetes `resource.Quantity` for CEL's quantity library, exact: `1.5Gi`, `500m`, `1e3`, `-2k`.
 * Values are kept as a fraction of BigInts (binary suffixes are powers of two, decimal ones powers
 * of ten), and, as Kubernetes parses them, rounded away from zero to a multiple of 1n. The model's
 * `parseQuantity` (src/model/units.ts) gives floats for the built-in rules; CEL needs exact
 * comparison, `isInteger` and int64 overflow, so this is its own parser of the same grammar.
 * Library: https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-quantity-library
 */

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;
const BINARY_POWERS: Readonly<Record<string, bigint>> = { Ki: 10n, Mi: 20n, Gi: 30n, Ti: 40n, Pi: 50n, Ei: 60n };
const DECIMAL_EXPONENTS: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
/** Exponents beyond this would only build huge BigInts; no resource is that large or small. */
const MAX_EXPONENT = 1000;
const NANO = 10n ** 9n;
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

export class Quantity {
  /** The value is `nanos` × 10⁻⁹, exact. */
  private constructor(readonly nanos: bigint, private readonly text: string) {}

  static parse(text: string): Quantity | undefined {
    const match = QUANTITY.exec(text);
    if (!match) return undefined;
    const [, sign, number, suffix, exponentText] = match;
    const [whole, fraction = ''] = number!.split('.');
    let numerator = BigInt(`${whole || '0'}${fraction}`);
    let exponent = -fraction.length;
    if (exponentText !== undefined) exponent += Number(exponentText);
    else if (suffix && suffix in DECIMAL_EXPONENTS) exponent += DECIMAL_EXPONENTS[suffix]!;
    if (Math.abs(exponent) > MAX_EXPONENT) return undefined;
    if (suffix && suffix in BINARY_POWERS) numerator <<= BINARY_POWERS[suffix]!;
    const nanos = scaleToNanos(numerator, exponent + 9);
    return new Quantity(sign === '-' ? -nanos : nanos, text);
  }

  static fromNanos(nanos: bigint): Quantity {
    return new Quantity(nanos, formatNanos(nanos));
  }

  sign(): bigint {
    return this.nanos > 0n ? 1n : this.nanos < 0n ? -1n : 0n;
  }

  /** True when `asInteger()` would succeed: a whole number within int64. */
  isInteger(): boolean {
    if (this.nanos % NANO !== 0n) return false;
    const whole = this.nanos / NANO;
    return whole >= INT64_MIN && whole <= INT64_MAX;
  }

  asInteger(): bigint {
    if (!this.isInteger()) throw new Error(`cannot convert quantity ${this.text} to an int64 without losing precision or overflowing`);
    return this.nanos / NANO;
  }

  asApproximateFloat(): number {
    return Number(this.nanos) / 1e9;
  }

  compareTo(other: Quantity): bigint {
    return this.nanos < other.nanos ? -1n : this.nanos > other.nanos ? 1n : 0n;
  }

  add(other: Quantity | bigint): Quantity {
    return Quantity.fromNanos(this.nanos + nanosOf(other));
  }

  sub(other: Quantity | bigint): Quantity {
    return Quantity.fromNanos(this.nanos - nanosOf(other));
  }

  toString(): string {
    return this.text;
  }
}

function nanosOf(value: Quantity | bigint): bigint {
  return typeof value === 'bigint' ? value * NANO : value.nanos;
}

/** `numerator` × 10^`exponent`, rounded away from zero to an integer (Kubernetes rounds up below 1n). */
function scaleToNanos(numerator: bigint, exponent: number): bigint {
  if (exponent >= 0) return numerator * 10n ** BigInt(exponent);
  const divisor = 10n ** BigInt(-exponent);
  const quotient = numerator / divisor;
  return numerator % divisor === 0n ? quotient : quotient + 1n;
}

function formatNanos(nanos: bigint): string {
  if (nanos % NANO === 0n) return String(nanos / NANO);
  const negative = nanos < 0n;
  const magnitude = negative ? -nanos : nanos;
  const fraction = String(magnitude % NANO).padStart(9, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${magnitude / NANO}.${fraction}`;
}
